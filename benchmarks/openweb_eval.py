"""Score akhbar's text route on the open-web development set (``benchmarks/data/openweb``).

Fields scored per page (see ``benchmarks/data/openweb/README.md`` for the annotations):

- **title**: on pages that print a headline, the main article's title equals it (whitespace
  collapsed, tatweel and format characters dropped, outer punctuation ignored);
- **no_title**: on pages that print none, akhbar does not claim a printed title (no title, or
  ``title_source`` other than ``"page"``: derived from an export header, the URL or the first sentence);
- **date**: on pages that show a publication date, ``published[:10]`` equals it;
- **no_date**: on pages whose text shows none, no publication date read from the text
  (``published`` null, or the date the URL path carries);
- **body_start**: the main body's first tokens equal the annotated first 8 tokens of the first
  body sentence;
- **boilerplate**: share of the annotated boilerplate-before-body and credit strings (≥ 2 words)
  kept out of the body;
- **entities** (``--entities``, ``--entities-only``; ``--tagger accurate``): recall of the annotated PER/LOC/ORG surface forms by
  ``akhbar.entities.recognize`` (exact surface form and type), per type.

With ``--cv K`` the learned line labeller is trained K times, each time without the pages of the
outlets it is then scored on (folds grouped by outlet: leave-outlet-out), so every score is on
outlets the model never saw. ``--model shipped`` scores the model shipped in the package;
``--model none`` the rules alone.

Usage::

    python benchmarks/openweb_eval.py [--model none|shipped|cv] [--cv 5] [--misses FIELD] [--entities]
    python benchmarks/openweb_eval.py --entities-only [--tagger fast|accurate]   # entity recall alone
    python benchmarks/openweb_eval.py --entities-only --half look --entity-misses ORG   # misses, look half

``AKHBAR_NER_PATTERNS=0`` in the environment scores the recognizer without its pattern pass (on by
default). ``--half look|held`` scores a fixed half of the outlets (``half_of``): entity misses were
read, and lists tuned, on the look half only (issue 16, entities6 onwards); the held half is outlets
nobody read for that work.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from openweb_check import load, outlet_of

_FMT = re.compile(r"[\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Persian/Urdu letter forms akhbar's normalization maps to Arabic (ی ک ہ), and presentation forms
_LETTERS = str.maketrans({"ی": "ي", "ک": "ك", "ہ": "ه", "ﻹ": "لإ", "ﻷ": "لأ", "ﻻ": "لا", "ﻵ": "لآ"})
_EDGE = " \t\n.,:;،؛!?؟\"'«»“”()[]-–—|…*"


def url_date(url: str) -> str | None:
    from akhbar.stages.dates import url_date as ud

    return ud(url)


def norm(s: str | None) -> str:
    """Comparison form: NFC, tatweel/format characters dropped, Persian letter forms and lam-alef
    ligatures folded, whitespace collapsed, outer
    punctuation stripped."""
    if not s:
        return ""
    s = _FMT.sub("", unicodedata.normalize("NFC", s)).translate(_LETTERS)
    return " ".join(s.split()).strip(_EDGE)


def tokens(s: str) -> list[str]:
    return [t for t in (x.strip(_EDGE) for x in norm(s).split()) if t]


def main_article(page):
    arts = [a for a in page.articles if a.role == "main"] or page.articles
    return arts[0] if arts else None


def score_page(rec: dict, page) -> dict:
    """Per-field outcome of one page: ``{field: True/False}`` (a field absent when it does not apply)."""
    art = main_article(page) if page.rejection is None else None
    out: dict[str, bool] = {}
    title = getattr(art, "title", None)
    tsrc = getattr(art, "title_source", None)
    if rec["title"]:
        out["title"] = norm(title) == norm(rec["title"])
    else:
        out["no_title"] = not (bool(title) and tsrc in (None, "page"))
    pub = getattr(art, "published", None)
    if rec["date"]:
        out["date"] = bool(pub) and pub[:10] == rec["date"]
    else:
        # a date written in the URL path is evidence too (``published_source == "url"``)
        out["no_date"] = not pub or getattr(art, "published_source", None) == "url" or pub[:10] == url_date(rec["url"])
    body = " ".join(art.body) if art else ""
    if rec["body_start"]:
        want = tokens(rec["body_start"])
        got = tokens(body)[: len(want)]
        out["body_start"] = got == want
    junk = [b for b in rec["boilerplate_before_body"] + [c["text"] for c in rec["credits"]]
            if len(b.split()) >= 2]
    if junk and rec["body_start"]:
        nb = norm(body)
        out["boilerplate"] = all(norm(b) not in nb for b in junk)
    return out


def refine(rec: dict, settings):
    from akhbar.pipeline import refine_text

    return refine_text(rec["text"], url=rec["url"], settings=settings)


def folds(recs: list[dict], k: int) -> list[list[int]]:
    """Indexes of ``recs`` in ``k`` folds grouped by outlet (deterministic: outlets sorted by
    name, assigned round-robin by descending page count)."""
    by_outlet = collections.defaultdict(list)
    for i, r in enumerate(recs):
        by_outlet[r.get("outlet") or outlet_of(r["url"])].append(i)
    order = sorted(by_outlet, key=lambda o: (-len(by_outlet[o]), o))
    out: list[list[int]] = [[] for _ in range(k)]
    for n, o in enumerate(order):
        min(out, key=len).extend(by_outlet[o]) if n >= k else out[n].extend(by_outlet[o])
    return out


def run(recs: list[dict], model: str, k: int) -> list[dict]:
    from akhbar.pipeline import Settings

    results: list[dict] = [{} for _ in recs]
    if model == "cv":
        from akhbar.page import linemodel_train as linemodel

        for test in folds(recs, k):
            held = {recs[i].get("outlet") or outlet_of(recs[i]["url"]) for i in test}
            train = [r for r in recs if (r.get("outlet") or outlet_of(r["url"])) not in held]
            m = linemodel.train(linemodel.openweb_examples(train) + linemodel.gold_examples())
            settings = Settings(quality=False, line_model=m)
            for i in test:
                results[i] = score_page(recs[i], refine(recs[i], settings))
        return results
    if model == "none":
        settings = Settings(quality=False, line_model=None)
    else:
        settings = Settings(quality=False)
    for i, r in enumerate(recs):
        results[i] = score_page(r, refine(r, settings))
    return results


def half_of(rec: dict) -> str:
    """``"look"`` or ``"held"``: a fixed half of the outlets (sha256 of the outlet id, first byte
    even -> look). Misses are read, and lists tuned, on the look half only; the held half scores
    outlets nobody looked at for the entity work of issue 16 (entities6 onwards)."""
    import hashlib

    outlet = rec.get("outlet") or outlet_of(rec["url"])
    return "look" if hashlib.sha256(outlet.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def entity_recall(recs: list[dict], tagger: str = "fast", misses: str = "") -> dict[str, tuple[int, int]]:
    """``{type: (found, gold)}`` over ``recs``; ``misses``: comma-separated types (or ``all``)
    whose missed gold entities to print with their context and the entities found over them."""
    from akhbar.entities import recognize

    want = {t for t in misses.split(",") if t}
    hit: collections.Counter = collections.Counter()
    tot: collections.Counter = collections.Counter()
    for r in recs:
        ents = recognize(r["text"], tagger)
        found = {(e.text, e.type) for e in ents}
        for e in r["entities"]:
            tot[e["type"]] += 1
            ok = (e["text"], e["type"]) in found
            hit[e["type"]] += ok
            if not ok and (e["type"] in want or "all" in want):
                print_miss(r, e, ents)
    return {t: (hit[t], tot[t]) for t in sorted(tot)}


def print_miss(rec: dict, gold: dict, ents) -> None:
    """One missed gold entity: its first occurrence in context and the entities found over it."""
    text = rec["text"]
    i = text.find(gold["text"])
    a, b = i, i + len(gold["text"])
    ctx = " ".join(text[max(0, a - 40) : min(len(text), b + 40)].split())
    over = [f"{e.type}:{e.text}" for e in ents if e.span[0] < b and e.span[1] > a]
    same = [f"{e.type}@{e.span[0]}" for e in ents if e.text == gold["text"]]
    print(f"MISS {gold['type']} {rec['id']} [{gold['text']}] over={over} same={same}\n    {ctx}")


def print_entities(recs: list[dict], tagger: str, misses: str = "") -> None:
    """Print the entity recall table (per type and all) with the tagger, the pattern pass setting
    (``AKHBAR_NER_PATTERNS``) and the wall and CPU time of the recognition."""
    import os

    t0, c0 = time.perf_counter(), time.process_time()
    rec_by = entity_recall(recs, tagger, misses)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"entities: tagger={tagger}, AKHBAR_NER_PATTERNS={os.environ.get('AKHBAR_NER_PATTERNS', '1')}")
    print(f"{'entity type':<16} {'found':>8} {'gold':>6} {'recall':>7}")
    h = sum(a for a, _ in rec_by.values())
    t = sum(b for _, b in rec_by.values())
    for ty, (a, b) in rec_by.items():
        print(f"{ty:<16} {a:>8} {b:>6} {a / b if b else 0:>7.3f}")
    print(f"{'all':<16} {h:>8} {t:>6} {h / t if t else 0:>7.3f}")
    print(f"entity time: {wall:.1f} s wall, {cpu:.1f} s CPU ({len(recs)} pages)")


FIELDS = ("title", "no_title", "date", "no_date", "body_start", "boilerplate")


def table(results: list[dict]) -> list[tuple[str, int, int]]:
    rows = []
    for f in FIELDS:
        vals = [r[f] for r in results if f in r]
        rows.append((f, sum(vals), len(vals)))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", choices=("none", "shipped", "cv"), default="cv")
    ap.add_argument("--cv", type=int, default=5, help="number of outlet-grouped folds (default 5)")
    ap.add_argument("--misses", default="", help="comma-separated fields whose misses to print")
    ap.add_argument("--entities", action="store_true", help="also score entity recall")
    ap.add_argument("--entities-only", action="store_true", help="score entity recall alone (no page fields)")
    ap.add_argument("--tagger", choices=("fast", "accurate"), default="fast", help="entity tagger (default fast)")
    ap.add_argument("--half", choices=("all", "look", "held"), default="all",
                    help="entity scoring on a fixed half of the outlets (see half_of): look = the half whose "
                         "misses were read, held = outlets never looked at")
    ap.add_argument("--entity-misses", default="", help="comma-separated types (PER,LOC,ORG or all) whose "
                    "missed gold entities to print (with --entities-only)")
    args = ap.parse_args(argv)
    recs = [r for r in load() if r.get("text")]
    if not recs:
        print("no pages under benchmarks/data/openweb")
        return 1
    if args.entities_only:
        if args.half != "all":
            recs = [r for r in recs if half_of(r) == args.half]
            print(f"half {args.half}: {len(recs)} pages")
        print_entities(recs, args.tagger, args.entity_misses)
        return 0
    t0, c0 = time.perf_counter(), time.process_time()
    results = run(recs, args.model, args.cv)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    n_out = len({r.get("outlet") or outlet_of(r["url"]) for r in recs})
    print(f"open-web development set: {len(recs)} pages, {n_out} outlets; model={args.model}"
          + (f", {args.cv}-fold leave-outlet-out" if args.model == "cv" else ""))
    print(f"{'field':<16} {'correct':>8} {'pages':>6} {'share':>7}")
    for f, ok, n in table(results):
        print(f"{f:<16} {ok:>8} {n:>6} {ok / n if n else 0:>7.3f}")
    print(f"time: {wall:.1f} s wall, {cpu:.1f} s CPU")
    if args.entities:
        print_entities(recs, args.tagger)
    want = {f for f in args.misses.split(",") if f}
    if want:
        from akhbar.pipeline import Settings

        for r, res in zip(recs, results):
            for f in sorted(want):
                if res.get(f) is False:
                    page = refine(r, Settings(quality=False))
                    art = main_article(page)
                    got = {"title": getattr(art, "title", None), "date": getattr(art, "published", None),
                           "body_start": " ".join(tokens(" ".join(art.body))[:8]) if art else None}
                    print(f"- {f} {r['id']} {r['url'][:70]}\n    want: {r.get(f) if f != 'no_date' else None}"
                          f"\n    got:  {got.get(f.replace('no_', ''), got.get(f))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
