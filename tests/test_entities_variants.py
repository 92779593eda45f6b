"""Variant merging on the two pair sets of benchmarks/data (issue 16 acceptance) and the open-web rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from akhbar.entities.merge import canonical_form, rule_key, skeleton
from akhbar.entities.normalize import fold

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"


def _rows(name: str) -> list[dict]:
    path = DATA / name
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _score(rows, fn) -> tuple[float, float]:
    tp = fp = fn_ = 0
    for r in rows:
        merged = fn(r["a"], r["type"]) == fn(r["b"], r["type"])
        tp += merged and r["same"]
        fp += merged and not r["same"]
        fn_ += (not merged) and r["same"]
    return tp / (tp + fp), tp / (tp + fn_)


def test_openweb_pairs_are_new_and_seen():
    """At least 50 variant and 30 look-alike pairs, none in the older set; each spelling is in the
    context recorded from the stored page it was seen on."""
    old = {frozenset((fold(r["a"]), fold(r["b"]))) for r in _rows("entity_variants.jsonl")}
    rows = _rows("entity_variants_openweb.jsonl")
    assert sum(r["same"] for r in rows) >= 50 and sum(not r["same"] for r in rows) >= 30
    for r in rows:
        assert r["type"] in ("PER", "LOC", "ORG") and r["query"], r
        assert frozenset((fold(r["a"]), fold(r["b"]))) not in old, r
        assert r["seen_a"].startswith("http") and r["seen_b"].startswith("http"), r
        assert r["a"] in r["context_a"] and r["b"] in r["context_b"], r


def test_combined_acceptance():
    """Issue 16: canonical_form precision >= 0.98 and recall >= 0.95 on both sets together."""
    rows = _rows("entity_variants.jsonl") + _rows("entity_variants_openweb.jsonl")
    precision, recall = _score(rows, canonical_form)
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall


def test_rules_alone_on_openweb():
    """The rules without the curated table keep their measured level on the open-web pairs."""
    precision, recall = _score(_rows("entity_variants_openweb.jsonl"), rule_key)
    assert precision >= 0.98, precision
    assert recall >= 0.90, recall


@pytest.mark.parametrize(
    ("a", "b"),
    [("بيدج", "بيج"), ("كامبريدج", "كامبريج"), ("انفيديا", "نيفيديا"), ("ارودغان", "اردوغان"), ("اوغوستو", "اغوستو")],
)
def test_skeleton_open_web_rules(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(
    ("a", "b", "typ", "same"),
    [
        ("البوندستاج", "بوندستاغ", "ORG", True),
        ("اليونيسف", "يونيسيف", "ORG", True),
        ("مارين لوبان", "مارين لوبن", "PER", True),
        ("البلدة", "بيلد", "ORG", False),  # a short word after the article is Arabic
        ("شاكيري", "شكري", "PER", False),  # dropping vowels would spell a protected name
        ("أياكس", "يوكوس", "ORG", False),  # initial alef kept: skeleton too short without it
        ("أمريكا", "مايوركا", "LOC", False),  # no initial-alef rule for places
    ],
)
def test_rule_key_open_web_rules(a, b, typ, same):
    assert (rule_key(a, typ) == rule_key(b, typ)) is same
