"""The line-labelling regexes run in linear time (issue 18: catastrophic backtracking).

``ENGLISH_UI`` took 2.1 s on 60 Latin letters and 12.6 s on 80; ``RELATED_HEADER`` was cubic on a
run of spaces; a few others were quadratic. Each pattern is run here on long hostile lines.
"""

from __future__ import annotations

import re
import time

import pytest

import akhbar
from akhbar.html import cues
from akhbar.page import lexicon as lx
from akhbar.page import lines as ln

N = 5000
HOSTILE = [
    "a" * N + "!",
    "a" * N + "1",
    "www-sabq-org/saudi/news/" + "-".join(["coronavirus"] * (N // 12)) + "-coronavirus19",
    "Loader " * (N // 7) + "؟",
    "اقرأ أيضا" + " " * N + "x",
    "Related" + "\u00a0" * N + "ب",
    "الرئيسية" + " " * N,
    "." * N + "x المزيد",
    "لمزيد" + ". " * N + "x",
    "@" * N + " x",
    "email: " + "a@" * N + " x",
    "a." * N + "!",
    "- " * N + "(",
    "(" + " " * N,
]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for mod in (lx, ln, cues):
        for name, v in vars(mod).items():
            if isinstance(v, re.Pattern):
                out.append((f"{mod.__name__}.{name}", v))
            elif isinstance(v, dict):
                out += [(f"{mod.__name__}.{name}[{k}]", p) for k, p in v.items() if isinstance(p, re.Pattern)]
    return out


@pytest.mark.parametrize("name,pattern", _patterns(), ids=lambda x: x if isinstance(x, str) else "")
def test_pattern_is_fast_on_hostile_lines(name: str, pattern: re.Pattern[str]) -> None:
    for line in HOSTILE:
        t0 = time.perf_counter()
        pattern.match(line)
        pattern.search(line)
        assert time.perf_counter() - t0 < 0.25, (name, line[:40])


def test_english_ui_same_results() -> None:
    yes = ["Loader Search", "Trending Plus", "Short URL Copy", "A B C D E F", "Next", "a.b-c/d", "Home  ", "x+y& z"]
    no = ["A B C D E F G", "1 Loader", "-abc", "Loader Search 2", "Loader ب", "", " Home", "coronavirus19"]
    assert all(lx.ENGLISH_UI.match(s) for s in yes)
    assert not any(lx.ENGLISH_UI.match(s) for s in no)


def test_refine_text_long_latin_line_is_fast() -> None:
    body = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الحصبة تستهدف الأطفال في جميع المحافظات."
    akhbar.refine_text(body)  # warm up (models and tables load once)
    for line in ("a" * N + "!", "www-sabq-org/saudi/news/" + "a-" * (N // 2) + "coronavirus19"):
        t0 = time.perf_counter()
        akhbar.refine_text(body + "\n" + line + "\n" + body)
        assert time.perf_counter() - t0 < 0.8
