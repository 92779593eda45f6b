"""Same-result speedups of trafilatura's internals, installed while akhbar asks trafilatura.

trafilatura 2.3's ``basic_cleaning`` (used by its baseline, by ``html2txt``, the page measure of
its recall escalation, and before jusText) selects the nodes to delete with
``trafilatura.settings.BASIC_CLEAN_XPATH``, whose last branch tests every element's ``class``
and ``id`` with the EXSLT regex ``re:test(..., _COOKIE_CONSENT_RE, 'i')``: lxml answers each test
with a call into Python, two per element of the page (4-5 ms of a gold page's 6-ms selection,
run 2-3 times a page). :func:`basic_clean_nodes` selects the same nodes in the same (document)
order: one XPath for the elements of the other branches and those with a ``class`` or ``id``,
then the regex (``re.IGNORECASE``, ``search``, as lxml's EXSLT ``test``) in Python on those only.

:func:`install` also installs :mod:`akhbar.html.justext_linear` (jusText's revision in linear time
and its paragraph maker in one walk); :func:`uninstall` puts trafilatura's and jusText's own back
(``benchmarks/html_speed.py`` times trafilatura alone with them). Both are no-ops when trafilatura
is missing or its expression is not the one this module was written against.
``tests/test_html_speed.py`` compares the selections on real pages.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from akhbar.html import justext_linear

#: The branches of ``BASIC_CLEAN_XPATH`` before its cookie-consent regex (trafilatura 2.3.1).
STATIC = (".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|.//style|.//svg"
          "|.//template")
_state: dict[str, Any] = {}


def basic_clean_nodes(tree: Any) -> list[Any]:
    """What ``trafilatura.settings.BASIC_CLEAN_XPATH(tree)`` returns, in its order (after
    :func:`install` found trafilatura's expression; raises ``KeyError`` before)."""
    static = set(_state["static"](tree))
    rx = _state["regex"]
    out = []
    for el in _state["union"](tree):
        if el in static:
            out.append(el)
            continue
        c = el.get("class")
        if c and rx.search(c):
            out.append(el)
            continue
        i = el.get("id")
        if i and rx.search(i):
            out.append(el)
    return out


def install() -> None:
    """Install the faster ``BASIC_CLEAN_XPATH`` in ``trafilatura.baseline`` and jusText's
    replacements (:func:`akhbar.html.justext_linear.install`). Idempotent."""
    justext_linear.install()
    try:
        from lxml.etree import XPath

        tb = importlib.import_module("trafilatura.baseline")  # ``trafilatura.baseline`` is also a function
        ts = importlib.import_module("trafilatura.settings")
    except Exception:
        return
    orig = getattr(ts, "BASIC_CLEAN_XPATH", None)
    cookie_re = getattr(ts, "_COOKIE_CONSENT_RE", None)
    if "fast" not in _state:
        expected = f"{STATIC}|.//*[re:test(@class, '{cookie_re}', 'i') or re:test(@id, '{cookie_re}', 'i')]"
        if orig is None or not isinstance(cookie_re, str) or getattr(orig, "path", None) != expected:
            _state["fast"] = None
            return
        _state.update(orig=orig, fast=basic_clean_nodes, static=XPath(STATIC),
                      union=XPath(STATIC + "|.//*[@class or @id]"), regex=re.compile(cookie_re, re.IGNORECASE))
    if _state["fast"] is not None and tb.__dict__.get("BASIC_CLEAN_XPATH") is _state["orig"]:
        tb.BASIC_CLEAN_XPATH = _state["fast"]


def uninstall() -> None:
    """Undo :func:`install`: trafilatura and jusText run their own code again."""
    justext_linear.uninstall()
    try:
        tb = importlib.import_module("trafilatura.baseline")
    except Exception:
        return
    if _state.get("fast") is not None and tb.__dict__.get("BASIC_CLEAN_XPATH") is _state["fast"]:
        tb.BASIC_CLEAN_XPATH = _state["orig"]
