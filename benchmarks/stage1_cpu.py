"""CPU seconds of the first pass and of stage 1 of a default run, in one process, on the first units
of SaudiNewsNet: ``furniture_unit`` on each unit, the furniture counted and frozen, then ``run_unit``
with the corpus keys (dedup signature and story keys) on each unit; ``corpus_keys`` is timed on its
own (CPU time summed over its calls). No Parquet writing, no stage 2, no store: the part of a run
that the workers do, without the run's other phases adding their noise.

Usage: PYTHONPATH=src python benchmarks/stage1_cpu.py [UNITS]   (default 12 units, about 3,000 records)
Prints one JSON line: records, first_pass_cpu, stage1_cpu, corpus_keys_cpu, calls (main articles).
Run it alternately from two checkouts to compare them.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path

SNN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "saudinewsnet"


def main() -> int:
    from akhbar.corpus.repeated import RepeatedLines
    from akhbar.pipeline import Settings
    from akhbar.run import corpus
    from akhbar.run.units import plan_units
    from akhbar.run.worker import UnitConfig, furniture_unit, run_unit

    if not SNN.is_dir():
        print("../shared/data/saudinewsnet not found")
        return 1
    units = plan_units([str(p) for p in sorted(SNN.glob("*.zip"))])[: int(sys.argv[1]) if len(sys.argv) > 1 else 12]
    acc = [0.0, 0]
    plain = corpus.corpus_keys

    def timed(a, p):
        c = time.process_time()
        r = plain(a, p)
        acc[0] += time.process_time() - c
        acc[1] += 1
        return r

    corpus.corpus_keys = timed  # run_unit imports it from the module when it runs
    learner = RepeatedLines(max_entries=200_000)
    c0 = time.process_time()
    first = [furniture_unit(u, learner) for u in units]
    t_first = time.process_time() - c0
    for r in first:
        for e in r.pages:
            if e is not None:
                learner.observe_keys(*e)
    learner.freeze()
    cfg = UnitConfig(settings=dataclasses.replace(Settings(), furniture=learner), corpus_params=corpus.CorpusPasses().params())
    c0 = time.process_time()
    res = [run_unit(u, cfg) for u in units]
    t1 = time.process_time() - c0
    print(json.dumps({"records": sum(r.n_records for r in res), "first_pass_cpu": round(t_first, 3),
                      "stage1_cpu": round(t1, 3), "corpus_keys_cpu": round(acc[0], 3), "calls": acc[1]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
