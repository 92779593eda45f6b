"""Span maps: the normalization steps applied with an offset map (``run_steps_mapped``).

The same steps as ``akhbar.arabic.steps.run_steps`` (see there for the step kinds), applied
while tracking, for each output character, the index in the input of the character it came
from; this is ``normalize_with_map`` of ``akhbar.arabic.normalize``.  Pure Python per
character, so slower than the fast path: a literal replacement is mapped as a literal regex,
a translation per character, NFC per word by clusters (a starter and its non-starters,
merged with the previous cluster when they compose), and ``("spaces",)`` as the equivalent
regex steps ``_SPACES_MAPPED``.  A replacement of another length maps every output character
to the first input character of the match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from akhbar.arabic.charclass import EDGE_SPACES, NON_SPACE_RUN, OTHER_SPACES, SPACES

Repl = str | Callable[[re.Match[str]], str]
_LITERAL_RE: dict[str, re.Pattern[str]] = {}


def _map_translate(text: str, m: list[int], table: dict[int, str]) -> tuple[str, list[int]]:
    out: list[str] = []
    nm: list[int] = []
    for ch, src in zip(text, m):
        r = table.get(ord(ch), ch)
        if r is None:
            continue
        if isinstance(r, int):
            r = chr(r)
        out.append(r)
        nm.extend([src] * len(r))
    return "".join(out), nm


def _map_runs(text: str, m: list[int], pat: re.Pattern[str],
              piece_of: Callable[[re.Match[str], list[int]], tuple[str, list[int]] | None]) -> tuple[str, list[int]]:
    """Replace each run ``pat`` finds by ``piece_of(match, map_of_the_run)`` (a piece and its map;
    None leaves the run as it is); the text between runs keeps its map."""
    out: list[str] = []
    nm: list[int] = []
    pos = 0
    for mt in pat.finditer(text):
        s, e = mt.span()
        r = piece_of(mt, m[s:e])
        if r is None:
            continue
        out.append(text[pos:s])
        nm.extend(m[pos:s])
        out.append(r[0])
        nm.extend(r[1])
        pos = e
    out.append(text[pos:])
    nm.extend(m[pos:])
    return "".join(out), nm


def _map_trsub(text: str, m: list[int], pat: re.Pattern[str], table: dict[int, str]) -> tuple[str, list[int]]:
    """Translate (per character, so the map stays exact) only the runs ``pat`` finds."""
    return _map_runs(text, m, pat, lambda mt, sub: _map_translate(mt.group(0), sub, table))


def _map_sub(text: str, m: list[int], pat: re.Pattern[str], repl: Repl) -> tuple[str, list[int]]:
    def piece(mt: re.Match[str], sub: list[int]) -> tuple[str, list[int]]:
        r = repl(mt) if callable(repl) else repl
        if len(r) == len(sub):
            return r, sub
        s = mt.start()
        return r, [m[s] if s < len(m) else (m[-1] if m else 0)] * len(r)

    return _map_runs(text, m, pat, piece)


def _map_nfc(text: str, m: list[int]) -> tuple[str, list[int]]:
    if unicodedata.is_normalized("NFC", text):
        return text, m
    # a space or newline never composes: NFC word by word, skipping the words already in NFC
    return _map_runs(text, m, NON_SPACE_RUN,
                     lambda mt, sub: None if unicodedata.is_normalized("NFC", mt.group(0))
                     else _map_nfc_word(mt.group(0), sub))


def _map_nfc_word(text: str, m: list[int]) -> tuple[str, list[int]]:
    """NFC of one word with its map: clusters (a starter and its non-starters), merged
    with the previous cluster when they compose."""
    clusters: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            clusters.append((start, i))
            start = i
    merged: list[tuple[int, int]] = []
    for c in clusters:
        if merged:
            a0, a1 = merged[-1]
            joined = unicodedata.normalize("NFC", text[a0 : c[1]])
            if joined != unicodedata.normalize("NFC", text[a0:a1]) + unicodedata.normalize("NFC", text[c[0] : c[1]]):
                merged[-1] = (a0, c[1])
                continue
        merged.append(c)
    out: list[str] = []
    nm: list[int] = []
    for a, b in merged:
        piece = unicodedata.normalize("NFC", text[a:b])
        out.append(piece)
        nm.extend(m[a : a + len(piece)] if len(piece) <= b - a else [m[a]] * len(piece))
    return "".join(out), nm


def _map_strip(text: str, m: list[int]) -> tuple[str, list[int]]:
    s = len(text) - len(text.lstrip())
    e = len(text.rstrip())
    if e <= s:
        return "", []
    return text[s:e], m[s:e]


def _map_lower(text: str, m: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    nm: list[int] = []
    for ch, src in zip(text, m):
        r = "i" if ch == "\u0130" else "\u03c3" if ch == "\u03a3" else ch.lower()
        out.append(r)
        nm.extend([src] * len(r))
    return "".join(out), nm


#: Mapped equivalent of ("spaces",): the same result through regex steps.
_SPACES_MAPPED: tuple[tuple, ...] = (
    ("re", OTHER_SPACES, " "),
    ("re", SPACES, " "),
    ("rep", " \n", "\n"),
    ("rep", "\n ", "\n"),
    ("re", EDGE_SPACES, ""),
)


def run_steps_mapped(text: str, steps: list[tuple]) -> tuple[str, list[int]]:
    n = len(text)
    m = list(range(n))
    expanded: list[tuple] = []
    for st in steps:
        expanded.extend(_SPACES_MAPPED if st[0] == "spaces" else (st,))
    for st in expanded:
        kind = st[0]
        if kind == "rep":
            if st[1] in text:
                pat = _LITERAL_RE.get(st[1])
                if pat is None:
                    pat = _LITERAL_RE.setdefault(st[1], re.compile(re.escape(st[1])))
                text, m = _map_sub(text, m, pat, st[2])
        elif kind == "re":
            text, m = _map_sub(text, m, st[1], st[2])
        elif kind == "squeeze":
            text, m = _map_sub(text, m, st[2], st[1])
        elif kind == "trsub":
            text, m = _map_trsub(text, m, st[1], st[2])
        elif kind == "tr":
            text, m = _map_translate(text, m, st[1])
        elif kind == "lower":
            text, m = _map_lower(text, m)
        elif kind == "nfc":
            text, m = _map_nfc(text, m)
        else:
            text, m = _map_strip(text, m)
    m.append(n)
    return text, m
