"""Body extraction on the public ScrapingHub article-extraction benchmark: akhbar vs trafilatura.

Input: a copy of https://github.com/scrapinghub/article-extraction-benchmark (MIT licence; 181
English news pages, ``html/<id>.html.gz``, ground truth ``ground-truth.json`` with each page's
``articleBody`` and ``url``). Its files are never copied into this repository. Where it is looked
for, first found wins:

1. ``--root PATH``: a checkout (a folder holding ``ground-truth.json``) or a bare git directory;
2. the environment variable ``AKHBAR_AEB_ROOT`` (same forms);
3. the mirror ``/work/.mirror/scrapinghub+article-extraction-benchmark`` (its ``repo`` bare git
   directory); a bare git directory is read with ``git archive HEAD`` into a temporary folder.

Without it the script prints one line saying so and exits 0.

Scored, on the same pages in the same run:

* akhbar: ``akhbar.refine_html(html, url=url, languages=(), quality=False, entities=False,
  html_engine=--engine)``
  (every language kept: the pages are English); the article body is the main article's
  paragraphs joined by newlines, empty when the page is rejected;
* trafilatura: ``trafilatura.extract(html, url=url)`` with its default settings
  (``--trafilatura-as-benchmark``: ``include_comments=False`` and no url, as the benchmark's own
  ``extractors/run_trafilatura.py`` calls it).

Scoring: the benchmark's own ``evaluate.py``, imported from the copy (not re-implemented):
``string_shingle_matching`` (token 4-gram shingles of ``articleBody``, per page normalised TP/FP/FN),
``metrics_from_tp_fp_fns`` (mean per-page precision and recall, F1 of those means, as the
benchmark's README table reports) and ``evaluate`` (bootstrap standard deviations,
``--n-bootstrap``, seeded for a stable table). Per-page F1 = 2PR/(P+R) of that page's precision
and recall.

Prints: the machine, the input, per system mean F1/P/R (± bootstrap std) and CPU seconds of the
extraction calls (``time.process_time``; akhbar's includes its whole page pipeline); the count of
pages where akhbar's F1 < 0.8 while trafilatura's > 0.95; the 10 pages with akhbar's lowest F1
(both F1s). ``--json FILE`` writes the per-page scores.

Usage: ``python benchmarks/html_aeb.py [--root PATH] [--limit N] [--json out.json]``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MIRROR = Path("/work/.mirror/scrapinghub+article-extraction-benchmark")
ENV = "AKHBAR_AEB_ROOT"


def _is_bare_git(p: Path) -> bool:
    return (p / "HEAD").is_file() and (p / "objects").is_dir()


def find_root(arg: str | None) -> Path | None:
    """The benchmark's folder or bare git directory, or None (see module docstring)."""
    for cand in (arg, os.environ.get(ENV), str(MIRROR)):
        if not cand:
            continue
        p = Path(cand)
        for q in (p, p / "repo"):
            if (q / "ground-truth.json").is_file() or _is_bare_git(q):
                return q
        if arg and cand == arg:
            return None  # an explicit root that is not the benchmark: do not look elsewhere
    return None


def checkout(root: Path, tmp: Path) -> Path:
    """A folder with ``ground-truth.json``, ``evaluate.py`` and ``html/``: ``root`` itself, or the
    bare git directory's ``HEAD`` extracted into ``tmp`` with ``git archive``."""
    if (root / "ground-truth.json").is_file():
        return root
    out = subprocess.run(["git", "--git-dir", str(root), "archive", "--format=tar", "HEAD",
                          "ground-truth.json", "evaluate.py", "html"], check=True, capture_output=True).stdout
    tar = tmp / "aeb.tar"
    tar.write_bytes(out)
    with tarfile.open(tar) as t:
        t.extractall(tmp, filter="data")
    return tmp


