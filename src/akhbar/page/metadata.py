"""Article metadata from labelled lines: title, dates, publisher, agencies, authors, tags, section.

Functions here take display-normalized strings and return display-normalized
strings. Rules and the pages that justify them are named in each docstring
(SEED, SNN, GOLD, CASE as in ``akhbar.page.lexicon``).
"""

from __future__ import annotations

import functools
import html
import re

from akhbar.arabic import normalize
from akhbar.controls import CONTROLS, strip_controls  # noqa: F401 - re-exported
from akhbar.page import lexicon as lx

_WS = re.compile(r"\s+")
_SPLIT_LIST = re.compile(r"\s*(?:[,،|•·;؛]|\s-\s)\s*")


def squash(s: str) -> str:
    """Collapse every run of whitespace (NBSP included) to one space and strip."""
    return _WS.sub(" ", s).strip()


# SNN `title` fields carry SPA category prefixes ("عام / ", "تقرير / ") and HTML entities (gold README).
_CATEGORY_PREFIX = re.compile(r"^(?:عام|تقرير|رياضي|اقتصادي|ثقافي|دولي|محلي|سياسي|إضافة\s+\S+)\s*/\s*")


def clean_title(title: str | None) -> str | None:
    """Record title -> display title: entities decoded, control characters deleted (``strip_controls``),
    SPA category prefix removed, whitespace collapsed.

    >>> clean_title("عام / نائب خادم الحرمين الشريفين يرأس جلسة مجلس الوزراء")
    'نائب خادم الحرمين الشريفين يرأس جلسة مجلس الوزراء'
    >>> clean_title('ارتفاع &quot;فلكي&quot; لأسعار')
    'ارتفاع "فلكي" لأسعار'
    """
    if not title:
        return None
    t = squash(strip_controls(html.unescape(title)))
    t = _CATEGORY_PREFIX.sub("", t)
    return t or None


def source_line_fields(line: str) -> tuple[str | None, list[str]]:
    """A source/credit line -> ``(publisher, agencies)``.

    SEED: "المصدر: عربي21" -> ("عربي21", []); "المصادر الإضافية • AP" -> (None, ["AP"]).
    GOLD almadenahnews: "--(بترا)" -> (None, ["بترا"]). SNN SPA markers ("// يتبع //") -> (None, []).
    """
    t = squash(line)
    m = lx.AGENCY_CREDIT_LINE.match(t)
    if m:
        return None, [m.group(1).strip()]
    m = lx.SOURCE_LEAD.match(t)
    if not m:
        return None, []
    lead = t[: m.end()]
    rest = t[m.end() :].strip(" *:•")
    credited = []
    for pm in re.finditer(r"\(([^()]{2,25})\)\s*$", rest):
        if _is_agency(pm.group(1).strip()):
            credited.append(pm.group(1).strip())
            rest = rest[: pm.start()].strip()
    rest = rest.strip("()").strip()
    if not rest:
        return None, []
    parts = [p.strip(" ()*") for p in _SPLIT_LIST.split(rest) if p.strip(" ()*")]
    if re.search("إضافي|الإضافية|Sources", lead):
        return None, parts + credited
    agencies = [p for p in parts if _is_agency(p)] + credited
    others = [p for p in parts if not _is_agency(p)]
    publisher = None
    if others:
        # "(أبوظبي - البيان)": place - outlet
        publisher = others[0]
        if " - " in publisher:
            publisher = publisher.split(" - ")[-1].strip()
    return publisher, agencies


def _is_agency(s: str) -> bool:
    return any(rx.fullmatch(s) for rx in lx.AGENCY_RE.values())


def agencies_in(text: str) -> list[str]:
    """Agencies credited in a byline/dateline/credit string, as written.

    SNN: "عبد الله القحطاني، واس (أبها)" -> ["واس"]; "الوئام - رويترز:" -> ["رويترز"];
    SPA dateline "جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس" -> ["واس"].
    """
    if _ANY_AGENCY.search(text) is None:
        return []
    found: list[tuple[int, str]] = []
    for rx in lx.AGENCY_RE.values():
        for m in rx.finditer(text):
            found.append((m.start(), squash(m.group())))
    found.sort()
    out: list[str] = []
    for _, s in found:
        if s not in out:
            out.append(s)
    return out


# Every agency pattern without its word-boundary lookarounds, in one alternation: when it finds
# nothing, none of the 22 ``AGENCY_RE`` patterns can match (a pre-check for ``agencies_in``).
_ANY_AGENCY = re.compile("|".join(f"(?:{v})" for v in lx.AGENCIES.values()))

