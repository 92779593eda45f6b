"""Tests for akhbar.quality: signals on Arabic prose vs menus/link lists/tag clouds, and check()."""

from __future__ import annotations

from akhbar.quality import THRESHOLDS, check, signals, stop_words, stop_words_search_form

ARTICLE = [
    "أعلنت وزارة الصحة، اليوم الاثنين، عن إطلاق حملة وطنية للتطعيم ضد شلل الأطفال تستهدف أكثر من مليوني طفل.",
    "وقال الوزير في مؤتمر صحفي إن الحملة مجانية وتشمل جميع المحافظات، وهل يمكن أن تتأخر؟ لا، بحسب قوله",
    "وتستمر الحملة خمسة أيام بمشاركة آلاف الفرق الطبية المتنقلة التي ستزور المنازل والمدارس.",
]
MENU = ["الرئيسية", "أخبار مصر", "رياضة", "اقتصاد", "فن", "حوادث", "محافظات", "توك شو"]
LINKS = [
    "سلطان صلاح يشارك بحارة القبة في رمضان المقبل",
    "تفاصيل قصة حب بين نجمين في الوسط الفني",
    "صناع فيلم جديد يكشفون كواليس التصوير",
    "ارتفاع أسعار الذهب في السوق المحلية اليوم",
    "منتخب الشباب يواجه نظيره في نصف النهائي",
    "افتتاح معرض الكتاب الدولي بمشاركة واسعة",
]
TAGS = ["النمر مدرسة البنات نعيمة عاكف فتاة السيرك بياعة الجرايد القاهرة السينما المصرية"]


def test_article_kept_and_signals_sane() -> None:
    s = signals("عنوان", ARTICLE)
    assert s["arabic_ratio"] == 1.0
    assert s["stopword_ratio"] > 0.1
    assert 3.5 < s["mean_word_len"] < 6.5
    # a line ending with the Arabic question mark or with no mark is still prose; 2 of 3 end in punctuation
    assert abs(s["end_punct_frac"] - 2 / 3) < 1e-9
    assert check(s) == (True, None, None)


def test_menu_link_list_tag_cloud_rejected() -> None:
    for body in (MENU, LINKS, TAGS):
        keep, name, value = check(signals(None, body))
        assert not keep and name is not None and value is not None, body


def test_empty_and_latin() -> None:
    assert check(signals(None, [])) == (False, "word_count", 0.0)
    english = ("The ministry of health announced a national vaccination campaign today "
               "targeting more than two million children across all provinces.")
    keep, name, _ = check(signals(None, [english]))
    assert not keep and name == "arabic_ratio"


def test_duplicate_lines_rejected() -> None:
    keep, name, value = check(signals(None, [ARTICLE[0]] * 4 + [ARTICLE[1]]))
    assert not keep and name == "dup_line_frac" and value == 0.6


def test_stop_words_documented_list() -> None:
    sw = stop_words()
    assert {"في", "من", "على", "التي"} <= sw and len(sw) > 100
    assert all(" " not in w for w in sw)
    assert len(stop_words_search_form()) > 100
    assert set(THRESHOLDS) <= set(signals(None, ARTICLE))