def load_evaluate(folder: Path) -> Any:
    """The benchmark's ``evaluate.py`` as a module."""
    spec = importlib.util.spec_from_file_location("aeb_evaluate", folder / "evaluate.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def akhbar_body(html: str, url: str | None, engine: str = "trafilatura") -> str:
    from akhbar import refine_html

    page = refine_html(html, url=url, languages=(), quality=False, entities=False, html_engine=engine)
    main = next((a for a in page.articles if a.role == "main"), None)
    return "\n".join(main.body) if main else ""


def trafilatura_body(html: str, url: str | None, as_benchmark: bool) -> str:
    import trafilatura

    if as_benchmark:
        return trafilatura.extract(html, include_comments=False) or ""
    return trafilatura.extract(html, url=url) or ""


def page_prf(ev: Any, tp_fp_fn: tuple[float, float, float]) -> tuple[float, float, float]:
    """(precision, recall, F1) of one page with the benchmark's precision/recall scores."""
    p = ev.precision_score(*tp_fp_fn)
    r = ev.recall_score(*tp_fp_fn)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", help=f"benchmark checkout or bare git directory (else ${ENV}, else {MIRROR})")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pages (sorted ids)")
    ap.add_argument("--n-bootstrap", type=int, default=1000, help="bootstrap samples for the ± columns")
    ap.add_argument("--trafilatura-as-benchmark", action="store_true",
                    help="call trafilatura as the benchmark's run_trafilatura.py does (include_comments=False)")
    ap.add_argument("--json", help="write per-page scores here")
    ap.add_argument("--engine", default="trafilatura", choices=("trafilatura", "resiliparse"),
                    help="akhbar's HTML engine (Settings.html_engine)")
    args = ap.parse_args()
    root = find_root(args.root)
    if root is None:
        print(f"article-extraction-benchmark not found (--root, ${ENV} or {MIRROR}): skipped")
        return
    import trafilatura

    with tempfile.TemporaryDirectory(prefix="aeb-") as tmp:
        folder = checkout(root, Path(tmp))
        ev = load_evaluate(folder)
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        ids = sorted(truth)
        if args.limit:
            ids = ids[: args.limit]
        pages = []
        for k in ids:
            with gzip.open(folder / "html" / f"{k}.html.gz", "rt", encoding="utf-8") as f:
                pages.append((k, truth[k].get("url"), f.read()))
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()} "
          f"trafilatura {trafilatura.__version__}")
    print(f"input: {root} ({len(pages)} pages); scoring: the benchmark's evaluate.py (imported)\n")

    preds: dict[str, dict[str, dict[str, str]]] = {"akhbar": {}, "trafilatura": {}}
    cpu = {"akhbar": 0.0, "trafilatura": 0.0}
    for k, url, html in pages:
        t0 = time.process_time()
        preds["akhbar"][k] = {"articleBody": akhbar_body(html, url, args.engine)}
        t1 = time.process_time()
        preds["trafilatura"][k] = {"articleBody": trafilatura_body(html, url, args.trafilatura_as_benchmark)}
        t2 = time.process_time()
        cpu["akhbar"] += t1 - t0
        cpu["trafilatura"] += t2 - t1

    gt = {k: truth[k] for k, _, _ in pages}
    metrics = {}
    per_page: dict[str, dict[str, tuple[float, float, float]]] = {}
    for name, pred in preds.items():
        random.seed(0)  # the bootstrap's ± columns, stable from run to run
        metrics[name] = ev.evaluate(gt, pred, args.n_bootstrap)
        per_page[name] = {k: page_prf(ev, t) for k, t in zip(gt, metrics[name]["tp_fp_fns"], strict=True)}

    hdr = f"{'system':12} {'F1':>13} {'precision':>13} {'recall':>13} {'accuracy':>13} {'CPU s':>7} {'ms/page':>8}"
    print(hdr)
    print("-" * len(hdr))
    for name, m in metrics.items():
        print(f"{name:12} {m['f1']:.3f} ± {m['f1_std']:.3f} {m['precision']:.3f} ± {m['precision_std']:.3f} "
              f"{m['recall']:.3f} ± {m['recall_std']:.3f} {m['accuracy']:.3f} ± {m['accuracy_std']:.3f} "
              f"{cpu[name]:7.1f} {1000 * cpu[name] / max(1, len(pages)):8.1f}")
    a, t = per_page["akhbar"], per_page["trafilatura"]
    bad = [k for k in gt if a[k][2] < 0.8 and t[k][2] > 0.95]
    print(f"\npages where akhbar F1 < 0.8 while trafilatura F1 > 0.95: {len(bad)}")
    print(f"pages where akhbar F1 < trafilatura F1 - 0.02: {sum(a[k][2] < t[k][2] - 0.02 for k in gt)}; "
          f"above + 0.02: {sum(a[k][2] > t[k][2] + 0.02 for k in gt)}")
    print("\nworst 10 pages by akhbar F1 (P/R/F1 each)")
    print(f"{'id':14} {'akhbar P':>8} {'R':>5} {'F1':>5} {'traf P':>7} {'R':>5} {'F1':>5}  url")
    for k in sorted(gt, key=lambda k: (a[k][2], k))[:10]:
        print(f"{k[:14]:14} {a[k][0]:8.2f} {a[k][1]:5.2f} {a[k][2]:5.2f} {t[k][0]:7.2f} {t[k][1]:5.2f} {t[k][2]:5.2f}"
              f"  {(gt[k].get('url') or '')[:70]}")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"cpu_seconds": cpu, "metrics": {n: {x: v for x, v in m.items() if x != "tp_fp_fns"}
                                             for n, m in metrics.items()},
             "pages": {k: {"url": gt[k].get("url"), "akhbar": a[k], "trafilatura": t[k]} for k in gt}},
            indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
