"""How much SaudiNewsNet dev-gold furniture akhbar.corpus.repeated catches on its own.

Pass 1 observes every SaudiNewsNet page (site = the record's ``source``, lines = ``content`` split on
newlines); pass 2 flags, in the 20 records of ../shared/gold/saudinewsnet_dev.jsonl, whole lines that
``is_repeated`` and the leading/trailing runs cut by ``strip_repeated_affixes`` (applied to every line).
Scores (non-space characters): furniture recall = gold furniture characters flagged / all gold furniture
characters; an item counts as caught when >= 80% of its characters are flagged; false-positive rate =
flagged characters outside gold furniture / characters of the clean bodies. Also prints, per site, the
share of all lines flagged and the most frequent learned lines.

Usage: python benchmarks/dedup_furniture.py [--grid]
"""

from __future__ import annotations

import argparse
import collections
import json
import time

from dedup_common import SHARED, machine, saudinewsnet

from akhbar.corpus.repeated import RepeatedLines

GOLD = SHARED / "gold" / "saudinewsnet_dev.jsonl"


def line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def flagged_spans(rl: RepeatedLines, site: str, text: str) -> list[tuple[int, int]]:
    spans = []
    for a, b in line_spans(text):
        line = text[a:b]
        if not line.strip():
            continue
        if rl.is_repeated(site, line):
            spans.append((a, b))
            continue
        _, (s, e) = rl.strip_repeated_affixes(site, line)
        if s > 0:
            spans.append((a, a + s))
        if e < len(line):
            spans.append((a + e, b))
    return spans


def score(rl: RepeatedLines, gold: list[dict]) -> dict:
    fur_total = fur_hit = fp = clean = items = caught = 0
    per_label = collections.Counter()
    per_label_caught = collections.Counter()
    missed = []
    for g in gold:
        text = g["content"]
        flag = [False] * len(text)
        for a, b in flagged_spans(rl, g["source"], text):
            for i in range(a, b):
                flag[i] = True
        is_fur = [False] * len(text)
        for f in g["furniture"]:
            s = f["start"]
            e = s + len(f["text"])
            n = sum(1 for i in range(s, e) if not text[i].isspace())
            h = sum(1 for i in range(s, e) if not text[i].isspace() and flag[i])
            fur_total += n
            fur_hit += h
            items += 1
            per_label[f["label"]] += 1
            for i in range(s, e):
                is_fur[i] = True
            if n and h >= 0.8 * n:
                caught += 1
                per_label_caught[f["label"]] += 1
            else:
                missed.append((g["source"], f["label"], f["text"][:50]))
        fp += sum(1 for i, c in enumerate(text) if flag[i] and not is_fur[i] and not c.isspace())
        clean += sum(1 for c in g["clean_body"] if not c.isspace())
    return {"char_recall": fur_hit / fur_total, "items": items, "caught": caught, "fp_rate": fp / clean,
            "fp_chars": fp, "per_label": per_label, "per_label_caught": per_label_caught, "missed": missed}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", action="store_true", help="also try other min_pages/min_fraction values")
    args = ap.parse_args()
    print(f"machine: {machine()}")
    import zipfile

    gold = [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]
    for g in gold:
        with zipfile.ZipFile(SHARED / g["file"]) as zf:
            g["content"] = json.loads(zf.read(g["member"]))[g["index"]]["content"]
    pages = [(r["source"], r["content"].split("\n")) for r in saudinewsnet()]
    settings = [{}]
    if args.grid:
        settings += [{"affix_min_words": aw, "affix_fraction_factor": af, "min_fraction": mf}
                     for aw in (2, 3) for af in (1.0, 2.0) for mf in (0.002, 0.004)]
    print(f"pages: {len(pages)}; gold records: {len(gold)}")
    print()
    print("| min_pages | min_fraction | affix_min_words | affix_fraction_factor | learn s | furniture chars caught | items caught (>=80%) |"
          " false-positive chars / clean chars |")
    print("|---|---|---|---|---|---|---|---|")
    best = None
    for kw in settings:
        rl = RepeatedLines(**kw)
        t = time.perf_counter()
        for site, lines in pages:
            rl.observe(site, lines)
        rl.freeze()
        secs = time.perf_counter() - t
        s = score(rl, gold)
        print(f"| {rl.min_pages} | {rl.min_fraction} | {rl.affix_min_words} | {rl.affix_fraction_factor} | {secs:.1f} | {s['char_recall']:.3f} | {s['caught']}/{s['items']}"
              f" | {s['fp_rate']:.4f} ({s['fp_chars']} chars) |")
        if best is None:
            best = (rl, s)
    rl, s = best
    print()
    print("default setting, by label: " + ", ".join(
        f"{k} {s['per_label_caught'][k]}/{v}" for k, v in sorted(s["per_label"].items())))
    for m in s["missed"]:
        print(f"  missed: {m}")
    print()
    print("| site | pages counted | lines flagged (share of all non-empty lines) | most frequent flagged lines |")
    print("|---|---|---|---|")
    by_site = collections.defaultdict(collections.Counter)
    tot = collections.Counter()
    for site, lines in pages:
        for line in lines:
            if line.strip():
                tot[site] += 1
                if rl.is_repeated(site, line):
                    by_site[site][line.strip()[:40]] += 1
    for site in sorted(tot):
        c = by_site[site]
        top = "; ".join(f"{k} ({v})" for k, v in c.most_common(3))
        print(f"| {site} | {rl.pages(site)} | {sum(c.values()) / tot[site]:.3f} | {top} |")


if __name__ == "__main__":
    main()
