"""Metadata headers that crawlers and exporters write before a page's text, read as metadata.

Four shapes, each seen in crawler exports of Arabic news pages (issue 13):

1. **date field**: a large public page store writes ``" date 2025-11-03 "`` (leading space,
   lower-case ``date``, ISO day, optionally a time; on older pages only a month, ``" date 2022-10 "``)
   before the text, and the headline and/or first paragraph often follow on the SAME line::

       " date 2025-12-11 شهد العالم أحداثًا متنوعة ..."  -> date "2025-12-11", text from "شهد"

2. **YAML front matter** written by ``trafilatura --with-metadata`` (``trafilatura/core.py``,
   ``_YAML_FIELDS``: title author url hostname description sitename date categories tags
   fingerprint id license; strings plain or JSON-quoted, lists as Python reprs)::

       ---
       title: "الحكومة: خطة جديدة"
       url: https://example.com/a
       date: 2025-11-03
       tags: ['اقتصاد', 'مصر']
       ---

3. **key lines** at the very start: ``Title:`` / ``URL:`` / ``Date:`` / ``Author:`` (also the
   reader exports' ``URL Source:`` / ``Published Time:`` / ``Markdown Content:``) and Arabic keys
   (``العنوان:`` ``التاريخ:`` ``الرابط:`` ``الكاتب:``). Two key lines at least, with at least one
   URL that looks like a URL or one date that parses: a single ``Title: ...`` line, or one in the
   middle of a page, is text, not a header.
4. **WARC/WET headers** (``WARC/1.0``, ``WARC-Type: conversion``, ``WARC-Target-URI:``,
   ``WARC-Date:``, ``Content-Type:``, ``Content-Length:``, then a blank line). ``WARC-Date`` is
   when the page was crawled, so it is kept as ``crawl_date``, never as a date of publication.

:func:`read_header` finds them (stacked headers too, up to three) and returns an
:class:`ExportHeader`: the fields, the spans of the header's lines and the offset where the page's
own text starts. Only the start of the text is read (at most :data:`MAX_HEADER_CHARS`); a text that
starts with none of the shapes costs one anchored regex match.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field

#: The longest header read (characters); a front matter or key block running past it is text.
MAX_HEADER_CHARS = 6000
#: Header fields, as named in :attr:`ExportHeader.fields`.
FIELDS = ("title", "url", "date", "author", "site", "description", "tags", "categories", "crawl_date")

# One anchored test for every shape: the stage pays only this on a page without a header.
_START = re.compile(
    r"[ \t\r\n\ufeff]*(?:date[ \t]+\d{4}-\d\d|---[ \t]*\r?\n|WARC/\d"
    r"|(?i:title|url|date|author|published|source\s+url|url\s+source)[ \t]*:"
    r"|(?:العنوان|التاريخ|تاريخ النشر|الرابط|الكاتب|المؤلف)[ \t]*:)"
)
_DATE_FIELD = re.compile(r"[ \t\r\n\ufeff]*date[ \t]+(\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])"
                         r"(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?)?)(?=\s|$)")
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_FM_KEY = re.compile(r"([A-Za-z][A-Za-z0-9_-]{0,30})[ \t]*:(?:[ \t]+(.*?))?[ \t\r]*$")
_KEY_LINE = re.compile(r"([A-Za-z][A-Za-z ]{0,20}?|[\u0621-\u064a][\u0621-\u064a ]{0,20}?)[ \t]*:(?:[ \t]*(.*?))?[ \t\r]*$")
_WARC_LINE = re.compile(r"([A-Za-z][A-Za-z0-9-]{0,40})[ \t]*:[ \t]*(.*?)[ \t\r]*$")
_URLISH = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)

#: Front-matter keys -> field (trafilatura's ``_YAML_FIELDS``; ``hostname`` only when no site name).
_FM_FIELDS = {"title": "title", "author": "author", "url": "url", "hostname": "hostname",
              "description": "description", "sitename": "site", "date": "date", "categories": "categories",
              "tags": "tags", "fingerprint": "", "id": "", "license": "", "language": "", "image": "",
              "pagetype": "", "filedate": "", "source": "", "source-hostname": "", "excerpt": "description",
              "comments": ""}
#: Key-line keys (folded: lower case, single spaces) -> field; "" = known key, value not kept.
_KEY_FIELDS = {
    "title": "title", "headline": "title", "url": "url", "url source": "url", "source url": "url", "link": "url",
    "date": "date", "published": "date", "published time": "date", "published date": "date",
    "publication date": "date", "author": "author", "authors": "author", "site": "site", "sitename": "site",
    "site name": "site", "hostname": "hostname", "description": "description", "tags": "tags",
    "keywords": "tags", "categories": "categories", "category": "categories", "section": "categories",
    "language": "", "markdown content": "", "content": "",
    "العنوان": "title", "التاريخ": "date", "تاريخ النشر": "date", "الرابط": "url", "الكاتب": "author",
    "المؤلف": "author", "الموقع": "site", "الوسوم": "tags", "الكلمات المفتاحية": "tags", "القسم": "categories",
    "التصنيف": "categories",
}
#: Keys after which the page's text starts (a reader export's ``Markdown Content:``).
_KEY_LAST = {"markdown content", "content"}
_WARC_FIELDS = {"warc-target-uri": "url", "warc-date": "crawl_date"}


@dataclass(slots=True)
class ExportHeader:
    """An export header read from the start of a text.

    ``kinds``: the shapes found, in order (``"date_field"``, ``"front_matter"``, ``"key_lines"``,
    ``"warc"``); ``end``: offset (characters) where the page's own text starts (whitespace after
    the header skipped); ``lines``: ``(start, end)`` spans of the header's lines; ``fields``:
    field -> value (``str``; ``list[str]`` for ``tags`` and ``categories``), names from
    :data:`FIELDS`; the first header that gives a field wins.
    """

    kinds: list[str] = field(default_factory=list)
    end: int = 0
    lines: list[tuple[int, int]] = field(default_factory=list)
    fields: dict[str, object] = field(default_factory=dict)

    def get(self, name: str) -> object | None:
        """The value of field ``name``, or None."""
        return self.fields.get(name)


def read_header(text: str) -> ExportHeader | None:
    """The export header(s) at the start of ``text`` (see the module docstring), or None.

    >>> h = read_header(" date 2025-11-03 عنوان الخبر هنا")
    >>> h.fields["date"], h.end, h.kinds
    ('2025-11-03', 17, ['date_field'])
    >>> read_header("date of the meeting was set") is None
    True
    """
    if not _START.match(text):
        return None
    head = ExportHeader()
    pos = 0
    for _ in range(3):
        if not _START.match(text, pos):
            break
        got = _date_field(text, pos, head) or _front_matter(text, pos, head) or _warc(text, pos, head) \
            or _key_lines(text, pos, head)
        if not got:
            break
        pos = _skip_space(text, got)
        head.end = pos
    if not head.kinds:
        return None
    if "site" not in head.fields and head.fields.get("hostname"):
        head.fields["site"] = head.fields["hostname"]
    head.fields.pop("hostname", None)
    return head


def _skip_space(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos] in " \t\r\n\ufeff\u00a0":
        pos += 1
    return pos


def _span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\r\ufeff":
        s += 1
    while e > s and text[e - 1] in " \t\r\n":
        e -= 1
    return s, e


def _put(head: ExportHeader, name: str, value: object) -> None:
    if name and value and name not in head.fields:
        head.fields[name] = value


def _date_field(text: str, pos: int, head: ExportHeader) -> int | None:
    m = _DATE_FIELD.match(text, pos)
    if not m:
        return None
    head.kinds.append("date_field")
    head.lines.append(_span(text, m.start(), m.end()))
    _put(head, "date", m.group(1))
    return m.end()


def _lines(text: str, pos: int):
    """``(start, end_without_newline, next_start)`` of the lines from ``pos``, within the header limit."""
    limit = min(len(text), pos + MAX_HEADER_CHARS)
    while pos < limit:
        m = _LINE.match(text, pos)
        e = m.end()
        if e == pos:
            return
        yield pos, e - 1 if text[e - 1] == "\n" else e, e
        pos = e


def _front_matter(text: str, pos: int, head: ExportHeader) -> int | None:
    s = _skip_space(text, pos)
    it = _lines(text, s)
    first = next(it, None)
    if first is None or text[first[0] : first[1]].strip() != "---":
        return None
    found: dict[str, object] = {}
    spans = [_span(text, first[0], first[1])]
    for ls, le, nxt in it:
        line = text[ls:le]
        if line.strip() == "---":
            if not any(k in _FM_FIELDS and _FM_FIELDS[k] for k in found):
                return None
            spans.append(_span(text, ls, le))
            head.kinds.append("front_matter")
            head.lines.extend(spans)
            for k, v in found.items():
                _put(head, _FM_FIELDS.get(k, ""), v)
            return nxt
        if not line.strip():
            continue
        m = _FM_KEY.match(line)
        if not m:
            return None
        key = m.group(1).lower()
        value = _yaml_value(m.group(2) or "", key in ("tags", "categories"))
        if value and key not in found:
            found[key] = value
        spans.append(_span(text, ls, le))
    return None


def _yaml_value(raw: str, is_list: bool) -> object:
    """A front-matter value: a JSON-quoted string decoded, a list repr (``['a', 'b']``) read as a
    list of strings (``ast.literal_eval``: literals only), else the plain string."""
    v = raw.strip()
    if v[:1] == '"' and v[-1:] == '"' and len(v) >= 2:
        try:
            v = json.loads(v)
        except ValueError:
            v = v[1:-1]
    elif v[:1] == "[" and v[-1:] == "]" and len(v) < 4000:
        try:
            got = ast.literal_eval(v)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            got = [x.strip(" '\"") for x in v[1:-1].split(",")]
        if isinstance(got, (list, tuple)):
            items = [" ".join(str(x).split()) for x in got if isinstance(x, (str, int, float))]
            return [x for x in items if x]
    if not isinstance(v, str):
        return ""
    v = " ".join(v.split())
    if is_list:
        return [x.strip() for x in re.split(r"[,،;]", v) if x.strip()]
    return v


def _warc(text: str, pos: int, head: ExportHeader) -> int | None:
    s = _skip_space(text, pos)
    if not text.startswith("WARC/", s):
        return None
    spans: list[tuple[int, int]] = []
    found: dict[str, str] = {}
    for ls, le, nxt in _lines(text, s):
        line = text[ls:le]
        if not spans:
            if not re.fullmatch(r"WARC/\d\.\d+[ \t\r]*", line):
                return None
            spans.append(_span(text, ls, le))
            continue
        if not line.strip():
            if "warc-type" not in found and "warc-target-uri" not in found and "warc-date" not in found:
                return None
            break
        m = _WARC_LINE.match(line)
        if not m:
            return None
        found.setdefault(m.group(1).lower(), m.group(2))
        spans.append(_span(text, ls, le))
    else:
        return None
    head.kinds.append("warc")
    head.lines.extend(spans)
    for k, name in _WARC_FIELDS.items():
        _put(head, name, found.get(k, "").strip("<>"))
    return nxt


def _key_lines(text: str, pos: int, head: ExportHeader) -> int | None:
    from akhbar.dates import parse_date

    spans: list[tuple[int, int]] = []
    found: dict[str, str] = {}
    end = None
    for ls, le, nxt in _lines(text, pos):
        line = text[ls:le]
        if not line.strip():
            if spans:
                end = nxt
            continue
        m = _KEY_LINE.match(line.strip())
        key = " ".join(m.group(1).lower().split()) if m else ""
        if not m or key not in _KEY_FIELDS or key in found:
            break
        found[key] = " ".join((m.group(2) or "").split())
        spans.append(_span(text, ls, le))
        end = nxt
        if key in _KEY_LAST:
            break
    named = {k: v for k, v in found.items() if _KEY_FIELDS[k]}
    if len(named) < 2 or end is None:
        return None
    anchored = any(_KEY_FIELDS[k] == "url" and _URLISH.match(v) for k, v in named.items()) or any(
        _KEY_FIELDS[k] == "date" and v and parse_date(v) is not None for k, v in named.items())
    if not anchored:
        return None
    head.kinds.append("key_lines")
    head.lines.extend(spans)
    for k, v in named.items():
        name = _KEY_FIELDS[k]
        if name == "url" and not _URLISH.match(v):
            continue
        _put(head, name, [x.strip() for x in re.split(r"[,،;]", v) if x.strip()]
             if name in ("tags", "categories") else v)
    return end
