"""HTML main content and metadata: trafilatura underneath, an Arabic news layer on top.

Entry point: ``akhbar.refine_html`` (the HTML route of :mod:`akhbar.pipeline`: stages
``html_decode`` and ``html_extract`` in :mod:`akhbar.stages.html`, then the stages every page
goes through)::

    page = refine_html(html_bytes_or_str, url="https://...", crawl_date="2024-03-05")
    page.text        # the page rendered as text, one line per block (like a crawler's WET text)
    page.lines       # every line with its label: title, dateline, byline, body, source, tags,
                     # related, navigation, share, ad, footer, other_boilerplate
    page.articles[0] # Article: title, published/updated, authors, section, tags, body, related
    page.meta["evidence"]  # which source gave the title and dates (JSON-LD, meta, visible, URL)

Modules: :mod:`.extract` (decoding and parsing), :mod:`.render` (tree -> lines with DOM zones), :mod:`.meta` (``<meta>``, JSON-LD,
microdata, machine dates), :mod:`.article` (the news layer's steps in order, building the main
article): :mod:`.body` (trafilatura's body vote), :mod:`.headline` (title, publisher, site names),
:mod:`.lists` (related and other link lists), :mod:`.labels` (line labels), :mod:`.bylines`
(authors, agency credits), :mod:`.choices` (dates, tags, section, language); :mod:`.cues`
(Arabic lead phrases and class-name hints, as data); :mod:`.trafilatura_fast` and
:mod:`.justext_linear` (same-result speedups of trafilatura's and jusText's internals).
"""
