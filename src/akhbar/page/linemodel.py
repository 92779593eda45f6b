"""The learned line labeller: where the main article's headline and body start.

A linear-chain CRF (python-crfsuite) over the lines of a page's *lead window* (up to 30 lines
before the rules' body start and 8 after it) gives every line one of four labels:

=====  ==============================================================
``T``  title: the headline (and its deck or a repeated copy)
``M``  metadata line: dateline, byline, agency or source credit
``B``  body: running text of the article
``F``  furniture: menus, tickers, share bars, captions, summaries, labels
=====  ==============================================================

The rules of ``akhbar.page.drafts`` are not replaced: their first-pass kind and their final
label of each line are features, beside the line's shape (length, punctuation, digits, a date,
Arabic share, a person-name shape), its position (from the top and relative to the rules' body
start), its overlap with the URL slug and with the lead, its first word, and the same
features of its neighbours. The model decides the two things the rules get wrong on unseen
sites: which line the body starts at (the first ``B``) and which line is the headline (the
``T`` line above it with the highest marginal probability). ``akhbar.page.segment.build``
then lays out the article from that start with the rules.

The shipped model (``akhbar/data/line_model.crfsuite``) and its card (``LINE_MODEL.md`` beside
it) are built by ``python -m akhbar.page.linemodel_train``; training never runs at refine time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote, urlsplit

from akhbar.page.lines import LineInfo, date_led

#: Lines before / after the rules' body start that the model sees.
BEFORE, AFTER = 30, 8
#: The model moves the rules' body start only when its marginal for "body" is at least GATE at
#: its own start and below 1 - GATE at the rules' start (and below SKIP on every line a forward move
#: skips); it replaces the rules' headline when its
#: headline's marginal is GATE_T above the rules' (chosen by leave-outlet-out cross-validation on
#: the open-web development set).
GATE, GATE_T, SKIP, DROP = 0.8, 0.3, 0.1, 0.02
#: The model adds a headline where the rules found none only when its marginal is at least ADD.
ADD = 0.5

_WORD = re.compile(r"[\w\u0600-\u06ff]{3,}")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_PAREN = re.compile(r"\([^()]{1,30}\)")
_NAME_PUNCT = re.compile(r"[.،,؟?!:«»\"()0-9\u0660-\u0669]")
_SLUG_SPLIT = re.compile(r"[-_/+.,%\s]+")


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def slug_words(url: str | None) -> frozenset[str]:
    """Words (3+ letters) of the URL's path, percent-decoded: an Arabic slug restates the headline."""
    if not url:
        return frozenset()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return frozenset()
    return frozenset(w for w in _SLUG_SPLIT.split(path) if len(w) >= 3 and not w.isdigit())


def _words(t: str) -> set[str]:
    return set(_WORD.findall(t))


_W_EDGES = (1, 2, 3, 5, 8, 12, 20, 40)
_POS_EDGES = (0, 1, 2, 3, 5, 8, 12, 20)
#: ``"w=" + _bucket(w, _W_EDGES)`` for w in 0..40, ``"pos=" + _bucket(i, _POS_EDGES)`` for i in 0..20,
#: ``"rb=" + str(d)`` for d in -4..4 (index d + 4)
_W_NAMES = tuple("w=" + _bucket(w, _W_EDGES) for w in range(41))
_POS_NAMES = tuple("pos=" + _bucket(i, _POS_EDGES) for i in range(21))
_RB_NAMES = tuple("rb=" + str(d) for d in range(-4, 5))


