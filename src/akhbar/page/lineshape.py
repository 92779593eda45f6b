"""Label decisions about single lines of a page (shape tests used by the segmentation).

Owns the per-line predicates that ``akhbar.page.drafts`` combines in context: headline-like
lines, lines that continue a body run, list headlines, ``NAME - PLACE`` byline shapes, tag-list
tails, the headline/lead word overlap, and the carry of an empty ``"الموضوع:"`` / ``"المصدر:"``
lead onto the short lines under it.  The pages that justify each rule are named in its
docstring (SEED, GOLD, CASE renderings, see ``akhbar.page.segment``).
"""

from __future__ import annotations

import re

from akhbar.page import lexicon as lx
from akhbar.page.lines import LineInfo, date_led

_SPACE = re.compile(r"\s+")


def squash(s: str) -> str:
    return _SPACE.sub(" ", s).strip()


def headline_like(li: LineInfo) -> bool:
    return li.kind in ("", "dateline_candidate") and 2 <= li.words <= 40 and not li.text.endswith(":")


def continues_body(infos: list[LineInfo], i: int) -> bool:
    li = infos[i]
    if li.bodyish:
        return True
    if li.kind in ("", "dateline_candidate", "byline") and li.words <= 14:
        # intertitle or short paragraph: body when body follows
        nxt = next((x for x in infos[i + 1 : i + 3] if x.kind != "other_boilerplate"), None)
        return nxt is not None and nxt.bodyish
    return li.kind == "" and li.words > 14


BULLET_LINE = re.compile(r"^[*+•·]\s")
TRIVIAL = re.compile(r"^[\W\d_]*$")
_EMPTY_LEAD = {"tags": lx.TAGS_LEAD, "source": lx.SOURCE_LEAD}


def carry_empty_leads(infos: list[LineInfo]) -> None:
    """A lead with nothing after it ("الموضوع:", "المصدر:") labels the short lines under it
    (GOLD sputnik: "الموضوع:" then "فيروس "كورونا" ( 423 )"; albayan: "المصدر:" then
    "* (أبوظبي - البيان)")."""
    for i, li in enumerate(infos):
        if li.kind == "other_boilerplate" and i + 1 < len(infos) and li.words <= 6:
            # a bare masthead label ("رئيس التحرير") and the name under it (open-web set)
            nxt = infos[i + 1]
            m = lx.MASTHEAD.match(li.text)
            if m and not li.text[m.end() :].strip(" :：") and nxt.kind in ("", "navigation") and nxt.words <= 4 and not nxt.bodyish:
                nxt.kind = "other_boilerplate"
            continue
        rx = _EMPTY_LEAD.get(li.kind)
        if rx is None:
            continue
        m = rx.match(li.text)
        if not m or li.text[m.end() :].strip(" *:•"):
            continue
        limit = 1 if li.kind == "source" else 6
        for x in infos[i + 1 : i + 1 + limit]:
            if x.kind not in ("", "navigation") or x.bodyish or x.words > 8:
                break
            x.kind = li.kind


_WORDS = re.compile(r"\w+")


def headline_overlap(headline: str, text: str) -> float:
    """Share of the headline's words (3+ letters, search form) that occur in ``text``."""
    from akhbar.arabic import normalize

    words = {w for w in _WORDS.findall(normalize(text, "search")) if len(w) > 2}
    ws = [w for w in _WORDS.findall(normalize(headline, "search")) if len(w) > 2]
    return sum(1 for w in ws if w in words) / len(ws) if ws else 0.0


def list_headline(li: LineInfo) -> bool:
    """A line that looks like an item of a list of headlines (3-30 words, no final period)."""
    w = li.words - (1 if BULLET_LINE.match(li.text) else 0)
    return li.kind in ("", "navigation") and 4 <= w <= 30 and not li.text.rstrip().endswith((".", ":"))


_DIGIT = re.compile(r"[0-9\u0660-\u0669]")


def byline_shape(t: str) -> bool:
    """``NAME - PLACE`` / ``PLACE ـ NAME`` / ``عين اليوم – متابعات`` / ``غزة / سما/`` (the slash:
    Palestinian, Turkish and Yemeni outlets of the open-web development set): 2-4 parts of 1-4
    words around dashes or slashes, no digits."""
    if len(t) > 60:
        return False
    if "/" in t and _DIGIT.search(t):
        return False  # "2026/01/10", "صفحه 240 / ..."
    parts = [p for p in re.split(r"\s*[-–—ـ/]\s*", t) if p.strip()]
    return 2 <= len(parts) <= 4 and all(1 <= len(p.split()) <= 4 for p in parts) and not re.search(r"[.،,؟?!]", t)


