"""Same-result speedups of trafilatura's internals, installed while akhbar asks trafilatura.

trafilatura 2.3's ``basic_cleaning`` (used by its baseline, by ``html2txt``, the page measure of
its recall escalation, and before jusText) selects the nodes to delete with
``trafilatura.settings.BASIC_CLEAN_XPATH``, whose last branch tests every element's ``class``
and ``id`` with the EXSLT regex ``re:test(..., _COOKIE_CONSENT_RE, 'i')``: lxml answers each test
with a call into Python, two per element of the page (4-5 ms of a gold page's 6-ms selection,
run 2-3 times a page). :func:`basic_clean_nodes` selects the same nodes in the same (document)
order: one XPath for the elements of the other branches and those with a ``class`` or ``id``,
then the regex (``re.IGNORECASE``, ``search``, as lxml's EXSLT ``test``) in Python on those only,
and only on a value holding one of the words every match holds (:func:`_cookie_test`).

While akhbar's call runs (:func:`fast_lookup`), trafilatura's parser
(``trafilatura.utils.HTML_PARSER``) builds its elements with a C-level class lookup
(``lxml.etree.ElementDefaultClassLookup`` giving ``HtmlElement``) instead of ``lxml.html``'s
Python ``lookup`` called for every element proxy trafilatura, readability and jusText create
(about 10% of trafilatura's CPU on the gold pages). Only ``form``, ``input``, ``select``,
``textarea`` and ``label`` elements differ in class (plain ``HtmlElement``), and trafilatura uses
none of their extra properties.

The other XPath expressions of ``trafilatura.xpaths`` (main-content, comment and boilerplate
selectors) call ``re:test(@id, 'PATTERN')`` the same way; :func:`guard_xpath` puts a C-level test
before each such call that is false only where the regex cannot match: ``contains(@id, 'word')``
for the word every match of each alternative of a case-sensitive pattern contains (when there
are at most :data:`MAX_GUARD_WORDS` of them), else ``@id`` itself (the attribute exists; only for
patterns that do not match the empty string). Same nodes selected, 25-45% less CPU for these
expressions.

:func:`install` also installs :mod:`akhbar.html.justext_linear` (jusText's revision in linear time
and its paragraph maker in one walk); :func:`uninstall` puts trafilatura's and jusText's own back
(``benchmarks/html_speed.py`` times trafilatura alone with them). Both are no-ops when trafilatura
is missing or its expression is not the one this module was written against.
``tests/test_html_speed.py`` compares the selections on real pages.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from akhbar.html import justext_linear

#: The branches of ``BASIC_CLEAN_XPATH`` before its cookie-consent regex (trafilatura 2.3.1).
STATIC = (".//aside|.//div[contains(@class|@id, 'footer')]|.//fencedframe|.//footer|.//script|.//style|.//svg"
          "|.//template")
_state: dict[str, Any] = {}
#: Most words one ``contains`` guard lists; past it the guard only asks that the attribute exists
#: (many ``contains`` cost as much as the regex call).
MAX_GUARD_WORDS = 4
_RE_TEST = re.compile(r"re:test\((@[\w-]+(?:\|@[\w-]+)*),\s*'([^']*)'(?:,\s*'([^']*)')?\)")


def required_words(pattern: str) -> list[str] | None:
    """For each top-level alternative of ``pattern`` (a case-sensitive Python regex), the longest
    run of literal characters every match of that alternative contains; None when some
    alternative has none, or the pattern sets flags. Read from ``re._parser``'s parse tree."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    items = list(parsed)
    alternatives = [list(b) for b in items[0][1][1]] if len(items) == 1 and items[0][0] is c.BRANCH else [items]
    out = []
    for alt in alternatives:
        best = run = ""
        for op, av in alt:
            if op is c.LITERAL:
                run += chr(av)
            else:  # anything else may match a varying text: the run ends
                best, run = max(best, run, key=len), ""
        best = max(best, run, key=len)
        if not best or "'" in best:
            return None
        out.append(best)
    return out


def guard_xpath(path: str) -> str:
    """``path`` with a C-level guard before each ``re:test(ATTR, 'PATTERN'[, 'FLAGS'])`` whose
    attribute(s) ``ATTR`` are named (``@id``, ``@id|@class``); see the module docstring. A call
    whose pattern matches the empty string is left as it is."""
    def sub(m: re.Match) -> str:
        attrs, pattern, flags = m.group(1), m.group(2), m.group(3) or ""
        if re.search(pattern, "", re.IGNORECASE if "i" in flags else 0) is not None:
            return m.group(0)
        words = None if "i" in flags else required_words(pattern)
        if words and len(set(words)) <= MAX_GUARD_WORDS:
            pre = " or ".join(f"contains({attrs}, '{w}')" for w in dict.fromkeys(words))
            return f"(({pre}) and {m.group(0)})"
        return f"(({attrs}) and {m.group(0)})"

    return _RE_TEST.sub(sub, path)


