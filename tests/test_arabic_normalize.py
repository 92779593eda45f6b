"""akhbar.arabic normalization: cases of issue 4, unit rules, hypothesis properties."""

from __future__ import annotations

import itertools
import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from akhbar.arabic import clean_text, map_span, normalize, normalize_with_map, tokenize
from akhbar.arabic.letters import alef_maqsura_words

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "cases" / "cases.jsonl"

# --- the cases (inline copies, so they run without ../shared) ------------------------------

PERSIAN_KEYS_IN = (
    "قالت وزارة الخارجیة إن الاتفاق سیدخل حیز التنفیذ فی الأسبوع المقبل، وإن الشرکة ستفتح مکتبا فی "
    "کابول بناء علی طلب اللجنۀ، وہذا ما أكده المتحدث."
)
PERSIAN_KEYS_OUT = (
    "قالت وزارة الخارجية إن الاتفاق سيدخل حيز التنفيذ في الأسبوع المقبل، وإن الشركة ستفتح مكتبا في "
    "كابول بناء على طلب اللجنة، وهذا ما أكده المتحدث."
)
PDF_IN = "ﻣﺠﻠﺲ ﺍﻟﻮﺯﺭﺍﺀ ﯾﻘﺮ ﺍﻟﻤﯿﺰﺍﻧﯿﺔ ﻭﯾﺼﺎﺩﻕ ﻋﻠﯽ ﺍﻻﺗﻔﺎﻕ"
PDF_OUT = "مجلس الوزراء يقر الميزانية ويصادق على الاتفاق"
BIDI_IN = "\u200fأعلنت الحكومة\u200e \u202a(UNDP)\u202c \u202bاليوم\u202c عن خطة\u061c جديدة \u2067للإسكان\u2069."
BIDI_OUT = "أعلنت الحكومة (UNDP) اليوم عن خطة جديدة للإسكان."
ZWNJ_FA = "دولت می\u200cخواهد قیمت\u200cها را کاهش دهد"


def test_persian_urdu_letters_in_arabic() -> None:
    out = normalize(PERSIAN_KEYS_IN)
    assert out == PERSIAN_KEYS_OUT
    for bad in ["ی", "ک", "ۀ", "ہ", "علي طلب", "فى "]:
        assert bad not in out


def test_presentation_forms_from_pdf() -> None:
    out = normalize(PDF_IN)
    assert out == PDF_OUT
    assert out != "مجلس الوزراء یقر المیزانیة ویصادق علی الاتفاق"  # what NFKC alone gives
    assert not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF or c == "\u06cc" for c in out)


def test_strip_bidi_controls() -> None:
    out = normalize(BIDI_IN)
    assert out == BIDI_OUT
    for cp in ["\u200f", "\u200e", "\u202a", "\u202c", "\u202b", "\u061c", "\u2067", "\u2069"]:
        assert cp not in out
    assert "خطة جديدة" in out and "الحكومة (UNDP)" in out


def test_zwnj_persian_kept_arabic_deleted() -> None:
    assert normalize(ZWNJ_FA) == ZWNJ_FA
    assert normalize(ZWNJ_FA, lang="fa") == ZWNJ_FA
    assert normalize("أعلنت الحكو\u200cمة عن خطة جديدة") == "أعلنت الحكومة عن خطة جديدة"
    assert normalize("أعلنت الحكو\u200cمة عن خطة جديدة", lang="ar") == "أعلنت الحكومة عن خطة جديدة"


def test_arabic_typed_with_persian_letters() -> None:
    src = "أکد وزیر الخارجیة فی مؤتمر صحفی أن المفاوضات ستستأنف الأسبوع المقبل."
    assert normalize(src) == "أكد وزير الخارجية في مؤتمر صحفي أن المفاوضات ستستأنف الأسبوع المقبل."


def _shared_cases(kinds: tuple[str, ...]) -> list[dict]:
    if not CASES.exists():
        return []
    out = []
    for line in CASES.read_text("utf-8").splitlines():
        c = json.loads(line)
        if c.get("kind") in kinds and "normalized" in (c.get("expected") or {}):
            out.append(c)
    return out


