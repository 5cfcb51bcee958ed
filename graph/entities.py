"""Find an entity from what a user typed: a label in any language or an IRI.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> from graph.vocab import SKOS
>>> ds = Dataset(default_union=True)
>>> wt = URIRef("https://w3id.org/ecokg/id/welfare-tech")
>>> _ = ds.add((wt, SKOS.prefLabel, Literal("Welfare Tech", lang="da")))
>>> _ = ds.add((wt, SKOS.altLabel, Literal("WT", lang="da")))
>>> find_entity(ds, "welfare  tech") == wt
True
>>> find_entity(ds, "WT") == wt
True
>>> find_entity(ds, str(wt)) == wt
True
"""

from __future__ import annotations

import difflib
import unicodedata

from rdflib import Literal, URIRef
from rdflib.graph import Graph

from graph.errors import EntityNotFound, InputError, Problem
from graph.vocab import RDFS, SKOS

__all__ = ["find_entity", "normalise_label"]

# Preference order: a preferred label beats an rdfs:label beats an alias.
_PREDICATES = (SKOS.prefLabel, RDFS.label, SKOS.altLabel)


def normalise_label(text: str) -> str:
    """Case-fold, NFC-normalise and collapse white space.

    >>> normalise_label("  Region   SYDDANMARK ")
    'region syddanmark'
    """
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def find_entity(g: Graph, text: str) -> URIRef:
    """Return the IRI of the entity whose label (any language, case-insensitive)
    or IRI is ``text``.

    Raises
    ------
    EntityNotFound
        If nothing matches; the message suggests close labels.
    InputError
        If the label is shared by several entities (the message lists their IRIs).
    """
    text = text.strip()
    if ":" in text and not text.startswith("_"):
        iri = URIRef(text)
        if (iri, None, None) in g or (None, None, iri) in g:
            return iri
    wanted = normalise_label(text)
    seen: dict[str, URIRef] = {}
    for pred in _PREDICATES:
        hits = {
            s
            for s, o in g.subject_objects(pred)
            if isinstance(o, Literal) and isinstance(s, URIRef) and normalise_label(str(o)) == wanted
        }
        if len(hits) == 1:
            return hits.pop()
        if len(hits) > 1:
            listing = ", ".join(sorted(str(h) for h in hits))
            raise InputError([Problem("-", None, f"{text!r} names several entities: {listing}; give an IRI", focus=text)])
        for o in g.objects(None, pred):
            if isinstance(o, Literal):
                seen.setdefault(normalise_label(str(o)), o)
    close = difflib.get_close_matches(wanted, list(seen), n=3, cutoff=0.6)
    raise EntityNotFound(text, [str(seen[c]) for c in close])
