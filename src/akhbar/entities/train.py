"""Train the entity recognizer: ``python -m akhbar.entities.train [--out DIR] [--iterations N]``.

Reproducible: fixed data order, no sampling, crfsuite L-BFGS is deterministic for a given
input. Data (read in place from ``../shared/data``, see ``akhbar.entities.data``):

- ANERcorp train split (first 80 % of tokens by position) and dev split (next 10 %): the
  hyper-parameters were chosen with ``--no-dev`` (train only, scored on dev), then the
  shipped model is trained on train + dev; test (last 10 %) is never used here;
- optional: Topcoder Arabic NER train + dev (``--topcoder``; off: it lowered ANERcorp dev F1
  by ~2.5 points, its conventions differ) and the Wojood sample mapped to PER/LOC/ORG
  (``--wojood``; off: Wojood does not mark MISC, so its sentences teach MISC words as O).

The learned lexicon features are built *jack-knifed*: the training sentences are cut
into 5 position folds and the features of fold k use a lexicon learned on the other
folds, so that at test time (lexicon from all training data) the model has learned how
far to trust a word it has seen as a name before. Writes ``ner.crfsuite`` and
``learned.json`` into ``--out`` (default: the package's ``model/`` directory) and
prints dev scores. Takes about 3-6 minutes on one core.

The shipped model is built in three steps (all deterministic):

1. ``python -m akhbar.entities.train --no-dev --no-autogaz --out /tmp/stage1`` (first-stage
   model on ANERcorp train only);
2. ``python -m akhbar.entities.build_autogaz --model /tmp/stage1`` (tags 1/6 of SaudiNewsNet
   and ANT with it and writes ``model/autogaz.json``);
3. ``python -m akhbar.entities.train`` (final model, ANERcorp train + dev, with autogaz).

``model/clusters.json`` comes from ``python -m akhbar.entities.build_clusters`` and the
gazetteers from ``python -m akhbar.entities.build_gazetteer``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from akhbar.entities.data import anercorp_split, read_topcoder, read_wojood
from akhbar.entities.evaluate import prf
from akhbar.entities.features import Featurizer, Lexicon, entity_words, learn_lexicon
from akhbar.entities.recognize import load_autogaz, load_clusters

MODEL_DIR = Path(__file__).resolve().parent / "model"
FOLDS = 5
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 400, "feature.possible_transitions": True}


def training_sentences(
    wojood: bool = False, topcoder: bool = False, with_dev: bool = True
) -> list[tuple[list[str], list[str]]]:
    """The training sentences, in a fixed order: ANERcorp train [+ dev] [+ Topcoder train+dev] [+ Wojood]."""
    sp = anercorp_split()
    sents = list(sp["train"])
    if with_dev:
        sents += sp["dev"]
    if topcoder:
        sents += read_topcoder("train") + read_topcoder("dev")
    if wojood:
        sents += read_wojood("train") + read_wojood("val")
    return [s for s in sents if s[0]]


def jackknife_features(sents, base: Lexicon, folds: int = FOLDS):
    """Feature lists for ``sents``; fold k's lexicon features come from the other folds."""
    n = len(sents)
    bounds = [round(n * k / folds) for k in range(folds + 1)]
    xs: list[list[list[str]]] = [None] * n  # type: ignore[list-item]
    for k in range(folds):
        lo, hi = bounds[k], bounds[k + 1]
        learned, phrases = learn_lexicon(sents[:lo] + sents[hi:])
        fz = Featurizer(base.with_learned(learned, phrases))
        for i in range(lo, hi):
            xs[i] = fz.sentence(sents[i][0])
    return xs


def train(
    out: Path = MODEL_DIR,
    iterations: int | None = None,
    wojood: bool = False,
    params: dict | None = None,
    topcoder: bool = False,
    with_dev: bool = True,
    autogaz: bool = True,
):
    """Train and write the model to ``out``; returns the dev score dict from ``evaluate.prf``
    (a fair score only with ``with_dev=False``)."""
    import pycrfsuite

    t0 = time.time()
    sents = training_sentences(wojood, topcoder, with_dev)
    base = Lexicon.curated()
    base.clusters = load_clusters(MODEL_DIR / "clusters.json")
    if autogaz:
        base.auto = load_autogaz(MODEL_DIR / "autogaz.json")
    xs = jackknife_features(sents, base)
    learned, phrases = learn_lexicon(sents)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, (_, y) in zip(xs, sents):
        trainer.append(x, y)
    p = dict(PARAMS, **(params or {}))
    if iterations:
        p["max_iterations"] = iterations
    trainer.set_params(p)
    out.mkdir(parents=True, exist_ok=True)
    t1 = time.time()
    trainer.train(str(out / "ner.crfsuite"))
    t2 = time.time()
    (out / "learned.json").write_text(
        json.dumps(
            {
                "source": "learned by akhbar.entities.train from ANERcorp train split"
                + (" + dev split" if with_dev else "")
                + (" + Topcoder train/dev" if topcoder else "")
                + (" + Wojood sample train/val" if wojood else ""),
                "words": dict(sorted(learned.items())),
                "phrases": sorted([" ".join(k), v] for k, v in phrases.items()),
                "entity_words": sorted(entity_words(sents)),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out / "ner.crfsuite"))
    fz = Featurizer(base.with_learned(learned, phrases))
    dev = anercorp_split()["dev"]
    pred = [tagger.tag(fz.sentence(t)) for t, _ in dev]
    scores = prf([y for _, y in dev], pred)
    print(f"sentences {len(sents)}  features {t1 - t0:.1f}s  training {t2 - t1:.1f}s  params {p}")
    print(
        "ANERcorp dev" + (" (trained on: not a fair score)" if with_dev else "") + ":",
        json.dumps({k: [round(x, 4) for x in v] for k, v in scores.items()}),
    )
    return scores


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--iterations", type=int, default=None)
    ap.add_argument("--wojood", action="store_true", help="add the Wojood sample (mapped) to training")
    ap.add_argument("--topcoder", action="store_true", help="add Topcoder train+dev to training")
    ap.add_argument(
        "--no-dev", action="store_true", help="train on ANERcorp train only (for model selection)"
    )
    ap.add_argument(
        "--no-autogaz", action="store_true", help="without model/autogaz.json (first-stage model)"
    )
    ap.add_argument("--c1", type=float, default=None)
    ap.add_argument("--c2", type=float, default=None)
    a = ap.parse_args(argv)
    params = {k: v for k, v in (("c1", a.c1), ("c2", a.c2)) if v is not None}
    train(
        a.out,
        a.iterations,
        a.wojood,
        params,
        topcoder=a.topcoder,
        with_dev=not a.no_dev,
        autogaz=not a.no_autogaz,
    )


if __name__ == "__main__":
    main()
