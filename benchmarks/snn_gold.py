"""Clean-body exact match and furniture precision/recall on ../shared/gold/saudinewsnet_dev.jsonl.

For each of the 20 hand-marked SaudiNewsNet records, the record is read from its zip as
`akhbar refine` reads it, refined, and compared with the gold:

- clean body exact match: our main article's body paragraphs joined with spaces vs the gold
  `clean_body`; on both sides Unicode format characters (Cf) are dropped, whitespace runs are
  collapsed and akhbar's display normalization is applied (gold README: "a scorer that wants to
  ignore invisible characters should drop Cf characters on both sides");
- furniture precision / recall, on word tokens: the multiset of tokens of every segment we did
  not keep as body vs the tokens of the gold furniture spans.

Usage: python benchmarks/snn_gold.py [--verbose] [--learn]

--learn: first learn site furniture from all SaudiNewsNet records (akhbar.run.corpus.learn_furniture,
the first pass of `akhbar refine`), then refine the 20 records with it. --learn-only: learned
furniture alone, without the phrase-table rules for fused furniture (to see what repetition
catches on sites akhbar has no rule for).
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

from akhbar.arabic import normalize
from akhbar.pipeline import Settings, refine_record
from akhbar.sources.jsonfmt import record_from_obj

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def canon(s: str) -> str:
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return normalize(" ".join(s.split()), "display")


def tokens(s: str) -> Counter:
    return Counter(canon(s).split())


def main() -> int:
    verbose = "--verbose" in sys.argv
    gold_path = SHARED / "gold" / "saudinewsnet_dev.jsonl"
    if not gold_path.exists():
        print("../shared/gold/saudinewsnet_dev.jsonl not found")
        return 1
    golds = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    cache: dict[str, list] = {}
    rows = []
    tp = fp = fn = 0
    exact = 0
    t0 = time.perf_counter()
    st = Settings(quality=False, mentioned_dates=False)
    if "--learn" in sys.argv:
        from akhbar.run.corpus import learn_furniture
        from akhbar.sources import iter_inputs

        t1 = time.perf_counter()
        st.furniture_affixes = "--affixes" in sys.argv
        st.furniture = learn_furniture(iter_inputs(sorted((SHARED / "data" / "saudinewsnet").glob("*.zip"))))
        print(f"learned site furniture from all SaudiNewsNet records in {time.perf_counter() - t1:.1f} s")
    for g in golds:
        zpath = SHARED / g["file"]
        if g["file"] not in cache:
            with zipfile.ZipFile(zpath) as zf:
                cache[g["file"]] = json.loads(zf.read(g["member"]))
        obj = cache[g["file"]][g["index"]]
        rec = record_from_obj(obj, g["id"], g["id"])
        page = refine_record(rec, st)
        main = page.articles[0] if page.articles else None
        ours = canon(" ".join(main.body)) if main else ""
        gold = canon(g["clean_body"])
        ok = ours == gold
        exact += ok
        body_spans = set(main.body_spans) if main else set()
        our_f = Counter()
        for ln in page.lines:
            if ln.span not in body_spans:
                our_f += tokens(ln.text)
        gold_f = Counter()
        for f in g["furniture"]:
            gold_f += tokens(f["text"])
        inter = sum((our_f & gold_f).values())
        tp += inter
        fp += sum(our_f.values()) - inter
        fn += sum(gold_f.values()) - inter
        rows.append((g["id"], ok, sum(our_f.values()), sum(gold_f.values()), inter))
        if verbose and not ok:
            import difflib

            print(f"--- {g['id']}")
            for op in difflib.SequenceMatcher(None, ours, gold, autojunk=False).get_opcodes():
                if op[0] != "equal":
                    print(f"  {op[0]}: ours={ours[op[1]:op[2]][:150]!r} gold={gold[op[3]:op[4]][:150]!r}")
    dt = time.perf_counter() - t0
    print(f"{'record':40} {'exact':>5} {'ours':>5} {'gold':>5} {'both':>5}")
    for rid, ok, o, gcount, i in rows:
        print(f"{rid:40} {'yes' if ok else 'NO':>5} {o:>5} {gcount:>5} {i:>5}")
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    print()
    print("| metric | value | goal |")
    print("|---|---|---|")
    print(f"| clean-body exact match | {exact}/{len(golds)} = {exact / len(golds):.2f} | >= 0.95 |")
    print(f"| furniture precision (tokens) | {prec:.3f} | >= 0.95 |")
    print(f"| furniture recall (tokens) | {rec:.3f} | >= 0.95 |")
    print(f"| seconds for {len(golds)} records | {dt:.2f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
