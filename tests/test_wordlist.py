"""Glued-word splitting (crawler renderings glue adjacent inline elements)."""

from akhbar.page.segment import split_glued_run
from akhbar.page.wordlist import frequencies, split_glued


def test_table_is_shipped():
    assert len(frequencies()) > 50_000


def test_glued_words_split():
    assert split_glued("الاتهاماتأوربان", {"أوربان"}) == ["الاتهامات", "أوربان"]
    assert split_glued("اقتصادناوحذرت") == ["اقتصادنا", "وحذرت"]


def test_real_words_are_not_split():
    for w in ["الولايات", "والاستثمارات", "بالمملكة", "مستشفيات", "الاتهامات", "والمواطنين"]:
        assert split_glued(w) == [w]


def test_quote_glue():
    t = 'قال "نعم""لا" أيضا'
    assert [t[s:e] for s, e in split_glued_run(t, 0, len(t))] == ['قال "نعم"', '"لا" أيضا']
