"""Train word vectors for the neural tagger: ``python -m akhbar.entities.build_embeddings [--work DIR]``.

Build-time only (needs ``gensim``, in the ``train`` extra). Unlabelled text, read in place:
SaudiNewsNet (CC BY-NC-SA 4.0) and ANT v2.1 multisource (the same reader as
``build_clusters.texts``), plus the *tokens* of the ANERcorp train and dev splits (never test).
Every text is tokenized with ``features.tokenize`` and search-folded (``normalize.fold``),
one article per line, into ``WORK/corpus.txt``; then skip-gram word2vec (Mikolov et al. 2013)
with negative sampling, ``DIM`` dimensions, window 5, ``min_count`` 3, 5 epochs, one worker
thread and a fixed seed (gensim is deterministic with one worker and a fixed
``PYTHONHASHSEED``; this module sets ``hashfxn`` to a stable hash so it does not depend on it).
Writes ``WORK/w2v.kv`` (gensim KeyedVectors). ``train_neural`` picks the shipped rows.
Takes about 10 minutes on one core.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from akhbar.entities.build_clusters import texts
from akhbar.entities.data import anercorp_split
from akhbar.entities.features import tokenize
from akhbar.entities.normalize import fold

WORK = Path("/tmp/akhbar_ner_build")
DIM = 100
SEED = 11


def _stable_hash(s: str) -> int:
    return int.from_bytes(hashlib.md5(s.encode("utf-8")).digest()[:4], "little")


def write_corpus(path: Path) -> int:
    """Write the folded, tokenized corpus (one text per line); returns the token count."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for tx in texts():
            toks = [fold(t) for t, _, _ in tokenize(tx)]
            if toks:
                fh.write(" ".join(toks) + "\n")
                n += len(toks)
        sp = anercorp_split()
        for part in ("train", "dev"):
            for toks, _ in sp[part]:
                fh.write(" ".join(fold(t) for t in toks) + "\n")
                n += len(toks)
    return n


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=WORK)
    a = ap.parse_args(argv)
    from gensim.models import Word2Vec

    a.work.mkdir(parents=True, exist_ok=True)
    corpus = a.work / "corpus.txt"
    if not corpus.exists():
        print("corpus tokens", write_corpus(corpus), flush=True)
    model = Word2Vec(
        corpus_file=str(corpus),
        vector_size=DIM,
        window=5,
        min_count=3,
        sg=1,
        negative=5,
        epochs=5,
        workers=1,
        seed=SEED,
        hashfxn=_stable_hash,
    )
    model.wv.save(str(a.work / "w2v.kv"))
    print("vocab", len(model.wv), a.work / "w2v.kv")


if __name__ == "__main__":
    main()