def tagish_tail(line: str, body: str) -> bool:
    """A short unpunctuated tail line whose words mostly occur in the body: a tag list (SEED)."""
    rest = lx.UI_PREFIX.sub("", line)
    words = rest.split()
    if not (1 <= len(words) <= 20) or re.search(r"[.،؟?!]", rest):
        return False
    if rest == line and len(words) < 2:
        return False
    from akhbar.arabic import normalize

    nb = set(normalize(body, "search").split())
    hits = sum(1 for w in words if normalize(w, "search") in nb)
    return hits / len(words) >= 0.4


def printed_twice(infos: list[LineInfo], j: int) -> bool:
    """Whether line ``j`` and a neighbour print the same text, one a copy or a cut copy (at least
    half as long) of the other: a photo caption (the image's alt text, then its caption:
    ``الفريق أول ركن عبد`` then ``الفريق أول ركن عبد الفتاح البرهان``; ``صورة أرشيفية`` twice;
    open-web development set, Egyptian, Bahraini and Tunisian outlets). A headline printed twice
    exists too (Blogger), so the headline search only prefers lines printed once."""
    a = squash(infos[j].text)
    for k in (j - 1, j + 1):
        if 0 <= k < len(infos):
            o = squash(infos[k].text)
            short, long_ = (a, o) if len(a) <= len(o) else (o, a)
            if len(short) >= max(6, len(long_) / 2) and long_.startswith(short):
                return True
    return False


_AR_LETTER = re.compile(r"[\u0621-\u064a]")
_LABEL_MARK = re.compile(r"[|/:：@]|(?<!\w)(?:نشر|تاريخ|العدد|آخر\s+تحديث)(?!\w)")


def dated_headline(li: LineInfo) -> bool:
    """Whether a line the first pass took for a dateline (``kind == "dateline_candidate"``) is a
    headline that names a day or a year: what comes before its first full date (day precision or
    finer; the whole line when it has none) is a headline's words, at least four words with
    Arabic letters, no label mark (``|``, ``/``, ``:``) and no publication word (``نشر``،
    ``تاريخ``، ``العدد``): ``أسعار العملات في ليبيا الثلاثاء 15 مارس 2022``, ``مقدمة نشرة أخبار
    الـ“nbn” المسائية ليوم الثلثاء في 01/10/2024``, ``أمطار رعدية على هذه الولايات اليوم``,
    ``«الوفاق» و«انتخابات 2010»... معضلة الأسماء الـ «18»!`` (open-web development set: Libyan,
    Lebanese, Algerian, Bahraini outlets), not
    ``نيسان ـ نشر في 2021/08/30``, ``العدد 2854 - الثلثاء 29 يونيو 2010م`` or ``NAME/ NAME٩
    سبتمبر ٢٠١٦``. Cost: one date search of the line."""
    from akhbar import dates as dp

    t = li.text
    if li.kind != "dateline_candidate" or not 5 <= li.words <= 25 or t.rstrip().endswith((".", ":")):
        return False
    day = next((m.span[0] for m in dp.find_dates(t) if m.precision in ("day", "minute", "second")), len(t))
    prefix = t[:day]
    if _LABEL_MARK.search(prefix):
        return False
    return sum(1 for w in prefix.split() if _AR_LETTER.search(w)) >= 4


