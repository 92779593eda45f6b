"""The pattern pass of the recognizer (issue 16, item 3): institutions and places on a head noun,
country names in every frame."""

from __future__ import annotations

import pytest

from akhbar.entities import recognize


@pytest.fixture(autouse=True)
def _patterns_on(monkeypatch):
    monkeypatch.delenv("AKHBAR_NER_PATTERNS", raising=False)  # the default: on


def test_pattern_pass_on_by_default_and_off_with_zero(monkeypatch):
    text = "قالت وزارة الخارجية المصرية في بيان إن الوفد وصل."
    assert ("وزارة الخارجية المصرية", "ORG") in _found(text)
    monkeypatch.setenv("AKHBAR_NER_PATTERNS", "0")
    assert ("وزارة الخارجية المصرية", "ORG") not in _found(text)


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
        ("وأعلنت هيئة الطرق والمواصلات عن مشروع جديد.", ("هيئة الطرق والمواصلات", "ORG")),
        ("وقالت مؤسسة كهرباء لبنان إن التيار سيعود.", ("مؤسسة كهرباء لبنان", "ORG")),
        ("وطالب المجلس الوطني لحقوق الإنسان بالإفراج عنهم.", ("المجلس الوطني لحقوق الإنسان", "ORG")),
        ("وقصفت الطائرات مدينة في محافظة إدلب أمس.", ("محافظة إدلب", "LOC")),
        ("وصل الأمير إلى دولة قطر مساء الأحد.", ("دولة قطر", "LOC")),
        ("وارتفع مؤشر بورصة الكويت في ختام التعاملات.", ("بورصة الكويت", "ORG")),
        ("ووقعت وزارة الاتصالات وتكنولوجيا المعلومات اتفاقية.", ("وزارة الاتصالات وتكنولوجيا المعلومات", "ORG")),
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


def test_places_in_every_frame_by_default(monkeypatch):
    """The place pass (countries and gazetteer cities) runs with the pattern pass off; ambiguous city
    names (صور: pictures) are left out."""
    monkeypatch.setenv("AKHBAR_NER_PATTERNS", "0")
    got = _found("وستشمل الأمطار ولايات تلمسان ووهران ومستغانم، ونشرت صور الفيضانات.")
    assert ("تلمسان", "LOC") in got
    assert not any(t == "صور" for t, _ in got)


def test_tagged_org_goes_on_over_relative_adjectives():
    got = _found("وقرر البنك المركزي اليمني رفع سعر الفائدة.")
    assert ("البنك المركزي اليمني", "ORG") in got


def test_head_stops_at_verbs_and_function_words():
    got = _found("وقالت شركة يعمل فيها المئات إن الأرباح زادت.")
    assert not any(t.startswith("شركة") for t, _ in got)


def test_named_heads_take_a_person_and_names_stop_at_titles():
    got = _found("وأعلنت جامعة محمد بن زايد للذكاء الاصطناعي عن برنامج جديد.")
    assert ("جامعة محمد بن زايد للذكاء الاصطناعي", "ORG") in got
    got = _found("وقال عضو مجلس السيادة الفريق إبراهيم جابر إن الحكومة ستعود.")
    assert not any(t.startswith("مجلس السيادة ") for t, _ in got)
    got = _found("وأعلن المنتخب السعودي والمنتخب الروسي تشكيلتيهما.")
    assert not any("والمنتخب" in t for t, _ in got)


