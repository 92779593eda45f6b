"""Split a page into lines and give each line a first, position-free label.

The first pass looks at one line at a time (phrase tables in ``lexicon``, length,
punctuation, Arabic-letter share); ``segment`` then uses the position of each line
relative to the title and body runs to settle the labels that depend on context.

A "line" is a span of non-blank text between newlines, stripped of surrounding
whitespace: ``(start, end)`` character offsets into ``Page.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from akhbar.page import lexicon as lx

_NONSPACE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\S+")
# Letters are counted by deleting everything else (cheaper than findall on every line).
_NON_ARABIC = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]+")
_NON_LATIN = re.compile(r"[^A-Za-z]+")
_SENT_END = re.compile(r"[.!؟?…»\"”:)]\s*$")
_SENT_INNER = re.compile(r"[،؛;!؟?]|(?<![.])[.,](?![.])\s")
_BULLET = re.compile(r"^[*+•·\-–]\s*")
_DIGITS_ONLY = re.compile(r"^[\W\d\s]*$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")

# Unicode whitespace that str.strip() removes but our line spans must skip as well.
_WS = " \t\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200b\ufeff"


def split_lines(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` (characters) of the non-blank lines of ``text``, whitespace-trimmed."""
    spans = []
    for m in _NONSPACE.finditer(text):
        s, e = m.span()
        while s < e and text[s] in _WS:
            s += 1
        while e > s and text[e - 1] in _WS:
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


_SHARE_RUN = frozenset(lx.SHARE_WORDS | {"من", "خلال", "بلس", "جوجل", "اكتب", "رأيك"})