def _line_feats(li: LineInfo, rule: str, slug: frozenset[str], lead: set[str],
                seen: set[str]) -> tuple[dict, tuple[str, ...]]:
    """The line's own attributes, and the names among them its neighbours see, in the same order:
    the ``k=``, ``r=`` and ``w=`` names and ``end``, ``bodyish``, ``inner``, ``nameshape``, ``repeat``."""
    t = li.text
    w = li.words
    kn, rn, wn = "k=" + (li.kind or "-"), "r=" + (rule or "-"), _W_NAMES[w] if 0 <= w <= 40 else "w=" + _bucket(w, _W_EDGES)
    f = {kn: 1.0, rn: 1.0, wn: 1.0}
    ctx = [kn, rn, wn]
    if li.ends_sentence:
        f["end"] = 1.0
        ctx.append("end")
    if li.bodyish:
        f["bodyish"] = 1.0
        ctx.append("bodyish")
    if w <= 40:
        if li.has_inner_punct:
            f["inner"] = 1.0
            ctx.append("inner")
        if li.arabic < 0.5:
            f["latin"] = 1.0
        if _DIGIT.search(t):
            f["digit"] = 1.0
        if _PAREN.search(t):
            f["paren"] = 1.0
        last = t[-1:]
        if last in ":-–ـ":
            f["ends=" + last] = 1.0
        if t.endswith(("..", "…")):
            f["ellipsis"] = 1.0
        if 2 <= w <= 4 and not _NAME_PUNCT.search(t):
            f["nameshape"] = 1.0
            ctx.append("nameshape")
        first = t.split(None, 1)[0] if t else ""
        # crfsuite wants UTF-8 names: a lone surrogate becomes "?"
        f["ft=" + first[:12].encode("utf-8", "replace").decode("utf-8")] = 1.0
        ws = _words(t) if slug or lead else None
        if ws:
            if slug:
                f["slug=" + _bucket(int(10 * len(ws & slug) / len(ws)), (0, 3, 6))] = 1.0
            if lead:
                f["lead=" + _bucket(int(10 * len(ws & lead) / len(ws)), (0, 2, 4, 7))] = 1.0
        key = " ".join(t.split())
        if key in seen:
            f["repeat"] = 1.0
            ctx.append("repeat")
        seen.add(key)
    return f, tuple(ctx)


def features(infos: list[LineInfo], rules: list[str | None], b: int, lo: int, hi: int,
             url: str | None = None) -> list[dict]:
    """CRF features (crfsuite attribute dicts) of lines ``lo..hi-1``; ``rules`` are the rules'
    final labels per line, ``b`` the rules' body start (an index into ``infos``)."""
    # the URL's slug words and the lead's words are read only by lines of at most 40 words
    # (the lead's only above the body start): skip them where no such line is in the window
    short = [i for i in range(lo, hi) if infos[i].words <= 40]
    slug = slug_words(url) if short else _EMPTY
    lead: set[str] = set()
    if b > lo and short and short[0] < b:  # only lines above the body start use it
        for li in infos[b : b + 3]:
            lead |= _words(li.text[:600])
    seen: set[str] = set()
    pairs = [_line_feats(infos[i], rules[i] or "", slug, lead if i < b else _EMPTY, seen) for i in range(lo, hi)]
    # the names each line gives its neighbours, prefixed once per distinct set of names
    ctx = [_ctx_names(names) for _, names in pairs]
    out = []
    n = len(pairs)
    for j, (f, _) in enumerate(pairs):
        i = lo + j
        g = dict(f)
        g[_POS_NAMES[i] if 0 <= i <= 20 else "pos=" + _bucket(i, _POS_EDGES)] = 1.0
        g[_RB_NAMES[max(-4, min(4, i - b)) + 4]] = 1.0
        for t, off in enumerate((-1, 1, -2, 2)):
            k = j + off
            g.update(ctx[k][t] if 0 <= k < n else _NONE[t])
        out.append(g)
    return out


_TAGS = ("p:", "n:", "pp:", "nn:")
_NONE = tuple({tag + "none": 1.0} for tag in _TAGS)
_CTX_CACHE: dict[tuple[str, ...], tuple[dict, ...]] = {}


def _ctx_names(names: tuple[str, ...]) -> tuple[dict, ...]:
    """The attribute dicts a line with context names ``names`` gives its neighbours, one per
    neighbour tag (``_TAGS``), names in the order given (cached: pages share few such sets)."""
    got = _CTX_CACHE.get(names)
    if got is None:
        if len(_CTX_CACHE) >= 4096:
            _CTX_CACHE.clear()
        got = _CTX_CACHE[names] = tuple(dict.fromkeys([tag + name for name in names], 1.0) for tag in _TAGS)
    return got


_EMPTY: frozenset = frozenset()


def window(n: int, b: int) -> tuple[int, int]:
    """The lead window ``(lo, hi)`` around the rules' body start ``b`` in a page of ``n`` lines."""
    return max(0, b - BEFORE), min(n, b + AFTER + 1)


