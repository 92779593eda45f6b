"""Pathological HTML (issue 18): trafilatura's jusText fallback is linear with the same result,
and a 5 MB page of tiny paragraphs finishes in bounded work."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

justext_core = pytest.importorskip("justext.core")

from akhbar.html.justext_linear import revise_paragraph_classification


@dataclass
class _P:
    cf_class: str
    heading: bool
    text: str
    class_type: str = ""


def _paras(rng: random.Random, n: int) -> list[_P]:
    classes = rng.choice([("short",), ("short", "bad"), ("short", "neargood"), ("short", "good", "bad", "neargood"),
                          ("good", "bad", "neargood"), ("short", "short", "short", "good")])
    return [_P(rng.choice(classes), rng.random() < 0.2, "x" * rng.choice([0, 1, 5, 40, 160])) for _ in range(n)]


def test_linear_revision_gives_jusTexts_classes() -> None:
    rng = random.Random(18)
    for trial in range(3000):
        n = rng.choice([0, 1, 2, 3, 5, 8, 20, 60])
        a = _paras(rng, n)
        b = [_P(p.cf_class, p.heading, p.text) for p in a]
        dist = rng.choice([0, 10, 150, 200])
        justext_core.revise_paragraph_classification(a, dist)
        revise_paragraph_classification(b, dist)
        assert [p.class_type for p in a] == [p.class_type for p in b], trial


W = "أعلنت وزارة الصحة"


def _count_calls(monkeypatch, module, name: str) -> list[int]:
    """Count calls of ``module.name`` (wrapped, same behaviour)."""
    calls = [0]
    orig = getattr(module, name)

    def counted(*a, **k):
        calls[0] += 1
        return orig(*a, **k)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_tiny_paragraphs_reach_jusText_without_its_quadratic_walk(monkeypatch) -> None:
    """20,000 tiny paragraphs whose ``<label>`` makes trafilatura's extraction "unclean", so it asks
    jusText: jusText's own revision would walk ~n^2/2 = 2e8 neighbours (16,000 such paragraphs
    took 29 s CPU); the linear revision runs instead, and jusText's neighbour walk never does."""
    import trafilatura.external as te

    from akhbar.html.body import trafilatura_paragraphs

    walks = _count_calls(monkeypatch, justext_core, "_get_neighbour")
    rescues = _count_calls(monkeypatch, te, "justext_rescue")
    n = 20_000
    html = "<html><body><div>" + "".join(f"<p>{W}<label>{i}</label></p>" for i in range(n)) + "</div></body></html>"
    paras = trafilatura_paragraphs(html, None)
    assert rescues[0] >= 1, "the page no longer reaches the jusText fallback: make it pathological again"
    assert walks[0] == 0
    assert len(paras) == n


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["labels", "br"])
def test_5mb_pathological_page_is_bounded(monkeypatch, kind: str) -> None:
    """A 5 MB page of ~100,000 tiny paragraphs (or ``<br>`` lines) is refined without asking
    trafilatura (over ``MAX_TRAFILATURA_LINES`` rendered lines), without a timeout, and every
    line is labelled once: the work is linear in the lines."""
    import trafilatura

    import akhbar
    from akhbar.html.article import MAX_TRAFILATURA_LINES

    extractions = _count_calls(monkeypatch, trafilatura, "bare_extraction")
    item = (lambda i: f"<p>{W}<label>{i}</label></p>") if kind == "labels" else (lambda i: f"{W} {i}<br>")
    parts, size, i = [], 0, 0
    while size < 5_000_000:
        parts.append(item(i))
        size += len(parts[-1].encode("utf-8"))
        i += 1
    page = akhbar.refine_html("<html><body><div>" + "".join(parts) + "</div></body></html>")
    assert extractions[0] == 0
    assert page.rejection is None or page.rejection.reason != "timeout"
    assert len(page.lines) >= i > MAX_TRAFILATURA_LINES
