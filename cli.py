"""The ``ecokg`` command line: a thin layer of click commands over :mod:`graph`.

Every command opens the graph, calls one library function and renders the
result. Bad input exits 2 with one line per problem (``file:line: message``).
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from datetime import date
from pathlib import Path

import click

import graph
from graph.errors import InputError

class _Group(click.Group):
    """A group that turns :class:`InputError` into clean lines and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            ctx.exit(2)


def _as_of(_ctx, _param, value: str | None) -> date | None:
    from graph.periods import parse_date

    try:
        return parse_date(value)
    except InputError as exc:
        raise click.BadParameter(exc.problems[0].message) from None


def sources_options(f):
    """SOURCES (files or folders; default the bundled data) and ``--store``."""
    f = click.option(
        "--store",
        default="memory",
        show_default=True,
        metavar="STORE",
        help="memory, oxigraph:PATH or sparql:URL. With a persistent store and no SOURCES, read the store.",
    )(f)
    return click.argument("sources", nargs=-1, metavar="[SOURCES]...")(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")(f)


def as_of_option(f):
    return click.option(
        "--as-of", callback=_as_of, metavar="DATE", help="Only what was active on DATE (YYYY-MM-DD)."
    )(f)


def contacts_option(f):
    return click.option(
        "--include-contacts", is_flag=True, help="Include personal contact data (e-mails, phones)."
    )(f)


def open_graph(sources: tuple[str, ...], store: str, *, strict: bool = True):
    """Load SOURCES (or the bundled data) in memory, or read a persistent store."""
    if not sources and store != "memory":
        from graph.store import open_dataset

        return open_dataset(store)
    from graph.load import load

    return load(sources, strict=strict)


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _echo_table(headers: list[str], rows: list[list]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(graph.__version__, prog_name="ecokg")
def cli():
    """ecokg: a knowledge graph of the Danish health-innovation ecosystem.

    Load partners, clusters, universities, initiatives and their relations
    (RDF files, Kumu-style sheets), validate them, find overlapping
    initiatives and gaps, and draw the map.

    \b
    Example:
      ecokg stats
      ecokg report -o report.html
    """
    # rdflib logs a stack trace for every ill-typed literal; the loader reports
    # those itself as file:line problems
    logging.getLogger("rdflib").setLevel(logging.ERROR)


@cli.command()
@sources_options
@json_option
@click.pass_context
def validate(ctx, sources, store, as_json):
    """Parse and SHACL-validate SOURCES (default: the bundled data).

    Exit 0 when the data conforms, 1 on violations, 2 on bad input.

    \b
    Example:
      ecokg validate my-ecosystem.xlsx --json
    """
    from graph.validate import validate as run_validation

    try:
        ds = open_graph(sources, store, strict=False)
    except InputError as exc:
        if as_json:
            _echo_json({"conforms": False, "errors": [p.as_dict() for p in exc.problems]})
        raise
    report = run_validation(ds)
    if as_json:
        _echo_json({"conforms": report.conforms, "errors": [p.as_dict() for p in report.problems]})
    else:
        for problem in report.problems:
            click.echo(f"{problem.severity}: {problem}")
        click.echo(f"conforms: {'yes' if report.conforms else 'no'} ({len(report.problems)} problems, {len(ds)} triples)")
    ctx.exit(0 if report.conforms else 1)


@cli.command()
@sources_options
@json_option
def stats(sources, store, as_json):
    """Size of the graph and its entities by type.

    \b
    Example:
      ecokg stats --json
    """
    from graph.stats import stats as compute

    result = compute(open_graph(sources, store))
    if as_json:
        _echo_json(result.as_dict())
        return
    click.echo(f"triples: {result.triples}")
    click.echo(f"named graphs: {result.graphs}")
    _echo_table(["type", "entities"], [[k, v] for k, v in result.by_type.items()])


@cli.command()
@click.argument("query", required=False)
@sources_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
def query(query, sources, store, fmt, list_saved):
    """Run QUERY: SPARQL text, a .rq file, or a saved query's name.

    \b
    Example:
      ecokg query members
      ecokg query 'SELECT ?s WHERE { ?s a <https://w3id.org/ecokg/def#Cluster> }' --format csv
    """
    from graph.queries import saved_queries
    from graph.files import spreadsheet_cell
    from graph.query import compact, resolve_query, run_query

    if list_saved:
        for name, description in saved_queries().items():
            click.echo(f"{name:24} {description}")
        return
    if not query:
        raise click.UsageError("give a QUERY (SPARQL text, a .rq file or a saved name), or --list")
    text, origin = resolve_query(query)
    ds = open_graph(sources, store)
    result = run_query(ds, text, origin=origin)
    if fmt == "json":
        _echo_json(result.as_dict())
    elif result.boolean is not None:
        click.echo("true" if result.boolean else "false")
    elif result.graph is not None:
        click.echo(result.graph)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else spreadsheet_cell(v) for v in row] for row in result.rows)
    else:
        _echo_table(list(result.columns), [[compact(ds, v) for v in row] for row in result.rows])
        click.echo(f"({len(result.rows)} rows)")