def headline_below(infos: list[LineInfo], b: int) -> tuple[int, int] | None:
    """When the body-like lines from ``b`` (an index into ``infos``; no headline above them) are
    a ticker printed above the article, the ``(headline, body_start)`` line indexes of the
    article under the ticker, else None. Pure.

    The article: within 6 lines after ``b``, a headline-like line (4-30 words, no final full
    stop) followed by a dateline, byline or credit line (``صعدة - سبأ:``, ``السبت 05
    أغسطس-آب 2023 الساعة 02 مساءً / مأرب برس-وكالات``), at most one more short line, then a
    body-like line; the headline restates that lead (a third of its words) more than it does
    the ticker lines (open-web development set: Yemeni agency and news sites, whose top
    stories, full sentences on a site-wide ticker, come before the headline)."""
    n = len(infos)
    for h in range(b + 1, min(n - 2, b + 7)):
        lh = infos[h]
        if lh.bodyish or lh.kind != "" or not 4 <= lh.words <= 30 or lh.text.rstrip().endswith((".", ":")):
            continue
        lm = infos[h + 1]
        if not (lm.kind in ("dateline", "dateline_candidate", "byline", "source") or byline_shape(lm.text)):
            continue
        k = next((x for x in range(h + 2, min(n, h + 4)) if infos[x].bodyish), None)
        if k is None or any(infos[x].words > 8 for x in range(h + 2, k)):
            continue
        lead = " ".join(x.text for x in infos[k : k + 2])
        ticker = " ".join(x.text for x in infos[b:h])
        share = headline_overlap(lh.text, lead)
        if share >= 0.34 and share > headline_overlap(lh.text, ticker):
            return h, k
        if date_led(lm.text, lm.words) and all(headline_run(x) for x in infos[b:h] if x.bodyish):
            return h, k  # the ticker is a run of headlines; the headline's dateline opens with its date
    return None


_CLAUSE_MARK = re.compile(r"[،,؛;]|[.!؟?](?![.!؟?])(?:\s|$)")


def headline_run(li: LineInfo) -> bool:
    """Whether a long line (25+ words) is a run of headlines glued together (a site ticker): no
    comma or semicolon and no sentence end (``..`` and ``...`` are a headline's, not a sentence's).
    Running text of that length has at least one (open-web development set: a Yemeni outlet's
    ``آخر الاخبار`` ticker of 142 words). Pure."""
    if li.words < 25:
        return False
    return _CLAUSE_MARK.search(li.text.replace("...", "").replace("..", "")) is None


def short_sentence(li: LineInfo) -> bool:
    """A short sentence inside a body run (4-11 words, no first-pass kind, ending in one ``.``,
    ``!`` or ``؟``): ``واستقر سعر الجنيه المصري عند 0.32.`` (open-web development set: a
    currency report of one-line sentences). It continues a run; it never starts one."""
    t = li.text.rstrip()
    return not li.kind and 4 <= li.words < 12 and t[-1:] in ".!؟" and not t.endswith("..")


def _block_headline(li: LineInfo) -> bool:
    """A headline-like line of a block under a kicker (see :func:`under_kicker`)."""
    t = li.text.rstrip()
    return li.kind == "" and 3 <= li.words <= 20 and not li.bodyish and not t.endswith((".", ":"))


def under_kicker(infos: list[LineInfo], j: int) -> int:
    """When headline ``j`` (an index into ``infos``) ends a block of consecutive headline-like
    lines (3-20 words, no final full stop or colon, no first-pass kind, not body-like) that opens
    under a speaker's kicker (a line of 3-12 words ending in a colon: ``وزير الشئون الخارجية
    والنقل الأسبق بالسودان:``), the block's first line: an interview's headline, the quotes
    under it its decks (open-web development set: an Egyptian outlet's interview page). Else
    ``j``. Pure."""
    f = j
    while f - 1 >= 0 and _block_headline(infos[f - 1]):
        f -= 1
    if f == j or f == 0:
        return j
    k = infos[f - 1]
    if k.kind == "" and 3 <= k.words <= 12 and k.text.rstrip().endswith(":"):
        return f
    return j


def headline_twice_over_deck(infos: list[LineInfo], cands: list[int]) -> int | None:
    """The headline printed twice (two equal lines, one right under the other) with a deck
    printed once right under it, the deck the nearest candidate above the body: the second
    copy, else None (open-web development set: a Kuwaiti financial portal prints ``H``, ``H``,
    deck, dateline; the reverse shape ``H``, deck, deck is a deck printed twice, left to the
    caller). ``cands``: headline candidate indexes into ``infos``, nearest the body first. Pure."""
    if len(cands) < 3:
        return None
    d, h2, h1 = cands[0], cands[1], cands[2]
    if not (h1 + 1 == h2 and h2 + 1 == d):
        return None
    a, b2, c = (squash(infos[k].text) for k in (h1, h2, d))
    if a != b2 or c == a or printed_twice(infos, d) or (h1 > 0 and squash(infos[h1 - 1].text) == a):
        return None
    return h2
