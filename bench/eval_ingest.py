"""Precision and recall of ``graph.ingest.ingest_text`` against the curated seeds.

The curated dataset (``data/seed/<doc>.trig``) is the gold standard: for each
seed text, the gold entities are the entities (of a contract element type,
units included) that occur in that document's evidence graphs, and the gold
statements are the relation triples in them (inverse predicates turned round,
grants read as ``fundedItem schema:funder funder``, posts as
``schema:worksFor``). ``ingest_text`` runs with the reference data (regions,
municipalities) as the known graph — never with the seed data itself, which
would hand it the answers.

Held-out texts of our own (``data/eval/ingest/<doc>.txt`` with hand-made gold
``<doc>.trig`` in the same format, each written before it was first run) are
scored the same way and marked ``held_out``.

Usage::

    python -m bench.eval_ingest            # table
    python -m bench.eval_ingest -v         # + missed and spurious entities and statements
    python -m bench.eval_ingest --json     # machine-readable
    python -m bench.eval_ingest --known bundled   # held-out texts against all bundled data

Entity groups also get typed scores (``precision_typed``/``recall_typed``): a
match counts only when the prediction's type is in the group as well.

Matching: a predicted entity matches a gold entity when one of its names
equals one of the gold entity's labels after normalisation (case, Danish
letters, punctuation), or the rapidfuzz ratio of the normalised names is at
least 90. A statement matches when its subject and object match the gold
statement's and the predicate is the same (literal objects: same value).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.danish import find_amounts  # noqa: E402
from graph.gazetteer import normalise  # noqa: E402
from graph.ingest import ENTITY_TYPES, ingest_text  # noqa: E402
from graph.vocab import ECO, ID, SCHEMA, VCARD  # noqa: E402

CLASS_TYPE = {cls: name for name, cls in ENTITY_TYPES.items()}
REL = {
    ORG.memberOf: "org:memberOf",
    ECO.partnerIn: "eco:partnerIn",
    SCHEMA.founder: "schema:founder",
    ECO.mergedInto: "eco:mergedInto",
    ORG.subOrganizationOf: "org:subOrganizationOf",
    ORG.unitOf: "org:subOrganizationOf",
    SCHEMA.worksFor: "schema:worksFor",
    ORG.headOf: "org:headOf",
    SCHEMA.location: "schema:location",
    DCTERMS.subject: "dcterms:subject",
    SCHEMA.funder: "schema:funder",
    VCARD.hasEmail: "vcard:hasEmail",
    VCARD.hasTelephone: "vcard:hasTelephone",
    SCHEMA.foundingDate: "schema:foundingDate",
    ECO.budget: "eco:budget",
    ORG.hasSite: "org:hasSite",
    SCHEMA.startDate: "schema:startDate",
    SCHEMA.endDate: "schema:endDate",
}
INVERSE = {
    ORG.hasMember: "org:memberOf",
    ECO.hasPartner: "eco:partnerIn",
    ORG.hasSubOrganization: "org:subOrganizationOf",
    ORG.hasUnit: "org:subOrganizationOf",
    ORG.siteOf: "org:hasSite",
}
GROUPS = {
    "organisations": {
        "Cluster", "Innovation Network", "University", "University College", "Research Institute", "Region",
        "Municipality", "Hospital", "Company", "Public Authority", "Association", "Investor",
        "Organizational Unit",
    },
    "people": {"Person"},
    "initiatives": {"Initiative", "Partnership"},
    "focus areas": {"Focus Area"},
    "facilities": {"Facility"},
}


def _load(paths) -> Dataset:
    ds = Dataset(default_union=True)
    for p in paths:
        ds.parse(str(p), format="trig" if p.suffix == ".trig" else "turtle")
    return ds


def _type(ds: Dataset, node) -> str | None:
    classes = sorted(ds.objects(node, RDF.type), key=str)  # in a fixed order: the same answer every run
    for cls in classes:
        if cls in CLASS_TYPE:
            t = CLASS_TYPE[cls]
            if t != "Initiative":
                return t
    for cls in classes:
        if cls in CLASS_TYPE:
            return CLASS_TYPE[cls]
    return None


def _labels(ds: Dataset, node) -> set[str]:
    out = set()
    for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, FOAF.name):
        out |= {str(o) for o in ds.objects(node, p)}
    return out


def _literal_key(pred: str, value) -> str:
    v = str(value)
    if pred == "vcard:hasEmail":
        return v.lower().removeprefix("mailto:")
    if pred == "vcard:hasTelephone":
        digits = "".join(c for c in v if c.isdigit())
        return digits[-8:]
    if pred == "schema:foundingDate":
        return v[:4]
    if pred == "eco:budget":
        return str(int(float(v)))
    return v


def gold_for(ds: Dataset, doc: str):
    """Gold entities {iri: (type, labels)} and statements {(s, p, o)} of one document."""
    prefix = str(ID[f"ev/{doc}-"])
    graphs = [g for g in ds.graphs() if str(g.identifier).startswith(prefix)]
    entities: dict[URIRef, tuple[str, set[str]]] = {}
    statements: set[tuple] = set()
    amounts, dates = set(), set()

    def ent(node):
        if isinstance(node, URIRef) and node not in entities:
            t = _type(ds, node)
            if t is not None:
                entities[node] = (t, _labels(ds, node))
        return node if node in entities else None

    for g in graphs:
        for s, p, o in g:
            if isinstance(o, Literal) and p in (SCHEMA.amount, ECO.budget):
                amounts.add(int(float(o)))
            if isinstance(o, Literal) and p in (SCHEMA.startDate, SCHEMA.endDate, SCHEMA.foundingDate):
                dates.add(str(o))
            es, eo = ent(s), ent(o)
            if p in REL:
                pred = REL[p]
                if es is not None and eo is not None:
                    statements.add((es, pred, eo))
                elif es is not None and isinstance(o, (Literal, URIRef)) and pred.startswith(("vcard", "schema:foundingDate", "eco:budget", "schema:startDate", "schema:endDate")):
                    statements.add((es, pred, _literal_key(pred, o)))
            elif p in INVERSE and es is not None and eo is not None:
                statements.add((eo, INVERSE[p], es))
            if p == RDF.type and o == SCHEMA.MonetaryGrant:
                items = [ent(x) for x in ds.objects(s, SCHEMA.fundedItem)]
                funders = [ent(x) for x in ds.objects(s, SCHEMA.funder)]
                for it in items:
                    for f in funders:
                        if it is not None and f is not None:
                            statements.add((it, "schema:funder", f))
            if p == RDF.type and o == ORG.Post:
                for holder in ds.objects(s, ORG.heldBy):
                    for where in ds.objects(s, ORG.postIn):
                        if ent(holder) is not None and ent(where) is not None:
                            statements.add((holder, "schema:worksFor", where))
    # the press release's own date (its header line) is a date the text gives, kept on the document
    doc_date = ds.value(ID[f"doc/{doc}"], DCTERMS.date)
    if doc_date is not None:
        dates.add(str(doc_date)[:10])
    return entities, statements, amounts, dates


def _align(pred_entities, gold_entities) -> dict[int, URIRef]:
    """Predicted entity index -> gold IRI (each gold entity used once).

    The best-named gold entity wins; on equal names, the one of the
    predicted entity's type, then the first by IRI (so that every run,
    whatever Python's hash seed, aligns the same way).
    """
    gold_keys = [(iri, t, {normalise(x) for x in labels}) for iri, (t, labels) in sorted(gold_entities.items())]
    out, used = {}, set()
    for i, e in enumerate(pred_entities):
        names = {normalise(e.label)} | {normalise(a) for a in e.aliases}
        best, best_score = None, (0.0, False)
        for iri, gold_type, keys in gold_keys:
            if e.match is not None and e.match == iri:
                score = 101.0
            elif names & keys:
                score = 100.0
            else:
                score = max((fuzz.ratio(a, b) for a in names for b in keys), default=0.0)
            key = (score, gold_type == e.type)
            if key > best_score:
                best, best_score = iri, key
        if best is not None and best_score[0] >= 90 and best not in used:
            out[i] = best
            used.add(best)
    return out


HELD_OUT_DIR = ROOT / "data" / "eval" / "ingest"


def _shown(path: Path) -> str:
    """``path`` relative to the project when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def evaluate(
    doc: str, *, seed_dir: Path = ROOT / "data" / "seed", text_dir: Path = ROOT / "data" / "sources", known: Dataset | None = None
) -> dict:
    """Scores of ``ingest_text`` on ``text_dir/<doc>.txt`` against the gold in
    ``seed_dir/*.trig``; ``known`` defaults to the reference data."""
    gold_ds = _load(
        sorted(seed_dir.glob("*.trig")) + sorted((ROOT / "data" / "reference").glob("*.ttl")) + [ROOT / "data" / "sources" / "documents.ttl"]
    )
    gold_e, gold_s, gold_amounts, gold_dates = gold_for(gold_ds, doc)
    if known is None:
        known = _load(sorted((ROOT / "data" / "reference").glob("*.ttl")))
    text_path = text_dir / f"{doc}.txt"
    text = text_path.read_text(encoding="utf-8")
    res = ingest_text(text, source=_shown(text_path), known=known)
    pred = [e for e in res.entities if e.type in ENTITY_TYPES]
    align = _align(pred, gold_e)
    by_label = {}
    for i, e in enumerate(pred):
        by_label[e.label] = align.get(i)
    report: dict = {"doc": doc, "entities": {}, "statements": {}}
    # entities, by group
    for group, types in list(GROUPS.items()) + [("all", set(ENTITY_TYPES))]:
        p_idx = [i for i, e in enumerate(pred) if e.type in types]
        g_iris = {iri for iri, (t, _l) in gold_e.items() if t in types}
        tp_p = sum(1 for i in p_idx if align.get(i) is not None)
        tp_r = len({align[i] for i in align if align[i] in g_iris})
        report["entities"][group] = _pr(tp_p, len(p_idx), tp_r, len(g_iris))
        # typed: a match counts only when the prediction is of the group too (a person typed Company is missed)
        tp_typed = len({align[i] for i in p_idx if align.get(i) in g_iris})
        report["entities"][group]["recall_typed"] = round(tp_typed / len(g_iris), 3) if g_iris else None
        report["entities"][group]["precision_typed"] = round(tp_typed / len(p_idx), 3) if p_idx else None
    typed_ok = sum(1 for i, iri in align.items() if pred[i].type == gold_e[iri][0])
    report["entities"]["type_accuracy"] = round(typed_ok / len(align), 3) if align else None
    report["missed_entities"] = sorted(sorted(l)[0] if l else str(iri) for iri, (t, l) in gold_e.items() if iri not in set(align.values()))
    report["spurious_entities"] = sorted(e.label for i, e in enumerate(pred) if i not in align)
    # statements
    pred_s = set()
    for st in res.statements:
        s = by_label.get(st.subject)
        if s is None:
            pred_s.add(("?", st.predicate, st.object))
            continue
        if st.object_iri is not None or st.object in by_label:
            o = by_label.get(st.object)
            pred_s.add((s, st.predicate, o if o is not None else "?" + st.object))
        else:
            pred_s.add((s, st.predicate, _literal_key(st.predicate, st.object)))
    tp = len(pred_s & gold_s)
    names = {iri: (sorted(l)[0] if l else str(iri)) for iri, (_t, l) in gold_e.items()}
    show = lambda t: (names.get(t[0], t[0]), t[1], names.get(t[2], t[2]))  # noqa: E731
    report["missed_statements"] = sorted(map(str, (show(t) for t in gold_s - pred_s)))
    report["spurious_statements"] = sorted(map(str, (show(t) for t in pred_s - gold_s)))
    report["statements"] = _pr(tp, len(pred_s), tp, len(gold_s))
    by_pred = defaultdict(lambda: [0, 0, 0])
    for t in pred_s:
        by_pred[t[1]][0] += 1
        by_pred[t[1]][2] += t in gold_s
    for t in gold_s:
        by_pred[t[1]][1] += 1
    report["statements_by_predicate"] = {
        p: {"predicted": a, "gold": b, "correct": c} for p, (a, b, c) in sorted(by_pred.items())
    }
    # values
    # amounts are DKK (the model's unit): a sum in euros is recognised but is no DKK amount
    p_amounts = {int(a.value) for a in find_amounts(text) if a.currency == "DKK"}
    # a date is right at the precision the text gives it: a bare year ("stiftet i 2014",
    # "perioden 2023-2028") matches the gold's first or last day of that year
    p_dates = {e.value.isoformat() if e.precision != "year" else f"Y{e.value.year}" for e in res.entities if e.type == "Date"}
    year_of = {d: f"Y{d[:4]}" for d in gold_dates if d[5:] in ("01-01", "12-31")}
    hit_gold = {d for d in gold_dates if d in p_dates or year_of.get(d) in p_dates}
    hit_pred = {p for p in p_dates if p in gold_dates or p in year_of.values()}
    report["amounts"] = _pr(len(p_amounts & gold_amounts), len(p_amounts), len(p_amounts & gold_amounts), len(gold_amounts))
    report["dates"] = _pr(len(hit_pred), len(p_dates), len(hit_gold), len(gold_dates))
    return report