@cli.command()
@click.argument("entity")
@sources_options
@json_option
def explain(entity, sources, store, as_json):
    """Every statement about ENTITY with the document, date and quote behind it.

    ENTITY is a label (any language, case-insensitive) or an IRI.

    \b
    Example:
      ecokg explain "Danish Healthtech"
    """
    from graph.explain import explain as run_explain

    result = run_explain(open_graph(sources, store), entity)
    if as_json:
        _echo_json(result.as_dict())
        return
    click.echo(f"{result.label}  <{result.iri}>")
    for st in result.statements:
        text = f"{st.predicate}: {st.object}" if st.direction == "out" else f"{st.subject} —{st.predicate}→ {st.object}"
        click.echo(f"  {text}")
        for src in st.sources:
            when = f" ({src.date})" if src.date else ""
            quote = f' "{src.quote}"' if src.quote else ""
            click.echo(f"      source: {src.title}{when}{quote}")


@cli.command()
@sources_options
@json_option
@click.option("--min-score", type=click.FloatRange(0, 1), default=None, help="Threshold (default: the evaluated one).")
@click.option("--same-region", is_flag=True, help="Also report pairs inside one region.")
@click.option("--verdicts", type=click.Path(dir_okay=False), help="CSV of curator verdicts on pairs.")
@click.option("--semantic/--lexical", "semantic", default=None,
              help="Compare descriptions by meaning too (sentence model) or by words only. "
                   "Default: by meaning up to 2,000 initiatives.")
@as_of_option
def overlaps(sources, store, as_json, min_score, same_region, verdicts, semantic, as_of):
    """Duplicated or overlapping initiatives, best first, with reasons.

    \b
    Example:
      ecokg overlaps initiatives.xlsx --min-score 0.4 --json
      ecokg overlaps big-export.nt --lexical        # words only: fast on very large inputs
    """
    from graph.overlaps import overlap_groups, overlapping_initiatives
    from graph.verdicts import read_verdicts

    ds = open_graph(sources, store)
    pairs = overlapping_initiatives(
        ds,
        min_score=min_score,  # None: the default for the input's size (graph.overlaps.default_min_score)
        same_region=same_region,
        as_of=as_of,
        verdicts=read_verdicts(verdicts) if verdicts else None,
        semantic=semantic,
    )
    groups = overlap_groups(pairs)
    if as_json:
        _echo_json({"pairs": [p.as_dict() for p in pairs], "groups": [g.as_dict() for g in groups]})
        return
    for p in pairs:
        mark = f" [{p.verdict}]" if p.verdict else ""
        click.echo(f"{p.score:.2f}  {p.a.label} ({p.a.region or '?'})  ~  {p.b.label} ({p.b.region or '?'}){mark}")
        for reason in p.reasons:
            click.echo(f"        - {reason}")
    for g in groups:
        click.echo(f"group of {len(g.members)}: " + "; ".join(m.label for m in g.members))
    click.echo(f"({len(pairs)} pairs, {len(groups)} groups)")