_INLINE_CREDIT = re.compile(r"\((واس|رويترز|أ\.?\s?ف\.?\s?ب|ا\s?ف\s?ب|د\.?\s?ب\.?\s?[أا]|بترا|وام|قنا|كونا|سانا|AFP|AP|Reuters)\)")


def inline_credits(text: str) -> list[str]:
    """Agencies credited in parentheses inside the first or last sentence: "(واس)", "(رويترز)"."""
    return [squash(m.group(1)) for m in _INLINE_CREDIT.finditer(text)]


# Places seen in SNN bylines/datelines and the Arab capitals (for removing places from bylines).
PLACES = frozenset(
    ["الرياض", "جدة", "مكة", "المكرمة", "المدينة", "المنورة", "الدمام", "الخبر", "الطائف", "أبها", "تبوك", "حائل", "بريدة", "القصيم", "جازان", "نجران", "الباحة", "الجوف", "عرعر", "الأحساء", "الظهران", "ينبع", "القطيف", "الجبيل", "خميس", "مشيط", "القاهرة", "الإسكندرية", "دبي", "أبوظبي", "الشارقة", "الدوحة", "الكويت", "المنامة", "مسقط", "عمان", "بيروت", "دمشق", "بغداد", "صنعاء", "عدن", "الخرطوم", "طرابلس", "تونس", "الجزائر", "الرباط", "نواكشوط", "القدس", "غزة", "رام", "الله", "لندن", "باريس", "واشنطن", "نيويورك", "موسكو", "برلين", "جنيف", "بروكسل", "أنقرة", "إسطنبول", "طهران", "كابول", "إسلام", "آباد"]
) | {"مكة المكرمة", "المدينة المنورة", "خميس مشيط", "رام الله", "إسلام آباد", "المنطقة الشرقية"}

_PHOTO = re.compile(r"(?:تصوير|عدسة|صور)\s*[:：/]?\s*[^-–ـ:]+")
_BYLINE_PREFIX = re.compile(r"^\s*(?:كتب(?:ت|ه|ها)?|بقلم|أعد(?:ه|ت|ته)|إعداد|حوار|أجرى\s+الحوار|أجرت\s+الحوار|متابعة|By)\s*[:：\-–]?\s*")
_TIMESTAMP = re.compile(r"\|?\s*(?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday).*$|\d{1,2}:\d{2}.*$")


def authors_from_byline(byline: str, *, publisher: str | None = None) -> tuple[list[str], str | None]:
    """Byline string -> ``(authors, dateline_place)`` (see ``_authors_from_byline``; results of
    repeated bylines come from a bounded cache, as fresh lists)."""
    if type(byline) is not str or (publisher is not None and type(publisher) is not str):
        return _authors_from_byline(byline, publisher=publisher)
    authors, place = _authors_from_byline_cached(byline, publisher)
    return list(authors), place


@functools.lru_cache(maxsize=8192)
def _authors_from_byline_cached(byline: str, publisher: str | None) -> tuple[tuple[str, ...], str | None]:
    authors, place = _authors_from_byline(byline, publisher=publisher)
    return tuple(authors), place


def _authors_from_byline(byline: str, *, publisher: str | None = None) -> tuple[list[str], str | None]:
    """Byline string -> ``(authors, dateline_place)``.

    Removes prefixes (كتب، بقلم، حوار، أجرى الحوار), photographers (تصوير), outlet tags
    (سبق، الوئام، «الشرق الأوسط»), agencies, places and timestamps (SNN gold README).

    >>> _authors_from_byline("سلطان السلمي- سبق- جدة:")
    (['سلطان السلمي'], 'جدة')
    >>> _authors_from_byline("جدة ـ نجيب الجداوي")
    (['نجيب الجداوي'], 'جدة')
    >>> _authors_from_byline("الرياض - الوئام :")
    ([], 'الرياض')
    """
    t = squash(html.unescape(byline)).replace("*", " ").strip(" :：")
    t = _TIMESTAMP.sub("", t)
    t = _PHOTO.sub(" ", t)
    t = _BYLINE_PREFIX.sub("", t)
    place = None
    authors: list[str] = []
    # "القاهرة: «الشرق الأوسط»", "لندن: مينا العريبي"
    chunks = [c for c in re.split(r"\s*[-–—ـ،,]\s*|\s+و(?=\S)(?=[^\s]{2,})(?<=\s)|:\s*|\(|\)", t) if c and c.strip()]
    for c in chunks:
        c = squash(c.strip(" «»\"'"))
        if not c:
            continue
        if c in PLACES or c.startswith("من ") and c[3:] in PLACES:
            place = place or (c.removeprefix("من "))
            continue
        if c in lx.OUTLET_TAGS or _is_agency(c) or c in ("متابعات", "خاص", "وكالات"):
            continue
        if publisher and (c == publisher or c.startswith(publisher + " ") or c.replace(".", " ").startswith(publisher + " ")):
            continue  # "العربية نت" on العربية
        words = c.split()
        if words and words[-1] in PLACES and len(words) >= 3 and words[-2] == "من":
            place = place or words[-1]
            c = " ".join(words[:-2])
            words = c.split()
        if 2 <= len(words) <= 5 and not re.search(r"\d|[A-Za-z]{4,}", c):
            authors.append(c)
    return authors, place


