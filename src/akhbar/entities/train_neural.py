"""Train the neural tagger: ``python -m akhbar.entities.train_neural [--no-dev] [--epochs N]``.

Build-time only: needs ``torch`` and ``gensim`` (``pip install -e .[train]``); the run-time
tagger (``akhbar.entities.neural``) is numpy. Steps, all with fixed seeds:

1. ``python -m akhbar.entities.build_embeddings`` (word2vec on SaudiNewsNet + ANT, ~10 min);
2. ``python -m akhbar.entities.train_neural --no-dev --epochs 16`` (ANERcorp train only, dev
   scored after every epoch: model selection; writes nothing into the package unless
   ``--out`` is given);
3. ``python -m akhbar.entities.train_neural`` (ANERcorp train + dev, 15 epochs = the best dev
   epoch of step 2; writes ``model/neural.npz``). The defaults are the shipped setup: word and
   stem identity features left out of the bag (``--drop w=,st=``), clitic-aware stem vectors,
   no neighbouring-sentence context, BiLSTM 2 x 128, 50 character filters, seed 13.

Data: ANERcorp train (+ dev) split from ``akhbar.entities.data`` (test is never read here).
The sparse features are those of the CRF (``Featurizer``) with the learned lexicon built
jack-knifed over 5 position folds, exactly as ``train.jackknife_features``; the shipped
``learned.json`` (written by ``train``) holds the lexicon of the same training data.

Network and export format: see ``akhbar.entities.neural``. Optimizer: Adam (lr 1e-3),
batches of 16 sentences, gradient norm clipped at 5, dropout 0.5 on the token vectors and
the BiLSTM outputs; torch seeded and single-threaded per ``--threads``.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np

from akhbar.entities.build_embeddings import WORK
from akhbar.entities.data import anercorp_split
from akhbar.entities.evaluate import prf
from akhbar.entities.features import Featurizer, Lexicon, learn_lexicon
from akhbar.entities.neural import (
    MAX_CHARS,
    allowed_start,
    allowed_transitions,
    bag_strings,
    stem_id,
    with_context,
)
from akhbar.entities.normalize import fold
from akhbar.entities.recognize import load_autogaz, load_clusters
from akhbar.entities.train import FOLDS, MODEL_DIR, training_sentences

TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
VOCAB = 150_000
SEED = 13


def export_vectors(kv_path: Path, vocab: int = VOCAB) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The ``vocab`` most frequent words of the word2vec model, int8 rows and float16 row scales."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load(str(kv_path))
    words = list(kv.index_to_key[:vocab])
    m = kv.vectors[: len(words)].astype(np.float32)
    scale = np.abs(m).max(axis=1) / 127.0 + 1e-12
    q = np.clip(np.round(m / scale[:, None]), -127, 127).astype(np.int8)
    return words, q, scale.astype(np.float16)


def shipped_vectors(path: Path = MODEL_DIR / "neural.npz") -> tuple[list[str], np.ndarray, np.ndarray]:
    """The word vectors shipped in ``neural.npz`` (same format as ``export_vectors``): lets the
    accurate tagger be trained without rebuilding word2vec."""
    z = np.load(path, allow_pickle=False)
    return [str(x) for x in z["words"]], z["wv_q"], z["wv_scale"]


class Encoder:
    """Token lists -> integer inputs (word id, stem id, char ids, bag feature ids)."""

    def __init__(self, words: list[str], chars: str, feats: list[str], clitic_stem: bool = True) -> None:
        self.clitic_stem = clitic_stem
        self.wid = {w: i + 1 for i, w in enumerate(words)}
        self.cid = {c: i + 2 for i, c in enumerate(chars)}
        self.fid = {f: i + 1 for i, f in enumerate(feats)}

    def sentence(self, fz: Featurizer, toks: list[str]):
        folded = [fold(t) for t in toks]
        phr = fz._phrase_feats(folded)
        w, s, ch, bags = [], [], [], []
        for t, f, ph in zip(toks, folded, phr):
            own = fz.type_feats(t)[0]
            wi = self.wid.get(f, 0)
            si = stem_id(f, self.wid, self.clitic_stem)
            ids = [self.fid[x] for x in bag_strings(own) + ph if x in self.fid]
            if not wi:
                ids.append(self.fid["oov"])
            if not si:
                ids.append(self.fid["soov"])
            w.append(wi)
            s.append(si)
            ch.append([self.cid.get(c, 1) for c in f[:MAX_CHARS]] or [1])
            bags.append(ids)
        return w, s, ch, bags


def featurizers(sents, base: Lexicon, folds: int = FOLDS) -> list[Featurizer]:
    """One featurizer per sentence: fold k's learned lexicon comes from the other folds."""
    n = len(sents)
    bounds = [round(n * k / folds) for k in range(folds + 1)]
    out: list[Featurizer] = [None] * n  # type: ignore[list-item]
    for k in range(folds):
        lo, hi = bounds[k], bounds[k + 1]
        learned, phrases = learn_lexicon(sents[:lo] + sents[hi:])
        fz = Featurizer(base.with_learned(learned, phrases))
        for i in range(lo, hi):
            out[i] = fz
    return out


