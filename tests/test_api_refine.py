"""akhbar.refine: RunOptions and Settings fields as keywords, unknown keywords refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import akhbar

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_refine_accepts_settings_fields(tmp_path) -> None:
    res = akhbar.refine([EXAMPLES], tmp_path, quality=False, stories=False, limit=3)
    assert res.records == 3
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["quality"] is False and manifest["settings"]["stories"] is False
    assert not (tmp_path / "akhbar.sqlite").exists()  # the store only with index=True


def test_refine_refuses_unknown_option(tmp_path) -> None:
    with pytest.raises(TypeError, match="bogus"):
        akhbar.refine([EXAMPLES], tmp_path, bogus=1)
