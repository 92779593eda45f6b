"""Story clustering evaluation: development set (leave-event-out), SaudiNewsNet pairs, time per article.

* **Development set** (``benchmarks/data/stories/pages.jsonl``, events of >= 5 outlets with hard negatives):
  B-cubed precision / recall / F1 (Bagga & Baldwin 1998) over all pages, with leave-event-out
  cross-validation: for each event, the pair scorer is trained (``akhbar.corpus.build_story_model.train``)
  on the other events' pages and on the SaudiNewsNet pairs, the whole set is clustered with it, and the
  pages of that event (its reports and its hard negatives) are scored. Each page is first refined by
  akhbar's text route (``akhbar.corpus.build_story_model.refined``: ``refine_text`` with its URL), and the
  clusterer gets akhbar's title, body and published date, as in a real run, never the annotated title and
  date (34 of the 191 pages get a date that way at 4cb0954; round one used the 33 annotated dates and titles). Each fold's
  join probability is the one its training examples choose (``build_story_model.precision_threshold``,
  precision first); the second row clusters with 0.5 instead, to show the trade-off, and the third with the
  shipped model's join probability (``story_model.json``'s ``threshold``, chosen when it was built). "negatives merged" counts hard
  negatives put in a story with a report of the event they are a negative of. Unrelated pages form their
  own fold.
* **SaudiNewsNet pairs** (``benchmarks/data/stories/snn_pairs.jsonl``, labelled by reading): all 31,030
  articles are clustered in file order (date = crawl day, outlet = source); pair precision = labelled
  same-story pairs among the pairs put in one story, recall = pairs put in one story among the labelled
  same-story pairs. ``after`` uses the shipped model (trained on these pairs too); ``after, 5-fold`` trains
  on the development set and 4/5 of the pairs and scores the remaining fifth (``--snn-cv``).
* **Time**: CPU seconds (``time.process_time``) of the clusterer alone per article over all of
  SaudiNewsNet, with the worker-side inputs (term counts, event keys) computed beforehand, as in a run.

``before`` is the clustering at commit 49240a0 (TF-IDF cosine + entity bonus), read with ``git show``.

Usage: python benchmarks/stories_eval.py [--snn-cv] [--no-before]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dedup_common import SHARED, machine

from akhbar.corpus import build_story_model as bsm
from akhbar.corpus.storymodel import load_model

REPO = Path(__file__).resolve().parents[1]
BEFORE_COMMIT = "49240a0"


bcubed = bsm.bcubed


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _before_module():
    try:
        src = subprocess.run(["git", "-C", str(REPO), "show", f"{BEFORE_COMMIT}:src/akhbar/corpus/stories.py"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "stories_before.py"
    path.write_text(src, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("stories_before", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["stories_before"] = mod
    spec.loader.exec_module(mod)
    return mod


def dev_eval(pages: list[dict], pairs: list[dict], recs: dict, before) -> dict[str, tuple]:
    gold = {p["id"]: p["gold"] for p in pages}
    ids = [p["id"] for p in pages]
    out = {}
    if before is not None:
        sc = before.StoryClusterer()
        pred = {p["id"]: sc.add(p["id"], p.get("title"), p.get("text") or "", p.get("date"), (), p.get("outlet"))
                for p in bsm.page_order(pages)}
        out["before"] = (*bcubed(pred, gold, ids), merged_negatives(pages, pred))
    folds = sorted({p["fold"] for p in pages})
    models = {fold: bsm.train([p for p in pages if p["fold"] != fold], pairs, recs) for fold in folds}
    shipped = load_model().threshold
    for name, th in (("after (leave-event-out)", None), ("after (leave-event-out), join probability 0.5", 0.5),
                     (f"after (leave-event-out), the shipped model's join probability {shipped:.2f}", shipped)):
        pred: dict[str, str] = {}
        for fold in folds:
            got = bsm.cluster_pages(pages, models[fold], threshold=th)
            for p in pages:
                if p["fold"] == fold:
                    pred[p["id"]] = f"{fold}|{got[p['id']]}"
        # a page's story in its own fold; B-cubed needs one clustering: fold-tagged story ids never collide
        out[name] = (*bcubed(pred, gold, ids), merged_negatives(pages, pred))
    return out


def merged_negatives(pages: list[dict], pred: dict[str, str]) -> str:
    mains = collections.defaultdict(set)
    for p in pages:
        if p.get("role") == "main":
            mains[p["event"]].add(pred[p["id"]])
    negs = [p for p in pages if p.get("role") == "negative"]
    bad = sum(1 for p in negs if pred[p["id"]] in mains.get(p.get("negative_of"), ()))
    return f"{bad}/{len(negs)}"


def snn_inputs(recs: list[dict]) -> list[dict]:
    return [bsm.article_inputs(r.get("title"), r.get("content") or "") for r in recs]


def snn_cluster(recs: list[dict], inputs: list[dict], model) -> tuple[dict[str, str], float]:
    from akhbar.corpus.stories import StoryClusterer

    sc = StoryClusterer(model=model)
    sid = {}
    t = time.process_time()
    for r, x in zip(recs, inputs, strict=True):
        sid[r["id"]] = sc.add(r["id"], None, "", r["date_extracted"][:10], x["entities"], r["source"],
                              tf=x["tf"], numbers=x["numbers"], cues=x["cues"], title_tf=x["title_tf"])
    return sid, (time.process_time() - t) / len(recs)


def pair_pr(pairs: list[dict], sid: dict[str, str]) -> tuple[float, float, int, int]:
    tp = sum(1 for p in pairs if p["same_story"] and sid[p["a"]] == sid[p["b"]])
    fp = sum(1 for p in pairs if not p["same_story"] and sid[p["a"]] == sid[p["b"]])
    pos = sum(1 for p in pairs if p["same_story"])
    return (tp / (tp + fp) if tp + fp else 1.0), tp / pos if pos else 0.0, tp, fp


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snn-cv", action="store_true", help="also 5-fold cross-validation on the SNN pairs")
    ap.add_argument("--no-before", action="store_true")
    ap.add_argument("--pages", type=Path, default=None, help="development pages (default: benchmarks/data/stories)")
    ap.add_argument("--snn-only", action="store_true")
    ap.add_argument("--dev-only", action="store_true")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    before = None if args.no_before else _before_module()
    pages, pairs = bsm.load_pages(args.pages), bsm.load_snn_pairs()
    recs_all = list(bsm.snn_records(SHARED))
    recs = {r["id"]: r for r in recs_all}
    print(f"development set: {len(pages)} pages, {len({p['gold'] for p in pages})} stories, "
          f"{sum(p.get('role') == 'negative' for p in pages)} hard negatives; SNN pairs: {len(pairs)} "
          f"({sum(p['same_story'] for p in pairs)} same story)")
    print()
    print("| development set | B3 precision | B3 recall | B3 F1 | negatives merged |")
    print("|---|---|---|---|---|")
    if pages and not args.snn_only:
        for name, (p, r, neg) in dev_eval(pages, pairs, recs, before).items():
            print(f"| {name} | {p:.3f} | {r:.3f} | {f1(p, r):.3f} | {neg} |")
    if args.dev_only:
        return
    inputs = snn_inputs(recs_all)
    print()
    print("| SaudiNewsNet | pair precision | pair recall | labelled pairs merged (right/wrong) | stories | CPU ms/article |")
    print("|---|---|---|---|---|---|")
    if before is not None:
        sc = before.StoryClusterer()
        t = time.process_time()
        sid = {r["id"]: sc.add(r["id"], None, "", r["date_extracted"][:10], (), r["source"],
                               tf=x["tf"]) for r, x in zip(recs_all, inputs, strict=True)}
        ms = 1000 * (time.process_time() - t) / len(recs_all)
        p, r, tp, fp = pair_pr(pairs, sid)
        print(f"| before | {p:.3f} | {r:.3f} | {tp}/{fp} | {len(set(sid.values()))} | {ms:.3f} |")
    sid, secs = snn_cluster(recs_all, inputs, load_model())
    p, r, tp, fp = pair_pr(pairs, sid)
    print(f"| after (shipped model) | {p:.3f} | {r:.3f} | {tp}/{fp} | {len(set(sid.values()))} | {1000 * secs:.3f} |")
    if args.snn_cv:
        tp = fp = pos = 0
        for k in range(5):
            test = [q for i, q in enumerate(pairs) if i % 5 == k]
            model = bsm.train(pages, [q for i, q in enumerate(pairs) if i % 5 != k], recs)
            sid, _ = snn_cluster(recs_all, inputs, model)
            _, _, t_, f_ = pair_pr(test, sid)
            tp, fp, pos = tp + t_, fp + f_, pos + sum(q["same_story"] for q in test)
        print(f"| after, 5-fold over the pairs | {tp / max(tp + fp, 1):.3f} | {tp / max(pos, 1):.3f} | "
              f"{tp}/{fp} | | |")


if __name__ == "__main__":
    sys.exit(main())
