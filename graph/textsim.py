"""Danish text similarity: normalisation, stemming, TF-IDF and sparse neighbours.

Descriptions are compared with two TF-IDF representations whose cosines are
combined with the weight :data:`WORD_WEIGHT` (by default the character view
alone decides the similarity; the word view proposes candidates on large
inputs and names the shared terms in the reasons):

* **words**: lower-cased Danish words, spaCy's Danish stop words removed,
  reduced to their stems with the Snowball Danish stemmer (``patienterne`` and
  ``patienter`` are one feature);
* **character n-grams** (4 and 5 characters, inside word boundaries) of the
  same content words, so that compounds and their parts still meet
  (``hjemmemonitorering`` shares ``moni``, ``itor``, ... with ``monitorering``).

Both use sub-linear term frequency and smoothed IDF and are L2-normalised.
Character n-grams are weighted by IDF *squared* (:data:`CHAR_IDF_POWER`): an
n-gram shared by a handful of texts (``dron``, ``exos``, ``INR``) says "same
offer" far more than one shared by a theme (``borg``, ``ældr``, ``digi``), and
plain IDF lets the many theme n-grams outvote the few distinctive ones. The
combined similarity ``WORD_WEIGHT * cos_words + (1 - WORD_WEIGHT) * cos_chars``
is the cosine of the two matrices stacked side by side (each scaled by the
square root of its weight), so it is computed by one sparse product.

**Concepts.** A small map of general Danish health-care synonyms
(:data:`SYNONYMS`: ``blodforgiftning`` = ``sepsis``, ``kronisk obstruktiv
lungesygdom`` = ``KOL``, ``slagtilfælde`` = ``apopleksi``, ...) adds the
canonical term to a text that uses another wording (:func:`concepts`), so two
descriptions of one offer in lay and professional words meet. Only terms that
name a specific condition, intervention or technology are mapped; generic
care vocabulary (patient/borger, sygehus/hospital) is not, because near-misses
share it as much as duplicates do.

**Background.** Document frequencies (IDF) are counted over the texts *plus*
an optional background corpus of texts of the same kind (``background=``;
:mod:`graph.overlaps` passes the labelled initiative descriptions of
``data/eval/overlaps/``). On a small input (20-60 initiatives) IDF from the
input alone is noisy and shrinks the gap between distinctive and common
terms, so scores of the same pair drop as the input gets smaller; the
background keeps the weights of a domain's common words stable.

Character n-gram vectors are built from the *vocabulary*, not from the raw
text: each distinct word is split into n-grams once and a document's n-gram
counts are its word counts times that word-to-n-gram matrix. That keeps the
cost of the character features proportional to the number of distinct words.

Neighbours (:func:`neighbours`) are found with the sparse product of the
stacked matrix with its transpose, computed in blocks of rows, keeping for
each row only its ``k`` best neighbours above a floor: memory is bounded by the
block size and time grows roughly linearly with the number of texts when the
neighbourhoods are small. Features present in a large share of the texts are
left out of the *candidate* product (they would make it dense and say little);
the similarity of each candidate pair is then computed exactly on the full
vectors.

Examples
--------
>>> index = build_index([
...     "Hjemmemonitorering af KOL-patienter med måling af iltmætning.",
...     "KOL-patienter måler selv iltmætningen i eget hjem (telemedicin).",
...     "Kursus i ledelse for små virksomheder.",
... ])
>>> round(index.similarity(0, 1), 2) > round(index.similarity(0, 2), 2)
True
>>> pairs = neighbours(index, k=2, floor=0.1)
>>> [(int(i), int(j)) for i, j in zip(pairs.rows, pairs.cols)]
[(0, 1)]
>>> sorted(shared_terms(index, 0, 1))
['KOL', 'iltmætning', 'patienter']
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Container, Sequence

import numpy as np
import scipy.sparse as sp

__all__ = [
    "WORD_WEIGHT",
    "CHAR_IDF_POWER",
    "SYNONYMS",
    "concepts",
    "shared_concepts",
    "stop_words",
    "normalise",
    "words",
    "content_words",
    "stem",
    "stems",
    "split_compound",
    "TextIndex",
    "Pairs",
    "build_index",
    "neighbours",
    "pair_similarities",
    "shared_terms",
]

#: weight of the word (stem) cosine in the combined similarity; the rest goes
#: to the character n-gram cosine (see docs/overlaps.md for the comparison)
WORD_WEIGHT = 0.0
#: character n-grams are weighted by ``tf * idf ** CHAR_IDF_POWER``: distinctive
#: n-grams count more than the shared vocabulary of a theme
CHAR_IDF_POWER = 2.0

_CHAR_NGRAMS = (4, 5)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_DIGITS = re.compile(r"^[\d-]+$")
# characters that appear inside words in the sources but are not letters
_ODD = {
    "\u00ad": "",  # soft hyphen
    "\u00b4": "'",
    "`": "'",
    "\u2019": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": " ",
    "\u2014": " ",
}
_ODD_RE = re.compile("[" + "".join(_ODD) + "]")
# Danish writes inflections of acronyms after an apostrophe: SMV'er, SMV'ernes
_APOSTROPHE_SUFFIX = re.compile(r"(?<=\w)'\w*")

#: general Danish health-care synonyms: canonical term -> other wordings (lower case).
#: Written from general medical and health-care usage (lay word / professional
#: word / abbreviation / English loan), not from the evaluation texts; only
#: terms naming a specific condition, intervention or technology.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "kol": ("kronisk obstruktiv lungesygdom", "rygerlunger"),
    "apopleksi": ("slagtilfælde", "blodprop i hjernen", "hjerneblødning", "stroke"),
    "kræft": ("cancer", "onkologi", "onkologisk"),
    "kemoterapi": ("kemo", "cytostatika", "cytostatisk"),
    "diabetes": ("sukkersyge", "diabetiker", "diabetikere"),
    "sepsis": ("blodforgiftning",),
    "atrieflimren": ("forkammerflimmer", "atrieflimmer", "hjerteflimmer"),
    "hjertesvigt": ("hjerteinsufficiens",),
    "iltmætning": ("saturation", "iltsaturation", "iltindhold i blodet", "ilt i blodet"),
    "blodtryk": ("hypertension", "forhøjet blodtryk"),
    "tryksår": ("liggesår", "decubitus"),
    "demens": ("demenssygdom", "alzheimer", "alzheimers"),
    "depression": ("depressiv", "nedtrykthed"),
    "fysioterapeut": ("fysioterapeuter",),
    "videokonsultation": ("videosamtale", "videoopkald", "skærmbesøg", "konsultation over video",
                          "virtuel konsultation"),
    "telemedicin": ("fjernmonitorering", "hjemmemonitorering", "monitorering på afstand", "telemonitorering"),
    "drone": ("ubemandet luftfartøj", "ubemandede luftfartøjer", "ubemandede fly", "ubemandet fly"),
    "ensomhed": ("social isolation", "isolerede"),
    "iværksætter": ("startup", "startups", "start-up", "nystartede virksomheder"),
    "smv": ("små og mellemstore virksomheder",),
    "inkubator": ("accelerator", "acceleratorprogram"),
    "blodfortyndende": ("antikoagulerende", "antikoagulation", "ak-behandling"),
    "ultralyd": ("ultralydsscanning", "scanning med ultralyd"),
    "rygestop": ("rygeafvænning", "holde op med at ryge"),
    "overvægt": ("fedme", "svær overvægt"),
}


@lru_cache(maxsize=1)
def _synonym_pattern() -> tuple[re.Pattern, dict[str, str]]:
    to_canon = {v: canon for canon, variants in SYNONYMS.items() for v in variants}
    alternatives = sorted(to_canon, key=len, reverse=True)  # longest wording first
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in alternatives) + r")(?!\w)", re.IGNORECASE)
    return pattern, to_canon


def concepts(text: str) -> dict[str, str]:
    """Canonical terms of :data:`SYNONYMS` that ``text`` expresses in other words.

    Returns ``{canonical: wording as written}`` (first occurrence).

    >>> concepts("Patienter med kronisk obstruktiv lungesygdom og blodforgiftning")
    {'kol': 'kronisk obstruktiv lungesygdom', 'sepsis': 'blodforgiftning'}
    >>> concepts("KOL og sepsis")
    {}
    """
    return dict(_concepts(text))


@lru_cache(maxsize=1 << 17)  # reasons ask for the same texts again and again, in any order
def _concepts(text: str) -> tuple[tuple[str, str], ...]:
    return _scan_concepts(text)


def _scan_concepts(text: str) -> tuple[tuple[str, str], ...]:
    pattern, to_canon = _synonym_pattern()
    found: dict[str, str] = {}
    for m in pattern.finditer(normalise(text)):
        found.setdefault(to_canon[m.group().lower()], m.group())
    return tuple(found.items())


def shared_concepts(text_a: str, text_b: str) -> list[tuple[str, str]]:
    """Concepts both texts name, at least one of them in other words: ``(wording in a, wording in b)``.

    >>> shared_concepts("Tidlig opsporing af sepsis", "Varsling af blodforgiftning")
    [('sepsis', 'blodforgiftning')]
    """
    ca, cb = concepts(text_a), concepts(text_b)
    out = []
    for canon in sorted(set(ca) | set(cb)):
        wa = ca.get(canon) or _mentions(text_a, canon)
        wb = cb.get(canon) or _mentions(text_b, canon)
        # only different words: not two inflections of one word (diabetes / diabetikere)
        if wa and wb and wa.lower()[:5] != wb.lower()[:5]:
            out.append((wa, wb))
    return out


def _mentions(text: str, canon: str) -> str | None:
    m = re.search(r"(?<!\w)" + re.escape(canon) + r"(?!\w)", normalise(text), re.IGNORECASE)
    return m.group() if m else None


def _with_concepts(text: str) -> str:
    """The text with the canonical term of each concept it words differently appended."""
    found = _scan_concepts(text)  # not cached: every text is seen once here
    return f"{text} {' '.join(c for c, _w in found)}" if found else text


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's Danish stop-word list, plus its English one (no language model needed).

    English is included because part of the data (CORDIS abstracts, English
    descriptions of Danish projects) is written in English.

    >>> {"og", "af", "det", "the", "of"} <= stop_words()
    True
    """
    from spacy.lang.da.stop_words import STOP_WORDS as DANISH
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH

    return frozenset(w.lower() for w in DANISH | ENGLISH)


