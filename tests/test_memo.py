"""akhbar.memo.fill: every key asked for is in the memo afterwards, also when the memo is cleared."""

from __future__ import annotations

from akhbar.memo import fill
from akhbar.store.text import index_terms


def test_keys_held_before_a_clear_are_refilled():
    memo: dict = {}
    fill(memo, ["a", "b"], str.upper, limit=3)
    fill(memo, ["a", "c", "d"], str.upper, limit=3)  # 2 + 2 new > 3: cleared; "a" must come back
    assert memo == {"a": "A", "c": "C", "d": "D"}
    assert list(map(memo.__getitem__, ["a", "c", "d"])) == ["A", "C", "D"]


def test_index_terms_past_the_memo_bound(monkeypatch):
    """Found building the 30k-article benchmark store: ``KeyError: 'في'`` once the index-form memo
    passed its bound with a common word already in it."""
    import akhbar.store.text as st

    monkeypatch.setattr(st, "_FORMS", {})
    monkeypatch.setattr(st, "_FORMS_MAX", 3)
    first = index_terms("في المدينة")
    assert index_terms("في البيت الكبير") and index_terms("في المدينة") == first