def build_net(
    torch, wv: np.ndarray, n_chars: int, n_feats: int, hidden: int, char_f: int, bag_dim: int, enc_shape=(0, 0)
):
    """The BiLSTM-CRF; ``enc_shape = (layers, dim)`` adds frozen encoder features (a learned
    softmax mix of the layers times a learned scale) to each token's input."""
    nn = torch.nn
    n_enc, enc_dim = enc_shape

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.wv = nn.Embedding.from_pretrained(torch.tensor(wv), freeze=True, padding_idx=0)
            self.cemb = nn.Embedding(n_chars, 25, padding_idx=0)
            self.conv = nn.Conv1d(25, char_f, 3, padding=1)
            self.bag = nn.EmbeddingBag(n_feats, bag_dim, mode="sum", padding_idx=0)
            self.drop = nn.Dropout(0.5)
            self.lstm = nn.LSTM(
                2 * wv.shape[1] + char_f + bag_dim + enc_dim, hidden, bidirectional=True, batch_first=True
            )
            if n_enc:
                self.mix = nn.Parameter(torch.zeros(n_enc))
                self.gamma = nn.Parameter(torch.ones(1))
            self.out = nn.Linear(2 * hidden, len(TAGS))
            self.trans = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            self.end = nn.Parameter(torch.zeros(len(TAGS)))
            self.register_buffer("ok", torch.tensor(allowed_transitions(TAGS)))
            self.register_buffer("ok0", torch.tensor(allowed_start(TAGS)))

        def emissions(self, batch):
            w, s, ch, bag_ids, bag_off, lengths, enc = batch
            b, n = w.shape
            cx = self.cemb(ch)  # (B*n, C, E)
            cy = torch.relu(self.conv(cx.transpose(1, 2)))  # (B*n, F, C)
            cy = (cy * (ch != 0).unsqueeze(1)).max(dim=2).values.view(b, n, -1)
            bg = self.bag(bag_ids, bag_off).view(b, n, -1)
            parts = [self.wv(w), self.wv(s), cy, bg]
            if n_enc:
                parts.append(torch.einsum("bnld,l->bnd", enc, self.enc_weights()))
            x = torch.cat(parts, dim=2)
            x = self.drop(x)
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=n)
            return self.out(self.drop(h))

        def enc_weights(self):
            return self.gamma * torch.softmax(self.mix, dim=0)

        def crf_params(self):
            neg = torch.tensor(-1e4)
            return (
                torch.where(self.ok, self.trans, neg),
                torch.where(self.ok0, self.start, neg),
                self.end,
            )

        def nll(self, em, y, mask):
            trans, start, end = self.crf_params()
            _b, n, _t = em.shape
            # gold path score
            gold = start[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
            for i in range(1, n):
                m = mask[:, i]
                step = trans[y[:, i - 1], y[:, i]] + em[:, i].gather(1, y[:, i : i + 1]).squeeze(1)
                gold = gold + step * m
            last = y.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
            gold = gold + end[last]
            # partition
            alpha = start.unsqueeze(0) + em[:, 0]
            for i in range(1, n):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, i]
                m = mask[:, i].unsqueeze(1)
                alpha = torch.where(m > 0, nxt, alpha)
            logz = torch.logsumexp(alpha + end.unsqueeze(0), dim=1)
            return (logz - gold).sum()

    return Net()


