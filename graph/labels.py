"""Human-readable labels for nodes: Danish preferred label first.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> from graph.vocab import SKOS
>>> ds = Dataset(default_union=True)
>>> x = URIRef("https://w3id.org/ecokg/id/x")
>>> _ = ds.add((x, SKOS.prefLabel, Literal("Region Syddanmark", lang="da")))
>>> _ = ds.add((x, SKOS.prefLabel, Literal("Region of Southern Denmark", lang="en")))
>>> label(ds, x)
'Region Syddanmark'
>>> label(ds, x, lang="en")
'Region of Southern Denmark'
>>> label(ds, URIRef("https://w3id.org/ecokg/id/some-thing"))
'some-thing'
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.graph import Graph
from rdflib.term import Node

from graph.vocab import DCTERMS, RDFS, SKOS

__all__ = ["label", "labels", "local_name"]

_LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel)


def labels(g: Graph, node: Node) -> list[Literal]:
    """All label literals of ``node`` (prefLabel, rdfs:label, title, altLabel)."""
    found: list[Literal] = []
    for pred in _LABEL_PREDICATES:
        found.extend(o for o in g.objects(node, pred) if isinstance(o, Literal))
    return found


def label(g: Graph, node: Node, *, lang: str = "da") -> str:
    """The best label of ``node``: preferred label in ``lang``, then Danish,
    English, untagged, any; else the IRI's local name.

    Parameters
    ----------
    g : rdflib.Graph or Dataset
    node : rdflib term
    lang : str
        Preferred language tag.
    """
    if isinstance(node, Literal):
        return str(node)
    for pred in _LABEL_PREDICATES:
        values = [o for o in g.objects(node, pred) if isinstance(o, Literal)]
        if not values:
            continue
        for wanted in (lang, "da", "en", None):
            for v in sorted(values):
                if v.language == wanted:
                    return str(v)
        return str(sorted(values)[0])
    return local_name(node)


def local_name(node: Node) -> str:
    """The last segment of an IRI (after ``#`` or ``/``).

    >>> from rdflib import URIRef
    >>> local_name(URIRef("http://www.w3.org/ns/org#memberOf"))
    'memberOf'
    """
    text = str(node)
    for sep in ("#", "/"):
        if sep in text.rstrip(sep):
            text = text.rstrip(sep).rsplit(sep, 1)[1]
            break
    return text
