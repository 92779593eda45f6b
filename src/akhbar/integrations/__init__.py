"""akhbar inside other tools.

* :mod:`akhbar.integrations.datatrove`: pipeline steps for `datatrove <https://github.com/huggingface/datatrove>`_
  (an HTML extractor, a crawler-text refiner, Arabic-aware filters, a date annotator). Needs the
  optional extra ``pip install 'akhbar[datatrove]'``; importing :mod:`akhbar` or this package never
  imports datatrove.
"""
