"""Input readers: files, directories, archives and standard input -> a stream of ``RawRecord | Rejection``.

``iter_inputs(paths)`` walks every input in order (directories recursively, in sorted
order; hidden files and folders such as ``.DS_Store`` and ``.git/``, AppleDouble ``._foo`` files,
editor swap and backup files and data-folder READMEs are skipped and counted, see ``skip_reason``)
and picks a reader by the file's first bytes, falling back to its name:

| kind | reader | records |
|---|---|---|
| plain text (.txt, anything textual) | ``text.iter_text_file`` | one page per file |
| JSON Lines (.jsonl, .jsonl.gz; a file whose first line is a JSON object by itself) | ``jsonfmt.iter_jsonl`` | one page per line: ``text``/``content``/``html`` (an ``html`` field takes the HTML route) + optional ``id``, ``url``, ``title``, ``date`` ... |
| JSON document (.json: an array, or an object written over many lines) | ``jsonfmt.iter_json_array`` | one page per element (SaudiNewsNet days, Common Crawl samples); an object is one record |
| zip of JSON arrays (or of pages) | ``jsonfmt.iter_zip`` | SaudiNewsNet's format; other members by content (``members``) |
| ANT corpus (.tar.gz/.tar.xz, or loose TREC-like .txt) | ``ant.iter_ant_*`` | one page per ``<DOC>``; other tarball members by content (``members``: HTML and text pages, JSON) |
| HTML (.html, .htm, .html.gz) | ``akhbar.sources.html.iter_html_file`` | one page per file |
| WARC (.warc, .warc.gz) | ``akhbar.sources.warc.iter_warc`` | one page per HTTP 200 response (HTML or plain text) or resource record; other statuses are "http_status" rejections |
| Parquet | ``akhbar.sources.parquet.iter_parquet`` | one page per row |

Readers never raise on bad input: an unreadable file, a truncated archive, a zip member
that does not inflate, a record without text, invalid or too deeply nested JSON becomes a
``Rejection`` (reason "read_error" or "bad_record") carrying the input's id and location, so
every input record is accounted for; a JSON Lines line over ``jsonfmt.MAX_LINE_BYTES`` and an
archive member over its limit (``members.member_limit``) are "too_large" rejections. What is not a regular file (a named pipe, socket or
device found in a directory) is never opened: one "read_error" ("not a regular file"). Lone
surrogates in JSON strings (``"\\ud800"`` escapes) are read as U+FFFD.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from akhbar.model import RawRecord, Rejection
from akhbar.wideunicode import wide_unicode

Item = RawRecord | Rejection


#: Names of files that are documentation of a data folder, not pages (shared/data keeps them).
_DOC_NAMES = frozenset(["SOURCE.md", "README.md", "LICENSE"])
#: Operating-system metadata files that are not hidden by their name.
_OS_FILES = frozenset(["Thumbs.db", "desktop.ini", "Icon\r"])


def skip_reason(name: str, is_dir: bool = False) -> str | None:
    """Why a directory walk skips the file or directory called ``name``, or None to read it.

    Reasons: "appledouble" (``._foo``: macOS resource forks on foreign file systems),
    "editor_file" (swap, lock, autosave and backup files: vim ``.foo.swp``/``.swo``..., emacs
    ``.#foo`` and ``#foo#``, ``foo~``), "hidden_directory" (``.git/``, ``.svn/``, ``.cache/``:
    not walked), "hidden_file" (any other name starting with "." such as ``.DS_Store``),
    "os_metadata" (``Thumbs.db``, ``desktop.ini``), "documentation" (``README.md``,
    ``SOURCE.md``, ``LICENSE``).  Files named explicitly on the command line are never skipped.
    """
    if name.startswith("._"):
        return "appledouble"
    if is_dir:
        return "hidden_directory" if name.startswith(".") and name not in (".", "..") else None
    if (name.startswith(".") and _SWAP.fullmatch(name)) or name.startswith(".#") or \
            (len(name) > 2 and name.startswith("#") and name.endswith("#")) or (len(name) > 1 and name.endswith("~")):
        return "editor_file"
    if name.startswith("."):
        return "hidden_file"
    if name in _OS_FILES:
        return "os_metadata"
    if name in _DOC_NAMES:
        return "documentation"
    return None


#: vim swap files: ``.name.swp``, then ``.swo``, ``.swn`` ... down to ``.swa``, and ``.sw[a-p]x``.
_SWAP = re.compile(r"\..+\.s[a-w][a-p]x?|\.sw[a-p]x?")


#: Files that mark a directory as an akhbar refine output (not walked for input: "akhbar_output").
_OUTPUT_MARKERS = ("manifest.json", "articles.parquet")


def _output_reason(d: Path) -> str | None:
    """"akhbar_output" when directory ``d`` holds a refine output (its manifest and articles), else None:
    refining a folder that holds an earlier run's output must not read that output back as pages."""
    return "akhbar_output" if all((d / m).is_file() for m in _OUTPUT_MARKERS) else None


