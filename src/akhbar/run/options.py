"""Options and result of one refine run (``akhbar.run.local.refine_paths``).

``RunOptions`` chooses the executor, workers, shards, resume, work-unit size and the corpus passes;
``RunResult`` says what a run did (counts, output files, timings, ``progress``: see
``manifest.json``). ``settings_dict`` gives the per-page ``Settings`` as JSON-able values, as the
work directory's fingerprint and the manifest record them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from akhbar.pipeline import Settings
from akhbar.run.units import UNIT_BYTES, UNIT_RECORDS


@dataclass
class RunOptions:
    """Options of one refine run.

    ``executor``: "local" | "processes" | "ray"; ``workers``: pool size (processes) or CPUs of
    the local Ray instance / tasks in flight on a cluster (ray); ``ray_address``: cluster to
    join (None: ``RAY_ADDRESS`` or a new local instance); ``shard_size``: input records per
    output shard (None: single files); ``resume``: reuse the saved units of an interrupted
    run in the same OUTDIR; ``unit_records``/``unit_bytes``: work-unit size (records, bytes);
    ``status``: default for ``refine_paths(status=...)``; ``learn_furniture``: a first pass
    over the input learns lines repeated across each site's pages (share bars, sign-offs) and
    the per-page stages label them boilerplate (``akhbar.run.corpus.learn_furniture``);
    ``overwrite``: when OUTDIR already holds a run's outputs (data files, manifest, search store,
    an interrupted run's work directory), remove them all and start afresh (True, the API's
    default: a program re-running into the same directory gets the new run's outputs and a store
    that agrees with them), or raise ``OutdirInUse`` (False, the CLI's default without
    ``--overwrite``); a ``resume`` run is never refused.
    """

    executor: str = "local"
    workers: int = 1
    write_lines: bool = True
    dedup: bool = True
    stories: bool = True
    drop_duplicates: bool = False
    index: bool = False
    settings: Settings = field(default_factory=Settings)
    limit: int | None = None
    shard_size: int | None = None
    resume: bool = False
    ray_address: str | None = None
    unit_records: int = UNIT_RECORDS
    unit_bytes: int = UNIT_BYTES
    #: learn site furniture (lines repeated across a site's pages) in a first pass over the input
    learn_furniture: bool = True
    #: replace the outputs of an earlier run in OUTDIR (False: raise ``OutdirInUse``)
    overwrite: bool = True
    status: Callable[[dict[str, Any]], None] | None = field(default=None, repr=False, compare=False)


class OutdirInUse(FileExistsError):
    """OUTDIR already holds a run's outputs and ``overwrite`` is False: ``outdir``, ``found`` (the
    names of those outputs) and ``interrupted`` (an interrupted run's work directory is among them)."""

    def __init__(self, outdir: Path, found: list[str]) -> None:
        self.outdir = outdir
        self.found = found
        self.interrupted = ".akhbar-work" in found
        what = "an interrupted run" if self.interrupted else "a refine output"
        super().__init__(f"{outdir} already holds {what} ({', '.join(found[:4])}{' ...' if len(found) > 4 else ''}): "
                         "pass overwrite=True to replace it or resume=True to finish it")


@dataclass
class RunResult:
    """What a run did: counts, where the files are, how fast (``progress``: see ``manifest.json``)."""

    outdir: Path
    records: int = 0
    pages_with_articles: int = 0
    rejected: int = 0
    articles: int = 0
    #: wall seconds of the refine (reading, pages, corpus passes, writing), without the store
    seconds: float = 0.0
    #: wall seconds spent building the SQLite search store after the refine (0.0 when not built)
    store_seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    near_duplicates: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    #: per page stage, in pipeline order: ``{"name", "pages", "rejected", "cpu_seconds"}``
    stages: list[dict[str, Any]] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    shards: list[dict[str, Any]] = field(default_factory=list)
    progress: dict[str, Any] = field(default_factory=dict)


def settings_dict(st: Settings) -> dict[str, Any]:
    """Settings as JSON-able values (the learned furniture table left out; the line model named
    by the sha256 of its bytes, or None)."""
    out = {f.name: getattr(st, f.name) for f in fields(st) if f.name not in ("furniture", "line_model")}
    out["line_model"] = getattr(st.line_model, "digest", None)
    return out
