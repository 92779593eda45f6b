"""Corpus passes on real data from ../shared (skipped when absent): ANT samples, SaudiNewsNet furniture."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from akhbar.corpus.dedup import Deduplicator
from akhbar.corpus.repeated import RepeatedLines
from akhbar.quality import check, signals

SHARED = Path(__file__).resolve().parents[2] / "shared"
pytestmark = pytest.mark.real


def _need(p: Path) -> Path:
    if not p.exists():
        pytest.skip(f"{p} not present")
    return p


def _ant_samples() -> list[tuple[str, str]]:
    out = []
    for d in ("antcorpus-jawharafm", "antcorpus-multisource"):
        for f in sorted(_need(SHARED / "data" / d / "sample").rglob("*.txt")):
            raw = f.read_text(encoding="utf-8", errors="replace")
            m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
            t = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.DOTALL)
            if m:
                out.append((t.group(1).strip() if t else "", m.group(1)))
    return out


def test_quality_keeps_ant_samples() -> None:
    docs = _ant_samples()
    assert len(docs) > 100
    rejected = []
    for title, text in docs:
        body = [x.strip() for x in text.split("\n") if x.strip()]
        keep, name, value = check(signals(title, body))
        if not keep and len(" ".join(body).split()) >= 8:
            rejected.append((title, name, value))
    assert len(rejected) <= len(docs) // 100, rejected


def test_ant_samples_not_near_duplicates_of_each_other_by_accident() -> None:
    d = Deduplicator()
    texts = {}
    for i, (_, text) in enumerate(_ant_samples()):
        r = d.check(str(i), text)
        texts[str(i)] = " ".join(text.split())
        if r.kind == "exact":
            assert r.score == 1.0
        if r.dup_of is not None and r.kind == "near":
            # a near duplicate must really share most of its words with its original
            a, b = set(texts[r.dup_of].split()), set(texts[str(i)].split())
            assert len(a & b) / len(a | b) > 0.4


def test_okaz_share_bar_learned_from_okaz_pages() -> None:
    gold_path = _need(SHARED / "gold" / "saudinewsnet_dev.jsonl")
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    g = next(x for x in gold if x["source"] == "okaz" and any(f["label"] == "share" for f in x["furniture"]))
    rl = RepeatedLines()
    for z in sorted(_need(SHARED / "data" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for member in zf.namelist():
                for r in json.loads(zf.read(member)):
                    if r["source"] == "okaz":  # one site, all its pages (sites are learned independently)
                        rl.observe(r["source"], r["content"].split("\n"))
    rl.freeze()
    with zipfile.ZipFile(SHARED / g["file"]) as zf:
        content = json.loads(zf.read(g["member"]))[g["index"]]["content"]
    share = next(f for f in g["furniture"] if f["label"] == "share")
    first = content.split("\n")[0]
    kept, (s, e) = rl.strip_repeated_affixes("okaz", first)
    assert kept == first[s:e]
    assert first[:s].strip() == share["text"].strip()
    assert kept.startswith("أكد")
