"""Multilingual sentence embeddings with sentence-transformers.

The library (and torch) is imported the first time a text has to be encoded
that is not in the cache, never at module import: a run whose embeddings are
all cached loads no model at all.
"""
from __future__ import annotations

import threading
from typing import Protocol, runtime_checkable

import numpy as np

from .cache import ScoreCache
from .models import ResolvedModel


class BackendUnavailable(RuntimeError):
    """A backend that looked usable failed to load or run; ``str()`` says why."""


@runtime_checkable
class Embedder(Protocol):
    """What the aligner and the scorer need from an embedding backend."""

    model_id: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


_MODELS: dict[tuple[str, str | None], object] = {}  # loaded once per process
_LOCK = threading.Lock()


def _load_model(path: str, device: str | None):
    key = (path, device)
    with _LOCK:
        if key not in _MODELS:
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.set_verbosity_error()
                hf_logging.disable_progress_bar()
            except Exception:  # pragma: no cover - only cosmetics
                pass
            from sentence_transformers import SentenceTransformer

            _MODELS[key] = SentenceTransformer(path, device=device, local_files_only=True)
        return _MODELS[key]


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class SentenceTransformerEmbedder:
    """Embeddings from a local sentence-transformers model, through the cache.

    ``model_calls`` counts the batched calls made to the model and
    ``texts_encoded`` the texts it encoded; cached texts count in neither.
    """

    def __init__(
        self,
        resolved: ResolvedModel,
        cache: ScoreCache | None = None,
        device: str | None = None,
        batch_size: int = 32,
    ):
        assert resolved.path is not None
        self.resolved = resolved
        self.model_id = resolved.model_id
        self.name = resolved.name
        self.cache = cache
        self.device = device
        self.batch_size = batch_size
        self.model_calls = 0
        self.texts_encoded = 0
        self.cache_hits = 0
        self.error: str | None = None
        self._model = None

    @property
    def model(self):
        if self._model is None:
            try:
                self._model = _load_model(str(self.resolved.path), self.device)
            except Exception as exc:  # the library raises many kinds
                self.error = f"could not load model {self.name}: {type(exc).__name__}: {exc}"
                raise BackendUnavailable(self.error) from exc
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        found = self.cache.get_embeddings(self.model_id, unique) if self.cache else {}
        self.cache_hits += len(found)
        missing = [t for t in unique if t not in found]
        if missing:
            model = self.model
            try:
                vecs = model.encode(
                    missing,
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            except Exception as exc:
                self.error = f"model {self.name} failed: {type(exc).__name__}: {exc}"
                raise BackendUnavailable(self.error) from exc
            self.model_calls += 1
            self.texts_encoded += len(missing)
            vecs = normalise_rows(vecs)
            new = {t: vecs[i] for i, t in enumerate(missing)}
            if self.cache:
                self.cache.put_embeddings(self.model_id, new)
            found.update(new)
        return normalise_rows(np.stack([found[t] for t in texts]))


def cosine_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of row i of ``a`` with row i of ``b`` (rows normalised)."""
    return np.clip(np.einsum("ij,ij->i", normalise_rows(a), normalise_rows(b)), -1.0, 1.0)