@cli.command()
@sources_options
@json_option
@as_of_option
def gaps(sources, store, as_json, as_of):
    """Coverage gaps, growth-model gaps, brokers and isolated actors.

    \b
    Example:
      ecokg gaps --as-of 2027-01-01 --json
    """
    from graph.gaps import find_gaps

    result = find_gaps(open_graph(sources, store), as_of=as_of)
    data = result.as_dict()
    if as_json:
        _echo_json(data)
        return
    click.echo("Coverage gaps (region × focus area with no initiative):")
    for gap in data["coverage_gaps"]:
        click.echo(f"  {gap['region']} × {gap['theme']}")
    click.echo("Cluster ecosystems missing growth-model elements:")
    for gap in data["growth_model_gaps"]:
        click.echo(f"  {gap['ecosystem']}: missing {', '.join(gap['missing'])}")
    click.echo("Brokers:")
    for b in data["brokers"][:10]:
        click.echo(f"  {b['score']:.3f}  {b['label']}")
    click.echo("Isolated actors:")
    for a in data["isolated"]:
        click.echo(f"  {a['label']}")
    click.echo("Thin cells (one initiative only):")
    for cell in data["thin_cells"]:
        click.echo(f"  {cell['region']} × {cell['theme']}: {', '.join(cell['names'])}")
    click.echo("Weakly linked regions:")
    for weak in data["weak_regions"]:
        click.echo(f"  {weak['region']}: {weak['ties']} ties; no link to {', '.join(weak['unlinked'])}")


@cli.command()
@click.argument("entity")
@sources_options
@json_option
@click.option("--top", type=click.IntRange(1), default=10, show_default=True)
@as_of_option
def recommend(entity, sources, store, as_json, top, as_of):
    """Partners an actor or initiative should talk to, with reasons.

    \b
    Example:
      ecokg recommend "Welfare Tech" --top 5
    """
    from graph.entities import find_entity
    from graph.labels import label
    from graph.recommend import recommend as run_recommend

    ds = open_graph(sources, store)
    node = find_entity(ds, entity)
    recs = run_recommend(ds, node, top=top, as_of=as_of)
    if as_json:
        _echo_json({"for": label(ds, node), "iri": str(node), "recommendations": [r.as_dict() for r in recs]})
        return
    click.echo(f"Recommendations for {label(ds, node)}:")
    for r in recs:
        click.echo(f"{r.score:.3f}  {r.label}")
        for reason in r.reasons:
            click.echo(f"        - {reason}")


@cli.command("map")
@sources_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--focus", metavar="LABEL", help="Centre on one actor or initiative.")
@click.option("--hops", type=click.IntRange(0), default=1, show_default=True, help="With --focus: how far to go.")
@click.option("--type", "types", multiple=True, help="Only these types (repeatable).")
@click.option("--region", "regions", multiple=True, help="Only these regions (repeatable).")
@click.option("--focus-area", "focus_areas", multiple=True, help="Only these focus areas (repeatable).")
@click.option("--aggregate", is_flag=True, help="Open grouped by region (or community); double-click a group to expand.")
@as_of_option
@contacts_option
def map_(sources, store, output, focus, hops, types, regions, focus_areas, aggregate, as_of, include_contacts):
    """Interactive network map (pyvis), self-contained and offline.

    \b
    Example:
      ecokg map -o map.html --focus "Welfare Tech" --hops 2
    """
    from graph.entities import find_entity
    from graph.privacy import without_contacts
    from graph.render import render_map
    from graph.views import entity_graph

    ds = open_graph(sources, store)
    focus_iri = str(find_entity(ds, focus)) if focus else None
    if not include_contacts:
        ds = without_contacts(ds)
    g = entity_graph(ds, as_of=as_of, include_contacts=include_contacts)
    from graph.gaps import find_gaps
    from graph.overlaps import overlapping_initiatives

    stats = render_map(
        g, output, focus=focus_iri, hops=hops, types=types, regions=regions, focus_areas=focus_areas,
        overlaps=overlapping_initiatives(ds, as_of=as_of), gaps=find_gaps(ds, as_of=as_of),
        include_contacts=include_contacts, aggregate=aggregate or None,
    )
    click.echo(f"wrote {output}: {stats.nodes} nodes, {stats.edges} edges ({stats.layout} layout)")