@pytest.mark.real
@pytest.mark.parametrize("case", _shared_cases(("normalization", "langid", "segmentation")), ids=lambda c: c["id"])
def test_shared_case_normalized(case: dict) -> None:
    exp = case["expected"]
    out = normalize(case["input"])
    assert out == exp["normalized"]
    for bad in exp.get("must_not_contain", []):
        assert bad not in out
    for rng in exp.get("must_not_contain_ranges", []):
        parts = rng.replace("U+", "").split("-")
        lo, hi = int(parts[0], 16), int(parts[-1], 16)
        assert not any(lo <= ord(c) <= hi for c in out), rng
    for cp in exp.get("removed_codepoints", []):
        assert chr(int(cp.replace("U+", "0x"), 0)) not in out
    for phrase, present in (exp.get("contains_phrase") or {}).items():
        assert (phrase in out) is present
    if "nfkc_only_is_wrong" in exp:
        assert out != exp["nfkc_only_is_wrong"]
    for k, v in (exp.get("also") or {}).items():
        if k.startswith("ar: "):
            assert normalize(k[4:]) == v
            assert normalize(k[4:], lang="ar") == v


def test_shared_cases_present_or_skipped() -> None:
    if not CASES.exists():
        pytest.skip("../shared is not present")
    assert len(_shared_cases(("normalization", "langid", "segmentation"))) >= 5


# --- unit rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "want"),
    [
        ("علی", "على"),
        ("إلی", "إلى"),
        ("حتی", "حتى"),
        ("مستشفی", "مستشفى"),
        ("فی", "في"),
        ("صحفی", "صحفي"),
        ("علي", "علي"),  # Ali typed with the Arabic yeh stays Ali
        ("فى", "فى"),  # an Arabic alef maqsura is never touched in display
        ("عَلی", "عَلى"),  # diacritics do not hide a closed-list word
        ("یقول", "يقول"),
    ],
)
def test_final_yeh_closed_list(src: str, want: str) -> None:
    assert normalize(src, lang="ar") == want


def test_closed_list_is_loaded_and_sane() -> None:
    words = alef_maqsura_words()
    assert len(words) > 100
    assert {"على", "إلى", "حتى", "متى", "لدى", "سوى", "مستشفى", "موسى", "عيسى", "مصطفى"} <= words
    assert all(w.endswith("ى") for w in words)
    assert "فى" not in words  # في is far more frequent
    assert all(unicodedata.is_normalized("NFC", w) for w in words)


def test_persian_text_keeps_its_letters() -> None:
    fa = "وزیر امور خارجه در یک نشست خبری گفت که مذاکرات هفته آینده از سر گرفته می\u200cشود."
    assert normalize(fa) == fa
    assert normalize(fa, lang="fa") == fa
    ur = "وزیر خارجہ نے ایک پریس کانفرنس میں کہا کہ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے۔"
    assert normalize(ur) == ur


def test_search_form() -> None:
    assert normalize("إلى المُسْتَشْفَى ٢٠٢٤", "search") == "الي المستشفي 2024"
    assert normalize("أحمد وآمنة ٱلقاهرة", "search") == "احمد وامنه القاهره"
    assert normalize("UNDP  Report\n\nسنة ۱۴۰۲", "search") == "undp report سنه 1402"
    assert normalize("الجمهورية الإسلامية", "search") == normalize("الجمهوريه الاسلاميه", "search")
    # Persian and Arabic spellings meet in the search form whatever the language
    assert normalize("کتاب ایران", "search", lang="fa") == normalize("كتاب إيران", "search")


def test_digits() -> None:
    assert normalize("عام ٢٠٢٤") == "عام ٢٠٢٤"
    assert normalize("عام ٢٠٢٤ و۳٫۵", digits="ascii") == "عام 2024 و3.5"
    with pytest.raises(ValueError):
        normalize("x", digits="roman")
    with pytest.raises(ValueError):
        normalize("x", form="nfkc")


def test_whitespace_and_tatweel() -> None:
    assert normalize("  الحكـــومة \t  الجديدة \n\n\n التالية  ") == "الحكومة الجديدة\nالتالية"
    assert normalize("a\u00a0\u00a0b") == "a b"


def test_clean_text_keeps_lines() -> None:
    src = "العنوان\u200f\r\n\r\nسطر  أول\t\tهنا \n\nﻋﻠﯽ الحكـومة\u2028نهاية"
    out = clean_text(src)
    assert out == "العنوان\n\nسطر أول هنا\n\nعلی الحكومة\nنهاية"
    assert out.count("\n") == src.count("\n") + src.count("\u2028")  # CRLF -> LF, U+2028 -> LF
    assert clean_text("") == ""
    assert clean_text("plain ascii\nlines") == "plain ascii\nlines"


def test_clean_text_zwnj_rules() -> None:
    assert clean_text("می\u200cخواهد") == "می\u200cخواهد"  # between letters: kept
    assert clean_text("کتاب\u200c ها") == "کتاب ها"  # before a space: no role
    assert clean_text("می\u200c\u200cخواهد") == "می\u200cخواهد"  # a run becomes one
    assert clean_text("ब\u200cन") == "ब\u200cन"  # Devanagari ZWNJ: not ours, untouched
    assert clean_text("می\u200fخواهد") == "می\u200cخواهد"  # RLM as a half-space -> ZWNJ


