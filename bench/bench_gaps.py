"""Benchmark the views, ``find_gaps`` and ``recommend`` on a synthetic ecosystem.

A seeded generator builds an ecosystem shaped like the real one (clusters with
members, initiatives with partners, grants with amounts and periods, focus
areas, regions and municipalities, evidence graphs) directly in an rdflib
Dataset, then times each step.

Usage::

    python bench/bench_gaps.py             # 25.6k actors (~406k ties) and a 1M-triple graph
    python bench/bench_gaps.py --quick     # a small graph, for tests (a few seconds)
    python bench/bench_gaps.py --actors 5000 --json

Goals (issue 4): ``find_gaps`` within 60 s on 1M triples; ``recommend`` for
one actor within 2 s.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rdflib import Dataset, Literal, URIRef  # noqa: E402

from graph.vocab import (  # noqa: E402
    DCTERMS,
    ECO,
    ID,
    OA,
    ONTOLOGY_GRAPH,
    ORG,
    PROV,
    RDF,
    REFERENCE_GRAPH,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)

_ACTOR_TYPES = [
    (ECO.Company, 0.55),
    (ECO.University, 0.05),
    (ECO.ResearchInstitute, 0.05),
    (ECO.UniversityCollege, 0.03),
    (ECO.Hospital, 0.08),
    (ECO.Municipality, 0.04),
    (ECO.Investor, 0.05),
    (ECO.Association, 0.08),
    (ECO.PublicAuthority, 0.04),
    (ECO.InnovationNetwork, 0.015),
    (ECO.Cluster, 0.015),
]
_REGIONS = [
    ("region-hovedstaden", "Region Hovedstaden", "DK01", None, "2026-12-31"),
    ("region-sjaelland", "Region Sjælland", "DK02", None, "2026-12-31"),
    ("region-syddanmark", "Region Syddanmark", "DK03", None, None),
    ("region-midtjylland", "Region Midtjylland", "DK04", None, None),
    ("region-nordjylland", "Region Nordjylland", "DK05", None, None),
    ("region-oestdanmark", "Region Østdanmark", None, "2027-01-01", None),
]


def synthetic_ecosystem(
    *,
    actors: int = 25_600,
    initiatives: int | None = None,
    focus_areas: int = 40,
    partners: int = 5,
    members: int = 15,
    evidence: bool = True,
    rich: bool = False,
    seed: int = 42,
) -> Dataset:
    """A seeded synthetic ecosystem as an rdflib Dataset (union default graph).

    Parameters
    ----------
    actors : int
        Number of actors.
    initiatives : int, optional
        Number of initiatives (default ``actors // 3``).
    focus_areas : int
        Number of focus areas.
    partners : int
        Mean number of partners per initiative (geometric-ish spread).
    members : int
        Mean number of members per cluster or innovation network.
    evidence : bool
        Put each initiative's statements in its own evidence graph (more triples).
    rich : bool
        Describe everything as the importers do (about 3x the triples): English
        labels, identifiers and addresses of actors, a qualified membership
        with its interval for every membership, and a reified statement with
        role and period for every participation.
    seed : int
        Random seed.
    """
    rng = random.Random(seed)
    initiatives = actors // 3 if initiatives is None else initiatives
    ds = Dataset(default_union=True)
    ont = ds.graph(ONTOLOGY_GRAPH)
    ont.parse(ROOT / "ontology" / "ecosystem.ttl", format="turtle")
    ref = ds.graph(REFERENCE_GRAPH)
    regions = []
    for slug, name, notation, founded, dissolved in _REGIONS:
        r = ID[slug]
        ref.add((r, RDF.type, ECO.Region))
        ref.add((r, SKOS.prefLabel, Literal(name, lang="da")))
        if notation:
            ref.add((r, SKOS.notation, Literal(notation)))
            regions.append(r)
        if founded:
            ref.add((r, SCHEMA.foundingDate, Literal(founded, datatype=XSD.date)))
        if dissolved:
            ref.add((r, SCHEMA.dissolutionDate, Literal(dissolved, datatype=XSD.date)))
    ev = ID["event/region-oestdanmark-2027"]
    ref.add((ev, RDF.type, ORG.ChangeEvent))
    ref.add((ev, ORG.originalOrganization, ID["region-hovedstaden"]))
    ref.add((ev, ORG.originalOrganization, ID["region-sjaelland"]))
    ref.add((ev, ORG.resultingOrganization, ID["region-oestdanmark"]))
    region_weights = [0.45, 0.08, 0.17, 0.2, 0.1]

    data = ds.graph(ID["graph/synthetic"])
    focus = [ID[f"focus/fa{k}"] for k in range(focus_areas)]
    for k, f in enumerate(focus):
        data.add((f, RDF.type, ECO.FocusArea))
        data.add((f, SKOS.prefLabel, Literal(f"Fokusområde {k}", lang="da")))
        data.add((f, SKOS.inScheme, ID["scheme/focus-areas"]))
    types = [t for t, _ in _ACTOR_TYPES]
    weights = [w for _, w in _ACTOR_TYPES]
    actor_iris = [ID[f"actor/a{k}"] for k in range(actors)]
    actor_type = rng.choices(types, weights, k=actors)
    actor_region = rng.choices(range(len(regions)), region_weights, k=actors)
    by_region: list[list[int]] = [[] for _ in regions]
    add = data.add
    for k, a in enumerate(actor_iris):
        by_region[actor_region[k]].append(k)
        add((a, RDF.type, actor_type[k]))
        add((a, SKOS.prefLabel, Literal(f"Aktør {k}", lang="da")))
        add((a, SCHEMA.location, regions[actor_region[k]]))
        add((a, DCTERMS.description, Literal(f"Syntetisk aktør nummer {k}", lang="da")))
        add((a, SCHEMA.url, URIRef(f"https://example.org/a{k}")))
        add((a, DCTERMS.subject, focus[rng.randrange(focus_areas)]))
        if rich:
            add((a, SKOS.prefLabel, Literal(f"Actor {k}", lang="en")))
            add((a, SKOS.altLabel, Literal(f"A{k}")))
            add((a, DCTERMS.identifier, Literal(f"CVR:{10000000 + k}")))
            adr = ID[f"actor/a{k}/address"]
            add((a, SCHEMA.address, adr))
            add((adr, RDF.type, SCHEMA.PostalAddress))
            add((adr, SCHEMA.addressCountry, Literal("DK")))
            add((adr, SCHEMA.postalCode, Literal(str(1000 + k % 8999))))
    clusters = [k for k, t in enumerate(actor_type) if t in (ECO.Cluster, ECO.InnovationNetwork)]
    for c in clusters:
        n = max(1, int(rng.expovariate(1 / members)))
        home = by_region[actor_region[c]]
        for _ in range(n):
            m = rng.choice(home) if rng.random() < 0.8 else rng.randrange(actors)
            if m != c:
                add((actor_iris[m], ORG.memberOf, actor_iris[c]))
                if rich:
                    ms = ID[f"membership/{c}-{m}"]
                    iv = ID[f"membership/{c}-{m}/interval"]
                    b0, e0 = ID[f"membership/{c}-{m}/begin"], ID[f"membership/{c}-{m}/end"]
                    add((ms, RDF.type, ORG.Membership))
                    add((ms, ORG.member, actor_iris[m]))
                    add((ms, ORG.organization, actor_iris[c]))
                    add((ms, ORG.memberDuring, iv))
                    add((iv, TIME.hasBeginning, b0))
                    add((b0, TIME.inXSDDate, Literal(f"{rng.randrange(2010, 2024)}-01-01", datatype=XSD.date)))
                    if rng.random() < 0.3:
                        add((iv, TIME.hasEnd, e0))
                        add((e0, TIME.inXSDDate, Literal(f"{rng.randrange(2024, 2030)}-12-31", datatype=XSD.date)))
    # Preferential attachment: some actors take part in many initiatives.
    popularity = [rng.paretovariate(1.5) for _ in range(actors)]
    for i in range(initiatives):
        ini = ID[f"initiative/i{i}"]
        g = ds.graph(ID[f"ev/synthetic-{i}"]) if evidence else data
        home_region = rng.choices(range(len(regions)), region_weights)[0]
        add((ini, RDF.type, ECO.Initiative))
        add((ini, SKOS.prefLabel, Literal(f"Initiativ {i}", lang="da")))
        add((ini, SCHEMA.location, regions[home_region]))
        add((ini, DCTERMS.subject, focus[rng.randrange(focus_areas)]))
        if rng.random() < 0.3:
            add((ini, DCTERMS.subject, focus[rng.randrange(focus_areas)]))
        start = rng.randrange(2015, 2027)
        add((ini, SCHEMA.startDate, Literal(f"{start}-01-01", datatype=XSD.date)))
        add((ini, SCHEMA.endDate, Literal(f"{start + rng.randrange(1, 6)}-12-31", datatype=XSD.date)))
        add((ini, ECO.budget, Literal(str(rng.randrange(1, 500) * 100_000), datatype=XSD.decimal)))
        n = max(2, min(60, int(rng.expovariate(1 / partners)) + 1))
        pool = by_region[home_region]
        chosen = set()
        for _ in range(n):
            if rng.random() < 0.6:
                chosen.add(rng.choice(pool))
            else:
                chosen.add(rng.choices(range(actors), popularity)[0] if rng.random() < 0.3 else rng.randrange(actors))
        for k in chosen:
            g.add((actor_iris[k], ECO.partnerIn, ini))
            if rich:
                st = ID[f"initiative/i{i}/partner/{k}"]
                add((st, RDF.type, RDF.Statement))
                add((st, RDF.subject, actor_iris[k]))
                add((st, RDF.predicate, ECO.partnerIn))
                add((st, RDF.object, ini))
                add((st, SCHEMA.roleName, Literal("participant")))
                add((st, SCHEMA.startDate, Literal(f"{start}-01-01", datatype=XSD.date)))
        if rich:
            add((ini, SKOS.prefLabel, Literal(f"Initiative {i}", lang="en")))
            add((ini, DCTERMS.description, Literal(f"Et syntetisk initiativ, nummer {i}", lang="da")))
            add((ini, SCHEMA.url, URIRef(f"https://example.org/i{i}")))
            add((ini, DCTERMS.identifier, Literal(f"SYN:{i}")))
        if rng.random() < 0.25:
            funder = rng.randrange(actors)
            grant = ID[f"grant/g{i}"]
            g.add((ini, SCHEMA.funder, actor_iris[funder]))
            add((grant, RDF.type, SCHEMA.MonetaryGrant))
            add((grant, SCHEMA.fundedItem, ini))
            add((grant, SCHEMA.funder, actor_iris[funder]))
            add((grant, SCHEMA.amount, Literal(str(rng.randrange(1, 100) * 100_000), datatype=XSD.decimal)))
            add((grant, SCHEMA.startDate, Literal(f"{start}-01-01", datatype=XSD.date)))
        if evidence:
            e = ID[f"ev/synthetic-{i}"]
            add((e, RDF.type, ECO.Evidence))
            add((e, PROV.wasDerivedFrom, ID["doc/synthetic"]))
            sel = ID[f"ev/synthetic-{i}/selector"]
            add((e, OA.hasSelector, sel))
            add((sel, OA.exact, Literal(f"Initiativ {i} har {len(chosen)} partnere")))
    # Some isolated actors.
    return ds


def _time(fn, *args, **kwargs):
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


def run(actors: int, *, seed: int = 42, evidence: bool = True, rich: bool = False, label: str = "") -> dict:
    from graph.gaps import find_gaps
    from graph.recommend import Recommender, recommend
    from graph.views import _facts, _incidence, collaboration_graph

    ds, t_gen = _time(synthetic_ecosystem, actors=actors, seed=seed, evidence=evidence, rich=rich)
    n_triples = len(ds)
    facts, t_facts = _time(_facts, ds)
    (B, _actors, _groups), t_inc = _time(_incidence, facts)
    _, t_prod = _time(lambda: B @ B.T)
    G, t_view = _time(collaboration_graph, ds)
    gaps, t_gaps = _time(find_gaps, ds)
    rec, t_rec_build = _time(Recommender, ds)
    actor = max(G.degree, key=lambda kv: kv[1])[0]
    recs, t_rec = _time(rec.recommend, URIRef(actor), top=10)
    quiet = min((kv for kv in G.degree if kv[1] > 0), key=lambda kv: kv[1])[0]
    _, t_rec2 = _time(rec.recommend, URIRef(quiet), top=10)
    _, t_rec_e2e = _time(recommend, ds, URIRef(actor), top=10)
    return {
        "label": label or f"{actors} actors",
        "actors": actors,
        "triples": n_triples,
        "collaboration_nodes": G.number_of_nodes(),
        "collaboration_edges": G.number_of_edges(),
        "seconds": {
            "generate": round(t_gen, 2),
            "read_facts": round(t_facts, 2),
            "incidence_matrix": round(t_inc, 2),
            "sparse_product_BBt": round(t_prod, 2),
            "collaboration_graph_networkx_view": round(t_view, 2),
            "find_gaps": round(t_gaps, 2),
            "recommender_build": round(t_rec_build, 2),
            "recommend_query_busiest_actor": round(t_rec, 3),
            "recommend_query_quiet_actor": round(t_rec2, 3),
            "recommend_end_to_end": round(t_rec_e2e, 2),
        },
        "gaps_steps": {k: round(v, 2) for k, v in gaps.timings.items()},
        "coverage_gaps": len(gaps.coverage_gaps),
        "growth_model_gaps": len(gaps.growth_model_gaps),
        "isolated": len(gaps.isolated),
        "recommendations": len(recs),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small graphs only (for tests)")
    parser.add_argument("--actors", type=int, action="append", help="actor counts to run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rich", action="store_true", help="with --actors: describe everything (~3x triples)")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    parser_sizes = []
    if args.actors:
        parser_sizes = [(n, args.rich, f"{n} actors" + (", rich" if args.rich else "")) for n in args.actors]
    elif args.quick:
        parser_sizes = [(600, True, "quick: 600 actors, rich")]
    else:
        parser_sizes = [(25_600, False, "25.6k actors"), (28_500, True, "28.5k actors, rich (~1M triples)")]
    results = [run(n, seed=args.seed, rich=rich, label=lab) for n, rich, lab in parser_sizes]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(f"== {r['label']}: {r['triples']:,} triples, {r['collaboration_nodes']:,} actors, "
                  f"{r['collaboration_edges']:,} collaboration edges")
            for k, v in {**r["seconds"], **{f"gaps: {k}": v for k, v in r["gaps_steps"].items()}}.items():
                print(f"  {k:<32} {v:8.2f} s")
            print(f"  coverage gaps {r['coverage_gaps']}, growth-model gaps {r['growth_model_gaps']}, "
                  f"isolated {r['isolated']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
