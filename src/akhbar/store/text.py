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

Hamza on a seat (ئ ؤ), which the search form keeps, is indexed with two folds
(:func:`hamza_forms`) so that ``مسئول``/``مسؤول`` and ``قائد``/``قايد`` meet.

Words are never cut at the end (no suffix stemming), so ``مصر`` does not match
``مصري``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from akhbar.arabic import normalize
from akhbar.memo import fill
from akhbar.store.ftsfold import fts_fold

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
_INDIC_DIGIT = re.compile("[٠-٩۰-۹]")


def _mark_class() -> re.Pattern[str]:
    # every non-spacing mark (Unicode category Mn) of the BMP as one character class (none is
    # below U+0300; a comprehension: ~9 ms at import instead of ~14 for a plain loop)
    cat = unicodedata.category
    cps = [cp for cp in range(0x300, 0x10000) if cat(chr(cp)) == "Mn"]
    marks, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        marks.append(f"\\u{cps[i]:04x}-\\u{cps[j]:04x}" if j > i else f"\\u{cps[i]:04x}")
        i = j + 1
    return re.compile("[" + "".join(marks) + "]")


_MARKS = _mark_class()


def _strip_marks(text: str) -> str:
    return _MARKS.sub("", text)


def search_tokens(text: str) -> list[str]:
    """Search-normalized word tokens of ``text`` (``list[str]``, in order).

    ``normalize(text, "search")``, Arabic-Indic digits to ASCII, any remaining
    combining mark removed, then ``\\w+`` runs. ``"الأوروبيّ ٢٠١٥"`` → ``["الاوروبي", "2015"]``.
    """
    if not text:
        return []
    t = normalize(text, "search")
    if _INDIC_DIGIT.search(t):  # (the search form already writes them as ASCII: a scan, not a translate)
        t = t.translate(_DIGITS)
    return _TOKEN.findall(_strip_marks(t).lower())


def publisher_key(name: str) -> str:
    """The form under which an outlet name, source id or host is looked up (``--publisher``):
    its search tokens joined by spaces (``"Okaz"`` -> ``okaz``, ``"الشرق الأوسط"`` -> ``الشرق الاوسط``)."""
    return " ".join(search_tokens(name or ""))


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


#: Hamza on a seat is written in more than one way (مسئول / مسؤول, قائد / قايد); the search
#: form keeps ئ ؤ, so the store adds two folds: seat → ء (مسئول, مسؤول → مسءول) and seat →
#: its letter (قائد → قايد, رؤية → روية). Same idea as the hamza normalization step of
#: Larkey et al. 2007 and of the Lucene ArabicNormalizer, applied as extra index forms.
HAMZA_SEAT_FOLD = str.maketrans({"ئ": "ء", "ؤ": "ء"})
HAMZA_LETTER_FOLD = str.maketrans({"ئ": "ي", "ؤ": "و"})


def hamza_forms(word: str) -> tuple[str, ...]:
    """``word`` plus its two hamza-seat folds when it has ئ or ؤ: ``"مسئول"`` → ``("مسئول", "مسءول", "مسيول")``."""
    if "ئ" not in word and "ؤ" not in word:
        return (word,)
    out = [word]
    for f in (word.translate(HAMZA_SEAT_FOLD), word.translate(HAMZA_LETTER_FOLD)):
        if f not in out:
            out.append(f)
    return tuple(out)


@lru_cache(maxsize=200_000)
def index_forms(token: str) -> tuple[str, ...]:
    """All forms indexed for one normalized token: its prefix forms and their hamza-seat folds."""
    out: list[str] = []
    for f in prefix_forms(token):
        for h in hamza_forms(f):
            if h not in out:
                out.append(h)
    return tuple(out)


def index_terms(text: str) -> str:
    """The string stored in the FTS5 index for ``text``: each token followed by its other index forms,
    as the ``unicode61`` tokenizer folds them (:func:`akhbar.store.ftsfold.fts_fold`)."""
    toks = search_tokens(text)
    memo = _FORMS
    fill(memo, toks, _index_str, _FORMS_MAX)
    return " ".join(map(memo.__getitem__, toks))  # (no Python call per token)


def entity_terms(names: list[str]) -> str:
    """The ``entities`` column of the FTS5 index for canonical entity ``names``: the search-form words
    of each name, one name per line, folded as :func:`index_terms` is."""
    return fts_fold("\n".join(" ".join(search_tokens(c)) for c in names))


def index_values(row: dict) -> tuple[str, list[dict], tuple[str, str, str]]:
    """``(body, entities, fts)`` of an article ``row`` (an ``articles.parquet`` row, or a stored doc with
    its ``title``): ``body`` its non-empty paragraphs joined by newlines, ``entities`` those with a
    canonical form or a text, ``fts`` the ``(title, body, entities)`` values of its FTS5 row
    (:func:`index_terms`, :func:`entity_terms` of the sorted distinct canonical forms). One definition
    for building the index and for deleting an entry of the contentless table (which needs the exact
    values inserted)."""
    body = "\n".join(p for p in (row.get("body") or []) if p)
    ents = [e for e in (row.get("entities") or []) if e and (e.get("canonical") or e.get("text"))]
    canon = sorted({e.get("canonical") or e.get("text") for e in ents})
    return body, ents, (index_terms(row.get("title") or ""), index_terms(body), entity_terms(canon))


