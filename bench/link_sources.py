"""Link the real sources: CORDIS + structural funds + reference data, resolved.

Imports CORDIS (all projects or the health-flagged ones) and the Danish
structural-fund lists, adds the reference data (regions, municipalities),
parses the free-text partner lists into partner links
(:func:`graph.partners.link_partners`) and resolves organisations
(:func:`graph.resolve.resolve`). Prints the figures quoted in
``docs/ingest.md``: how many organisations were resolved across the sources,
by which evidence, and how many partner strings matched a known organisation.

Usage::

    python bench/link_sources.py [--health-only] [--json] [-o OUT.trig]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib import Dataset  # noqa: E402
from rdflib.namespace import RDF  # noqa: E402

from graph.importers.cordis import DEFAULT_DIR, import_cordis  # noqa: E402
from graph.partners import link_partners  # noqa: E402
from graph.resolve import resolve  # noqa: E402
from graph.vocab import EURIO, ID  # noqa: E402


def _source(iri) -> str:
    s = str(iri)
    if s.startswith(str(ID["cordis/org/"])):
        return "cordis"
    if s.startswith(str(ID["org/"])):
        return "partner list"
    if s.startswith(str(ID["region-"])) or s.startswith(str(ID["kommune/"])):
        return "reference"
    return "structural funds / curated"


def run(*, health_only: bool = False) -> tuple[Dataset, dict]:
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    import_cordis(DEFAULT_DIR, health_only=health_only, dataset=ds)
    t_cordis = time.perf_counter() - t0
    from graph.importers.structural_funds import import_structural_funds

    import_structural_funds(ds=ds, partners=False)  # linked below, after CORDIS is in
    for f in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        ds.graph(ID["graph/reference"]).parse(str(f), format="turtle")
    partners = link_partners(ds)
    rep = resolve(ds)
    cross = [m for m in rep.merges if _source(m.source) != _source(m.target)]
    figures = {
        "cordis_projects": len(set(ds.subjects(RDF.type, EURIO.Project))),
        "seconds_cordis_import": round(t_cordis, 1),
        "seconds_total": round(time.perf_counter() - t0, 1),
        "partner_strings": partners.strings,
        "partner_strings_matched": partners.matched,
        "partner_organisations_new": partners.new_organisations,
        "partner_strings_matched_by_source": dict(Counter(_source(x.org) for x in partners.links if x.matched)),
        "merges": len(rep.merges),
        "merges_by_reason": dict(Counter(m.reason for m in rep.merges)),
        "merges_across_sources": len(cross),
        "merges_across_sources_by_pair": dict(Counter(f"{_source(m.source)} -> {_source(m.target)}" for m in cross)),
        "cordis_orgs_resolved_to_other_sources": len({m.source for m in cross if _source(m.source) == "cordis"}),
        "possible_duplicates": len(rep.possible),
        "kept_apart_different_cvr": len(rep.conflicts),
        "examples": [m.as_dict() for m in cross[:10]],
    }
    return ds, figures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--health-only", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-o", "--out")
    args = ap.parse_args(argv)
    ds, figures = run(health_only=args.health_only)
    if args.out:
        from graph.importers.cordis import write_trig

        write_trig(ds, args.out)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        for k, v in figures.items():
            if k != "examples":
                print(f"{k}: {v}")
        for e in figures["examples"]:
            print("  ", e["source"], "->", e["target"], e["reason"], e["detail"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
