"""The event-level pair scorer of story clustering: features of (article, story) and their learned weights.

An article joins a story when ``sigmoid(bias + weights . features) >= threshold`` (a logistic regression, the
pair scorer of Miranda et al. 2018, *Multilingual Clustering of Streaming News*, EMNLP, which also scores
an article against a cluster's aggregated representation rather than against single articles).
The features (:data:`FEATURES`, all in 0..1):

``cos``           TF-IDF cosine of the article's title+lead vector with the story centroid;
``cos_first``     the same cosine with the story's first article (its lead report);
``title_cos``     the best TF-IDF cosine of the article's title with the titles of the story's first articles;
``rare``          terms shared by the article and the story centroid that are rare in the corpus (document
                  frequency <= ``RARE_DF`` of the documents seen), capped at 5, / 5;
``ent_frac``      shared entity keys / the smaller of the two entity sets (0 when either is empty); a
                  story's keys are those of at least half of its articles; persons guessed from a given name
                  and the next word (``akhbar.corpus.storykeys.GUESSED`` keys) are left out of all ``ent_*``
                  features and compared in ``guess_shared`` / ``guess_new``;
``ent_none``      1 when the article or the story has no entity key;
``ent_shared``    shared entity keys, capped at 4, / 4;
``num_shared``    shared event numbers, capped at 3, / 3;
``num_conflict``  1 when both have numbers and share none (another score, rate, toll);
``year_conflict`` 1 when both name years (1900-2099) and the article names none of the story's;
``dec_conflict``  1 when both give decimals (rates, magnitudes, percentages: ``18.75``, ``7.7``) and the
                  article gives none of the story's;
``score_conflict`` 1 when both give a score or ratio (``1-3``) and the article gives none of the story's;
``cue_shared``    1 when they share an event type (``akhbar.corpus.storykeys.CUES``);
``cue_conflict``  1 when both have event types and share none;
``gap``           days between the article and the story's first day, / the window (0 when undated);
``undated``       1 when the article or the story has no date;
``size``          log10(1 + story size) / 2, capped at 1 (a large story's centroid is blunter);
``dec_new``       share of the article's decimals that none of the story's articles gives (0 unless both give
                  decimals): the same bank's next decision repeats one old rate but gives new ones;
``ent_new``       share of the article's entity keys that none of the story's articles names (0 unless both
                  have entities): the same team against another opponent;
``cue_new``       share of the article's event types that none of the story's articles has (0 unless both have
                  event types): the mourning after a death, the funeral after an assassination;
``preview``       1 when exactly one of the article and the story's core announces what is still to come
                  (the ``preview`` cues: ``موعد``, ``غدا``, ...): the preview of a match is not its result;
``num_any``       event numbers shared with any of the story's articles (not only its core), capped at 3, / 3;
``rare_frac``     ``rare`` shared terms / the article's own rare terms (0 when it has none);
``guess_shared``  guessed persons (see ``ent_frac``) shared with the story, capped at 2, / 2;
``guess_new``     share of the article's guessed persons that none of the story's articles names (0 unless both
                  have some).

The weights are learned by ``python -m akhbar.corpus.build_story_model`` on the development story set
(``benchmarks/data/stories/pages.jsonl``, article-versus-gold-story examples in date order) and the labelled
SaudiNewsNet pairs (``benchmarks/data/stories/snn_pairs.jsonl``) and stored with their source in
``akhbar/data/story_model.json``, with the join probability ``threshold`` chosen on the same training examples
(``build_story_model.precision_threshold``: the best F0.5, precision first).
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from akhbar.corpus.storykeys import GUESSED

__all__ = ["FEATURES", "StoryModel", "features", "load_model"]

FEATURES = ("cos", "cos_first", "title_cos", "rare", "ent_frac", "ent_none", "ent_shared", "num_shared",
            "num_conflict", "year_conflict", "dec_conflict", "score_conflict", "cue_shared", "cue_conflict", "gap",
            "undated", "size", "dec_new", "ent_new", "cue_new", "preview", "num_any", "rare_frac", "guess_shared", "guess_new")
#: a term is rare when at most this share of the documents seen contain it (30 of SaudiNewsNet's 31,030)
RARE_DF = 0.001
MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "story_model.json"


def _core(counts: dict[str, int], size: int) -> dict[str, int] | set[str]:
    """The keys of at least half of a story's articles (all of them for a story of one or two articles)."""
    if size <= 2:
        return counts
    need = (size + 1) // 2
    return {k for k, c in counts.items() if c >= need}


def _kind(x: str) -> str:
    """The kind of an event number (``akhbar.corpus.storykeys.numbers``): ``year``, ``dec``, ``score``, ``int``."""
    if "-" in x:
        return "score"
    if "." in x:
        return "dec"
    return "year" if len(x) == 4 and x[:2] in ("19", "20") else "int"


def _typed_conflicts(nums: frozenset[str], s_nums: dict[str, int]) -> tuple[float, float, float]:
    """(year, dec, score) conflicts of the article's numbers with all of the story's numbers: 1.0 when both
    give numbers of that kind and the article gives none of the story's."""
    if not nums or not s_nums:
        return 0.0, 0.0, 0.0
    mine: dict[str, int] = {}  # kind -> 1 (none of the story's), 2 or 3 (at least one of the story's)
    for x in nums:
        k = _kind(x)
        mine[k] = mine.get(k, 0) | (2 if x in s_nums else 1)
    theirs = {_kind(x) for x in s_nums}
    return (float(mine.get("year") == 1 and "year" in theirs), float(mine.get("dec") == 1 and "dec" in theirs),
            float(mine.get("score") == 1 and "score" in theirs))


