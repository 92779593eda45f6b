"""The HTML route's speedups give trafilatura's and jusText's own results (issue 14's speed goal):
trafilatura's parser with a C-level class lookup, jusText's paragraph maker in one walk, the cookie-consent
selection of ``basic_cleaning`` and the guarded ``re:test`` XPath expressions."""

from __future__ import annotations

import gzip
import importlib
import json
import random
import re
from copy import copy
from pathlib import Path

import pytest

trafilatura = pytest.importorskip("trafilatura")
justext_core = pytest.importorskip("justext.core")
lxml_html = pytest.importorskip("lxml.html")

from akhbar.html import trafilatura_fast as tf
from akhbar.html.body import trafilatura_paragraphs
from akhbar.html.justext_linear import ParagraphMaker

SHARED = Path(__file__).resolve().parents[2] / "shared"
TS = importlib.import_module("trafilatura.settings")
TU = importlib.import_module("trafilatura.utils")
TX = importlib.import_module("trafilatura.xpaths")

SMALL = [
    "<html><body><div>a<br>b<br><br>c</div><p>x <a href='/'>link</a> y</p></body></html>",
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>نص عربي</p><p>٢</p></body></html>",
    "<!DOCTYPE html><html><head><title>t</title></head><body><h2>head</h2><p>text<!-- c -->more</p></body></html>",
    "<p>a fragment</p>",
    ("<html><body><div class='cookie-banner'>c</div><div id='CO\u212aIE_NOTICE'>k</div>"
     "<div class='footer x'>f</div><aside>s</aside><div class='article-body'><p>body</p></div></body></html>"),
    "<html><body><table><tr><td>1</td><td>2</td></tr></table><ul><li>one</li><li>two</li></ul></body></html>",
]


def _gold_html() -> list[tuple[str, str | None]]:
    pages = sorted((SHARED / "gold" / "pages").glob("*.html.json"))
    if not pages:
        pytest.skip("shared/gold/pages not available")
    out = []
    for gp in pages:
        g = json.loads(gp.read_text(encoding="utf-8"))
        raw = (SHARED / g["html"]).read_bytes()
        raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        out.append((raw.decode("utf-8", "replace"), g["url"]))
    return out


def _pages() -> list[tuple[str, str | None]]:
    return [(h, None) for h in SMALL] + _gold_html()


def _ser(tree) -> bytes | None:
    import lxml.etree

    return None if tree is None else lxml.etree.tostring(tree, encoding="utf-8")


def trafilatura_tree(html: str):
    return TU.load_html(html)


def test_fast_lookup_gives_load_htmls_tree_and_restores_lxml_html_classes() -> None:
    for html, _ in _pages():
        plain = TU.load_html(html)
        with tf.fast_lookup():
            fast = TU.load_html(html)
            assert fast is None or all(type(e) is lxml_html.HtmlElement for e in fast.iter("form", "input", "label"))
        assert _ser(fast) == _ser(plain)
    form = TU.load_html("<html><body><form><input name='q'></form></body></html>")
    assert isinstance(form.find(".//form"), lxml_html.FormElement)


def _sig(paragraphs) -> list[tuple]:
    return [(p.dom_path, p.xpath, p.text_nodes, p.chars_count_in_links, p.tags_count, p.text, len(p), p.words_count,
             p.is_heading) for p in paragraphs]


def test_paragraph_maker_gives_jusTexts_paragraphs() -> None:
    basic_cleaning = importlib.import_module("trafilatura.baseline").basic_cleaning
    tf.uninstall()
    n = 0
    for html, _ in _pages():
        tree = trafilatura_tree(html)
        if tree is None:
            continue
        for root in (tree, basic_cleaning(copy(tree))):
            theirs = justext_core.ParagraphMaker.make_paragraphs(root)
            ours = ParagraphMaker.make_paragraphs(root)
            assert _sig(ours) == _sig(theirs)
            n += len(ours)
    assert n > 100


def test_basic_clean_nodes_select_what_trafilatura_selects() -> None:
    tf.install()
    try:
        if "static" not in tf._state:
            pytest.skip("this trafilatura's BASIC_CLEAN_XPATH is not the one trafilatura_fast knows")
        for html, _ in _pages():
            tree = trafilatura_tree(html)
            if tree is not None:
                assert tf.basic_clean_nodes(tree) == TS.BASIC_CLEAN_XPATH(tree)
    finally:
        tf.uninstall()


def test_cookie_test_is_the_regex() -> None:
    pattern = getattr(TS, "_COOKIE_CONSENT_RE", None)
    if not isinstance(pattern, str):
        pytest.skip("no _COOKIE_CONSENT_RE in this trafilatura")
    test = tf._cookie_test(pattern)
    rx = re.compile(pattern, re.IGNORECASE)
    rng = random.Random(14)
    alphabet = "cookieCOOKIEbanrlwsmtzpgdvuyhf-_ \u0130\u0131\u212a\u017f"
    for _ in range(20_000):
        v = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert test(v) == (rx.search(v) is not None), v
    for v in ("CO\u212aIE-BANNER", "onetru\u017ft", "cook\u0131e-bar", "Cookiebot", "x moove_gdpr y", "cookies"):
        assert test(v) == (rx.search(v) is not None), v


def test_fold_table_covers_pythons_ignorecase() -> None:
    """Every character ``re.IGNORECASE`` matches to an ASCII letter folds to it (translate, lower)."""
    rx = re.compile("[a-z]", re.IGNORECASE)
    for cp in range(0x80, 0x30000):
        c = chr(cp)
        if rx.fullmatch(c):
            assert c.translate(tf._FOLD).lower().isascii(), hex(cp)


def test_required_words() -> None:
    assert tf.required_words("^comment[s-]") == ["comment"]
    assert tf.required_words("a|bc(d)?e") == ["a", "bc"]
    assert tf.required_words("[a-z]+") is None
    assert tf.required_words("(?i)cookie") is None


def test_guarded_xpaths_select_the_same_nodes() -> None:
    from lxml.etree import XPath

    trees = [t for t in (trafilatura_tree(h) for h, _ in _pages()) if t is not None]
    checked = 0
    for value in vars(TX).values():
        if isinstance(value, list) and value and all(isinstance(e, XPath) for e in value):
            for e in value:
                if "re:test" not in e.path:
                    continue
                g = XPath(tf.guard_xpath(e.path), namespaces={"re": "http://exslt.org/regular-expressions"})
                for t in trees:
                    assert g(t) == e(t), e.path
                checked += 1
    assert checked >= 5


def test_trafilatura_paragraphs_as_trafilatura_alone_and_uninstall_restores() -> None:
    kw = {"with_metadata": False, "include_comments": False, "include_tables": True, "include_images": False,
          "include_links": False}
    te = importlib.import_module("trafilatura.external")
    tb = importlib.import_module("trafilatura.baseline")
    for html, url in _pages():
        tf.uninstall()  # trafilatura_paragraphs installs them again
        doc = trafilatura.bare_extraction(html, url=url, **kw)
        want = [p for p in (" ".join(x.split()) for x in doc.text.split("\n")) if p] if doc and doc.text else []
        assert trafilatura_paragraphs(html, url) == want
    tf.uninstall()
    assert te.ParagraphMaker is justext_core.ParagraphMaker
    assert te.revise_paragraph_classification is justext_core.revise_paragraph_classification
    assert tb.BASIC_CLEAN_XPATH is TS.BASIC_CLEAN_XPATH
    assert all("re:test" not in e.path or "and re:test" not in e.path for e in TX.BODY_XPATH)