def expand(paths: list[str | Path], skipped: Counter[str] | None = None) -> list[Path | str]:
    """Inputs as files in a stable order: directories are walked recursively, sorted; "-" is kept.

    In a walked directory, hidden files and folders, editor and OS leftovers, data-folder
    documentation (``skip_reason``) and sub-folders holding an akhbar refine output (a
    ``manifest.json`` beside ``articles.parquet``: "akhbar_output") are skipped; when ``skipped`` is given, each skipped file or
    folder adds 1 to ``skipped[reason]`` (the run's manifest reports them)."""
    out: list[Path | str] = []
    for p in paths:
        if str(p) == "-":
            out.append("-")
            continue
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                keep = []
                for d in sorted(dirs):
                    why = skip_reason(d, is_dir=True) or _output_reason(Path(root) / d)
                    if why is None:
                        keep.append(d)
                    elif skipped is not None:
                        skipped[why] += 1
                dirs[:] = keep  # os.walk descends only into these, in this order
                for f in sorted(files):
                    why = skip_reason(f)
                    if why is None:
                        out.append(Path(root) / f)
                    elif skipped is not None:
                        skipped[why] += 1
        else:
            out.append(p)
    return out


def sniff(path: Path) -> str:
    """Kind of a file by content first, then name: "warc", "html", "parquet", "jsonl", "json", "zip",
    "ant", "tar", "text", "binary"; "special" for what is not a regular file (never opened) and
    "unreadable". UTF-16 and UTF-32 files (with or without BOM, ``akhbar.wideunicode.wide_unicode``) are
    sniffed on their decoded text: "html", "json", "jsonl" or "text", never "binary". A file starting with "{" is "jsonl" when its first line is a JSON value by itself,
    else "json" (one document, e.g. pretty-printed over many lines); markup inside such a file
    (JSON records with an ``html`` field) does not make it "html"."""
    name = path.name.lower()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "special"  # a named pipe, socket or device: opening it can block forever
        with open(path, "rb") as f:
            head = f.read(4096)
    except (OSError, ValueError):
        return "unreadable"
    if head[:4] == b"PAR1":
        return "parquet"
    if head[:4] == b"PK\x03\x04":
        return "zip"
    inner = head
    if head[:2] == b"\x1f\x8b":
        try:
            with open(path, "rb") as f:
                inner = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(f.read(65536), 4096)
        except zlib.error:
            inner = b""
        if name.endswith((".tar.gz", ".tgz")):
            return "tar"
    if head[:6] == b"\xfd7zXZ\x00" or name.endswith((".tar.xz", ".tar", ".tar.bz2")):
        return "tar"
    wide = None if head[:2] == b"\x1f\x8b" else wide_unicode(head)
    if wide is not None:  # UTF-16/32: sniff the text, not the bytes with their NULs
        inner = head[wide[1] :].decode(wide[0], "ignore").encode("utf-8")
    s = inner.lstrip(b"\xef\xbb\xbf \t\r\n")
    if wide is None and s.startswith(b"WARC/"):
        return "warc"
    if wide is None and (s[:5] == b"<DOC>" or b"<DOCNO>" in s[:200]):
        return "ant"
    low = s[:512].lower()
    # markup inside a JSON record ({"html": "<html>..."}) does not make the file HTML
    if low.startswith((b"<!doctype html", b"<html")) or (s[:1] not in (b"{", b"[") and (
            b"<html" in low or b"<head" in low or b"<body" in low)):
        return "html"
    if s[:1] == b"[":
        return "json"
    if s[:1] == b"{" and wide is not None:
        return "jsonl" if _wide_first_line_is_json(path, wide[0]) else "json"
    if s[:1] == b"{":
        return "jsonl" if _first_line_is_json(path, head[:2] == b"\x1f\x8b") else "json"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    if name.endswith((".json", ".json.gz")):
        return "json"
    if wide is None and b"\x00" in (inner if head[:2] == b"\x1f\x8b" else head)[:1024]:
        return "binary"
    return "text"