def clean_author_field(author: str | None, *, publisher: str | None = None) -> tuple[list[str], str | None, list[str]]:
    """A record's author field (SNN, ANT) -> ``(authors, place, agencies)``; GUIDs and dates are dropped.

    Sites repeat their authors: results come from a bounded cache (fresh lists each call)."""
    if not author:
        return [], None, []
    if type(author) is not str or (publisher is not None and type(publisher) is not str):
        return _clean_author_field(author, publisher=publisher)
    authors, place, agencies = _clean_author_field_cached(author, publisher)
    return list(authors), place, list(agencies)


@functools.lru_cache(maxsize=8192)
def _clean_author_field_cached(
    author: str, publisher: str | None
) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    authors, place, agencies = _clean_author_field(author, publisher=publisher)
    return tuple(authors), place, tuple(agencies)


def _clean_author_field(author: str, *, publisher: str | None = None) -> tuple[list[str], str | None, list[str]]:
    a = squash(html.unescape(author))
    if re.fullmatch(r"[0-9a-f-]{30,}", a) or re.search(r"\b(?:19|20)\d\d\b", a) and not re.search("[؀-ۿ]{3}", a):
        return [], None, []
    agencies = agencies_in(a)
    authors, place = authors_from_byline(a, publisher=publisher)
    return authors, place, agencies


# ---------------------------------------------------------------------------- tags
def _ngrams_of(text: str, nmax: int = 4) -> set[str]:
    toks = normalize(text, "search").split()
    toks = [t.strip(".,،:؛;!؟?\"'«»()") for t in toks]
    out = set()
    for n in range(1, nmax + 1):
        for i in range(len(toks) - n + 1):
            out.add(" ".join(toks[i : i + n]))
    return out


def split_tags(line: str, *, article_text: str = "", is_cloud: bool | None = None) -> list[str]:
    """A tag line -> list of tags, in page order, without duplicates.

    With separators ("مصر, فيروس كورونا"; GOLD sputnik) the line is split on them.
    Without separators (SEED "كلمات دلالية: سياسة اقتصاد ... ترامب البيت الأبيض ..."), words are
    grouped greedily into the longest n-grams (n <= 4) that also occur in the article's title
    or body; on a *cloud* (a tag line polluted by the site menu: long, with menu words or
    repeats) unmatched words are dropped, otherwise each run of unmatched words is one tag
    (SEED related story: "... روسيا دونالد ترامب فيكتور أوربان الحرب في أوكرانيا").
    """
    t = squash(line)
    m = lx.TAGS_LEAD.match(t)
    if m:
        t = t[m.end() :]
    t = lx.UI_PREFIX.sub("", t).strip()
    if not t:
        return []
    if _SPLIT_LIST.search(t):
        parts = [squash(p.strip(" #")) for p in _SPLIT_LIST.split(t)]
        parts = [re.sub(r"\(\s*\d+\s*\)$", "", p).strip() for p in parts]
        return _dedup([p for p in parts if p])
    words = t.split()
    if is_cloud is None:
        menu = sum(1 for w in words if w in lx.MENU_WORDS)
        is_cloud = len(words) > 12 and (menu >= 3 or len(set(words)) < 0.7 * len(words))
    grams = _ngrams_of(article_text) if article_text else set()
    nw = [normalize(w, "search").strip(".,،:\"'«»()") for w in words]
    tags: list[str] = []
    unmatched: list[str] = []
    i = 0
    while i < len(words):
        hit = 0
        for n in (4, 3, 2, 1):
            if i + n <= len(words) and " ".join(nw[i : i + n]) in grams:
                if n == 1 and (words[i] in lx.MENU_WORDS or len(nw[i]) < 3):
                    continue
                hit = n
                break
        if hit:
            if unmatched and not is_cloud:
                tags.append(" ".join(unmatched))
            unmatched = []
            tags.append(" ".join(words[i : i + hit]))
            i += hit
        else:
            unmatched.append(words[i])
            i += 1
    if unmatched and not is_cloud:
        tags.append(" ".join(unmatched))
    return _dedup(tags)


