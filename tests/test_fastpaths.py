"""Fast paths added for speed give exactly the results of the code paths they short-cut.

Each test compares a fast path with the general computation on random strings built from the
characters the rules care about (Arabic letters, marks, controls, Persian letters, odd spaces).
"""

from __future__ import annotations

import importlib
import random

N = importlib.import_module("akhbar.arabic.normalize")

_LETTERS = "ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآةى"
_SPECIAL = [
    "\u0651", "\u064b", "\u0654", "\u0653", "\u0640", "\u200c", "\u200f", "\u200e", "\ufeff", "\u06cc",
    "\u06a9", "\u06c0", "\ufe8d", "\ufb50", "\u00a0", "\t", "\n", "\r", "\u2028", "\u0670", "  ", "\x1c",
    "\u3000", "e\u0301", "\u0627\u0653", " ", "،", "٣", "۳", "a", "Z",
]


def _random_text(rng: random.Random, n: int, rate: float) -> str:
    return "".join(rng.choice(_SPECIAL) if rng.random() < rate else rng.choice(_LETTERS) for _ in range(n))


def test_display_fast_path_equals_steps() -> None:
    rng = random.Random(7)
    fast = 0
    for i in range(20000):
        t = _random_text(rng, rng.randint(49, 120), 0.01 if i % 2 else 0.1)
        fast += N._display_unchanged(t)
        for lang in (None, "ar", "fa"):
            for digits in (None, "keep"):
                assert N.normalize(t, "display", digits=digits, lang=lang) == N._run(
                    t, N._steps_normalize(t, "display", digits, lang)
                ), (t, lang, digits)
    assert fast > 1000  # the fast path was exercised