#: Longest first line read to tell JSON Lines from one pretty-printed JSON document.
_FIRST_LINE_MAX = 8 << 20


def _first_line_is_json(path: Path, gz: bool) -> bool:
    """Whether the first non-blank line of a file that starts with "{" is a JSON value by itself
    (JSON Lines), rather than the start of one document written over many lines (issue 17). A
    first line longer than ``_FIRST_LINE_MAX`` or a file that cannot be read counts as JSON Lines,
    as before (the JSON Lines reader reports what is wrong with each line)."""
    import gzip

    from akhbar.sources.jsonfmt import loads

    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
            line = b""
            while not line.strip(b"\xef\xbb\xbf \t\r\n"):
                line = f.readline(_FIRST_LINE_MAX)
                if not line:
                    return True
    except (OSError, EOFError, zlib.error):
        return True
    if len(line) >= _FIRST_LINE_MAX and not line.endswith(b"\n"):
        return True
    line = line.strip(b" \t\r\n")
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        loads(line)
    except ValueError:
        # "{", '{"key": [' ...: the start of a document over many lines, or a broken first record
        return not _is_one_document(path, gz)
    return True


def _wide_first_line_is_json(path: Path, codec: str) -> bool:
    """``_first_line_is_json`` for a UTF-16/32 file (lines are split on the decoded text)."""
    from akhbar.sources.jsonfmt import loads

    try:
        with open(path, "rb") as f:
            text = f.read(_FIRST_LINE_MAX).decode(codec, "replace").lstrip("\ufeff \t\r\n")
    except OSError:
        return True
    try:
        loads(text.split("\n", 1)[0])
    except ValueError:
        return False  # one document over many lines (iter_json_file reports when it is not)
    return True


def _is_one_document(path: Path, gz: bool) -> bool:
    """Whether the whole file parses as one JSON document (read only when the first line is no
    JSON value by itself: rare for JSON Lines)."""
    import gzip

    from akhbar.sources.jsonfmt import loads

    try:
        data = gzip.decompress(path.read_bytes()) if gz else path.read_bytes()
        loads(data)
    except (OSError, EOFError, ValueError, zlib.error):
        return False
    return True


def iter_inputs(paths: list[str | Path]) -> Iterator[Item]:
    """Every record of every input, in input order (see module docstring)."""
    from akhbar.sources import ant, jsonfmt, text

    for p in expand(paths):
        if p == "-":
            yield from text.iter_stdin(sys.stdin.buffer)
            continue
        assert isinstance(p, Path)
        kind = sniff(p)
        try:
            if kind == "unreadable":
                yield Rejection(p.name, str(p), "read_error", f"{p}: cannot open file")
            elif kind == "special":
                yield Rejection(p.name, str(p), "read_error", f"{p}: not a regular file (a named pipe, socket or device); skipped")
            elif kind == "text":
                yield from text.iter_text_file(p)
            elif kind == "jsonl":
                yield from jsonfmt.iter_jsonl(p)
            elif kind == "json":
                yield from jsonfmt.iter_json_file(p)
            elif kind == "zip":
                yield from jsonfmt.iter_zip(p)
            elif kind == "ant":
                yield from ant.iter_ant_file(p)
            elif kind == "tar":
                yield from ant.iter_tar(p)
            elif kind == "html":
                from akhbar.sources import html

                yield from html.iter_html_file(p)
            elif kind == "warc":
                from akhbar.sources import warc

                yield from warc.iter_warc(p)
            elif kind == "parquet":
                from akhbar.sources import parquet

                yield from parquet.iter_parquet(p)
            else:
                yield Rejection(p.name, str(p), "binary", f"{p}: binary file of unknown kind")
        except Exception as e:  # a reader bug must not end the run
            yield Rejection(p.name, str(p), "read_error", f"{p}: {type(e).__name__}: {e}".replace("\n", " ")[:300])


def input_kind(path: Path) -> str:
    """Public alias of ``sniff``."""
    return sniff(path)
