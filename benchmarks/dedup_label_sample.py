"""Draw the SaudiNewsNet candidate pairs that were labelled by hand for benchmarks/data/dedup_pairs.jsonl.

Candidates: every pair found by MinHashLSH (threshold 0.25, 128 perms) over 3-word shingles of the
search-normalized content whose exact shingle Jaccard is >= 0.15. A fixed-seed sample is drawn per
Jaccard band (more pairs near the decision threshold), printed with the text to read, and written to
stdout as JSON lines {a, b, jaccard} to be labelled (label: 1 = near duplicate, 0 = not).

Usage: python benchmarks/dedup_label_sample.py > /tmp/to_label.txt   (about 80 s)
"""

from __future__ import annotations

import json
import random
import sys

from datasketch import MinHashLSH
from dedup_common import saudinewsnet

from akhbar.corpus.dedup import _minhash_of, _shingle_list, words

BANDS = [(0.15, 0.3, 15), (0.3, 0.4, 20), (0.4, 0.5, 25), (0.5, 0.6, 25), (0.6, 0.7, 20), (0.7, 0.8, 15),
         (0.8, 1.01, 15)]


def candidate_pairs(recs: list[dict]) -> list[tuple[int, int, float]]:
    sh = [_shingle_list(words(r["content"]), 3) for r in recs]
    lsh = MinHashLSH(threshold=0.25, num_perm=128)
    out = []
    for i, s in enumerate(sh):
        if len(s) < 5:
            continue
        m = _minhash_of(s, 128, 1)
        for j in sorted(lsh.query(m)):
            jac = len(s & sh[j]) / len(s | sh[j])
            if jac >= 0.15:
                out.append((j, i, jac))
        lsh.insert(i, m)
    return out


def main() -> None:
    recs = list(saudinewsnet())
    pairs = candidate_pairs(recs)
    rng = random.Random(6)
    chosen = []
    for lo, hi, k in BANDS:
        band = sorted(p for p in pairs if lo <= p[2] < hi)
        chosen += rng.sample(band, min(k, len(band)))
    for j, i, jac in chosen:
        a, b = recs[j], recs[i]
        print(json.dumps({"a": a["id"], "b": b["id"], "jaccard": round(jac, 3)}, ensure_ascii=False))
        wa, wb = set(words(a["content"])), set(words(b["content"]))
        print("  A:", a["title"][:90], "|", a["content"][:300].replace("\n", " / "), file=sys.stderr)
        print("  B:", b["title"][:90], "|", b["content"][:300].replace("\n", " / "), file=sys.stderr)
        print("  A-only:", " ".join(sorted(wa - wb))[:250], file=sys.stderr)
        print("  B-only:", " ".join(sorted(wb - wa))[:250], file=sys.stderr)
        print(f"  len words A={len(words(a['content']))} B={len(words(b['content']))}", file=sys.stderr)


if __name__ == "__main__":
    main()
