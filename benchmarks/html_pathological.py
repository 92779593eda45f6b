"""CPU time of the HTML route on pathological pages (issue 18): many tiny paragraphs, huge flat
text, ``<br>`` runs, deep nesting, one long line.

For each page shape and size it prints the CPU seconds (``time.process_time``) of
``akhbar.html.body.trafilatura_paragraphs`` (trafilatura with its readability and jusText
fallbacks), of the same with jusText's own quadratic ``revise_paragraph_classification``
(``--original``; slow: 16,000 paragraphs take ~30 s), and of the whole ``akhbar.refine_html``
(no per-page time limit). The ``label``/``time`` shapes make trafilatura's extraction "unclean"
so that it asks jusText.

Usage: python benchmarks/html_pathological.py [--shapes label,time,tiny_p,...] [--sizes 2000,4000,8000] [--original]
Prints a Markdown table: shape, paragraphs, MB, trafilatura s, jusText-original s, refine_html s, outcome.
"""

from __future__ import annotations

import argparse
import sys
import time

W = "أعلنت وزارة الصحة"
SHAPES = {
    "label": lambda n: "<html><body><div>" + "".join(f"<p>{W}<label>{i}</label></p>" for i in range(n)) + "</div></body></html>",
    "time": lambda n: "<html><body><div>" + "".join(f"<p><time>{i}</time> {W}</p>" for i in range(n)) + "</div></body></html>",
    "tiny_p": lambda n: "<html><body>" + "".join(f"<p>{W} {i}</p>" for i in range(n)) + "</body></html>",
    "links": lambda n: "<html><body><div>" + "".join(f"<p><a href='/{i}'>{W} {i}</a></p>" for i in range(n)) + "</div></body></html>",
    "br": lambda n: "<html><body><div>" + "".join(f"{W} {i}<br>" for i in range(n)) + "</div></body></html>",
    "flat": lambda n: "<html><body><div>" + (W + " ") * (n * 3) + "</div></body></html>",
    "deep": lambda n: "<html><body>" + "<div>" * n + W + "</div>" * n + "</body></html>",
    "one_line": lambda n: "<html><body><p>" + "x" * (n * 50) + "</p></body></html>",
}


def _cpu(fn) -> tuple[float, object]:
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shapes", default="label,time,tiny_p,links,br,flat,deep,one_line")
    ap.add_argument("--sizes", default="2000,4000,8000")
    ap.add_argument("--original", action="store_true", help="also time jusText's own (quadratic) revision")
    a = ap.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    import justext.core
    import trafilatura.external as te

    import akhbar
    from akhbar.html.body import trafilatura_paragraphs
    from akhbar.html.justext_linear import install

    print("| shape | n | MB | trafilatura s | jusText-original s | refine_html s | outcome |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for shape in a.shapes.split(","):
        for n in (int(x) for x in a.sizes.split(",")):
            html = SHAPES[shape](n)
            install()
            t_lin, _ = _cpu(lambda: trafilatura_paragraphs(html, None))  # noqa: B023
            t_orig = "-"
            if a.original:
                import akhbar.html.justext_linear as jl

                keep = jl.install
                jl.install = lambda: None  # trafilatura_paragraphs calls it: leave jusText's own in place
                te.revise_paragraph_classification = justext.core.revise_paragraph_classification
                t_orig = f"{_cpu(lambda: trafilatura_paragraphs(html, None))[0]:.2f}"  # noqa: B023
                jl.install = keep
                install()
            t_all, page = _cpu(lambda: akhbar.refine_html(html, max_page_cpu_seconds=None))  # noqa: B023
            out = page.rejection.reason if page.rejection else f"{len(page.articles)} article(s)"
            print(f"| {shape} | {n:,} | {len(html.encode()) / 1e6:.2f} | {t_lin:.2f} | {t_orig} | {t_all:.2f} | {out} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
