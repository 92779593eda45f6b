"""Build the story clusterer's shipped data: document frequencies and the pair scorer's weights.

``python -m akhbar.corpus.build_story_model [--shared DIR] [--df]`` writes

* with ``--df``: ``akhbar/data/story_df.npz``: document frequencies of the index terms
  (``akhbar.corpus.stories.terms``: title twice + 150 lead words) of the 31,030 SaudiNewsNet articles
  (``DIR/data/saudinewsnet/*.zip``), by hash bucket, buckets seen in at least 2 articles; the clusterer
  starts from them so the first articles of a run already get corpus IDF weights;
* ``akhbar/data/story_model.json``: the logistic-regression pair scorer (``akhbar.corpus.storymodel``)
  fitted (L2-regularized, Newton's method) on

  - the development story set ``benchmarks/data/stories/pages.jsonl``: pages are clustered in date order
    (undated pages last, in id order) with the gold stories as the clustering, and every (page, candidate
    story) pair the clusterer scores is an example (Miranda et al. 2018 train their scorer the same way);
  - the labelled SaudiNewsNet pairs ``benchmarks/data/stories/snn_pairs.jsonl``: article ``b`` against a
    story made of article ``a``.

  and its join probability (``threshold``) is the one, among 0.40, 0.45, ..., 0.90, whose clustering of the
  development pages has the best B-cubed F0.5 against their gold stories (:func:`cluster_threshold`:
  precision first, because a wrong merge hides an event inside another while a split only repeats it;
  without pages, the best F0.5 of the single pair decisions, :func:`precision_threshold`); ``--threshold``
  overrides it. The shipped model is built with ``--threshold 0.55`` (the command is in its ``source``):
  with the weekday gate the rule picks 0.50, whose leave-event-out precision is 0.931, while 0.55 gives
  0.964 (``benchmarks/results/stories_eval.md``).
  The build is deterministic (Newton's method from zeros, no sampling): the same data gives the same bytes.

The functions are reused by ``benchmarks/stories_eval.py`` for leave-event-out cross-validation.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from akhbar.corpus.dedup import words
from akhbar.corpus.stories import StoryClusterer, lead_text, term_counts, terms_from_words, title_terms
from akhbar.corpus.storykeys import event_keys
from akhbar.corpus.storymodel import FEATURES, StoryModel

REPO = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parents[1] / "data"
STORIES_DIR = REPO / "benchmarks" / "data" / "stories"
_NEUTRAL = StoryModel([0.0] * len(FEATURES), 0.0)


def snn_records(shared: Path) -> Iterator[dict]:
    """SaudiNewsNet records in file order, each with ``id`` = ``snn-<source>-<zip stem>-<index>`` (the id
    scheme of ``shared/gold/saudinewsnet_dev.jsonl``)."""
    for z in sorted((shared / "data" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for member in zf.namelist():
                for i, r in enumerate(json.loads(zf.read(member))):
                    r["id"] = f"snn-{r['source']}-{z.stem}-{i}"
                    yield r


def article_inputs(title: str | None, text: str, lead_words: int = 150) -> dict:
    """What the clusterer needs of one article, as a worker computes it: ``tf``, ``title_tf``, ``entities``,
    ``numbers``, ``cues``."""
    tw, bw = words(title or ""), words(text)
    ents, nums, cues = event_keys(tw, bw, lead_text(title, text))
    return {"tf": term_counts(terms_from_words(tw, bw, lead_words)), "title_tf": term_counts(title_terms(tw)),
            "entities": ents, "numbers": nums, "cues": cues}


def build_df(shared: Path) -> tuple[np.ndarray, np.ndarray, int]:
    """``(buckets, counts, n)``: document frequency of every index-term bucket seen in >= 2 SaudiNewsNet
    articles (int32 arrays, buckets ascending) and the number of articles."""
    df = np.zeros(1 << 20, dtype=np.int64)
    n = 0
    for r in snn_records(shared):
        tf = term_counts(terms_from_words(words(r.get("title") or ""), words(r.get("content") or "")))
        if tf:
            df[np.fromiter(tf.keys(), dtype=np.int64, count=len(tf))] += 1
        n += 1
    keep = np.nonzero(df >= 2)[0]
    return keep.astype(np.int32), df[keep].astype(np.int32), n


def load_pages(path: Path | None = None) -> list[dict]:
    """Development pages (``pages.jsonl``), each with an added ``gold`` (its event id; an unrelated page
    without one is its own story) and ``fold`` (the event whose leave-out fold the page belongs to: its
    event, or for a hard negative the event it is a negative of)."""
    path = path or STORIES_DIR / "pages.jsonl"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        p = json.loads(line)
        p["gold"] = p.get("event") or f"page:{p['id']}"
        p["fold"] = p.get("negative_of") or p["gold"]
        out.append(p)
    return out


def refined(p: dict) -> dict:
    """What akhbar's text route makes of a development page, as a real run sees it (memoized in ``p``):
    ``{title, body, published}`` of its main article (``akhbar.refine_text`` with the page's URL; ``published``
    is ``YYYY-MM-DD`` or None). The annotated ``title`` and ``date`` are never given to the clusterer."""
    if "_refined" not in p:
        from akhbar import refine_text

        page = refine_text(p.get("text") or "", url=p.get("url"))
        a = next((a for a in page.articles if a.role == "main"), None)
        p["_refined"] = {"title": a.title if a else None, "body": "\n".join(a.body) if a else "",
                         "published": (a.published or "")[:10] or None if a else None}
    return p["_refined"]


def page_order(pages: list[dict]) -> list[dict]:
    """Pages in the order a stream would give them: by akhbar's publication date (:func:`refined`), undated
    pages last, ties by id."""
    return sorted(pages, key=lambda p: (refined(p)["published"] is None, refined(p)["published"] or "", p["id"]))


def _page_input(p: dict) -> dict:
    key = "_inputs"
    if key not in p:
        r = refined(p)
        p[key] = article_inputs(r["title"], r["body"])
    return p[key]


def cluster_pages(pages: list[dict], model: StoryModel, **kw) -> dict[str, str]:
    """Cluster ``pages`` in :func:`page_order` with ``model``: ``{page id: story id}``."""
    sc = StoryClusterer(model=model, **kw)
    out = {}
    for p in page_order(pages):
        x = _page_input(p)
        out[p["id"]] = sc.add(p["id"], None, "", refined(p)["published"], x["entities"], p.get("outlet"), tf=x["tf"],
                              numbers=x["numbers"], cues=x["cues"], title_tf=x["title_tf"])
    return out


def page_examples(pages: list[dict]) -> tuple[list[list[float]], list[int]]:
    """Training examples from development pages: features of every (page, candidate gold story) pair the
    clusterer scores while the pages are put into their gold stories in :func:`page_order`."""
    sc = StoryClusterer(model=_NEUTRAL, day_gate=False)  # the scorer also learns from the pairs the gate stops
    gold_cid: dict[str, int] = {}
    cid_gold: dict[int, str] = {}
    xs: list[list[float]] = []
    ys: list[int] = []
    for p in page_order(pages):
        x = _page_input(p)
        art = sc.prepare(x["tf"], refined(p)["published"], x["entities"], x["numbers"], x["cues"], x["title_tf"])
        for cid, cos in sc.candidates_of(art):
            xs.append(sc.features(art, cid, cos))
            ys.append(int(cid_gold[cid] == p["gold"]))
        cid = gold_cid.get(p["gold"])
        if cid is not None and cid not in sc._stories:
            cid = None
        before = sc._next
        sc.assign(p["id"], art, cid, p.get("outlet"))
        if cid is None:
            gold_cid[p["gold"]] = before
            cid_gold[before] = p["gold"]
    return xs, ys


def load_snn_pairs(path: Path | None = None) -> list[dict]:
    """Labelled SaudiNewsNet pairs (``snn_pairs.jsonl``): dicts ``{a, b, same_story, note}``."""
    path = path or STORIES_DIR / "snn_pairs.jsonl"
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def snn_examples(pairs: list[dict], recs: dict[str, dict]) -> tuple[list[list[float]], list[int]]:
    """Training examples from labelled pairs: article ``b`` against a story made of article ``a`` (both
    with their crawl dates), over the shipped document frequencies."""
    xs, ys = [], []
    base = None
    for pr in pairs:
        if "_x" in pr:  # memo: a pair's features depend only on its two articles and the shipped prior
            xs.append(pr["_x"])
            ys.append(int(pr["same_story"]))
            continue
        if base is None:
            base = StoryClusterer(model=_NEUTRAL)
            df0, n0 = base._df.copy(), base._n
        sc = base
        sc._df[:] = df0
        sc._n = n0
        sc._stories.clear()
        sc._index.clear()
        sc._by_sid.clear()
        sc._next = 0
        sc._max_day = None
        arts = []
        for k in ("a", "b"):
            r = recs[pr[k]]
            x = article_inputs(r.get("title"), r.get("content") or "")
            arts.append(sc.prepare(x["tf"], (r.get("date_extracted") or "")[:10] or None, x["entities"],
                                   x["numbers"], x["cues"], x["title_tf"]))
        sc.assign(pr["a"], arts[0], None, recs[pr["a"]].get("source"))
        b = arts[1]
        cos = float(sc._cosines(b.keys, b.weights, [sc._stories[0]])[0]) if len(b.keys) and len(
            sc._stories[0].keys) else 0.0
        pr["_x"] = sc.features(b, 0, cos)
        xs.append(pr["_x"])
        ys.append(int(pr["same_story"]))
    return xs, ys


def fit(xs: Iterable[list[float]], ys: Iterable[int], l2: float = 1.0, iters: int = 50) -> tuple[list[float], float]:
    """L2-regularized logistic regression by Newton's method: ``(weights, bias)`` (the bias is not
    penalized). Deterministic."""
    x = np.asarray(list(xs), dtype=np.float64)
    y = np.asarray(list(ys), dtype=np.float64)
    if not len(x):
        return [0.0] * len(FEATURES), 0.0
    a = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(a.shape[1])
    reg = np.full(a.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(a @ w, -30, 30)))
        g = a.T @ (p - y) + reg * w
        h = (a * (p * (1 - p))[:, None]).T @ a + np.diag(reg) + 1e-9 * np.eye(a.shape[1])
        step = np.linalg.solve(h, g)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return [round(float(v), 6) for v in w[:-1]], round(float(w[-1]), 6)


def precision_threshold(xs: list[list[float]], ys: list[int], w: list[float], b: float, beta: float = 0.5) -> float:
    """The join probability (float, rounded to 0.01, within 0.3..0.9) that maximizes the F-beta of the fitted
    scorer's decisions on its own training examples; ``beta`` 0.5 weighs precision twice as much as recall,
    because a wrong merge hides an event inside another while a split only repeats it. Ties: the higher one."""
    if not xs:
        return 0.5
    z = np.asarray(xs, dtype=np.float64) @ np.asarray(w) + b
    p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
    y = np.asarray(ys, dtype=bool)
    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.30, 0.901, 0.01), 2):
        pred = p >= t
        tp = float(np.count_nonzero(pred & y))
        prec = tp / max(int(np.count_nonzero(pred)), 1)
        rec = tp / max(int(np.count_nonzero(y)), 1)
        f = (1 + beta**2) * prec * rec / (beta**2 * prec + rec) if prec + rec else 0.0
        if f >= best:
            best, best_t = f, float(t)
    return best_t


def bcubed(pred: dict[str, str], gold: dict[str, str], ids: list[str]) -> tuple[float, float]:
    """B-cubed ``(precision, recall)`` (Bagga & Baldwin 1998) of the items ``ids``; ``pred`` and ``gold`` map
    every item to its cluster (each item's clusters are taken over all items of ``pred``)."""
    by_p, by_g = defaultdict(set), defaultdict(set)
    for i in pred:
        by_p[pred[i]].add(i)
        by_g[gold[i]].add(i)
    p = r = 0.0
    for i in ids:
        cp, cg = by_p[pred[i]], by_g[gold[i]]
        both = len(cp & cg)
        p += both / len(cp)
        r += both / len(cg)
    return p / len(ids), r / len(ids)


def cluster_threshold(pages: list[dict], model: StoryModel, beta: float = 0.5) -> float:
    """The join probability (float, among 0.40, 0.45, ..., 0.90) whose clustering of ``pages`` (the model's own
    training pages, :func:`cluster_pages`) has the best B-cubed F-beta against their gold stories; ``beta``
    0.5 weighs precision twice as much as recall (see :func:`precision_threshold`). Ties: the higher one.

    This judges the threshold by what it is for, whole stories formed in stream order, rather than by single
    (article, story) decisions: a join that looks right as a pair can start a chain of wrong ones."""
    ids = [p["id"] for p in pages]
    gold = {p["id"]: p["gold"] for p in pages}
    best, best_t = -1.0, 0.5
    for t in np.round(np.arange(0.40, 0.901, 0.05), 2):
        prec, rec = bcubed(cluster_pages(pages, model, threshold=float(t)), gold, ids)
        f = (1 + beta**2) * prec * rec / (beta**2 * prec + rec) if prec + rec else 0.0
        if f >= best:
            best, best_t = f, float(t)
    return best_t


def train(pages: list[dict], pairs: list[dict], recs: dict[str, dict], threshold: float | None = None,
          source: str = "") -> StoryModel:
    """A :class:`StoryModel` fitted on the examples of ``pages`` and ``pairs``; ``threshold``: the join
    probability, by default :func:`cluster_threshold` on ``pages`` (:func:`precision_threshold` of the
    examples when there are no pages)."""
    xs, ys = page_examples(pages) if pages else ([], [])
    if pairs:
        px, py = snn_examples(pairs, recs)
        xs, ys = xs + px, ys + py
    w, b = fit(xs, ys)
    if threshold is None:
        threshold = cluster_threshold(pages, StoryModel(w, b)) if pages else precision_threshold(xs, ys, w, b)
    return StoryModel(w, b, threshold, source)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--df", action="store_true", help="also rebuild story_df.npz")
    ap.add_argument("--threshold", type=float, default=None,
                    help="join probability (default: the F0.5-best on the training examples)")
    ap.add_argument("--pages", type=Path, default=None, help="development pages (default: benchmarks/data/stories)")
    args = ap.parse_args(argv)
    if args.df:
        b, c, n = build_df(args.shared)
        np.savez_compressed(DATA / "story_df.npz", buckets=b, counts=c, n=np.int64(n))
        print(f"story_df.npz: {len(b)} buckets from {n} SaudiNewsNet articles")
    pages, pairs = load_pages(args.pages), load_snn_pairs()
    need = {p[k] for p in pairs for k in ("a", "b")}
    recs = {r["id"]: r for r in snn_records(args.shared) if r["id"] in need}
    events = len({p["gold"] for p in pages})
    src = (f"logistic regression (L2 1.0) on {len(pages)} development pages ({events} stories, "
           f"benchmarks/data/stories/pages.jsonl) and {len(pairs)} labelled SaudiNewsNet pairs "
           f"(benchmarks/data/stories/snn_pairs.jsonl); python -m akhbar.corpus.build_story_model"
           + ("" if args.threshold is None else f" --threshold {args.threshold:g}"))
    model = train(pages, pairs, recs, args.threshold, src)
    (DATA / "story_model.json").write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
    for name, w in zip(FEATURES, model.weights, strict=True):
        print(f"{name:>13} {w:+.3f}")
    print(f"{'bias':>13} {model.bias:+.3f}")


if __name__ == "__main__":
    main()
