"""Headline, publisher and site-name choice for an HTML page.

Owns :func:`site_name_keys` (the folded names a site goes by), :func:`strip_site_affix`,
:func:`choose_title` and :func:`choose_publisher`. Inputs: the page's metadata
(:class:`akhbar.html.meta.MetaBag`) and the rendered lines.

Rules, each measured on the gold pages by ``benchmarks/html_gold.py``:

* title = the ``<h1>`` that matches ``og:title``/JSON-LD/``<title>``; else the only ``<h1>`` (or
  the last one before the first body line); else those metadata titles with the site-name affix
  stripped (inner hyphens kept), shown as the on-page heading of the same text when there is one;
* site names = ``og:site_name``, ``application-name``, ``twitter:site``, JSON-LD
  ``publisher.name`` and the host name; a title segment is a site affix when it folds to one of
  them (``"... - اليوم السابع"``) or is Latin-only (up to 4 words) beside Arabic;
* publisher = JSON-LD ``publisher.name``, ``og:site_name``, ``application-name``, then the last
  segment of ``<title>``.
"""

from __future__ import annotations

import re

from akhbar.html.cues import ARABIC, key
from akhbar.html.meta import MetaBag
from akhbar.html.render import Block

_SEP = re.compile(r"\s+[-|–—:»«•·]+\s+|\s*\|\s*")


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
        rest_ar = bool(ARABIC.search(t[: last.start()]))
        if _is_site(tail, site_keys, rest_ar):
            t = t[: last.start()].strip()
            continue
        if _is_site(head, site_keys, bool(ARABIC.search(t[first.end():]))):
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
    return rest_arabic and not ARABIC.search(seg) and len(seg.split()) <= 4


def site_name_keys(bag: MetaBag, url: str | None) -> set[str]:
    """Folded names of the site: ``og:site_name``, ``application-name``, ``twitter:site``, JSON-LD
    ``publisher``, and the host of ``url`` (whole and its first label)."""
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
