"""Readers for the NER corpora in ``../shared/data`` and the documented ANERcorp split.

Every reader returns ``list[Sentence]`` where a ``Sentence`` is ``(tokens, tags)``: two
equal-length lists of ``str``; tags are IOB2 over the four types PER, LOC, ORG, MISC
(``"O"``, ``"B-PER"``, ``"I-LOC"``, ...). Readers raise ``FileNotFoundError`` when a file is
missing; malformed lines are skipped (and counted in the docstring, not silently invented).

Corpora (see each directory's SOURCE.md):

- ANERcorp (Benajiba 2007), ``ner-anercorp/ANERCorp``: one "token TAG" per line, no
  sentence or document breaks, tags PERS/LOC/ORG/MISC. 191 lines carry a tag but no token
  and are dropped; 2 lines with 3 columns are read as token + last tag.
  **Split** (``anercorp_split``): the file is cut into sentences after every sentence-final
  token (``.``, ``!``, ``?``, ``؟``); sentences are then assigned by position: the
  sentences holding the first 80 % of tokens are *train*, the next 10 % *dev*, the last
  10 % *test*. Test is never used for training or model selection.
- Topcoder Arabic NER (``ner-topcoder-arabic``): given train/dev/test files, blank line
  between sentences, tags PER/LOC/ORG/MIS (MIS -> MISC).
- Wojood sample (Jarrar et al. 2022, ``ner-wojood-sample``): nested, 1-4 IOB columns per
  token. ``read_wojood`` flattens it: spans of every layer are read, mapped
  PERS -> PER, GPE -> LOC, LOC -> LOC, FAC -> LOC, ORG -> ORG (other types dropped), and
  a mapped span nested inside another mapped span is dropped (outermost wins). Wojood
  has no MISC equivalent, so evaluation on it scores PER/LOC/ORG only.
"""

from __future__ import annotations

import json
import re
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

Sentence = tuple[list[str], list[str]]

#: ``../shared/data`` relative to the repository (src/akhbar/entities/data.py -> repo root).
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"

_TYPE_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "MIS": "MISC"}
_SENT_END = {".", "!", "?", "؟"}
WOJOOD_MAP = {"PERS": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}


def _map_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    iob, _, typ = tag.partition("-")
    t = _TYPE_MAP.get(typ)
    if t is None or iob not in ("B", "I"):
        return "O"
    return f"{iob}-{t}"


def _fix_iob(tags: list[str]) -> list[str]:
    """Turn an I- that does not continue an entity of its type into B- (IOB1 -> IOB2)."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def read_anercorp(path: Path | None = None) -> list[tuple[str, str]]:
    """All ``(token, tag)`` pairs of ANERcorp in file order (tags mapped to PER/LOC/ORG/MISC)."""
    path = path or SHARED_DATA / "ner-anercorp" / "ANERCorp"
    pairs: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue  # tag without token (191 lines)
            pairs.append((parts[0], _map_tag(parts[-1])))
    return pairs


def sentences_at_final_punct(pairs: list[tuple[str, str]]) -> list[Sentence]:
    """Cut a token stream into sentences after each sentence-final token (. ! ? ؟)."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for tok, tag in pairs:
        toks.append(tok)
        tags.append(tag)
        if tok in _SENT_END and tag == "O":
            sents.append((toks, _fix_iob(tags)))
            toks, tags = [], []
    if toks:
        sents.append((toks, _fix_iob(tags)))
    return sents


def anercorp_split(
    path: Path | None = None, fractions: tuple[float, float] = (0.8, 0.9)
) -> dict[str, list[Sentence]]:
    """The documented positional split: ``{"train", "dev", "test"}`` -> sentences (see module doc)."""
    sents = sentences_at_final_punct(read_anercorp(path))
    total = sum(len(s[0]) for s in sents)
    out: dict[str, list[Sentence]] = {"train": [], "dev": [], "test": []}
    seen = 0
    for s in sents:
        frac = seen / total
        key = "train" if frac < fractions[0] else "dev" if frac < fractions[1] else "test"
        out[key].append(s)
        seen += len(s[0])
    return out


