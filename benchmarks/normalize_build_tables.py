"""Build ``src/akhbar/data/arabic_alef_maqsura_words.txt``: the closed list of ى-final words.

Why: Arabic typed on a Persian keyboard writes one letter (ی U+06CC) for both ي and ى at
the end of a word.  ``akhbar.arabic.normalize`` maps a word-final ی to ى only when the
word is in this closed list, else to ي (so فی -> في, علی -> على, but never علي -> على).

Source: word counts over the SaudiNewsNet corpus (../shared/data/saudinewsnet, 14 Saudi
papers, 2015) and ANT v1.1 (Jawhara FM, Tunisia).  A word ``w`` ending in ى is kept when
it occurs at least ``MIN_COUNT`` times and its ي-final twin occurs at most ``MAX_RATIO``
times as often (so علي "Ali" does not remove على, but Egyptian-style فى is not kept,
because في is far more frequent).  A short hand list (the function words and names of
the case norm-persian-urdu-letters-in-arabic) is always included.

Usage: python benchmarks/normalize_build_tables.py [--out PATH]
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import re
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "akhbar" / "data" / "arabic_alef_maqsura_words.txt"
MIN_COUNT = 5
MAX_RATIO = 0.5
HAND = str.split(
    "على إلى حتى متى لدى سوى أخرى مستشفى موسى عيسى مصطفى يحيى ليلى سلمى ذكرى كبرى صغرى "
    "عظمى أدنى أقصى أعلى مستوى معنى مبنى ملتقى منتدى فتوى دعوى شكوى الأولى الأخرى الكبرى "
    "الصغرى العظمى الوسطى القصوى"
)

_DIAC = re.compile("[\u064b-\u065f\u0670\u0640]")
_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+")


def _texts():
    for z in sorted((SHARED / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    yield (art.get("title") or "") + "\n" + (art.get("content") or "")
    tgz = SHARED / "antcorpus-jawharafm" / "antcorpus.data-v1.1.tar.gz"
    if tgz.exists():
        with tarfile.open(tgz) as tf:
            for m in tf:
                if m.isfile() and m.name.endswith(".txt"):
                    f = tf.extractfile(m)
                    if f is not None:
                        yield io.TextIOWrapper(f, encoding="utf-8", errors="replace").read()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    for t in _texts():
        counts.update(_WORD.findall(_DIAC.sub("", t)))
    keep = set(HAND)
    for w, c in counts.items():
        if len(w) >= 2 and w.endswith("ى") and c >= MIN_COUNT and counts.get(w[:-1] + "ي", 0) <= MAX_RATIO * c:
            keep.add(w)
    words = sorted(keep)
    header = (
        "# Closed list of Arabic words that end in alef maqsura (ى U+0649), one per line, NFC, undiacritized.\n"
        "# Used by akhbar.arabic.normalize to decide a word-final Persian yeh (ی U+06CC) in Arabic text.\n"
        f"# Source: counts over SaudiNewsNet (CC BY-NC-SA 4.0) + ANT v1.1 Jawhara FM; kept if count >= {MIN_COUNT}\n"
        f"# and count(ي-final twin) <= {MAX_RATIO} * count; plus a hand list. "
        "Built by benchmarks/normalize_build_tables.py.\n"
    )
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
