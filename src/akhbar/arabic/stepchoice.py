"""The step chooser: which normalization steps a text needs (``steps_clean``, ``steps_normalize``).

The rules are those stated in ``akhbar.arabic.normalize`` (``clean_text``, ``normalize``); the
steps are described in ``akhbar.arabic.steps``.  Cheap checks decide: for a whole page
(``clean_text``) ~25 substring tests; for ``normalize`` one regex scan collects the rare
characters present (``_rare_present``: newline forms, presentation forms, RLM, ZWNJ, deleted
controls and tatweel, Persian/Urdu letters, marks, horizontal whitespace other than U+0020,
and for the search form every decimal digit) instead of ~45 substring scans.  The language of
a text with Persian letters or ZWNJ is decided by ``akhbar.arabic.langid`` when not given.
``tests/test_fastpaths.py`` checks these choosers against the earlier ones.
"""

from __future__ import annotations

from akhbar.arabic import letters as L
from akhbar.arabic.charclass import (
    ARABIC_DIGITS,
    COMMON_MARKS,
    CONTROL_CHARS,
    CONTROLS,
    FINAL_YEH,
    HAS_ARABIC_SCRIPT,
    NEWLINE_CHARS,
    NEWLINE_RUN,
    NEWLINES,
    NONASCII_DIGITS,
    OTHER_SPACE_CHARS,
    PERSIAN_CHARS,
    PRESENTATION_CHAR,
    PRESENTATION_RUN,
    PRESENTATION_SET,
    RARE_MARK_CHARS,
    RARE_MARKS,
    RARE_OR_DIGIT_RUNS,
    RARE_RUNS,
    RLM_RUN,
    SEARCH_REPLACE,
    SPACES,
    ZWNJ_RUN,
)
from akhbar.arabic.steps import (
    ascii_digits,
    fold_final_yeh,
    rlm_halfspace,
    run_steps,
    zwnj_arabic,
    zwnj_clean,
)


def _has_presentation(text: str) -> bool:
    """Any U+FB50-U+FDFF / U+FE70-U+FEFE?  Checked on the UTF-8 bytes first: these code
    points start with byte 0xEF, which Arabic and Latin text rarely contain."""
    if b"\xef" not in text.encode("utf-8", "surrogatepass"):
        return False
    return PRESENTATION_CHAR.search(text) is not None


def _space_steps(text: str, display_newlines: bool) -> list[tuple]:
    """Whitespace steps: horizontal whitespace runs -> one space, none at a line's start or
    end; with ``display_newlines`` also runs of newlines -> one.  (Newline characters other
    than LF were turned into LF before.)"""
    steps: list[tuple] = [("spaces",)]
    if display_newlines:
        steps.append(("squeeze", "\n", NEWLINE_RUN))
    return steps


def _rare_present(text: str, digits: bool = False) -> frozenset[str]:
    """The ``RARE_CLASS`` characters of ``text`` (with ``digits``: also its decimal digits)."""
    runs = (RARE_OR_DIGIT_RUNS if digits else RARE_RUNS).findall(text)
    return frozenset("".join(runs)) if runs else frozenset()


def _has_nonascii_digit(present: frozenset[str]) -> bool:
    """Whether ``present`` (from ``_rare_present(..., digits=True)``) holds a non-ASCII decimal digit,
    i.e. whether ``NONASCII_DIGITS`` can match the text."""
    return any(c.isdecimal() and not c.isascii() for c in present)


def steps_clean(text: str, spaces: bool = True, present: frozenset[str] | None = None) -> list[tuple]:
    """Steps of clean_text that this text needs (cheap checks decide); ``spaces``: add the
    line-preserving whitespace fixes; ``present``: ``_rare_present(text)`` of a non-ASCII text,
    if the caller has it (``steps_normalize``)."""
    steps: list[tuple] = []
    if present is None:
        # a whole page: ~25 substring tests are cheaper than collecting the rare characters
        if any(c in text for c in NEWLINE_CHARS):
            steps.append(("re", NEWLINES, "\n"))
        if text.isascii():
            if spaces:
                steps.extend(_space_steps(text, False))
            return steps
        has_presentation = _has_presentation(text)
        rlm = "\u200f" in text
        controls = [c for c in CONTROL_CHARS if c in text]
        zwnj = "\u200c" in text
    else:
        if not present.isdisjoint(NEWLINE_CHARS):
            steps.append(("re", NEWLINES, "\n"))
        has_presentation = not present.isdisjoint(PRESENTATION_SET)
        rlm = "\u200f" in present
        controls = [c for c in CONTROL_CHARS if c in present]
        zwnj = "\u200c" in present
    if has_presentation:
        steps.append(("trsub", PRESENTATION_RUN, L.presentation_table()))
    if rlm:
        steps.append(("re", RLM_RUN, rlm_halfspace))
    if len(controls) > 3:
        steps.append(("re", CONTROLS, ""))
    else:
        steps.extend(("rep", c, "") for c in controls)
    if zwnj or rlm:
        steps.append(("re", ZWNJ_RUN, zwnj_clean))
    steps.append(("nfc",))  # after the deletions, which can bring a base and a mark together
    if spaces:
        steps.extend(_space_steps(text, False))
    return steps


