"""Train the learned line labeller (``akhbar.page.linemodel``): ``python -m akhbar.page.linemodel_train``.

A build-time script; refining never trains. Data, read in place:

- the open-web development set, ``benchmarks/data/openweb/pages_*.jsonl`` (line labels made from
  its annotations: the line holding the first body sentence is ``B``, the headline's line ``T``,
  credit lines ``M``, every other line above the body ``F``; below the body start the rules'
  labels stand in);
- the 11 HTML gold pages' text renderings, ``../shared/gold/pages/*.txt`` with their ``text_lines``
  labels (title -> ``T`` on the headline's lines, ``F`` on a deck; dateline, byline, source -> ``M``; body -> ``B``; the rest ``F``);
- the SaudiNewsNet gold, ``../shared/gold/saudinewsnet_dev.jsonl`` (a line inside a furniture span
  is ``M`` for bylines, datelines and agency tags, ``F`` otherwise; the rest ``B``).

Reproducible: fixed example order, crfsuite's L-BFGS is deterministic for a given input; the
model file is byte-identical from run to run on one platform. Writes
``akhbar/data/line_model.crfsuite`` (or ``--out``) and prints the training counts.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import zipfile
from pathlib import Path

from akhbar.model import Page, RawRecord
from akhbar.page.linemodel import LineModel, features, window
from akhbar.page.lineshape import squash

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("AKHBAR_SHARED", ROOT.parent / "shared"))
OPENWEB = ROOT / "benchmarks" / "data" / "openweb"
OUT = Path(__file__).resolve().parents[1] / "data" / "line_model.crfsuite"
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}
COARSE = {"title": "T", "dateline": "M", "byline": "M", "source": "M", "body": "B"}

Example = tuple[list[dict], list[str]]


def lines_view(rec: RawRecord):
    """``(page, infos, rule_labels, rules_start)`` after the text route's stages up to ``lines``
    and the rules of ``akhbar.page.drafts``; None when a stage rejects the record."""
    from akhbar.page import metadata as md
    from akhbar.page.drafts import DraftBuilder
    from akhbar.pipeline import Settings, pipeline_stages
    from akhbar.stages.base import PageWork

    settings = Settings(quality=False, mentioned_dates=False, line_model=None)
    page = Page(id=rec.id, text="", url=rec.url, source=rec.source, record_id=rec.id,
                crawl_date=rec.crawl_date, meta=dict(rec.meta), work=PageWork(content=rec.content))
    for st in pipeline_stages(settings, "text"):
        page = st.fn(page, settings)
        if page.rejection is not None:
            return None
        if st.name == "lines":
            break
    infos = page.work.infos
    bld = DraftBuilder(page.text, infos, md.clean_title(page.meta.get("title")), page.meta.get("author"),
                       page.url)
    bld.run()
    if bld.start is None:
        return None
    return page, infos, bld.labels, bld.start


def _example(rec: RawRecord, label_of) -> Example | None:
    """Features and labels of ``rec``'s lead window; ``label_of(infos, rules, text)`` gives one
    label per line (or None to skip the page)."""
    view = lines_view(rec)
    if view is None:
        return None
    page, infos, rules, (_t, b) = view
    labels = label_of(infos, rules, page.text)
    if labels is None:
        return None
    if "B" in labels:
        b_true = labels.index("B")
        lo, hi = window(len(infos), b)
        if not lo <= b_true < hi:  # keep the true start inside the window
            b = b_true
    lo, hi = window(len(infos), b)
    return features(infos, rules, b, lo, hi, rec.url), labels[lo:hi]


def openweb_examples(recs: list[dict]) -> list[Example]:
    """Training sequences from open-web development records (dicts as in ``openweb_check.load``)."""
    out = []
    for r in recs:
        if not r.get("body_start"):
            continue
        want = r["body_start"].split()
        title = squash(r["title"]) if r.get("title") else None
        credits = [squash(c["text"]) for c in r.get("credits", [])]

        def label_of(infos, rules, text, want=want, title=title, credits=credits):
            labels = []
            b = None
            for i, li in enumerate(infos):
                t = squash(li.text)
                if b is None and " ".join(want) in t:
                    b = i
                    labels.append("B")
                elif b is not None:
                    labels.append("B" if rules[i] == "body" else "F")
                elif title and (t == title or (title in t and len(t) <= len(title) + 40)):
                    labels.append("T")
                elif any(c and (c in t or t in c) for c in credits):
                    labels.append("M")
                else:
                    labels.append("F")
            return labels if b is not None else None

        rec = RawRecord(id=r["id"], source=r["url"], content=r["text"], url=r["url"])
        ex = _example(rec, label_of)
        if ex is not None:
            out.append(ex)
    return out


def gold_examples(shared: Path = SHARED) -> list[Example]:
    """Training sequences from the HTML gold renderings and the SaudiNewsNet gold (empty when
    ``shared`` is absent)."""
    out: list[Example] = []
    pages = shared / "gold" / "pages"
    for gj in sorted(pages.glob("*.html.json")) if pages.is_dir() else []:
        gold = json.loads(gj.read_text(encoding="utf-8"))
        txt = (pages / (gj.name[: -len(".html.json")] + ".txt")).read_text(encoding="utf-8")
        glines = txt.split("\n")
        glab = {n: lab for n, lab in gold["text_lines"]}

        headline = squash(gold.get("title") or "")

        def label_of(infos, rules, text, glines=glines, glab=glab, headline=headline):
            labels, k = [], 0
            for li in infos:
                t = squash(li.text)
                j = k
                while j < len(glines) and t not in squash(glines[j]):
                    j += 1
                if j == len(glines):
                    labels.append("F")
                    continue
                k = j
                lab = COARSE.get(glab.get(j + 1, ""), "F")
                if lab == "T" and headline and headline not in t:
                    lab = "F"  # a deck/standfirst: the gold labels it "title", the headline is T
                labels.append(lab)
            return labels

        rec = RawRecord(id=gold["id"], source=gold["url"], content=txt, url=gold["url"])
        ex = _example(rec, label_of)
        if ex is not None:
            out.append(ex)
    snn = shared / "gold" / "saudinewsnet_dev.jsonl"
    if snn.exists():
        from akhbar.sources.jsonfmt import record_from_obj

        cache: dict[str, list] = {}
        for line in snn.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            if g["file"] not in cache:
                with zipfile.ZipFile(shared / g["file"]) as zf:
                    cache[g["file"]] = json.loads(zf.read(g["member"]))
            rec = record_from_obj(cache[g["file"]][g["index"]], g["id"], g["id"])
            furn = [(squash(f["text"]), f["label"]) for f in g["furniture"]]

            def label_of(infos, rules, text, furn=furn):
                labels = []
                for li in infos:
                    t = squash(li.text)
                    hit = next((lab for f, lab in furn if t and t in f), None)
                    if hit is None:
                        labels.append("B")
                    else:
                        labels.append("M" if hit in ("byline", "dateline", "agency_tag") else "F")
                return labels

            ex = _example(rec, label_of)
            if ex is not None:
                out.append(ex)
    return out


def train(examples: list[Example], params: dict | None = None) -> LineModel:
    """Train a ``LineModel`` on ``(features, labels)`` sequences (deterministic)."""
    import pycrfsuite

    tr = pycrfsuite.Trainer(verbose=False)
    for xs, ys in examples:
        tr.append(xs, ys)
    tr.set_params(dict(PARAMS, **(params or {})))
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "m.crfsuite")
        tr.train(path)
        return LineModel(Path(path).read_bytes())


def main(argv=None) -> int:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from openweb_check import load

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    ow = openweb_examples([r for r in load(OPENWEB)])
    gd = gold_examples()
    model = train(ow + gd)
    args.out.write_bytes(model.data)
    n_lines = sum(len(y) for _, y in ow + gd)
    print(f"trained on {len(ow)} open-web pages + {len(gd)} gold pages ({n_lines} lines) -> {args.out}"
          f" ({len(model.data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