def split_share_prefix(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a line that starts with a share bar glued to other text into two spans.

    SNN okaz: "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد نائب خادم ..." -> the share
    bar and the sentence become separate lines, so each gets its own label.
    """
    out = []
    for s, e in spans:
        if lx.SHARE_LEAD.match(text[s:e]):
            last = None
            n = 0
            for m in _WORD.finditer(text, s, e):
                w = m.group().strip(":،,").lower()
                if n == 0 or w in _SHARE_RUN:
                    last = m.end()
                    n += 1
                else:
                    break
            if last is not None and n >= 2 and len(text[last:e].split()) >= 3:
                nxt = last
                while nxt < e and text[nxt].isspace():
                    nxt += 1
                out.append((s, last))
                out.append((nxt, e))
                continue
        out.append((s, e))
    return out


@dataclass(slots=True)
class LineInfo:
    """Per-line features used by the labeller. ``kind`` is the first-pass label or "" when undecided.

    ``arabic`` (share of the letters of the first 200 characters that are Arabic script, 0..1)
    and ``has_inner_punct`` (a sentence-inner punctuation mark: ، ؛ ; ! ؟ ? or a lone . or ,
    before a space) are computed on first use: most lines are labelled without them.
    """

    start: int
    end: int
    text: str
    words: int
    ends_sentence: bool
    kind: str = ""
    bodyish: bool = False
    _arabic: float = -1.0
    _inner: int = -1

    @property
    def arabic(self) -> float:
        if self._arabic < 0.0:
            sample = self.text[:200]
            ar = len(_NON_ARABIC.sub("", sample))
            la = len(_NON_LATIN.sub("", sample))
            self._arabic = ar / (ar + la) if ar + la else 0.0
        return self._arabic

    @property
    def has_inner_punct(self) -> bool:
        if self._inner < 0:
            self._inner = 1 if _SENT_INNER.search(self.text) else 0
        return self._inner == 1


def line_info(text: str, span: tuple[int, int]) -> LineInfo:
    """Features of one line (see ``LineInfo``)."""
    s, e = span
    t = text[s:e]
    words = len(t.split()) if len(t) < 4000 else t.count(" ") + 1
    info = LineInfo(start=s, end=e, text=t, words=words, ends_sentence=bool(_SENT_END.search(t[-3:])))
    info.kind = first_label(info)
    info.bodyish = not info.kind and _is_bodyish(info)
    return info


def _is_bodyish(li: LineInfo) -> bool:
    if li.text[:2] in ("* ", "+ ", "• "):
        return False  # list items (menus, tickers) are never body
    if li.words >= 25 or (li.words >= 12 and (li.ends_sentence or li.has_inner_punct)):
        return True
    if li.words >= 6 and li.ends_sentence and li.has_inner_punct and li.text[-1:] not in ":":
        return True
    return li.words >= 8 and li.text.rstrip()[-1:] in ".!؟" and not li.text.rstrip().endswith("..")


def _share_share(t: str) -> float:
    toks = [w.strip(":：,،|•*·-").lower() for w in t.split()]
    toks = [w for w in toks if w]
    if not toks:
        return 0.0
    real = sum(1 for w in toks if w in lx.SHARE_WORDS)
    if not real:
        return 0.0
    return (real + sum(1 for w in toks if w.isdigit())) / len(toks)


def first_label(li: LineInfo) -> str:
    """Label from the phrase tables alone, or "" when the line needs context to decide."""
    t = li.text
    w = li.words
    if w > 40:
        # long lines: only a tag cloud or a subscription line can be furniture
        if lx.tags_lead_match(t):
            return "tags"
        if w <= 80 and lx.disclaimer_search(t, 0, 120):
            return "other_boilerplate"  # an aggregator's provenance box
        return ""
    if w <= 12 and lx.RELATED_HEADER.match(t):
        return "related_header"
    if lx.tags_lead_match(t):
        return "tags"
    if w <= 6 and lx.AGENCY_MARKER.match(t):
        return "source"
    if w <= 12 and (lx.SOURCE_LEAD.match(t) or lx.AGENCY_CREDIT_LINE.match(t)):
        return "source"
    hd = _has_date(t) if w <= 16 else False
    if hd and lx.DATELINE_LEAD.match(t):
        return "dateline"
    if w <= 12 and lx.BYLINE_LEAD.match(t):
        return "byline"
    if w <= 2 and _URL_LINE.match(t):
        return "other_boilerplate"
    if w <= 12 and (lx.MASTHEAD.match(t) or lx.PAGE_WIDGET.search(t)):
        return "other_boilerplate"
    if w <= 12 and lx.PHOTO_CREDIT.match(t):
        return "other_boilerplate"
    if w <= 25 and lx.FOOTER_LINE.search(t):
        return "footer"
    if lx.subscription_search(t):
        return "ad"
    if w <= 60 and lx.disclaimer_search(t):
        return "other_boilerplate"
    if w <= 4 and lx.CONTACT_LINE.match(t):
        return "other_boilerplate"
    if w <= 8 and lx.MORE_LINK_LINE.match(t):
        return "navigation"
    if w <= 10 and (lx.NAV_LINE.match(t) or (w <= 7 and lx.BREADCRUMB.match(t))):
        return "navigation"
    if w <= 20 and (lx.SHARE_LEAD.match(t) and w <= 8 or _share_share(t) >= 0.6):
        return "share"
    if _DIGITS_ONLY.match(t):
        # "*", "0 2 1", "21": counters and empty bullets
        return "dateline_candidate" if hd else "other_boilerplate"
    if hd and (w <= 8 or (w <= 12 and not li.has_inner_punct) or date_led(t, w)):
        return "dateline_candidate"
    if w <= 5 and _BULLET.match(t):
        return "navigation"
    if w <= 6 and lx.ENGLISH_UI.match(t) and li.arabic < 0.2:
        return "other_boilerplate"
    return ""


def date_led(t: str, words: int) -> bool:
    """Whether a line of ``words`` words (at most 16) opens with a full date (day precision or
    finer, not relative, starting in its first 12 characters): a dateline even with inner
    punctuation, ``الإثنين - 09 فبراير 2026 - الساعة 09:01 م بتوقيت عدن ،،،`` (open-web
    development set: Yemeni, Lebanese, Egyptian outlets)."""
    if words > 16:
        return False
    from akhbar import dates as dp

    return any(m.precision in ("day", "minute", "second") and not m.relative and m.span[0] <= 12
               for m in dp.find_dates(t[:48]))


def _has_date(t: str) -> bool:
    from akhbar.dates import has_date

    return has_date(t)
