"""The work directory of a run, ``OUTDIR/.akhbar-work``, and what a resume checks.

It holds:
- ``plan.json``: the run's fingerprint (akhbar version, a hash of akhbar's code, the inputs with
  their size and modification time, the options that change the outputs) and its work units;
- ``parts/u-NNNNNN.pkl``: each finished unit of stage 1, saved atomically (temporary name, then
  rename; ``akhbar.run.worker.save_part``);
- ``furniture.pkl``: the first pass's frozen site-furniture table (``RepeatedLines``).

It is removed when a run completes.

**Resume** (``resume=True``): after a crash or ``kill -9`` at any moment, the next run with the
same inputs and options reuses every saved unit, computes only the missing ones and replays
stage 2 over all of them (it is cheap: no page is refined again), so nothing is lost and
nothing is written twice. Inputs changed since the first attempt (size or modification time)
or different options make ``resume`` raise ``ValueError`` (``resume_or_plan``).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path
from typing import Any

from akhbar import __version__
from akhbar.run.options import RunOptions, settings_dict
from akhbar.run.units import WorkUnit, plan_units
from akhbar.run.worker import UnitResult, load_part, save_part
from akhbar.run.writers import atomic_bytes, clean_outputs

#: Work directory inside OUTDIR (removed when a run completes).
WORK_DIR = ".akhbar-work"


def code_hash() -> str:
    """BLAKE2b of akhbar's own source and data files (a resumed run must use the same code)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=16)
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".json", ".toml", ".txt", ".tsv") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(root)).encode("utf-8") + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(files: list, opts: RunOptions) -> dict[str, Any]:
    """What a resumed run must share with the interrupted one: code, inputs (size, mtime) and options."""
    ins = []
    for p in files:
        if p == "-":
            ins.append(["-", None, None])
            continue
        try:
            s = Path(p).stat()
            ins.append([str(p), s.st_size, s.st_mtime_ns])
        except OSError:
            ins.append([str(p), None, None])
    st = settings_dict(opts.settings)
    return {
        "akhbar_version": __version__,
        "code": code_hash(),
        "inputs": ins,
        "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in st.items()},
        "dedup": opts.dedup, "stories": opts.stories, "drop_duplicates": opts.drop_duplicates,
        "write_lines": opts.write_lines, "limit": opts.limit, "shard_size": opts.shard_size,
        "unit_records": opts.unit_records, "unit_bytes": opts.unit_bytes,
        "learn_furniture": opts.learn_furniture,
    }


class WorkDir:
    """``OUTDIR/.akhbar-work``: ``plan.json`` (fingerprint + units), ``parts/u-NNNNNN.pkl``, ``furniture.pkl``."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.dir = out / WORK_DIR
        self.parts = self.dir / "parts"

    def part(self, i: int) -> Path:
        return self.parts / f"u-{i:06d}.pkl"

    def load_plan(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.dir / "plan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def start(self, fp: dict[str, Any], units: list[WorkUnit]) -> None:
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.parts.mkdir(parents=True)
        plan = {"fingerprint": fp, "units": [u.as_json() for u in units]}
        atomic_bytes(self.dir / "plan.json", json.dumps(plan, ensure_ascii=False).encode("utf-8"))

    def done(self) -> set[int]:
        out = set()
        if self.parts.is_dir():
            for p in self.parts.iterdir():
                if p.name.startswith("u-") and p.name.endswith(".pkl"):
                    out.add(int(p.name[2:-4]))
        return out

    def save(self, r: UnitResult) -> None:
        save_part(r, self.parts)

    def load(self, i: int) -> UnitResult:
        return load_part(self.parts, i)

    def save_furniture(self, learner: Any) -> None:
        """Keep the first pass's frozen ``RepeatedLines`` for a resume (temporary name, then rename)."""
        atomic_bytes(self.dir / "furniture.pkl", pickle.dumps(learner, protocol=5))

    def load_furniture(self) -> Any:
        """The saved first-pass result, or None."""
        try:
            return pickle.loads((self.dir / "furniture.pkl").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            return None

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def resume_or_plan(work: WorkDir, plan: dict[str, Any] | None, fp: dict[str, Any], inputs: list,
                   opts: RunOptions) -> tuple[list[WorkUnit], set[int]]:
    """The run's work units and the indexes of those already done.

    ``plan``: the saved plan of an interrupted run (None: no resume). With the same fingerprint
    ``fp`` its units are reused with the saved parts; with another one this raises ``ValueError``.
    Without a plan the outputs of an earlier run are removed, the inputs are cut into units
    (``plan_units``) and the work directory starts afresh.
    """
    if plan is not None and plan.get("fingerprint") == fp:
        return [WorkUnit.from_json(d) for d in plan["units"]], work.done()
    if plan is not None:
        old = plan.get("fingerprint") or {}
        what = sorted(k for k in set(old) | set(fp) if old.get(k) != fp.get(k))
        raise ValueError(f"{work.out} holds an interrupted run with other {', '.join(what)} "
                         "(inputs, options or akhbar's code changed); start over without resume "
                         "(akhbar refine --overwrite)")
    clean_outputs(work.out)
    units = plan_units(inputs, unit_records=opts.unit_records, unit_bytes=opts.unit_bytes, limit=opts.limit)
    work.start(fp, units)
    return units, set()
