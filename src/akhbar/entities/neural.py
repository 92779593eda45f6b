"""Numpy inference for the neural entity tagger (no torch at run time).

Model (trained by ``python -m akhbar.entities.train_neural``, shipped as ``model/neural.npz``):
each token is represented by the concatenation of

- its word vector and the word vector of its light stem (skip-gram word2vec trained on
  SaudiNewsNet + ANT by ``build_embeddings``; the ``VOCAB`` most frequent folded words, stored
  as int8 rows with one float16 scale per row; unknown words get a zero vector and an
  ``oov`` feature),
- a character CNN over the folded word (Ma & Hovy 2016: char embeddings, one convolution of
  width 3 with zero padding, max over positions),
- a sum of learned embeddings of the CRF's sparse per-token features (``Featurizer.type_feats``
  own features: affixes, shape, gazetteers, learned lexicon (jack-knifed in training),
  automatic gazetteer, clusters; plus the multi-word phrase matches of the sentence),

then a one-layer BiLSTM over the sentence (Lample et al. 2016; Huang, Xu & Yu 2015), a linear
layer to IOB2 tag scores and a linear-chain CRF decoded by Viterbi with the IOB2 constraint
(``I-X`` only after ``B-X`` or ``I-X``).

Speed: everything before the LSTM recurrence is a function of the token string (plus the
phrase features, which enter linearly), so ``W_ih @ x + b`` is cached per token string for
both directions; a text's sentences are tagged as one padded batch, so the recurrence costs
one small matrix product per position and direction for the whole batch.

The accurate tagger (``model/neural_accurate.npz``, ``train_accurate``) adds one more input
per token: the frozen encoder's (``akhbar.entities.encoder``) states at ``enc_layers``, averaged
over the token's pieces and mixed by the stored weights ``enc_mix``; its contribution
``W_ih[:, enc] @ mix`` is added to the cached projection of the rest (so the cache still works).

``NeuralTagger(path, featurizer).tag_batch(list[list[str]]) -> list[list[str]]``.
Raises ``FileNotFoundError`` when ``path`` (or, for the accurate tagger, ``encoder.npz``) is missing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from akhbar.entities.features import Featurizer, light_stem
from akhbar.entities.normalize import fold

MAX_CHARS = 24
_NEG = -1e4


def allowed_transitions(tags: list[str]) -> np.ndarray:
    """``(T, T)`` bool: ``[i, j]`` is True when tag ``j`` may follow tag ``i`` in IOB2."""
    t = len(tags)
    ok = np.ones((t, t), dtype=bool)
    for j, b in enumerate(tags):
        if b.startswith("I-"):
            for i, a in enumerate(tags):
                ok[i, j] = a[2:] == b[2:] and a != "O"
    return ok


def allowed_start(tags: list[str]) -> np.ndarray:
    """``(T,)`` bool: tags a sentence may start with (no ``I-``)."""
    return np.array([not t.startswith("I-") for t in tags])


def bag_strings(own: list[str]) -> list[str]:
    """The sparse features of one token kept for the embedding bag (all of ``own``)."""
    return own


_CLITICS = ("وب", "ول", "وك", "فب", "فل", "ب", "ل", "ك")


def stem_id(f: str, wid: dict[str, int], clitic_stem: bool = True) -> int:
    """Row of the stem vector for folded word ``f`` (0: none). The light stem (``features.light_stem``:
    و ف and the article removed); with ``clitic_stem`` also a leading preposition ب ل ك (after an
    optional و ف) when the rest is a more frequent word of the vocabulary than ``f`` itself
    (``بافغانستان`` -> ``افغانستان``, but ``لبنان`` stays: ``بنان`` is rarer). Rows are frequency ranks."""
    stem = light_stem(f)[1]
    if clitic_stem and stem == f:
        own = wid.get(f, 1 << 30)
        for p in _CLITICS:
            rest = f[len(p) :]
            if f.startswith(p) and len(rest) >= 3 and wid.get(rest, 1 << 30) < own:
                return wid[rest]
    return wid.get(stem, 0)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function, elementwise (``float32`` in, ``float32`` out)."""
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


