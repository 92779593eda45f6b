"""C0 control characters in text: deleted wherever text enters akhbar's outputs.

Issue 18: NUL characters in a JSON record's title and text reached the output, and BEL (``\\x07``,
raw or as ``&#7;``) in an HTML heading reached the title. Tab and the line and field separators
(``\\x09``-``\\x0d``, ``\\x1c``-``\\x1f``) are whitespace to ``str.split`` and ``\\s`` and are handled
as whitespace; C1 controls are left to ``akhbar.page.decode`` (a mojibake repair needs them).
"""

from __future__ import annotations

import re

#: C0 control characters other than tab and the line and field separators, and DEL.
CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f]+")


#: The characters of ``CONTROLS``: one substring test each (a C scan) is ~5x cheaper than one
#: search of the class on a page of Arabic text.
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x09), *range(0x0E, 0x1C), 0x7F))


def strip_controls(s: str) -> str:
    """``s`` without ``CONTROLS`` characters (deleted, not replaced): str -> str, never raises."""
    if s.isprintable():  # fails fast, at a page's first newline
        return s
    for c in _CONTROL_CHARS:
        if c in s:
            return CONTROLS.sub("", s)
    return s
