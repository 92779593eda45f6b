"""The fold SQLite's ``unicode61`` tokenizer applies, done once per word in Python.

The store's FTS5 table uses the ``ascii`` tokenizer (schema 7): it splits on ASCII punctuation
and spaces only and copies every other byte, about half the CPU of ``unicode61`` (10,000
SaudiNewsNet articles: FTS5 inserts 3.3 -> 1.7 CPU-s with a 64 MiB hash; ``benchmarks/refine_speed.py``).
Everything the store indexes or queries is already words of the search form
(:func:`akhbar.store.text.search_tokens`: ``\\w+`` runs, lower-cased), so the tokenizers differ only
on the few word characters that ``unicode61 remove_diacritics 2`` changes: Latin letters with
diacritics and a few other case folds (``café`` -> ``cafe``, ``É`` -> ``e``, ``µ`` -> ``μ``),
and 21 characters it reads as separators (New Tai Lue vowel signs, two Vedic signs: ``Mc`` in the
Unicode 6.1 tables SQLite uses, ``Lo`` in Python's). :func:`fts_fold` applies exactly that to
the text the store writes into FTS5 and to the words of every MATCH expression, so the index and
every search are the ones the ``unicode61`` table gave (checked on 10,000 articles term by term,
``benchmarks/store_equivalence.py``).

The table (``akhbar/data/fts_fold.json``, 1,269 characters) is read off SQLite itself by
:func:`probe_unicode61` (``python -m akhbar.store.ftsfold`` writes it; a test checks it against the
SQLite in use). A store built with it answers the same whatever SQLite reads it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

_WORD_CHAR = re.compile(r"\w")


@cache
def _table() -> tuple[dict[int, str], re.Pattern[str]]:
    data = json.loads(resources.files("akhbar").joinpath("data/fts_fold.json").read_text(encoding="utf-8"))
    fold: dict[str, str] = data["fold"]
    table = {ord(c): v for c, v in fold.items()}
    chars = "".join(sorted(fold))
    return table, re.compile("[" + re.escape(chars) + "]")


def fts_fold(text: str) -> str:
    """``text`` (words of the search form, spaces, newlines) as SQLite's ``unicode61
    remove_diacritics 2`` tokenizer would fold it: each character it changes replaced by its fold,
    each character it reads as a separator by a space; ``text`` itself when it has none (the common
    case: Arabic and ASCII words). ``"café iphone"`` -> ``"cafe iphone"``; ``"الاوروبي"`` unchanged.
    Never raises on a ``str``."""
    table, pattern = _table()
    if pattern.search(text) is None:
        return text
    return text.translate(table)


def probe_unicode61() -> dict[str, str]:
    """``{char: fold}`` for every non-ASCII character Python's ``\\w`` matches that SQLite's
    ``unicode61 remove_diacritics 2`` tokenizer (in the ``sqlite3`` this Python uses) does not keep
    as it is: the folded character, or ``" "`` for a separator. Raises ``ValueError`` when a word
    character folds to nothing or to more than one character (the table could not express it).
    About 2 CPU-seconds (one FTS5 document of 133,000 probes)."""
    import sqlite3

    chars = [c for c in map(chr, range(0x80, 0x110000))
             if not 0xD800 <= ord(c) <= 0xDFFF and _WORD_CHAR.match(c)]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)")
    con.execute("INSERT INTO f (rowid, x) VALUES (1, ?)", (" ".join(f"q{c}q" for c in chars),))
    terms = dict(con.execute("SELECT offset, term FROM v"))
    con.close()
    out: dict[str, str] = {}
    pos = 0
    for c in chars:  # "qCq" is one token "q<fold>q", or two tokens "q", "q" when C separates
        t = terms[pos]
        if t == "q":
            if terms.get(pos + 1) != "q":
                raise ValueError(f"U+{ord(c):04X}: unexpected tokens")
            out[c] = " "
            pos += 2
            continue
        f = t[1:-1]
        if len(f) != 1:
            raise ValueError(f"U+{ord(c):04X} folds to {f!r}")
        if f != c:
            out[c] = f
        pos += 1
    return out


def write_table(path: Path | None = None) -> Path:
    """Write :func:`probe_unicode61`'s table to ``akhbar/data/fts_fold.json`` (or ``path``)."""
    import sqlite3

    path = path or Path(__file__).resolve().parents[1] / "data" / "fts_fold.json"
    data = {"source": "SQLite FTS5 tokenizer 'unicode61 remove_diacritics 2' (akhbar.store.ftsfold.probe_unicode61, "
                      f"SQLite {sqlite3.sqlite_version}): the non-ASCII word characters it folds or reads as separators",
            "fold": probe_unicode61()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_table())