class LineModel:
    """A trained line labeller (crfsuite model bytes). Picklable: the tagger opens lazily in each
    process. ``LineModel.shipped()`` is the model in the package (None when absent)."""

    def __init__(self, data: bytes):
        self.data = data
        self._tagger = None

    def __getstate__(self):
        return {"data": self.data}

    def __setstate__(self, state):
        self.data = state["data"]
        self._tagger = None

    @property
    def digest(self) -> str:
        """``sha256:<first 16 hex digits>`` of the model bytes (names the model in manifests)."""
        import hashlib

        return "sha256:" + hashlib.sha256(self.data).hexdigest()[:16]

    @staticmethod
    def shipped() -> LineModel | None:
        return _shipped()

    def tagger(self):
        if self._tagger is None:
            import pycrfsuite

            t = pycrfsuite.Tagger()
            t.open_inmemory(self.data)
            self._tagger = t
        return self._tagger

    def start(self, infos: list[LineInfo], rules: list[str | None], b: int,
              url: str | None = None, rules_title: int | None = None) -> tuple[int | None, int] | None:
        """``(title, body_start)`` line indexes chosen by the model, or None when the model finds
        no body line in the window (the rules' choice then stands). ``rules_title``: the rules'
        headline line (their deck is labelled ``title`` too, so without it the ``title`` line
        nearest above the body stands for it)."""
        lo, hi = window(len(infos), b)
        if hi <= lo:
            return None
        tg = self.tagger()
        labels = tg.tag(features(infos, rules, b, lo, hi, url))
        body = next((lo + j for j, lab in enumerate(labels) if lab == "B"), None)
        if body is None:
            return None
        # override the rules only where the model is sure: the rules' start is not body, the
        # model's is (marginals of the whole sequence)
        if body != b and not (tg.marginal("B", body - lo) >= GATE and (b >= hi or tg.marginal("B", b - lo) < 1 - GATE)):
            body = b
        elif body > b and any(tg.marginal("B", i - lo) >= SKIP for i in range(b, body)):
            body = b  # every line skipped over must be clearly not body
        elif body < b and date_led(infos[body].text, infos[body].words):
            body = b  # a short line that opens with a full date is a dateline, never the body start
        if rules_title is not None and lo <= rules_title < body:
            rules_t: int | None = rules_title  # the rules' headline, not the deck under it
        else:
            rules_t = next((i for i in range(body - 1, lo - 1, -1) if rules[i] == "title"), None)
        # a short line ending in a colon is a label ("«قيس سعيد»:", "المصدر:"), never a headline
        cands = [(tg.marginal("T", j), -j, lo + j) for j in range(body - lo)
                 if labels[j] == "T" and not _label_line(infos[lo + j])]
        title = max(cands)[2] if cands else None
        if title is not None and date_led(infos[title].text, infos[title].words):
            title = rules_t  # a line that opens with a full date is a dateline, not a headline
        elif title is not None and rules_t is None and tg.marginal("T", title - lo) < ADD:
            title = None  # a headline where the rules found none only where the model is fairly sure
        if title is not None and rules_t is not None and infos[title].text == infos[rules_t].text:
            title = rules_t  # the headline printed twice: keep the copy the rules chose
        if rules_t is not None and title != rules_t:
            p_rules = tg.marginal("T", rules_t - lo)
            if title is None:
                if p_rules >= DROP:  # no headline only where the rules' one is surely not one
                    title = rules_t
            elif tg.marginal("T", title - lo) < p_rules + GATE_T:
                title = rules_t
        return title, body


def _label_line(li: LineInfo) -> bool:
    """A line of at most 3 words ending in a colon: a label over what follows (open-web
    development set: an aggregator's keyword heading ``«قيس سعيد»:``, ``المصدر:``)."""
    return li.words <= 3 and li.text.rstrip().endswith((":", "："))


@lru_cache(maxsize=1)
def _shipped() -> LineModel | None:
    try:
        data = resources.files("akhbar").joinpath("data/line_model.crfsuite").read_bytes()
    except (FileNotFoundError, OSError):
        return None
    return LineModel(data)
