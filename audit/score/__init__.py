"""Scoring: how close each aligned pair is in meaning, by up to three backends.

- ``lexical`` (always available, the default on a machine without models):
  :func:`audit.align.anchors.lexical_similarity`, built from the anchors the
  aligner uses (numbers, names and cognates, concepts, length).  No model.
  Stored as ``pair.scores["lexical"]``.
- ``embeddings``: cosine similarity of multilingual sentence embeddings from
  a local sentence-transformers model (``ScoringOptions.model``, default
  :data:`DEFAULT_MODEL`).  Stored as ``pair.scores["embedding"]``.
- ``backtranslation``: the target translated back into the source language
  with an installed argostranslate package, compared with the source by
  sacrebleu: ``pair.scores["bt_chrf"]`` and ``pair.scores["bt_bleu"]``
  (sentence chrF and BLEU, 0-100), corpus chrF/BLEU per document, and the
  sacrebleu signatures in ``ScoringReport.signature``.

Neither neural backend is required: a backend that cannot run says why in
``ScoringReport.backends`` (one line each) and the audit goes on.

Findings (check ``similarity``): a pair whose embedding similarity (or, when
no embeddings ran, back-translation chrF) is far below its document's level
becomes a finding.  The level is the median over the document's scored pairs
(both sides present, not page furniture); the thresholds are the module
constants below.  The category is ``omission`` when the target is much
shorter than its source, ``addition`` when it is much longer, else ``sense``.
The lexical similarity alone produces no findings: it is too coarse to tell
a distortion from a free translation (the anchor-based checks do that job).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from ..model import AlignedDocument, AlignedPair, Finding
from .cache import ScoreCache, default_cache_dir
from .embeddings import BackendUnavailable, Embedder, SentenceTransformerEmbedder, cosine_rows
from .models import DEFAULT_MODEL, NEURAL_EXTRA_HINT, argos_packages, argos_route, library_version, resolve_st_model

__all__ = [
    "BACKENDS",
    "BackendUnavailable",
    "DEFAULT_MODEL",
    "Embedder",
    "ScoringOptions",
    "ScoringReport",
    "backend_lines",
    "default_cache_dir",
    "get_embedder",
    "score",
]

BACKENDS = ("lexical", "embeddings", "backtranslation")

LEXICAL_LABEL = "lexical (no model: anchors shared by source and target -- numbers, names, cognates, length)"

# -- thresholds of the ``similarity`` findings ------------------------------
#: A document needs this many scored pairs before a pair can be "far below its level".
MIN_PAIRS_FOR_LEVEL = 3
#: Embedding cosine: minor finding when the pair is this far below the document median ...
EMBEDDING_MINOR_MARGIN = 0.15
#: ... major finding when it is this far below.
EMBEDDING_MAJOR_MARGIN = 0.30
#: A pair at or above this cosine is never flagged, whatever the document level.
EMBEDDING_CEILING = 0.80
#: Back-translation sentence chrF (0-100): minor / major margins below the
#: document median, and the ceiling above which a pair is never flagged.
BT_CHRF_MINOR_MARGIN = 20.0
BT_CHRF_MAJOR_MARGIN = 35.0
BT_CHRF_CEILING = 60.0
#: Target/source length (characters) below which the finding is an omission,
#: above which it is an addition; in between, a change of sense.
OMISSION_LENGTH_RATIO = 0.6
ADDITION_LENGTH_RATIO = 1.7
#: Quotes in messages are cut to this many characters.
QUOTE_CHARS = 160


@dataclass
class ScoringOptions:
    backends: tuple[str, ...] = ("auto",)  # "lexical", "embeddings", "backtranslation", "auto"
    model: str | None = None  # sentence-transformers model name or local folder
    cache_dir: str | None = None  # default: $MTAUDIT_CACHE_DIR, else the user cache folder
    use_cache: bool = True
    device: str | None = None  # torch device for embeddings ("cpu", "cuda"); None = library's choice
    batch_size: int = 32


@dataclass
class ScoringReport:
    backends: list[dict[str, Any]] = field(default_factory=list)  # {name, ran, reason}
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # per-doc summary
    findings: list[Finding] = field(default_factory=list)
    signature: dict[str, str] = field(default_factory=dict)  # sacrebleu signatures
    backtranslations: dict[str, dict[int, str]] = field(default_factory=dict)  # doc -> pair index -> text


# -- which backends --------------------------------------------------------


def _wanted(options: ScoringOptions) -> tuple[set[str], bool]:
    names = set(options.backends or ("auto",))
    auto = "auto" in names
    unknown = names - set(BACKENDS) - {"auto"}
    if unknown:
        raise ValueError(f"unknown scoring backend(s): {', '.join(sorted(unknown))}")
    wanted = set(BACKENDS) if auto else names | {"lexical"}
    return wanted, auto


_CACHES: dict[str, ScoreCache] = {}
_EMBEDDERS: dict[tuple, SentenceTransformerEmbedder] = {}


def _cache(options: ScoringOptions) -> ScoreCache | None:
    if not options.use_cache:
        return None
    folder = str(options.cache_dir or default_cache_dir())
    if folder not in _CACHES:
        _CACHES[folder] = ScoreCache(folder)
    cache = _CACHES[folder]
    return cache if cache.usable else None


def _embedder_or_reason(options: ScoringOptions) -> tuple[SentenceTransformerEmbedder | None, str | None]:
    wanted, _ = _wanted(options)
    if "embeddings" not in wanted:
        return None, "not requested"
    if library_version("sentence_transformers") is None or library_version("torch") is None:
        return None, f"sentence-transformers is not installed ({NEURAL_EXTRA_HINT})"
    resolved = resolve_st_model(options.model)
    if resolved.path is None:
        return None, resolved.reason
    key = (resolved.model_id, options.device, options.batch_size, options.use_cache,
           str(options.cache_dir or default_cache_dir()))
    emb = _EMBEDDERS.get(key)
    if emb is None:
        emb = SentenceTransformerEmbedder(resolved, _cache(options), options.device, options.batch_size)
        _EMBEDDERS[key] = emb
    if emb.error:
        return None, emb.error
    return emb, None


def get_embedder(options: ScoringOptions) -> Embedder | None:
    """The embedding backend to use, or None when it cannot run (no import, no download).

    The model is loaded on the first ``encode`` that misses the cache; if
    that fails, ``encode`` raises :class:`BackendUnavailable` (callers align
    without embeddings then) and :func:`score` reports the reason.  The same
    instance is returned for the same options, so the model loads once.
    """
    return _embedder_or_reason(options)[0]


def backend_lines(report: ScoringReport) -> list[str]:
    """One line per backend for the terminal and the report."""
    lines = []
    for b in report.backends:
        if b["ran"]:
            extra = f" ({b['reason']})" if b.get("reason") else ""
            what = f" -- {b['model']}" if b.get("model") else ""
            lines.append(f"{b['name']}: ran{what}{extra}")
        else:
            lines.append(f"{b['name']}: did not run -- {b['reason']}")
    return lines


# -- helpers -----------------------------------------------------------------


def _pair_texts(adoc: AlignedDocument, pair: AlignedPair) -> tuple[str, str] | None:
    if not pair.src or not pair.tgt or not adoc.doc.has_source:
        return None
    s = adoc.span("source", pair)
    t = adoc.span("target", pair)
    assert s is not None and t is not None
    return s.text, t.text


def _distribution(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0}
    vs = sorted(values)

    def q(p: float) -> float:
        k = (len(vs) - 1) * p
        lo, hi = int(k), min(int(k) + 1, len(vs) - 1)
        return vs[lo] + (vs[hi] - vs[lo]) * (k - lo)

    return {
        "n": len(vs),
        "mean": round(statistics.fmean(vs), 4),
        "std": round(statistics.pstdev(vs), 4),
        "min": round(vs[0], 4),
        "p10": round(q(0.10), 4),
        "p25": round(q(0.25), 4),
        "median": round(q(0.5), 4),
        "p75": round(q(0.75), 4),
        "p90": round(q(0.90), 4),
        "max": round(vs[-1], 4),
    }


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def _level_values(adoc: AlignedDocument, key: str) -> list[float]:
    return [
        p.scores[key]
        for p in adoc.pairs
        if key in p.scores and not p.furniture and p.src and p.tgt
    ]


# -- the backends ------------------------------------------------------------


def _run_lexical(adocs: list[AlignedDocument]) -> str | None:
    try:
        from ..align.anchors import lexical_similarity
    except ImportError as exc:
        return f"audit.align.anchors.lexical_similarity is not available ({exc})"
    for adoc in adocs:
        src_lang = adoc.doc.source_lang
        tgt_lang = adoc.doc.target_lang
        for pair in adoc.pairs:
            texts = _pair_texts(adoc, pair)
            if texts is None or src_lang is None:
                continue
            pair.scores["lexical"] = round(float(lexical_similarity(texts[0], texts[1], src_lang, tgt_lang)), 4)
    return None


def _run_embeddings(adocs: list[AlignedDocument], embedder: SentenceTransformerEmbedder) -> None:
    srcs, tgts, where = [], [], []
    for adoc in adocs:
        for pair in adoc.pairs:
            texts = _pair_texts(adoc, pair)
            if texts is not None:
                srcs.append(texts[0])
                tgts.append(texts[1])
                where.append(pair)
    if not where:
        return
    vecs = embedder.encode(srcs + tgts)  # one model call for everything not cached
    sims = cosine_rows(vecs[: len(srcs)], vecs[len(srcs) :])
    for pair, sim in zip(where, sims):
        pair.scores["embedding"] = round(float(sim), 4)


def _run_backtranslation(adocs: list[AlignedDocument], options: ScoringOptions,
                         report: ScoringReport) -> tuple[bool, str | None, list[str]]:
    """Returns (ran on some document, reason for the rest, routes used)."""
    from . import backtranslation as bt

    if library_version("argostranslate") is None or library_version("ctranslate2") is None:
        return False, f"argostranslate is not installed ({NEURAL_EXTRA_HINT})", []
    packages = argos_packages()
    cache = _cache(options)
    missing: list[str] = []
    used: list[str] = []
    translators: dict[tuple[str, str], bt.ArgosBackTranslator | None] = {}
    ran = same = False
    for adoc in adocs:
        d = adoc.doc
        if not d.has_source or d.source_lang is None:
            continue
        if d.source_lang == d.target_lang:  # nothing to translate back
            same = True
            continue
        direction = (d.target_lang, d.source_lang)
        if direction not in translators:
            route = argos_route(*direction, packages=packages)
            translators[direction] = bt.ArgosBackTranslator(*direction, route, cache) if route else None
            if route is None:
                missing.append(f"{direction[0]}→{direction[1]}")
        translator = translators[direction]
        if translator is None:
            continue
        pairs, srcs, tgts = [], [], []
        for pair in adoc.pairs:
            texts = _pair_texts(adoc, pair)
            if texts is not None:
                pairs.append(pair)
                srcs.append(texts[0])
                tgts.append(texts[1])
        try:
            back = translator.translate(tgts)
        except BackendUnavailable as exc:
            return ran, str(exc), used
        ran = True
        if translator.label not in used:
            used.append(translator.label)
        scores = bt.score_pairs(back, srcs)
        report.backtranslations[d.id] = {p.index: b for p, b in zip(pairs, back)}
        for i, pair in enumerate(pairs):
            pair.scores["bt_chrf"] = scores["sentence_chrf"][i]
            pair.scores["bt_bleu"] = scores["sentence_bleu"][i]
        report.documents.setdefault(d.id, {})["backtranslation"] = {
            "package": translator.label,
            "chrf": scores["chrf"],
            "bleu": scores["bleu"],
            "sentence_chrf": _distribution(_level_values(adoc, "bt_chrf")),
        }
    if ran:
        report.signature.update(bt.signatures())
    reason = None
    if missing:
        reason = "no argostranslate package for " + ", ".join(missing) + " (mtaudit models add-argos FILE)"
    elif not ran and not translators:
        reason = ("source and target are in the same language" if same
                  else "no document has a source text")
    return ran, reason, used


# -- findings ------------------------------------------------------------------


def _severity(value: float, level: float, minor: float, major: float, ceiling: float) -> str | None:
    if value >= ceiling or level - value < minor:
        return None
    return "major" if level - value >= major else "minor"


def _similarity_findings(adoc: AlignedDocument, report: ScoringReport) -> list[Finding]:
    out: list[Finding] = []
    d = adoc.doc
    emb_level = _level_values(adoc, "embedding")
    bt_level = _level_values(adoc, "bt_chrf")
    use_emb = len(emb_level) >= MIN_PAIRS_FOR_LEVEL
    use_bt = not use_emb and len(bt_level) >= MIN_PAIRS_FOR_LEVEL
    if not (use_emb or use_bt):
        return out
    level = statistics.median(emb_level if use_emb else bt_level)
    back = report.backtranslations.get(d.id, {})
    for pair in adoc.pairs:
        if pair.furniture:
            continue
        texts = _pair_texts(adoc, pair)
        if texts is None:
            continue
        key = "embedding" if use_emb else "bt_chrf"
        if key not in pair.scores:
            continue
        value = pair.scores[key]
        if use_emb:
            sev = _severity(value, level, EMBEDDING_MINOR_MARGIN, EMBEDDING_MAJOR_MARGIN, EMBEDDING_CEILING)
            measure = f"embedding similarity {value:.2f} against a document median of {level:.2f}"
        else:
            sev = _severity(value, level, BT_CHRF_MINOR_MARGIN, BT_CHRF_MAJOR_MARGIN, BT_CHRF_CEILING)
            measure = f"back-translation chrF {value:.0f} against a document median of {level:.0f}"
        if sev is None:
            continue
        src, tgt = texts
        ratio = len(tgt.strip()) / max(1, len(src.strip()))
        if ratio < OMISSION_LENGTH_RATIO:
            category = "omission"
            head = (f"The target is much shorter than its source ({len(tgt.strip())} against "
                    f"{len(src.strip())} characters) and far less close in meaning than the rest "
                    f"of the document ({measure}): part of the source may be missing.")
        elif ratio > ADDITION_LENGTH_RATIO:
            category = "addition"
            head = (f"The target is much longer than its source ({len(tgt.strip())} against "
                    f"{len(src.strip())} characters) and far less close in meaning than the rest "
                    f"of the document ({measure}): it may say more than the source.")
        else:
            category = "sense"
            head = (f"This target sentence is far less close in meaning to its source than the "
                    f"rest of the document ({measure}): the sense may have changed.")
        msg = f'{head} The source says "{_quote(src)}"; the target says "{_quote(tgt)}".'
        if pair.index in back:
            msg += f' Translated back, the target reads "{_quote(back[pair.index])}".'
        details = {"pair": pair.index, "level": round(level, 4), "length_ratio": round(ratio, 3)}
        details.update({k: v for k, v in sorted(pair.scores.items())})
        out.append(Finding(d.id, "similarity", category, sev, msg,
                           adoc.span("source", pair), adoc.span("target", pair), details))
    return out


# -- the entry point -------------------------------------------------------------


def score(adocs: list[AlignedDocument], options: ScoringOptions | None = None) -> ScoringReport:
    """Fill ``pair.scores``, summarise each document, and flag far-off pairs.

    ``ScoringReport.documents[doc_id]`` is what ``summary.json`` shows as a
    document's ``similarity``: ``backend`` (the main one: ``embeddings`` if it
    ran, else ``lexical``), ``label``, ``mean`` and ``values`` (one per pair,
    ``None`` for pairs with one side), ``distribution`` (n, mean, std, min,
    p10, p25, median, p75, p90, max over pairs with both sides that are not
    page furniture), ``scores`` (the same per backend) and, when it ran,
    ``backtranslation`` (package, corpus chrF and BLEU, sentence chrF
    distribution).
    """
    options = options or ScoringOptions()
    wanted, auto = _wanted(options)
    report = ScoringReport()
    for adoc in adocs:  # documents in input order
        report.documents[adoc.doc.id] = {}

    # lexical: always
    reason = _run_lexical(adocs)
    report.backends.append({"name": "lexical", "ran": reason is None, "reason": reason,
                            "model": None})

    # embeddings
    embedder, reason = _embedder_or_reason(options)
    ran = False
    if embedder is not None:
        try:
            _run_embeddings(adocs, embedder)
            ran = True
        except BackendUnavailable as exc:
            reason = str(exc)
    report.backends.append({"name": "embeddings", "ran": ran, "reason": reason,
                            "model": embedder.name if (embedder and ran) else None})

    # back-translation
    if "backtranslation" in wanted:
        ran, reason, used = _run_backtranslation(adocs, options, report)
        report.backends.append({"name": "backtranslation", "ran": ran,
                                "reason": reason, "model": ", ".join(used) or None})
    else:
        report.backends.append({"name": "backtranslation", "ran": False, "reason": "not requested",
                                "model": None})

    # per-document summaries and findings
    main_key = "embedding" if any(b["name"] == "embeddings" and b["ran"] for b in report.backends) else "lexical"
    main_name = "embeddings" if main_key == "embedding" else "lexical"
    for adoc in adocs:
        entry = report.documents.setdefault(adoc.doc.id, {})
        per_backend = {}
        for key in ("lexical", "embedding", "bt_chrf", "bt_bleu"):
            level = _level_values(adoc, key)
            if level:
                per_backend[key] = _distribution(level)
        values = [p.scores.get(main_key) for p in adoc.pairs]
        dist = _distribution(_level_values(adoc, main_key))
        entry.update({
            "backend": main_name if adoc.doc.has_source else None,
            "label": (LEXICAL_LABEL if main_key == "lexical"
                      else f"embeddings ({embedder.name if embedder else options.model})"),
            "mean": dist.get("mean"),
            "values": values,
            "distribution": dist,
            "scores": per_backend,
        })
        # keep the summary's key order stable: backtranslation last
        if "backtranslation" in entry:
            entry["backtranslation"] = entry.pop("backtranslation")
        report.findings.extend(_similarity_findings(adoc, report))
    return report
