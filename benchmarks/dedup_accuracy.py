"""Near-duplicate precision/recall of akhbar.corpus.dedup on hand-labelled SaudiNewsNet pairs, and ANT exact groups.

Pairs: benchmarks/data/dedup_pairs.jsonl (135 candidate pairs drawn by dedup_label_sample.py, labelled by
reading both texts). Classes:
  dup      the same article text: same sentences in the same order; differences are word-level edits
           (synonyms, اليوم/أمس, word order inside a phrase), furniture, bylines, or trimming of at most
           ~20% of the longer text                                         -> label 1
  no       different articles (same template with other facts, other event, same event other text) -> 0
  partial  one text copies most of the other but is >~20% longer (extended/truncated copy)   -> None
  rewrite  same source text with sentences restructured/paraphrased                            -> None
Main metric: dup vs no (partial/rewrite are ambiguous and excluded); the table also shows them counted
both ways. A pair is predicted duplicate when the Deduplicator, run over all 31,030 SaudiNewsNet
articles in file order, gives both articles the same original (the first one or its root).

ANT: every group of files with identical whitespace-collapsed <TEXT> (1,469 groups in the multisource
corpus, 167 in Jawhara FM) must end with all members pointing at the same original.

Usage: python benchmarks/dedup_accuracy.py [--thresholds 0.4,0.45,0.5,0.55,0.6]
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from dedup_common import ANT_JAWHARA, ANT_MULTI, ant, machine, saudinewsnet

from akhbar.corpus.dedup import Deduplicator, signature

PAIRS = Path(__file__).resolve().parent / "data" / "dedup_pairs.jsonl"


def roots_for(items: list[tuple[str, str]], threshold: float, sigs=None, **kw) -> dict[str, str]:
    d = Deduplicator(threshold=threshold, **kw)
    out = {}
    for k, (i, text) in enumerate(items):
        r = d.check(i, sig=sigs[k]) if sigs is not None else d.check(i, text)
        out[i] = r.dup_of or i
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--thresholds", default="0.4,0.45,0.5,0.55,0.6")
    ap.add_argument("--skip-ant", action="store_true")
    ap.add_argument("--chain-min", type=float, default=None)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    pairs = [json.loads(x) for x in PAIRS.read_text().splitlines() if x.strip()]
    print(f"labelled pairs: {len(pairs)} {dict(collections.Counter(p['class'] for p in pairs))}")
    items = [(r["id"], r["content"]) for r in saudinewsnet()]
    t = time.perf_counter()
    sigs = [signature(x) for _, x in items]
    print(f"SaudiNewsNet: {len(items)} articles, signatures in {time.perf_counter() - t:.1f} s")
    print()
    print("| threshold | P (dup vs no) | R (dup vs no) | partial linked | rewrite linked | P/R if ambiguous=dup"
          " | P/R if ambiguous=no | near+exact dups in SNN |")
    print("|---|---|---|---|---|---|---|---|")
    for th in [float(x) for x in args.thresholds.split(",")]:
        root = roots_for(items, th, sigs, **({} if args.chain_min is None else {"chain_min": args.chain_min}))
        ndup = sum(1 for i, r in root.items() if r != i)
        pred = {(p["a"], p["b"]): root[p["a"]] == root[p["b"]] for p in pairs}
        c = collections.Counter((p["class"], pred[(p["a"], p["b"])]) for p in pairs)

        def pr(pos: set[str], neg: set[str], c: collections.Counter = c) -> tuple[float, float]:
            tp = sum(c[(k, True)] for k in pos)
            fn = sum(c[(k, False)] for k in pos)
            fp = sum(c[(k, True)] for k in neg)
            return prf(tp, fp, fn)

        p0, r0 = pr({"dup"}, {"no"})
        p1, r1 = pr({"dup", "partial", "rewrite"}, {"no"})
        p2, r2 = pr({"dup"}, {"no", "partial", "rewrite"})
        npart = sum(1 for p in pairs if p["class"] == "partial")
        nrew = sum(1 for p in pairs if p["class"] == "rewrite")
        print(f"| {th:.2f} | {p0:.3f} | {r0:.3f} | {c[('partial', True)]}/{npart} | {c[('rewrite', True)]}/{nrew}"
              f" | {p1:.3f}/{r1:.3f} | {p2:.3f}/{r2:.3f} | {ndup} |")
        missed = [p for p in pairs if p["class"] == "dup" and not pred[(p["a"], p["b"])]]
        wrong = [p for p in pairs if p["class"] == "no" and pred[(p["a"], p["b"])]]
        for p in missed:
            print(f"    missed dup: {p['a']} {p['b']} J={p['jaccard_w3']}")
        for p in wrong:
            print(f"    false dup:  {p['a']} {p['b']} J={p['jaccard_w3']}")
    if args.skip_ant:
        return
    print()
    print("| ANT corpus | articles | identical-text groups | groups found (all members share one original) |"
          " extra articles marked dup |")
    print("|---|---|---|---|---|")
    for name, path in (("multisource v2.1", ANT_MULTI), ("Jawhara FM v1.1", ANT_JAWHARA)):
        docs = list(ant(path))
        groups = collections.defaultdict(list)
        for dct in docs:
            groups[" ".join(dct["text"].split())].append(dct["id"])
        raw_groups = groups
        groups = [g for g in groups.values() if len(g) > 1]
        root = roots_for([(dct["id"], dct["text"]) for dct in docs], Deduplicator().threshold)
        found = sum(1 for g in groups if len({root[i] for i in g}) == 1)
        for text, g in raw_groups.items():
            if len(g) > 1 and len({root[i] for i in g}) > 1:
                print(f"    not found: text {text[:60]!r} ({len(g)} files; empty texts are never duplicates)")
        in_groups = {i for g in groups for i in g}
        extra = sum(1 for i, r in root.items() if r != i and i not in in_groups)
        print(f"| {name} | {len(docs)} | {len(groups)} | {found} | {extra} |")


if __name__ == "__main__":
    main()
