"""The fast HTML engine (``Settings.html_engine = "resiliparse"``): resiliparse's main content
through akhbar's text route, metadata read from the DOM's ``<head>`` and JSON-LD.

For corpus builders who need throughput more than the default engine's per-line labels. The page
goes ``html_decode`` -> ``html_fast`` -> the text route's stages (``clean``, ``language``,
``lines``, ``segment``, ``metadata``, ``dates``) -> the shared ones (see ``akhbar.pipeline``):

1. resiliparse (https://github.com/chatnoir-eu/chatnoir-resiliparse, Apache-2.0) parses the HTML
   once (``resiliparse.parse.html.HTMLTree``, the Lexbor parser, in C) and
   ``resiliparse.extract.html2text.extract_plain_text(tree, main_content=True)`` keeps the main
   content, one block a line; a page where that keeps nothing falls back to the whole page's text
   (``main_content=False``), whose furniture the text route's segmenter labels as on crawler text;
2. :func:`read_meta` reads the same tree's ``<meta>``, ``<title>``, canonical link, ``<html lang>``
   and article-like JSON-LD into an :class:`akhbar.html.meta.MetaBag` (no lxml parse, no render);
3. :func:`header_of` turns it into the fields a crawler export header gives
   (:class:`akhbar.page.exportheader.ExportHeader`: title, date, author, site, tags, categories),
   which the text route's ``segment``, ``metadata`` and ``dates`` stages already use under the
   record's own fields: the printed ``<h1>`` when it agrees with ``og:title``/JSON-LD
   ``headline``/``<title>``, else the first of those with its site-name affix cut; the date from
   JSON-LD ``datePublished``, then the ``<meta>`` names of :data:`akhbar.html.meta.PUBLISHED_KEYS`
   (a dateline printed in the main text can still win, by the ``dates`` stage's rule); the
   publisher as the default engine chooses it (:func:`akhbar.html.headline.choose_publisher`);
   tags from ``article:tag``/``keywords``, kept where the page prints a tags line that shows them.

What it gives up against the default engine (measured by ``benchmarks/html_gold.py --engine`` and
``benchmarks/html_speed.py --engine``; the table is in README.md): no per-DOM-line labels (the
lines are resiliparse's text), no related-links list from the DOM, no trafilatura body vote.

resiliparse is an optional dependency (``pip install 'akhbar[fast]'``); :func:`require` raises
:class:`EngineUnavailable` with a one-line message when it is missing.
"""

from __future__ import annotations

import json
import re
from html import unescape as html_unescape
from typing import Any

from akhbar.html.headline import choose_publisher
from akhbar.html.meta import PUBLISHED_KEYS, MetaBag, _walk_ld, parse_machine_date
from akhbar.page.exportheader import ExportHeader

#: The HTML engines ``Settings.html_engine`` accepts.
ENGINES = ("trafilatura", "resiliparse")

