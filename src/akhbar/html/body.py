"""The body vote: which rendered lines are the article's main text, by trafilatura's paragraphs.

Owns :func:`trafilatura_paragraphs` (the only call into ``trafilatura.bare_extraction``) and
:func:`vote_body`, which matches those paragraphs to the rendered lines
(:class:`akhbar.html.render.Block`) by their folded text (:func:`akhbar.html.cues.key`).

Rules, each measured on the gold pages by ``benchmarks/html_gold.py``:

* body = lines whose text equals a paragraph of ``trafilatura.bare_extraction``; a first pass
  leaves out lines in the zones of :data:`STRONG_VETO` (comment dialogs, cookie/newsletter boxes,
  captions, share bars, related cards), so that a paragraph repeated there is matched to its copy
  in the article; furniture trafilatura keeps is then vetoed by zone or by cue in
  :mod:`akhbar.html.labels`;
* a paragraph that is a run of consecutive lines (a table row, which trafilatura writes as
  ``| cell | cell |`` while each cell renders as its own line; a paragraph split by ``<br>``
  into short lines): the lines of the first such run vote (``benchmarks/html_aeb.py``: the
  stats tables of autoracing.com.br and dawgsbynature.com);
* paragraphs trafilatura merged (its baseline fallback joins a small page into one): lines
  contained in an unmatched paragraph vote too;
* trafilatura found nothing: long (10+ words), link-poor prose lines outside boilerplate zones
  (signal ``fallback_body``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from akhbar.html.cues import key
from akhbar.html.render import Block

#: Zones whose lines a trafilatura paragraph does not make body, with the label they get instead.
STRONG_VETO = {"comment": "other_boilerplate", "cookie": "other_boilerplate", "newsletter": "other_boilerplate",
               "caption": "other_boilerplate", "share": "share", "related": "related"}


def trafilatura_paragraphs(html: Any, url: str | None) -> list[str]:
    """Main-text paragraphs from ``trafilatura.bare_extraction`` (metadata off), whitespace collapsed.

    ``html``: the page as ``str`` (trafilatura parses it with its own parser; our own walk runs on
    a plain ``lxml.etree`` tree, :func:`akhbar.html.extract.parse_html`). trafilatura runs with
    the same-result speedups of :mod:`akhbar.html.trafilatura_fast`. Returns ``[]`` when
    trafilatura finds nothing or raises.
    """
    import trafilatura

    from akhbar.html.trafilatura_fast import fast_lookup, install

    # same-result speedups; among them jusText's fallback in linear time, so that a page of tiny
    # paragraphs is no hang
    install()
    try:
        with fast_lookup():
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=False, include_comments=False, include_tables=True,
                include_images=False, include_links=False,
            )
    except Exception:
        return []
    if doc is None:
        return []
    text = doc.get("text") if isinstance(doc, dict) else getattr(doc, "text", None)
    if not text:
        return []
    return [p for p in (" ".join(x.split()) for x in text.split("\n")) if p]


#: Most (line, unmatched paragraph) pairs ``vote_body`` compares for merged paragraphs; past it
#: only the first unmatched paragraphs are used (real pages leave a handful unmatched).
MAX_MERGED_CHECKS = 2_000_000


def vote_body(blocks: list[Block], keys: list[str], paras: list[str], signals: dict[str, Any]) -> list[bool]:
    """``cand[i]``: line ``i`` (folded text ``keys[i]``) is voted main text by ``paras``.

    Sets ``signals`` ``fallback_body`` (when no line matched), ``trafilatura_paragraphs`` and
    ``trafilatura_unmatched`` (paragraphs left without a line).
    """
    n = len(blocks)
    want = Counter(key(p) for p in paras)
    cand = [False] * n
    for strong_pass in (True, False):
        for i, b in enumerate(blocks):
            if cand[i] or want.get(keys[i], 0) <= 0:
                continue
            if strong_pass and b.zones & STRONG_VETO.keys():
                continue
            cand[i] = True
            want[keys[i]] -= 1
    _vote_runs(keys, want, cand)
    # paragraphs trafilatura merged (its baseline fallback joins a small page into one):
    # lines contained in an unmatched paragraph vote too
    left = [k for k, v in want.items() if v > 0 and len(k) >= 40]
    if left and n * len(left) > MAX_MERGED_CHECKS:  # bounded work on pathological pages (issue 18)
        left = left[: max(1, MAX_MERGED_CHECKS // n)]
    if left:
        for i in range(n):
            if cand[i] or len(keys[i]) < 25:
                continue
            # a line inside a merged paragraph, or a line holding paragraphs trafilatura split
            inside = sum(len(p) for p in left if p in keys[i])
            if any(keys[i] in p for p in left) or inside >= 0.5 * len(keys[i]):
                cand[i] = True
    # trafilatura found nothing: long, link-poor prose lines outside boilerplate zones
    if not any(cand):
        for i, b in enumerate(blocks):
            if (len(b.text.split()) >= 10 and b.link_chars < 0.3 * len(b.text)
                    and not b.zones & (STRONG_VETO.keys() | {"nav", "footer", "sidebar", "ad"})):
                cand[i] = True
        signals["fallback_body"] = 1.0
    signals["trafilatura_paragraphs"] = len(paras)
    signals["trafilatura_unmatched"] = sum(v for v in want.values() if v > 0)
    return cand


#: Most lines one paragraph's run may span (:func:`_vote_runs`).
MAX_RUN_LINES = 200


def _vote_runs(keys: list[str], want: Counter, cand: list[bool]) -> None:
    """Unmatched paragraphs (``want``, folded) that are the folded text of 2+ consecutive
    not-yet-voted lines joined by spaces (lines with no text skipped): those lines vote (in place).
    Work: one dict of the lines' first words, then per paragraph only the lines starting with its
    first word, each walked at most :data:`MAX_RUN_LINES` lines."""
    left = [p for p, v in want.items() if v > 0 and " " in p]
    if not left:
        return
    starts: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if k and not cand[i]:
            starts.setdefault(k.split(" ", 1)[0], []).append(i)
    n = len(keys)
    for p in left:
        for i in starts.get(p.split(" ", 1)[0], ()):
            if cand[i] or not p.startswith(keys[i]):
                continue
            run, pos, j = [i], len(keys[i]), i + 1
            while pos < len(p) and j < n and j - i < MAX_RUN_LINES:
                k = keys[j]
                if k:
                    if cand[j] or not p.startswith(" " + k, pos):
                        break
                    run.append(j)
                    pos += 1 + len(k)
                j += 1
            if pos == len(p) and len(run) > 1:
                for j in run:
                    cand[j] = True
                want[p] -= 1
                if want[p] <= 0:
                    break


def first_long_body(keys: list[str], cand: list[bool]) -> int | None:
    """The first voted line of 40+ folded characters (the headline is looked for before it)."""
    return next((i for i in range(len(keys)) if cand[i] and len(keys[i]) >= 40), None)
