"""Arabic script knowledge: normalization, language identification, tokenization.

Public API (stable; the pipeline relies on it):

* ``clean_text(text) -> str``: cheap, line-preserving decode-time cleaning of a page.
* ``normalize(text, form="display", *, digits=None, lang=None) -> str``.
* ``normalize_with_map(text, form="display", **kw) -> (str, list[int])``.
* ``identify_language(text) -> LanguageGuess(code, script, confidence)``;
  ``identify_lines(text)`` for mixed pages.
* ``tokenize(text) -> list[(word, (start, end))]``.

Order inside the refinery: decode (``akhbar.page.decode``) -> ``clean_text`` ->
``identify_language`` -> ``normalize(..., lang=page_language)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from akhbar.arabic.normalize import clean_text, has_arabic_letters, map_span, normalize, normalize_with_map

if TYPE_CHECKING:
    from akhbar.arabic.langid import LanguageGuess, identify_language, identify_lines
    from akhbar.arabic.tokenize import tokenize

#: Imported on first use (PEP 562): `akhbar search` needs only normalize (saves ~30 ms per command).
_LAZY = {"LanguageGuess": "langid", "identify_language": "langid", "identify_lines": "langid", "tokenize": "tokenize"}


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"akhbar.arabic.{mod}"), name)
    globals()[name] = value
    return value

__all__ = [
    "LanguageGuess",
    "clean_text",
    "has_arabic_letters",
    "identify_language",
    "identify_lines",
    "map_span",
    "normalize",
    "normalize_with_map",
    "tokenize",
]