def viterbi(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray):
    """Best tag paths. ``em``: ``(B, L, T)`` emissions; ``lengths``: ``(B,)``; ``trans``: ``(T, T)``
    with invalid moves already at a large negative value; returns ``list`` of ``B`` int arrays."""
    b, n, t = em.shape
    score = start[None, :] + em[:, 0]
    back = np.zeros((b, n, t), dtype=np.int32)
    for i in range(1, n):
        cand = score[:, :, None] + trans[None, :, :]
        best = cand.argmax(axis=1)
        new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + em[:, i]
        live = (i < lengths)[:, None]
        score = np.where(live, new, score)
        back[:, i] = np.where(live, best, np.arange(t)[None, :])
    score = score + end[None, :]
    # padded steps carry identity back-pointers, so one backtrace from the last step serves all
    rows = np.arange(b)
    cur = score.argmax(axis=1)
    paths = np.empty((b, n), dtype=np.int32)
    paths[:, n - 1] = cur
    for i in range(n - 1, 0, -1):
        cur = back[rows, i, cur]
        paths[:, i - 1] = cur
    out = [paths[k, : int(lengths[k])] for k in range(b)]
    return out


class NeuralTagger:
    """Loads ``neural.npz`` and tags tokenized sentences (see module doc). Thread-safe."""

    #: cached input projections (float16, 2 KB each with 2 x 4 x 128 gates): at most ~100 MB
    MAX_CACHE = 50_000

    def __init__(self, path: Path, featurizer: Featurizer) -> None:
        if not path.exists():
            raise FileNotFoundError(f"{path} missing: run python -m akhbar.entities.train_neural")
        z = np.load(path, allow_pickle=False)
        self.fz = featurizer
        self.tags = [str(x) for x in z["tags"]]
        # the accurate tagger shares the fast tagger's word vectors (``shared_vectors``: file name)
        zw = np.load(path.parent / str(z["shared_vectors"]), allow_pickle=False) if "shared_vectors" in z else z
        words = [str(x) for x in zw["words"]]
        self.wid = {w: i + 1 for i, w in enumerate(words)}
        self.clitic_stem = bool(z["clitic_stem"]) if "clitic_stem" in z else False
        self.context = int(z["context"]) if "context" in z else 0
        # word vectors stay int8 (one float16 scale per row); rows are dequantized on use
        self.wv_q = np.vstack([np.zeros((1, zw["wv_q"].shape[1]), np.int8), zw["wv_q"]])
        self.wv_scale = np.concatenate([[0.0], zw["wv_scale"].astype(np.float32)]).astype(np.float32)
        self.cid = {c: i + 2 for i, c in enumerate(str(z["chars"]))}
        self.cemb = z["char_emb"].astype(np.float32)
        self.conv_w = z["conv_w"].astype(np.float32)  # (F, C, K) as torch Conv1d
        self.conv_b = z["conv_b"].astype(np.float32)
        self.fid = {f: i + 1 for i, f in enumerate(str(x) for x in z["feats"])}
        self.bag = z["bag"].astype(np.float32)
        self.w_ih = [z["w_ih_f"].astype(np.float32), z["w_ih_b"].astype(np.float32)]
        self.encoder = None
        self.enc_layers: tuple[int, ...] = ()
        if "enc_layers" in z:
            from akhbar.entities.encoder import MODEL_PATH, load

            self.enc_layers = tuple(int(x) for x in z["enc_layers"])
            self.enc_mix = z["enc_mix"].astype(np.float32)
            self.encoder = load(path.parent / MODEL_PATH.name)
            d = self.encoder.hidden
            self.w_enc = np.concatenate([w[:, -d:] for w in self.w_ih]).T.copy()  # (d, 2 x 4H)
            self.w_ih = [w[:, :-d].copy() for w in self.w_ih]
        self.w_hh = [z["w_hh_f"].astype(np.float32).T.copy(), z["w_hh_b"].astype(np.float32).T.copy()]
        self.b = [z["b_f"].astype(np.float32), z["b_b"].astype(np.float32)]
        self.out_w = z["out_w"].astype(np.float32).T.copy()
        self.out_b = z["out_b"].astype(np.float32)
        ok = allowed_transitions(self.tags)
        self.trans = np.where(ok, z["trans"].astype(np.float32), _NEG)
        self.start = np.where(allowed_start(self.tags), z["start"].astype(np.float32), _NEG)
        self.end = z["end"].astype(np.float32)
        self.hidden = self.w_hh[0].shape[0]
        self.w_hh2 = np.stack(self.w_hh)  # (2, H, 4H)
        wbag = self.bag.shape[1]
        dim_w = self.wv_q.shape[1]
        nchar = self.conv_w.shape[0]
        # input layout: [word vec | stem vec | char CNN | bag]
        self._bag_slice = slice(2 * dim_w + nchar, 2 * dim_w + nchar + wbag)
        self._gate_cache: dict[str, np.ndarray] = {}
        self._feat_gates: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def token_vector(self, tok: str) -> np.ndarray:
        """The input vector of one token without phrase features, ``(D,)`` float32."""
        own = self.fz.type_feats(tok)[0]
        f = fold(tok)
        wi = self.wid.get(f, 0)
        si = stem_id(f, self.wid, self.clitic_stem)
        ids = [self.fid[s] for s in bag_strings(own) if s in self.fid]
        if not wi:
            ids.append(self.fid.get("oov", 0))
        if not si:
            ids.append(self.fid.get("soov", 0))
        bag = self.bag[[i for i in ids if i]].sum(axis=0) if ids else np.zeros(self.bag.shape[1], np.float32)
        wv = self.wv_q[[wi, si]].astype(np.float32) * self.wv_scale[[wi, si], None]
        return np.concatenate([wv[0], wv[1], self.char_vector(f), bag]).astype(np.float32)

    def char_vector(self, f: str) -> np.ndarray:
        """Character-CNN output for a folded word, ``(F,)`` float32."""
        ids = [self.cid.get(c, 1) for c in f[:MAX_CHARS]] or [1]
        x = self.cemb[ids]  # (L, C)
        k = self.conv_w.shape[2]
        pad = k // 2
        xp = np.vstack([np.zeros((pad, x.shape[1]), np.float32), x, np.zeros((pad, x.shape[1]), np.float32)])
        win = np.stack([xp[j : j + len(ids)] for j in range(k)], axis=2)  # (L, C, K)
        y = np.einsum("lck,fck->lf", win, self.conv_w) + self.conv_b
        return np.maximum(y, 0).max(axis=0)

    def _gates(self, tok: str) -> np.ndarray:
        g = self._gate_cache.get(tok)
        if g is None:
            x = self.token_vector(tok)
            g = np.concatenate([self.w_ih[0] @ x + self.b[0], self.w_ih[1] @ x + self.b[1]]).astype(
                np.float16
            )
            if len(self._gate_cache) > self.MAX_CACHE:
                self._gate_cache.clear()
            self._gate_cache[tok] = g
        return g

    def _feat_gate(self, feat: str) -> np.ndarray | None:
        g = self._feat_gates.get(feat)
        if g is None:
            i = self.fid.get(feat)
            if i is None:
                return None
            e = np.zeros(self.w_ih[0].shape[1], np.float32)
            e[self._bag_slice] = self.bag[i]
            g = self._feat_gates[feat] = np.concatenate([self.w_ih[0] @ e, self.w_ih[1] @ e])
        return g

    def emissions(self, sents: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Tag scores ``(B, L, T)`` float32 and lengths ``(B,)`` for a batch of token lists."""
        h4 = 4 * self.hidden
        lengths = np.array([len(s) for s in sents], dtype=np.int64)
        n = int(lengths.max())
        b = len(sents)
        pre = np.zeros((b, n, 2 * h4), np.float32)
        with self._lock:
            for k, toks in enumerate(sents):
                if not toks:
                    continue
                np.stack([self._gates(t) for t in toks], out=pre[k, : len(toks)])
                phr = self.fz._phrase_feats([fold(t) for t in toks])
                for i, feats in enumerate(phr):
                    for ft in feats:
                        g = self._feat_gate(ft)
                        if g is not None:
                            pre[k, i] += g
        if self.encoder is not None:
            states = self.encoder.word_states(sents, self.enc_layers)
            for k, st in enumerate(states):
                if len(st):
                    pre[k, : len(st)] += np.einsum("nld,l->nd", st, self.enc_mix) @ self.w_enc
        # both directions as one batched forward loop: the backward direction runs over each
        # sentence reversed (right-padded too), so padding never enters a live state
        hd = self.hidden
        p2 = np.empty((2, b, n, h4), np.float32)
        p2[0] = pre[:, :, :h4]
        p2[1] = 0.0
        for k, length in enumerate(lengths):
            p2[1, k, :length] = pre[k, length - 1 :: -1, h4:] if length else 0.0
        h = np.zeros((2, b, hd), np.float32)
        c = np.zeros((2, b, hd), np.float32)
        out = np.empty((2, b, n, hd), np.float32)
        whh = self.w_hh2
        for i in range(n):
            g = p2[:, :, i] + np.matmul(h, whh)
            sg = sigmoid(g)
            c = sg[..., hd : 2 * hd] * c + sg[..., :hd] * np.tanh(g[..., 2 * hd : 3 * hd])
            h = sg[..., 3 * hd :] * np.tanh(c)
            out[:, :, i] = h
        back = np.zeros((b, n, hd), np.float32)
        for k, length in enumerate(lengths):
            if length:
                back[k, :length] = out[1, k, length - 1 :: -1]
        em = out[0] @ self.out_w[:hd] + back @ self.out_w[hd:] + self.out_b
        return em, lengths

    def tag_batch(
        self, sents: list[list[str]], max_tokens: int = 4000, extra: list[np.ndarray] | None = None
    ) -> list[list[str]]:
        """IOB2 tags for each token list (empty lists give empty lists). ``sents`` are taken as
        consecutive sentences of one text: with a model trained with context, each sentence is
        run through the BiLSTM with up to ``context`` tokens of its neighbours on each side.
        ``extra``: optional ``(len(sentence), T)`` scores per sentence added to the emissions
        before Viterbi (columns in ``self.tags`` order; used to fuse in the CRF's marginals)."""
        out: list[list[str]] = [[] for _ in sents]
        ext = with_context(sents, self.context)
        order = sorted((i for i, s in enumerate(sents) if s), key=lambda i: len(ext[i][0]))
        k = 0
        while k < len(order):
            j = k
            first = len(ext[order[k]][0])
            # a batch holds sentences of similar length (padding costs recurrence steps)
            while (
                j < len(order)
                and (j - k + 1) * len(ext[order[j]][0]) <= max_tokens
                and (len(ext[order[j]][0]) <= 2 * first + 8 or j - k < 2)
            ):
                j += 1
            j = max(j, k + 1)
            idx = order[k:j]
            em, _ = self.emissions([ext[i][0] for i in idx])
            core = np.array([len(sents[i]) for i in idx])
            emc = np.zeros((len(idx), int(core.max()), em.shape[2]), np.float32)
            for r, i in enumerate(idx):
                off = ext[i][1]
                emc[r, : core[r]] = em[r, off : off + core[r]]
                if extra is not None:
                    emc[r, : core[r]] += extra[i]
            for i, path in zip(idx, viterbi(emc, core, self.trans, self.start, self.end)):
                out[i] = [self.tags[t] for t in path]
            k = j
        return out


def with_context(sents: list[list[str]], context: int) -> list[tuple[list[str], int]]:
    """Each sentence extended by up to ``context`` tokens of the previous and next sentence:
    ``[(tokens, offset of the sentence in tokens)]``; ``context`` 0 returns the sentences as they are."""
    if context <= 0:
        return [(s, 0) for s in sents]
    out = []
    for i, s in enumerate(sents):
        left = sents[i - 1][-context:] if i > 0 else []
        right = sents[i + 1][:context] if i + 1 < len(sents) else []
        out.append((left + s + right, len(left)))
    return out
