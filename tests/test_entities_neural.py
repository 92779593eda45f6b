"""Tests for the neural entity tagger: numpy Viterbi, batching, and numpy == torch forward pass."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from akhbar.entities.neural import NeuralTagger, allowed_start, allowed_transitions, viterbi

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "src" / "akhbar" / "entities" / "model" / "neural.npz"
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def _brute(em, trans, start, end):
    n, t = em.shape
    best, arg = -np.inf, None
    for path in itertools.product(range(t), repeat=n):
        s = start[path[0]] + em[0, path[0]] + end[path[-1]]
        s += sum(trans[path[i - 1], path[i]] + em[i, path[i]] for i in range(1, n))
        if s > best:
            best, arg = s, path
    return list(arg)


def test_viterbi_matches_brute_force_with_padding():
    rng = np.random.default_rng(0)
    t = 4
    trans = rng.standard_normal((t, t)).astype(np.float32)
    start, end = rng.standard_normal(t).astype(np.float32), rng.standard_normal(t).astype(np.float32)
    lengths = np.array([4, 2, 1, 3])
    em = rng.standard_normal((4, 4, t)).astype(np.float32)
    paths = viterbi(em, lengths, trans, start, end)
    for k, n in enumerate(lengths):
        assert list(paths[k]) == _brute(em[k, :n], trans, start, end)


def test_iob2_constraints():
    ok = allowed_transitions(TAGS)
    assert ok[TAGS.index("B-PER"), TAGS.index("I-PER")]
    assert ok[TAGS.index("I-PER"), TAGS.index("I-PER")]
    assert not ok[TAGS.index("O"), TAGS.index("I-PER")]
    assert not ok[TAGS.index("B-LOC"), TAGS.index("I-PER")]
    assert ok[TAGS.index("I-LOC"), TAGS.index("B-PER")]
    assert list(allowed_start(TAGS)) == [not t.startswith("I-") for t in TAGS]


def _featurizer():
    from akhbar.entities.features import Featurizer, Lexicon

    return Featurizer(Lexicon.curated().with_learned({"ترامب": "PER"}, {("البيت", "الابيض"): "MISC"}))


SENTS = [
    [
        "قال",
        "الرئيس",
        "الأمريكي",
        "دونالد",
        "ترامب",
        "في",
        "البيت",
        "الأبيض",
        "إن",
        "واشنطن",
        "ستدعم",
        "كازاخستان",
        ".",
    ],
    ["وصل", "ميرزيوييف", "إلى", "طشقند", "."],
    ["و"],
]


def tiny_word_vectors():
    """Five words with random int8 vectors (8 dims): ``(words, q, scale, wv)``, ``wv`` with a zero row
    for padding first (the layout ``train_neural.export`` writes)."""
    words = ["ترامب", "الرئيس", "في", "واشنطن", "قال"]
    rng = np.random.default_rng(1)
    q = rng.integers(-127, 128, (len(words), 8)).astype(np.int8)
    scale = np.full(len(words), 0.01, np.float16)
    wv = np.vstack([np.zeros((1, 8), np.float32), q.astype(np.float32) * scale.astype(np.float32)[:, None]])
    return words, q, scale, wv


def _tiny_export(tmp_path: Path):
    """A randomly initialised network exported by train_neural.export (needs torch)."""
    torch = pytest.importorskip("torch")
    from akhbar.entities import train_neural as tn

    torch.manual_seed(0)
    words, q, scale, wv = tiny_word_vectors()
    fz = _featurizer()
    feats = sorted({f for s in SENTS for t in s for f in fz.type_feats(t)[0]} | {"mLb", "mLi"}) + [
        "oov",
        "soov",
    ]
    chars = "".join(sorted({c for s in SENTS for t in s for c in t}))
    net = tn.build_net(torch, wv, len(chars) + 2, len(feats) + 1, 6, 5, 7)
    with torch.no_grad():
        for p in net.parameters():
            if p.requires_grad:
                p.normal_(0, 0.5)
        net.cemb.weight[0] = 0  # padding rows stay zero in training (padding_idx)
        net.bag.weight[0] = 0
    net.eval()
    path = tmp_path / "neural.npz"
    tn.export(net, words, q, scale, chars, feats, path)
    enc = tn.Encoder(words, chars, feats)
    return torch, tn, net, enc, fz, path


def test_numpy_forward_equals_torch(tmp_path):
    torch, tn, net, enc, fz, path = _tiny_export(tmp_path)
    tagger = NeuralTagger(path, fz)
    em_np, lengths = tagger.emissions(SENTS)
    inputs, _, _, _ = tn.make_batch(torch, [(*enc.sentence(fz, s), 0, len(s)) for s in SENTS])
    with torch.no_grad():
        em_t = net.emissions(inputs).numpy()
    for k, n in enumerate(lengths):
        # weights are stored as float16: compare with a tolerance
        np.testing.assert_allclose(em_np[k, :n], em_t[k, :n], atol=0.05, rtol=0.05)


def test_batched_equals_one_by_one(tmp_path):
    if MODEL.exists():
        from akhbar.entities.recognize import get_model

        tagger = get_model().neural
        if tagger is None:
            pytest.skip("neural tagger disabled")
    else:
        _, _, _, _, fz, path = _tiny_export(tmp_path)
        tagger = NeuralTagger(path, fz)
    batch = tagger.tag_batch(SENTS + [[]])
    assert batch[-1] == []
    for s, tags in zip(SENTS, batch):
        assert tagger.tag_batch([s])[0] == tags
        assert len(tags) == len(s)


def test_shipped_neural_model_is_used_and_small():
    if not MODEL.exists():
        pytest.skip("no neural model shipped")
    from akhbar.entities.recognize import get_model

    assert get_model().kind.startswith("neural")
    assert MODEL.stat().st_size < 40 * 1024 * 1024
