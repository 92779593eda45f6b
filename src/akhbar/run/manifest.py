"""``OUTDIR/manifest.json``: what a run read, how, what it wrote and how fast.

Keys: ``akhbar_version``; ``settings`` (executor, workers, corpus passes, shards, resume and the
per-page ``Settings``); ``inputs`` (path, bytes, sha256); ``counts`` by outcome (records =
records with articles + rejected; articles by role, rejections by reason, duplicates);
``seconds`` (``total`` and ``by_stage``: ``RunResult.stage_seconds``); ``pages_per_second``;
``progress`` (``RunResult.progress``: work units, shards, pages/s, per-worker pages and peak
memory; see ``akhbar.run.progress``); ``outputs`` (every file written, the dataset card ``README.md``
included: ``akhbar.run.card``); with shards, ``shards``
(records, articles, rejected and files of each).

Everything comes from the ``RunResult`` of the run (``manifest(files, opts, res)``), so a new
figure goes into the result first, then here.
"""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path
from typing import Any

from akhbar import __version__
from akhbar.run.options import RunOptions, RunResult, settings_dict
from akhbar.run.writers import atomic_bytes


def sha256_file(path: Path) -> str:
    """sha256 of the file's bytes (read in 1 MiB chunks)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def input_entries(files: list) -> list[dict[str, Any]]:
    """``manifest.json["inputs"]``: path, bytes and sha256 of each input file (None for standard input,
    and with an ``error`` for a file that cannot be read or is not a regular file)."""
    inputs = []
    for p in files:
        if p == "-":
            inputs.append({"path": "-", "bytes": None, "sha256": None})
            continue
        try:
            st = p.stat()
            if not stat.S_ISREG(st.st_mode):  # a named pipe would block the read forever
                inputs.append({"path": str(p), "bytes": None, "sha256": None, "error": "not a regular file"})
                continue
            inputs.append({"path": str(p), "bytes": st.st_size, "sha256": sha256_file(p)})
        except OSError as e:
            inputs.append({"path": str(p), "bytes": None, "sha256": None, "error": str(e)})
    return inputs


def manifest(files: list, opts: RunOptions, res: RunResult, card: bool = False,
             skipped: dict[str, int] | None = None) -> dict[str, Any]:
    """The manifest of a run over ``files`` with ``opts`` that gave ``res``; ``card``: the run writes
    the dataset card ``README.md`` (listed in ``outputs``); ``skipped``: files and folders a
    directory walk left out, by reason (``akhbar.sources.skip_reason``), reported as
    ``counts.skipped_files`` (total) and ``counts.skipped_files_by_reason``; they hold no records,
    so ``records`` is still ``records_with_articles + rejected``."""
    st = settings_dict(opts.settings)
    m = {
        "akhbar_version": __version__,
        "settings": {
            "executor": opts.executor,
            "workers": opts.workers,
            "dedup": opts.dedup,
            "stories": opts.stories,
            "drop_duplicates": opts.drop_duplicates,
            "shard_size": opts.shard_size,
            "resume": opts.resume,
            "learn_furniture": opts.learn_furniture,
            **{k: list(v) if isinstance(v, tuple) else v for k, v in st.items()},
        },
        "inputs": input_entries(files),
        "counts": {
            "records": res.records,
            "records_with_articles": res.pages_with_articles,
            "rejected": res.rejected,
            "articles": res.articles,
            "articles_by_role": res.roles,
            "rejected_by_reason": res.reasons,
            "exact_duplicates": res.duplicates,
            "near_duplicates": res.near_duplicates,
            "skipped_files": sum((skipped or {}).values()),
            "skipped_files_by_reason": dict(skipped or {}),
        },
        "stages": res.stages,
        "seconds": {"total": round(res.seconds, 3), "by_stage": res.stage_seconds},
        "pages_per_second": round(res.records / res.seconds, 1) if res.seconds else None,
        "progress": res.progress,
        "outputs": res.outputs + ["manifest.json"] + (["README.md"] if card else []),
    }
    if opts.shard_size:
        m["shards"] = res.shards
    return m


def write_manifest(out: Path, files: list, opts: RunOptions, res: RunResult,
                   skipped: dict[str, int] | None = None) -> dict[str, Any]:
    """Write ``out/manifest.json`` (via ``manifest.json.tmp`` and a rename), then the dataset card
    ``out/README.md`` from it (``akhbar.run.card``: skipped when a README.md akhbar did not write is
    there); returns the manifest dict."""
    from akhbar.run.card import card_path, write_card

    m = manifest(files, opts, res, card=card_path(out) is not None, skipped=skipped)
    atomic_bytes(out / "manifest.json", (json.dumps(m, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    if "README.md" in m["outputs"]:
        write_card(out, m)
    return m