#: Characters after whose clean steps the later choices may differ: RLM (may become a ZWNJ), ZWNJ
#: (kept or deleted by its neighbours), hamza above (NFC composes ە ہ ے + U+0654 into ۀ ۂ ۓ).
_PROBE_TRIGGERS = frozenset("\u200f\u200c\u0654")


def _clean_changes_choice(present: frozenset[str]) -> bool:
    """Whether the clean steps can change which later steps a text needs (``present``: its rare
    characters): presentation forms, ``_PROBE_TRIGGERS``, or deleted controls in a text whose
    language is identified (Persian letters: the controls change what the identifier reads).
    Otherwise the raw text chooses as its cleaned form would, and the clean pass is saved."""
    if not present.isdisjoint(_PROBE_TRIGGERS) or not present.isdisjoint(PRESENTATION_SET):
        return True
    return not present.isdisjoint(CONTROL_CHARS) and not present.isdisjoint(PERSIAN_CHARS)


def steps_normalize(text: str, form: str, digits: str | None, lang: str | None) -> list[tuple]:
    if form not in ("display", "search"):
        raise ValueError(f"form must be 'display' or 'search', not {form!r}")
    if digits not in (None, "ascii", "keep"):
        raise ValueError(f"digits must be None, 'keep' or 'ascii', not {digits!r}")
    if text.isascii():
        # no Arabic script: only the newline, whitespace and (search) case steps apply
        steps = steps_clean(text, spaces=False)
        has_arabic = False
        probe = text
        present = pp = frozenset()
    else:
        present = _rare_present(text, digits=form == "search")
        steps = steps_clean(text, spaces=False, present=present)
        has_arabic = HAS_ARABIC_SCRIPT.search(text) is not None
        probe = text
        pp = present  # the rare characters of probe
        if has_arabic and _clean_changes_choice(present):
            # The later steps are chosen on the text as the clean steps leave it, which is what a
            # second pass would see: presentation forms folded, an RLM half-space turned into a
            # ZWNJ, controls deleted and NFC applied (ە + hamza above composes into the Persian ۀ,
            # ہ + hamza above into ۂ); choosing them on the raw text made normalize() not
            # idempotent (issue 18).
            probe = run_steps(text, steps)
            pp = _rare_present(probe, digits=form == "search")
    persian = has_arabic and not pp.isdisjoint(PERSIAN_CHARS)
    if has_arabic and lang is None and (persian or "\u200c" in pp):
        from akhbar.arabic.langid import identify_language

        lang = identify_language(probe).code
    if has_arabic and lang == "ar":
        if "\u200c" in pp or "\u200f" in pp:  # an RLM half-space became a ZWNJ
            steps.append(("re", ZWNJ_RUN, zwnj_arabic))
        if persian:
            if "\u06cc" in pp:
                steps.append(("re", FINAL_YEH, fold_final_yeh))
            steps.extend(("rep", a, b) for a, b in L.PERSIAN_TO_ARABIC.items() if a in pp)
    if form == "search" and not text.isascii() and present.isdisjoint(OTHER_SPACE_CHARS):
        # only U+0020 and LF: the search steps below (LF -> space, squeeze, strip) leave every
        # whitespace run one space, as they would after the line-preserving collapse
        pass
    else:
        steps.extend(_space_steps(text, form == "display"))
    if form == "search":
        if has_arabic:
            steps.extend(("rep", c, "") for c in COMMON_MARKS if c in pp)
            if not pp.isdisjoint(RARE_MARK_CHARS):
                steps.append(("re", RARE_MARKS, ""))
            steps.extend(("rep", a, b) for a, b in SEARCH_REPLACE)  # each guarded by ``in``
        steps.append(("rep", "\u200c", ""))  # ZWNJ: no role when matching (any script)
        steps.append(("lower",))
        # no step before this one makes or removes a non-ASCII decimal digit (presentation forms,
        # NFC and lower() never yield one; tests/test_fastpaths.py), so the text's digits decide
        if text.isascii() or _has_nonascii_digit(pp):
            steps.append(("re", NONASCII_DIGITS, ascii_digits))
        steps.append(("rep", "\n", " "))
        steps.append(("squeeze", " ", SPACES))
    elif digits == "ascii" and has_arabic:
        steps.append(("re", ARABIC_DIGITS, ascii_digits))
        steps.extend(("rep", a, b) for a, b in L.DIGIT_SEPARATORS.items())
    if form == "search" or (has_arabic and lang == "ar"):
        steps.append(("nfc",))  # letter folds can make composable pairs (ي + hamza above)
    steps.append(("strip",))
    return steps
