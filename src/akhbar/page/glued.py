"""Glued-run splitting: the pieces of a run of headlines that a crawler glued together.

Boundaries are a closing quote directly followed by an opening quote (SEED) and a long word
that is two frequent words glued (``akhbar.page.wordlist.split_glued``).
"""

from __future__ import annotations

import re

_ARABIC_RUN = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652]{7,}")
_QUOTE_GLUE = re.compile(r'(?<=["”»])(?=["“«])')


def split_glued_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the pieces of ``text[start:end]``, a run of headlines a crawler glued together.

    Boundaries: a closing quote directly followed by an opening quote (SEED ``لإلغائها""الحوار``)
    and a long word that is two frequent words glued (``الاتهاماتأوربان``; see
    ``akhbar.page.wordlist.split_glued``, with the page's own words as extra vocabulary).
    """
    from akhbar.page.wordlist import split_glued

    vocab = set(re.findall(r"[\u0621-\u064a\u0671-\u06d3]+", text))
    cuts = {m.start() for m in _QUOTE_GLUE.finditer(text, start, end)}
    for m in _ARABIC_RUN.finditer(text, start, end):
        w = m.group()
        v = vocab if text.count(w) <= 1 else vocab | {w}
        parts = split_glued(w, v - {w})
        if len(parts) == 2:
            cuts.add(m.start() + len(parts[0]))
    spans = []
    prev = start
    for c in sorted(cuts):
        if c > prev:
            spans.append((prev, c))
        prev = c
    spans.append((prev, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