def test_clean_text_removes_invisibles() -> None:
    src = "\ufeff\u200bخبر\u202b عاجل\u202c\u2066!\u2069"
    assert clean_text(src) == "خبر عاجل!"


def test_normalize_with_map_basic() -> None:
    src = "  ﻋﻠﯽ \u200fالحكـومة\u200e  فی ٣٫٥\n\n x"
    out, offs = normalize_with_map(src, digits="ascii")
    assert out == normalize(src, digits="ascii") == "على الحكومة في 3.5\nx"
    assert len(offs) == len(out) + 1 and offs[-1] == len(src)
    s = out.index("الحكومة")
    a, b = map_span(offs, (s, s + len("الحكومة")))
    assert normalize(src[a:b]) == "الحكومة"


def test_tokenize_zwnj_and_diacritics() -> None:
    toks = tokenize(ZWNJ_FA)
    assert [t for t, _ in toks] == ["دولت", "می\u200cخواهد", "قیمت\u200cها", "را", "کاهش", "دهد"]
    assert all(ZWNJ_FA[a:b] == t for t, (a, b) in toks)
    toks = tokenize("قال: «المُسْتَشْفَى» مغلق، 2,500.75 دولار.")
    assert [t for t, _ in toks] == ["قال", ":", "«", "المُسْتَشْفَى", "»", "مغلق", "،", "2,500.75", "دولار", "."]
    assert [t for t, _ in tokenize("l'État, ٣٫٥!", punctuation=False)] == ["l'État", "٣٫٥"]


@pytest.mark.real
def test_tokenize_shared_case() -> None:
    if not CASES.exists():
        pytest.skip("../shared is not present")
    for line in CASES.read_text("utf-8").splitlines():
        c = json.loads(line)
        exp = c.get("expected") or {}
        if "tokens" in exp:
            toks = [t for t, _ in tokenize(c["input"])]
            assert toks == exp["tokens"]
            assert len(toks) == exp.get("token_count", len(toks))


# --- properties (hypothesis) ----------------------------------------------------------------

