"""Entity identifiers: ASCII slugs and entity IRIs in the ``ecoid:`` namespace.

Every module that mints an entity IRI from a label uses these two functions, so
the same label always gives the same IRI (``Region Sjælland`` ->
``ecoid:region-sjaelland``, ``København`` in kind ``kommune`` ->
``ecoid:kommune/koebenhavn``).

Examples
--------
>>> slug("Region Sjælland")
'region-sjaelland'
>>> str(entity_iri("Københavns Universitet"))
'https://w3id.org/ecokg/id/koebenhavns-universitet'
>>> str(entity_iri("Personaliseret behandling", kind="focus"))
'https://w3id.org/ecokg/id/focus/personaliseret-behandling'
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from graph.vocab import ID

__all__ = ["slug", "entity_iri"]

# Letters that Unicode decomposition does not turn into ASCII, or that Danish
# transliterates differently (å -> aa, not a).
_TRANSLITERATION = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "ß": "ss",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ł": "l",
        "œ": "oe",
        "ı": "i",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_KIND = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*$")


def slug(text: str) -> str:
    """Turn a label into a lower-case ASCII slug.

    Lower-cases, transliterates the Danish letters (æ -> ae, ø -> oe,
    å -> aa), strips other accents (é -> e, ü -> u), replaces every run of
    characters other than ``a-z0-9`` with one ``-`` and trims ``-`` at both
    ends.

    Parameters
    ----------
    text : str
        Any label.

    Returns
    -------
    str
        The slug; empty when ``text`` has no letter or digit.

    Examples
    --------
    >>> slug("Ærø")
    'aeroe'
    >>> slug("  Forebyggelse og prædikativ sundhed ")
    'forebyggelse-og-praedikativ-sundhed'
    >>> slug("Århus")
    'aarhus'
    >>> slug("Crème brûlée & Co.")
    'creme-brulee-co'
    >>> slug("Høje-Taastrup")
    'hoeje-taastrup'
    >>> slug("!!!")
    ''
    """
    lowered = unicodedata.normalize("NFC", str(text)).lower().translate(_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", lowered)
    # (an ASCII string has no combining marks: skip the per-character filter)
    ascii_only = decomposed if decomposed.isascii() else "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("-", ascii_only).strip("-")


def entity_iri(label: str, kind: str | None = None) -> URIRef:
    """The entity IRI for a label: ``ecoid:<slug>`` or ``ecoid:<kind>/<slug>``.

    Parameters
    ----------
    label : str
        The entity's label (any language; Danish preferred).
    kind : str, optional
        A path segment that groups IRIs of one kind, such as ``"kommune"``,
        ``"focus"`` or ``"doc"``. Lower-case ASCII letters, digits, ``-`` and
        ``/``.

    Returns
    -------
    rdflib.URIRef

    Raises
    ------
    ValueError
        If the label has no letter or digit (its slug would be empty) or
        ``kind`` is not a valid path segment.

    Examples
    --------
    >>> entity_iri("Læsø", kind="kommune")
    rdflib.term.URIRef('https://w3id.org/ecokg/id/kommune/laesoe')
    >>> entity_iri("Welfare Tech") == entity_iri("welfare tech")
    True
    >>> entity_iri("---")
    Traceback (most recent call last):
    ...
    ValueError: cannot make an identifier from '---': it has no letter or digit
    """
    s = slug(label)
    if not s:
        raise ValueError(f"cannot make an identifier from {label!r}: it has no letter or digit")
    if kind is None:
        return ID[s]
    if not _KIND.match(kind):
        raise ValueError(f"invalid identifier kind {kind!r}: use lower-case a-z, 0-9, '-' and '/'")
    return ID[f"{kind}/{s}"]
