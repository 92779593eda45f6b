"""The Arabic news layer on top of trafilatura: line labels and the main ``Article`` of an HTML page.

Input: the rendered lines (:class:`akhbar.html.render.Block`) and the parsed tree. Output: the
``Page`` filled in place: ``lines`` (one :class:`akhbar.model.Line` per rendered line, labels as in
``shared/gold/pages/README.md``), ``articles`` (one main article), ``language``, ``signals`` and
``meta["evidence"]`` (why each metadata value was chosen, for audit).

Rules, each measured on the gold pages by ``benchmarks/html_gold.py``:

* body = lines whose text equals a paragraph of ``trafilatura.bare_extraction`` minus furniture
  vetoed by zone (comment dialogs, captions, share bars, related cards) or by cue (the repeated
  headline, dateline, byline, ``--(بترا)`` credit line, ``اقرأ أيضاً`` lead, comment-policy text);
* title = the ``<h1>`` that matches ``og:title``/JSON-LD/``<title>``; else those with the
  site-name affix stripped (inner hyphens kept);
* published/updated = JSON-LD, then ``<meta>``/microdata/RDFa, then the visible dateline near the
  headline (via ``akhbar.dates``), then the URL; on a calendar-day conflict the value with a
  local (non-UTC) offset or the one agreeing with the visible dateline wins (``date_conflict``
  signal); never a date from a related block;
* related = links of blocks headed by ``اقرأ أيضاً``/``أخبار ذات صلة``/``الأكثر قراءة``... or
  inside ``related``-like containers, in page order, never in the body.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from akhbar.html.cues import (
    BOILERPLATE_PHRASES,
    BYLINE_PREFIXES,
    DATELINE_LEADS,
    MORE_LINKS,
    OTHER_LIST_HEADINGS,
    RELATED_HEADINGS,
    SHARE_WORDS,
    SOURCE_LINE,
    TAG_HEADINGS,
    key,
)
from akhbar.html.meta import (
    PUBLISHED_KEYS,
    UPDATED_KEYS,
    DateInfo,
    MetaBag,
    collect,
    dateinfo_from_match,
    parse_machine_date,
    url_date,
)
from akhbar.html.render import Block, Opener, resolve_zones
from akhbar.model import Article, Line, Page, Rejection, RelatedLink, content_id

_STRONG_VETO = {"comment": "other_boilerplate", "cookie": "other_boilerplate", "newsletter": "other_boilerplate",
                "caption": "other_boilerplate", "share": "share", "related": "related"}
_SEP = re.compile(r"\s+[-|–—:»«•·]+\s+|\s*\|\s*")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_AUTHOR_HREF = re.compile(r"/(?:author|authors|writer|writers|editors?|kuttab|columnist|profile)s?/", re.IGNORECASE)
_CATEGORY_HREF = re.compile(r"/(?:category|categories|section|sections|cat)/", re.IGNORECASE)
_COUNT = re.compile(r"\(\s*[0-9\u0660-\u0669]+\s*\)")  # story links with an article count: "كورونا (423)"
_FUSED_PLACE = re.compile(r"\S\s+[-–—]\s+([^-–—]{2,30})$")
_ZONE_WORDS = re.compile(r"GMT|UTC|غرينتش|جرينتش|بتوقيت|ت\.?غ", re.IGNORECASE)
_PAREN = re.compile(r"\(\s*([^()]{2,40}?)\s*\)")
_WIRE_DATELINE = re.compile(r"^([^()\-–—:.]{2,30}?)\s*\(([^()]{2,20})\)\s*[-–—]{1,2}\s*\S")
_NOT_ARTICLE_HREF = re.compile(
    r"/(?:category|categories|section|sections|cat|author|authors|writer|writers|editors?|tags?|search|topics?)/",
    re.IGNORECASE)
_HOME_KEYS = frozenset(key(k) for k in ("الرئيسية", "الصفحة الرئيسية", "الرئيسيه", "home", "Home"))
_NOT_NAME_WORDS = frozenset(key(k) for k in ("المصدر", "وكالة", "وكالات", "موقع", "صحيفة", "جريدة", "قناة",
                                           "بوابة", "فريق", "التحرير", "admin", "editor", "staff", "news"))


def _display(text: str) -> str:
    try:
        from akhbar.arabic import normalize

        return normalize(text, "display")
    except Exception:
        return " ".join(text.split())


def trafilatura_paragraphs(html: Any, url: str | None) -> list[str]:
    """Main-text paragraphs from ``trafilatura.bare_extraction`` (metadata off), whitespace collapsed.

    ``html``: the page as ``str`` (trafilatura parses it with its own ``lxml.html`` parser; that
    costs no more than copying our tree, and our own walk runs on a plain ``lxml.etree`` tree,
    which avoids ``lxml.html``'s per-element Python class lookup: 3.4 ms instead of 12.3 ms to
    render alyaum's page). Returns ``[]`` when trafilatura finds nothing or raises.
    """
    import trafilatura

    try:
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


# ---------------------------------------------------------------- title, publisher

def strip_site_affix(title: str, site_keys: set[str]) -> str:
    """Remove a site-name prefix/suffix separated by `` - ``, `` | ``, `` – `` ... from ``title``.

    A segment is an affix when its folded form is a known site name (``og:site_name``,
    JSON-LD publisher, host name) or it is Latin-only while the rest is Arabic.
    ``"وزير الرى يشهد ... - اليوم السابع"`` -> ``"وزير الرى يشهد ..."``; inner hyphens stay.
    """
    t = " ".join(title.split())
    site_keys = {key(s) for s in site_keys} - {""}
    for _ in range(4):
        seps = list(_SEP.finditer(t))
        if not seps:
            break
        last, first = seps[-1], seps[0]
        tail, head = t[last.end():], t[: first.start()]
        rest_ar = bool(_ARABIC.search(t[: last.start()]))
        if _is_site(tail, site_keys, rest_ar):
            t = t[: last.start()].strip()
            continue
        if _is_site(head, site_keys, bool(_ARABIC.search(t[first.end():]))):
            t = t[first.end():].strip()
            continue
        break
    return t


def _is_site(seg: str, site_keys: set[str], rest_arabic: bool) -> bool:
    k = key(seg)
    if not k:
        return True
    if k in site_keys or any(k and (k in s or s in k) for s in site_keys if len(s) >= 3):
        return True
    return rest_arabic and not _ARABIC.search(seg) and len(seg.split()) <= 4


def _site_keys(bag: MetaBag, url: str | None) -> set[str]:
    keys: set[str] = set()
    for v in (bag.first("og:site_name"), bag.first("application-name"), bag.first("twitter:site")):
        if v:
            keys.add(key(v.lstrip("@")))
    for pub in bag.ld("publisher"):
        name = pub.get("name") if isinstance(pub, dict) else pub if isinstance(pub, str) else None
        if isinstance(name, str):
            keys.add(key(name))
    if url:
        m = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url, re.IGNORECASE)
        if m:
            host = m.group(1).lower()
            keys.add(host)
            keys.add(host.split(".")[0])
    keys.discard("")
    return keys


def choose_title(bag: MetaBag, blocks: list[Block], keys: list[str], site_keys: set[str],
                 first_body: int | None = None) -> tuple[str | None, str]:
    """The headline and where it came from ("h1" | "og:title" | "jsonld" | "title" ...).

    An ``<h1>`` found in ``og:title``/``twitter:title``/JSON-LD ``headline``/``<title>`` wins;
    else the only ``<h1>`` (or the last one before the first body line ``first_body``); else the
    metadata title with the site affix stripped.
    """
    metas = [v for v in (bag.first("og:title"), bag.first("twitter:title")) if v]
    metas += [h for h in bag.ld("headline") if isinstance(h, str)]
    if bag.title_tag:
        metas.append(bag.title_tag)
    mkeys = [key(m) for m in metas]
    h1s = [(i, b) for i, b in enumerate(blocks) if b.heading == 1 and len(keys[i].split()) >= 2]
    best = None
    for i, b in h1s:
        k = keys[i]
        if k in site_keys:
            continue
        if any(k in mk for mk in mkeys):
            best = b.text
            break
    if best is None:
        own = [(i, b) for i, b in h1s if keys[i] not in site_keys]
        before = [(i, b) for i, b in own if first_body is None or i < first_body]
        if len(own) == 1:
            best = own[0][1].text
        elif before:
            best = before[-1][1].text
    if best is not None:
        return best, "h1"
    for src, cand in (("og:title", bag.first("og:title")), ("jsonld", next(iter(bag.ld("headline")), None)),
                      ("title", bag.title_tag), ("twitter:title", bag.first("twitter:title"))):
        if isinstance(cand, str) and cand.strip():
            stripped = strip_site_affix(cand, site_keys)
            if stripped:
                # prefer the on-page rendering of the same headline (keeps its quotes/spacing)
                sk = key(stripped)
                for i, b in enumerate(blocks):
                    if keys[i] == sk and b.heading:
                        return b.text, src + "+heading"
                return stripped, src
    if h1s:
        return h1s[0][1].text, "h1"
    return None, "none"


def choose_publisher(bag: MetaBag, site_keys: set[str]) -> str | None:
    """Publisher name: JSON-LD ``publisher.name``, ``og:site_name``, ``application-name``, title affix."""
    for pub in bag.ld("publisher"):
        name = pub.get("name") if isinstance(pub, dict) else pub if isinstance(pub, str) else None
        if isinstance(name, str) and name.strip():
            return name.strip()
    for n in ("og:site_name", "application-name"):
        v = bag.first(n)
        if v:
            return v
    if bag.title_tag:
        segs = _SEP.split(bag.title_tag)
        if len(segs) > 1:
            return segs[-1].strip() or None
    return None


# ---------------------------------------------------------------- related / tags blocks

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


def _container_members(blocks: list[Block], i: int, max_up: int = 10, stops: frozenset[int] = frozenset(),
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
    if len(k.split()) <= 4 and len(_DIGIT.findall(k)) >= 2:  # a teaser's date: "ديسمبر 25, 2020"
        return False
    return not (k in SHARE_WORDS or k in RELATED_HEADINGS or k in OTHER_LIST_HEADINGS or k in MORE_LINKS)


# ---------------------------------------------------------------- names

def clean_author(name: str) -> str:
    """Strip byline prefixes and a fused place: ``"كتبت أسماء نصار"`` -> ``"أسماء نصار"``,
    ``"حوار: آسيا العتروس"`` -> ``"آسيا العتروس"``, ``"حسام أبو العلا - القاهرة"`` -> ``"حسام أبو العلا"``."""
    n = " ".join(name.split()).strip(" :-–—|،,")
    for _ in range(2):
        for p in BYLINE_PREFIXES:
            if n.startswith(p) and (len(n) == len(p) or n[len(p)] in " :：-–—"):
                n = n[len(p):].lstrip(" :：-–—")
                break
    parts = re.split(r"\s+[-–—|/]\s+|\s*[-–—]\s*$", n)
    if len(parts) > 1 and parts[0]:
        n = parts[0]
    return n.strip(" :-–—|،,.")


def _name_ok(name: str, bad_keys: set[str]) -> bool:
    if not name or len(name) > 60 or _DIGIT.search(name) or "http" in name or "@" in name:
        return False
    if re.search(r"[^\w\s.'\-]|[\d_]", name):  # names are letters, spaces, dots, hyphens
        return False
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    k = key(name)
    if k in bad_keys or any(s and len(s) >= 4 and (s in k or k in s) for s in bad_keys):
        return False
    return not any(w in _NOT_NAME_WORDS for w in k.split())


# ---------------------------------------------------------------- main entry

def build_article(page: Page, root: Any, blocks: list[Block], openers: list[Opener], *, url: str | None,
                  crawl_date: Any, html: str | None = None) -> None:
    """Label ``blocks`` and build the main Article into ``page`` (in place). See module docstring."""
    bag = collect(root)
    if not url:
        url = bag.canonical or bag.first("og:url")
        if url and "://" in url:
            page.url = url
        else:
            url = None
    n = len(blocks)
    keys = [key(b.text) for b in blocks]
    site_keys = _site_keys(bag, url)
    evidence: dict[str, Any] = {}
    signals: dict[str, Any] = {}

    # --- trafilatura votes for body
    paras = trafilatura_paragraphs(html if html is not None else root, url)
    want = Counter(key(p) for p in paras)
    cand = [False] * n
    for strong_pass in (True, False):
        for i, b in enumerate(blocks):
            if cand[i] or want.get(keys[i], 0) <= 0:
                continue
            if strong_pass and b.zones & _STRONG_VETO.keys():
                continue
            cand[i] = True
            want[keys[i]] -= 1
    # paragraphs trafilatura merged (its baseline fallback joins a small page into one):
    # lines contained in an unmatched paragraph vote too
    left = [k for k, v in want.items() if v > 0 and len(k) >= 40]
    if left:
        for i, b in enumerate(blocks):
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
                    and not b.zones & (_STRONG_VETO.keys() | {"nav", "footer", "sidebar", "ad"})):
                cand[i] = True
        signals["fallback_body"] = 1.0
    signals["trafilatura_paragraphs"] = len(paras)
    signals["trafilatura_unmatched"] = sum(v for v in want.values() if v > 0)

    first_body = next((i for i in range(n) if cand[i] and len(keys[i]) >= 40), None)
    title, title_src = choose_title(bag, blocks, keys, site_keys, first_body)
    evidence["title"] = title_src
    tkey = key(title) if title else None
    title_lines = {i for i in range(n) if tkey and keys[i] == tkey}
    title_idx = min(title_lines) if title_lines else None

    # zones of an element holding both the headline and body text are the article container's
    # (LBCI's ``PrintThis`` share wrapper, ASP.NET's page-wide ``<form>``): drop them
    if title_idx is not None:
        invalid = {
            k for k, op in enumerate(openers)
            if op.first <= title_idx < op.end and any(cand[j] for j in range(title_idx, op.end))
        }
        resolve_zones(blocks, openers, invalid)

    # --- related / other lists, in page order
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
        for j in _container_members(blocks, i, stops=stops, max_up=10 if rec else 4):
            if rel_kind[j] != "rec":  # a recommendation block wins over a latest/ticker one
                rel_kind[j] = tag
    for i, b in enumerate(blocks):
        if rel_kind[i] is None and "related" in b.zones:
            rel_kind[i] = "rec"
        elif rel_kind[i] is None and "sidebar" in b.zones and b.anchors:
            rel_kind[i] = "other"

    labels: list[str] = ["other_boilerplate"] * n
    tag_lines: set[int] = set()
    for i, b in enumerate(blocks):
        labels[i] = _label(i, b, keys[i], cand[i], rel_kind[i], title_lines, tkey)
        if labels[i] == "tags":
            tag_lines.add(i)
    # tag heading lines whose links are on the following lines of the same container
    for i in sorted(tag_lines):
        if not any(k2 for k2 in blocks[i].anchors) and keys[i] in TAG_HEADINGS:
            for j in _container_members(blocks, i, max_up=2, stops=frozenset(tag_lines)):
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

    body_idx = [i for i in range(n) if labels[i] == "body"]
    # the article region: from the headline (or first body line) to the last body line
    start = title_idx if title_idx is not None else (body_idx[0] if body_idx else 0)
    end = body_idx[-1] if body_idx else min(n - 1, start + 60)

    # --- bylines and authors
    bad_name_keys = set(site_keys)
    pub = choose_publisher(bag, site_keys)
    if pub:
        bad_name_keys.add(key(pub))
    if tkey:
        bad_name_keys.add(tkey)
    authors: list[str] = []
    place: str | None = None
    for i in range(start, min(n, end + 8)):
        b = blocks[i]
        if rel_kind[i] or labels[i] in ("title", "related", "footer", "tags") or b.zones & {
                "sidebar", "related", "comment", "footer"}:
            continue
        is_prefixed = _has_byline_prefix(b.text) and len(b.text.split()) <= 8
        if labels[i] == "body" and not is_prefixed:
            continue
        by_zone = "author" in b.zones and len(b.text.split()) <= 8
        by_href = any(h and _AUTHOR_HREF.search(h) for _, h in b.anchors) and len(b.text.split()) <= 8
        if not (is_prefixed or by_zone or by_href):
            continue
        name = clean_author(b.text)
        if _name_ok(name, bad_name_keys):
            labels[i] = "byline"
            if name not in authors:
                authors.append(name)
            m = _FUSED_PLACE.search(b.text)
            if m and place is None and len(m.group(1).split()) <= 3 and not _DIGIT.search(m.group(1)):
                place = m.group(1).strip()  # "حسام أبو العلا - القاهرة"
    visible = "\n".join(keys[start: end + 8])
    for name in _metadata_authors(bag):
        nm = clean_author(name)
        if nm not in authors and _name_ok(nm, bad_name_keys) and key(nm) in visible:
            authors.append(nm)
            m = _FUSED_PLACE.search(name)
            if m and place is None and key(name) in visible and len(m.group(1).split()) <= 3:
                place = m.group(1).strip()
    evidence["authors"] = "visible byline / metadata name shown on the page"

    # --- credit lines and wire datelines
    agencies: list[str] = []
    for i in range(start, min(n, end + 8)):
        if labels[i] != "source":
            continue
        m = _PAREN.search(blocks[i].text)
        if not m:
            continue
        inner = m.group(1).strip()
        parts = [x.strip() for x in re.split(r"\s+[-–—]\s+", inner)]
        if len(parts) == 2:  # "(أبوظبي - البيان)": place and the paper's own credit
            place = place or parts[0]
            inner = parts[1]
        if (inner and inner not in agencies and key(inner) not in bad_name_keys
                and not any(key(inner) in s for s in site_keys)):
            agencies.append(inner)
    first_body_i = next((i for i in range(n) if labels[i] == "body"), None)
    if first_body_i is not None and place is None:
        m = _WIRE_DATELINE.match(blocks[first_body_i].text)
        if m:  # "دمشق، سوريا (CNN) -- ..." (inline furniture: kept in the paragraph)
            place = m.group(1).strip()
            ag = m.group(2).strip()
            if ag and key(ag) not in bad_name_keys and not any(key(ag) in s or s in key(ag) for s in site_keys):
                agencies.append(ag)

    # --- dates
    crawl_date = _reference(crawl_date, signals)
    published, updated = _choose_dates(bag, blocks, keys, labels, rel_kind, start, end, url, crawl_date,
                                       signals, evidence)

    # --- tags
    tags = _tags(bag, blocks, labels)
    # --- section
    section = _section(bag, blocks, labels, tkey)
    # --- related links
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

    # --- lines, body, article
    page.lines = [Line(span=(b.start, b.end), label=labels[i], score=1.0 if cand[i] else 0.5, text=b.text)
                  for i, b in enumerate(blocks)]
    body_idx = [i for i in range(n) if labels[i] == "body"]
    body_text = "\n".join(blocks[i].text for i in body_idx)
    lang = _language(body_text or page.text)
    page.language = lang
    if bag.lang:
        evidence["html_lang"] = bag.lang
        if lang and not bag.lang.lower().startswith(lang):
            signals["lang_attr_mismatch"] = 1.0
    page.signals.update(signals)
    page.meta["evidence"] = evidence
    if not body_idx:
        page.rejection = Rejection(page.record_id or page.id, page.source or (url or ""), "no_article",
                                   f"no main text found ({len(paras)} trafilatura paragraphs, {n} lines)")
        return
    art = Article(id=content_id(page.id, "main"), page_id=page.id, role="main", url=url)
    art.title = title
    if title_idx is not None:
        art.title_span = (blocks[title_idx].start, blocks[title_idx].end)
    if published:
        art.published, art.published_precision = published.iso, published.precision
    if updated:
        art.updated = updated.iso
    art.publisher = pub
    art.authors = authors
    art.agencies = agencies
    art.dateline_place = place
    art.section = section
    art.tags = tags
    art.body = [_display(blocks[i].text) for i in body_idx]
    art.body_spans = [(blocks[i].start, blocks[i].end) for i in body_idx]
    art.related = related
    art.language = lang
    art.signals = {k: float(v) for k, v in signals.items() if isinstance(v, (int, float))}
    page.articles = [art]


def _sub_span(b: Block, text: str) -> tuple[int, int] | None:
    pos = b.text.find(text)
    return (b.start + pos, b.start + pos + len(text)) if pos >= 0 else None


def _has_byline_prefix(text: str) -> bool:
    t = text.strip()
    for p in BYLINE_PREFIXES:
        if t.startswith(p) and len(t) > len(p) + 2 and t[len(p)] in " :：-–—":
            return True
    return False


def _label(i: int, b: Block, k: str, cand: bool, rel: str | None, title_lines: set[int], tkey: str | None) -> str:
    zones = b.zones
    words = len(b.text.split())
    if i in title_lines:
        return "title"
    if rel:
        return "related"
    if cand:
        for z, lab in _STRONG_VETO.items():
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
    if words <= 14 and _DIGIT.search(b.text) and (
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


def _metadata_authors(bag: MetaBag) -> list[str]:
    out: list[str] = []
    for a in bag.ld("author"):
        items = a if isinstance(a, list) else [a]
        for it in items:
            if isinstance(it, dict) and str(it.get("@type", "Person")).lower() == "person":
                nm = it.get("name")
                if isinstance(nm, str):
                    out.append(nm)
            elif isinstance(it, str):
                out.append(it)
    for n in ("author", "article:author", "dc.creator", "sailthru.author", "parsely-author"):
        for v in bag.metas.get(n, ()):
            if v and "://" not in v:
                out.extend(x for x in re.split(r"\s*[;,،]\s*", v) if x)
    return out


def _choose_dates(bag: MetaBag, blocks: list[Block], keys: list[str], labels: list[str], rel_kind: list[str | None],
                  start: int, end: int, url: str | None, crawl_date: Any, signals: dict[str, Any],
                  evidence: dict[str, Any]) -> tuple[DateInfo | None, DateInfo | None]:
    pub_c: list[DateInfo] = []
    upd_c: list[DateInfo] = []
    for v in bag.ld("datePublished"):
        if isinstance(v, str) and (d := parse_machine_date(v, source="jsonld:datePublished", reference=crawl_date)):
            pub_c.append(d)
    for name in PUBLISHED_KEYS:
        for v in bag.metas.get(name, ()):
            if d := parse_machine_date(v, source=f"meta:{name}", reference=crawl_date):
                pub_c.append(d)
    for v in bag.ld("dateModified"):
        if isinstance(v, str) and (d := parse_machine_date(v, source="jsonld:dateModified", reference=crawl_date)):
            upd_c.append(d)
    for name in UPDATED_KEYS:
        for v in bag.metas.get(name, ()):
            if d := parse_machine_date(v, source=f"meta:{name}", reference=crawl_date):
                upd_c.append(d)

    # visible dateline near the headline, never inside related blocks
    vis_pub: DateInfo | None = None
    vis_zone = False  # the visible dateline names its zone (GMT, UTC, +03:00)
    vis_upd: DateInfo | None = None
    lo, hi = max(0, start), min(len(blocks), end + 6)
    order = list(range(lo, hi)) + [i for i in range(len(blocks)) if "date" in blocks[i].zones and not lo <= i < hi]
    for i in order:
        b = blocks[i]
        if rel_kind[i] or labels[i] in ("related", "navigation", "footer", "body", "title") or b.zones & {
                "sidebar", "related", "comment"}:
            continue
        if len(b.text) > 160 or not _DIGIT.search(b.text):
            continue
        found = _find_dates(b.text, crawl_date)
        if not found:
            continue
        labels[i] = "dateline"
        for m in found:
            d = dateinfo_from_match(m, f"visible:{i + 1}")
            if d is None:
                continue
            lab = getattr(m, "label", None)
            before = key(b.text[: m.span[0]]) if getattr(m, "span", None) else ""
            is_upd = lab == "updated" or any(w in before.split()[-3:] for w in ("تحديث", "محدثه", "محدث"))
            if is_upd:
                vis_upd = vis_upd or d
            elif vis_pub is None:
                vis_pub = d
                vis_zone = d.offset is not None or bool(_ZONE_WORDS.search(b.text))
        if vis_pub and vis_upd:
            break
        if vis_pub and i >= hi:
            break

    ev: list[str] = [f"{d.source}={d.iso}" for d in pub_c]
    if vis_pub:
        ev.append(f"{vis_pub.source}={vis_pub.iso}")
    published: DateInfo | None = None
    if pub_c:
        days = {d.day for d in pub_c}
        if len(days) > 1:
            signals["date_conflict"] = 1.0
            local = [d for d in pub_c if d.offset not in (None, 0)]
            agree = [d for d in pub_c if vis_pub and d.day == vis_pub.day]
            published = agree[0] if agree else (local[0] if local else pub_c[0])
        else:
            published = pub_c[0]
        if published.precision == "day":
            richer = [d for d in pub_c if d.day == published.day and d.precision != "day"]
            if richer:
                published = richer[0]
        # a "Z" stamp that equals the visible local wall clock is mislabelled local time (youm7)
        if (published.offset == 0 and vis_pub is not None and not vis_zone and vis_pub.when is not None
                and published.when
                and vis_pub.day == published.day and vis_pub.when.hour == published.when.hour
                and vis_pub.when.minute == published.when.minute):
            iso = published.iso.replace("+00:00", "")
            published = DateInfo(iso, published.precision, published.day, None, published.source + "(local)")
    elif vis_pub:
        published = vis_pub
    else:
        published = url_date(url)
    updated = upd_c[0] if upd_c else vis_upd
    if published and updated and published.when and updated.when:
        try:
            if updated.when < published.when:
                signals["updated_before_published"] = 1.0
        except TypeError:  # naive vs aware
            if updated.day < published.day:
                signals["updated_before_published"] = 1.0
    elif published and updated and updated.day < published.day:
        signals["updated_before_published"] = 1.0
    evidence["published"] = published.source if published else None
    evidence["published_candidates"] = ev
    evidence["updated"] = updated.source if updated else None
    return published, updated


def _find_dates(text: str, crawl_date: Any) -> list[Any]:
    try:
        from akhbar.dates import find_dates

        return list(find_dates(text, reference=crawl_date))
    except Exception:
        return []


def _split_tags(v: str) -> list[str]:
    return [t.strip() for t in re.split(r"\s*[,،;؛]\s*", v) if t.strip()]


def _tags(bag: MetaBag, blocks: list[Block], labels: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, b in enumerate(blocks):
        if labels[i] != "tags":
            continue
        items = [(t, h) for t, h in b.anchors if t]
        if not items and len(b.text.split()) <= 4 and "tags" in b.zones:
            # chips whose link is an empty overlay (<a href=..></a>text), as on LBCI
            items = [(b.text, next((h for _, h in b.anchors if h), None))]
        for text, href in items:
            k = key(text)
            if not k or k in TAG_HEADINGS or k in seen or len(text) > 60 or _COUNT.search(text):
                continue
            if href and _CATEGORY_HREF.search(href):
                continue
            seen.add(k)
            out.append(text)
    if out:
        return out
    anchor_keys = {key(t) for b in blocks for t, _ in b.anchors}
    for name in ("article:tag", "news_keywords", "keywords"):
        vals = [t for v in bag.metas.get(name, ()) for t in _split_tags(v)]
        vis = [t for t in vals if key(t) in anchor_keys]
        for t in vis:
            if key(t) not in seen:
                seen.add(key(t))
                out.append(t)
        if out:
            return out
    return out


def _section(bag: MetaBag, blocks: list[Block], labels: list[str], tkey: str | None) -> str | None:
    """Most specific section: breadcrumb (last crumb that is not home or the headline), JSON-LD
    ``articleSection``, ``article:section``, then a category link in the tags row."""
    crumbs = [t for b in blocks if "breadcrumb" in b.zones for t, _ in b.anchors if t]
    crumbs = [c for c in crumbs if key(c) not in _HOME_KEYS and key(c) != tkey and len(c) <= 40]
    if crumbs:
        return crumbs[-1]
    for v in bag.ld("articleSection"):
        if isinstance(v, list):
            v = next((x for x in v if isinstance(x, str)), None)
        if isinstance(v, str) and v.strip():
            return v.strip()
    sec = bag.first("article:section")
    if sec:
        return sec
    for i, b in enumerate(blocks):
        if labels[i] == "tags" and len(b.text.split()) <= 4:
            for _t, h in b.anchors:
                if h and _CATEGORY_HREF.search(h):
                    return b.text
    return None


def _language(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        from akhbar.arabic import identify_language

        g = identify_language(text[:5000])
        return getattr(g, "code", None) or (g if isinstance(g, str) else None)
    except Exception:
        return "ar" if len(_ARABIC.findall(text)) > len(_LATIN.findall(text)) else None


def _reference(crawl_date: Any, signals: dict[str, Any]) -> Any:
    """``crawl_date`` as something ``akhbar.dates`` accepts (date/datetime/ISO string), or None.

    A malformed string (not ISO 8601) is dropped with signal ``bad_crawl_date`` instead of
    making every visible-date lookup fail.
    """
    if crawl_date is None or hasattr(crawl_date, "year"):
        return crawl_date
    if isinstance(crawl_date, str):
        d = parse_machine_date(crawl_date)
        if d is not None and not d.source:
            return d.when.isoformat() if d.when else d.day.isoformat()
    signals["bad_crawl_date"] = 1.0
    return None