def normalise(text: str) -> str:
    """Unicode NFKC, soft hyphens removed, dashes and quotes unified, spaces collapsed.

    Case is kept (lower-case with :func:`words`).

    >>> normalise("vidensam\\u00adling  \\u2013 og  SMV\\u00b4er")
    "vidensamling og SMV'er"
    """
    text = str(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", _ODD_RE.sub(lambda m: _ODD[m.group()], text))
        text = _ODD_RE.sub(lambda m: _ODD[m.group()], text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """The words of a text in their original case (hyphenated compounds kept whole).

    Numbers alone are dropped, ``SMV'er`` keeps only ``SMV``.

    >>> words("KOL-patienter i 2018 (hjemme) for SMV'ernes skyld.")
    ['KOL-patienter', 'i', 'hjemme', 'for', 'SMV', 'skyld']
    """
    text = _APOSTROPHE_SUFFIX.sub("", normalise(text))
    return [w for w in _WORD.findall(text) if not _DIGITS.match(w)]


def content_words(text: str) -> list[str]:
    """Words that carry meaning: not stop words, at least two characters.

    Hyphenated compounds are split into their parts (``KOL-patienter`` ->
    ``KOL``, ``patienter``). Original case is kept.

    >>> content_words("Projektet skal hjælpe KOL-patienter i deres hjem")
    ['Projektet', 'hjælpe', 'KOL', 'patienter', 'hjem']
    """
    return _content(_APOSTROPHE_SUFFIX.sub("", normalise(text)), stop_words())


_TOKEN = re.compile(r"[^\W_]+")


def _content(text: str, stops: frozenset[str]) -> list[str]:
    return [w for w in _TOKEN.findall(text) if len(w) >= 2 and not w.isdigit() and w.lower() not in stops]


_STEMMER: list = []
_STEMS: dict[str, str] = {}


def _stemmer():
    if not _STEMMER:
        import snowballstemmer  # uses PyStemmer's C implementation when installed

        _STEMMER.append(snowballstemmer.stemmer("danish"))
    return _STEMMER[0]


def stem(word: str) -> str:
    """The Snowball Danish stem of a word (lower-cased first).

    >>> stem("Patienterne"), stem("patienter")
    ('patient', 'patient')
    """
    word = word.lower()
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = _stemmer().stemWord(word)
    return found


def stems(lowered: Sequence[str]) -> list[str]:
    """Stems of many lower-cased words at once (one call into the stemmer)."""
    missing = [w for w in lowered if w not in _STEMS]
    if missing:
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        _STEMS.update(zip(missing, _stemmer().stemWords(missing)))
        missing = [w for w in lowered if w not in _STEMS]
        _STEMS.update(zip(missing, _stemmer().stemWords(missing)))
    return [_STEMS[w] for w in lowered]


@dataclass(frozen=True)
class Pairs:
    """Candidate pairs ``rows[n] < cols[n]`` with their combined similarity."""

    rows: np.ndarray
    cols: np.ndarray
    sims: np.ndarray

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, eq=False)
class TextIndex:
    """TF-IDF vectors of a list of texts.

    Attributes
    ----------
    texts : tuple of str
        The texts, as given.
    words : scipy.sparse.csr_matrix
        Texts x stems, L2-normalised TF-IDF.
    stems : numpy.ndarray
        The stem of each column of ``words``.
    counts : scipy.sparse.csr_matrix
        Texts x distinct content words (lower-case), raw counts.
    grams : scipy.sparse.csr_matrix
        Distinct content words x character n-grams, 0/1.
    char_idf : numpy.ndarray
        Weight of each character n-gram: its IDF to the power
        :data:`CHAR_IDF_POWER`.
    word_weight : float
        Weight of the word cosine in :meth:`similarity`.

    Notes
    -----
    The texts x n-grams matrix (:attr:`chars`) is built only when asked for;
    :func:`pair_similarities` computes the character vectors of the rows it
    needs, chunk by chunk, so memory stays proportional to the words.
    """

    texts: tuple[str, ...]
    words: sp.csr_matrix
    stems: np.ndarray
    counts: sp.csr_matrix
    grams: sp.csr_matrix
    char_idf: np.ndarray
    word_weight: float = WORD_WEIGHT
    _cache: dict = field(default_factory=dict, repr=False)
    _surface: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.texts)

    def char_rows(self, rows: np.ndarray) -> sp.csr_matrix:
        """L2-normalised TF-IDF character n-gram vectors of the given texts."""
        return _tfidf_rows(self.counts[np.asarray(rows, dtype=np.int64)] @ self.grams, self.char_idf)

    @property
    def chars(self) -> sp.csr_matrix:
        """Texts x character n-grams, L2-normalised TF-IDF (built on first use)."""
        if "chars" not in self._cache:
            self._cache["chars"] = self.char_rows(np.arange(len(self)))
        return self._cache["chars"]

    def stacked(self) -> sp.csr_matrix:
        """Words and characters side by side, scaled so that rows' dot product is the combined cosine."""
        if "stacked" not in self._cache:
            a = math.sqrt(self.word_weight)
            b = math.sqrt(1.0 - self.word_weight)
            if a == 0.0:
                self._cache["stacked"] = self.chars
            elif b == 0.0:
                self._cache["stacked"] = self.words
            else:
                self._cache["stacked"] = sp.hstack([self.words * a, self.chars * b], format="csr")
        return self._cache["stacked"]

    def similarity(self, i: int, j: int) -> float:
        """Combined cosine similarity of texts ``i`` and ``j`` (0..1)."""
        return float(pair_similarities(self, np.array([i]), np.array([j]))[0])


