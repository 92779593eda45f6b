"""Line labels of an HTML page: one label per rendered line, as in ``shared/gold/pages/README.md``.

Owns :func:`label_lines` (title, related, share, source, tags, footer, body, dateline,
navigation, ad, other_boilerplate; ``byline`` and more ``dateline`` lines are set later by
:mod:`akhbar.html.bylines` and :mod:`akhbar.html.choices`) and :func:`article_region` (the span
of lines the bylines and the visible dates are looked for in).

Rules, each measured on the gold pages by ``benchmarks/html_gold.py`` (HTML-route line-label
accuracy):

* a line trafilatura voted for (:mod:`akhbar.html.body`) is body unless vetoed by zone (comment
  dialogs, captions, share bars, related cards: :data:`akhbar.html.body.STRONG_VETO`) or by cue:
  the repeated headline, a dateline (14 words or fewer with a digit, in a ``date`` zone or led
  by :data:`akhbar.html.cues.DATELINE_LEADS`), a ``--(بترا)`` credit line
  (:data:`akhbar.html.cues.SOURCE_LINE`), an ``اقرأ أيضاً`` lead (a list line), comment-policy
  text (:data:`akhbar.html.cues.BOILERPLATE_PHRASES`), a tags row, short nav/footer/ad lines;
* the standfirst trafilatura leaves out (a ``lead`` zone, 8+ words, link-poor: sputnik
  ``b-article__lead``) is body;
* other lines take their zone's label; a mostly-linked line is navigation (4 words or fewer)
  or related;
* a tag heading's links on the following lines of its container are tags; short furniture
  between two lines of one related list (teaser dates, section chips, counters) and datelines in
  sidebar/related zones are related.
"""

from __future__ import annotations

from akhbar.html.body import STRONG_VETO
from akhbar.html.cues import (
    BOILERPLATE_PHRASES,
    DATELINE_LEADS,
    DIGIT,
    SHARE_WORDS,
    SOURCE_LINE,
    TAG_HEADINGS,
)
from akhbar.html.lists import container_members
from akhbar.html.render import Block


def label_lines(blocks: list[Block], keys: list[str], cand: list[bool], rel_kind: list[str | None],
                title_lines: set[int], tkey: str | None) -> list[str]:
    """One label per line of ``blocks`` from the body vote ``cand``, the list marks ``rel_kind`` of
    :func:`akhbar.html.lists.mark_lists` and the headline lines ``title_lines``."""
    n = len(blocks)
    labels: list[str] = ["other_boilerplate"] * n
    tag_lines: set[int] = set()
    for i, b in enumerate(blocks):
        labels[i] = _label(i, b, keys[i], cand[i], rel_kind[i], title_lines, tkey)
        if labels[i] == "tags":
            tag_lines.add(i)
    # tag heading lines whose links are on the following lines of the same container
    for i in sorted(tag_lines):
        if not any(k2 for k2 in blocks[i].anchors) and keys[i] in TAG_HEADINGS:
            for j in container_members(blocks, i, max_up=2, stops=frozenset(tag_lines)):
                if labels[j] in ("other_boilerplate", "navigation", "related") and blocks[j].anchors:
                    labels[j] = "tags"

    # short furniture between two lines of one related list (teaser dates, section chips,
    # counters) belongs to the list
    for i in range(1, n - 1):
        if labels[i] in ("dateline", "navigation", "other_boilerplate") and len(blocks[i].text.split()) <= 6:
            prev = next((j for j in range(i - 1, max(-1, i - 4), -1) if labels[j] == "related"), None)
            nxt = next((j for j in range(i + 1, min(n, i + 4)) if labels[j] == "related"), None)
            if prev is not None and nxt is not None and all(
                    labels[j] in ("related", "dateline", "navigation", "other_boilerplate") for j in range(prev, nxt)):
                labels[i] = "related"
    for i, b in enumerate(blocks):
        if labels[i] == "dateline" and b.zones & {"sidebar", "related"}:
            labels[i] = "related"
    return labels


def article_region(labels: list[str], title_idx: int | None) -> tuple[int, int]:
    """``(start, end)`` line indices of the article: from the headline (or first body line) to the
    last body line; without body, 60 lines from the start."""
    n = len(labels)
    body_idx = [i for i in range(n) if labels[i] == "body"]
    start = title_idx if title_idx is not None else (body_idx[0] if body_idx else 0)
    end = body_idx[-1] if body_idx else min(n - 1, start + 60)
    return start, end


def _label(i: int, b: Block, k: str, cand: bool, rel: str | None, title_lines: set[int], tkey: str | None) -> str:
    zones = b.zones
    words = len(b.text.split())
    if i in title_lines:
        return "title"
    if rel:
        return "related"
    if cand:
        for z, lab in STRONG_VETO.items():
            if z in zones:
                return lab
    if any(p in k for p in BOILERPLATE_PHRASES):
        return "footer" if "footer" in zones else "other_boilerplate"
    if SOURCE_LINE.search(b.text) and words <= 8:
        return "source"
    first = k.split(" ", 3)
    lead2 = " ".join(first[:2])
    if (k in TAG_HEADINGS or first[0] in TAG_HEADINGS or lead2 in TAG_HEADINGS) and (not cand or words <= 12):
        return "tags"
    if not cand and "footer" in zones:
        return "footer"
    if not cand and ("share" in zones or (k and all(w in SHARE_WORDS for w in k.split()))):
        return "share"
    if "tags" in zones and not cand:
        return "tags"
    if "lead" in zones and words >= 8 and b.link_chars < 0.3 * len(b.text):
        return "body"  # the standfirst/lead paragraph trafilatura leaves out (sputnik b-article__lead)
    if words <= 14 and DIGIT.search(b.text) and (
        "date" in zones or first[0] in DATELINE_LEADS or lead2 in DATELINE_LEADS
    ):
        return "dateline"
    if cand:
        if ("nav" in zones or "breadcrumb" in zones) and words <= 6:
            return "navigation"
        if "footer" in zones and words <= 12:
            return "footer"
        if "ad" in zones and words <= 12:
            return "ad"
        return "body"
    if "share" in zones or (k and all(w in SHARE_WORDS for w in k.split())):
        return "share"
    if "footer" in zones:
        return "footer"
    if "nav" in zones or "breadcrumb" in zones:
        return "navigation"
    if "ad" in zones:
        return "ad"
    if zones & {"comment", "cookie", "newsletter", "caption", "form"}:
        return "other_boilerplate"
    if b.anchors and b.link_chars >= 0.8 * len(b.text):
        return "navigation" if words <= 4 else "related"
    return "other_boilerplate"