#: ``<title>`` / ``og:title`` separators before or after a site name ("headline | Site").
_AFFIX = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00bb\u00ab/]|::)\s+")
_CTRL = re.compile(r"[\x00-\x1f]")
_META_OPEN = re.compile(r"<meta\b", re.IGNORECASE)
_SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
_LD_TYPE = re.compile(r"""type\s*=\s*["']?application/ld\+json""", re.IGNORECASE)
_ATTR = re.compile(r"""([A-Za-z_:][-\w:.]{0,60})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
#: Longest ``<meta>`` tag read (characters); longer ones are skipped.
MAX_TAG_CHARS = 4000
#: Nesting depth past which resiliparse's main-content pass is not asked (its cost grows faster
#: than the square of the depth: 5,000 levels 0.5 s, 20,000 levels 16 s of CPU); libxml2, the
#: default engine's parser, stops at the same depth (256).
MAX_DEPTH = 256
_TOO_DEEP = " > ".join(["*"] * (MAX_DEPTH + 1))


class EngineUnavailable(ImportError):
    """The HTML engine asked for is not installed (message: one line, with the install command)."""


def require(engine: str) -> None:
    """Check that ``engine`` (one of :data:`ENGINES`) can run. Raises ``ValueError`` for an unknown
    name and :class:`EngineUnavailable` when resiliparse is asked for and not installed."""
    if engine not in ENGINES:
        raise ValueError(f"unknown HTML engine {engine!r} (expected one of: {', '.join(ENGINES)})")
    if engine == "resiliparse":
        try:
            import resiliparse.extract.html2text  # noqa: F401
        except ImportError:
            raise EngineUnavailable(
                "the resiliparse HTML engine needs the resiliparse package: pip install 'akhbar[fast]' "
                "(or pip install resiliparse)") from None


def extract(html: str) -> tuple[str, MetaBag, bool]:
    """``(main_text, bag, main_content)``: resiliparse's main-content text of ``html`` (one block a
    line), its metadata (:func:`read_meta`) and whether the text is the main content (False: the
    main-content extraction kept nothing, or the page nests deeper than :data:`MAX_DEPTH`, and the
    text is the whole page's). Raises
    :class:`EngineUnavailable` when resiliparse is missing."""
    require("resiliparse")
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html.replace("\x00", ""))
    opts = {"list_bullets": False, "alt_texts": False, "comments": False, "post_meta": True}
    deep = tree.document is not None and tree.document.query_selector(_TOO_DEEP) is not None
    text = "" if deep else extract_plain_text(tree, main_content=True, **opts)
    main = bool(text.strip())
    if not main:
        text = extract_plain_text(tree, main_content=False, **opts)
    return text, read_meta(tree, html), main


def read_meta(tree: Any, html: str) -> MetaBag:
    """``<meta>`` (``property``/``name``/``itemprop``/``http-equiv`` -> ``content``, names lower-cased,
    entities decoded), ``<title>``, ``<link rel=canonical>``, ``<html lang>``, article-like JSON-LD
    objects, and the first ``<h1>`` (under ``metas["h1"]``) of a page: ``tree`` is its resiliparse
    ``HTMLTree``, ``html`` its text. ``<meta>`` tags and JSON-LD scripts are found by one scan of
    ``html`` (:func:`_meta_tags`, :func:`_ld_scripts`: resiliparse builds a Python node per item of a
    node collection, about 0.1 ms each: 65 ``<meta>`` tags cost 8 ms, the scan 0.1 ms). Malformed
    or too deeply nested JSON-LD is skipped; never raises on a parsed tree."""
    bag = MetaBag()
    metas = bag.metas
    doc = tree.document
    if doc is None:
        return bag
    root = doc.query_selector("html")
    bag.lang = root.getattr("lang") if root is not None else None
    bag.title_tag = " ".join((tree.title or "").split())
    for inner in _meta_tags(html):
        attrs = {k.lower(): v for k, v in _attrs(inner)}
        name = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if name and content is not None:
            metas.setdefault(name.strip().lower(), []).append(content)
    link = doc.query_selector('link[rel="canonical"]')
    if link is not None and link.getattr("href"):
        bag.canonical = link.getattr("href")
    for raw in _ld_scripts(html):
        raw = raw.strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            try:
                data = json.loads(_CTRL.sub(" ", raw))
            except (ValueError, RecursionError):
                continue
        except RecursionError:  # arrays nested past Python's recursion limit
            continue
        _walk_ld(data, bag.jsonld)
    body = tree.body
    h1 = body.query_selector("h1") if body is not None else None
    if h1 is not None:
        metas["h1"] = [" ".join(h1.text.split())]
    return bag


def _next_tag(html: str, opener: re.Pattern[str], pos: int) -> tuple[int, int] | None:
    """``(inside_start, end)`` of the first tag ``opener`` starts in ``html`` at or after ``pos``
    (``end``: the index of its ``>``), or None when there is none or it has no ``>``. Callers go on
    after ``end``, so a page of ``<meta`` with no ``>`` costs one scan, not one per tag."""
    m = opener.search(html, pos)
    if m is None:
        return None
    end = html.find(">", m.end())
    return (m.end(), end) if end >= 0 else None


def _meta_tags(html: str) -> list[str]:
    """The insides of the ``<meta ...>`` tags of ``html``, in order, each at most
    :data:`MAX_TAG_CHARS` long; one pass (:func:`_next_tag`)."""
    out: list[str] = []
    pos = 0
    while (tag := _next_tag(html, _META_OPEN, pos)) is not None:
        start, end = tag
        if end - start <= MAX_TAG_CHARS:
            out.append(html[start:end])
        pos = end + 1
    return out


def _ld_scripts(html: str) -> list[str]:
    """The contents of ``<script type="application/ld+json">`` elements of ``html``, in order; one
    pass, as :func:`_meta_tags` (a script with no ``</script>`` ends the search)."""
    out: list[str] = []
    pos = 0
    while (tag := _next_tag(html, _SCRIPT_OPEN, pos)) is not None:
        start, end = tag
        close = _SCRIPT_CLOSE.search(html, end + 1)
        if close is None:
            break
        if end - start <= MAX_TAG_CHARS and _LD_TYPE.search(html, start, end):
            out.append(html[end + 1 : close.start()])
        pos = close.end()
    return out


def _attrs(s: str) -> list[tuple[str, str]]:
    """The ``name=value`` attributes of a tag's inside ``s``, values unquoted and entity-decoded."""
    return [(m.group(1), html_unescape(m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None
                                       else m.group(4)))
            for m in _ATTR.finditer(s)]


def header_of(bag: MetaBag) -> tuple[ExportHeader, dict[str, str]]:
    """The export-header fields of ``bag`` (see the module docstring) and the evidence: field ->
    the name it came from (``"h1"``, ``"og:title"``, ``"jsonld:datePublished"``, ``"meta:<name>"``)."""
    fields: dict[str, object] = {}
    evidence: dict[str, str] = {}
    title, src = _title(bag)
    if title:
        fields["title"], evidence["title"] = title, src
    for value, src in _date_candidates(bag):
        d = parse_machine_date(value, source=src)
        if d is not None:
            fields["date"], evidence["published"] = d.iso, src
            break
    author = _ld_name(bag.ld("author")) or bag.first("author", "article:author", "dc.creator")
    if author and "://" not in author:
        fields["author"] = author
    site = choose_publisher(bag, set())
    if site:
        fields["site"] = site
    tags = [t.strip() for v in bag.metas.get("article:tag", []) + bag.metas.get("keywords", []) for t in
            re.split(r"[,،]", v) if t.strip()]
    if tags:
        fields["tags"] = list(dict.fromkeys(tags))[:30]
    section = bag.first("article:section") or next((s for s in bag.ld("articleSection") if isinstance(s, str)), None)
    if section:
        fields["categories"] = [section]
    return ExportHeader(kinds=["html"], fields=fields), evidence


def _title(bag: MetaBag) -> tuple[str | None, str]:
    """The printed ``<h1>`` when it agrees with a metadata title, else the first metadata title
    (``og:title``, JSON-LD ``headline``, ``twitter:title``, ``<title>``) with its site affix cut."""
    cands: list[tuple[str, str]] = []
    for name in ("og:title", "twitter:title"):
        v = bag.first(name)
        if v:
            cands.append((" ".join(v.split()), name))
    cands[1:1] = [(" ".join(h.split()), "jsonld:headline") for h in bag.ld("headline") if isinstance(h, str) and h.strip()]
    if bag.title_tag:
        cands.append((bag.title_tag, "title"))
    h1 = bag.first("h1")
    if h1 and any(_agree(h1, _cut(c)) for c, _ in cands if _cut(c)):
        return h1, "h1"
    for c, src in cands:
        if _cut(c):
            return _cut(c), src
    return (h1, "h1") if h1 else (None, "")


def _agree(h1: str, title: str) -> bool:
    """Whether the ``<h1>`` is the metadata title: one holds the other and the shorter is at least
    half the longer (a logo ``<h1>CNN</h1>`` is not "headline - CNNArabic.com")."""
    short, long_ = sorted((h1, title), key=len)
    return short in long_ and 2 * len(short) >= len(long_)


def _cut(title: str) -> str:
    """``title`` without a site-name affix: the longest part between `` | `` / `` - `` separators."""
    parts = [p for p in _AFFIX.split(title) if p.strip()]
    if len(parts) <= 1:
        return title.strip()
    return max(parts, key=len).strip()


def _date_candidates(bag: MetaBag) -> list[tuple[str, str]]:
    out = [(v, "jsonld:datePublished") for v in bag.ld("datePublished") if isinstance(v, str)]
    for name in PUBLISHED_KEYS:
        out.extend((v, "meta:" + name) for v in bag.metas.get(name, ()) if v and v.strip())
    return out


def _ld_name(values: list[Any]) -> str | None:
    """The first ``name`` of JSON-LD ``author``/``publisher`` values (a string, an object or a list)."""
    todo = list(values)
    while todo:
        v = todo.pop(0)
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, dict) and isinstance(v.get("name"), str) and v["name"].strip():
            return v["name"].strip()
        if isinstance(v, list):
            todo[:0] = v
    return None


def published_source(evidence: str) -> str:
    """``Article.published_source`` for the evidence of a header date: ``"jsonld:..."`` -> "jsonld",
    ``"meta:..."`` -> "html_meta"."""
    return "jsonld" if evidence.startswith("jsonld") else "html_meta"
