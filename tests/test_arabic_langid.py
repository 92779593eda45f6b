"""akhbar.arabic.identify_language: the langid case, scripts, real pages (skipped without ../shared)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from akhbar.arabic import LanguageGuess, identify_language, identify_lines, normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "cases" / "cases.jsonl"

AR_PERSIAN_KEYS = "أکد وزیر الخارجیة فی مؤتمر صحفی أن المفاوضات ستستأنف الأسبوع المقبل."
FA = "وزیر امور خارجه در یک نشست خبری گفت که مذاکرات هفته آینده از سر گرفته می\u200cشود."
UR = "وزیر خارجہ نے ایک پریس کانفرنس میں کہا کہ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے۔"


def test_arabic_typed_with_persian_letters_is_arabic() -> None:
    g = identify_language(AR_PERSIAN_KEYS)
    assert (g.code, g.script) == ("ar", "Arab")
    assert normalize(AR_PERSIAN_KEYS) == "أكد وزير الخارجية في مؤتمر صحفي أن المفاوضات ستستأنف الأسبوع المقبل."


@pytest.mark.parametrize(("text", "code"), [(FA, "fa"), (UR, "ur"), ("دولت می\u200cخواهد قیمت\u200cها را کاهش دهد", "fa")])
def test_persian_and_urdu(text: str, code: str) -> None:
    assert identify_language(text).code == code


def test_vowelled_arabic_is_arabic() -> None:
    g = identify_language("بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ، قَالَ الْوَزِيرُ إِنَّ الْحُكُومَةَ سَتَعْمَلُ عَلَى تَحْسِينِ الْخِدْمَاتِ فِي الْمَدَارِسِ")
    assert g.code == "ar" and g.confidence > 0.5


def test_presentation_forms_are_arabic() -> None:
    assert identify_language("ﻣﺠﻠﺲ ﺍﻟﻮﺯﺭﺍﺀ ﯾﻘﺮ ﺍﻟﻤﯿﺰﺍﻧﯿﺔ ﻭﯾﺼﺎﺩﻕ ﻋﻠﯽ ﺍﻻﺗﻔﺎﻕ").code == "ar"


@pytest.mark.parametrize(
    ("text", "code", "script"),
    [
        ("The minister said on Monday that the talks would resume next week.", "en", "Latn"),
        ("Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine.", "fr", "Latn"),
        ("Министр заявил, что переговоры возобновятся", "ru", "Cyrl"),
        ("", "und", "Zyyy"),
        ("123 456 !!! ٢٠٢٤", "und", "Zyyy"),
    ],
)
def test_other_scripts(text: str, code: str, script: str) -> None:
    g = identify_language(text)
    assert (g.code, g.script) == (code, script)
    assert 0.0 <= g.confidence <= 1.0


def test_guess_shape() -> None:
    g = identify_language("قال الوزير إن الحكومة ستعمل على تحسين الخدمات في المدارس")
    assert isinstance(g, LanguageGuess)
    assert g.code == "ar" and g.script == "Arab" and g.confidence >= 0.8


def test_mixed_page_per_line() -> None:
    text = "قال الوزير إن الحكومة ستعمل على تحسين الخدمات\nThe minister said the government will act\n\n" + FA
    lines = identify_lines(text)
    assert [g.code for _, g in lines] == ["ar", "en", "fa"]
    for (a, b), _ in lines:
        assert "\n" not in text[a:b]


def test_long_page_is_bounded() -> None:
    # the sample is bounded: a 1 MB page costs no more than a short one (and is still right)
    page = ("قال الوزير إن الحكومة ستعمل على تحسين الخدمات في المدارس. " * 20000)
    assert identify_language(page).code == "ar"


@pytest.mark.real
def test_shared_langid_cases() -> None:
    if not CASES.exists():
        pytest.skip("../shared is not present")
    n = 0
    for line in CASES.read_text("utf-8").splitlines():
        c = json.loads(line)
        exp = c.get("expected") or {}
        if c.get("kind") in ("langid", "segmentation", "normalization") and exp.get("language"):
            assert identify_language(c["input"]).code == exp["language"], c["id"]
            n += 1
        if c.get("kind") == "langid":
            for text, code in (exp.get("also") or {}).items():
                assert identify_language(text).code == code, text
                n += 1
    assert n >= 4


@pytest.mark.real
def test_real_arabic_pages_sample() -> None:
    zips = sorted((SHARED / "data" / "saudinewsnet").glob("*.zip"))
    if not zips:
        pytest.skip("../shared is not present")
    with zipfile.ZipFile(zips[0]) as zf:
        arts = json.loads(zf.read(zf.namelist()[0]))[:200]
    wrong = [a["url"] for a in arts if a.get("content") and identify_language(a["content"]).code != "ar"]
    assert not wrong
