"""akhbar.page.decode: BOM, UTF-8, windows-1256 (also when the charset lies), mojibake, binary."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from akhbar.arabic import identify_language
from akhbar.page.decode import BinaryContent, Decoded, decode, repair_mojibake

SHARED = Path(__file__).resolve().parents[2] / "shared"
CASES = SHARED / "cases" / "cases.jsonl"

AR = "أعلنت وزارة الصحة عن حملة تطعيم جديدة في المدارس، وقال الوزير إن الحملة ستشمل جميع المناطق."
ENC_CASE_IN = "ÃÚáäÊ æÒÇÑÉ ÇáÕÍÉ Úä ÍãáÉ ÊØÚíã ÌÏíÏÉ Ýí ÇáãÏÇÑÓ"
ENC_CASE_OUT = "أعلنت وزارة الصحة عن حملة تطعيم جديدة في المدارس"


def test_enc_case_windows_1256_read_as_latin() -> None:
    fixed, repairs, src = repair_mojibake(ENC_CASE_IN)
    assert fixed == ENC_CASE_OUT
    assert src == "windows-1256"
    assert repairs == ["mojibake:windows-1256-as-latin-1"]
    assert identify_language(fixed).code == "ar"


@pytest.mark.real
def test_shared_encoding_cases() -> None:
    if not CASES.exists():
        pytest.skip("../shared is not present")
    n = 0
    for line in CASES.read_text("utf-8").splitlines():
        c = json.loads(line)
        if c.get("kind") != "encoding":
            continue
        exp = c["expected"]
        fixed, _repairs, src = repair_mojibake(c["input"])
        assert fixed == exp["repaired"]
        assert src == exp["detected_source_encoding"]
        if "language" in exp:
            assert identify_language(fixed).code == exp["language"]
        n += 1
    assert n >= 1


def test_c1_bytes_survive_the_repair() -> None:
    # پ (0x81), چ (0x8D), گ (0x90) are C1 controls when read as latin-1: they must not be lost
    good = "پدر چاي گفت و ذهب إلى المدرسة في الصباح"
    src = good.encode("cp1256").decode("latin-1")
    assert "\x81" in src and "\x8d" in src and "\x90" in src
    fixed, _, enc = repair_mojibake(src)
    assert fixed == good
    assert enc == "windows-1256"


def test_utf8_read_as_cp1252_and_latin1() -> None:
    for wrong in ("latin-1", "cp1252"):
        moj = AR.encode("utf-8").decode(wrong, errors="replace" if wrong == "cp1252" else "strict")
        fixed, repairs, src = repair_mojibake(moj)
        assert src == "utf-8"
        assert repairs and repairs[0].startswith("mojibake:utf-8-as-")
        if wrong == "latin-1":
            assert fixed == AR


@pytest.mark.parametrize(
    "text",
    [
        "Le café était très bon à Paris, où l'été est chaud.",
        "Ça coûte 5 €, déjà réglé. Über Straße, niño.",
        AR,
        "plain ascii",
        "",
    ],
)
def test_repair_leaves_good_text_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, [], None)


def test_decode_utf8_and_bom() -> None:
    assert decode(AR.encode("utf-8")) == Decoded(AR, "utf-8", [])
    d = decode(codecs.BOM_UTF8 + AR.encode("utf-8"))
    assert (d.text, d.encoding, d.repairs) == (AR, "utf-8", ["bom:utf-8"])
    for enc in ("utf-16", "utf-32"):
        d = decode(AR.encode(enc))
        assert d.text == AR and d.repairs[0].startswith("bom:")
    for enc in ("utf-16-le", "utf-16-be"):
        d = decode(AR.encode(enc))
        assert (d.text, d.encoding) == (AR, enc)
    assert decode(b"") == Decoded("", "utf-8", [])


def test_decode_cp1256_even_when_declared_latin1() -> None:
    data = AR.encode("cp1256")
    for declared in (None, "iso-8859-1", "windows-1252", "utf-8"):
        d = decode(data, declared=declared)
        assert d.text == AR and d.encoding == "windows-1256", declared
    d = decode(data, declared="iso-8859-1")
    assert d.repairs == ["declared-charset-overridden:iso-8859-1"]


def test_decode_meta_charset_sniffed() -> None:
    html = f'<html><head><meta charset="windows-1256"></head><body>{AR}</body></html>'
    d = decode(html.encode("cp1256"))
    assert AR in d.text and d.encoding == "windows-1256"


def test_valid_utf8_never_forced_into_cp1256() -> None:
    d = decode(AR.encode("utf-8"), declared="windows-1256")
    assert d.text == AR and d.encoding == "utf-8"
    assert d.repairs == ["declared-charset-ignored:windows-1256"]


def test_utf8_with_a_few_broken_bytes_stays_utf8() -> None:
    data = (AR * 5).encode("utf-8")
    data = data[:100] + b"\xff" + data[100:]
    d = decode(data)
    assert d.encoding == "utf-8" and d.text.count("\ufffd") == 1
    assert d.repairs == ["utf-8-invalid-bytes-replaced:1"]


def test_short_spliced_utf8_stays_utf8() -> None:
    a = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الحصبة"
    d = decode(a.encode()[:-7] + b"\xff\xfe\xfa" + a.encode())
    assert d.encoding == "utf-8" and d.text.endswith(a) and "\ufffd" in d.text
    assert d.repairs[0].startswith("utf-8-invalid-bytes-replaced:")


def test_latin_single_byte() -> None:
    d = decode("Le café était très bon, à bientôt.".encode("cp1252"))
    assert d.text == "Le café était très bon, à bientôt." and d.encoding == "windows-1252"


def test_declared_charset_used_when_it_fits() -> None:
    d = decode("Привет мир, как дела сегодня?".encode("cp1251"), declared="windows-1251")
    assert d.text == "Привет мир, как дела сегодня?"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3",
        b"PK\x03\x04\x14\x00",
        b"\x1f\x8b\x08\x00",
        b"<html>\x00\x00\x00 binary inside",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_content_raises(data: bytes) -> None:
    with pytest.raises(BinaryContent) as ei:
        decode(data)
    assert isinstance(ei.value, ValueError)
    assert "\n" not in str(ei.value) and str(ei.value).startswith("binary content")


def test_type_error_for_str() -> None:
    with pytest.raises(TypeError):
        decode("text")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([None, "utf-8", "iso-8859-1", "windows-1256", "bogus-charset"]))
def test_never_crashes_on_any_bytes(data: bytes, declared: str | None) -> None:
    try:
        d = decode(data, declared=declared)
    except BinaryContent:
        return
    assert isinstance(d.text, str) and isinstance(d.encoding, str) and isinstance(d.repairs, list)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويىءأإآؤئةیکگپچژَّ abcxyzABC123.,،\n", max_size=200))
def test_valid_utf8_roundtrips_unchanged(text: str) -> None:
    # valid UTF-8 Arabic/Persian/ASCII text comes back exactly, never re-read as cp1256
    for declared in (None, "windows-1256", "iso-8859-1"):
        d = decode(text.encode("utf-8"), declared=declared)
        assert d.text == text
        assert d.encoding == "utf-8"


@pytest.mark.real
def test_real_pages_in_every_wrong_encoding() -> None:
    """The htmldate-mediacloud pages (8 ar, 3 fa), served as windows-1256 with a lying
    charset, and as text read with the wrong charset (str mojibake), come back intact."""
    pages = sorted((SHARED / "data" / "htmldate-mediacloud").rglob("*.html"))
    if not pages:
        pytest.skip("../shared is not present")
    for p in pages:
        d = decode(p.read_bytes())
        assert d.encoding == "utf-8" and d.repairs == [], p.name
        cp = d.text.encode("cp1256", "replace")
        want = cp.decode("cp1256")
        got = decode(cp, declared="iso-8859-1")
        assert got.encoding == "windows-1256" and got.text == want, p.name
        fixed, _, src = repair_mojibake(cp.decode("latin-1"))
        assert src == "windows-1256" and fixed == want, p.name
        fixed, _, src = repair_mojibake(d.text.encode("utf-8").decode("latin-1"))
        assert src == "utf-8" and fixed == d.text, p.name


@pytest.mark.parametrize(
    "declared",
    ["utf-8\x00", "\x00", "windows-1256\x00junk", "base64", "rot13", "undefined", "unicode_escape",
     "idna", "x" * 500, "utf-8; charset=<script>", "\ud800", ""],
)
def test_unusable_declared_charset_is_treated_as_undeclared(declared: str) -> None:
    """Issue 18: a NUL in the declared charset raised ``ValueError: embedded null character``;
    non-text codecs and junk names are not charsets either."""
    data = AR.encode("cp1256")
    out = decode(data, declared=declared)
    assert out == decode(data)
    assert out.text == AR


def test_meta_charset_naming_a_non_charset_codec_is_ignored() -> None:
    data = b'<html><head><meta charset="undefined"></head><body>caf\xe9</body></html>'
    assert "caf\u00e9" in decode(data).text
