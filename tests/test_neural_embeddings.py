"""The real sentence-transformers backend, on a tiny model built offline."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sentence_transformers")

import audit.score as score_mod  # noqa: E402
from audit.align import align  # noqa: E402
from audit.score import BackendUnavailable, ScoringOptions, get_embedder, score  # noqa: E402
from helpers import make_adoc  # noqa: E402
from tinymodels import SAMPLE_SRC, SAMPLE_TGT, build_sentence_transformer  # noqa: E402

SRC, TGT = SAMPLE_SRC, SAMPLE_TGT


@pytest.fixture(scope="module")
def tiny_model():
    return str(build_sentence_transformer())


@pytest.fixture()
def options(tiny_model, tmp_path):
    score_mod._EMBEDDERS.clear()
    return ScoringOptions(backends=("embeddings",), model=tiny_model, cache_dir=str(tmp_path / "cache"))


def test_encode_gives_normalised_rows(options):
    emb = get_embedder(options)
    assert emb is not None and emb.model_id.startswith(options.model)
    vecs = emb.encode(SRC + SRC[:1])
    assert vecs.shape == (5, 32) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vecs[0], vecs[4])
    assert emb.model_calls == 1 and emb.texts_encoded == 4  # duplicates encoded once


def test_similarity_per_pair(options):
    same = make_adoc(SRC, SRC, "en", "en", doc_id="same")
    tr = make_adoc(SRC, TGT, doc_id="tr")
    report = score([same, tr], options)
    by_name = {b["name"]: b for b in report.backends}
    assert by_name["embeddings"]["ran"] and by_name["embeddings"]["reason"] is None
    assert by_name["embeddings"]["model"] == options.model
    for pair in same.pairs:
        assert pair.scores["embedding"] == pytest.approx(1.0, abs=1e-3)
    for pair in tr.pairs:
        assert -1.0 <= pair.scores["embedding"] <= 1.0
        assert "lexical" in pair.scores  # the fallback runs as well
    doc = report.documents["tr"]
    assert doc["backend"] == "embeddings"
    assert doc["values"] == [p.scores["embedding"] for p in tr.pairs]
    assert set(doc["scores"]) == {"lexical", "embedding"}
    assert doc["distribution"]["n"] == 4


def test_embedding_assisted_alignment(options):
    emb = get_embedder(options)
    src_emb, tgt_emb = emb.encode(SRC), emb.encode(TGT)
    pairs = align(SRC, TGT, "en", "de", src_emb=src_emb, tgt_emb=tgt_emb)
    # every sentence is used exactly once, in order
    assert [i for p in pairs for i in p.src] == list(range(len(SRC)))
    assert [i for p in pairs for i in p.tgt] == list(range(len(TGT)))
    # the sentences the aligner asked about are cached for the scorer
    calls = emb.model_calls
    score([make_adoc(SRC, TGT)], options)
    assert emb.model_calls == calls


def test_second_run_makes_no_model_call(options):
    first = make_adoc(SRC, TGT)
    score([first], options)
    emb = get_embedder(options)
    assert emb.model_calls == 1
    # a new run (fresh embedder, same cache folder): everything comes from the cache
    score_mod._EMBEDDERS.clear()
    second = make_adoc(SRC, TGT)
    report = score([second], options)
    emb2 = get_embedder(options)
    assert emb2 is not emb
    assert emb2.model_calls == 0 and emb2.cache_hits == 2 * len(SRC)
    assert emb2._model is None  # the model was not even loaded
    assert [p.scores["embedding"] for p in second.pairs] == [p.scores["embedding"] for p in first.pairs]
    assert {b["name"]: b["ran"] for b in report.backends}["embeddings"]


def test_broken_model_is_a_reason_not_a_traceback(tmp_path):
    score_mod._EMBEDDERS.clear()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    opts = ScoringOptions(backends=("embeddings",), model=str(broken), cache_dir=str(tmp_path / "c"))
    emb = get_embedder(opts)
    with pytest.raises(BackendUnavailable):
        emb.encode(["x"])
    report = score([make_adoc(SRC, TGT)], opts)
    b = {b["name"]: b for b in report.backends}["embeddings"]
    assert not b["ran"] and "could not load model" in b["reason"]
    assert report.documents["t"]["backend"] == "lexical"


def test_missing_model_folder(tmp_path):
    opts = ScoringOptions(backends=("embeddings",), model=str(tmp_path / "nope"), cache_dir=str(tmp_path))
    assert get_embedder(opts) is None
    report = score([make_adoc(SRC, TGT)], opts)
    b = {b["name"]: b for b in report.backends}["embeddings"]
    assert not b["ran"] and "no such model folder" in b["reason"]
