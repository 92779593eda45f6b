"""Corpus passes that see the whole stream of articles after the per-page stages (bounded state).

* :mod:`akhbar.corpus.dedup`: exact and near-duplicate detection (``Deduplicator.check`` in input order).
* :mod:`akhbar.corpus.repeated`: site furniture learned from repetition across a site's pages
  (two passes: ``RepeatedLines.observe`` ... ``freeze`` ... ``is_repeated`` / ``strip_repeated_affixes``).
* :mod:`akhbar.corpus.stories`: articles about one event across outlets (``StoryClusterer.add``) and the
  ``story_table`` behind ``akhbar stories OUTDIR``.

Every pass is deterministic for a given input order; submodules are imported on use.
"""
