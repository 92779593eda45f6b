"""The per-page stages, one module per stage (or pair of stages); composed by :mod:`akhbar.pipeline`.

============================  ==================================================================
module                        stages
============================  ==================================================================
:mod:`.decode`                ``decode`` (bytes -> text), ``clean`` (NFC, bidi, tatweel)
:mod:`.export_header`         ``export_header`` (a crawler's export header read as metadata)
:mod:`.html`                  ``html_decode``, ``html_extract`` (the HTML route's first stages)
:mod:`.language`              ``language`` (identification and the ``languages`` filter)
:mod:`.segment`               ``lines`` (line features), ``segment`` (labels, article drafts)
:mod:`.metadata`              ``metadata`` (articles: body, title, publisher, authors, tags ...)
:mod:`.dates`                 ``dates`` (published/updated), ``mentioned_dates``
:mod:`.quality`               ``quality`` (signals and filter)
:mod:`.entities`              ``entities`` (NER)
:mod:`.base`                  ``Settings``, ``Stage``, ``PageWork``, ``reject``
============================  ==================================================================
"""
