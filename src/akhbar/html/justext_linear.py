"""A linear-time, same-result replacement for jusText's context-sensitive paragraph revision.

trafilatura falls back to jusText when its own extraction is short or holds "unclean" elements
(``trafilatura.external.compare_extraction``). jusText 3.0's ``revise_paragraph_classification``
looks, for every "short" and "neargood" paragraph, for the nearest "good"/"bad" paragraph on each
side by walking one paragraph at a time (``justext.core._get_neighbour``), which is quadratic when
most paragraphs are short: a page of 16,000 tiny ``<p>`` paragraphs took 29 s of CPU there
(2,000: 0.5 s; 4,000: 1.8 s; 8,000: 7.3 s; issue 18; ``benchmarks/html_pathological.py``).

``revise_paragraph_classification`` below gives exactly jusText's classes (same algorithm, the
jusText 3.0.2 source of ``justext/core.py``), with the nearest neighbours taken from arrays
filled in one pass each way: O(n) plus the heading steps, which jusText bounds by
``max_heading_distance`` characters. ``install()`` makes trafilatura use it (trafilatura imports
the function into ``trafilatura.external`` by name); it is called by ``akhbar.html.body``
before trafilatura runs. ``tests/test_html_pathological.py`` checks the classes against jusText's
own function on random paragraph sequences.
"""

from __future__ import annotations

from typing import Any

__all__ = ["install", "revise_paragraph_classification"]

_GOOD_OR_BAD = ("good", "bad")


def _nearest(classes: list[str], wanted: tuple[str, ...], step: int) -> list[str]:
    """``out[i]``: the class of the nearest paragraph before (``step`` 1: scanning forward, so
    "before") or after (``step`` -1) ``i`` whose class is in ``wanted``; "bad" when none
    (jusText's ``_get_neighbour``)."""
    n = len(classes)
    out = ["bad"] * n
    last = "bad"
    rng = range(n) if step == 1 else range(n - 1, -1, -1)
    for i in rng:
        out[i] = last
        if classes[i] in wanted:
            last = classes[i]
    return out


def _good_headings(paragraphs: list[Any], max_heading_distance: int, final: bool) -> None:
    """jusText's two heading steps (bounded by ``max_heading_distance`` characters of text)."""
    n = len(paragraphs)
    for i, p in enumerate(paragraphs):
        if final:
            if not (p.heading and p.class_type == "bad" and p.cf_class != "bad"):
                continue
        else:
            p.class_type = p.cf_class
            if not (p.heading and p.class_type == "short"):
                continue
        j, distance = i + 1, 0
        while j < n and distance <= max_heading_distance:
            if paragraphs[j].class_type == "good":
                p.class_type = "good" if final else "neargood"
                break
            distance += len(paragraphs[j].text)
            j += 1


def revise_paragraph_classification(paragraphs: list[Any], max_heading_distance: int = 200) -> None:
    """Set ``class_type`` ("good"/"bad") of jusText ``Paragraph`` objects whose ``cf_class`` was
    set by ``justext.core.classify_paragraphs``; same result as jusText's function of this name,
    in linear time. Returns None (the paragraphs are changed in place)."""
    _good_headings(paragraphs, max_heading_distance, final=False)
    # short paragraphs: judged on the classes before any of them changes
    classes = [p.class_type for p in paragraphs]
    if "short" in classes:
        prev_gb = _nearest(classes, _GOOD_OR_BAD, 1)
        next_gb = _nearest(classes, _GOOD_OR_BAD, -1)
        prev_any = _nearest(classes, ("good", "bad", "neargood"), 1)
        next_any = _nearest(classes, ("good", "bad", "neargood"), -1)
        for i, p in enumerate(paragraphs):
            if classes[i] != "short":
                continue
            prev, nxt = prev_gb[i], next_gb[i]
            if prev == "good" and nxt == "good":
                p.class_type = "good"
            elif prev == "bad" and nxt == "bad":
                p.class_type = "bad"
            elif (prev == "bad" and prev_any[i] == "neargood") or (nxt == "bad" and next_any[i] == "neargood"):
                p.class_type = "good"
            else:
                p.class_type = "bad"
    # neargood paragraphs, in order: each sees the ones before it already revised (so its nearest
    # good/bad predecessor is its direct predecessor, no "short" being left) and the ones after
    # it not yet revised
    classes = [p.class_type for p in paragraphs]
    if "neargood" in classes:
        next_gb = _nearest(classes, _GOOD_OR_BAD, -1)
        for i, p in enumerate(paragraphs):
            if classes[i] != "neargood":
                continue
            prev, j = "bad", i - 1
            while j >= 0:  # one step in practice: no "short" is left and earlier neargood were revised
                if paragraphs[j].class_type in _GOOD_OR_BAD:
                    prev = paragraphs[j].class_type
                    break
                j -= 1
            p.class_type = "bad" if (prev, next_gb[i]) == ("bad", "bad") else "good"
    _good_headings(paragraphs, max_heading_distance, final=True)


def install() -> None:
    """Make trafilatura's jusText fallback use the linear ``revise_paragraph_classification``
    (idempotent; a no-op when trafilatura or jusText is missing or laid out differently)."""
    try:
        import trafilatura.external as te
    except Exception:
        return
    if getattr(te, "revise_paragraph_classification", None) is not None:
        te.revise_paragraph_classification = revise_paragraph_classification
