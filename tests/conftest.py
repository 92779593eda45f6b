"""Shared fixtures: SHARED points at ../shared (real data and gold); tests needing it skip when absent.

Property tests (hypothesis) run derandomized by default, so a run is reproducible and CI cannot
fail on an example no earlier run saw; ``HYPOTHESIS_PROFILE=explore`` draws new examples.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

try:
    from hypothesis import settings as _hsettings

    _hsettings.register_profile("default_derandomized", derandomize=True)
    _hsettings.register_profile("explore", derandomize=False)
    _hsettings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default_derandomized"))
except ImportError:  # hypothesis is a test extra
    pass

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present")
    return SHARED
