"""Entity recognizer benchmark: exact-span P/R/F1 per type and overall, and speed.

Usage: ``python benchmarks/ner_eval.py [--runs 3] [--tagger neural|crf] [--crf-weight W]``

``--tagger`` picks the packaged tagger (default: the neural BiLSTM-CRF when
``model/neural.npz`` is shipped, with the CRF's log-marginals fused in at weight
``--crf-weight``, default ``recognize.CRF_WEIGHT``; 0 = neural alone; ``crf`` = the CRF alone;
same as ``AKHBAR_NER_TAGGER`` / ``AKHBAR_NER_CRF_WEIGHT``). BLAS threads
are pinned to one (``OMP_NUM_THREADS=1`` etc.) so the speed is a one-core figure.

Accuracy: the packaged model (akhbar/entities/model) tags the gold tokens of
- the ANERcorp test split (last 10 % of tokens by position, see akhbar.entities.data),
- the ANERcorp dev split (used for model selection; shown for reference),
- the Topcoder Arabic NER test set,
  (also scored through the full ``recognize()``, whose post-processing - clitic cuts,
  title moves, dictionary pass, type harmonization, curated type overrides - changes some
  spans; ANERcorp has no document breaks, so the split is one text and the dictionary pass
  can propagate a name across neighbouring articles, which per-article calls cannot; also with the
  pattern pass off, ``AKHBAR_NER_PATTERNS=0``: ANERcorp leaves most institutions untagged and tags
  the place alone in ``دولة الكويت``, the convention the pass departs from),
- the Wojood sample test + val (mapped PERS->PER, GPE/LOC/FAC->LOC, ORG->ORG; scored on
  PER/LOC/ORG only: Wojood has no MISC),
and entity-level scores are computed with seqeval (default mode, exact spans) when it is
installed (``pip install -e .[bench]``), else with akhbar.entities.evaluate.prf (same counting).

Speed: ``recognize()`` (tokenize + features + CRF + post-processing + canonical forms) called
once per article on the first ``--articles`` SaudiNewsNet articles (as the pipeline does), in
this process on one core: a cold first pass (per-word feature cache empty for these words)
and the median of ``--runs`` warm passes; tokens/s counts whitespace tokens; both wall-clock
and process CPU time are shown (on a loaded shared machine wall time measures the neighbours). Peak RSS from
``resource.getrusage``. Needs ../shared/data.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")  # one core: numpy's BLAS must not fan out (set before numpy loads)

from akhbar.entities.data import anercorp_split, read_topcoder, read_wojood
from akhbar.entities.evaluate import prf
from akhbar.entities.recognize import get_model, recognize


def scores(gold, pred, types=None):
    try:
        from seqeval.metrics import classification_report

        rep = classification_report(gold, pred, output_dict=True, zero_division=0)
        out = {}
        for k, v in rep.items():
            if k in ("macro avg", "weighted avg"):
                continue
            name = "ALL" if k == "micro avg" else k
            if types and name != "ALL" and name not in types:
                continue
            out[name] = (v["precision"], v["recall"], v["f1-score"], v["support"])
        if types:  # recompute the micro average over the kept types
            out["ALL"] = prf(gold, pred, types)["ALL"]
        return out, "seqeval"
    except ImportError:
        return prf(gold, pred, types), "akhbar.evaluate"


def saudinewsnet_sample(n: int) -> list[str]:
    """The first ``n`` article bodies (``content``) of the first SaudiNewsNet day file, in file order."""
    import json
    import zipfile

    from akhbar.entities.data import SHARED_DATA

    z = min((SHARED_DATA / "saudinewsnet").glob("*.zip"))
    with zipfile.ZipFile(z) as zf:
        arts = json.loads(zf.read(min(zf.namelist())).decode("utf-8"))
    return [x["content"] for x in arts if x.get("content")][:n]


def pipeline_tags(sents, tagger="fast"):
    """Tags from the full ``recognize()`` (post-processing included) on the sentences joined as one text.

    Tokens are joined by spaces, sentences by newlines; an entity covers every gold token its
    character span overlaps (a clitic cut off the first token still counts that token).
    """
    offs, parts, pos = [], [], 0
    for toks, _ in sents:
        row = []
        for t in toks:
            row.append((pos, pos + len(t)))
            parts.append(t)
            pos += len(t) + 1
        offs.append(row)
    text = " ".join(parts)  # newline-free: one space between all tokens keeps offsets simple
    starts = [o for row in offs for o in row]
    tags = ["O"] * len(starts)
    import bisect

    first = [a for a, _ in starts]
    for e in recognize(text, tagger):
        i = bisect.bisect_right(first, e.span[0]) - 1
        j = i
        while j + 1 < len(starts) and starts[j + 1][0] < e.span[1]:
            j += 1
        tags[i] = "B-" + e.type
        for k in range(i + 1, j + 1):
            tags[k] = "I-" + e.type
    out, k = [], 0
    for row in offs:
        out.append(tags[k : k + len(row)])
        k += len(row)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument(
        "--tagger", choices=["neural", "crf", "accurate"], default=None, help="accurate: recognize(tagger='accurate')"
    )
    ap.add_argument("--anercorp-only", action="store_true", help="skip Topcoder and Wojood")
    ap.add_argument(
        "--crf-weight", type=float, default=None, help="CRF marginals fused into the neural tagger"
    )
    a = ap.parse_args(argv)
    which = "accurate" if a.tagger == "accurate" else "fast"
    if a.tagger and which == "fast":
        os.environ["AKHBAR_NER_TAGGER"] = a.tagger
    if a.crf_weight is not None:
        os.environ["AKHBAR_NER_CRF_WEIGHT"] = str(a.crf_weight)
    m = get_model(which)
    sp = anercorp_split()
    sets = [
        ("ANERcorp test", sp["test"], None),
        ("ANERcorp dev*", sp["dev"], None),
        ("Topcoder test", read_topcoder("test"), None),
        ("Wojood test+val", read_wojood("test") + read_wojood("val"), {"PER", "LOC", "ORG"}),
    ]
    if a.anercorp_only:
        sets = sets[:2]
    print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
    print(f"tagger: {m.kind}" + (f" (CRF weight {m.crf_weight})" if m.kind == "neural+crf" else ""))
    print(
        "* dev is part of the shipped model's training data (used for model selection before): not a fair score"
    )
    print(f"{'set':18} {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for name, sents, types in sets:
        gold = [y for _, y in sents]
        pred = m.tag_sentences([t for t, _ in sents])
        if types:
            pred = [[p if p == "O" or p[2:] in types else "O" for p in ps] for ps in pred]
        res, how = scores(gold, pred, types)
        for t, (p, r, f, n) in res.items():
            print(f"{name:18} {t:5} {p:6.3f} {r:6.3f} {f:6.3f} {n:8d}")
        if name.startswith("ANERcorp"):
            pp = pipeline_tags(sents, which)
            (p, r, f, n) = scores(gold, pp, types)[0]["ALL"]
            print(
                f"{name:18} {'ALL':5} {p:6.3f} {r:6.3f} {f:6.3f} {n:8d}  <- full recognize() with post-processing"
            )
            old = os.environ.get("AKHBAR_NER_PATTERNS")
            os.environ["AKHBAR_NER_PATTERNS"] = "0"  # ANERcorp's convention: no head-noun names
            try:
                (p, r, f, n) = scores(gold, pipeline_tags(sents, which), types)[0]["ALL"]
            finally:
                if old is None:
                    os.environ.pop("AKHBAR_NER_PATTERNS")
                else:
                    os.environ["AKHBAR_NER_PATTERNS"] = old
            print(f"{name:18} {'ALL':5} {p:6.3f} {r:6.3f} {f:6.3f} {n:8d}  <- the same, pattern pass off "
                  "(AKHBAR_NER_PATTERNS=0)")
        print(f"{'':18} ({how}; {sum(len(t) for t, _ in sents)} tokens)")
    arts = saudinewsnet_sample(a.articles)
    ntok = sum(len(x.split()) for x in arts)
    nchar = sum(len(x) for x in arts)

    def one_pass():
        t0, c0 = time.perf_counter(), time.process_time()
        for x in arts:
            recognize(x, which)
        return time.perf_counter() - t0, time.process_time() - c0

    cold = one_pass()  # first sight of these words: the per-word feature cache is cold
    warm = [one_pass() for _ in range(a.runs)]
    wmed = statistics.median(w for w, _ in warm)
    cmed = statistics.median(c for _, c in warm)
    print(
        f"speed: recognize() once per article on {len(arts)} SaudiNewsNet articles ({ntok} tokens, {nchar} chars), "
        f"one core; load average {os.getloadavg()[0]:.1f} (CPU time is the fair figure on a shared machine)"
    )
    print(
        f"  cold first pass: wall {cold[0]:.2f} s, CPU {cold[1]:.2f} s -> {ntok / cold[1]:,.0f} tokens/s (CPU)"
    )
    print(
        f"  warm, median of {a.runs}: wall {wmed:.2f} s -> {ntok / wmed:,.0f} tokens/s; "
        f"CPU {cmed:.2f} s -> {ntok / cmed:,.0f} tokens/s, {nchar / cmed / 1e6:.2f} M chars/s"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
