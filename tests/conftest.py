"""Shared fixtures: SHARED points at ../shared (real data and gold); tests needing it skip when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present")
    return SHARED
