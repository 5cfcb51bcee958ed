"""Candidate entities and statements from a Danish press release.

``ingest_text`` reads plain Danish text and proposes what it states:
organisations, units, people and their posts, initiatives, places, focus
areas, amounts (DKK), dates, e-mails and phones, and statements such as
membership, partnership, founding, merger, funding (who gives how much to
whom), posts, location and focus. Every candidate carries the exact quote and
its character offsets. Entities are matched against the known graph (labels,
alt labels, acronyms, fuzzy names) or proposed as new. ``to_dataset`` writes
the result in the vocabulary of ``docs/model.md`` into its own candidate named
graphs, for review before it is merged.

It runs offline: spaCy's blank Danish pipeline (``spacy.blank("da")``, the
tokenizer only) with rule-based patterns and the gazetteer of
:mod:`graph.gazetteer`; no model is downloaded.

The package, by step: :mod:`~graph.ingest.text` (``read_text``,
``ingest_text``: the pipeline), :mod:`~graph.ingest.lexicon` (Danish words
and patterns), :mod:`~graph.ingest.mentions` (names in the text),
:mod:`~graph.ingest.people` (people and titles),
:mod:`~graph.ingest.clusters` (one cluster per entity, matched against the
known graph), :mod:`~graph.ingest.statements` (the statement rules),
:mod:`~graph.ingest.model` (the result types) and :mod:`~graph.ingest.rdf`
(``to_dataset``).

Examples
--------
>>> text = ("Region Nordjylland giver 2,5 mio. kr. til klyngen Nordic Care Lab. "
...         "Klyngen er stiftet af Aalborg Universitet og Nordic Robotics A/S.")
>>> res = ingest_text(text, source="demo.txt")
>>> sorted((e.label, e.type) for e in res.entities if e.type not in ("Amount", "Date"))
[('Aalborg Universitet', 'University'), ('Nordic Care Lab', 'Cluster'), ('Nordic Robotics A/S', 'Company'), ('Region Nordjylland', 'Region')]
>>> sorted((s.subject, s.predicate, s.object) for s in res.statements)
[('Nordic Care Lab', 'schema:founder', 'Aalborg Universitet'), ('Nordic Care Lab', 'schema:founder', 'Nordic Robotics A/S'), ('Nordic Care Lab', 'schema:funder', 'Region Nordjylland')]
>>> [s.amount for s in res.statements if s.predicate == "schema:funder"]
[Decimal('2500000')]
"""

from graph.ingest.model import ENTITY_TYPES, Entity, Ingested, Statement
from graph.ingest.rdf import to_dataset
from graph.ingest.text import MAX_CHARS, MAX_LINE, ingest_text, read_text

__all__ = ["Entity", "Statement", "Ingested", "ingest_text", "read_text", "to_dataset", "ENTITY_TYPES", "MAX_LINE", "MAX_CHARS"]
