"""Search text for the store: tokens, clitic/article prefix candidates, FTS5 queries, snippets.

Everything is built on ``akhbar.arabic.normalize(text, "search")`` (hamza forms
folded to ا, ى→ي, ة→ه, diacritics and tatweel removed, lower-cased). On top of
that this module handles the proclitics that SQLite's tokenizers know nothing
about, following the prefix rules of the *Light10* stemmer (Larkey, Ballesteros
& Connell, "Light Stemming for Arabic Information Retrieval", 2007), extended with
the single-letter prepositions ب ك ل:

* **index side** (:func:`index_terms`): every token is indexed together with each
  form left after stripping a conjunction (و ف), then a preposition (ب ك ل) or
  an article (ال, لل), keeping at least 3 letters.
  ``وبالأوروبي`` → ``وبالاوروبي بالاوروبي الاوروبي اوروبي``.
* **query side** (:func:`query_core`): a query word loses only a leading definite
  article (``ال وال بال كال فال لل``, Light10's list), keeping at least 3 letters;
  because the index holds every stripped form, the core matches the bare and all
  prefixed forms: query ``الاوروبي`` → ``اوروبي`` matches ``أوروبي``,
  ``الأوروبي``, ``والأوروبي``, ``للأوروبي``...

Words are never cut at the end (no suffix stemming), so ``مصر`` does not match
``مصري``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from akhbar.arabic import normalize

#: Conjunction proclitics (Light10 strips و; ف added as in Light10's "فال").
CONJUNCTIONS = ("و", "ف")
#: Preposition proclitics ب ك ل (the prepositional part of Light10's بال/كال/لل).
PREPOSITIONS = ("ب", "ك", "ل")
#: Definite-article forms after any conjunction/preposition was removed (Light10: ال, لل).
ARTICLES = ("ال", "لل")
#: Query-side article prefixes, longest first (Light10 definite articles).
QUERY_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
#: A prefix is removed only when at least this many letters remain (Light10 uses 2 for
#: articles; 3 here keeps الله, الام... whole).
MIN_STEM = 3

_TOKEN = re.compile(r"\w+")
_DISPLAY_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _strip_marks(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def search_tokens(text: str) -> list[str]:
    """Search-normalized word tokens of ``text`` (``list[str]``, in order).

    ``normalize(text, "search")``, Arabic-Indic digits to ASCII, any remaining
    combining mark removed, then ``\\w+`` runs. ``"الأوروبيّ ٢٠١٥"`` → ``["الاوروبي", "2015"]``.
    """
    if not text:
        return []
    t = _strip_marks(normalize(text, "search").translate(_DIGITS)).lower()
    return _TOKEN.findall(t)


@lru_cache(maxsize=200_000)
def prefix_forms(token: str) -> tuple[str, ...]:
    """The normalized ``token`` and every form left by stripping proclitics (index side).

    Order: the token first, then shallower to deeper strips, no repeats.
    ``"وللبنان"`` → ``("وللبنان", "للبنان", "لبنان", "بنان")``.
    """
    out = [token]

    def add(form: str) -> None:
        if form not in out:
            out.append(form)

    stages = [token]
    if token[:1] in CONJUNCTIONS and len(token) - 1 >= MIN_STEM:
        stages.append(token[1:])
    for s in stages:
        add(s)
        for art in ARTICLES:
            if s.startswith(art) and len(s) - len(art) >= MIN_STEM:
                add(s[len(art):])
        if s[:1] in PREPOSITIONS and len(s) - 1 >= MIN_STEM:
            p = s[1:]
            add(p)
            if p.startswith("ال") and len(p) - 2 >= MIN_STEM:
                add(p[2:])
    return tuple(out)


def index_terms(text: str) -> str:
    """The string stored in the FTS5 index for ``text``: each token followed by its prefix forms."""
    return " ".join(f for tok in search_tokens(text) for f in prefix_forms(tok))


@lru_cache(maxsize=50_000)
def query_core(token: str) -> str:
    """Query form of one normalized token: a leading definite article removed (``"الاوروبي"`` → ``"اوروبي"``)."""
    for art in QUERY_ARTICLES:
        if token.startswith(art) and len(token) - len(art) >= MIN_STEM:
            return token[len(art):]
    return token


_PHRASE = re.compile(r'"([^"]*)"')


def parse_query(query: str) -> tuple[list[list[str]], set[str]]:
    """Split a user query into groups of core terms and the set of all cores.

    A ``"quoted phrase"`` is one group (its words must occur near each other, in
    order); every other word is a group of one (all groups must match: AND).
    Returns ``(groups, cores)``; both empty when the query has no word.
    """
    groups: list[list[str]] = []
    rest = []
    pos = 0
    for m in _PHRASE.finditer(query or ""):
        rest.append(query[pos:m.start()])
        words = [query_core(t) for t in search_tokens(m.group(1))]
        if words:
            groups.append(words)
        pos = m.end()
    rest.append((query or "")[pos:])
    for chunk in rest:
        groups.extend([query_core(t)] for t in search_tokens(chunk))
    cores = {w for g in groups for w in g}
    return groups, cores


def fts_match(groups: list[list[str]]) -> str:
    """FTS5 MATCH expression for parsed query groups; every term is double-quoted (no syntax errors).

    Phrases become ``NEAR("a" "b", N)`` because each position holds several index
    forms (``N`` = 4 per word).
    """
    parts = []
    for g in groups:
        quoted = [f'"{w}"' for w in g]
        if len(quoted) == 1:
            parts.append(quoted[0])
        else:
            parts.append(f"NEAR({' '.join(quoted)}, {4 * len(quoted)})")
    return " AND ".join(parts)


def highlight_spans(text: str, cores: set[str]) -> list[tuple[int, int]]:
    """Character spans (start, end) in display ``text`` of the words matching any query core."""
    spans = []
    if not cores or not text:
        return spans
    for m in _DISPLAY_TOKEN.finditer(text):
        toks = search_tokens(m.group())
        if any(f in cores for t in toks for f in prefix_forms(t)):
            spans.append((m.start(), m.end()))
    return spans


def make_snippet(
    title: str | None, body: list[str] | None, cores: set[str], width: int = 220
) -> tuple[str, list[tuple[int, int]]]:
    """A snippet of at most about ``width`` characters from ``body`` around the densest match.

    Returns ``(snippet, highlights)`` where ``highlights`` are (start, end)
    character offsets into ``snippet`` of the matched words. Falls back to the
    start of the body (or the title) when no word matches.
    """
    text = "\n".join(p for p in (body or []) if p) or (title or "")
    text = " ".join(text.split())
    spans = highlight_spans(text, cores)
    if not spans:
        cut = text[:width]
        if len(text) > width:
            cut = cut.rsplit(" ", 1)[0] + " …"
        return cut, []
    # window start that covers the most matches
    best_i, best_n = 0, 0
    j = 0
    for i, (s, _e) in enumerate(spans):
        while j < len(spans) and spans[j][1] - s <= width:
            j += 1
        if j - i > best_n:
            best_i, best_n = i, j - i
    start = max(0, spans[best_i][0] - width // 5)
    if start > 0:
        sp = text.rfind(" ", 0, start)
        start = sp + 1 if sp >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        sp = text.rfind(" ", start, end)
        end = sp if sp > spans[best_i][1] else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    snippet = prefix + text[start:end] + suffix
    off = len(prefix) - start
    hl = [(s + off, e + off) for s, e in spans if s >= start and e <= end]
    return snippet, hl
