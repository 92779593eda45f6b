"""Related-article lists and other link lists over the rendered lines and their DOM elements.

Owns :func:`mark_lists` (which lines belong to a recommendation list, ``"rec"``, or to another
link list such as latest news or a ticker, ``"other"``), :func:`container_members` (the lines a
list heading heads, found through the DOM) and :func:`related_links` (the main article's
``related`` field).

Rules, each measured on the gold pages by ``benchmarks/html_gold.py`` (related-headline recall
and precision):

* related = links of blocks headed by ``اقرأ أيضاً``/``أخبار ذات صلة``/``الأكثر قراءة``... (the
  :data:`akhbar.html.cues.RELATED_HEADINGS`) or inside ``related``-like containers, in page order,
  never in the body; other list headings (:data:`akhbar.html.cues.OTHER_LIST_HEADINGS`) and
  sidebar links make ``"other"`` lists, except a line trafilatura voted for that is prose with
  inline links (:func:`is_link_line` false): a zone name is no evidence against a paragraph
  (``benchmarks/html_aeb.py``: theverge, vox and thehill bodies were lost that way);
* a heading's list = the lines after it inside the smallest ancestor that holds a headline link
  (at most 12 lines away, at most 120 lines in all, up to the next recommendation heading;
  footer/nav lines dropped); a heading line with its own link is an inline card;
* only recommendation headings end a list: ``آخر الأخبار`` is also a section chip inside teasers;
  a recommendation list wins over a latest/ticker one;
* a related headline has 2+ words and 8+ folded characters, is not the page's headline, a share
  word, a list heading, a "more" link, a leaked class name or a teaser's date, and does not link
  to a section, author, tag or search page.
"""

from __future__ import annotations

import re
from typing import Any

from akhbar.html.cues import DIGIT, MORE_LINKS, OTHER_LIST_HEADINGS, RELATED_HEADINGS, SHARE_WORDS, key
from akhbar.html.render import Block
from akhbar.model import RelatedLink

_NOT_ARTICLE_HREF = re.compile(
    r"/(?:category|categories|section|sections|cat|author|authors|writer|writers|editors?|tags?|search|topics?)/",
    re.IGNORECASE)


def _heading_kind(k: str) -> tuple[str | None, bool]:
    """(kind, recommend) when folded line ``k`` is or starts with a list heading."""
    if not k:
        return None, False
    if k in RELATED_HEADINGS:
        return RELATED_HEADINGS[k], True
    if k in OTHER_LIST_HEADINGS:
        return OTHER_LIST_HEADINGS[k], False
    words = k.split()
    for n in (4, 3, 2):
        if len(words) > n:
            pre = " ".join(words[:n])
            if pre in RELATED_HEADINGS and RELATED_HEADINGS[pre] == "read_also":
                return "read_also", True
    return None, False


def _is_desc(el: Any, anc: Any, max_depth: int = 40) -> bool:
    d = 0
    while el is not None and d < max_depth:
        if el is anc:
            return True
        el = el.getparent()
        d += 1
    return False


def container_members(blocks: list[Block], i: int, max_up: int = 10, stops: frozenset[int] = frozenset(),
                      max_lines: int = 120) -> list[int]:
    """Lines after heading line ``i`` that sit in the smallest ancestor holding a headline link,
    up to the next list heading (a line in ``stops``)."""
    el = blocks[i].el
    for _ in range(max_up):
        el = el.getparent() if el is not None else None
        if el is None or el.tag in ("body", "html"):
            return []
        members = []
        j = i + 1
        while j < len(blocks) and _is_desc(blocks[j].el, el) and (j not in stops):
            members.append(j)
            j += 1
        if len(members) > max_lines:  # climbed into the page body / footer
            return []
        first = next((k for k, j in enumerate(members) if any(_headline_ok(t, None) for t, _ in blocks[j].anchors)),
                     None)
        if first is not None:
            if first > 12:  # the links are far from the heading: not its list
                return []
            return [j for j in members if not blocks[j].zones & {"footer", "nav"}]
    return []