ARABIC_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويىءأإآؤئة"  # Arabic letters
    "یکۀہھۃپچژگ"  # Persian / Urdu forms
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0670"  # marks
    "\u0640\u200c\u200f\u200e\u202b\u202c\u200b\ufeff"  # tatweel, ZWNJ, bidi, ZWSP, BOM
    "ﻋﻠﯽﯾﻻﷲﹰ"  # presentation forms
    "٠١٢٣۴۵٫،؟ .\n\t\u00a0ab1"  # digits, punctuation, spaces, Latin
)
arabic_text = st.text(alphabet=ARABIC_ALPHABET, max_size=40)
FAST = settings(max_examples=int(os.environ.get("AKHBAR_HYPOTHESIS_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(arabic_text, st.sampled_from(["ar", "fa"]), st.sampled_from(["display", "search"]))
def test_prop_idempotent(text: str, lang: str, form: str) -> None:
    once = normalize(text, form, lang=lang)
    assert normalize(once, form, lang=lang) == once


@FAST
@given(arabic_text)
def test_prop_lang_none_never_raises(text: str) -> None:
    assert isinstance(normalize(text), str)
    assert isinstance(normalize(text, "search"), str)


@FAST
@given(arabic_text, st.sampled_from(["ar", "fa"]))
def test_prop_display_idempotent_fixed_lang(text: str, lang: str) -> None:
    once = normalize(text, lang=lang)
    assert normalize(once, lang=lang) == once
    assert unicodedata.is_normalized("NFC", once)


@FAST
@given(st.text(max_size=60))
def test_prop_idempotent_any_text(text: str) -> None:
    once = normalize(text, lang="ar")
    assert normalize(once, lang="ar") == once
    s = normalize(text, "search", lang="ar")
    assert normalize(s, "search", lang="ar") == s


#: Arabic-heavy text with what made ``normalize`` not idempotent (issue 18): letters that compose
#: with hamza above into Persian letters (ە ہ ے + U+0654), RLM and ZWNJ next to letters, controls
#: between a letter and its mark.
IDEMPOTENCY_ALPHABET = ARABIC_ALPHABET + "\u06d5\u06c1\u06d2\u0654\u0655\u06be\u06a9\u200f\u200c\u202c\u2066\u061c"
idem_text = st.text(alphabet=IDEMPOTENCY_ALPHABET, max_size=40) | st.lists(
    st.sampled_from(["\u06d5\u0654", "\u06c1\u0654", "\u06d2\u0654", "\u200f", "\u200c", "\u202c", "ة", "ك",
                     "ی", "ب", " ", "\u0640", "\u0653"]), max_size=12).map("".join)


@FAST
@given(idem_text, st.sampled_from(["display", "search"]))
@example("\u0635\u06d5\u0654", "display")  # ە + hamza above -> ۀ, folded to ة only on a 2nd pass
@example("\t\u06d5\u0654", "search")
@example("\u062f\u0629\u200f\u0628", "display")  # RLM between letters -> ZWNJ, deleted only on a 2nd pass
@example("\u06a9\u0644\u200f", "display")  # language decided on the text with its controls
@example("\u0640\u200b\u06d5\u0654\u0653\u0634\u062a\u0622", "display")
def test_prop_idempotent_default_lang(text: str, form: str) -> None:
    """normalize(x, form) == normalize(normalize(x, form), form) with the language decided by the text."""
    once = normalize(text, form)
    assert normalize(once, form) == once, (ascii(text), ascii(once))


@FAST
@given(idem_text)
def test_prop_clean_text_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def _is_arabic_script(c: str) -> bool:
    o = ord(c)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x0870 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF or (
        0xFE70 <= o <= 0xFEFF
    )


visible_non_arabic = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Mc", "Me"),
).filter(lambda c: not _is_arabic_script(c))


@FAST
@given(st.lists(st.text(alphabet=visible_non_arabic, min_size=1, max_size=8), min_size=0, max_size=6))
def test_prop_no_arabic_unchanged(words: list[str]) -> None:
    text = unicodedata.normalize("NFC", " ".join(words))
    assert normalize(text) == text
    assert normalize(text, lang="ar") == text
    assert clean_text(text) == text


@FAST
@given(st.text(alphabet=st.characters().filter(lambda c: not _is_arabic_script(c)), max_size=60))
def test_prop_no_arabic_letters_and_digits_kept(text: str) -> None:
    out = normalize(text)
    assert [c for c in out if c.isalnum()] == [c for c in unicodedata.normalize("NFC", text) if c.isalnum()]


yeh_text = st.text(alphabet="علىيیإلحتمسوفكن \n\u064e\u200c", max_size=40)


@FAST
@given(yeh_text, st.sampled_from(["display", "search"]))
def test_prop_no_yeh_alef_confusion(text: str, form: str) -> None:
    out, offs = normalize_with_map(text, form, lang="ar")
    words = alef_maqsura_words()
    for i, c in enumerate(out):
        src = text[offs[i]]
        assert not (src == "ى" and c == "ا")
        if src == "ي":
            assert c == "ي"  # ي never becomes ى
        if c == "ى":
            assert src in ("ى", "ی")
            if src == "ی":  # only a closed-list word gets ى
                j = i
                while j > 0 and out[j - 1] not in " \n":
                    j -= 1
                word = "".join(ch for ch in out[j : i + 1] if ch not in "\u064e")
                assert word in words
        if form == "display" and src == "ى":
            assert c == "ى"


@FAST
@given(arabic_text, st.sampled_from(["ar", "fa"]), st.sampled_from(["display", "search"]))
def test_prop_offsets_map_back(text: str, lang: str, form: str) -> None:
    out, offs = normalize_with_map(text, form, lang=lang)
    assert out == normalize(text, form, lang=lang)
    assert len(offs) == len(out) + 1 and offs[-1] == len(text)
    assert all(0 <= a <= b <= len(text) for a, b in itertools.pairwise(offs))
    # every normalized word maps back to an original slice that normalizes to the same word
    pos = 0
    for word in out.replace("\n", " ").split(" "):
        if word:
            a, b = map_span(offs, (pos, pos + len(word)))
            assert normalize(text[a:b], form, lang=lang) == word
        pos += len(word) + 1


@FAST
@given(st.text(alphabet=ARABIC_ALPHABET + " \r\x0b\u2028\u3000", max_size=50))
def test_prop_clean_text_line_structure(text: str) -> None:
    out = clean_text(text)
    unified = text.replace("\r\n", "\n")
    nl = sum(unified.count(c) for c in "\n\r\x0b\u2028")
    assert out.count("\n") == nl
    assert clean_text(out) == out


@FAST
@given(st.text(alphabet=ARABIC_ALPHABET + "«»:!?-'\u2019éÉ", max_size=60))
def test_prop_tokens_slice_back(text: str) -> None:
    toks = tokenize(text)
    last = 0
    for tok, (a, b) in toks:
        assert text[a:b] == tok and tok
        assert a >= last
        last = b
        assert not any(c.isspace() for c in tok)
    words = [t for t, _ in tokenize(text, punctuation=False)]
    assert all(any(c.isalnum() for c in w) or len(w) > 1 for w in words)