def make_batch(torch, items, tags=None, encs=None):
    """Pad encoded sentences ``(w, s, chars, bags, offset, core_length)`` (and tag id lists) into
    tensors: inputs over the context-extended tokens, gather indices of the core tokens
    ``(B, n_core)``, tag ids and mask ``(B, n_core)``."""
    b = len(items)
    n = max(len(it[0]) for it in items)
    nc = max(it[5] for it in items)
    w = np.zeros((b, n), dtype=np.int64)
    s = np.zeros((b, n), dtype=np.int64)
    ch = np.zeros((b * n, MAX_CHARS), dtype=np.int64)
    y = np.zeros((b, nc), dtype=np.int64)
    idx = np.zeros((b, nc), dtype=np.int64)
    mask = np.zeros((b, nc), dtype=np.float32)
    bag_ids: list[int] = []
    bag_off: list[int] = []
    for k, it in enumerate(items):
        ww, ss, cc, bb, off, core = it
        L = len(ww)
        w[k, :L] = ww
        s[k, :L] = ss
        mask[k, :core] = 1
        idx[k, :core] = np.arange(off, off + core)
        if tags is not None:
            y[k, :core] = tags[k]
        for i in range(n):
            bag_off.append(len(bag_ids))
            if i < L:
                c = cc[i]
                ch[k * n + i, : len(c)] = c
                bag_ids.extend(bb[i])
    lengths = torch.tensor([len(it[0]) for it in items])
    t = torch.from_numpy
    enc = None
    if encs is not None:  # (B, n, layers, dim) float32 from per-sentence float16 arrays
        e = np.zeros((b, n, *encs[0].shape[1:]), np.float32)
        for k, x in enumerate(encs):
            e[k, : len(x)] = x
        enc = t(e)
    inputs = (t(w), t(s), t(ch), torch.tensor(bag_ids, dtype=torch.long), torch.tensor(bag_off), lengths, enc)
    return inputs, t(idx), t(y), t(mask)


def core_emissions(torch, em, idx):
    """``em (B, n, T)`` -> the core tokens' rows ``(B, n_core, T)``."""
    return em.gather(1, idx.unsqueeze(2).expand(-1, -1, em.shape[2]))