#: token -> its index forms joined by spaces: a memo for :func:`index_terms`, cleared when it would
#: pass ``_FORMS_MAX`` entries (news vocabulary is Zipfian; about 40 MB at the limit).
_FORMS: dict[str, str] = {}
_FORMS_MAX = 300_000


#: First letters of a token that can lose a proclitic (و ف, ال لل, ب ك ل): any other token with
#: no hamza seat is its only index form.
_STRIPPABLE = frozenset("وفالبك")


def _index_str(token: str) -> str:
    return fts_fold(_forms_str(token))


def _forms_str(token: str) -> str:
    """:func:`index_forms` of ``token`` joined by spaces, computed in one pass (the same forms in the
    same order: :func:`prefix_forms`, then the hamza folds of each; no cache layers, as most calls are
    for a token :func:`index_terms`'s memo has not seen)."""
    if token[:1] not in _STRIPPABLE and "ئ" not in token and "ؤ" not in token:
        return token
    out = [token]
    stages = (token, token[1:]) if (token[:1] in CONJUNCTIONS and len(token) - 1 >= MIN_STEM) else (token,)
    for s in stages:
        if s not in out:
            out.append(s)
        head = s[:2]
        if (head == "ال" or head == "لل") and len(s) - 2 >= MIN_STEM:
            f = s[2:]
            if f not in out:
                out.append(f)
        if s[:1] in PREPOSITIONS and len(s) - 1 >= MIN_STEM:
            f = s[1:]
            if f not in out:
                out.append(f)
            if f[:2] == "ال" and len(f) - 2 >= MIN_STEM:
                f = f[2:]
                if f not in out:
                    out.append(f)
    if "ئ" in token or "ؤ" in token:
        folded: list[str] = []
        for f in out:
            for h in hamza_forms(f):
                if h not in folded:
                    folded.append(h)
        out = folded
    return " ".join(out)


@lru_cache(maxsize=50_000)
def query_core(token: str) -> str:
    """Query form of one normalized token: a leading definite article removed (``"الاوروبي"`` → ``"اوروبي"``)."""
    for art in QUERY_ARTICLES:
        if token.startswith(art) and len(token) - len(art) >= MIN_STEM:
            return token[len(art):]
    return token


@lru_cache(maxsize=50_000)
def query_terms(token: str) -> tuple[str, ...]:
    """The alternatives one query word matches: its core, or the core's two hamza-seat folds.

    ``"المسئول"`` → ``("مسءول", "مسيول")`` (finds مسؤول, مسئول, والمسؤول; not المسؤولين, as
    suffixes are never removed); ``"قايد"`` → ``("قايد",)`` (finds قائد through its fold).
    """
    forms = hamza_forms(query_core(token))
    return forms[1:] if len(forms) > 1 else forms


_PHRASE = re.compile(r'"([^"]*)"')

Word = tuple[str, ...]


def parse_query(query: str) -> tuple[list[list[Word]], set[str]]:
    """Split a user query into groups of words and the set of all query terms.

    Each word is a tuple of alternative index terms (:func:`query_terms`). A
    ``"quoted phrase"`` is one group (its words must occur near each other, in
    order); every other word is a group of one; all groups must match (AND).
    Returns ``(groups, terms)``; both empty when the query has no word.
    """
    groups: list[list[Word]] = []
    rest = []
    pos = 0
    for m in _PHRASE.finditer(query or ""):
        rest.append(query[pos:m.start()])
        words = [query_terms(t) for t in search_tokens(m.group(1))]
        if words:
            groups.append(words)
        pos = m.end()
    rest.append((query or "")[pos:])
    for chunk in rest:
        groups.extend([query_terms(t)] for t in search_tokens(chunk))
    terms = {a for g in groups for w in g for a in w}
    return groups, terms


def fts_match(groups: list[list[Word]], names: list[list[str]] | None = None) -> str:
    """FTS5 MATCH expression for parsed query groups; every term is double-quoted (no syntax errors).

    A word with alternatives becomes ``("a" OR "b")``. Phrases become
    ``NEAR("a" "b", N)`` over each word's first alternative, because each position
    holds several index forms (``N`` = 4 per word). ``names`` (parallel to
    ``groups``) adds, for a one-word group, canonical entity names (search-form words)
    matched in the ``entities`` column: ``("ترمب" OR entities : "دونالد ترامب")``.
    """
    parts = []
    for i, g in enumerate(groups):
        if len(g) == 1:
            alts = [f'"{fts_fold(a)}"' for a in g[0]]
            alts += [f'entities : "{fts_fold(n)}"' for n in (names[i] if names else [])]
            parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        else:
            parts.append(f"NEAR({' '.join(chr(34) + fts_fold(w[0]) + chr(34) for w in g)}, {4 * len(g)})")
    return " AND ".join(parts)


