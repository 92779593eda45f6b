"""A linear-time, same-result replacement for jusText's context-sensitive paragraph revision.

trafilatura falls back to jusText when its own extraction is short or holds "unclean" elements
(``trafilatura.external.compare_extraction``). jusText 3.0's ``revise_paragraph_classification``
looks, for every "short" and "neargood" paragraph, for the nearest "good"/"bad" paragraph on each
side by walking one paragraph at a time (``justext.core._get_neighbour``), which is quadratic when
most paragraphs are short: a page of 16,000 tiny ``<p>`` paragraphs took 29 s of CPU there
(2,000: 0.5 s; 4,000: 1.8 s; 8,000: 7.3 s; issue 18; ``benchmarks/html_pathological.py``).

``revise_paragraph_classification`` below gives exactly jusText's classes (same algorithm, the
jusText 3.0.2 source of ``justext/core.py``), with the nearest neighbours taken from arrays
filled in one pass each way: O(n) plus the heading steps, which jusText bounds by
``max_heading_distance`` characters. :class:`ParagraphMaker` makes jusText's paragraphs in one
walk of the tree, each paragraph's text computed once (issue 14: about 2x faster on real pages,
same paragraphs). ``install()`` makes trafilatura use both (trafilatura imports them into
``trafilatura.external`` by name); :func:`akhbar.html.trafilatura_fast.install` calls it before
trafilatura runs. ``tests/test_html_pathological.py`` checks the classes against jusText's own
function on random paragraph sequences, ``tests/test_html_speed.py`` the paragraphs on real pages.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["ParagraphMaker", "install", "revise_paragraph_classification", "uninstall"]

_HEADINGS_PATTERN = re.compile(r"\bh\d\b")  # justext/paragraph.py
_MULTIPLE_WHITESPACE = re.compile(r"\s+", re.UNICODE)  # justext/utils.py


def _replace_whitespace(match: Any) -> str:
    text = match.group()
    return "\n" if "\n" in text or "\r" in text else " "


def _normalize_whitespace(text: str) -> str:
    """jusText's ``normalize_whitespace``: runs of whitespace -> one LF when they hold a line
    break, else one space."""
    return _MULTIPLE_WHITESPACE.sub(_replace_whitespace, text)

_GOOD_OR_BAD = ("good", "bad")


def _nearest(classes: list[str], wanted: tuple[str, ...], step: int) -> list[str]:
    """``out[i]``: the class of the nearest paragraph before (``step`` 1: scanning forward, so
    "before") or after (``step`` -1) ``i`` whose class is in ``wanted``; "bad" when none
    (jusText's ``_get_neighbour``)."""
    n = len(classes)
    out = ["bad"] * n
    last = "bad"
    rng = range(n) if step == 1 else range(n - 1, -1, -1)
    for i in rng:
        out[i] = last
        if classes[i] in wanted:
            last = classes[i]
    return out


def _good_headings(paragraphs: list[Any], max_heading_distance: int, final: bool) -> None:
    """jusText's two heading steps (bounded by ``max_heading_distance`` characters of text)."""
    n = len(paragraphs)
    for i, p in enumerate(paragraphs):
        if final:
            if not (p.heading and p.class_type == "bad" and p.cf_class != "bad"):
                continue
        else:
            p.class_type = p.cf_class
            if not (p.heading and p.class_type == "short"):
                continue
        j, distance = i + 1, 0
        while j < n and distance <= max_heading_distance:
            if paragraphs[j].class_type == "good":
                p.class_type = "good" if final else "neargood"
                break
            distance += len(paragraphs[j].text)
            j += 1


def revise_paragraph_classification(paragraphs: list[Any], max_heading_distance: int = 200) -> None:
    """Set ``class_type`` ("good"/"bad") of jusText ``Paragraph`` objects whose ``cf_class`` was
    set by ``justext.core.classify_paragraphs``; same result as jusText's function of this name,
    in linear time. Returns None (the paragraphs are changed in place)."""
    _good_headings(paragraphs, max_heading_distance, final=False)
    # short paragraphs: judged on the classes before any of them changes
    classes = [p.class_type for p in paragraphs]
    if "short" in classes:
        prev_gb = _nearest(classes, _GOOD_OR_BAD, 1)
        next_gb = _nearest(classes, _GOOD_OR_BAD, -1)
        prev_any = _nearest(classes, ("good", "bad", "neargood"), 1)
        next_any = _nearest(classes, ("good", "bad", "neargood"), -1)
        for i, p in enumerate(paragraphs):
            if classes[i] != "short":
                continue
            prev, nxt = prev_gb[i], next_gb[i]
            if prev == "good" and nxt == "good":
                p.class_type = "good"
            elif prev == "bad" and nxt == "bad":
                p.class_type = "bad"
            elif (prev == "bad" and prev_any[i] == "neargood") or (nxt == "bad" and next_any[i] == "neargood"):
                p.class_type = "good"
            else:
                p.class_type = "bad"
    # neargood paragraphs, in order: each sees the ones before it already revised (so its nearest
    # good/bad predecessor is its direct predecessor, no "short" being left) and the ones after
    # it not yet revised
    classes = [p.class_type for p in paragraphs]
    if "neargood" in classes:
        next_gb = _nearest(classes, _GOOD_OR_BAD, -1)
        for i, p in enumerate(paragraphs):
            if classes[i] != "neargood":
                continue
            prev, j = "bad", i - 1
            while j >= 0:  # one step in practice: no "short" is left and earlier neargood were revised
                if paragraphs[j].class_type in _GOOD_OR_BAD:
                    prev = paragraphs[j].class_type
                    break
                j -= 1
            p.class_type = "bad" if (prev, next_gb[i]) == ("bad", "bad") else "good"
    _good_headings(paragraphs, max_heading_distance, final=True)


class _Paragraph:
    """jusText's ``Paragraph`` (``justext/paragraph.py``, 3.0.2) with its text computed once,
    when first read after the paragraph is complete, instead of on every read (jusText's
    classification reads it 6+ times a paragraph). Same attributes and methods."""

    __slots__ = ("_text", "cf_class", "chars_count_in_links", "class_type", "dom_path", "heading", "tags_count",
                 "text_nodes", "xpath")

    def __init__(self, dom_path: str, xpath: str) -> None:
        self.dom_path = dom_path
        self.xpath = xpath
        self.text_nodes: list[str] = []
        self.chars_count_in_links = 0
        self.tags_count = 0
        self.class_type = ""
        self._text: str | None = None

    @property
    def text(self) -> str:
        t = self._text
        if t is None:
            t = self._text = _normalize_whitespace("".join(self.text_nodes).strip())
        return t

    @property
    def is_heading(self) -> bool:
        return bool(_HEADINGS_PATTERN.search(self.dom_path))

    @property
    def is_boilerplate(self) -> bool:
        return self.class_type != "good"

    def __len__(self) -> int:
        return len(self.text)

    @property
    def words_count(self) -> int:
        return len(self.text.split())

    def contains_text(self) -> bool:
        return bool(self.text_nodes)

    def append_text(self, text: str) -> str:
        text = _normalize_whitespace(text)
        self.text_nodes.append(text)
        self._text = None
        return text

    def stopwords_count(self, stopwords: Any) -> int:
        return sum(word.lower() in stopwords for word in self.text.split())

    def stopwords_density(self, stopwords: Any) -> float:
        words = self.words_count
        return 0 if words == 0 else self.stopwords_count(stopwords) / words

    def links_density(self) -> float:
        n = len(self.text)
        return 0 if n == 0 else self.chars_count_in_links / n


class ParagraphMaker:
    """jusText's ``ParagraphMaker`` (``justext/core.py``, 3.0.2: ``lxml.sax.saxify`` events into a
    ``ContentHandler``) as one walk of the tree: same paragraphs (``dom_path``, ``xpath``, text
    nodes, link characters, tag counts), without a Python call per SAX event and with the DOM and
    XPath paths built once per element instead of once per paragraph. A tree holding a node that
    is neither an element, a comment nor a processing instruction (an entity) goes to jusText's
    own class. ``tests/test_html_speed.py`` compares the paragraphs on real pages."""

    @classmethod
    def make_paragraphs(cls, root: Any) -> list[Any]:
        """The paragraphs of the tree under ``root`` (an lxml element), as jusText makes them."""
        try:
            return _make_paragraphs(root)
        except _Odd:
            import justext.core

            return justext.core.ParagraphMaker.make_paragraphs(root)


class _Odd(Exception):
    pass


def _make_paragraphs(root: Any) -> list[Any]:
    from justext.core import PARAGRAPH_TAGS
    from lxml.etree import Comment, ProcessingInstruction

    for sib in (root.getprevious(), root.getnext()):
        if sib is not None and sib.tag is ProcessingInstruction:
            raise _Odd
    paragraphs: list[_Paragraph] = []
    # per open element: (dom path, xpath, children order counts); the document level first
    doms, xpaths, orders = [""], [""], [{}]
    para = _Paragraph("", "/")
    link = br = False

    def new_paragraph() -> _Paragraph:
        if para.text_nodes and para.text:  # jusText: ``if self.paragraph and ...`` (len(text) > 0)
            paragraphs.append(para)
        return _Paragraph(doms[-1], "/" + xpaths[-1])

    def characters(content: str) -> None:
        nonlocal br
        if not content or content.isspace():
            return
        text = para.append_text(content)
        if link:
            para.chars_count_in_links += len(text)
        br = False

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag
        if closing:
            name = tag.rpartition("}")[2] if tag[:1] == "{" else tag
            doms.pop()
            xpaths.pop()
            orders.pop()
            if name in PARAGRAPH_TAGS:
                para = new_paragraph()
            if name == "a":
                link = False
            if el.tail:
                characters(el.tail)
            continue
        if not isinstance(tag, str):
            if tag is not Comment and tag is not ProcessingInstruction:
                raise _Odd
            if el.tail:
                characters(el.tail)
            continue
        name = tag.rpartition("}")[2] if tag[:1] == "{" else tag
        siblings = orders[-1]
        order = siblings.get(name, 0) + 1
        siblings[name] = order
        doms.append(doms[-1] + "." + name if len(doms) > 1 else name)
        xpaths.append(f"{xpaths[-1]}/{name}[{order}]" if len(xpaths) > 1 else f"{name}[{order}]")
        orders.append({})
        if name in PARAGRAPH_TAGS or (name == "br" and br):
            if name == "br":
                para.tags_count -= 1
            para = new_paragraph()
        else:
            br = name == "br"
            if br:
                para.append_text(" ")
            elif name == "a":
                link = True
            para.tags_count += 1
        if el.text:
            characters(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    para = new_paragraph()
    return paragraphs


def install() -> None:
    """Make trafilatura's jusText fallback use the linear ``revise_paragraph_classification`` and
    the one-walk :class:`ParagraphMaker` (idempotent; a no-op when trafilatura or jusText is missing
    or laid out differently). :func:`uninstall` puts jusText's own back."""
    try:
        import trafilatura.external as te
    except Exception:
        return
    if getattr(te, "revise_paragraph_classification", None) is not None:
        te.revise_paragraph_classification = revise_paragraph_classification
    if getattr(getattr(te, "ParagraphMaker", None), "make_paragraphs", None) is not None:
        te.ParagraphMaker = ParagraphMaker


def uninstall() -> None:
    """Undo :func:`install`: trafilatura uses jusText's own functions again (for benchmarks that
    time trafilatura alone)."""
    try:
        import justext.core as jc
        import trafilatura.external as te
    except Exception:
        return
    if te.__dict__.get("revise_paragraph_classification") is revise_paragraph_classification:
        te.revise_paragraph_classification = jc.revise_paragraph_classification
    if te.__dict__.get("ParagraphMaker") is ParagraphMaker:
        te.ParagraphMaker = jc.ParagraphMaker
