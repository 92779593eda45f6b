"""Embedded store (SQLite + FTS5, standard library) with Arabic-aware search.

Public API (the CLI and the web page call only these):

* :func:`build_index` ``(outdir, store_path=None) -> dict``: index a refine output
  directory (``articles.parquet``, ``lines.parquet``, ``rejected.jsonl``,
  ``manifest.json``) into ``OUTDIR/akhbar.sqlite`` or ``store_path``; incremental,
  article ``id`` is the key.
* :func:`open_store` ``(path_or_outdir) -> Store``: read-only access with
  ``search``, ``article``, ``lines``, ``story``, ``entity``, ``stats``.

Search matching rules are in :mod:`akhbar.store.text`.
"""

from akhbar.store.build import STORE_NAME, build_index, default_store_path, index_rows
from akhbar.store.store import Store, StoreError, open_store, resolve_store_path
from akhbar.store.text import mark

__all__ = [
    "STORE_NAME",
    "Store",
    "StoreError",
    "build_index",
    "default_store_path",
    "index_rows",
    "mark",
    "open_store",
    "resolve_store_path",
]
