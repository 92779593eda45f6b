"""Site furniture learned from repetition across the pages of one site (two-pass corpus pass).

Pass 1, :meth:`RepeatedLines.observe` once per page with the page's ``site`` (publisher or URL host) and
its lines; then :meth:`RepeatedLines.freeze`; pass 2, :meth:`RepeatedLines.is_repeated` per line and
:meth:`RepeatedLines.strip_repeated_affixes` for furniture fused into a line. No per-site rule is
written anywhere: a site akhbar has never seen gets its furniture learned from its own pages.

What is learned, per site:

* **whole lines** that occur on at least ``max(min_pages, min_fraction * pages_of_site)`` distinct
  pages: share bars, subscription lines, "Next Previous", copyright, agency sign-offs
  (``// انتهى //``, ``19:22 ت م``);
* **leading and trailing word runs** (``affix_min_words`` to ``affix_max_words`` words, default 2 to 24) of the first and
  last line of each page, with the same page threshold times ``affix_fraction_factor``: the Okaz share
  bar fused before the first sentence (``شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد ...``), the
  Al Madina SMS line glued to the end of the last paragraph, the Al Weeam back-link
  (``رابط الخبر بصحيفة الوئام: <title>``) — SaudiNewsNet observations, ../shared/data/saudinewsnet/SOURCE.md.

Lines are compared in a folded form: ``akhbar.arabic.normalize(line, "search")``, every run of digits
(any script: ``\\d`` is Unicode-aware) replaced by ``0``, whitespace collapsed. So ``19:22 ت م`` and
``13:26 ت م`` are the same line. Lines longer than ``FULL_FOLD_MAX`` characters skip the search
normalization (digits and whitespace are still folded): on all 31,030 SaudiNewsNet pages every learned
whole line is shorter than 150 characters, template lines are copied byte for byte, and long lines are
mostly article paragraphs whose folding cost 0.25 ms a page in each pass for nothing. Each distinct line counts once per page, and a page whose longest line
was already seen on the same site (a republished copy) is not counted again, so one story printed five
times does not turn its paragraphs into furniture.

Memory: one 8-byte BLAKE2b key per distinct folded line (or affix) per site in a ``dict[int, int]``; when
a site's table passes ``max_entries`` keys, keys seen on a single page are dropped (lossy counting), which
bounds memory whatever the corpus size. After :meth:`freeze` only the repeated keys are kept.
Thresholds measured on SaudiNewsNet dev gold: ``benchmarks/dedup_furniture.py``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

from akhbar import arabic

__all__ = ["RepeatedLines", "fold_line"]

_DIGITS = re.compile(r"\d+")
_TOKEN = re.compile(r"\S+")
_EDGE_JUNK = " \t\u00a0-–—_:|/\\•·*"


#: Lines longer than this (characters) are folded without the search normalization (see module docstring).
FULL_FOLD_MAX = 200


def fold_line(line: str) -> str:
    """Comparison form of a line (str): search-normalized (lines up to ``FULL_FOLD_MAX`` characters),
    digit runs -> ``0``, whitespace collapsed.

    >>> fold_line("19:22 ت م") == fold_line("13:26  ت م")
    True
    """
    if len(line) <= FULL_FOLD_MAX:
        line = arabic.normalize(line, "search")
    # str.split() splits on exactly the characters regex \s matches in str patterns (Py_UNICODE_ISSPACE)
    return " ".join(_DIGITS.sub("0", line).split())


def _fold_token(token: str, full: bool) -> str:
    if full:
        token = arabic.normalize(token, "search")
    return " ".join(_DIGITS.sub("0", token).split())


def _key(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


# Keys of word runs: a polynomial rolling hash over the words' 64-bit keys (multiplier: the 64-bit FNV
# prime), so the keys of all run lengths of a line cost one hash per word instead of one per run.
_ROLL = 0x100000001B3
_MASK64 = (1 << 64) - 1
_SEED_PREFIX, _SEED_SUFFIX = _key("P\x00"), _key("S\x00")


def _run_keys(ws: list[str], lo: int, hi: int, suffix: bool) -> list[int]:
    """Keys of the leading (``suffix=False``) or trailing word runs of ``ws`` of ``lo..hi`` words, in
    order of growing length (list of int; empty when ``hi < lo``)."""
    if hi < lo:
        return []
    h = _SEED_SUFFIX if suffix else _SEED_PREFIX
    out: list[int] = []
    memo = _WORD_KEYS
    for k, w in enumerate(reversed(ws[len(ws) - hi :]) if suffix else ws[:hi], 1):
        wk = memo.get(w)
        if wk is None:
            if len(memo) >= _WORD_KEYS_MAX:
                memo.clear()
            wk = memo[w] = _key(w)
        h = (h * _ROLL + wk) & _MASK64
        if k >= lo:
            out.append(h)
    return out


#: word -> ``_key(word)``, a memo for ``_run_keys`` (the first and last lines of a site's pages repeat
#: the same words); cleared when full, so at most ``_WORD_KEYS_MAX`` entries (about 20 MB).
_WORD_KEYS: dict[str, int] = {}
_WORD_KEYS_MAX = 200_000


def _fold_words(line: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded words of ``line`` and their character spans in ``line`` (tokens that fold to nothing dropped).

    Tokens are folded the way ``fold_line`` folds the whole line (search normalization only for short lines).
    """
    ws, spans = [], []
    full = len(line) <= FULL_FOLD_MAX
    for m in _TOKEN.finditer(line):
        f = _fold_token(m.group(), full)
        if f:
            ws.append(f)
            spans.append(m.span())
    return ws, spans