def _dedup(items: list[str]) -> list[str]:
    seen = set()
    out = []
    for x in items:
        k = normalize(x, "search")
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


_MORE_IN = re.compile(r"المزيد\s+في\s+(.+)$")


def section_from_cloud(line: str) -> str | None:
    """Section from a "المزيد في <section> ..." run in a tag cloud (SEED -> "سياسة دولية").

    The most frequent word bigram that starts with the first word after "المزيد في"
    (sites repeat the section breadcrumb); the single word when no bigram repeats.
    """
    m = _MORE_IN.search(squash(line))
    if not m:
        return None
    words = m.group(1).split()
    if not words:
        return None
    head = words[0]
    counts: dict[str, int] = {}
    for i in range(len(words) - 1):
        if words[i] == head and words[i + 1] != head:
            bg = f"{words[i]} {words[i + 1]}"
            counts[bg] = counts.get(bg, 0) + 1
    if counts:
        bg, c = max(sorted(counts.items()), key=lambda kv: kv[1])
        if c >= 2:
            return bg
    return head


# ---------------------------------------------------------------------------- publishers
#: SaudiNewsNet `source` ids -> outlet names as the papers write them (SNN README and mastheads).
SNN_PUBLISHERS = {
    "aawsat": "الشرق الأوسط",
    "aleqtisadiya": "الاقتصادية",
    "aljazirah": "الجزيرة",
    "almadina": "المدينة",
    "alriyadh": "الرياض",
    "alwatan": "الوطن",
    "alweeam": "الوئام",
    "alyaum": "اليوم",
    "arreyadi": "الرياضي",
    "arriyadiyah": "الرياضية",
    "okaz": "عكاظ",
    "sabq": "سبق",
    "was": "واس",
    "3alyoum": "عين اليوم",
    # ANT <SRC> values
    "alarabia": "العربية",
    "bbc": "بي بي سي عربي",
    "cnn": "سي إن إن بالعربية",
    "france24": "فرانس 24",
    "skynews": "سكاي نيوز عربية",
    "jawhara fm": "جوهرة إف إم",
}


#: First labels of a web host that name no outlet (``www.okaz.com.sa``, ``m.okaz.com.sa``: okaz.com.sa); the
#: search store's publisher keys (``akhbar.store.publishers``) strip the same ones.
HOST_PREFIXES = ("www", "m", "ar", "arabic", "amp", "mobile")


def site_host(url: str | None) -> str | None:
    """The web host of an ``http(s)`` URL, lower-cased, without its ``HOST_PREFIXES`` first labels
    (``https://www.okaz.com.sa/x`` -> ``okaz.com.sa``); None for no URL, another scheme, a malformed
    URL or an IP address. Never raises."""
    if not isinstance(url, str) or not url.strip().lower().startswith(("http://", "https://")):
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = [x for x in host.split(".") if x]
    while len(labels) > 1 and labels[0] in HOST_PREFIXES:
        labels = labels[1:]
    if not labels or all(x.isdigit() for x in labels) or ":" in host or not host.isprintable() or " " in host:
        return None
    return ".".join(labels)


def publisher_from_url(url: str | None) -> str | None:
    """The outlet a page's URL names, for a record that gives no publisher (the Common Crawl sample's
    records carry only the URL): a dataset source id's outlet name when the host's first label is one
    (``SNN_PUBLISHERS``: ``https://www.okaz.com.sa/x`` -> ``عكاظ``, ``https://arabic.cnn.com/`` ->
    ``سي إن إن بالعربية``), else the host as :func:`site_host` gives it (``http://alotaibi-gis.com/page/2/``
    -> ``alotaibi-gis.com``). None when the URL has no usable host. Never raises."""
    host = site_host(url)
    if host is None:
        return None
    return SNN_PUBLISHERS.get(host.split(".")[0], host)


def publisher_from_source(src: str | None) -> str | None:
    """A dataset's source id ("okaz", "Jawhara FM", "alarabia") -> the outlet's Arabic name, else the id."""
    if not src:
        return None
    return SNN_PUBLISHERS.get(src.strip().lower(), src.strip())
