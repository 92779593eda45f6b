"""Arabic-aware quality signals and filters for articles.

:func:`signals` measures an article (title + body paragraphs) with cheap, C-speed string operations
(``bytes.translate``/``count``, ``str.split``, sets); :func:`check` applies thresholds and returns
``(keep, failed_signal, value)`` in the datatrove filter style, so a rejected article can be written to
``rejected.jsonl`` with the failed signal and its value.

Why not Gopher/C4 as they are (datatrove defaults): Gopher's stop-word rule counts *English* stop words
(``the, be, to, of, and, that, have, with``), so clean Arabic prose has none of them and fails;
C4 drops lines that do not end in ``. ! ? "``, i.e. lines ending with ``؟`` or with no final mark, which
removes most Arabic news paragraphs and headlines. Here the stop words are Arabic
(``akhbar/data/stopwords_ar.txt``, compiled from closed word classes, documented there) and both Arabic
and Latin terminal punctuation count. Signals (all floats):

=====================  ==========================================================================
``word_count``         whitespace-separated words of the body
``line_count``         non-empty body paragraphs
``arabic_ratio``       Arabic-script characters (U+0600–U+06FF, from UTF-8 lead bytes D8–DB) over
                       Arabic-script characters + ASCII letters
``stopword_ratio``     share of words that are Arabic stop words (display spellings and their hamza,
                       alef maqsura and teh marbuta variants)
``mean_word_len``      (Arabic-script characters + ASCII letters and digits) / words: letters per word,
                       approximately (Arabic punctuation ، ؛ ؟ is in the same Unicode block)
``dup_line_frac``      share of lines that repeat an earlier line (Gopher ``dup_line_frac``)
``dup_line_char_frac`` characters in repeated lines / all line characters
``dup_sentence_frac``  characters in sentences (split on ``. ! ? ؟`` and newlines, longer than 20
                       characters) that repeat an earlier sentence / characters of all such sentences;
                       a cheap stand-in for Gopher's duplicated n-gram fractions, which cost ~10x more
``end_punct_frac``     share of lines ending in terminal punctuation, Arabic or Latin
                       (``. ! ? ؟ … : ؛ ، " » ” ) ]``)
``short_line_frac``    share of lines with at most 3 words (menus, tag clouds)
``link_like_frac``     share of lines that look like links or handles (``http``, ``www.``, ``.com``, ``@``)
``sep_ratio``          menu separators (``| • · » « >`` and lone ``-``) per word
``mean_line_words``    words / lines
=====================  ==========================================================================

Thresholds (:data:`THRESHOLDS`) were chosen on real data with ``benchmarks/quality_filters.py``:
they keep >= 99% of both ANT corpora (clean news, 41,686 articles) and reject menus, link lists and tag
clouds cut from the labelled lines of ../shared/gold/pages.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["THRESHOLDS", "check", "signals", "stop_words", "stop_words_search_form"]

# ASCII byte classes for bytes.translate(None, delete=...) counting.
_ALL = bytes(range(256))
_KEEP_AR_LEAD = bytes(b for b in range(256) if b not in (0xD8, 0xD9, 0xDA, 0xDB))
_ASCII_ALNUM = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ASCII_LETTERS = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DEL_NOT_LETTER = bytes(b for b in range(256) if b not in _ASCII_LETTERS)
_DEL_NOT_ALNUM = bytes(b for b in range(256) if b not in _ASCII_ALNUM)

_END_PUNCT = frozenset(".!?؟…:؛،\"»”)]")
_SEPARATORS = frozenset({"|", "•", "·", "»", "«", ">", "-", "–", "—", "/", "||"})
_LINK_MARKS = ("http", "www.", ".com", "@")


@functools.cache
def stop_words() -> frozenset[str]:
    """The Arabic stop words of ``akhbar/data/stopwords_ar.txt`` in display spelling (frozenset of str)."""
    text = resources.files("akhbar").joinpath("data/stopwords_ar.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))


def _variants(w: str) -> set[str]:
    out = {w}
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا")):
        out |= {x.replace(a, b) for x in out}
    out |= {x[:-1] + "ي" for x in out if x.endswith("ى")} | {x[:-1] + "ى" for x in out if x.endswith("ي")}
    out |= {x[:-1] + "ه" for x in out if x.endswith("ة")}
    return out


@functools.cache
def _stop_all() -> frozenset[str]:
    out: set[str] = set()
    for w in stop_words():
        out |= _variants(w)
    return frozenset(out)


@functools.cache
def _word_classes() -> dict[str, str]:
    """Word -> "s" (stop word, any listed spelling variant) or "p" (menu separator)."""
    d = dict.fromkeys(_stop_all(), "s")
    d.update(dict.fromkeys(_SEPARATORS, "p"))
    return d


@functools.cache
def stop_words_search_form() -> frozenset[str]:
    """The stop words after ``akhbar.arabic.normalize(w, "search")`` (for code that compares folded words)."""
    from akhbar import arabic

    return frozenset(arabic.normalize(w, "search") for w in stop_words())


def signals(title: str | None, body: list[str]) -> dict[str, float]:
    """Quality signals (dict of str -> float, see module table) of an article's ``body`` paragraphs.

    ``title`` is accepted for interface stability and currently unused. An empty body gives
    ``word_count == 0`` and neutral values for the ratios.
    """
    lines = [y for x in body if x and (y := x.strip())]
    text = "\n".join(lines)
    words = text.split()
    nw = len(words)
    nl = len(lines)
    if nw == 0:
        return {"word_count": 0.0, "line_count": float(nl), "arabic_ratio": 0.0, "stopword_ratio": 0.0,
                "mean_word_len": 0.0, "dup_line_frac": 0.0, "dup_line_char_frac": 0.0, "dup_sentence_frac": 0.0,
                "end_punct_frac": 0.0, "short_line_frac": 0.0, "link_like_frac": 0.0,
                "sep_ratio": 0.0, "mean_line_words": 0.0}
    b = text.encode("utf-8")
    arabic = len(b.translate(None, _KEEP_AR_LEAD))
    latin = len(b.translate(None, _DEL_NOT_LETTER))
    alnum = len(b.translate(None, _DEL_NOT_ALNUM))
    classes = list(map(_word_classes().get, words))
    n_stop = classes.count("s")
    uniq_lines = len(set(lines))
    seen: set[str] = set()
    dup_chars = 0
    short = ends = links = 0
    marks = [m for m in _LINK_MARKS if m in text]  # a mark absent from the text is in no line
    for ln in lines:
        if ln in seen:
            dup_chars += len(ln)
        else:
            seen.add(ln)
        if ln[-1] in _END_PUNCT:
            ends += 1
        if ln.count(" ") < 3:
            short += 1
        if marks and any(m in ln for m in marks):
            links += 1
    marked = text.replace("\n", ".").replace("؟", ".").replace("?", ".").replace("!", ".")
    sents = [x for x in marked.split(".") if len(x) > 20]
    if sents:
        uniq: set[str] = set()
        dup_sent_chars = 0
        for x in sents:
            if x in uniq:
                dup_sent_chars += len(x)
            else:
                uniq.add(x)
        dup_sent = dup_sent_chars / sum(map(len, sents))
    else:
        dup_sent = 0.0
    seps = classes.count("p")
    return {
        "word_count": float(nw),
        "line_count": float(nl),
        "arabic_ratio": arabic / (arabic + latin) if arabic + latin else 0.0,
        "stopword_ratio": n_stop / nw,
        "mean_word_len": (arabic + alnum) / nw,
        "dup_line_frac": 1.0 - uniq_lines / nl,
        "dup_line_char_frac": dup_chars / max(1, len(text) - nl + 1),
        "dup_sentence_frac": dup_sent,
        "end_punct_frac": ends / nl,
        "short_line_frac": short / nl,
        "link_like_frac": links / nl,
        "sep_ratio": seps / nw,
        "mean_line_words": nw / nl,
    }


#: ``signal: (min, max)`` bounds applied by :func:`check`, in this order (None = no bound).
#: Chosen with ``benchmarks/quality_filters.py`` on both ANT corpora (41,686 clean articles) and on menus,
#: link lists, tag clouds and footers cut from ../shared/gold/pages. ANT percentiles (articles with >= 8
#: words) that set them: stopword_ratio 0.1% = 0.024 (junk menus: 0.0); mean_word_len 0.1% = 3.87,
#: 99.9% = 5.98; arabic_ratio 0.1% = 0.90; sep_ratio 99.9% = 0.13; dup_line_frac 99.9% = 0.04;
#: dup_sentence_frac 99.9% = 0.06.
THRESHOLDS: dict[str, tuple[float | None, float | None]] = {
    "word_count": (8.0, None),
    "arabic_ratio": (0.5, None),
    "stopword_ratio": (0.02, None),
    "mean_word_len": (3.0, 10.0),
    "dup_line_frac": (None, 0.3),
    "dup_sentence_frac": (None, 0.35),
    "sep_ratio": (None, 0.25),
}

#: Structural rules (name reported, condition), applied after THRESHOLDS:
#: * link list / headline list: >= 5 lines, < 30% of them end in punctuation, < 12 words per line
#:   (ANT: 17 of 41,659 articles; gold-page junk: 30 of 34);
#: * menu / tag cloud: >= 4 lines, more than half of them of <= 3 words, < 30% end in punctuation;
#: * links: >= 3 lines and more than half of them look like URLs or handles.
LIST_MIN_LINES = 5
LIST_END_PUNCT = 0.3
LIST_LINE_WORDS = 12.0
MENU_MIN_LINES = 4
MENU_SHORT_LINES = 0.5
LINKS_MIN_LINES = 3
LINKS_FRAC = 0.5


def check(
    sig: dict[str, float], thresholds: dict[str, tuple[float | None, float | None]] | None = None
) -> tuple[bool, str | None, float | None]:
    """Apply the filters to :func:`signals` output: ``(keep, failed_signal_name, its_value)``.

    Returns ``(True, None, None)`` when every rule holds; otherwise the first failed signal and its value
    (the structural rules report ``end_punct_frac``, ``short_line_frac`` or ``link_like_frac``).
    Missing signals are skipped.
    """
    th = THRESHOLDS if thresholds is None else thresholds
    for name, (lo, hi) in th.items():
        v = sig.get(name)
        if v is None:
            continue
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            return False, name, v
    lines = sig.get("line_count", 0.0)
    end = sig.get("end_punct_frac", 1.0)
    if lines >= LIST_MIN_LINES and end < LIST_END_PUNCT and sig.get("mean_line_words", 99.0) < LIST_LINE_WORDS:
        return False, "end_punct_frac", end
    if lines >= MENU_MIN_LINES and sig.get("short_line_frac", 0.0) > MENU_SHORT_LINES and end < LIST_END_PUNCT:
        return False, "short_line_frac", sig["short_line_frac"]
    if lines >= LINKS_MIN_LINES and sig.get("link_like_frac", 0.0) > LINKS_FRAC:
        return False, "link_like_frac", sig["link_like_frac"]
    return True, None, None
