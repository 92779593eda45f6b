"""Fuzz the public functions with hostile input (hypothesis): no exception but the documented ones,
spans that index their text, deterministic results, idempotent normalization.

Sized to run in CI in well under two minutes; ``benchmarks/fuzz.py`` runs the same properties for
hundreds of thousands of inputs.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import akhbar
from akhbar.arabic import (
    clean_text,
    has_arabic_letters,
    identify_language,
    identify_lines,
    map_span,
    normalize,
    normalize_with_map,
    tokenize,
)
from akhbar.controls import CONTROLS
from akhbar.dates import as_reference, find_dates, fold_digits, has_date, parse_date
from akhbar.entities import canonical_form, recognize
from akhbar.model import REJECTION_REASONS
from akhbar.page.decode import decode

from .strategies import hostile_bytes, hostile_html, hostile_texts, input_file_seeds

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
REFERENCES = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                       st.datetimes(dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30)))


def _check_page(page) -> None:
    if page.rejection is not None:
        assert page.rejection.reason in REJECTION_REASONS
        assert "\n" not in page.rejection.message
        assert page.rejection.reason != "internal_error", page.rejection.message
        return
    n = len(page.text)
    assert not CONTROLS.search(page.text)  # NUL, BEL ... never reach the text (akhbar.controls)
    for a in page.articles:
        assert not any(CONTROLS.search(x or "") for x in (a.title, *a.body, a.publisher, *a.authors))
    for line in page.lines:
        s, e = line.span
        assert 0 <= s <= e <= n and page.text[s:e] == line.text
    for a in page.articles:
        assert a.body and len(a.body) == len(a.body_spans)
        assert all(0 <= s <= e <= n for s, e in a.body_spans)
        assert a.id and a.page_id == page.id


@SLOW
@given(hostile_texts)
def test_refine_text(text: str) -> None:
    page = akhbar.refine_text(text, crawl_date="2025-11-08")
    _check_page(page)
    again = akhbar.refine_text(text, crawl_date="2025-11-08")
    assert [a.id for a in again.articles] == [a.id for a in page.articles]
    assert [(ln.span, ln.label) for ln in again.lines] == [(ln.span, ln.label) for ln in page.lines]


@SLOW
@given(hostile_html())
def test_refine_html(data: bytes) -> None:
    _check_page(akhbar.refine_html(data, url="https://example.com/news/1"))


@FAST
@given(hostile_bytes(), st.sampled_from([None, "utf-8", "windows-1256", "x\x00y", "bogus", "utf-16", "base64"]))
def test_decode(data: bytes, declared) -> None:
    try:
        out = decode(data, declared=declared)
    except ValueError as e:  # BinaryContent, the documented refusal
        assert type(e).__name__ == "BinaryContent", repr(e)
        return
    assert isinstance(out.text, str)


@FAST
@given(hostile_texts)
def test_normalize_is_idempotent(text: str) -> None:
    for form in ("display", "search"):
        once = normalize(text, form)
        assert normalize(once, form) == once, form
    c = clean_text(text)
    assert clean_text(c) == c


@FAST
@given(hostile_texts, REFERENCES)
def test_dates_never_raise_on_text(text: str, ref) -> None:
    for m in find_dates(text, reference=ref):
        s, e = m.span
        assert 0 <= s < e <= len(text)
    parse_date(text[:300], reference=ref)


@FAST
@given(hostile_texts)
def test_identify_language(text: str) -> None:
    g = identify_language(text)
    assert isinstance(g.code, str) and 0.0 <= g.confidence <= 1.0


@SLOW
@given(hostile_texts)
def test_recognize(text: str) -> None:
    for ent in recognize(text):
        s, e = ent.span
        assert 0 <= s < e <= len(text) and text[s:e] == ent.text
        assert ent.type in ("PER", "LOC", "ORG", "MISC")


@FAST
@given(hostile_texts, st.booleans())
def test_tokenize_spans_index_the_text(text: str, punctuation: bool) -> None:
    toks = tokenize(text, punctuation=punctuation)
    last = 0
    for tok, (s, e) in toks:
        assert last <= s < e <= len(text) and text[s:e] == tok
        last = e
    assert has_arabic_letters(text) == any(has_arabic_letters(t) for t, _ in tokenize(text))


@FAST
@given(hostile_texts, st.sampled_from(["display", "search"]))
def test_normalize_with_map_offsets(text: str, form: str) -> None:
    out, offsets = normalize_with_map(text, form)
    assert out == normalize(text, form)
    assert len(offsets) == len(out) + 1 and offsets[-1] == len(text)
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    s, e = map_span(offsets, (0, len(out)))
    assert 0 <= s <= e <= len(text)


@FAST
@given(hostile_texts)
def test_identify_lines_spans_are_lines(text: str) -> None:
    for (s, e), g in identify_lines(text):
        assert 0 <= s <= e <= len(text) and "\n" not in text[s:e]
        assert isinstance(g.code, str) and 0.0 <= g.confidence <= 1.0


@FAST
@given(hostile_texts)
def test_dates_precheck_and_digits(text: str) -> None:
    folded = fold_digits(text)
    assert len(folded) == len(text)
    if find_dates(text):  # the cheap pre-check never misses a date find_dates reads
        assert has_date(text)


@FAST
@given(st.one_of(hostile_texts.map(lambda t: t[:80]), st.integers(), st.floats(), st.none(),
                 st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))))
def test_as_reference_raises_only_documented_errors(value) -> None:
    try:
        ref = as_reference(value)
    except (TypeError, ValueError):  # documented: another type / a string holding no date
        return
    assert ref is None or isinstance(ref, dt.date)


@FAST
@given(hostile_texts.map(lambda t: t[:300]), st.sampled_from(["PER", "LOC", "ORG", "MISC"]))
def test_canonical_form(text: str, kind: str) -> None:
    key = canonical_form(text, kind)
    assert isinstance(key, str)
    assert canonical_form(text, kind) == key


_FILES = input_file_seeds()


@SLOW
@given(st.lists(st.sampled_from(sorted(_FILES)), min_size=1, max_size=3, unique=True),
       st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(["flip", "cut", "insert"]), st.integers(0, 255)),
                max_size=6),
       st.sampled_from([1, 2, 100]))
def test_readers_account_for_every_record(tmp_path_factory, names, edits, unit_records) -> None:
    """Mutated input files of every kind: no reader raises, and the work units of a run read the
    same records as ``iter_inputs`` (nothing lost, doubled or reordered)."""
    from akhbar.run.units import plan_units, read_unit
    from akhbar.sources import iter_inputs

    d = tmp_path_factory.mktemp("in")
    for k, name in enumerate(names):
        b = bytearray(_FILES[name])
        for pos, op, val in edits[k::len(names)]:
            i = pos % max(len(b), 1)
            if op == "flip" and b:
                b[i] = val
            elif op == "cut":
                del b[i:]
            else:
                b[i:i] = bytes([val]) * 3
        (d / name).write_bytes(bytes(b))
    a = [(type(it).__name__, it.source) for it in iter_inputs([d])]
    b = [(type(it).__name__, it.source) for u in plan_units([d], unit_records=unit_records) for it in read_unit(u)]
    assert a == b  # (an empty JSON Lines file holds no record: a == [] is right)
