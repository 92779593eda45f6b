"""Titles a page does not print: the URL slug, the first sentence; and a headline fused to its text.

``Article.title_source`` says where a title came from (issue 13: no invented headline):

- ``"page"``: a headline the page prints (text route: the title line; HTML route: ``<h1>``,
  ``og:title``, JSON-LD ``headline``, ``<title>``);
- ``"record"``: the input record's own title field (SaudiNewsNet, ANT, JSONL ``title``);
- ``"header"``: a crawler export header's title (:mod:`akhbar.page.exportheader`);
- ``"url"``: the URL slug, when readable Arabic words (:func:`slug_title`);
- ``"first_sentence"``: the first sentence of the body, cut at :data:`TITLE_WORDS` words with "…".
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

#: Words of the first sentence kept as a title when nothing else gives one.
TITLE_WORDS = 14
#: Lengths (characters, percent-encoded) of a slug probably cut by its CMS (WordPress cuts at 200:
#: ``...-%D8%A7%D9%84%D8%AA%D8%B1%D9%85%D9%8A`` = "الترمي" for "الترميم"); its last word is then
#: dropped. Longer slugs (news.dotgulf.com: 698 characters) are whole.
CUT_SLUG_CHARS = (180, 200)
#: The values of ``Article.title_source``.
TITLE_SOURCES = ("page", "record", "header", "url", "first_sentence")

_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s")
_AR_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_EXT = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.IGNORECASE)
_SEP = re.compile(r"[-_+\s]+")
_WORD = re.compile(r"\S+")
# a numeric id of 4+ digits glued after the slug's last Arabic word (syriaone.tv)
_GLUED_ID = re.compile(r"(?<=[\u0621-\u064a])[0-9]{4,}$")
# letters and digits kept for comparing a slug with text (Arabic letter variants folded)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_NON_WORD = re.compile(r"[^\w]|_|[\u064b-\u065f\u0670]")


def first_sentence_title(paragraph: str) -> str:
    """The first sentence of ``paragraph``, cut at :data:`TITLE_WORDS` words (then " …" added).

    >>> first_sentence_title("قال الوزير إن الخطة جاهزة. وأضاف أن ...")
    'قال الوزير إن الخطة جاهزة.'
    """
    words = _SENTENCE_END.split(paragraph, maxsplit=1)[0].split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def slug_title(url: str | None) -> str | None:
    """The headline a URL's path spells in Arabic words, or None.

    The last path segment (file extension dropped) with at least three words, four in five of them
    with Arabic letters, once percent-decoded and with hyphens, underscores and ``+`` read as
    spaces; leading and trailing numeric ids are dropped (also one of 4+ digits glued to the last Arabic word), and the last word of a slug whose length
    is in :data:`CUT_SLUG_CHARS` (a cut slug); a path of numbers or Latin words gives
    None. Pure function; never raises.

    >>> slug_title("https://example.com/news/1447299/%D9%85%D8%AC%D9%84%D8%B3-%D8%A7%D9%84%D9%88%D8%B2%D8%B1%D8%A7%D8%A1-%D9%8A%D8%AC%D8%AA%D9%85%D8%B9")
    'مجلس الوزراء يجتمع'
    >>> slug_title("https://example.com/6693541") is None
    True
    """
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for raw in reversed([p for p in path.split("/") if p]):
        seg = _EXT.sub("", unquote(raw, errors="replace"))
        words = [w for w in _SEP.split(seg) if w]
        if CUT_SLUG_CHARS[0] <= len(raw) <= CUT_SLUG_CHARS[1] and len(words) > 3:
            words.pop()  # the CMS cut the slug: its last word is likely a fragment
        while words and words[0].isdigit():
            words.pop(0)
        while words and words[-1].isdigit():
            words.pop()
        if words and _GLUED_ID.search(words[-1]):
            words[-1] = _GLUED_ID.sub("", words[-1])  # "القادمة1761855304": an id glued to the last word
        if not words:
            continue
        arabic = sum(1 for w in words if _AR_WORD.search(w))
        if len(words) >= 3 and arabic >= 0.8 * len(words):
            return " ".join(words)
        return None  # the last meaningful segment decides: a section name higher up is no headline
    return None


def fold_word(w: str) -> str:
    """A word folded for comparing a slug or header title with text: letters and digits only,
    alef/yeh/teh-marbuta/hamza-seat variants unified, diacritics dropped, lower case."""
    return _NON_WORD.sub("", w.translate(_FOLD)).lower()


def title_prefix_end(text: str, start: int, end: int, title: str, *, truncated: bool = False) -> int | None:
    """Where ``title`` ends when ``text[start:end]`` begins with it (words compared folded, see
    :func:`fold_word`; punctuation the title lacks is skipped, as a slug drops it), or None.

    ``truncated``: the title may end in a cut word (a CMS cuts long slugs: ``...-وحوادث-أم``), so its
    last word may be a prefix of the text's word. Used to split a headline a crawler fused with the
    first paragraph on one line. Cost: linear in the title's words.
    """
    want = [f for f in (fold_word(w) for w in title.split()) if f]
    if not want:
        return None
    k = 0
    last = None
    for m in _WORD.finditer(text, start, end):
        f = fold_word(m.group())
        if not f:
            continue
        if f == want[k] or (truncated and k == len(want) - 1 and len(want[k]) >= 2 and f.startswith(want[k])):
            k += 1
            last = m.end()
            if k == len(want):
                return last
        else:
            return None
    return None


#: URL paths of listing pages (author, tag, category, label, search archives)
LISTING_PATH = re.compile(r"/(?:author|authors|writer|writers|tag|tags|category|categories|label|search|section)/",
                          re.IGNORECASE)


def slug_line(infos: list, url: str | None, b: int, lo: int) -> int | None:
    """The nearest of the lines ``infos[lo+1:b]`` (``akhbar.page.lines.LineInfo``) that the URL's
    Arabic slug spells, or None: two or more words, first-pass kind ``""`` or
    ``"dateline_candidate"``, not ending in a colon, every word (folded, :func:`fold_word`) in the slug, and at least two
    thirds of the slug's words in it (``أيام قرطاج`` for ``.../أيام-قرطاج``; open-web development
    set). None without a URL, a slug of fewer than two words, or on listing pages
    (:data:`LISTING_PATH`: an author's, a tag's or a category's slug names the listing). Pure."""
    if not url or LISTING_PATH.search(url):
        return None
    from akhbar.page.linemodel import slug_words

    slug = {f for f in (fold_word(w) for w in slug_words(url)) if f}
    if len(slug) < 2:
        return None
    for j in range(b - 1, lo, -1):
        lj = infos[j]
        if lj.kind not in ("", "dateline_candidate") or not 2 <= lj.words <= 40 or lj.text.rstrip().endswith(":"):
            continue  # a line ending in a colon labels what follows ("«قيس سعيد»:" on a keyword page)
        ws = {f for f in (fold_word(w) for w in lj.text.split()) if f}
        if len(ws) >= 2 and ws <= slug and len(ws) >= 2 * len(slug) / 3:
            return j
    return None
