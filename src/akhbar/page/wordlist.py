"""Arabic word frequencies, and splitting of words that a crawler glued together.

Crawler renderings glue adjacent inline elements: "وتنفي الاتهاماتأوربان معلّقا" (SEED:
two related headlines run together), "يسرااصابة يسرا" (GOLD elbaladtv tag line). Inside such
contexts (related-link lines, tag lines) a long out-of-vocabulary token is split in two
where both halves are frequent words.

The frequency table ``akhbar/data/arabic_wordfreq.tsv.gz`` (word<TAB>count, display-normalized
forms seen at least 5 times) is built by ``python -m akhbar.page.wordlist`` from the news
texts of ../shared/data: SaudiNewsNet (CC BY-NC-SA 4.0, research use) and the ANT corpus
v2.1 (cite Chouigui et al.). It holds word counts only, no text.
"""

from __future__ import annotations

import gzip
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

_TOKEN = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u064b-\u0652]+")
_DIAC = re.compile(r"[\u064b-\u0652]")


@lru_cache(maxsize=1)
def frequencies() -> dict[str, int]:
    """word -> count (empty dict when the table is not shipped)."""
    try:
        data = resources.files("akhbar").joinpath("data/arabic_wordfreq.tsv.gz").read_bytes()
    except (FileNotFoundError, OSError):
        return {}
    out: dict[str, int] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        w, _, c = line.partition("\t")
        if c:
            out[w] = int(c)
    return out


def split_glued(token: str, extra_vocab: frozenset[str] | set[str] = frozenset(), min_len: int = 7) -> list[str]:
    """Split a token made of two glued words; return ``[token]`` when no split is convincing.

    A split ``left|right`` is taken when ``token`` itself is rare (count < 3 and not in
    ``extra_vocab``, e.g. the page's own words) and both halves are known words (>= 2 letters,
    counted at least 20 times or present in ``extra_vocab``); the best split maximizes
    log(count(left)) + log(count(right)).

    >>> split_glued("الاتهاماتأوربان", {"أوربان"})
    ['الاتهامات', 'أوربان']
    """
    freq = frequencies()
    bare = _DIAC.sub("", token)
    if len(bare) < min_len or freq.get(bare, 0) >= 3 or bare in extra_vocab:
        return [token]

    def score(w: str) -> float | None:
        w = _DIAC.sub("", w)
        c = freq.get(w, 0)
        if w in extra_vocab:
            c = max(c, 50)
        return math.log(c) if c >= 20 else None

    best = None
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        if len(_DIAC.sub("", left)) < 2 or len(_DIAC.sub("", right)) < 2 or right[0] in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652":
            continue
        sl, sr = score(left), score(right)
        if sl is None or sr is None:
            continue
        s = sl + sr
        if best is None or s > best[0]:
            best = (s, i)
    if best is None:
        return [token]
    return [token[: best[1]], token[best[1] :]]


def build(shared: Path, out: Path, min_count: int = 5) -> int:
    """Count display-normalized Arabic words in SaudiNewsNet and ANT v2.1; write ``out``; return size."""
    import json
    import tarfile
    import zipfile
    from collections import Counter

    from akhbar.arabic import normalize

    counts: Counter[str] = Counter()

    def add(text: str) -> None:
        counts.update(_TOKEN.findall(normalize(text, "display")))

    for z in sorted((shared / "data" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for m in zf.namelist():
                for rec in json.loads(zf.read(m)):
                    add((rec.get("title") or "") + "\n" + (rec.get("content") or ""))
    tar = shared / "data" / "antcorpus-multisource" / "antcorpus.multisource.data-v2.1.tar.xz"
    if tar.exists():
        with tarfile.open(tar, "r|*") as tf:
            for m in tf:
                if m.isfile() and m.name.endswith(".txt"):
                    f = tf.extractfile(m)
                    if f is not None:
                        add(f.read().decode("utf-8", "replace"))
    rows = [(w, c) for w, c in counts.items() if c >= min_count]
    rows.sort(key=lambda x: (-x[1], x[0]))
    body = "".join(f"{w}\t{c}\n" for w, c in rows)
    out.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    return len(rows)


if __name__ == "__main__":  # pragma: no cover
    import sys

    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[4] / "shared"
    dest = Path(__file__).resolve().parents[1] / "data" / "arabic_wordfreq.tsv.gz"
    n = build(shared, dest)
    print(f"{n} words -> {dest} ({dest.stat().st_size:,} bytes)")
