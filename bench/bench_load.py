"""Benchmark graph.load and graph.validate on the bundled data and on synthetic inputs.

Writes a synthetic Turtle file (companies, clusters, memberships with dates,
budgets) and a Kumu CSV pair of the same size into a temporary folder, then
times loading each (strict checks included) and SHACL validation.

Usage::

    python bench/bench_load.py              # 20k entities (~120k triples) and a 5k-row table
    python bench/bench_load.py --quick      # small, a few seconds
    python bench/bench_load.py --entities 50000 --rows 20000 --json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.load import load  # noqa: E402
from graph.validate import validate  # noqa: E402

_TURTLE_HEAD = """@prefix eco: <https://w3id.org/ecokg/def#> .
@prefix ecoid: <https://w3id.org/ecokg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""


def write_turtle(path: Path, entities: int, rng: random.Random) -> None:
    clusters = max(1, entities // 100)
    with path.open("w", encoding="utf-8") as f:
        f.write(_TURTLE_HEAD)
        for c in range(clusters):
            f.write(f'ecoid:bench-cluster-{c} a eco:Cluster ; skos:prefLabel "Bench-klynge {c}"@da .\n')
        for i in range(entities):
            c = rng.randrange(clusters)
            start = 2000 + rng.randrange(20)
            f.write(
                f'ecoid:bench-co-{i} a eco:Company ;\n'
                f'    skos:prefLabel "Bench virksomhed {i}"@da ;\n'
                f'    schema:startDate "{start}-01-01"^^xsd:date ;\n'
                f'    schema:endDate "{start + 5}-12-31"^^xsd:date ;\n'
                f'    eco:budget "{rng.randrange(10**7)}.00"^^xsd:decimal ;\n'
                f'    org:memberOf ecoid:bench-cluster-{c} .\n'
            )


def write_tables(folder: Path, rows: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "bench-elements.csv").open("w", encoding="utf-8") as f:
        f.write("Label;Type;Tags;Region;Start;End;Budget\n")
        for i in range(rows):
            region = rng.choice(["Syddanmark", "Region Midtjylland", "Nordjylland"])
            f.write(f"Element {i};Virksomhed;Tema {i % 20};{region};2019;2021;{rng.randrange(10**6)}\n")
        f.write("Hub;Klynge;;;;;\n")
    with (folder / "bench-connections.csv").open("w", encoding="utf-8") as f:
        f.write("From;To;Type;Start\n")
        for i in range(rows):
            f.write(f"Element {i};Hub;medlem af;2020\n")


def _time(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=20000)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.quick:
        args.entities, args.rows = 1000, 300
    rng = random.Random(7)
    result: dict = {}
    ds, t = _time(load)
    result["bundled"] = {"quads": len(list(ds.quads())), "load_s": round(t, 3)}
    report, t = _time(lambda: validate(load(strict=False)))
    result["bundled"]["validate_s"] = round(t, 3)
    with tempfile.TemporaryDirectory() as tmp:
        ttl = Path(tmp) / "bench.ttl"
        write_turtle(ttl, args.entities, rng)
        ds, t = _time(lambda: load([ttl], bundled=False))
        result["turtle"] = {"entities": args.entities, "quads": len(list(ds.quads())), "load_s": round(t, 3)}
        report, t = _time(lambda: validate(ds))
        result["turtle"].update(validate_s=round(t, 3), problems=len(report.problems))
        tables = Path(tmp) / "tables"
        write_tables(tables, args.rows, rng)
        ds, t = _time(lambda: load([tables], bundled=False))
        result["tables"] = {"rows": args.rows, "quads": len(list(ds.quads())), "load_s": round(t, 3)}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, r in result.items():
            print(name, ", ".join(f"{k}={v}" for k, v in r.items()))
    return result


if __name__ == "__main__":
    main()