@pytest.mark.parametrize(
    "text, want, not_want",
    [
        ("وقال رئيس مجلس إدارة شركة مطارات أبوظبي إن الحركة زادت.", "شركة مطارات أبوظبي", "مجلس إدارة شركة"),
        ("ونقل بيان نشرته وكالة الأنباء السعودية الرسمية عن المحافظين.", "وكالة الأنباء السعودية",
         "وكالة الأنباء السعودية الرسمية"),
        ("أعلنت وزارة الصحة بغزة وصول شهيدين.", "وزارة الصحة", "وزارة الصحة بغزة"),
        ("وطالبت منظمة التحرير الفلسطينية والكتل الممثلة في المجلس بالوحدة.", "منظمة التحرير الفلسطينية",
         "منظمة التحرير الفلسطينية والكتل"),
        ("وأصدرت مجلة فوربس الأمريكية قائمتها للأثرياء.", "مجلة فوربس", "مجلة فوربس الأمريكية"),
    ],
)
def test_pattern_name_boundaries(text, want, not_want):
    """Where a head-noun name starts and stops (entities6): at the inner head of a chain, before
    describing words, ب + place, a coordination after a nisba, and a nationality after a name."""
    got = {t for t, _ in _found(text)}
    assert want in got
    assert not_want not in got


def test_ordinals_and_place_only_heads_make_no_name():
    got = {t for t, _ in _found("واحتل المنتخب المركز الثالث، وقال إن قطاع الإعلام يعاني.")}
    assert not any(t.startswith(("المركز", "قطاع")) for t in got)
    assert ("قطاع غزة", "LOC") in _found("وقصفت الطائرات قطاع غزة أمس.")


def test_geonames_towns_found_by_default(monkeypatch):
    """Towns from the GeoNames gazetteer (``gazetteer_geonames.json``, ``build_geonames``) are
    places in every frame: Algerian wilayas, Sudanese and Kurdish towns."""
    monkeypatch.setenv("AKHBAR_NER_PATTERNS", "0")
    got = _found("وتشمل النشرة ولايات غليزان ومستغانم، ومدينة القضارف، وطريق دهوك إلى عقرة.")
    for place in ("غليزان", "مستغانم", "القضارف", "دهوك", "عقرة"):
        assert (place, "LOC") in got


def test_geonames_filter():
    """The build filter: ordinary frequent words and clitic look-alikes are left out (``بيرا``:
    ``كبيرا`` is a word), rare one-word names and names on a toponym word are kept."""
    from akhbar.entities.build_geonames import keep

    vocab = {"كبيرا": [1, 1], "الوادي": [2, 2], "عين": [3, 3], "البنيان": [4, 4]}
    rank = {w: i for i, w in enumerate(vocab)}
    args = (vocab, set(), set(), {"في"}, set(), rank)
    assert keep("مستغانم", *args)
    assert not keep("بيرا", *args)
    assert not keep("الوادي", *args)
    assert keep("عين البنيان", *args)
    assert not keep("في الوادي", *args)


def test_geonames_gazetteer_is_shipped_and_sorted():
    import json

    from akhbar.entities.features import DATA_DIR

    d = json.loads((DATA_DIR / "gazetteer_geonames.json").read_text(encoding="utf-8"))
    assert "GeoNames" in d["source"] and d["places"] == sorted(set(d["places"]))
    assert 1000 < len(d["places"]) < 20000


def test_wrapper_heads_and_radio_names():
    """A wrapper head (مكتب, قوات) before another institution is no part of its name; a name
    ending in FM is a radio station (ORG)."""
    got = _found("وانسحبت قوات المجلس الانتقالي الجنوبي من المدينة.")
    assert ("المجلس الانتقالي الجنوبي", "ORG") in got
    got = _found('وقال مصدر لإذاعة "ديوان أف أم" إن الوحدات تنقلت.')
    assert ("ديوان أف أم", "ORG") in got


def test_direction_places_and_listed_towns_tagged_per():
    """A direction word + a tagged place that together are a listed place is one LOC (جنوب
    السودان); a multi-word listed town the tagger calls PER is LOC (تيزي وزو)."""
    assert ("جنوب السودان", "LOC") in _found("وأغلب المهاجرين يتحدرون من جنوب السودان وهي هجرة حديثة.")
    assert ("تيزي وزو", "LOC") in _found("وتشمل النشرة ولايات بجاية، تيزي وزو، بومرداس.")


def test_definite_head_behind_a_proclitic():
    got = _found("مما دفع بالحكومة الأردنية الى التنبه مباشرة.")
    assert ("الحكومة الأردنية", "ORG") in got
