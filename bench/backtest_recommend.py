"""Backtest ``recommend`` on a time split of the real CORDIS data.

Learn from the Horizon Europe projects (with Danish participants) that
started up to a cut-off date, then predict which pairs of organisations --
both already in the training graph, not yet collaborating -- start
collaborating in projects that begin after it.

Metrics, for the combined ``recommend`` score, its components and two
baselines (random scores, plain common neighbours):

- AUC: probability that a random future link scores higher than a random
  pair that never links (ties count one half), over sampled pairs;
- precision@10: for organisations that gain new partners, the share of their
  top-10 recommendations that come true, averaged.

Data: ``../shared/data/cordis-dk/`` (Source: CORDIS, © European Union,
https://cordis.europa.eu/). Read directly from the CSV files.

Usage::

    python bench/backtest_recommend.py                  # cut-off 2023-12-31
    python bench/backtest_recommend.py --cutoff 2024-06-30 --danish-only
    python bench/backtest_recommend.py --quick          # small sample, for tests
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from rdflib import Dataset, Literal  # noqa: E402

from graph.vocab import DCTERMS, ECO, ID, ONTOLOGY_GRAPH, RDF, SKOS  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "cordis-dk"
_TYPES = {
    "HES": ECO.University,
    "REC": ECO.ResearchInstitute,
    "PRC": ECO.Company,
    "PUB": ECO.PublicAuthority,
    "OTH": ECO.Association,
}


def read_cordis(folder: Path = DATA):
    """Projects (id -> start date), participations (project -> orgs), orgs, fields."""
    csv.field_size_limit(10**8)
    with open(folder / "projects.csv", encoding="utf-8", newline="") as fh:
        start = {r["id"]: r["startDate"] for r in csv.DictReader(fh) if r["startDate"]}
    members: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, dict] = {}
    with open(folder / "organizations.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            members[r["projectID"]].add(r["organisationID"])
            orgs.setdefault(r["organisationID"], r)
    fields: dict[str, set[str]] = defaultdict(set)
    with open(folder / "euroscivoc.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            parts = [p for p in r["euroSciVocPath"].split("/") if p]
            if len(parts) >= 2:
                fields[r["projectID"]].add("/".join(parts[:2]))
    return start, members, orgs, fields


def _pairs(projects, members) -> set[tuple[str, str]]:
    out = set()
    for p in projects:
        ms = sorted(members.get(p, ()))
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                out.add((ms[i], ms[j]))
    return out


def training_dataset(projects, members, orgs, fields) -> Dataset:
    """The training projects as an ecokg dataset (ontology + initiatives + partners)."""
    ds = Dataset(default_union=True)
    ds.graph(ONTOLOGY_GRAPH).parse(ROOT / "ontology" / "ecosystem.ttl", format="turtle")
    g = ds.graph(ID["graph/cordis-backtest"])
    focus: dict[str, object] = {}
    for p in projects:
        ini = ID[f"cordis/project/{p}"]
        g.add((ini, RDF.type, ECO.Initiative))
        g.add((ini, SKOS.prefLabel, Literal(p)))
        for f in fields.get(p, ()):
            if f not in focus:
                focus[f] = ID[f"cordis/field/{len(focus)}"]
                g.add((focus[f], RDF.type, ECO.FocusArea))
                g.add((focus[f], SKOS.prefLabel, Literal(f, lang="en")))
            g.add((ini, DCTERMS.subject, focus[f]))
        for o in members.get(p, ()):
            org = ID[f"cordis/org/{o}"]
            g.add((org, ECO.partnerIn, ini))
    for o in {o for p in projects for o in members.get(p, ())}:
        org = ID[f"cordis/org/{o}"]
        g.add((org, RDF.type, _TYPES.get(orgs[o]["activityType"], ECO.Association)))
        g.add((org, SKOS.prefLabel, Literal(orgs[o]["name"])))
    return ds


def _auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(pos > neg) + 0.5 P(pos == neg), by ranks."""
    from scipy.stats import rankdata

    both = np.concatenate([pos, neg])
    ranks = rankdata(both)
    r_pos = ranks[: len(pos)].sum()
    return float((r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def run(cutoff: str = "2023-12-31", *, danish_only: bool = False, samples: int = 20000, sources: int = 400, seed: int = 1) -> dict:
    from graph.recommend import Recommender

    t0 = time.perf_counter()
    start, members, orgs, fields = read_cordis()
    train = [p for p, d in start.items() if d <= cutoff]
    test = [p for p, d in start.items() if d > cutoff]
    ds = training_dataset(train, members, orgs, fields)
    rec = Recommender(ds)
    t_build = time.perf_counter() - t0
    index = {str(a).rsplit("/", 1)[1]: k for k, a in enumerate(rec.actors)}
    known = set(index)
    if danish_only:
        known = {o for o in known if orgs[o]["country"] == "DK"}
    train_pairs = _pairs(train, members)
    future = {(a, b) for a, b in _pairs(test, members) - train_pairs if a in known and b in known}
    rng = random.Random(seed)
    nodes = sorted(known)
    positives = sorted(future)
    if len(positives) > samples:
        positives = rng.sample(positives, samples)
    negatives = []
    while len(negatives) < len(positives):
        a, b = rng.sample(nodes, 2)
        key = (a, b) if a < b else (b, a)
        if key not in train_pairs and key not in future:
            negatives.append(key)

    A = rec.A
    cache: dict[str, dict] = {}

    def scores_of(o):
        if o not in cache:
            sc = rec.scores(rec.actors[index[o]])
            cn = sc["cn"] if sc else np.zeros(len(rec.actors))
            cache[o] = {
                "recommend": sc["score"] if sc else np.zeros(len(rec.actors)),
                "resource_allocation": sc["parts"]["resource_allocation"] if sc else cn,
                "adamic_adar": sc["parts"]["adamic_adar"] if sc else cn,
                "common_neighbours": cn,
            }
        return cache[o]

    methods = ["recommend", "resource_allocation", "adamic_adar", "common_neighbours", "random"]
    auc = {}
    for m in methods:
        vals = []
        for pairs in (positives, negatives):
            if m == "random":
                vals.append(np.array([rng.random() for _ in pairs]))
            else:
                vals.append(np.array([scores_of(a)[m][index[b]] for a, b in pairs]))
        auc[m] = round(_auc(vals[0], vals[1]), 4) if len(positives) else None

    # precision@10 for organisations gaining new partners
    new_of: dict[str, set[str]] = defaultdict(set)
    for a, b in future:
        new_of[a].add(b)
        new_of[b].add(a)
    srcs = sorted(new_of)
    if len(srcs) > sources:
        srcs = rng.sample(srcs, sources)
    known_idx = np.array([index[o] for o in nodes])
    prec = {m: [] for m in methods}
    for o in srcs:
        i = index[o]
        exclude = set(A[i].indices.tolist()) | {i}
        mask = np.array([k not in exclude for k in known_idx])
        cand = known_idx[mask]
        truth = {index[x] for x in new_of[o]}
        s = scores_of(o)
        for m in methods:
            v = rng_scores = None
            if m == "random":
                rng_scores = np.array([rng.random() for _ in cand])
                v = rng_scores
            else:
                v = s[m][cand]
            top = cand[np.argsort(-v, kind="stable")[:10]]
            prec[m].append(sum(1 for k in top if k in truth) / 10)
    return {
        "cutoff": cutoff,
        "danish_only": danish_only,
        "train_projects": len(train),
        "test_projects": len(test),
        "organisations_in_training": len(known),
        "training_edges": int(A.nnz // 2),
        "future_links": len(future),
        "sampled_pairs": len(positives),
        "sources_for_precision": len(srcs),
        "auc": auc,
        "precision_at_10": {m: round(float(np.mean(v)), 4) if v else None for m, v in prec.items()},
        "seconds": round(time.perf_counter() - t0, 1),
        "build_seconds": round(t_build, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cutoff", default="2023-12-31", help="last start date of the training projects")
    parser.add_argument("--danish-only", action="store_true", help="evaluate links between Danish organisations only")
    parser.add_argument("--samples", type=int, default=20000, help="positive (and negative) pairs for AUC")
    parser.add_argument("--sources", type=int, default=400, help="organisations for precision@10")
    parser.add_argument("--quick", action="store_true", help="small samples (for tests)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.samples, args.sources = 500, 30
    result = run(args.cutoff, danish_only=args.danish_only, samples=args.samples, sources=args.sources)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"cut-off {result['cutoff']}: {result['train_projects']} training projects, "
              f"{result['test_projects']} later; {result['organisations_in_training']} organisations, "
              f"{result['future_links']} new links to predict" + (" (Danish only)" if args.danish_only else ""))
        print(f"{'method':<22} {'AUC':>7} {'P@10':>7}")
        for m in result["auc"]:
            print(f"{m:<22} {result['auc'][m]:>7} {result['precision_at_10'][m]:>7}")
        print(f"({result['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
