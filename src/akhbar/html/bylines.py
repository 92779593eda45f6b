"""Bylines, authors, agency credits and the dateline place of the main article.

Owns :func:`clean_author`, :func:`find_authors` (which also labels byline lines) and
:func:`find_credits`. Both look only inside the article region
(:func:`akhbar.html.labels.article_region` plus 8 lines), never in related, sidebar, comment or
footer lines.

Rules, each measured on the gold pages by ``benchmarks/html_gold.py``:

* a byline is a line of 8 words or fewer led by a byline prefix
  (:data:`akhbar.html.cues.BYLINE_PREFIXES`: ``كتب``, ``كتبت``, ``حوار:`` ...), in an ``author``
  zone, or linking to an author page (``/author/``, ``/kuttab/`` ...); a body line is a byline
  only when prefixed;
* a name is 2-5 words of letters (no digits, links or ``@``), not the site, publisher or headline,
  and without words such as ``المصدر``, ``وكالة``, ``التحرير``; ``"حسام أبو العلا - القاهرة"``
  gives the author and the place;
* metadata authors (JSON-LD ``author`` persons, ``<meta name=author>`` ...) count only when the
  name is shown in the article region;
* agencies = the ``(...)`` of credit lines (``--(بترا)``; ``(أبوظبي - البيان)`` gives place and
  credit), else a wire dateline leading the first body line (``دمشق، سوريا (CNN) -- ...``), never
  the site's own name.
"""

from __future__ import annotations

import re

from akhbar.html.cues import BYLINE_PREFIXES, DIGIT, key
from akhbar.html.meta import MetaBag
from akhbar.html.render import Block

_AUTHOR_HREF = re.compile(r"/(?:author|authors|writer|writers|editors?|kuttab|columnist|profile)s?/", re.IGNORECASE)
_FUSED_PLACE = re.compile(r"\S\s+[-–—]\s+([^-–—]{2,30})$")
_PAREN = re.compile(r"\(\s*([^()]{2,40}?)\s*\)")
_WIRE_DATELINE = re.compile(r"^([^()\-–—:.]{2,30}?)\s*\(([^()]{2,20})\)\s*[-–—]{1,2}\s*\S")
_NOT_NAME_WORDS = frozenset(key(k) for k in ("المصدر", "وكالة", "وكالات", "موقع", "صحيفة", "جريدة", "قناة",
                                           "بوابة", "فريق", "التحرير", "admin", "editor", "staff", "news"))


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


def not_name_keys(site_keys: set[str], publisher: str | None, tkey: str | None) -> set[str]:
    """Folded strings no author or agency may be: the site names, the publisher, the headline."""
    bad_name_keys = set(site_keys)
    if publisher:
        bad_name_keys.add(key(publisher))
    if tkey:
        bad_name_keys.add(tkey)
    return bad_name_keys


def _name_ok(name: str, bad_keys: set[str]) -> bool:
    if not name or len(name) > 60 or DIGIT.search(name) or "http" in name or "@" in name:
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


def _has_byline_prefix(text: str) -> bool:
    t = text.strip()
    for p in BYLINE_PREFIXES:
        if t.startswith(p) and len(t) > len(p) + 2 and t[len(p)] in " :：-–—":
            return True
    return False


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


def find_authors(bag: MetaBag, blocks: list[Block], keys: list[str], labels: list[str],
                 rel_kind: list[str | None], start: int, end: int,
                 bad_name_keys: set[str]) -> tuple[list[str], str | None]:
    """``(authors, place)`` from the visible bylines of lines ``start .. end + 7`` (labelled
    ``byline`` in ``labels``, in place), then the metadata names shown there."""
    n = len(blocks)
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
            if m and place is None and len(m.group(1).split()) <= 3 and not DIGIT.search(m.group(1)):
                place = m.group(1).strip()  # "حسام أبو العلا - القاهرة"
    visible = "\n".join(keys[start: end + 8])
    for name in _metadata_authors(bag):
        nm = clean_author(name)
        if nm not in authors and _name_ok(nm, bad_name_keys) and key(nm) in visible:
            authors.append(nm)
            m = _FUSED_PLACE.search(name)
            if m and place is None and key(name) in visible and len(m.group(1).split()) <= 3:
                place = m.group(1).strip()
    return authors, place


def find_credits(blocks: list[Block], labels: list[str], start: int, end: int, place: str | None,
                 bad_name_keys: set[str], site_keys: set[str]) -> tuple[list[str], str | None]:
    """``(agencies, place)`` from the credit (``source``) lines of lines ``start .. end + 7`` and
    a wire dateline leading the first body line; ``place`` (from the bylines) is kept when set."""
    n = len(blocks)
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
    return agencies, place
