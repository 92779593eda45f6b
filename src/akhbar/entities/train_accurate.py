"""Train the accurate tagger: ``python -m akhbar.entities.train_accurate [--no-dev] [--epochs N]``.

Build-time only (``torch``, the ``train`` extra). The accurate tagger is the project's BiLSTM-CRF
(``train_neural``) with one more input per token: the shipped encoder's (``model/encoder.npz``,
``akhbar.entities.encoder``) hidden states at ``LAYERS``, averaged over the token's pieces and
mixed by learned softmax weights times a learned scale; the encoder stays frozen. Steps:

1. ``python -m akhbar.entities.build_encoder`` (writes ``model/encoder.npz``);
2. ``python -m akhbar.entities.train_accurate --no-dev --epochs 16`` (ANERcorp train only, dev
   F1 after every epoch: model selection);
3. ``python -m akhbar.entities.train_accurate --epochs N`` (train + dev, N = the best dev epoch;
   writes ``model/neural_accurate.npz``, whose word vectors are those of ``model/neural.npz``,
   stored once: ``share_vectors``).

Encoder states are computed once per sentence with the numpy forward (the same code as at run
time) in ``--workers`` processes and cached in ``WORK`` (keyed by a digest of the sentences, the
layers and the encoder file), float16. Training is deterministic: fixed seeds, one torch thread.
"""

from __future__ import annotations

import argparse
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from akhbar.entities.build_embeddings import WORK
from akhbar.entities.encoder import MODEL_PATH

#: encoder layers mixed into the accurate tagger's input (chosen on ANERcorp dev, model card)
LAYERS = (4, 5, 6, 7, 8)
#: best dev epoch of step 2 (model card)
EPOCHS = 12


def _states_part(args: tuple[list[list[str]], tuple[int, ...]]) -> list[np.ndarray]:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from akhbar.entities.encoder import load

    sents, layers = args
    enc = load(MODEL_PATH)
    out = []
    for i in range(0, len(sents), 64):
        out += [x.astype(np.float16) for x in enc.word_states(sents[i : i + 64], layers)]
    return out


def sentence_states(sents: list[list[str]], layers: tuple[int, ...], workers: int = 2) -> list[np.ndarray]:
    """Per sentence ``(len, len(layers), 384)`` float16 encoder states (cached on disk; empty
    sentences are left out of the cache key and get empty arrays)."""
    full = sents
    sents = [s for s in full if s]
    h = hashlib.sha256()
    h.update(MODEL_PATH.read_bytes())
    h.update(repr(layers).encode())
    for s in sents:
        h.update("\x1f".join(s).encode() + b"\x1e")
    cache = WORK / f"enc_states_{h.hexdigest()[:16]}.npz"
    if cache.exists():
        z = np.load(cache)
        flat, lens = z["flat"], z["lens"]
        cuts = np.cumsum(lens)[:-1]
        return _reinsert(full, list(np.split(flat, cuts)), len(layers))
    k = (len(sents) + workers - 1) // workers
    parts = [(sents[i : i + k], layers) for i in range(0, len(sents), k)]
    with ProcessPoolExecutor(workers) as ex:
        res = [x for part in ex.map(_states_part, parts) for x in part]
    WORK.mkdir(parents=True, exist_ok=True)
    flat = np.concatenate(res) if res else np.zeros((0, len(layers), 384), np.float16)
    np.savez(cache, flat=flat, lens=np.array([len(x) for x in res]))
    return _reinsert(full, res, len(layers))


def _reinsert(full: list[list[str]], res: list[np.ndarray], n_layers: int) -> list[np.ndarray]:
    it = iter(res)
    return [next(it) if s else np.zeros((0, n_layers, 384), np.float16) for s in full]


def split_states(with_dev: bool, layers: tuple[int, ...]) -> list[np.ndarray]:
    """States aligned with ``train.training_sentences(with_dev=...)`` (ANERcorp train [+ dev],
    empty sentences dropped), cached per split."""
    from akhbar.entities.data import anercorp_split

    sp = anercorp_split()
    out: list[np.ndarray] = []
    for part in ("train", "dev") if with_dev else ("train",):
        st = sentence_states([t for t, _ in sp[part]], layers)
        out += [x for x, (t, _) in zip(st, sp[part]) if t]
    return out


def share_vectors(path: Path, shared: Path) -> None:
    """Rewrite ``path`` without its word vectors when they equal ``shared``'s (the fast tagger's
    ``neural.npz``): ``shared_vectors`` names that file instead (saves ~15 MB in the package).
    Raises ``ValueError`` when the vectors differ."""
    z = dict(np.load(path, allow_pickle=False))
    s = np.load(shared, allow_pickle=False)
    for k in ("words", "wv_q", "wv_scale"):
        if not np.array_equal(z[k], s[k]):
            raise ValueError(f"{path}: {k} differs from {shared}")
        del z[k]
    z["shared_vectors"] = np.array(shared.name)
    np.savez_compressed(path, **z)


def main(argv: list[str] | None = None) -> None:
    from akhbar.entities.train import MODEL_DIR
    from akhbar.entities.train_neural import train

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="default: model/ (with dev), nothing (--no-dev)")
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--layers", default=",".join(map(str, LAYERS)))
    ap.add_argument("--limit", type=int, default=None, help="first N training sentences (smoke runs)")
    ap.add_argument("--snapshots", type=int, default=0, help="with dev: also write every epoch from N on")
    a = ap.parse_args(argv)
    out = a.out if a.out is not None or a.no_dev else MODEL_DIR
    hist = train(
        out,
        not a.no_dev,
        a.epochs,
        drop_prefixes=("w=", "st="),
        enc_layers=tuple(int(x) for x in a.layers.split(",")),
        dev_every=a.no_dev,
        limit=a.limit,
        snapshots=a.snapshots,
    )
    print("dev F1 by epoch", [round(x, 4) for x in hist])
    if out is not None and (out / "neural_accurate.npz").exists():
        share_vectors(out / "neural_accurate.npz", MODEL_DIR / "neural.npz")


if __name__ == "__main__":
    main()
