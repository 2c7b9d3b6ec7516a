"""Tiny neural models built offline, for the tests of ``audit.score``.

Nothing here downloads anything: every vocabulary is trained on the fly from
a few sentences, every network is randomly initialised (with a fixed seed)
and saved in the layout the real libraries read.

- :func:`build_sentence_transformer` -- a sentence-transformers folder
  (WordPiece tokenizer, BERT with hidden size 32, mean pooling, normalisation).
- :func:`build_argos_package` -- an ``.argosmodel`` archive (a random Marian
  model converted with CTranslate2 and a SentencePiece model) that
  ``argostranslate.package.install_from_path`` accepts.

The builders cache their result per process (the folders live in a temporary
directory) so that several test modules can share them.
"""
from __future__ import annotations

import json
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

_ROOT = Path(tempfile.mkdtemp(prefix="mtaudit-tinymodels-"))

# A few sentences in the three languages of the project: enough for a
# vocabulary, nothing more.
TRAINING_SENTENCES = [
    "SenseTime raised $600 million in a funding round led by Alibaba.",
    "SenseTime hat 600 Millionen Dollar in einer Finanzierungsrunde eingesammelt.",
    "SenseTime a levé 600 millions de dollars lors d'un tour de table.",
    "The company was founded in 2014 and is valued at more than $3 billion.",
    "Das Unternehmen wurde 2014 gegründet und ist mehr als 3 Milliarden Dollar wert.",
    "L'entreprise a été fondée en 2014 et vaut plus de 3 milliards de dollars.",
    "Facial recognition is used by the police to find people of interest.",
    "Gesichtserkennung wird von der Polizei genutzt, um Personen zu finden.",
    "La reconnaissance faciale est utilisée par la police.",
    "The weather was sunny and the market was quiet on Tuesday.",
    "Das Wetter war sonnig und der Markt war am Dienstag ruhig.",
    "Le temps était ensoleillé et le marché était calme mardi.",
    "Investors include Temasek, Suning and Qualcomm.",
    "Zu den Investoren gehören Temasek, Suning und Qualcomm.",
    "Parmi les investisseurs figurent Temasek, Suning et Qualcomm.",
]


@lru_cache(maxsize=None)
def build_sentence_transformer(seed: int = 0) -> Path:
    """A tiny sentence-transformers model folder, saved and ready to reload."""
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:
        from sentence_transformers.sentence_transformer.modules import (
            Normalize,
            Pooling,
            Transformer,
        )
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers.models import Normalize, Pooling, Transformer
    from sentence_transformers import SentenceTransformer

    out = _ROOT / f"st-{seed}"
    bert_dir = _ROOT / f"bert-{seed}"
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(
        TRAINING_SENTENCES,
        trainers.WordPieceTrainer(vocab_size=400, special_tokens=specials, show_progress=False),
    )
    fast = BertTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )
    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    BertModel(config).save_pretrained(bert_dir)
    fast.save_pretrained(bert_dir)
    transformer = Transformer(str(bert_dir), max_seq_length=128)
    pooling = Pooling(32, "mean")
    model = SentenceTransformer(modules=[transformer, pooling, Normalize()], device="cpu")
    model.save(str(out))
    return out


class _VocabOnly:
    """What the CTranslate2 Marian converter reads from a tokenizer."""

    def __init__(self, tokens: list[str]):
        self._vocab = {t: i for i, t in enumerate(tokens)}
        self.eos_token = "</s>"
        self.unk_token = "<unk>"

    def get_vocab(self) -> dict[str, int]:
        return dict(self._vocab)


@lru_cache(maxsize=None)
def build_argos_package(from_code: str = "de", to_code: str = "en", seed: int = 0) -> Path:
    """A tiny ``.argosmodel`` archive translating ``from_code`` to ``to_code``.

    The translation model is a randomly initialised Marian transformer
    (d_model 16) converted with CTranslate2's Transformers converter; the
    tokenizer is a SentencePiece model trained on :data:`TRAINING_SENTENCES`.
    Its output is gibberish, but it goes through the whole real machinery.
    """
    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel

    work = _ROOT / f"argos-{from_code}-{to_code}-{seed}"
    pkg_dir = work / f"translate-{from_code}_{to_code}-tiny"
    pkg_dir.mkdir(parents=True, exist_ok=True)

    corpus = work / "corpus.txt"
    corpus.write_text("\n".join(TRAINING_SENTENCES) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(pkg_dir / "sentencepiece"),
        vocab_size=120,
        hard_vocab_limit=False,
        model_type="unigram",
        character_coverage=1.0,
        pad_id=-1,
        bos_id=-1,
        eos_id=0,
        unk_id=1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=str(pkg_dir / "sentencepiece.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]  # "</s>", "<unk>", ...
    tokens = pieces + ["<pad>"]  # Marian puts <pad> last; the converter drops it

    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(tokens),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=512,
        pad_token_id=len(tokens) - 1,
        eos_token_id=0,
        decoder_start_token_id=len(tokens) - 1,
        share_encoder_decoder_embeddings=True,
    )
    hf_dir = work / "marian"
    MarianMTModel(config).save_pretrained(hf_dir)

    vocab = _VocabOnly(tokens)

    class _Converter(ctranslate2.converters.TransformersConverter):
        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            return vocab

    _Converter(str(hf_dir)).convert(str(pkg_dir / "model"), force=True)

    metadata = {
        "package_version": "0.0.1",
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
    }
    (pkg_dir / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (pkg_dir / "README.md").write_text("Tiny random test model.\n", encoding="utf-8")

    archive = work / f"tiny_{from_code}_{to_code}.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(pkg_dir.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(work))
    return archive


# A small faithful en->de document shared by the neural tests.
SAMPLE_SRC = [
    "SenseTime raised $600 million in a funding round led by Alibaba.",
    "The company was founded in 2014 and is valued at more than $3 billion.",
    "Facial recognition is used by the police to find people of interest.",
    "Investors include Temasek, Suning and Qualcomm.",
]
SAMPLE_TGT = [
    "SenseTime hat 600 Millionen Dollar in einer Finanzierungsrunde eingesammelt.",
    "Das Unternehmen wurde 2014 gegründet und ist mehr als 3 Milliarden Dollar wert.",
    "Gesichtserkennung wird von der Polizei genutzt, um Personen zu finden.",
    "Zu den Investoren gehören Temasek, Suning und Qualcomm.",
]