def _pr(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "precision": round(tp_p / n_pred, 3) if n_pred else None,
        "recall": round(tp_r / n_gold, 3) if n_gold else None,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed and spurious entities and statements")
    ap.add_argument(
        "--known",
        choices=("reference", "bundled"),
        default="reference",
        help="known graph for the held-out texts: the reference data (default) or all bundled data, "
        "as `ecokg ingest text` uses (the seeds always run with the reference data only)",
    )
    ap.add_argument(
        "--dir",
        action="append",
        default=[],
        metavar="DIR",
        help="also score the text/gold pairs (NAME.txt + NAME.trig) in DIR, e.g. the blind set data/eval/ingest/blind2",
    )
    args = ap.parse_args(argv)
    docs = sorted(p.stem for p in (ROOT / "data" / "seed").glob("*.trig"))
    reports = [evaluate(d) for d in docs]
    # held-out texts of our own (written before the rules were extended, never tuned on)
    bundled = None
    if args.known == "bundled":
        from graph.load import load

        bundled = load()
    for folder in [HELD_OUT_DIR, *(Path(d).resolve() for d in args.dir)]:
        for p in sorted(folder.glob("*.trig")):
            r = evaluate(p.stem, seed_dir=folder, text_dir=folder, known=bundled)
            r["held_out"] = _shown(folder)
            reports.append(r)
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
        return 0
    for r in reports:
        print(f"== {r['doc']}" + (f"  (held-out, {r['held_out']}/)" if r.get("held_out") else ""))
        for group, v in r["entities"].items():
            if group == "type_accuracy":
                print(f"  entity type accuracy (matched): {v}")
                continue
            print(
                f"  entities {group:14s} P={v['precision']}  R={v['recall']}  typed P={v['precision_typed']} R={v['recall_typed']}"
                f"  (pred {v['predicted']}, gold {v['gold']})"
            )
        v = r["statements"]
        print(f"  statements              P={v['precision']}  R={v['recall']}  (pred {v['predicted']}, gold {v['gold']})")
        for p, c in r["statements_by_predicate"].items():
            print(f"    {p:24s} correct {c['correct']}/{c['gold']} gold, {c['predicted']} predicted")
        for k in ("amounts", "dates"):
            v = r[k]
            print(f"  {k:23s} P={v['precision']}  R={v['recall']}  (pred {v['predicted']}, gold {v['gold']})")
        if args.verbose:
            print("  missed:", r["missed_entities"])
            print("  spurious:", r["spurious_entities"])
            print("  missed statements:", r["missed_statements"])
            print("  spurious statements:", r["spurious_statements"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
