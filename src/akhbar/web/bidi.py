"""Bidirectional-text isolation for the RTL pages (Jinja2 filters returning escaped ``Markup``).

An Arabic page (``dir="rtl"``) that shows a date such as ``2015-07-21T10:00``, a number, a URL
or a Latin fragment next to Arabic words lets the Unicode Bidirectional Algorithm reorder them
with their neighbours: ``2015-07-21`` then reads ``21-07-2015``, a ``·`` separator jumps to the
other side, a Latin name pulls the following digits into its run. Each such value is therefore
wrapped in ``<bdi>`` (HTML's bidi isolate, ``unicode-bidi: isolate``; W3C "Inline markup and
bidirectional text in HTML", https://www.w3.org/International/articles/inline-bidi-markup/):

* :func:`ltr`: ``<bdi dir="ltr">`` for values that are always left-to-right (dates, numbers,
  URLs, ids): a ``<bdi>`` with no strong character would otherwise take ``dir=auto``'s fallback.
* :func:`auto`: ``<bdi>`` (direction from its first strong character) for a value of unknown
  script (a publisher, a title in a list, a place name).
* :func:`date`: a date or date-time, ``T`` shown as a space, cut to minutes, inside ``<time>``.
* :func:`num`: an integer with thousands separators.
* :func:`isolate`: free Arabic text (a snippet, a body paragraph) with each Latin or
  number-with-separator run (``CNN``, ``COVID-19``, ``2015-07-21``, ``https://…``) isolated.

All take any value (``None`` gives an empty ``Markup``) and escape it; none raises.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

#: A run that must not mix with Arabic neighbours: it starts with a Latin letter, a European digit
#: or a URL scheme, may hold spaces and inner punctuation, and ends on a letter, digit or ``%``.
#: Latin letters: Basic Latin and Latin-1/Extended-A/B (U+00C0-U+024F, minus × and ÷).
_L = r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F"
_RUN = re.compile(
    rf"https?://[^\s<>\"]+[^\s<>\".,;:!?)»]"  # a URL (not its trailing sentence punctuation)
    rf"|[{_L}0-9](?:[{_L}0-9 .,:;/\-_'&@%+#]*[{_L}0-9%])?"
)
#: A run of digits only (optionally with one decimal mark) is left alone in :func:`isolate`:
#: European digits next to Arabic letters already read correctly ("عام 2015").
_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def ltr(value: Any) -> Markup:
    """``value`` escaped in ``<bdi dir="ltr">`` (dates, numbers, URLs, ids); ``""`` for None/empty."""
    s = _s(value)
    return Markup('<bdi dir="ltr">') + escape(s) + Markup("</bdi>") if s else Markup("")


def auto(value: Any) -> Markup:
    """``value`` escaped in ``<bdi>`` (direction from its own first strong letter); ``""`` for None/empty."""
    s = _s(value)
    return Markup("<bdi>") + escape(s) + Markup("</bdi>") if s else Markup("")


def num(value: Any) -> Markup:
    """An integer (or numeric string) with ``,`` thousands separators, isolated LTR; other values as :func:`ltr`."""
    try:
        return ltr(f"{int(value):,}")
    except (TypeError, ValueError):
        return ltr(value)


def date(value: Any, length: int = 16) -> Markup:
    """An ISO date/date-time cut to ``length`` characters (16: minutes), ``T`` shown as a space,
    as ``<bdi dir="ltr" class="date"><time datetime="…">…</time></bdi>``; ``""`` for None/empty."""
    s = _s(value).strip()
    if not s:
        return Markup("")
    shown = s[:length].replace("T", " ")
    return Markup('<bdi dir="ltr" class="date"><time datetime="{}">{}</time></bdi>').format(s, shown)


def isolate(text: Any) -> Markup:
    """Escaped ``text`` with each Latin, URL or date/number-with-separators run in ``<bdi>``.

    Plain numbers (``2015``, ``3.5``) are left as they are. Linear in the text length.
    """
    s = _s(text)
    out: list[Markup | str] = []
    pos = 0
    for m in _RUN.finditer(s):
        frag = m.group(0)
        if _PLAIN_NUMBER.fullmatch(frag):
            continue
        out.append(escape(s[pos:m.start()]))
        latin = frag[0].isalpha() or frag.startswith("http")
        out.append((auto if latin else ltr)(frag))
        pos = m.end()
    out.append(escape(s[pos:]))
    return Markup("").join(out)


FILTERS = {"ltr": ltr, "bdi": auto, "num": num, "date": date, "isolate": isolate}

__all__ = ["FILTERS", "auto", "date", "isolate", "ltr", "num"]
