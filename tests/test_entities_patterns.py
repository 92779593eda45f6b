"""The pattern pass of the recognizer (issue 16, item 3): institutions and places on a head noun,
country names in every frame."""

from __future__ import annotations

import pytest

from akhbar.entities import recognize


@pytest.fixture(autouse=True)
def _patterns_on(monkeypatch):
    monkeypatch.setenv("AKHBAR_NER_PATTERNS", "1")


def _found(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in recognize(text)}


@pytest.mark.parametrize(
    "text, want",
    [
        ("قالت ووزارة الخارجية المصرية في بيان اليوم إن الوفد وصل.", ("وزارة الخارجية المصرية", "ORG")),
        ("أعلن البنك المركزي المصري خفض الفائدة.", ("البنك المركزي المصري", "ORG")),
        ("ودعا مجلس الأمن الدولي إلى التهدئة.", ("مجلس الأمن الدولي", "ORG")),
        ("قال الجيش السوداني إنه استعاد المدينة.", ("الجيش السوداني", "ORG")),
        ("وأعلنت الهيئة العامة للأرصاد الجوية أن الطقس حار.", ("الهيئة العامة للأرصاد الجوية", "ORG")),
        ("وصل الوفد إلى مطار العلمين الدولي صباحا.", ("مطار العلمين الدولي", "LOC")),
        ("وقال إن المجر ستشارك في القمة.", ("المجر", "LOC")),
        ("وزار رئيس الوزراء بالمجر مصنعا.", ("المجر", "LOC")),
    ],
)
def test_pattern_names_found(text, want):
    assert want in _found(text)


def test_patterns_stop_at_function_words_and_people():
    got = _found("قالت وزارة الصحة اليوم إن محمد بن سلمان زار جامعة القاهرة.")
    assert ("وزارة الصحة", "ORG") in got
    assert ("محمد بن سلمان", "PER") in got
    assert not any(t.startswith("وزارة الصحة ") for t, _ in got)


def test_spans_match_text():
    text = "وأكدت ووزارة الداخلية ومحافظة البحر الأحمر أن المجر شريك."
    for e in recognize(text):
        assert text[e.span[0] : e.span[1]] == e.text
