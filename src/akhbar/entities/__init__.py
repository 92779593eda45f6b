"""Named entities in Arabic news (PER, LOC, ORG, MISC) with spelling variants merged.

Public API (fixed; the pipeline relies on it):

- ``recognize(text: str) -> list[akhbar.model.Entity]``: entities with ``text``, ``type``,
  ``span`` (character offsets into ``text``), ``canonical`` and ``title`` (an honorific or
  office before a PER, kept outside the span). Uses a BiLSTM-CRF run in numpy
  (``python -m akhbar.entities.train_neural``) fused with a CRF (python-crfsuite,
  ``python -m akhbar.entities.train``), both shipped in ``akhbar/entities/model/``; loaded
  lazily once per process; nothing downloads, torch is not needed at run time.

  >>> [(e.text, e.type) for e in recognize("وصف الرئيس الأمريكي دونالد ترامب قمة في واشنطن")]  # doctest: +SKIP
  [('دونالد ترامب', 'PER'), ('واشنطن', 'LOC')]

- ``canonical_form(text: str, type: str) -> str``: merge key shared by spelling variants
  (``canonical_form("قرغيزستان", "LOC") == canonical_form("قيرغيزستان", "LOC")``).
- ``EntityIndex``: corpus-level merger (``add(article_id, entities)``, ``merged()``).
- ``entity_table(articles_parquet_path) -> list[dict]``: the merged table of an
  ``articles.parquet`` written by the pipeline.

Pipeline use: ``article.entities = recognize(article.text)`` (the body paragraphs joined by
``"\n"``); spans then point into that joined string, not into ``Page.text``. The first call
in a process loads the model (about 0.6 s); calls are thread-safe.

See ``model/MODEL_CARD.md`` for data, split, scores and licences.
"""

from __future__ import annotations

from akhbar.entities.merge import EntityIndex, canonical_form, entity_table
from akhbar.entities.recognize import recognize

__all__ = ["EntityIndex", "canonical_form", "entity_table", "recognize"]