def export(
    net,
    enc_words,
    q,
    scale,
    chars: str,
    feats: list[str],
    path: Path,
    clitic_stem: bool = True,
    context: int = 0,
    enc_layers: tuple[int, ...] = (),
) -> None:
    """Write the weights as ``neural.npz`` (float16, compressed; layout read by ``NeuralTagger``)."""
    sd = {k: v.detach().cpu().numpy() for k, v in net.state_dict().items()}
    f16 = np.float16
    np.savez_compressed(
        path,
        tags=np.array(TAGS),
        clitic_stem=np.array(clitic_stem),
        context=np.array(context),
        words=np.array(enc_words),
        wv_q=q,
        wv_scale=scale,
        chars=np.array(chars),
        char_emb=sd["cemb.weight"].astype(f16),
        conv_w=sd["conv.weight"].astype(f16),
        conv_b=sd["conv.bias"].astype(f16),
        feats=np.array(feats),
        bag=sd["bag.weight"].astype(f16),
        w_ih_f=sd["lstm.weight_ih_l0"].astype(f16),
        w_hh_f=sd["lstm.weight_hh_l0"].astype(f16),
        b_f=(sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"]).astype(f16),
        w_ih_b=sd["lstm.weight_ih_l0_reverse"].astype(f16),
        w_hh_b=sd["lstm.weight_hh_l0_reverse"].astype(f16),
        b_b=(sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"]).astype(f16),
        out_w=sd["out.weight"].astype(f16),
        out_b=sd["out.bias"].astype(f16),
        trans=sd["trans"].astype(f16),
        start=sd["start"].astype(f16),
        end=sd["end"].astype(f16),
        **(
            {"enc_layers": np.array(enc_layers), "enc_mix": net.enc_weights().detach().numpy().astype(np.float32)}
            if enc_layers
            else {}
        ),
    )


def train(
    out: Path | None,
    with_dev: bool,
    epochs: int,
    hidden: int = 128,
    char_f: int = 50,
    bag_dim: int = 100,
    min_feat: int = 2,
    threads: int = 1,
    kv_path: Path = WORK / "w2v.kv",
    lr: float = 1e-3,
    limit: int | None = None,
    drop_prefixes: tuple[str, ...] = (),
    seed: int = SEED,
    clitic_stem: bool = True,
    context: int = 0,
    enc_layers: tuple[int, ...] = (),
    dev_every: bool = True,
    snapshots: int = 0,
) -> list[float]:
    """Train; returns the dev F1 after each epoch (fair only without ``with_dev``). ``enc_layers``:
    add the shipped encoder's states at these layers (``akhbar.entities.encoder``, mean over each
    token's pieces, computed once per sentence by ``train_accurate.sentence_states``) as frozen
    features mixed by learned weights; ``kv_path`` missing -> the word vectors of the shipped
    ``neural.npz``."""
    import torch

    torch.manual_seed(seed)
    random.seed(seed)
    torch.set_num_threads(threads)
    t0 = time.time()
    sents = training_sentences(with_dev=with_dev)[:limit]
    base = Lexicon.curated()
    base.clusters = load_clusters(MODEL_DIR / "clusters.json")
    base.auto = load_autogaz(MODEL_DIR / "autogaz.json")
    fzs = featurizers(sents, base)
    learned, phrases = learn_lexicon(sents)
    fz_full = Featurizer(base.with_learned(learned, phrases))
    words, q, scale = export_vectors(kv_path) if kv_path.exists() else shipped_vectors()
    wv = np.vstack(
        [np.zeros((1, q.shape[1]), np.float32), q.astype(np.float32) * scale.astype(np.float32)[:, None]]
    )
    # feature and char vocabularies from the training data
    fc: Counter = Counter()
    cc: Counter = Counter()
    for (toks, _), fz in zip(sents, fzs):
        folded = [fold(t) for t in toks]
        for t, ph in zip(toks, fz._phrase_feats(folded)):
            fc.update(bag_strings(fz.type_feats(t)[0]) + ph)
        for f in folded:
            cc.update(f[:MAX_CHARS])
    feats = sorted(f for f, c in fc.items() if c >= min_feat and not f.startswith(drop_prefixes))
    feats += ["oov", "soov"]
    chars = "".join(sorted(c for c, k in cc.items() if k >= 2))
    enc = Encoder(words, chars, feats, clitic_stem)
    tid = {t: i for i, t in enumerate(TAGS)}
    ext = with_context([t for t, _ in sents], context)
    data = [(*enc.sentence(fz, et), off, len(toks)) for (toks, _), fz, (et, off) in zip(sents, fzs, ext)]
    ys = [[tid[y] for y in tags] for _, tags in sents]
    dev = anercorp_split()["dev"][:limit]
    dev_ext = with_context([t for t, _ in dev], context)
    dev_enc = [(*enc.sentence(fz_full, et), off, len(t)) for (t, _), (et, off) in zip(dev, dev_ext)]
    encs = dev_encs = None
    if enc_layers:
        from akhbar.entities.train_accurate import sentence_states, split_states

        encs = split_states(with_dev, enc_layers)[:limit]
        dev_encs = sentence_states([t for t, _ in dev], enc_layers)
    print(
        f"sentences {len(data)} feats {len(feats)} chars {len(chars)} words {len(words)} "
        f"prep {time.time() - t0:.0f}s",
        flush=True,
    )
    enc_shape = (len(enc_layers), encs[0].shape[2]) if encs else (0, 0)
    net = build_net(torch, wv, len(chars) + 2, len(feats) + 1, hidden, char_f, bag_dim, enc_shape)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=lr)
    history: list[float] = []
    best = -1.0
    order = list(range(len(data)))
    for ep in range(epochs):
        t1 = time.time()
        net.train()
        random.shuffle(order)
        # length-bucketed batches: sort chunks of 50 batches by length
        chunks = [order[i : i + 800] for i in range(0, len(order), 800)]
        batches = []
        for ch in chunks:
            ch = sorted(ch, key=lambda i: len(data[i][0]))
            batches += [ch[i : i + 16] for i in range(0, len(ch), 16)]
        random.shuffle(batches)
        total = 0.0
        for bidx in batches:
            inputs, idx, y, mask = make_batch(
                torch, [data[i] for i in bidx], [ys[i] for i in bidx], [encs[i] for i in bidx] if encs else None
            )
            em = core_emissions(torch, net.emissions(inputs), idx)
            loss = net.nll(em, y, mask)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        net.eval()
        f1 = -1.0
        if dev_every or ep == epochs - 1:
            f1 = prf([y for _, y in dev], predict(torch, net, dev_enc, dev_encs))["ALL"][2]
        history.append(f1)
        print(f"epoch {ep + 1} loss {total:.0f} dev F1 {f1:.4f} ({time.time() - t1:.0f}s)", flush=True)
        if out is not None and (ep == epochs - 1 if with_dev else f1 > best):
            best = max(best, f1)
            out.mkdir(parents=True, exist_ok=True)
            name = "neural_accurate.npz" if enc_layers else "neural.npz"
            export(net, words, q, scale, chars, feats, out / name, clitic_stem, context, enc_layers)
        if out is not None and with_dev and snapshots and ep + 1 >= snapshots:
            out.mkdir(parents=True, exist_ok=True)
            snap = out / f"{'neural_accurate' if enc_layers else 'neural'}_ep{ep + 1}.npz"
            export(net, words, q, scale, chars, feats, snap, clitic_stem, context, enc_layers)
    return history


def predict(torch, net, encoded, encs=None) -> list[list[str]]:
    """Viterbi tags (torch forward, numpy decode) for encoded sentences."""
    from akhbar.entities.neural import viterbi

    out = []
    with torch.no_grad():
        trans, start, end = (x.numpy() for x in net.crf_params())
        for i in range(0, len(encoded), 64):
            items = encoded[i : i + 64]
            inputs, idx, _, _ = make_batch(torch, items, encs=encs[i : i + 64] if encs else None)
            em = core_emissions(torch, net.emissions(inputs), idx).numpy()
            paths = viterbi(em, np.array([it[5] for it in items]), trans, start, end)
            out += [[TAGS[t] for t in p] for p in paths]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None, help="default: model/ (with dev), nothing (--no-dev)")
    ap.add_argument("--no-dev", action="store_true")
    ap.add_argument("--epochs", type=int, default=15, help="15: the best dev epoch of the shipped setup")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument(
        "--drop", default="w=,st=", help="comma-separated feature prefixes left out of the bag ('' keeps all)"
    )
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--context", type=int, default=0, help="tokens of each neighbour sentence")
    ap.add_argument("--no-clitic-stem", action="store_true", help="stem vector from the light stem only")
    ap.add_argument("--kv", type=Path, default=WORK / "w2v.kv", help="word vectors from build_embeddings")
    ap.add_argument(
        "--encoder-layers", default="", help="e.g. 4,5,6,7,8: the accurate tagger (writes neural_accurate.npz)"
    )
    a = ap.parse_args(argv)
    out = a.out if a.out is not None or a.no_dev else MODEL_DIR
    hist = train(
        out,
        not a.no_dev,
        a.epochs,
        hidden=a.hidden,
        char_f=a.char_filters,
        threads=a.threads,
        lr=a.lr,
        kv_path=a.kv,
        drop_prefixes=tuple(x for x in a.drop.split(",") if x),
        seed=a.seed,
        clitic_stem=not a.no_clitic_stem,
        context=a.context,
        enc_layers=tuple(int(x) for x in a.encoder_layers.split(",") if x),
        dev_every=a.no_dev,
    )
    print("dev F1 by epoch", [round(x, 4) for x in hist])


if __name__ == "__main__":
    main()
