"""Render an lxml HTML tree into text lines, one line per block, each with its DOM context.

The rendering follows the crawler-style renderings of ``shared/gold/pages/*.txt``
(inscriptis ``get_text``, whitespace collapsed, empty lines dropped): ``<script>``,
``<style>``, ``<head>``, ``<template>`` and elements with an inline ``display:none``
(or the ``hidden`` attribute) are skipped; block elements and ``<br>`` end a line;
inline elements are glued as written. Unlike inscriptis no list bullets are added.

Each :class:`Block` keeps the element holding its first text, the *zones* it sits in
(``nav``, ``footer``, ``share``, ``related``, ``tags``, ``comment``, ... from tag names
and class/id hints in :mod:`akhbar.html.cues`), the heading level and its links, so the
labeller can say why a line was dropped.

The walk is iterative (an explicit stack), so 100,000-level nesting cannot overflow
Python's recursion limit; cost is O(number of nodes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from akhbar.controls import strip_controls
from akhbar.html.cues import TAG_ZONES, ZONE_HINTS

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object", "embed",
     "canvas", "select", "option", "math", "meta", "link", "button"}
)
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption", "legend", "label",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NO_CLASS_HINTS = frozenset({"html", "body", "article", "main"})
_SKIP_TOKEN_PREFIXES = ("no-", "no_", "has-", "has_", "with-", "without-", "is-")
_EMPTY: frozenset[str] = frozenset()


@dataclass(slots=True)
class Block:
    """One rendered line: collapsed ``text``, the element ``el`` holding its first text,
    the ``zones`` (``frozenset[str]``) of that element and its ancestors, ``heading`` level
    (0 when not in ``h1``..``h6``), ``anchors`` as ``(text, href)`` pairs and ``link_chars``
    (characters of the line inside links). ``start``/``end`` are character offsets into the
    rendered text, set by :func:`render`."""

    text: str
    el: Any
    zones: frozenset[str]
    heading: int = 0
    anchors: list[tuple[str, str | None]] = field(default_factory=list)
    link_chars: int = 0
    start: int = 0
    end: int = 0
    openers: tuple[int, ...] = ()


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_NONWORD = re.compile(r"[^a-z0-9]+")
_MATCHERS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (zone, tuple(" " + h[:-1] if h.endswith("*") else " " + h + " " for h in hints)) for zone, hints in ZONE_HINTS
)
_AD_WORDS = (" ad ", " ads ")


@lru_cache(maxsize=4096)
def class_zones(names: str) -> frozenset[str]:
    """Zones named by a class/id string (see ``cues.ZONE_HINTS``), e.g. ``"jeg_post_tags"`` -> ``{"tags"}``.

    Class tokens starting with ``no-``/``has-``/``is-``... are ignored (``entry-content no-share``).
    """
    tokens = [t for t in names.split() if not t.lower().startswith(_SKIP_TOKEN_PREFIXES)]
    if not tokens:
        return _EMPTY
    words = _NONWORD.split(_CAMEL.sub(r"\1 \2", " ".join(tokens)).lower())
    joined = " " + " ".join(w for w in words if w) + " "
    zones = {zone for zone, hints in _MATCHERS if any(h in joined for h in hints)}
    return frozenset(zones) if zones else _EMPTY


def element_zones(el: Any) -> frozenset[str]:
    """Zones an element opens by its tag name or its class/id (see ``cues.ZONE_HINTS``)."""
    tag = el.tag
    tz = TAG_ZONES.get(tag)
    own = _EMPTY
    if tag not in _NO_CLASS_HINTS:
        cls = el.get("class")
        idv = el.get("id")
        if cls or idv:
            own = class_zones(f"{cls or ''} {idv or ''}")
    if tz:
        return own | {tz}
    return own


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style:
        s = style.replace(" ", "").lower()
        return "display:none" in s or "visibility:hidden" in s
    return False


def _squash(parts: list[str]) -> str:
    """Text pieces joined, C0 control characters deleted (``akhbar.controls``: ``&#7;`` in a heading),
    whitespace runs collapsed to one space."""
    return " ".join(strip_controls("".join(parts)).split())


class _Builder:
    __slots__ = ("anchors", "blocks", "el", "heading", "open_anchors", "ops", "parts", "zones")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.el: Any = None
        self.zones: frozenset[str] = _EMPTY
        self.heading = 0
        self.ops: tuple[int, ...] = ()
        self.anchors: list[tuple[str, str | None]] = []
        self.blocks: list[Block] = []
        # stack of (href, index into parts at open)
        self.open_anchors: list[tuple[str | None, int]] = []

    def add(self, text: str, el: Any, ctx: tuple[frozenset[str], int, tuple[int, ...]]) -> None:
        if not text:
            return
        if self.el is None:
            if not text.strip():
                return
            self.el = el
            self.zones, self.heading, self.ops = ctx
        self.parts.append(text)

    def flush(self) -> None:
        if self.el is None:  # nothing since the last flush: ``parts`` is empty, open anchors start at 0
            if self.anchors:
                self.anchors = []
            return
        if self.el is not None:
            text = _squash(self.parts)
            # a link spanning several blocks (<a><span>section</span><h2>headline</h2></a>)
            # gives each of its lines an anchor
            for href, idx in self.open_anchors:
                t = _squash(self.parts[idx:])
                if t:
                    self.anchors.append((t, href))
            if text:
                link_chars = sum(len(t) for t, _ in self.anchors)
                self.blocks.append(
                    Block(text, self.el, self.zones, self.heading, self.anchors, link_chars, openers=self.ops)
                )
        self.parts = []
        self.el = None
        self.anchors = []
        self.open_anchors = [(h, 0) for h, _ in self.open_anchors]

    def open_anchor(self, href: str | None) -> None:
        self.open_anchors.append((href, len(self.parts)))

    def close_anchor(self) -> None:
        if not self.open_anchors:
            return
        href, idx = self.open_anchors.pop()
        text = _squash(self.parts[idx:])
        if text or href:  # an empty overlay link (<a href=..></a>text) still says where the line points
            self.anchors.append((text, href))


@dataclass(slots=True)
class Opener:
    """An element that opened zones: its own ``zones`` and the half-open range of block
    indices ``[first, end)`` rendered inside it."""

    zones: frozenset[str]
    first: int
    end: int = -1


def render_blocks(root: Any) -> tuple[list[Block], list[Opener]]:
    """Walk the tree under ``root`` (an lxml element); return its lines and the zone openers.

    Never raises on odd trees (comments, processing instructions, entities are skipped).
    """
    b = _Builder()
    openers: list[Opener] = []
    Ctx = tuple[frozenset[str], int, tuple[int, ...]]
    root_ctx: Ctx = (_EMPTY, 0, ())
    # stack entries: (element, closing, parent context)
    stack: list[tuple[Any, bool, Ctx]] = [(root, False, root_ctx)]
    open_ctx: list[Ctx] = []
    while stack:
        el, closing, ctx = stack.pop()
        tag = el.tag
        if closing:
            if tag == "a":
                b.close_anchor()
            if tag in BLOCK_TAGS:
                b.flush()
            own_ctx = open_ctx.pop()
            if own_ctx[2] and (not ctx[2] or own_ctx[2][-1] != ctx[2][-1]):
                openers[own_ctx[2][-1]].end = len(b.blocks)
            if el.tail:
                b.add(el.tail, el.getparent(), ctx)
            continue
        if not isinstance(tag, str):  # comment, PI, entity
            if el.tail:
                b.add(el.tail, el.getparent(), ctx)
            continue
        tag = tag.lower()
        if tag in SKIP_TAGS or _hidden(el):
            if el.tail:
                b.add(el.tail, el.getparent(), ctx)
            continue
        if tag == "br" or tag == "hr":
            b.flush()
            if el.tail:
                b.add(el.tail, el.getparent(), ctx)
            continue
        if tag in BLOCK_TAGS:
            b.flush()
        own = element_zones(el)
        zones, heading, ops = ctx
        if own:
            openers.append(Opener(own, len(b.blocks)))
            ops = ops + (len(openers) - 1,)
            zones = zones | own
        heading = _HEADINGS.get(tag, heading)
        my_ctx = (zones, heading, ops)
        if tag == "a":
            b.open_anchor(el.get("href"))
        if el.text:
            b.add(el.text, el, my_ctx)
        stack.append((el, True, ctx))
        open_ctx.append(my_ctx)
        for child in reversed(el):
            stack.append((child, False, my_ctx))
    b.flush()
    for op in openers:
        if op.end < 0:
            op.end = len(b.blocks)
    return b.blocks, openers


def resolve_zones(blocks: list[Block], openers: list[Opener], invalid: set[int]) -> None:
    """Recompute ``Block.zones`` without the openers in ``invalid`` (in place)."""
    if not invalid:
        return
    for bl in blocks:
        if any(o in invalid for o in bl.openers):
            z: set[str] = set()
            for o in bl.openers:
                if o not in invalid:
                    z |= openers[o].zones
            bl.zones = frozenset(z)


def render(root: Any) -> tuple[str, list[Block], list[Opener]]:
    """Render ``root``; return ``(text, blocks, openers)``: lines joined by ``"\\n"``, spans set."""
    blocks, openers = render_blocks(root)
    pos = 0
    for bl in blocks:
        bl.start = pos
        bl.end = pos + len(bl.text)
        pos = bl.end + 1
    return "\n".join(bl.text for bl in blocks), blocks, openers
