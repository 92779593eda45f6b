"""Tokenization and CRF features for the Arabic entity recognizer.

``tokenize(text) -> list[(token, start, end)]``: character offsets into ``text``; words are
runs of letters, digits, Arabic combining marks and tatweel; every other non-space
character is its own token (this matches ANERcorp, where punctuation is split off and
clitics stay attached: ``وبريطانيا`` is one token).

``Featurizer(lexicon).sentence(tokens) -> list[list[str]]``: one list of string features
per token, for python-crfsuite. Features of a word type are computed once and cached
(the cache is bounded), so tagging costs a few list concatenations per token.

Feature groups (all on search-folded forms, see ``normalize.fold``):
word form, light stem (proclitics و ف ب ل ك and the article removed), 2/3-letter
prefixes and suffixes, length, shape (digit, Latin, punctuation), the article and
conjunction flags, gazetteer flags (CLDR places, curated titles, organization head
nouns, given names), distributional word clusters (``build_clusters``), the automatic
gazetteer (``build_autogaz``: how often a first-stage model tags the word as PER/LOC/ORG/MISC
in unlabelled news), the *learned lexicon* (word -> majority entity type among its
training occurrences, built jack-knifed during training so the model does not learn to
trust it blindly), multi-word gazetteer and learned-phrase matches, and the same
features for the neighbours at -2..+2 and word bigrams.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from akhbar.entities.normalize import fold

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+|[^\s\w]", re.UNICODE)
_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")

_STEM_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(token, start, end)`` triples (character offsets, end exclusive)."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def light_stem(f: str) -> tuple[str, str]:
    """Folded token -> ``(prefix, stem)``: remove one proclitic group (و ف ب ك ل + ال), keep >= 3 letters."""
    for p in _STEM_PREFIXES:
        if f.startswith(p) and len(f) - len(p) >= 3:
            return p, f[len(p) :]
    return "", f


def _load_json(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@dataclass
class Lexicon:
    """Word lists used as features and by the post-processor (all entries search-folded).

    ``places``: single-token places; ``place_phrases``: multi-token places as tuples;
    ``titles``, ``title_modifiers``, ``org_keywords``, ``given_names``: curated lists
    (akhbar/data/gazetteer_lexicon.json); ``learned``: word -> entity type learned from
    training data; ``phrases``: multi-token training entities -> type.
    """

    places: set[str] = field(default_factory=set)
    place_phrases: set[tuple[str, ...]] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    title_modifiers: set[str] = field(default_factory=set)
    org_keywords: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)
    learned: dict[str, str] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    clusters: dict[str, list[int]] = field(default_factory=dict)
    entity_words: set[str] = field(default_factory=set)
    auto: dict[str, list] = field(default_factory=dict)

    @classmethod
    def curated(cls) -> Lexicon:
        """The lexicon from the package data files (no learned part)."""
        places = _load_json("gazetteer_places.json")
        lex = _load_json("gazetteer_lexicon.json")
        lx = cls()
        for name in places["countries"] + places["cities"]:
            toks = tuple(fold(t) for t, _, _ in tokenize(name))
            if len(toks) == 1:
                lx.places.add(toks[0])
            elif toks:
                lx.place_phrases.add(toks)
        lx.titles = {fold(t) for t in lex["titles"]}
        lx.title_modifiers = {fold(t) for t in lex["title_modifiers"]}
        lx.org_keywords = {fold(t) for t in lex["org_keywords"]}
        lx.given_names = {fold(t) for t in lex["given_names"]}
        return lx

    def with_learned(self, learned: dict[str, str], phrases: dict[tuple[str, ...], str]) -> Lexicon:
        """A copy sharing the curated sets and clusters, with the given learned word and phrase tables."""
        return Lexicon(
            self.places,
            self.place_phrases,
            self.titles,
            self.title_modifiers,
            self.org_keywords,
            self.given_names,
            learned,
            phrases,
            self.clusters,
            self.entity_words,
            self.auto,
        )

    def known_words(self) -> set[str]:
        """Folded single words known as (parts of) entities: places, given names, entity words from training.

        The learned *feature* table is keyed by light stems (``فيكتور`` -> ``يكتور``), so it is not
        used here; ``entity_words`` holds whole training entity words instead.
        """
        words = set(self.places) | self.given_names | self.entity_words
        for ph in self.place_phrases:
            words.update(ph)
        return words


def learn_lexicon(sentences: list[tuple[list[str], list[str]]], min_count: int = 1) -> tuple[dict, dict]:
    """Learn ``(word -> type, phrase -> type)`` from IOB2 sentences.

    A word (light-stemmed, folded) gets the type it carries most often when it is inside
    an entity in at least half of its occurrences and at least ``min_count`` times.
    A phrase (>= 2 folded tokens) gets the majority type of the entities spelled so.
    """
    from collections import Counter, defaultdict

    word_types: dict[str, Counter] = defaultdict(Counter)
    phrase_types: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for toks, tags in sentences:
        start = None
        for i, (tok, tag) in enumerate(zip(toks, tags)):
            stem = light_stem(fold(tok))[1]
            word_types[stem][tag[2:] if tag != "O" else "O"] += 1
        for i, tag in enumerate(tags + ["O"]):
            if start is not None and not tag.startswith("I-"):
                if i - start >= 2:
                    ph = tuple(fold(t) for t in toks[start:i])
                    phrase_types[ph][tags[start][2:]] += 1
                start = None
            if tag.startswith("B-"):
                start = i
    learned = {}
    for w, c in word_types.items():
        ent = sum(v for k, v in c.items() if k != "O")
        if ent >= min_count and ent * 2 >= sum(c.values()):
            learned[w] = max((k for k in c if k != "O"), key=lambda k: (c[k], k))
    phrases = {p: c.most_common(1)[0][0] for p, c in phrase_types.items()}
    return learned, phrases


_CLITIC_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "وب", "ول", "وك", "لل", "و", "ف", "ب", "ل", "ك")


def entity_words(sentences: list[tuple[list[str], list[str]]]) -> set[str]:
    """Folded words seen inside training entities, minus clitic-prefixed forms of other such words.

    ``وبريطانيا`` is dropped when ``بريطانيا`` is there too, so that a known-word test does not
    keep the conjunction; ``فيكتور`` stays (``يكتور`` is no entity word).
    """
    words = {fold(t) for toks, tags in sentences for t, y in zip(toks, tags) if y != "O"}
    out = set()
    for w in words:
        for p in _CLITIC_PREFIXES:
            rest = w[len(p) :]
            if w.startswith(p) and len(rest) >= 3 and (rest in words or "ال" + rest in words):
                break
        else:
            out.add(w)
    return out


class Featurizer:
    """Turns token lists into crfsuite feature lists using one ``Lexicon`` (cache per instance)."""

    MAX_CACHE = 200_000

    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self._cache: dict[str, tuple[list[str], list[str], list[str], list[str], list[str], str]] = {}
        self._phrase_memo: dict[tuple[str, ...], list[list[str]]] = {}
        self._phrase_first = {p[0] for p in lexicon.place_phrases} | {p[0] for p in lexicon.phrases}
        self._phrase_max = max(
            [len(p) for p in lexicon.place_phrases] + [len(p) for p in lexicon.phrases] + [1]
        )

    def _type_feats(self, tok: str):
        f = fold(tok)
        pre, stem = light_stem(f)
        lx = self.lx
        flags = []
        if not _LETTER.search(f):
            flags.append("dig" if _DIGIT.search(f) else "pun")
        elif _LATIN.search(f):
            flags.append("lat")
        if pre:
            flags.append("pre=" + pre)
        if f in lx.places or stem in lx.places:
            flags.append("gL")
        if f in lx.titles or stem in lx.titles:
            flags.append("tt")
        if f in lx.title_modifiers:
            flags.append("tm")
        if stem in lx.org_keywords or f in lx.org_keywords:
            flags.append("ok")
        if f in lx.given_names or stem in lx.given_names:
            flags.append("gn")
        lt = lx.learned.get(stem)
        if lt:
            flags.append("lx=" + lt)
        if (pre.endswith("ال") or pre == "لل") and stem.endswith(("ي", "يه", "يين", "يون", "يان")):
            flags.append("nis")
        ag = lx.auto.get(stem)
        if ag:
            flags += [
                "ag=" + ag[0],
                "ag=" + ag[0] + ("hi" if ag[1] >= 0.5 else "mid" if ag[1] >= 0.25 else "lo"),
            ]
        elif lx.auto:
            flags.append("ag-")
        cl = lx.clusters.get(f) or lx.clusters.get(stem)
        cfe = [f"c1={cl[0]}", f"c2={cl[1]}"] if cl else ["c-"]
        own = (
            cfe
            + [
                "b",
                "w=" + f,
                "st=" + stem,
                "p2=" + f[:2],
                "p3=" + f[:3],
                "s2=" + f[-2:],
                "s3=" + f[-3:],
                "ss2=" + stem[:2],
                f"ln={min(len(stem), 9)}",
            ]
            + flags
        )
        m1 = ["w-1=" + f, "st-1=" + stem] + [x + "-1" for x in flags + cfe]
        p1 = ["w+1=" + f, "st+1=" + stem] + [x + "+1" for x in flags + cfe]
        m2 = ["w-2=" + f] + [x + "-2" for x in flags if x[:2] in ("tt", "gL", "ok", "lx")]
        p2 = ["w+2=" + f] + [x + "+2" for x in flags if x[:2] in ("tt", "gL", "ok", "lx")]
        return own, m1, p1, m2, p2, f

    def type_feats(self, tok: str):
        """Cached per-type features: ``(own, at-1, at+1, at-2, at+2, folded)``."""
        r = self._cache.get(tok)
        if r is None:
            if len(self._cache) > self.MAX_CACHE:
                self._cache.clear()
            r = self._cache[tok] = self._type_feats(tok)
        return r

    def _phrase_feats(self, folded: list[str]) -> list[list[str]]:
        """Multi-word gazetteer / learned-phrase match features per token (the last few sentences
        are memoized: the neural tagger and the CRF ask for the same sentence in turn)."""
        key = tuple(folded)
        r = self._phrase_memo.get(key)
        if r is None:
            if len(self._phrase_memo) > 64:
                self._phrase_memo.clear()
            r = self._phrase_memo[key] = self._phrase_feats_uncached(folded)
        return r

    def _phrase_feats_uncached(self, folded: list[str]) -> list[list[str]]:
        n = len(folded)
        out: list[list[str]] = [[] for _ in range(n)]
        lx = self.lx
        stems = None
        i = 0
        while i < n:
            if folded[i] not in self._phrase_first:
                if stems is None:
                    stems = [light_stem(f)[1] for f in folded]
                if stems[i] not in self._phrase_first:
                    i += 1
                    continue
            matched = 0
            for L in range(min(self._phrase_max, n - i), 1, -1):
                ph = tuple(folded[i : i + L])
                key = ph
                if ph not in lx.place_phrases and ph not in lx.phrases:
                    if stems is None:
                        stems = [light_stem(f)[1] for f in folded]
                    key = (stems[i],) + ph[1:]
                if key in lx.place_phrases:
                    lab = "mL"
                elif key in lx.phrases:
                    lab = "mE=" + lx.phrases[key]
                else:
                    continue
                out[i].append(lab + "b")
                for k in range(i + 1, i + L):
                    out[k].append(lab + "i")
                matched = L
                break
            i += matched or 1
        return out

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """Feature lists (one ``list[str]`` per token) for one sentence of raw tokens."""
        tf = [self.type_feats(t) for t in tokens]
        n = len(tf)
        phr = self._phrase_feats([x[5] for x in tf])
        out = []
        for i in range(n):
            own, _, _, _, _, f = tf[i]
            feats = list(own)
            if i > 0:
                feats += tf[i - 1][1]
                feats.append("bg-=" + tf[i - 1][5] + "|" + f)
                if i > 1:
                    feats += tf[i - 2][3]
                else:
                    feats.append("BOS-2")
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += tf[i + 1][2]
                feats.append("bg+=" + f + "|" + tf[i + 1][5])
                if i + 2 < n:
                    feats += tf[i + 2][4]
            else:
                feats.append("EOS")
            if phr[i]:
                feats += phr[i]
            out.append(feats)
        return out