def read_conll(path: Path) -> list[Sentence]:
    """Read a "token TAG" file with blank lines between sentences (Topcoder format)."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if toks:
                    sents.append((toks, _fix_iob(tags)))
                toks, tags = [], []
                continue
            if len(parts) < 2:
                continue
            toks.append(parts[0])
            tags.append(_map_tag(parts[-1]))
    if toks:
        sents.append((toks, _fix_iob(tags)))
    return sents


def read_topcoder(split: str) -> list[Sentence]:
    """Topcoder Arabic NER ``split`` in {"train", "dev", "test"}."""
    return read_conll(SHARED_DATA / "ner-topcoder-arabic" / f"{split}.txt")


def _layer_spans(col: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    start, typ = None, None
    for i, t in enumerate(col + ["O"]):
        iob, _, ty = t.partition("-")
        if start is not None and (iob != "I" or ty != typ):
            spans.append((start, i, typ))
            start, typ = None, None
        if iob == "B" or (iob == "I" and start is None and ty):
            start, typ = i, ty
    return spans


def read_wojood(split: str) -> list[Sentence]:
    """Wojood sample ``split`` in {"train", "val", "test"}, flattened and mapped (module doc)."""
    path = SHARED_DATA / "ner-wojood-sample" / f"{split}.txt"
    sents: list[Sentence] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if not rows:
            return
        toks = [r[0] for r in rows]
        depth = max(len(r) - 1 for r in rows)
        spans = []
        for layer in range(depth):
            col = [r[1 + layer] if len(r) > 1 + layer else "O" for r in rows]
            spans += [(s, e, WOJOOD_MAP[t]) for s, e, t in _layer_spans(col) if t in WOJOOD_MAP]
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        tags = ["O"] * len(toks)
        covered_until = -1
        for s, e, t in spans:
            if s < covered_until:
                continue  # nested inside a kept span
            tags[s] = "B-" + t
            for k in range(s + 1, e):
                tags[k] = "I-" + t
            covered_until = e
        sents.append((toks, tags))
        rows.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                flush()
                continue
            if len(parts) < 2:
                continue
            rows.append(parts)
    flush()
    return sents


def entity_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> ``[(start_token, end_token_exclusive, type)]`` (seqeval's strict reading)."""
    return [(s, e, t) for s, e, t in _layer_spans(tags)]


_ANT_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)


def unlabelled_news(every: int = 1, *, titles: bool = True) -> Iterator[str]:
    """Unlabelled Arabic news texts for the build-time steps (clusters, embeddings, automatic gazetteer).

    Yields ``str``: every ``every``-th article of each SaudiNewsNet day file (zips in name order,
    members sorted; ``title + "\n" + content`` when ``titles``, else the content), then every
    ``every``-th ``.txt`` member's ``<TEXT>`` of the ANT v2.1 multi-source tarball (skipped when
    absent). Sources: ../shared/data/saudinewsnet/SOURCE.md, ../shared/data/antcorpus-multisource/SOURCE.md.
    """
    for z in sorted((SHARED_DATA / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for i, art in enumerate(json.loads(zf.read(name).decode("utf-8"))):
                    if i % every == 0:
                        content = art.get("content") or ""
                        yield (art.get("title") or "") + "\n" + content if titles else content
    tx = SHARED_DATA / "antcorpus-multisource" / "antcorpus.multisource.data-v2.1.tar.xz"
    if not tx.exists():
        return
    with tarfile.open(tx, "r:xz") as tf:
        k = 0
        for m in tf:
            if m.isfile() and m.name.endswith(".txt"):
                k += 1
                if k % every:
                    continue
                mt = _ANT_TEXT.search(tf.extractfile(m).read().decode("utf-8", "replace"))  # type: ignore[union-attr]
                if mt:
                    yield mt.group(1)

