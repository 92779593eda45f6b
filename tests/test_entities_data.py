"""Tests for the NER corpus readers and the documented ANERcorp split (real data; skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from akhbar.entities.data import (
    _fix_iob,
    anercorp_split,
    entity_spans,
    read_topcoder,
    read_wojood,
    sentences_at_final_punct,
)
from akhbar.entities.evaluate import prf
from akhbar.entities.features import Featurizer, Lexicon, entity_words, learn_lexicon, tokenize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "data" / "ner-anercorp").exists(), reason="../shared absent")


def test_fix_iob_and_spans():
    assert _fix_iob(["O", "I-PER", "I-PER", "B-LOC", "I-ORG"]) == ["O", "B-PER", "I-PER", "B-LOC", "B-ORG"]
    assert entity_spans(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]


def test_sentences_cut_at_final_punctuation():
    pairs = [
        ("قال", "O"),
        ("بوش", "B-PER"),
        (".", "O"),
        ("وزار", "O"),
        ("بغداد", "B-LOC"),
        ("؟", "O"),
        ("ثم", "O"),
    ]
    sents = sentences_at_final_punct(pairs)
    assert [len(s[0]) for s in sents] == [3, 3, 1]


def test_prf_exact_spans():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    res = prf(gold, pred)
    assert res["LOC"][2] == 1.0 and res["PER"][2] == 0.0
    assert res["ALL"][:2] == (0.5, 0.5)
    with pytest.raises(ValueError):
        prf(gold, [])


def test_tokenize_offsets():
    text = "قال ترامب: «نعم»."
    toks = tokenize(text)
    assert [t for t, _, _ in toks] == ["قال", "ترامب", ":", "«", "نعم", "»", "."]
    assert all(text[s:e] == t for t, s, e in toks)


def test_featurizer_and_lexicon():
    sents = [(["زار", "بوش", "بغداد"], ["O", "B-PER", "B-LOC"]), (["وبوش", "قال"], ["B-PER", "O"])]
    learned, phrases = learn_lexicon(sents)
    assert learned["بوش"] == "PER"
    assert entity_words(sents) == {"بوش", "بغداد"}  # وبوش is بوش with a conjunction
    fz = Featurizer(Lexicon.curated().with_learned(learned, phrases))
    feats = fz.sentence(["زار", "بوش", "بغداد"])
    assert len(feats) == 3 and "w=بوش" in feats[1] and "lx=PER" in feats[1] and "gL" in feats[2]


@needs_shared
def test_anercorp_split_is_positional_and_disjoint():
    sp = anercorp_split()
    n = {k: sum(len(s[0]) for s in v) for k, v in sp.items()}
    total = sum(n.values())
    assert total == 150_122  # 150,313 lines minus 191 tag-only lines
    assert abs(n["train"] / total - 0.8) < 0.01 and abs(n["test"] / total - 0.1) < 0.01
    assert sp["train"][0][0][0] == "فرانكفورت"  # the file's first token opens train
    assert anercorp_split() == sp  # deterministic


@needs_shared
def test_other_corpora_read():
    tc = read_topcoder("test")
    assert sum(len(s[0]) for s in tc) == 18_284
    wj = read_wojood("test")
    tags = {t for _, ts in wj for t in ts}
    assert tags <= {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"}