def basic_clean_nodes(tree: Any) -> list[Any]:
    """What ``trafilatura.settings.BASIC_CLEAN_XPATH(tree)`` returns, in its order (after
    :func:`install` found trafilatura's expression; raises ``KeyError`` before)."""
    static = set(_state["static"](tree))
    cookieish = _state["cookieish"]
    out = []
    for el in _state["union"](tree):
        if el in static:
            out.append(el)
            continue
        c = el.get("class")
        if c and cookieish(c):
            out.append(el)
            continue
        i = el.get("id")
        if i and cookieish(i):
            out.append(el)
    return out


#: Characters other than ASCII capitals that Python's ``re.IGNORECASE`` matches to ASCII letters.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})


def _cookie_test(pattern: str) -> Any:
    """``f(value)``: ``re.search(pattern, value, re.IGNORECASE)`` is not None, asked only when
    ``value`` folded (:data:`_FOLD`, then ``lower()``) holds one of the :func:`required_words` of
    ``pattern`` (every match does: each matched character folds to the pattern's letter)."""
    rx = re.compile(pattern, re.IGNORECASE)
    words = required_words(pattern)
    if not words or not all(w.isascii() for w in words):
        return lambda v: rx.search(v) is not None
    words = tuple(dict.fromkeys(w.lower() for w in words))

    def test(v: str) -> bool:
        low = v.translate(_FOLD).lower()
        return any(w in low for w in words) and rx.search(v) is not None

    return test


@contextmanager
def fast_lookup() -> Iterator[None]:
    """Within the block, ``trafilatura.utils.HTML_PARSER`` uses the C-level element class lookup
    (module docstring); ``lxml.html``'s own lookup is put back after it, also on error. Another
    thread parsing with trafilatura meanwhile gets the same trees, in these classes."""
    try:
        import lxml.etree
        import lxml.html

        parser = importlib.import_module("trafilatura.utils").HTML_PARSER
        if "lookup" not in _state:
            _state["lookup"] = lxml.etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)
        parser.set_element_class_lookup(_state["lookup"])
    except Exception:
        yield
        return
    try:
        yield
    finally:
        parser.set_element_class_lookup(lxml.html.HtmlElementClassLookup())


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
    _install_guards()
    orig = getattr(ts, "BASIC_CLEAN_XPATH", None)
    cookie_re = getattr(ts, "_COOKIE_CONSENT_RE", None)
    if "fast" not in _state:
        expected = f"{STATIC}|.//*[re:test(@class, '{cookie_re}', 'i') or re:test(@id, '{cookie_re}', 'i')]"
        if orig is None or not isinstance(cookie_re, str) or getattr(orig, "path", None) != expected:
            _state["fast"] = None
            return
        _state.update(orig=orig, fast=basic_clean_nodes, static=XPath(STATIC),
                      union=XPath(STATIC + "|.//*[@class or @id]"), cookieish=_cookie_test(cookie_re))
    if _state["fast"] is not None and tb.__dict__.get("BASIC_CLEAN_XPATH") is _state["orig"]:
        tb.BASIC_CLEAN_XPATH = _state["fast"]


def _install_guards() -> None:
    """Replace, in place in their lists, the ``trafilatura.xpaths`` expressions using ``re:test``
    by their :func:`guard_xpath` versions (once; the originals are kept for :func:`uninstall`)."""
    try:
        from lxml.etree import XPath

        tx = importlib.import_module("trafilatura.xpaths")
    except Exception:
        return
    if "guards" not in _state:
        guards = []
        for value in vars(tx).values():
            if isinstance(value, list) and value and all(isinstance(e, XPath) for e in value):
                for i, e in enumerate(value):
                    if "re:test" in e.path:
                        g = XPath(guard_xpath(e.path), namespaces={"re": "http://exslt.org/regular-expressions"})
                        guards.append((value, i, e, g))
        _state["guards"] = guards
    for lst, i, orig, fast in _state["guards"]:
        if lst[i] is orig:
            lst[i] = fast


def uninstall() -> None:
    """Undo :func:`install`: trafilatura and jusText run their own code again."""
    justext_linear.uninstall()
    for lst, i, orig, fast in _state.get("guards", ()):
        if lst[i] is fast:
            lst[i] = orig
    try:
        tb = importlib.import_module("trafilatura.baseline")
    except Exception:
        return
    if _state.get("fast") is not None and tb.__dict__.get("BASIC_CLEAN_XPATH") is _state["fast"]:
        tb.BASIC_CLEAN_XPATH = _state["orig"]
