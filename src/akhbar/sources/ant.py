"""ANT corpus readers (Chouigui et al., ANT Corpus v1.1 and v2.1): TREC/CLEF-like pseudo-XML.

Each file holds ``<DOC><DOCNO/><URL/><SRC/><CAT/><TITLE/><TIME/><AUTHOR/><ABSTRACT/><TEXT/></DOC>``;
the markup is not guaranteed to be well-formed XML (no escaping), so fields are cut with
regular expressions. Files come loose (.txt) or inside the published tarballs (.tar.gz,
.tar.xz), which are streamed member by member.

A tarball member that is not an ANT file is read as what it is (``akhbar.sources.members``:
HTML and plain-text pages, JSON, JSON Lines; "empty", "too_large", "binary" rejections); README,
LICENSE, hidden and editor members are skipped, as in a directory walk (issue 18: a tarball of
plain pages gave no record and no rejection).
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from pathlib import Path

from akhbar.model import RawRecord, Rejection
from akhbar.sources.members import member_records, read_bounded

_DOC = re.compile(r"<DOC>(.*?)(?:</DOC>|\Z)", re.DOTALL)
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.DOTALL) for k in ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT")}


def parse_ant(text: str, where: str) -> Iterator[RawRecord | Rejection]:
    """Records of one ANT file's text."""
    docs = _DOC.findall(text)
    if not docs:
        yield Rejection(Path(where).name, where, "bad_record", f"{where}: no <DOC> element")
        return
    for k, doc in enumerate(docs):
        f = {}
        for name, rx in _FIELD.items():
            m = rx.search(doc)
            f[name] = m.group(1).strip() if m else ""
        rid = f["DOCNO"] or f"{Path(where).name}#{k}"
        body = f["TEXT"]
        if not body:
            yield Rejection(rid, where, "bad_record", f"{where}: document {rid} has no <TEXT>")
            continue
        meta = {"title": f["TITLE"], "date": f["TIME"], "author": f["AUTHOR"], "publisher": f["SRC"],
                "category": f["CAT"], "abstract": f["ABSTRACT"]}
        yield RawRecord(id=rid, source=where, content=body, url=f["URL"] or None,
                        meta={k: v for k, v in meta.items() if v})


def iter_ant_file(path: Path) -> Iterator[RawRecord | Rejection]:
    """Records of a loose ANT file."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as e:
        yield Rejection(path.name, str(path), "read_error", f"{path}: {e}")
        return
    yield from parse_ant(text, str(path))


def is_ant_member(m: tarfile.TarInfo) -> bool:
    """A tarball member ``iter_tar`` reads (and the unit planner counts): a regular file that
    ``akhbar.sources.members.page_member`` accepts (not README/LICENSE, hidden or editor files).
    Its records come from its content (module docstring)."""
    from akhbar.sources.members import page_member

    return m.isfile() and page_member(m.name)


def iter_tar(path: Path, start: int = 0, stop: int | None = None) -> Iterator[RawRecord | Rejection]:
    """Records of the members ``start`` to ``stop`` (0-based, counting ``is_ant_member`` members) of a
    tarball, streamed in archive order: ANT files by ``parse_ant``, other members by their content
    (module docstring); README, LICENSE and hidden members are skipped. A truncated archive ends
    with a "read_error" rejection."""
    n = 0
    idx = -1
    try:
        with tarfile.open(path, "r|*") as tf:
            for m in tf:
                if not is_ant_member(m):
                    continue
                idx += 1
                if idx < start:
                    continue
                if stop is not None and idx >= stop:
                    break
                where = f"{path}!{m.name}"
                fh = tf.extractfile(m)
                raw = read_bounded(fh, m.name, m.size) if fh is not None else b""
                if "<DOC>" in raw[:200].decode("utf-8", errors="replace"):
                    raw += fh.read() if fh is not None else b""  # an ANT file: read whole, as a loose one
                    recs = parse_ant(raw.decode("utf-8", errors="replace"), where)
                else:
                    recs = member_records(raw, where, m.name, m.size)
                for rec in recs:
                    n += 1
                    yield rec
    except (tarfile.TarError, OSError, EOFError) as e:
        where = f" of members {start}.." if start else ""
        yield Rejection(f"{Path(path).name}:after-{n}", str(path), "read_error",
                        f"{path}: archive broken after {n} records{where} ({type(e).__name__}: {e})")
