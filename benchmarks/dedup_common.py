"""Shared loaders for the corpus-pass benchmarks (dedup_*, quality_*): SaudiNewsNet and ANT, read in place.

SaudiNewsNet: ../shared/data/saudinewsnet/*.zip, each one JSON array of
{source, url, date_extracted, title, author, content}; article id = "snn-<source>-<date>-<index>"
(the id scheme of ../shared/gold/saudinewsnet_dev.jsonl). ANT: pseudo-XML files inside the tarballs
(<TITLE>, <TEXT>, ...), id = DOCNO.
"""

from __future__ import annotations

import json
import platform
import re
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SNN_DIR = SHARED / "data" / "saudinewsnet"
ANT_MULTI = SHARED / "data" / "antcorpus-multisource" / "antcorpus.multisource.data-v2.1.tar.xz"
ANT_JAWHARA = SHARED / "data" / "antcorpus-jawharafm" / "antcorpus.data-v1.1.tar.gz"

_TAG = {t: re.compile(rf"<{t}>(.*?)</{t}>", re.DOTALL) for t in ("DOCNO", "TITLE", "TEXT", "SRC", "TIME", "URL", "CAT")}


def machine() -> str:
    """One line describing the machine (CPU model, cores, Python)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def saudinewsnet() -> Iterator[dict]:
    """All SaudiNewsNet records in file order, each with an added ``id`` (and ``file``, ``index``)."""
    for z in sorted(SNN_DIR.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for member in zf.namelist():
                recs = json.loads(zf.read(member))
                for i, r in enumerate(recs):
                    r["id"] = f"snn-{r['source']}-{z.stem}-{i}"
                    r["file"] = z.name
                    r["index"] = i
                    yield r


def ant(path: Path) -> Iterator[dict]:
    """ANT articles from a tarball: dicts {id, title, text, src, time, url, member}; members sorted by name."""
    out = []
    with tarfile.open(path) as tf:  # stream order (xz is not seekable), sorted by member name afterwards
        for m in tf:
            if not (m.isfile() and m.name.endswith(".txt")):
                continue
            raw = tf.extractfile(m).read().decode("utf-8", "replace")
            if "<DOC>" not in raw:
                continue
            f = {}
            for k, p in _TAG.items():
                hit = p.search(raw)
                f[k] = hit.group(1).strip() if hit else ""
            out.append({"id": f["DOCNO"] or m.name, "title": f["TITLE"], "text": f["TEXT"], "src": f["SRC"],
                        "time": f["TIME"], "url": f["URL"], "cat": f["CAT"], "member": m.name})
    out.sort(key=lambda d: d["member"])
    yield from out
