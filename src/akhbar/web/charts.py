"""Small inline SVG charts (no JavaScript, no external files), all labels escaped.

Each function returns ``markupsafe.Markup`` holding one ``<svg>`` element that a
template can embed as it is. Sizes are in CSS pixels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup, escape

_BAR = "#2f6f8f"


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if n >= 10 or n == int(n) else f"{n:.2f}"


def bar_chart(
    pairs: Sequence[Sequence], *, width: int = 720, height: int = 180, label: str = "", fill_days: bool = True
) -> Markup:
    """Vertical bars for ``[(x_label, value), ...]`` in the given order (e.g. articles per day).

    When ``fill_days`` and the labels are ISO dates, missing days between the first
    and the last are drawn as zero bars (so gaps show). Each bar has a ``<title>``
    tooltip "label: value". Returns an empty ``Markup`` for no data.
    """
    data = [(str(k), float(v)) for k, v in pairs]
    if not data:
        return Markup("")
    if fill_days and len(data) > 1:
        try:
            days = {dt.date.fromisoformat(k): v for k, v in data}
            d0, d1 = min(days), max(days)
            if (d1 - d0).days <= 3660:
                data = [
                    ((d0 + dt.timedelta(i)).isoformat(), days.get(d0 + dt.timedelta(i), 0.0))
                    for i in range((d1 - d0).days + 1)
                ]
        except ValueError:
            pass
    pad_l, pad_b, pad_t = 56, 26, 12
    w, h = width - pad_l - 8, height - pad_b - pad_t
    vmax = max(v for _, v in data) or 1.0
    bw = min(w / len(data), 36.0)  # few bars stay narrow
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" direction="ltr" aria-label="{escape(label)}">'),
        f'<line x1="{pad_l}" y1="{pad_t + h}" x2="{pad_l + w}" y2="{pad_t + h}" stroke="#888"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" font-size="13">{_fmt(vmax)}</text>',
        f'<text x="{pad_l - 4}" y="{pad_t + h}" text-anchor="end" font-size="13">0</text>',
    ]
    for i, (k, v) in enumerate(data):
        bh = h * v / vmax
        x = pad_l + i * bw
        parts.append(
            f'<rect x="{x + 0.1 * bw:.1f}" y="{pad_t + h - bh:.1f}" width="{max(0.8 * bw, 1):.1f}" '
            f'height="{bh:.1f}" fill="{_BAR}"><title>{escape(k)}: {_fmt(v)}</title></rect>'
        )
    ticks = {0, len(data) - 1} | ({len(data) // 2} if len(data) > 4 else set())
    for i in sorted(ticks):
        x = pad_l + (i + 0.5) * bw
        anchor = "start" if i == 0 else ("end" if i == len(data) - 1 else "middle")
        parts.append(
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="{anchor}" font-size="13">{escape(data[i][0])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def hbar_chart(pairs: Sequence[Sequence], *, width: int = 600, row: int = 24, label: str = "") -> Markup:
    """Horizontal bars for ``[(name, value), ...]`` (e.g. articles per publisher), one row each.

    Names are drawn right-aligned at the right edge (RTL pages) with the bar to their left.
    """
    data = [(str(k), float(v)) for k, v in pairs]
    if not data:
        return Markup("")
    name_w, num_w = 190, 64
    bar_w = width - name_w - num_w - 8
    height = row * len(data) + 6
    vmax = max(v for _, v in data) or 1.0
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" direction="ltr" aria-label="{escape(label)}">')
    ]
    for i, (k, v) in enumerate(data):
        y = 3 + i * row
        bl = bar_w * v / vmax
        x_name = width - 4
        x_bar_end = width - name_w
        parts.append(
            f'<text x="{x_name}" y="{y + row * 0.7:.1f}" text-anchor="end" font-size="14" unicode-bidi="plaintext">'
            f"{escape(k[:28])}</text>"
            f'<rect x="{x_bar_end - bl:.1f}" y="{y + 2}" width="{bl:.1f}" height="{row - 5}" fill="{_BAR}">'
            f"<title>{escape(k)}: {_fmt(v)}</title></rect>"
            f'<text x="{x_bar_end - bl - 4:.1f}" y="{y + row * 0.7:.1f}" text-anchor="end" font-size="13" '
            f'>{_fmt(v)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


#: Timeline label font size (px) and the width one character takes there, for lane packing
#: (an estimate for Arabic/Latin outlet names in the page's sans-serif fonts).
TL_FONT, TL_CHAR_W = 13, 7.5
#: Label lanes below the axis; a label that fits in none is left out of the chart (the dot
#: keeps its tooltip, and the list under the chart names every article).
TL_LANES = 6


def _lanes(xs: Sequence[float], widths: Sequence[float], gap: float = 6.0, lanes: int = TL_LANES) -> list[int | None]:
    """Greedy interval packing: the lane (0..lanes-1) of each label centred at ``xs[i]`` with
    width ``widths[i]`` so that no two labels in a lane overlap, or None when none is free.
    ``xs`` must be sorted."""
    ends = [float("-inf")] * lanes
    out: list[int | None] = []
    for x, w in zip(xs, widths, strict=True):
        left = x - w / 2
        for k in range(lanes):
            if left >= ends[k] + gap:
                ends[k] = x + w / 2
                out.append(k)
                break
        else:
            out.append(None)
    return out


def _spread(fracs: Sequence[float], x0: float, x1: float, min_gap: float = 22.0) -> list[float]:
    """x positions in ``[x0, x1]`` for sorted time fractions ``fracs`` (0..1), at least
    ``min(min_gap, (x1 - x0) / (n - 1))`` apart, so that articles of the same day or minute
    (a crawl date, a day-precision date) do not sit on one dot. Order is kept; when all times
    are equal the dots are centred."""
    n = len(fracs)
    w = x1 - x0
    if n == 1:
        return [x0 + w / 2]
    gap = min(min_gap, w / (n - 1))
    xs: list[float] = []
    for f in fracs:
        xs.append(max(f * w, xs[-1] + gap) if xs else f * w)
    if xs[-1] > w:  # pushed past the end: squeeze back in, keeping gaps
        xs = [x * w / xs[-1] for x in xs]
    if fracs[-1] == fracs[0]:
        shift = (w - xs[-1]) / 2
        xs = [x + shift for x in xs]
    return [x0 + x for x in xs]


def timeline(items: Sequence[tuple[str, str, str]], *, width: int = 720, label: str = "") -> Markup:
    """A time axis with one dot per ``(iso_datetime_or_date, name, anchor_id)``, oldest on the left.

    Dots link to ``#anchor_id`` on the same page; ``name`` (e.g. the publisher) is the tooltip
    and a label under the dot. Labels are packed into up to ``TL_LANES`` rows so that none
    overlaps another (:func:`_lanes`); consecutive dots of the same name at the same spot share
    one label ("name ×3"); a label that still does not fit is left out (its dot keeps the
    tooltip). Items without a parseable date are skipped.
    """
    pts = []
    for when, name, anchor in items:
        try:
            t = dt.datetime.fromisoformat(when) if "T" in (when or "") else dt.datetime.fromisoformat(when[:10])
        except (TypeError, ValueError):
            continue
        if t.tzinfo is not None:
            t = t.astimezone(dt.UTC).replace(tzinfo=None)
        pts.append((t, name, anchor, when))
    if not pts:
        return Markup("")
    pts.sort(key=lambda p: p[0])
    t0, t1 = pts[0][0], pts[-1][0]
    span = (t1 - t0).total_seconds() or 1.0
    pad = 70
    axis_y = 34
    xs = _spread([(t - t0).total_seconds() / span for t, *_ in pts], pad, width - pad)
    # one label per run of the same name at (nearly) the same x
    groups: list[list[int]] = []
    for i, (_, name, _, _) in enumerate(pts):
        if groups and pts[groups[-1][0]][1] == name and xs[i] - xs[groups[-1][0]] < 4:
            groups[-1].append(i)
        else:
            groups.append([i])
    texts = [pts[g[0]][1][:20] + (f" ×{len(g)}" if len(g) > 1 else "") for g in groups]
    gx = [xs[g[0]] for g in groups]
    lanes = _lanes(gx, [TL_CHAR_W * len(t) + 4 for t in texts])
    used = max((k for k in lanes if k is not None), default=0) + 1
    row = TL_FONT + 7
    height = axis_y + 24 + row * used
    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" role="img" width="{width}" '
         f'height="{height}" viewBox="0 0 {width} {height}" direction="ltr" aria-label="{escape(label)}">'),
        f'<line x1="{pad}" y1="{axis_y}" x2="{width - pad}" y2="{axis_y}" stroke="#888"/>',
        (f'<text x="{pad}" y="{axis_y - 12}" font-size="{TL_FONT}" text-anchor="middle">'
         f"{escape(pts[0][3][:16].replace('T', ' '))}</text>"),
        (f'<text x="{width - pad}" y="{axis_y - 12}" font-size="{TL_FONT}" text-anchor="middle">'
         f"{escape(pts[-1][3][:16].replace('T', ' '))}</text>"),
    ]
    for x, (_, name, anchor, when) in zip(xs, pts, strict=True):
        parts.append(
            f'<a href="#{escape(anchor)}"><circle cx="{x:.1f}" cy="{axis_y}" r="6" fill="{_BAR}" fill-opacity="0.8">'
            f"<title>{escape(name)} — {escape(when)}</title></circle></a>"
        )
    for g, text, lane in zip(groups, texts, lanes, strict=True):
        if lane is None:
            continue
        x = xs[g[0]]
        ly = axis_y + 24 + row * lane
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y + 6}" x2="{x:.1f}" y2="{ly - TL_FONT + 1}" stroke="#ccc"/>'
            f'<a href="#{escape(pts[g[0]][2])}"><text x="{x:.1f}" y="{ly}" font-size="{TL_FONT}" '
            f'text-anchor="middle" unicode-bidi="plaintext">{escape(text)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