def _headline_ok(text: str, tkey: str | None) -> bool:
    k = key(text)
    if len(k) < 8 or len(k.split()) < 2:
        return False
    if tkey and k == tkey:
        return False
    if not re.search(r"[^\W\d_]", k):
        return False
    if k.isascii() and len(k.split()) <= 3:  # leaked class names ("d-none hideMe"), "read more"
        return False
    if len(k.split()) <= 4 and len(DIGIT.findall(k)) >= 2:  # a teaser's date: "ديسمبر 25, 2020"
        return False
    return not (k in SHARE_WORDS or k in RELATED_HEADINGS or k in OTHER_LIST_HEADINGS or k in MORE_LINKS)


def is_link_line(b: Block) -> bool:
    """A line whose link text is at least half its text: a headline link, a menu item, a chip.
    A sentence that merely contains links (``... according to <a>The Wrap</a>, ...``) is not."""
    return b.link_chars >= LINK_LINE_SHARE * len(b.text)


#: Share of a line's characters in link text from which the line is a link line (:func:`is_link_line`).
#: Measured on the ScrapingHub article-extraction benchmark (``benchmarks/html_aeb.py``): of the
#: words of trafilatura paragraphs in sidebar-like zones, link-poor lines are 94% article text
#: (2,843 of 3,015 words), link-heavy ones 14% (66 of 483).
LINK_LINE_SHARE = 0.5


def mark_lists(blocks: list[Block], keys: list[str], cand: list[bool] | None = None) -> list[str | None]:
    """Per line: ``"rec"`` (in a recommendation list), ``"other"`` (in another link list) or None.

    ``cand``: the body vote (:func:`akhbar.html.body.vote_body`); a voted line that is prose with
    inline links (not :func:`is_link_line`) is not made an ``"other"`` list line by its sidebar zone
    alone: a zone name is no evidence against a paragraph (theverge's article sits in
    ``l-sidebar-fixed``). Headed lists and ``related`` zones are evidence and still apply."""
    n = len(blocks)
    rel_kind: list[str | None] = [None] * n  # "rec" (recommend) | "other"
    headings = {i: _heading_kind(keys[i]) for i in range(n)}
    headings = {i: h for i, h in headings.items() if h[0] is not None}
    # only recommendation headings end a block: "آخر الأخبار" is also a section chip inside teasers
    stops = frozenset(i for i, h in headings.items() if h[1])
    for i, (_kind, rec) in headings.items():
        tag = "rec" if rec else "other"
        if rel_kind[i] != "rec":
            rel_kind[i] = tag
        b = blocks[i]
        own = [a for a in b.anchors if key(a[0]) != keys[i] and len(key(a[0]).split()) >= 2]
        if own:
            continue  # inline card: heading and link(s) on one line
        for j in container_members(blocks, i, stops=stops, max_up=10 if rec else 4):
            if rel_kind[j] != "rec":  # a recommendation block wins over a latest/ticker one
                rel_kind[j] = tag
    for i, b in enumerate(blocks):
        if rel_kind[i] is None and "related" in b.zones:
            rel_kind[i] = "rec"
        elif rel_kind[i] is None and "sidebar" in b.zones and b.anchors and not (
                cand is not None and cand[i] and not is_link_line(b)):
            rel_kind[i] = "other"
    return rel_kind


def related_links(blocks: list[Block], rel_kind: list[str | None], tkey: str | None) -> list[RelatedLink]:
    """The headline links of the recommendation lines, in page order, each headline once."""
    related: list[RelatedLink] = []
    seen: set[str] = set()
    for i, b in enumerate(blocks):
        if rel_kind[i] != "rec":
            continue
        for text, href in b.anchors:
            k = key(text)
            if k in seen or not _headline_ok(text, tkey):
                continue
            if href and _NOT_ARTICLE_HREF.search(href):  # section chips, author pages, tag/search links
                continue
            seen.add(k)
            related.append(RelatedLink(title=text, url=href, span=_sub_span(b, text)))
    return related


def _sub_span(b: Block, text: str) -> tuple[int, int] | None:
    pos = b.text.find(text)
    return (b.start + pos, b.start + pos + len(text)) if pos >= 0 else None
