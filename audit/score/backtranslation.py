"""Back-translation with argostranslate, scored with sacrebleu (chrF, BLEU).

Each target segment is translated back into the source language with an
installed argostranslate package (directly, or through one pivot language
when only a chain is installed) and compared with the source segment.

The packages are read with ``argostranslate.package.Package`` (the package's
own tokenizer) and run with the package's CTranslate2 model, with the decoding
settings argostranslate uses (beam size, length penalty, target prefix, its
device/thread settings).  We do not go through ``PackageTranslation`` because
it splits its input into sentences with a sentence-boundary model that it
downloads on first use, and our segments are already sentences: every
segment is translated as one, all of a document in one batch.

argostranslate and ctranslate2 are imported when the first text has to be
translated that is not in the cache.
"""
from __future__ import annotations

import threading
from pathlib import Path

from .cache import ScoreCache
from .embeddings import BackendUnavailable
from .models import _fingerprint

#: sacrebleu metric settings (their defaults, named for the signature).
CHRF_ARGS: dict = {}
BLEU_ARGS: dict = {}

_TRANSLATORS: dict[str, tuple[object, object]] = {}
_LOCK = threading.Lock()


def _load_package(path: str):
    """(argostranslate Package, ctranslate2.Translator), once per process."""
    model_bin = Path(path) / "model" / "model.bin"
    key = f"{path}@{model_bin.stat().st_mtime_ns if model_bin.exists() else 0}"  # reinstalled = reloaded
    with _LOCK:
        if key not in _TRANSLATORS:
            import ctranslate2
            from argostranslate import package as argos_package
            from argostranslate import settings as argos_settings

            pkg = argos_package.Package(Path(path))
            if getattr(pkg, "tokenizer", None) is None:
                raise BackendUnavailable(f"argostranslate package {path} has no tokenizer model")
            translator = ctranslate2.Translator(
                str(Path(path) / "model"),
                device=argos_settings.device,
                inter_threads=argos_settings.inter_threads,
                intra_threads=argos_settings.intra_threads,
                compute_type=argos_settings.compute_type,
            )
            _TRANSLATORS[key] = (pkg, translator)
        return _TRANSLATORS[key]


def _translate_with_package(path: str, texts: list[str]) -> list[str]:
    from argostranslate import settings as argos_settings

    pkg, translator = _load_package(path)
    tokenized = [pkg.tokenizer.encode(t) for t in texts]
    prefix = getattr(pkg, "target_prefix", "") or ""
    target_prefix = [[prefix]] * len(tokenized) if prefix else None
    longest = max((len(t) for t in tokenized), default=1)
    results = translator.translate_batch(
        tokenized,
        target_prefix=target_prefix,
        replace_unknowns=True,
        max_batch_size=1024,
        batch_type="tokens",
        beam_size=max(1, argos_settings.beam_size),
        num_hypotheses=1,
        length_penalty=0.2,
        max_decoding_length=min(256, 2 * longest + 16),
    )
    out = []
    for res in results:
        value = pkg.tokenizer.decode(res.hypotheses[0])
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        out.append(value[1:] if value.startswith(" ") else value)
    return out


class ArgosBackTranslator:
    """Translate ``from_code`` texts into ``to_code`` through installed packages.

    ``route`` is what :func:`audit.score.models.argos_route` returns.
    ``model_calls`` counts batched calls to a translation model.
    """

    def __init__(self, from_code: str, to_code: str, route: list[dict], cache: ScoreCache | None):
        self.from_code = from_code
        self.to_code = to_code
        self.route = route
        self.cache = cache
        self.model_calls = 0
        self.texts_translated = 0
        self.label = "→".join([route[0]["from"]] + [p["to"] for p in route])
        parts = [
            f"{p['from']}-{p['to']}@{p['version']}:{_fingerprint(Path(p['path']))}" for p in route
        ]
        self.model_id = "argos:" + "+".join(parts)

    def translate(self, texts: list[str]) -> list[str]:
        texts = list(texts)
        unique = list(dict.fromkeys(texts))
        found = self.cache.get_translations(self.model_id, unique) if self.cache else {}
        missing = [t for t in unique if t not in found]
        if missing:
            current = missing
            try:
                for hop in self.route:
                    current = _translate_with_package(hop["path"], current)
                    self.model_calls += 1
            except BackendUnavailable:
                raise
            except Exception as exc:
                raise BackendUnavailable(
                    f"argostranslate {self.label} failed: {type(exc).__name__}: {exc}"
                ) from exc
            self.texts_translated += len(missing)
            new = dict(zip(missing, current))
            if self.cache:
                self.cache.put_translations(self.model_id, new)
            found.update(new)
        return [found[t] for t in texts]


def metrics():
    """Fresh sacrebleu metric objects: corpus chrF, corpus BLEU, sentence BLEU."""
    from sacrebleu.metrics import BLEU, CHRF

    return CHRF(**CHRF_ARGS), BLEU(**BLEU_ARGS), BLEU(effective_order=True, **BLEU_ARGS)


def signatures() -> dict[str, str]:
    """sacrebleu signatures of the figures written by :func:`score_pairs`."""
    chrf, bleu, sbleu = metrics()
    # nrefs is only known after scoring: we always use one reference.
    chrf.corpus_score(["a"], [["a"]])
    bleu.corpus_score(["a"], [["a"]])
    sbleu.sentence_score("a", ["a"])
    return {
        "chrf": str(chrf.get_signature()),
        "bleu": str(bleu.get_signature()),
        "sentence_bleu": str(sbleu.get_signature()),
    }


def score_pairs(hyps: list[str], refs: list[str]) -> dict:
    """Sentence chrF/BLEU per pair and corpus chrF/BLEU of a document."""
    chrf, bleu, sbleu = metrics()
    sent_chrf = [round(chrf.sentence_score(h, [r]).score, 2) for h, r in zip(hyps, refs)]
    sent_bleu = [round(sbleu.sentence_score(h, [r]).score, 2) for h, r in zip(hyps, refs)]
    if hyps:
        corpus_chrf = round(chrf.corpus_score(hyps, [refs]).score, 2)
        corpus_bleu = round(bleu.corpus_score(hyps, [refs]).score, 2)
    else:
        corpus_chrf = corpus_bleu = None
    return {
        "sentence_chrf": sent_chrf,
        "sentence_bleu": sent_bleu,
        "chrf": corpus_chrf,
        "bleu": corpus_bleu,
    }