#: One lexical unit of a query: ``-"phrase"``, ``"phrase"`` (an unbalanced quote runs to the end of
#: the query) or a run of characters without space or quote.
_QUERY_UNIT = re.compile(r'(-?)"([^"]*)(?:"|$)|([^\s"]+)')

#: An item of a query: one word (a tuple of alternatives), or several (a phrase).
Item = list[Word]


@dataclass
class SearchQuery:
    """A parsed user query (see :func:`parse_search`).

    ``clauses``: all must match (AND); a clause is a list of items of which one must
    match (OR); an item is a word or a phrase. ``excluded``: items that must not
    match (``NOT x``, ``-x``). ``terms``: the query terms of the positive items (for
    highlighting).
    """

    clauses: list[list[Item]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        """True when the query has no word at all (empty, or only punctuation and operators)."""
        return not self.clauses and not self.excluded

    def words(self) -> list[Word]:
        """The one-word items (positive and excluded), for entity-name expansion."""
        items = [it for c in self.clauses for it in c] + self.excluded
        return [it[0] for it in items if len(it) == 1]

    def match(self, names: dict[Word, list[str]] | None = None) -> tuple[str | None, str | None]:
        """``(positive, negative)`` FTS5 MATCH expressions (``None`` when there is no such part).

        Every term is double-quoted and operators come only from the parse, so no
        user input can make an FTS5 syntax error. A row matches the query when it
        matches ``positive`` (or there is none) and does not match ``negative``.
        """
        pos = " AND ".join(_or([_item_expr(it, names) for it in c]) for c in self.clauses) or None
        neg = _or([_item_expr(it, names) for it in self.excluded]) if self.excluded else None
        return pos, neg


def _or(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _item_expr(item: Item, names: dict[Word, list[str]] | None) -> str:
    if len(item) == 1:
        alts = [f'"{fts_fold(a)}"' for a in item[0]]
        alts += [f'entities : "{fts_fold(n)}"' for n in (names or {}).get(item[0], [])]
        return _or(alts)
    return f"NEAR({' '.join(chr(34) + fts_fold(w[0]) + chr(34) for w in item)}, {4 * len(item)})"


def parse_search(query: str) -> SearchQuery:
    """Parse a user query: words, ``"phrases"``, ``OR``, ``NOT``/``-word``; never fails.

    * words and phrases separated by spaces must all match (implicit AND; ``AND`` is
      accepted and ignored);
    * ``a OR b``: either (binds tighter than the implicit AND: ``a b OR c`` is ``a AND (b OR c)``);
    * ``NOT a`` or ``-a`` (also ``-"a phrase"``): articles with ``a`` are left out;
    * ``"a phrase"``: the words near each other, in order; an unbalanced quote runs to the end;
    * the operators are the upper-case words ``OR``, ``AND``, ``NOT``; elsewhere (first or last,
      doubled) they are ignored; any other punctuation separates words;
    * a word written with punctuation inside (``covid-19``) is a phrase of its parts.
    """
    q = SearchQuery()
    pending_or = pending_not = False
    for m in _QUERY_UNIT.finditer(query or ""):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            if bare in ("OR", "|"):
                pending_or = bool(q.clauses)
                continue
            if bare == "AND":
                continue
            if bare == "NOT":
                pending_not = True
                continue
            if bare.startswith("-") and len(bare) > 1:
                neg, bare = "-", bare[1:]
            text = bare
        else:
            text = phrase
        item = [query_terms(t) for t in search_tokens(text)]
        if not item:
            continue
        if neg or pending_not:
            q.excluded.append(item)
        elif pending_or:
            q.clauses[-1].append(item)
        else:
            q.clauses.append([item])
        pending_or = pending_not = False
    q.terms = {a for c in q.clauses for it in c for w in it for a in w}
    return q


def highlight_spans(text: str, cores: set[str]) -> list[tuple[int, int]]:
    """Character spans (start, end) in display ``text`` of the words matching any query core."""
    spans = []
    if not cores or not text:
        return spans
    for m in _DISPLAY_TOKEN.finditer(text):
        if not cores.isdisjoint(_display_forms(m.group())):
            spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=100_000)
def _display_forms(word: str) -> frozenset[str]:
    """All index forms of one display word (cached: snippets of common words are cheap)."""
    return frozenset(f for t in search_tokens(word) for f in index_forms(t))


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
        start = sp + 1 if sp >= 0 else 0  # inside the first word: start at the text's start
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


def mark(snippet: str, highlights: list, before: str = "«", after: str = "»") -> str:
    """``snippet`` with ``before``/``after`` around each highlighted span (for plain-text output).

    ``mark("قال الرئيس", [[4, 10]])`` → ``"قال «الرئيس»"``. For a terminal with rich, use
    ``rich.text.Text(snippet)`` and ``Text.stylize(style, start, end)`` per span instead
    (never ``console.print`` of article text: rich would read ``[...]`` in it as markup).
    """
    out, pos = [], 0
    for s, e in sorted(tuple(h) for h in highlights):
        if s < pos:
            continue
        out += [snippet[pos:s], before, snippet[s:e], after]
        pos = e
    out.append(snippet[pos:])
    return "".join(out)
