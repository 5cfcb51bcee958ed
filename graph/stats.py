"""Size of the graph and its entities by type.

Examples
--------
>>> from rdflib import Dataset, URIRef
>>> from graph.vocab import ECO, RDF
>>> ds = Dataset(default_union=True)
>>> _ = ds.add((URIRef("urn:x:a"), RDF.type, ECO.Cluster))
>>> _ = ds.add((URIRef("urn:x:b"), RDF.type, ECO.Cluster))
>>> s = stats(ds)
>>> s.triples, s.by_type
(2, {'Cluster': 2})
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib.graph import Dataset

from graph.vocab import RDF, TYPE_LABELS

__all__ = ["Stats", "stats"]


@dataclass(frozen=True)
class Stats:
    """``triples``: distinct triples in the union of all graphs;
    ``by_type``: entities per type label (contract types and the other
    classes of ``docs/model.md``); ``graphs``: named graphs."""

    triples: int
    by_type: dict[str, int]
    graphs: int = 0

    def as_dict(self) -> dict:
        return {"triples": self.triples, "by_type": dict(self.by_type), "graphs": self.graphs}


def stats(ds: Dataset) -> Stats:
    """Count triples, named graphs and entities by type."""
    counts: Counter[str] = Counter()
    seen = set()
    for s, cls in ds.subject_objects(RDF.type):
        name = TYPE_LABELS.get(cls)
        if name is not None and (s, name) not in seen:
            seen.add((s, name))
            counts[name] += 1
    graphs = sum(1 for g in ds.graphs() if not str(g.identifier).startswith("urn:x-rdflib:"))
    by_type = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return Stats(triples=len(ds), by_type=by_type, graphs=graphs)