@cli.command()
@sources_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@as_of_option
@contacts_option
def report(sources, store, output, as_of, include_contacts):
    """The committee report: map, overlaps, gaps and sources in one offline HTML file.

    \b
    Example:
      ecokg report -o report.html
    """
    from graph.privacy import without_contacts
    from graph.report import write_report

    ds = open_graph(sources, store)
    if not include_contacts:
        ds = without_contacts(ds)
    write_report(ds, output, include_contacts=include_contacts, as_of=as_of)
    click.echo(f"wrote {output}")


@cli.command()
@sources_options
@click.option("--format", "fmt", required=True, type=click.Choice(["ttl", "nt", "jsonld", "trig", "nq", "graphml", "gexf", "csv"]))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@contacts_option
def export(sources, store, fmt, output, include_contacts):
    """The merged graph in a standard format.

    \b
    Example:
      ecokg export --format nt -o ecosystem.nt
    """
    from graph.export import export as run_export

    run_export(open_graph(sources, store), fmt, output, include_contacts=include_contacts)
    click.echo(f"wrote {output}")


_RDF_SUFFIXES = {".ttl": "ttl", ".trig": "trig", ".nt": "nt", ".nq": "nq", ".jsonld": "jsonld"}


@cli.group(cls=_Group)
def ingest():
    """Turn documents into candidate statements with provenance."""


@ingest.command("text")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Turtle/TriG file to write.")
@json_option
def ingest_text_command(file, output, as_json):
    """Candidate entities and statements from a Danish press release FILE.

    The output (Turtle, or TriG/N-Quads to keep the candidate named graph)
    is for review before it is merged; `ecokg validate OUT.ttl` checks it.

    \b
    Example:
      ecokg ingest text pressemeddelelse.txt -o candidates.trig --json
    """
    from graph.export import export as run_export
    from graph.ingest import ingest_text, read_text, to_dataset
    from graph.load import load

    text = read_text(file)  # InputError (exit 2, file:line) for empty, binary, non-UTF-8, huge input
    fmt = _RDF_SUFFIXES.get(Path(output).suffix.lower())
    if fmt is None:
        raise click.UsageError(f"-o must end in one of {', '.join(_RDF_SUFFIXES)} (got {output!r})")
    ingested = ingest_text(text, source=file, known=load())
    run_export(to_dataset(ingested), fmt, output, include_contacts=True)
    if as_json:
        _echo_json(ingested.as_dict())
    else:
        click.echo(f"wrote {output}: {len(ingested.entities)} entities, {len(ingested.statements)} statements")


@cli.command("load")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCES...")
@click.option("--store", required=True, metavar="STORE", help="oxigraph:PATH or sparql:URL")
def load_command(sources, store):
    """Validate SOURCES, then write them into a persistent STORE, all or nothing.

    \b
    Example:
      ecokg load data/ my-sheet.xlsx --store oxigraph:ecokg.db
    """
    from graph.load import load
    from graph.store import write_all_or_nothing
    from graph.validate import validate as run_validation

    ds = load(sources)
    report = run_validation(ds)
    if not report.conforms:
        raise InputError([p for p in report.problems if p.severity == "Violation"])
    count = write_all_or_nothing(ds, store)
    click.echo(f"loaded {count} quads into {store}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ecokg")


if __name__ == "__main__":
    main()
