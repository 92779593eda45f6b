"""The seed page (../shared/seeds) against its gold, through the public API."""

from __future__ import annotations

import json
import unicodedata

import pytest

import akhbar


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s or "").split())


@pytest.fixture(scope="module")
def seed(shared):
    gold = json.loads((shared / "gold" / "000_d212a791d4e52f7e.expected.json").read_text(encoding="utf-8"))
    text = (shared / gold["input"]).read_text(encoding="utf-8")
    return gold, akhbar.refine_text(text)


def test_must_fields(seed):
    gold, page = seed
    must = gold["must"]
    assert page.language == must["page_language"]
    assert len(page.articles) == must["article_count"]
    for a, g in zip(page.articles, must["articles"]):
        body = [norm(x) for x in a.body]
        assert a.role == g["role"]
        assert norm(a.title) == norm(g["title"])
        if "published" in g:
            assert a.published[:10] == g["published"]
        if "publisher" in g:
            assert norm(a.publisher) == norm(g["publisher"])
        if "body_paragraphs" in g:
            assert len(body) == g["body_paragraphs"]
        assert body[0].startswith(norm(g["body_starts_with"]))
        assert body[-1].endswith(norm(g["body_ends_with"]))
        for t in g.get("tags_include", []):
            assert norm(t) in a.tags
        for t in g.get("tags_exclude", []):
            assert norm(t) not in a.tags
        for s in g.get("body_must_not_contain", []):
            assert norm(s) not in "\n".join(body)
        for x in g.get("additional_sources", []):
            assert x in a.agencies
    out = "\n".join(a.title + "\n" + "\n".join(a.body) + "\n".join(a.tags) for a in page.articles)
    for ch in must["normalization"]["output_contains_no_char"]:
        assert ch not in out
    dropped = {ln.text for ln in page.lines if ln.label != "body"}
    for s in must["page_boilerplate_lines_dropped"]:
        assert s in dropped


def test_stretch_tags_and_section(seed):
    gold, page = seed
    st = gold["stretch"]
    assert page.articles[0].tags == st["main_tags_exact"]
    assert page.articles[1].tags == st["related_tags_exact"]
    assert page.articles[0].section == st["main_section"]


def test_every_line_is_labelled_and_spans_point_into_text(seed):
    _, page = seed
    labels = set(akhbar.model.LINE_LABELS) if hasattr(akhbar, "model") else None
    from akhbar.model import LINE_LABELS

    labels = set(LINE_LABELS)
    for ln in page.lines:
        assert ln.label in labels
        assert page.text[ln.span[0] : ln.span[1]] == ln.text
    for a in page.articles:
        for para, (s, e) in zip(a.body, a.body_spans):
            assert 0 <= s < e <= len(page.text)


def test_deterministic(seed, shared):
    gold, page = seed
    text = (shared / gold["input"]).read_text(encoding="utf-8")
    again = akhbar.refine_text(text)
    assert [a.id for a in again.articles] == [a.id for a in page.articles]
    assert [(ln.span, ln.label) for ln in again.lines] == [(ln.span, ln.label) for ln in page.lines]


def test_stretch_related_headlines_split_and_glued_sentence_kept(seed):
    gold, page = seed
    st = gold["stretch"]
    rel = page.articles[1]
    assert [norm(r.title) for r in rel.related] == [norm(x) for x in st["related_links_headlines"]]
    body = "\n".join(norm(x) for x in rel.body)
    assert norm(st["related_body_includes_sentence_glued_after_related_headlines"]) in body
    assert "Related" not in body


def test_stretch_related_mentioned_dates(seed):
    gold, page = seed
    for d in gold["stretch"]["related_mentioned_dates"]:
        assert d in page.articles[1].mentioned_dates  # "الجمعة 7 تشرين الثاني/نوفمبر", year from the page date
