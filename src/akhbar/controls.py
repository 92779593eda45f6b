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


def strip_controls(s: str) -> str:
    """``s`` without ``CONTROLS`` characters (deleted, not replaced): str -> str, never raises."""
    return s if s.isprintable() or not CONTROLS.search(s) else CONTROLS.sub("", s)