class RepeatedLines:
    """Learn repeated lines and line affixes per site (see module docstring).

    ``min_pages`` (int) and ``min_fraction`` (of the site's counted pages) set the page threshold;
    ``affix_min_words``/``affix_max_words`` bound the learned leading/trailing runs (words);
    ``affix_fraction_factor`` multiplies the threshold for affixes; ``affix_keep``: an affix is extended by
    one more word only while the longer run keeps this share of the shorter run's pages; ``min_line_chars``: shorter folded
    lines (e.g. a lone ``-``) are ignored; ``max_entries``: per-site table size that triggers pruning.
    Raises ``RuntimeError`` when pass-2 methods are called before :meth:`freeze` or ``observe`` after it.
    """

    def __init__(
        self,
        min_pages: int = 4,
        min_fraction: float = 0.004,
        *,
        affix_min_words: int = 2,
        affix_max_words: int = 24,
        affix_fraction_factor: float = 1.0,
        affix_keep: float = 0.15,
        min_line_chars: int = 2,
        max_entries: int = 2_000_000,
    ) -> None:
        self.min_pages = min_pages
        self.min_fraction = min_fraction
        self.affix_min_words = affix_min_words
        self.affix_max_words = affix_max_words
        self.affix_fraction_factor = affix_fraction_factor
        self.affix_keep = affix_keep
        self.min_line_chars = min_line_chars
        self.max_entries = max_entries
        self._lines: dict[str, dict[int, int]] = defaultdict(dict)
        self._affix: dict[str, dict[int, int]] = defaultdict(dict)
        self._pages: dict[str, int] = defaultdict(int)
        self._seen_pages: dict[str, set[int]] = defaultdict(set)
        self._frozen = False
        self._rep: dict[str, frozenset[int]] = {}
        self._rep_affix: dict[str, dict[int, int]] = {}

    # ----------------------------------------------------------------- pass 1
    def observe(self, site: str, lines: list[str]) -> None:
        """Count the lines of one page of ``site`` (each distinct folded line once)."""
        if self._frozen:
            raise RuntimeError("observe() after freeze()")
        keys = self.page_keys(lines)
        if keys is not None:
            self.observe_keys(site, *keys)

    def page_keys(self, lines: list[str]) -> tuple[int | None, list[int], list[int]] | None:
        """What pass 1 counts for one page, as hashes: ``(fingerprint, line_keys, affix_keys)``, or None when
        no line is long enough to count.

        ``fingerprint``: key of the longest folded line when it has at least 40 characters (a republished
        copy of a page has the same one), else None; ``line_keys``: distinct keys of the folded lines, sorted;
        ``affix_keys``: distinct keys of the leading/trailing word runs of the first and last line, sorted.
        A pure function of ``lines`` and the affix bounds, so workers can compute it in parallel and the
        parent count it with :meth:`observe_keys` in input order (the result is the same as ``observe``).
        """
        folded = [fold_line(x) for x in lines]
        kept = [f for f in folded if len(f) >= self.min_line_chars]
        if not kept:
            return None
        longest = max(kept, key=len)
        fp = _key(longest) if len(longest) >= 40 else None
        line_keys = sorted({_key(f) for f in kept})
        keys: set[int] = set()
        lo = self.affix_min_words
        for f in {kept[0], kept[-1]}:
            ws = f.split(" ")
            hi = min(self.affix_max_words, len(ws) - 1)
            keys.update(_run_keys(ws, lo, hi, False))
            keys.update(_run_keys(ws, lo, hi, True))
        return fp, line_keys, sorted(keys)

    def observe_keys(self, site: str, fp: int | None, line_keys: list[int], affix_keys: list[int]) -> None:
        """Count one page of ``site`` from its :meth:`page_keys` (call in input order for a deterministic
        result: the republished-copy check and the lossy pruning depend on order)."""
        if self._frozen:
            raise RuntimeError("observe() after freeze()")
        if fp is not None:
            seen = self._seen_pages[site]
            if fp in seen:
                return
            seen.add(fp)
        self._pages[site] += 1
        table = self._lines[site]
        for k in line_keys:
            table[k] = table.get(k, 0) + 1
        affix = self._affix[site]
        for k in affix_keys:
            affix[k] = affix.get(k, 0) + 1
        if len(table) > self.max_entries:
            self._lines[site] = {k: v for k, v in table.items() if v > 1}
        if len(affix) > self.max_entries:
            self._affix[site] = {k: v for k, v in affix.items() if v > 1}

    def threshold(self, site: str) -> float:
        """Pages (float) a whole line must appear on to be furniture of ``site``."""
        return max(self.min_pages, self.min_fraction * self._pages.get(site, 0))

    def freeze(self) -> None:
        """End pass 1: keep only the repeated keys per site."""
        for site, table in self._lines.items():
            th = self.threshold(site)
            self._rep[site] = frozenset(k for k, v in table.items() if v >= th)
        for site, table in self._affix.items():
            th = self.threshold(site) * self.affix_fraction_factor
            self._rep_affix[site] = {k: v for k, v in table.items() if v >= th}
        self._lines.clear()
        self._affix.clear()
        self._seen_pages.clear()
        self._frozen = True

    # ----------------------------------------------------------------- pass 2
    def _check(self) -> None:
        if not self._frozen:
            raise RuntimeError("call freeze() after the first pass")

    def pages(self, site: str) -> int:
        """Pages of ``site`` counted in pass 1 (republished copies excluded)."""
        return self._pages.get(site, 0)

    def n_repeated(self, site: str) -> tuple[int, int]:
        """(repeated whole lines, repeated affixes) learned for ``site``."""
        self._check()
        return len(self._rep.get(site, ())), len(self._rep_affix.get(site, ()))

    def is_repeated(self, site: str, line: str) -> bool:
        """True when the folded ``line`` is site furniture of ``site`` (False for an unseen site)."""
        self._check()
        rep = self._rep.get(site)
        if not rep:
            return False
        f = fold_line(line)
        return len(f) >= self.min_line_chars and _key(f) in rep

    def _extend(self, rep: dict[int, int], keys: list[int]) -> int:
        """Index in ``keys`` (runs of growing length) of the run where the affix ends.

        The run grows while the longer run is still repeated on at least ``affix_keep`` times as many pages
        as the shorter one; a sharp drop means the next word is content (``... اكتب رأيك`` on 157 Okaz pages,
        ``... اكتب رأيك أكد`` on a handful), the branching criterion of unsupervised word segmentation.
        """
        best, count = 0, rep.get(keys[0], 0)
        for i in range(1, len(keys)):
            c = rep.get(keys[i])
            if c is None or c < self.affix_keep * count:
                break
            best, count = i, c
        return best

    def strip_repeated_affixes(self, site: str, line: str) -> tuple[str, tuple[int, int]]:
        """Remove a learned leading and/or trailing word run from ``line``.

        Returns ``(kept_text, (start, end))`` with ``kept_text == line[start:end]`` (character offsets into
        ``line``); separators left at the cut (``-``, ``:``, ``|``, spaces) are trimmed. A line with no
        learned affix comes back whole: ``(line, (0, len(line)))``. When the affixes cover the whole line
        the span is empty. Example (Okaz, learned from its pages)::

            "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد نائب ..."
            -> ("أكد نائب ...", (45, len(line)))
        """
        self._check()
        rep = self._rep_affix.get(site)
        whole = (line, (0, len(line)))
        if not rep:
            return whole
        fw = fold_line(line).split(" ")
        lo = self.affix_min_words
        if len(fw) <= lo:
            return whole
        pre = _run_keys(fw, lo, lo, False)[0] in rep
        suf = _run_keys(fw, lo, lo, True)[0] in rep
        if not (pre or suf):
            return whole
        ws, spans = _fold_words(line)
        n = len(ws)
        hi = min(self.affix_max_words, n - 1)
        start, end = 0, len(line)
        if pre and hi >= lo:
            start = spans[self._extend(rep, _run_keys(ws, lo, hi, False)) + lo][0]
        if suf and hi >= lo:
            k = self._extend(rep, _run_keys(ws, lo, hi, True)) + lo
            end = spans[n - k - 1][1]
        if (start, end) == (0, len(line)):
            return whole
        if start >= end:
            return "", (start, start)
        if start > 0:
            while start < end and line[start] in _EDGE_JUNK:
                start += 1
        if end < len(line):
            while end > start and line[end - 1] in _EDGE_JUNK:
                end -= 1
        return line[start:end], (start, end)