def features(cos: float, cos_first: float, title_cos: float, rare: int, ents: frozenset[str],
             s_ents: dict[str, int], nums: frozenset[str], s_nums: dict[str, int], cues: frozenset[str],
             s_cues: dict[str, int], gap: int | None, window: int, size: int, rare_frac: float = 0.0) -> list[float]:
    """The :data:`FEATURES` of one (article, story) pair as a list of float (see module docstring).

    ``s_ents``, ``s_nums``, ``s_cues``: the story's keys with the number of its articles that have each;
    only the keys of at least half of the story's articles are compared, so a large story does not match
    everything its articles ever named (the typed number conflicts compare with all of the story's numbers,
    so a report that repeats any of them agrees). ``gap``: days between the article and the story's first
    day, None when either is undated. ``rare_frac``: the ``rare_frac`` feature, computed by the caller (it
    needs the document frequencies).
    """
    g_mine = frozenset(e for e in ents if e[:1] == GUESSED)
    if g_mine or any(e[:1] == GUESSED for e in s_ents):  # guessed persons apart from the other entities
        ents = ents - g_mine
        g_theirs = {e: c for e, c in s_ents.items() if e[:1] == GUESSED}
        s_ents = {e: c for e, c in s_ents.items() if e[:1] != GUESSED}
        guess = [min(sum(1 for e in g_mine if e in g_theirs), 2) / 2, _new(g_mine, g_theirs)]
    else:
        guess = [0.0, 0.0]
    conflicts = _typed_conflicts(nums, s_nums)
    num_any = min(sum(1 for x in nums if x in s_nums), 3) / 3 if nums and s_nums else 0.0
    new = [_new(ents, s_ents), _new(cues, s_cues)]
    decs = frozenset(x for x in nums if _kind(x) == "dec")
    dec_new = _new(decs, s_nums) if any(_kind(x) == "dec" for x in s_nums) else 0.0
    pre = float(("preview" in cues) != (2 * s_cues.get("preview", 0) >= size))
    s_ents, s_nums, s_cues = _core(s_ents, size), _core(s_nums, size), _core(s_cues, size)
    if ents and s_ents:
        shared = sum(1 for e in ents if e in s_ents)
        ent_frac, ent_none, ent_shared = shared / min(len(ents), len(s_ents)), 0.0, min(shared, 4) / 4
    else:
        ent_frac, ent_none, ent_shared = 0.0, 1.0, 0.0
    if nums and s_nums:
        n = sum(1 for x in nums if x in s_nums)
        num_shared, num_conflict = min(n, 3) / 3, float(n == 0)
    else:
        num_shared = num_conflict = 0.0
    if cues and s_cues:
        c = any(x in s_cues for x in cues)
        cue_shared, cue_conflict = float(c), float(not c)
    else:
        cue_shared = cue_conflict = 0.0
    return [cos, cos_first, title_cos, min(rare, 5) / 5, ent_frac, ent_none, ent_shared, num_shared, num_conflict,
            *conflicts, cue_shared, cue_conflict, 0.0 if gap is None else min(gap, window) / max(window, 1), float(gap is None),
            min(math.log10(1 + size) / 2, 1.0), dec_new, *new, pre, num_any, rare_frac, *guess]


def _new(mine: frozenset[str], theirs: dict[str, int]) -> float:
    """Share of ``mine`` not among ``theirs`` (0.0 when either is empty)."""
    if not mine or not theirs:
        return 0.0
    return sum(1 for x in mine if x not in theirs) / len(mine)


class StoryModel:
    """Weights of the pair scorer: ``bias`` (float), ``weights`` (one float per :data:`FEATURES` entry),
    ``threshold`` (probability, 0..1). :meth:`score` returns the join probability."""

    def __init__(self, weights: list[float], bias: float, threshold: float = 0.5, source: str = "") -> None:
        if len(weights) != len(FEATURES):
            raise ValueError(f"story model: {len(weights)} weights for {len(FEATURES)} features")
        self.weights = [float(w) for w in weights]
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.source = source
        # the score threshold as a logit, so a join needs no exp()
        t = min(max(self.threshold, 1e-9), 1 - 1e-9)
        self.logit_threshold = math.log(t / (1 - t))

    def logit(self, f: list[float]) -> float:
        """``bias + weights . f`` (float)."""
        return self.bias + sum(w * x for w, x in zip(self.weights, f, strict=True))

    def score(self, f: list[float]) -> float:
        """Join probability (float, 0..1) of the features ``f``."""
        z = self.logit(f)
        return 1 / (1 + math.exp(-z)) if z > -60 else 0.0

    def to_json(self) -> dict:
        """The model as a JSON-able dict (the format of ``story_model.json``)."""
        return {"features": list(FEATURES), "weights": self.weights, "bias": self.bias,
                "threshold": self.threshold, "source": self.source}


@functools.cache
def load_model(path: str | None = None) -> StoryModel:
    """The shipped pair scorer (``akhbar/data/story_model.json``, or ``path``).

    Raises ``FileNotFoundError`` when the file is missing and ``ValueError`` when its feature list differs
    from :data:`FEATURES` (a model trained for another feature set).
    """
    d = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    if tuple(d["features"]) != FEATURES:
        raise ValueError(f"story model {path or MODEL_PATH}: features {d['features']} != {list(FEATURES)}")
    return StoryModel(d["weights"], d["bias"], d.get("threshold", 0.5), d.get("source", ""))
