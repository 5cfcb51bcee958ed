"""Writing an :class:`Ingested` result as RDF (:func:`to_dataset`) in the
vocabulary of ``docs/model.md``, into candidate named graphs with evidence.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from graph.danish import complete_date
from graph.gazetteer import normalise
from graph.ids import slug
from graph.ingest.model import ENTITY_TYPES, Ingested, Statement, _SINGLE_VALUED, _VALUE_TYPES, _curie
from graph.vocab import ECO, FRAPO, ID, OA, SCHEMA, VCARD

__all__ = ["to_dataset"]


def to_dataset(ingested: Ingested, *, dataset: Dataset | None = None, title: str | None = None) -> Dataset:
    """Write an :class:`Ingested` result as RDF in the model's vocabulary.

    Everything goes into named graphs of its own, marked as candidate:
    ``ecoid:candidate/<hash>`` (an ``eco:CandidateGraph``,
    ``prov:wasGeneratedBy`` an ingest activity) holds the entities (type and
    label); each statement sits in its own evidence graph
    ``ecoid:candidate/<hash>/ev-<n>`` (an ``eco:Evidence`` that is
    ``dcterms:isPartOf`` the candidate graph, ``prov:wasDerivedFrom`` the
    document, with one selector that is both an ``oa:TextQuoteSelector``
    (``oa:exact``) and an ``oa:TextPositionSelector`` (``oa:start``/``oa:end``
    character offsets)). Graph metadata is in the default graph, as
    ``docs/model.md`` says for evidence. The document's ``dcterms:source`` is
    the text file as given, so that ``ecokg validate`` can check the quotes.

    Parameters
    ----------
    ingested : Ingested
    dataset : rdflib.Dataset, optional
        Add to this dataset instead of a new one.
    title : str, optional
        Title of the source document (default: the first line of the text).

    Returns
    -------
    rdflib.Dataset

    Examples
    --------
    >>> from graph.ingest import ingest_text
    >>> res = ingest_text("Klyngen Nordic Care Lab er stiftet af Aalborg Universitet.", source="x.txt")
    >>> ds = to_dataset(res)
    >>> from graph.vocab import ECO
    >>> len(list(ds.subjects(RDF.type, ECO.Evidence)))
    1
    >>> ev = next(ds.subjects(RDF.type, ECO.Evidence))
    >>> q = ds.value(ds.value(ev, OA.hasSelector), OA.exact)
    >>> str(q) in res.text
    True
    """
    ds = dataset if dataset is not None else Dataset(default_union=True)
    for prefix, ns in (("eco", ECO), ("ecoid", ID), ("org", ORG), ("skos", SKOS), ("prov", PROV), ("oa", OA),
                       ("dcterms", DCTERMS), ("schema", SCHEMA), ("foaf", FOAF), ("vcard", VCARD), ("frapo", FRAPO)):
        ds.bind(prefix, ns)
    digest = hashlib.sha1((ingested.source + "\n" + ingested.text).encode("utf-8")).hexdigest()[:12]
    cand = ID[f"candidate/{digest}"]
    doc = ID[f"doc/{slug(ingested.source.rsplit('/', 1)[-1].rsplit('.', 1)[0]) or digest}"]
    activity = ID[f"candidate/{digest}/activity"]
    meta = ds.default_graph
    meta.add((cand, RDF.type, ECO.CandidateGraph))
    meta.add((cand, PROV.wasGeneratedBy, activity))
    meta.add((cand, PROV.wasDerivedFrom, doc))
    meta.add((activity, RDF.type, PROV.Activity))
    meta.add((activity, SKOS.prefLabel, Literal("ecokg ingest text", lang="en")))
    meta.add((doc, RDF.type, FOAF.Document))
    meta.add((doc, DCTERMS.title, Literal(title or ingested.title or ingested.source, lang="da")))
    meta.add((doc, DCTERMS.language, Literal("da")))
    meta.add((doc, DCTERMS.source, Literal(ingested.source)))
    doc_date = ingested.document_date
    if doc_date is None:  # no dated header: the date of ingestion stands in
        doc_date = date.today()
        meta.add((doc, SKOS.note, Literal("date of ingestion; the text has no dated header", lang="en")))
    meta.add((doc, DCTERMS.date, Literal(doc_date.isoformat(), datatype=XSD.date)))
    g = ds.graph(cand)
    for e in ingested.entities:
        if e.type in _VALUE_TYPES or e.candidate is None:
            continue
        cls = ENTITY_TYPES.get(e.type, ECO.Company)
        g.add((e.candidate, RDF.type, cls))
        g.add((e.candidate, SKOS.prefLabel, Literal(e.label, lang="da")))
        for a in e.aliases:
            if normalise(a) != normalise(e.label):
                g.add((e.candidate, SKOS.altLabel, Literal(a, lang="da")))
        if e.type == "Focus Area":
            g.add((e.candidate, SKOS.inScheme, ID["scheme/focus-areas"]))
    for n, st in enumerate(ingested.statements, start=1):
        ev = ID[f"candidate/{digest}/ev-{n}"]
        meta.add((ev, RDF.type, ECO.Evidence))
        meta.add((ev, DCTERMS.isPartOf, cand))
        meta.add((ev, PROV.wasDerivedFrom, doc))
        meta.add((ev, PROV.wasGeneratedBy, activity))
        # one selector, both a quote and a position selector, so that every
        # selector carries the oa:exact text the evidence shape asks for
        qs = BNode()
        meta.add((ev, OA.hasSelector, qs))
        meta.add((qs, RDF.type, OA.TextQuoteSelector))
        meta.add((qs, RDF.type, OA.TextPositionSelector))
        meta.add((qs, OA.exact, Literal(st.quote)))
        meta.add((qs, OA.start, Literal(st.start)))
        meta.add((qs, OA.end, Literal(st.end)))
        eg = ds.graph(ev)
        if st.known and st.predicate in _SINGLE_VALUED:
            # already in the graph (maybe with another lexical form): the
            # evidence graph keeps the quote but does not restate the value
            meta.add((ev, SKOS.note, Literal(f"restates a known {st.predicate} of {st.subject}", lang="en")))
            continue
        _write_statement(eg, st)
    return ds


def _write_statement(g, st: Statement) -> None:
    s = st.subject_iri
    if s is None:
        return
    p = st.predicate
    if p == "schema:funder" and st.amount is None:
        if st.object_iri is not None:  # "støttet af X": no amount, so no grant node
            g.add((s, SCHEMA.funder, st.object_iri))
        return
    if p == "schema:funder":
        grant = BNode()
        g.add((grant, RDF.type, SCHEMA.MonetaryGrant))
        g.add((grant, RDF.type, FRAPO.Grant))
        g.add((grant, SCHEMA.fundedItem, s))
        if st.object_iri is not None:
            g.add((s, SCHEMA.funder, st.object_iri))
            g.add((grant, SCHEMA.funder, st.object_iri))
        else:
            g.add((grant, DCTERMS.description, Literal(st.object, lang="da")))
        if st.amount is not None:
            g.add((grant, SCHEMA.amount, Literal(st.amount, datatype=XSD.decimal)))
            g.add((grant, SCHEMA.currency, Literal("DKK")))
        if st.start_date:
            g.add((grant, SCHEMA.startDate, Literal(st.start_date.isoformat(), datatype=XSD.date)))
        if st.end_date:
            g.add((grant, SCHEMA.endDate, Literal(st.end_date.isoformat(), datatype=XSD.date)))
        return
    if p == "eco:budget":
        g.add((s, ECO.budget, Literal(st.amount if st.amount is not None else Decimal(st.object), datatype=XSD.decimal)))
        return
    if p in ("schema:foundingDate", "schema:startDate", "schema:endDate"):
        # a year or month is its first (an end: its last) day, as in the statement itself
        g.add((s, _curie(p), Literal(complete_date(st.object, end=p == "schema:endDate"), datatype=XSD.date)))
        return
    if p == "vcard:hasEmail":
        g.add((s, VCARD.hasEmail, URIRef("mailto:" + st.object)))
        return
    if p == "vcard:hasTelephone":
        g.add((s, VCARD.hasTelephone, URIRef("tel:" + st.object)))
        return
    if st.object_iri is None:
        return
    pred = _curie(p)
    g.add((s, pred, st.object_iri))
    if p == "eco:mergedInto":
        ev = BNode()
        g.add((ev, RDF.type, ORG.ChangeEvent))
        g.add((ev, ORG.originalOrganization, s))
        g.add((ev, ORG.resultingOrganization, st.object_iri))
    if st.post and p in ("schema:worksFor", "org:headOf"):
        if p == "schema:worksFor":
            post = BNode()
            g.add((post, RDF.type, ORG.Post))
            g.add((post, ORG.heldBy, s))
            g.add((post, ORG.postIn, st.object_iri))
            g.add((post, SKOS.prefLabel, Literal(st.post, lang="da")))