def _idf(counts: sp.csr_matrix) -> np.ndarray:
    """Smoothed IDF, as scikit-learn: ``ln((1 + n) / (1 + df)) + 1``."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


def _tfidf_rows(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Sub-linear TF (``1 + ln tf``) times IDF, rows L2-normalised, float32."""
    m = counts.tocsr().astype(np.float32)
    m.sum_duplicates()
    m.data = (1.0 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m.data /= np.repeat(norms, np.diff(m.indptr)).astype(np.float32)
    return m


def _char_idf(counts: sp.csr_matrix, grams: sp.csr_matrix, block: int = 20_000) -> np.ndarray:
    """IDF of the character n-grams, counted block by block (the full matrix is never built)."""
    n = counts.shape[0]
    df = np.zeros(grams.shape[1], dtype=np.int64)
    for start in range(0, n, block):
        part = (counts[start : start + block] @ grams).tocsr()
        part.sum_duplicates()
        df += np.bincount(part.indices, minlength=grams.shape[1])
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


def build_index(texts: Sequence[str], *, word_weight: float = WORD_WEIGHT,
                char_idf_power: float = CHAR_IDF_POWER, background: Sequence[str] = (),
                synonyms: bool = True) -> TextIndex:
    """Vectorise ``texts`` (any language, tuned for Danish).

    Parameters
    ----------
    texts : sequence of str
        One text per item; empty strings are allowed (they match nothing).
    word_weight : float
        Weight of the word (stem) cosine; ``1 - word_weight`` goes to the
        character n-gram cosine.
    char_idf_power : float
        Character n-grams are weighted by ``tf * idf ** char_idf_power``
        (1 is plain TF-IDF).
    background : sequence of str
        Texts of the same kind that only count in the document frequencies
        (IDF); they are not part of the index.
    synonyms : bool
        Append the canonical term of each :data:`SYNONYMS` concept a text
        words differently (default).

    Returns
    -------
    TextIndex
    """
    from sklearn.feature_extraction.text import CountVectorizer

    texts = tuple("" if t is None else str(t) for t in texts)
    n_texts = len(texts)
    stops = stop_words()
    expand = _with_concepts if synonyms else (lambda t: t)
    lowered_docs = [_content(_APOSTROPHE_SUFFIX.sub("", normalise(expand(t)).lower()), stops)
                    for t in (*texts, *(str(b) for b in background if b))]
    counter = CountVectorizer(analyzer=lambda doc: doc, lowercase=False)
    try:
        counts = counter.fit_transform(lowered_docs).tocsr().astype(np.float64)
        vocab = counter.get_feature_names_out()
    except ValueError:  # no words at all
        counts = sp.csr_matrix((len(lowered_docs), 0), dtype=np.float64)
        vocab = np.array([], dtype=object)
    # surface word -> its stem, plus the stems of its parts if it is a compound
    stem_ids: dict[str, int] = {}
    vocab_list = list(vocab)
    vocab_stems = stems(vocab_list)
    for st in vocab_stems:
        stem_ids.setdefault(st, len(stem_ids))
    t_rows, t_cols = list(range(len(vocab_list))), [stem_ids[st] for st in vocab_stems]
    for n, parts in _compound_parts(vocab_list, stem_ids):
        for part in parts:
            t_rows.append(n)
            t_cols.append(stem_ids[part])
    to_stem = sp.csr_matrix(
        (np.ones(len(t_rows)), (np.array(t_rows, dtype=np.int64), np.array(t_cols, dtype=np.int64))),
        shape=(len(vocab), len(stem_ids)),
    )
    stem_names = np.empty(len(stem_ids), dtype=object)
    for st, n in stem_ids.items():
        stem_names[n] = st
    counts = counts.astype(np.float32)
    if len(vocab):
        grams = CountVectorizer(analyzer="char_wb", ngram_range=_CHAR_NGRAMS, lowercase=False, dtype=np.float32)
        word_grams = grams.fit_transform(list(vocab)).tocsr()
        word_grams.data[:] = 1.0
        word_counts = (counts @ to_stem).tocsr()
        word_idf = _idf(word_counts)  # over texts and background
        word_matrix = _tfidf_rows(word_counts[:n_texts], word_idf)
        char_idf = _char_idf(counts, word_grams) ** np.float32(char_idf_power)
    else:
        word_matrix = sp.csr_matrix((n_texts, 0), dtype=np.float32)
        word_grams = sp.csr_matrix((0, 0), dtype=np.float32)
        char_idf = np.zeros(0, dtype=np.float32)
        word_idf = np.zeros(0, dtype=np.float32)
    index = TextIndex(texts, word_matrix, stem_names, counts.tocsr()[:n_texts], word_grams, char_idf, word_weight)
    index._cache["word_idf"] = word_idf
    return index


def split_compound(word: str, known: Container[str]) -> tuple[str, ...]:
    """Split a Danish compound into a known modifier and a known head, as stems.

    The head (the last part, which carries the meaning in Danish) must be at
    least five letters and its stem in ``known``; the longest such head wins.
    The modifier (at least three letters, a linking ``s`` or ``e`` dropped) is
    returned too when its stem is known. Nothing is returned for a word that
    splits into no known head.

    >>> known = {stem(w) for w in ["hjerte", "rehabilitering", "monitorering", "sundhed", "innovation"]}
    >>> split_compound("hjerterehabilitering", known)
    ('hjert', 'rehabilitering')
    >>> split_compound("sundhedsinnovation", known)
    ('sund', 'innovation')
    >>> split_compound("hjemmemonitorering", known)
    ('monitorering',)
    >>> split_compound("patienter", known)
    ()
    """
    word = word.lower()
    own = stem(word)
    for i in range(3, len(word) - 4):
        suffix = word[i:]
        if suffix in known:
            head = suffix
        elif not any(suffix[:-k] in known for k in (1, 2, 3, 4)):
            # a stem is its word less an ending: only stem suffixes that may have a known stem
            continue
        else:
            head = stem(suffix)
            if head not in known:
                continue
        if head == own:
            continue
        mod = word[:i]
        for candidate in (mod, mod[:-1] if mod[-1] in "se" else None):
            if candidate and len(candidate) >= 3 and stem(candidate) in known:
                return (stem(candidate), head)
        return (head,)
    return ()


def _compound_parts(vocab: Sequence[str], known: Container[str]):
    for n, word in enumerate(vocab):
        if len(word) >= 8 and word.isalpha():
            parts = split_compound(word, known)
            if parts:
                yield n, parts


def _row_dots(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def pair_similarities(index: TextIndex, rows: np.ndarray, cols: np.ndarray, *, chunk: int = 20_000) -> np.ndarray:
    """Exact combined similarity of each pair ``(rows[n], cols[n])``.

    Character vectors are computed for the texts of each chunk of pairs only.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    out = np.zeros(len(rows))
    if not len(rows) or index.words.shape[1] == 0:
        return out
    w = index.word_weight
    order = np.argsort(rows, kind="stable")
    for start in range(0, len(rows), chunk):
        sel = order[start : start + chunk]
        r, c = rows[sel], cols[sel]
        words = _row_dots(index.words[r], index.words[c]) if w else 0.0
        if "chars" in index._cache:
            chars = index._cache["chars"]
            char = _row_dots(chars[r], chars[c])
        elif w == 1.0:
            char = 0.0
        else:
            needed, pos = np.unique(np.concatenate([r, c]), return_inverse=True)
            block = index.char_rows(needed)
            char = _row_dots(block[pos[: len(r)]], block[pos[len(r) :]])
        out[sel] = w * words + (1.0 - w) * char
    return np.clip(out, 0.0, 1.0)


#: up to this many texts, candidates come from the exact combined vectors
EXACT_LIMIT = 5000
#: above it, from each text's this many heaviest word features
_TOP_FEATURES = 24


def _top_per_row(m: sp.csr_matrix, top: int) -> sp.csr_matrix:
    """Keep the ``top`` largest entries of each row."""
    m = m.tocsr()
    counts = np.diff(m.indptr)
    if not len(counts) or counts.max() <= top:
        return m
    row = np.repeat(np.arange(m.shape[0]), counts)
    order = np.lexsort((-m.data, row))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - np.repeat(m.indptr[:-1], counts)
    keep = rank < top
    out = sp.csr_matrix((m.data[keep], m.indices[keep], np.concatenate([[0], np.cumsum(np.minimum(counts, top))])),
                        shape=m.shape)
    return out


def _candidate_matrix(index: TextIndex, max_df: float) -> sp.csr_matrix:
    """The matrix whose products propose candidate pairs.

    Up to :data:`EXACT_LIMIT` texts: the stacked word + character matrix
    (products are the exact similarities). Above: the word (stem) matrix
    without stems present in more than ``max_df`` of the texts, each row cut
    to its :data:`_TOP_FEATURES` heaviest stems, so the product stays sparse.
    """
    n = len(index)
    if n <= EXACT_LIMIT:
        return index.stacked()  # also caches the character matrix for pair_similarities
    m = index.words
    limit = max(50, int(max_df * n))
    df = np.bincount(m.indices, minlength=m.shape[1])
    keep = df <= limit
    if not keep.all():
        m = (m @ sp.diags(keep.astype(np.float32))).tocsr()
        m.eliminate_zeros()
    return _top_per_row(m, _TOP_FEATURES)


def neighbours(
    index: TextIndex,
    *,
    k: int = 20,
    floor: float = 0.1,
    block: int | None = None,
    max_df: float = 0.05,
) -> Pairs:
    """The ``k`` most similar texts of every text, as unique pairs ``i < j``.

    Parameters
    ----------
    index : TextIndex
    k : int
        Neighbours kept per text (the pair is kept if either side keeps it).
    floor : float
        Candidate pairs need at least this similarity.
    block : int, optional
        Rows per block of the sparse product (default: adaptive, about 4e6
        stored products per block).
    max_df : float
        Features in more than this share of the texts (and more than 50 texts)
        are ignored when *finding* candidates; reported similarities are exact.

    Returns
    -------
    Pairs
        Sorted by ``(rows, cols)``; ``sims`` are exact combined similarities.
    """
    n = len(index)
    empty = Pairs(np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([]))
    if n < 2 or index.words.shape[1] == 0:
        return empty
    m = _candidate_matrix(index, max_df)
    slack = floor if n <= EXACT_LIMIT else floor * 0.5
    mt = m.T.tocsr()
    if block is None:
        df = np.bincount(m.indices, minlength=m.shape[1]).astype(np.float64)
        # expected products per row = sum over its features of their df
        per_row = float((m.astype(bool) @ df).mean()) if m.nnz else 1.0
        block = int(max(256, min(n, 4e6 / max(per_row, 1.0))))
    found_r, found_c = [], []
    for start in range(0, n, block):
        stop = min(n, start + block)
        prod = (m[start:stop] @ mt).tocoo()
        r, c, v = prod.row + start, prod.col, prod.data
        keep = (v >= slack) & (r != c)  # exact sims are computed below
        r, c, v = r[keep], c[keep], v[keep]
        if k and len(r):
            order = np.lexsort((-v, r))
            r, c, v = r[order], c[order], v[order]
            first = np.searchsorted(r, r, side="left")
            rank = np.arange(len(r)) - first
            keep = rank < k
            r, c = r[keep], c[keep]
        found_r.append(np.minimum(r, c))
        found_c.append(np.maximum(r, c))
    rows = np.concatenate(found_r) if found_r else empty.rows
    cols = np.concatenate(found_c) if found_c else empty.cols
    if not len(rows):
        return empty
    key = np.unique(rows.astype(np.int64) * n + cols)
    rows, cols = key // n, key % n
    sims = pair_similarities(index, rows, cols)
    keep = sims >= floor
    return Pairs(rows[keep], cols[keep], sims[keep])


def shared_terms(index: TextIndex, i: int, j: int, *, texts: Sequence[str] | None = None, top: int = 5) -> list[str]:
    """The shared stems that say most about ``i`` and ``j`` being alike.

    Stems are ranked by their weight in both texts times their IDF to the
    power ``CHAR_IDF_POWER - 1`` (as the character view weighs n-grams), so
    distinctive words come before a theme's common ones.

    Each stem is shown in the word form it has in text ``i`` (original case),
    so the reasons read as Danish, not as stems.

    >>> idx = build_index(["Patienterne måler iltmætning", "Patienter og iltmætningen", "Andet"])
    >>> shared_terms(idx, 0, 1)
    ['iltmætning', 'Patienterne']
    """
    m = index.words
    ia, da = m.indices[m.indptr[i] : m.indptr[i + 1]], m.data[m.indptr[i] : m.indptr[i + 1]]
    ib, db = m.indices[m.indptr[j] : m.indptr[j + 1]], m.data[m.indptr[j] : m.indptr[j + 1]]
    common, pa, pb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
    if not len(common):
        return []
    # rank like the similarity does: distinctive (rare) stems first
    weight = da[pa] * db[pb] * _word_idf(index)[common] ** (CHAR_IDF_POWER - 1.0)
    order = np.lexsort((common, -weight))
    surface = _surface_forms(index, i) if texts is None else _surface_map(texts[i])
    # stems that only occur as parts of compounds have no word form of their own: skip them
    shown: list[str] = []
    for o in order.tolist():
        form = surface.get(index.stems[common[o]])
        if form is not None:
            shown.append(form)
            if len(shown) == top:
                break
    return shown


def _word_idf(index: TextIndex) -> np.ndarray:
    if "word_idf" not in index._cache:
        index._cache["word_idf"] = _idf(index.words)
    return index._cache["word_idf"]


def _surface_map(text: str) -> dict[str, str]:
    surface: dict[str, str] = {}
    for w in content_words(text):
        surface.setdefault(stem(w), w)
    return surface


def _surface_forms(index: TextIndex, i: int) -> dict[str, str]:
    cache = index._surface
    if i not in cache:
        cache[i] = _surface_map(index.texts[i])
    return cache[i]
