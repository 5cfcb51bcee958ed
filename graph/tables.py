"""Kumu-style tables (an ``.xlsx`` workbook or an elements/connections CSV pair).

A workbook has the sheets ``Elements`` and ``Connections``; a CSV pair is
``*elements*.csv`` + ``*connections*.csv`` (UTF-8 with or without BOM,
``,`` or ``;``). Columns are those of ``CONTRACT.md`` (header names are
case-insensitive) and are mapped onto the vocabulary as ``docs/model.md``
says. Each row's triples go to the named graph ``<file-uri>#row=N`` (for
workbooks ``<file-uri>#sheet=Elements&row=N``), which is an ``eco:Evidence``
derived from the file (a ``foaf:Document``) quoting the row's cells.

Entities are joined to data already loaded by label (``skos:prefLabel`` or
``skos:altLabel``, case-insensitive); otherwise their IRI is
:func:`graph.ids.entity_iri` of the label.

Examples
--------
>>> import tempfile, pathlib
>>> from rdflib import Dataset
>>> from graph.vocab import ECO, ORG
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "elements.csv").write_text(
...     "Label;Type\\nAlpha;Klynge\\nBeta;Virksomhed\\n", encoding="utf-8-sig")
>>> _ = (d / "connections.csv").write_text(
...     "From;To;Type\\nBeta;Alpha;medlem af\\n", encoding="utf-8")
>>> ds = Dataset(default_union=True)
>>> load_csv_pair(ds, (d / "elements.csv", "elements.csv"), (d / "connections.csv", "connections.csv"))
>>> from graph.ids import entity_iri
>>> (entity_iri("Beta"), ORG.memberOf, entity_iri("Alpha")) in ds
True
>>> (entity_iri("Alpha"), RDF.type, ECO.Cluster) in ds
True
>>> _ = (d / "connections.csv").write_text("From;To;Type\\nBeta;Gamma;medlem af\\n", encoding="utf-8")
>>> try:
...     load_csv_pair(Dataset(), (d / "elements.csv", "elements.csv"), (d / "connections.csv", "c.csv"))
... except InputError as err:
...     print(err.lines())
["c.csv:2: dangling connection: To 'Gamma' is not an element label"]
"""

from __future__ import annotations

import calendar
import csv
import datetime as _dt
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef

from graph import vocab
from graph.errors import InputError, Problem
from graph.ids import entity_iri, slug
from graph.vocab import (
    ATTR,
    CONNECTION_PREDICATES,
    DCTERMS,
    ECO,
    FOAF,
    FRAPO,
    OA,
    ORG,
    PROV,
    RDF,
    SCHEMA,
    SKOS,
    STRUCTURAL_CLASSES,
    TIME,
    TYPE_CLASSES,
    TYPE_LABELS,
    XSD,
)

__all__ = [
    "LabelIndex",
    "load_workbook",
    "load_csv_pair",
    "parse_table_date",
    "parse_table_amount",
    "ELEMENT_COLUMNS",
    "CONNECTION_COLUMNS",
]

ELEMENT_COLUMNS = ("label", "type", "description", "tags", "region", "start", "end", "budget", "website")
CONNECTION_COLUMNS = ("from", "to", "type", "start", "end", "amount", "description")

FOCUS_SCHEME = vocab.ID["scheme/focus-areas"]
_REGION_NAMES = ("hovedstaden", "sjælland", "syddanmark", "midtjylland", "nordjylland", "østdanmark")
_ENTITY_CLASSES = (set(TYPE_LABELS) | set(TYPE_CLASSES.values()) | {ECO.Partnership}) - STRUCTURAL_CLASSES


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


class LabelIndex:
    """Case-insensitive label -> entity IRI, for joining table rows to loaded data.

    Examples
    --------
    >>> idx = LabelIndex()
    >>> idx.add("Welfare Tech", URIRef("http://ex/wt"), ECO.Cluster)
    >>> idx.find("welfare  TECH")
    rdflib.term.URIRef('http://ex/wt')
    >>> idx.find("nothing") is None
    True
    """

    def __init__(self) -> None:
        self._pref: dict[str, URIRef] = {}
        self._alt: dict[str, URIRef] = {}
        self._focus: dict[str, URIRef] = {}
        self._regions: dict[str, URIRef] = {}
        self.types: dict[URIRef, URIRef] = {}

    @classmethod
    def from_dataset(cls, ds: Dataset) -> "LabelIndex":
        """Index every typed entity of ``ds`` by its prefLabel and altLabel."""
        idx = cls()
        entities: dict[URIRef, URIRef] = {}
        for s, o in ds.subject_objects(RDF.type):
            if isinstance(s, URIRef) and o in _ENTITY_CLASSES and s not in entities:
                entities[s] = o
        for s in sorted(entities):
            cls_ = entities[s]
            idx.types[s] = cls_
            for lab in sorted(ds.objects(s, SKOS.prefLabel)):
                idx._register(str(lab), s, cls_, pref=True)
            for lab in sorted(ds.objects(s, SKOS.altLabel)):
                idx._register(str(lab), s, cls_, pref=False)
        return idx

    def _register(self, label: str, iri: URIRef, cls_: URIRef | None, *, pref: bool) -> None:
        k = _key(label)
        if not k:
            return
        (self._pref if pref else self._alt).setdefault(k, iri)
        if cls_ == ECO.FocusArea:
            self._focus.setdefault(k, iri)
        if cls_ == ECO.Region:
            self._regions.setdefault(k, iri)
            if k.startswith("region "):
                self._regions.setdefault(k[len("region "):], iri)

    def add(self, label: str, iri: URIRef, cls_: URIRef | None = None) -> None:
        """Register a new entity's label."""
        if cls_ is not None:
            self.types.setdefault(iri, cls_)
        self._register(label, iri, cls_, pref=True)

    def find(self, label: str) -> URIRef | None:
        """The entity with this prefLabel (first) or altLabel, or ``None``."""
        k = _key(label)
        return self._pref.get(k) or self._alt.get(k)

    def focus(self, label: str) -> URIRef | None:
        """The focus area with this label, or ``None``."""
        return self._focus.get(_key(label))

    def region(self, name: str) -> URIRef | None:
        """The region named ``name`` (``Region Syddanmark`` or ``Syddanmark``), or ``None``.

        Examples
        --------
        >>> str(LabelIndex().region("region østdanmark"))
        'https://w3id.org/ecokg/id/region-oestdanmark'
        >>> str(LabelIndex().region("Sjaelland"))
        'https://w3id.org/ecokg/id/region-sjaelland'
        >>> LabelIndex().region("Jylland") is None
        True
        """
        k = _key(name)
        bare = k[len("region "):] if k.startswith("region ") else k
        hit = self._regions.get(k) or self._regions.get(bare)
        if hit is not None:
            return hit
        for name in _REGION_NAMES:  # also ASCII spellings: "Sjaelland", "Oestdanmark"
            if slug(bare) == slug(name):
                return self._regions.get("region " + name) or entity_iri("Region " + name)
        return None


# ---------------------------------------------------------------- values


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")


def parse_table_date(value, *, end: bool = False) -> _dt.date:
    """A table date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``DD-MM-YYYY`` or a date cell).

    Parameters
    ----------
    value : str, int, datetime.date
        The cell.
    end : bool
        Fill a year or month to its last day (for End columns) instead of its
        first.

    Raises
    ------
    ValueError
        When the value is not such a date.

    Examples
    --------
    >>> parse_table_date("2019")
    datetime.date(2019, 1, 1)
    >>> parse_table_date("2020-02", end=True)
    datetime.date(2020, 2, 29)
    >>> parse_table_date("2019", end=True)
    datetime.date(2019, 12, 31)
    >>> parse_table_date("2019-13-01")
    Traceback (most recent call last):
    ...
    ValueError: '2019-13-01' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = _cell_text(value)
    bad = ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    else:
        m = _DMY.match(text)
        if not m:
            raise bad
        y, mo, d = int(m.group(3)), m.group(2), m.group(1)
    try:
        if mo is None:
            return _dt.date(y, 12, 31) if end else _dt.date(y, 1, 1)
        month = int(mo)
        if d is None:
            if not 1 <= month <= 12:
                raise bad
            return _dt.date(y, month, calendar.monthrange(y, month)[1] if end else 1)
        return _dt.date(y, month, int(d))
    except ValueError:
        raise bad from None


_SCALE = {"mio": Decimal(1_000_000), "mia": Decimal(1_000_000_000), "t": Decimal(1000)}
_AMOUNT = re.compile(
    r"^(?P<sign>[-−])?\s*(?P<num>\d[\d.,' \u00a0]*)\s*(?P<scale>mio|mia|t)?\.?\s*(?:dkk|kr|kroner)?\.?$",
    re.IGNORECASE,
)


def parse_table_amount(value) -> Decimal:
    """An amount in DKK from a cell: ``1500000``, ``1.500.000``, ``1500000,50``, ``1,5 mio.``.

    Raises
    ------
    ValueError
        When the value is not a number.

    Examples
    --------
    >>> parse_table_amount("1.500.000")
    Decimal('1500000')
    >>> parse_table_amount("1500000,50")
    Decimal('1500000.50')
    >>> parse_table_amount("1,5 mio. kr.")
    Decimal('1500000.0')
    >>> parse_table_amount(2.5)
    Decimal('2.5')
    >>> parse_table_amount("-100")
    Decimal('-100')
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = _cell_text(value)
    m = _AMOUNT.match(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not an amount in DKK")
    num = re.sub(r"[ '\u00a0]", "", m.group("num"))
    if "," in num and "." in num:
        dec = "," if num.rfind(",") > num.rfind(".") else "."
        thousands = "." if dec == "," else ","
        num = num.replace(thousands, "").replace(dec, ".")
    elif "," in num:
        if re.fullmatch(r"\d{1,3}(,\d{3}){2,}", num):
            num = num.replace(",", "")
        else:
            if num.count(",") > 1:
                raise ValueError(f"{text!r} is not an amount in DKK")
            num = num.replace(",", ".")
    elif "." in num:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", num):
            num = num.replace(".", "")
        elif num.count(".") > 1:
            raise ValueError(f"{text!r} is not an amount in DKK")
    try:
        amount = Decimal(num)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount in DKK") from None
    if m.group("scale"):
        amount *= _SCALE[m.group("scale").lower()]
    if m.group("sign"):
        amount = -amount
    return amount


# ---------------------------------------------------------------- reading


@dataclass
class _Sheet:
    """Rows of one sheet or CSV file: header (lower-cased) and (row number, cells)."""

    where: str  # file name as shown in problems, with [Sheet] for workbooks
    path: Path
    display: str
    sheet: str | None
    header: list[str]
    rows: list[tuple[int, list]]
    names: list[str] | None = None  # the header cells as written

    def graph_iri(self, row: int) -> URIRef:
        base = self.__dict__.get("_base")
        if base is None:
            base = self.__dict__["_base"] = self.path.resolve().as_uri()
        if self.sheet:
            return URIRef(f"{base}#sheet={self.sheet}&row={row}")
        return URIRef(f"{base}#row={row}")


def _read_csv(path: Path, display: str) -> _Sheet:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(Problem(display, None, f"cannot read file: {err.strerror or err}")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError(Problem(display, line, "not UTF-8 text (save the CSV as UTF-8)")) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if first.count("\t") > max(first.count(";"), first.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list]] = []
    header: list[str] = []
    try:
        for record in reader:
            if not header:
                header = [_key(h) for h in record]
                names = [" ".join(h.split()) for h in record]
                continue
            rows.append((len(rows) + 2, record))  # header = row 1
    except csv.Error as err:
        raise InputError(Problem(display, reader.line_num, f"bad CSV: {err}")) from None
    return _Sheet(display, path, display, None, header, rows, names if header else None)


def _read_workbook(path: Path, display: str) -> tuple[_Sheet | None, _Sheet | None]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(Problem(display, None, f"cannot read workbook: {err}")) from None
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds on corrupt files
        raise InputError(Problem(display, None, f"cannot read workbook: {err}")) from None
    try:
        sheet_names = {n.casefold(): n for n in wb.sheetnames}
        out: list[_Sheet | None] = []
        for wanted in ("Elements", "Connections"):
            real = sheet_names.get(wanted.casefold())
            if real is None:
                out.append(None)
                continue
            ws = wb[real]
            header: list[str] = []
            rows: list[tuple[int, list]] = []
            for i, values in enumerate(ws.iter_rows(values_only=True), 1):
                if i == 1:
                    header = [_key(_cell_text(h)) for h in values]
                    names = [" ".join(_cell_text(h).split()) for h in values]
                    continue
                rows.append((i, list(values)))
            out.append(_Sheet(f"{display}[{real}]", path, display, real, header, rows, names if header else None))
    finally:
        wb.close()
    return out[0], out[1]


# ---------------------------------------------------------------- mapping


class _Mapper:
    def __init__(self, ds: Dataset, index: LabelIndex, registry: dict | None):
        self.ds = ds
        self.index = index
        self.registry = registry if registry is not None else {}
        self.problems: list[Problem] = []
        self.quads: list[tuple] = []
        self.elements: dict[str, URIRef] = {}  # label key -> IRI, this table
        self.new_entities: set[URIRef] = set()
        self.rejected: set[str] = set()  # label keys of element rows with a problem

    def problem(self, sheet: _Sheet, row: int | None, message: str, focus: str | None = None) -> None:
        self.problems.append(Problem(sheet.where, row, message, focus=focus))

    # ---- structure
    def _columns(self, sheet: _Sheet, required: tuple[str, ...]) -> dict[str, int] | None:
        cols: dict[str, int] = {}
        for i, h in enumerate(sheet.header):
            if h and h not in cols:
                cols[h] = i
        missing = [c for c in required if c not in cols]
        for c in missing:
            self.problem(sheet, 1, f"missing required column {c.capitalize()!r}")
        return None if missing else cols

    @staticmethod
    def _cells(cols: dict[str, int], sheet: _Sheet, record: list) -> dict[str, object]:
        out = {}
        for name, i in cols.items():
            out[name] = record[i] if i < len(record) else None
        return out

    @staticmethod
    def _original_names(sheet: _Sheet, record: list) -> list[tuple[str, str]]:
        names = sheet.names or sheet.header
        return [(n, _cell_text(v)) for h, n, v in zip(sheet.header, names, record) if h and _cell_text(v)]

    def _document(self, sheet: _Sheet) -> URIRef:
        doc = URIRef(sheet.path.resolve().as_uri())
        g = doc
        self.quads.append((doc, RDF.type, FOAF.Document, g))
        self.quads.append((doc, DCTERMS.title, Literal(sheet.path.name), g))
        try:
            mtime = _dt.date.fromtimestamp(os.stat(sheet.path).st_mtime)
            self.quads.append((doc, DCTERMS.date, Literal(mtime.isoformat(), datatype=XSD.date), g))
        except OSError:
            pass
        return doc

    def _evidence(self, sheet: _Sheet, row: int, record: list, doc: URIRef) -> URIRef:
        ev = sheet.graph_iri(row)
        sel = BNode()
        quote = ", ".join(f"{h}={v}" for h, v in self._original_names(sheet, record))
        for t in (
            (ev, RDF.type, ECO.Evidence),
            (ev, PROV.wasDerivedFrom, doc),
            (ev, OA.hasSelector, sel),
            (sel, RDF.type, OA.TextQuoteSelector),
            (sel, OA.exact, Literal(quote)),
        ):
            self.quads.append((*t, doc))
        from graph.load import SourceFile

        self.registry[ev] = SourceFile(sheet.path, sheet.display, sheet.sheet, row)
        return ev

    def _date(self, sheet, row, cells, col, *, end=False) -> _dt.date | None:
        v = cells.get(col)
        if _cell_text(v) == "":
            return None
        try:
            return parse_table_date(v, end=end)
        except ValueError as err:
            self.problem(sheet, row, f"bad {col.capitalize()} date: {err}")
            return None

    def _amount(self, sheet, row, cells, col) -> Decimal | None:
        v = cells.get(col)
        if _cell_text(v) == "":
            return None
        try:
            amount = parse_table_amount(v)
        except ValueError as err:
            self.problem(sheet, row, f"bad {col.capitalize()}: {err}")
            return None
        if amount < 0:
            self.problem(sheet, row, f"{col.capitalize()} {_cell_text(v)} is negative")
            return None
        return amount

    def _period(self, sheet, row, cells) -> tuple[_dt.date | None, _dt.date | None]:
        start = self._date(sheet, row, cells, "start")
        end = self._date(sheet, row, cells, "end", end=True)
        if start and end and end < start:
            self.problem(sheet, row, f"End {end.isoformat()} is before Start {start.isoformat()}")
        return start, end

    def _focus_area(self, label: str, g: URIRef) -> URIRef:
        iri = self.index.focus(label)
        if iri is None:
            iri = entity_iri(label, "focus")
            self.index.add(label, iri, ECO.FocusArea)
            self.new_entities.add(iri)
            self.quads.append((iri, RDF.type, ECO.FocusArea, g))
            self.quads.append((iri, SKOS.prefLabel, Literal(label, lang="da"), g))
            self.quads.append((iri, SKOS.inScheme, FOCUS_SCHEME, g))
        return iri

    # ---- sheets
    def elements_sheet(self, sheet: _Sheet) -> None:
        cols = self._columns(sheet, ("label", "type"))
        if cols is None:
            return
        doc = self._document(sheet)
        first_row: dict[str, int] = {}
        allowed = ", ".join(_type_names())
        for row, record in sheet.rows:
            if not any(_cell_text(v) for v in record):
                continue
            cells = self._cells(cols, sheet, record)
            label = " ".join(_cell_text(cells.get("label")).split())
            type_text = _cell_text(cells.get("type"))
            if not label:
                self.problem(sheet, row, "empty Label")
                continue
            k = _key(label)
            if k in first_row:
                self.problem(sheet, row, f"duplicate Label {label!r} (first in row {first_row[k]})", label)
                continue
            first_row[k] = row
            cls_ = TYPE_CLASSES.get(_key(type_text))
            if cls_ is None:
                what = f"unknown Type {type_text!r}" if type_text else "empty Type"
                self.problem(sheet, row, f"{what} for {label!r}; allowed: {allowed}", label)
                self.rejected.add(k)  # connections to it are not reported again as dangling
                continue
            g = self._evidence(sheet, row, record, doc)
            iri = self._resolve_element(label, cls_)
            self.elements[k] = iri
            q = self.quads
            if iri in self.new_entities or iri not in self.index.types:
                q.append((iri, RDF.type, cls_, g))
                q.append((iri, SKOS.prefLabel, Literal(label, lang="da"), g))
                if cls_ == ECO.FocusArea:
                    q.append((iri, SKOS.inScheme, FOCUS_SCHEME, g))
                self.index.add(label, iri, cls_)
                self.new_entities.add(iri)
            else:
                # a row naming a known entity (a reference region, a curated
                # cluster) re-asserts its type in the row's graph: the table
                # mentions it, so views and maps treat it as data
                q.append((iri, RDF.type, self.index.types[iri], g))
            desc = _cell_text(cells.get("description"))
            if desc:
                q.append((iri, DCTERMS.description, Literal(desc, lang="da"), g))
            for tag in _cell_text(cells.get("tags")).split("|"):
                tag = " ".join(tag.split())
                if tag:
                    q.append((iri, DCTERMS.subject, self._focus_area(tag, g), g))
            region_text = _cell_text(cells.get("region"))
            if region_text:
                for part in re.split(r"\s*\|\s*", region_text):
                    region = self.index.region(part)
                    if region is None:
                        self.problem(
                            sheet,
                            row,
                            f"unknown Region {part!r}; allowed: " + ", ".join(
                                "Region " + n.capitalize() for n in _REGION_NAMES),
                            label,
                        )
                    else:
                        q.append((iri, SCHEMA.location, region, g))
            start, end = self._period(sheet, row, cells)
            if start:
                q.append((iri, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.date), g))
            if end:
                q.append((iri, SCHEMA.endDate, Literal(end.isoformat(), datatype=XSD.date), g))
            budget = self._amount(sheet, row, cells, "budget")
            if budget is not None:
                q.append((iri, ECO.budget, Literal(str(budget), datatype=XSD.decimal), g))
            site = _cell_text(cells.get("website"))
            if site:
                url = _url(site)
                if url is None:
                    self.problem(sheet, row, f"Website {site!r} is not a web address", label)
                else:
                    q.append((iri, SCHEMA.url, url, g))
            for col, i in cols.items():
                if col in ELEMENT_COLUMNS or not slug(col):
                    continue
                text = _cell_text(record[i] if i < len(record) else None)
                if text:
                    q.append((iri, ATTR[slug(col)], Literal(text), g))

    def _resolve_element(self, label: str, cls_: URIRef) -> URIRef:
        if cls_ == ECO.FocusArea:
            hit = self.index.focus(label) or self.index.find(label)
            return hit if hit is not None else entity_iri(label, "focus")
        if cls_ == ECO.Region:
            hit = self.index.find(label) or self.index.region(label)
            if hit is not None:
                return hit
        hit = self.index.find(label)
        return hit if hit is not None else entity_iri(label)

    def _endpoint(self, sheet, row, cells, col) -> URIRef | None:
        text = " ".join(_cell_text(cells.get(col)).split())
        if not text:
            self.problem(sheet, row, f"empty {col.capitalize()}")
            return None
        hit = self.elements.get(_key(text)) or self.index.find(text)
        if hit is None and _key(text) in self.rejected:
            return None  # its element row is already reported
        if hit is None:
            self.problem(sheet, row, f"dangling connection: {col.capitalize()} {text!r} is not an element label", text)
        return hit

    def connections_sheet(self, sheet: _Sheet) -> None:
        cols = self._columns(sheet, ("from", "to", "type"))
        if cols is None:
            return
        doc = self._document(sheet)
        allowed = ", ".join(
            f"{en} / {da}" for en, da, _p in vocab._CONNECTIONS  # noqa: SLF001 - the contract's spelling
        )
        for row, record in sheet.rows:
            if not any(_cell_text(v) for v in record):
                continue
            cells = self._cells(cols, sheet, record)
            a = self._endpoint(sheet, row, cells, "from")
            b = self._endpoint(sheet, row, cells, "to")
            type_text = " ".join(_cell_text(cells.get("type")).split())
            pred = CONNECTION_PREDICATES.get(_key(type_text))
            if pred is None:
                what = f"unknown connection Type {type_text!r}" if type_text else "empty connection Type"
                self.problem(sheet, row, f"{what}; allowed: {allowed}")
            start, end = self._period(sheet, row, cells)
            amount = self._amount(sheet, row, cells, "amount")
            if a is None or b is None or pred is None:
                continue
            g = self._evidence(sheet, row, record, doc)
            q = self.quads
            q.append((a, pred, b, g))
            desc = _cell_text(cells.get("description"))
            extra = [
                (ATTR[slug(col)], _cell_text(record[i] if i < len(record) else None))
                for col, i in cols.items()
                if col not in CONNECTION_COLUMNS and slug(col)
            ]
            extra = [(p_, v) for p_, v in extra if v]
            qualified = start or end or amount is not None or desc or extra
            if pred == ECO.mergedInto:
                ev = BNode()
                q.append((ev, RDF.type, ORG.ChangeEvent, g))
                q.append((ev, ORG.originalOrganization, a, g))
                q.append((ev, ORG.resultingOrganization, b, g))
                _dates(q, ev, start, end, g)
                if desc:
                    q.append((ev, DCTERMS.description, Literal(desc, lang="da"), g))
                for p_, v in extra:
                    q.append((ev, p_, Literal(v), g))
                continue
            if not qualified:
                continue
            node = BNode()
            if pred == ORG.memberOf:
                q.append((node, RDF.type, ORG.Membership, g))
                q.append((node, ORG.member, a, g))
                q.append((node, ORG.organization, b, g))
                if start or end:
                    interval = BNode()
                    q.append((node, ORG.memberDuring, interval, g))
                    q.append((interval, RDF.type, TIME.Interval, g))
                    for when, prop in ((start, TIME.hasBeginning), (end, TIME.hasEnd)):
                        if when:
                            inst = BNode()
                            q.append((interval, prop, inst, g))
                            q.append((inst, RDF.type, TIME.Instant, g))
                            q.append((inst, TIME.inXSDDate, Literal(when.isoformat(), datatype=XSD.date), g))
            elif pred == SCHEMA.funder and amount is not None:
                q.append((node, RDF.type, SCHEMA.MonetaryGrant, g))
                q.append((node, RDF.type, FRAPO.Grant, g))
                q.append((node, SCHEMA.fundedItem, a, g))
                q.append((node, SCHEMA.funder, b, g))
                _dates(q, node, start, end, g)
            else:
                q.append((node, RDF.type, RDF.Statement, g))
                q.append((node, RDF.subject, a, g))
                q.append((node, RDF.predicate, pred, g))
                q.append((node, RDF.object, b, g))
                _dates(q, node, start, end, g)
            if amount is not None:
                q.append((node, SCHEMA.amount, Literal(str(amount), datatype=XSD.decimal), g))
                q.append((node, SCHEMA.currency, Literal("DKK"), g))
            if desc:
                q.append((node, DCTERMS.description, Literal(desc, lang="da"), g))
            for p_, v in extra:
                q.append((node, p_, Literal(v), g))

    def commit(self) -> None:
        if self.problems:
            raise InputError(self.problems)
        graphs: dict = {}

        def ctx(name):
            c = graphs.get(name)
            if c is None:
                c = graphs[name] = self.ds.graph(name)
            return c

        self.ds.store.addN((s, p, o, ctx(g)) for s, p, o, g in self.quads)


def _dates(q, node, start, end, g) -> None:
    if start:
        q.append((node, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.date), g))
    if end:
        q.append((node, SCHEMA.endDate, Literal(end.isoformat(), datatype=XSD.date), g))


def _url(text: str) -> URIRef | None:
    t = text.strip()
    if re.match(r"^https?://[^\s<>\"{}|\\^`]+$", t, re.IGNORECASE):
        return URIRef(t)
    if re.match(r"^(www\.)?[\w\-]+(\.[\w\-]+)+(/[^\s<>\"{}|\\^`]*)?$", t):
        return URIRef("https://" + t)
    return None


def _type_names() -> list[str]:
    """``English / Danish`` for each contract element type."""
    return [
        en if da == en else f"{en} / {da}"
        for en, da, _cls in vocab._TYPES  # noqa: SLF001 - the contract's own spelling
    ]


def load_workbook(
    ds: Dataset,
    path: str | os.PathLike,
    *,
    display: str | None = None,
    index: LabelIndex | None = None,
    registry: dict | None = None,
) -> None:
    """Map a Kumu workbook (sheets ``Elements`` and ``Connections``) into ``ds``.

    Parameters
    ----------
    ds : rdflib.Dataset
        Receives the rows' triples (nothing is added when there is a problem).
    path : path-like
        The ``.xlsx`` file.
    display : str, optional
        How to name the file in problems.
    index : LabelIndex, optional
        Labels of data loaded so far (default: built from ``ds``); updated.
    registry : dict, optional
        Named graph -> :class:`graph.load.SourceFile`; updated.

    Raises
    ------
    InputError
        One problem per bad cell or row, naming ``book.xlsx[Sheet]`` and row.
    """
    path = Path(path)
    display = str(path) if display is None else display
    elements, connections = _read_workbook(path, display)
    if elements is None:
        raise InputError(Problem(display, None, "workbook has no sheet named 'Elements'"))
    mapper = _Mapper(ds, index if index is not None else LabelIndex.from_dataset(ds), registry)
    mapper.elements_sheet(elements)
    if connections is not None:
        mapper.connections_sheet(connections)
    mapper.commit()


def load_csv_pair(
    ds: Dataset,
    elements: tuple[str | os.PathLike, str] | str | os.PathLike,
    connections: tuple[str | os.PathLike, str] | str | os.PathLike | None = None,
    *,
    index: LabelIndex | None = None,
    registry: dict | None = None,
) -> None:
    """Map an elements CSV (and optionally its connections CSV) into ``ds``.

    Parameters
    ----------
    ds : rdflib.Dataset
    elements, connections : path or (path, display)
        The two files; ``display`` is how a file is named in problems.
    index, registry
        As for :func:`load_workbook`.

    Raises
    ------
    InputError
        One problem per bad cell or row, naming the CSV file and row (header = 1).
    """

    def split(item):
        if isinstance(item, tuple):
            return Path(item[0]), item[1]
        return Path(item), os.fspath(item)

    mapper = _Mapper(ds, index if index is not None else LabelIndex.from_dataset(ds), registry)
    problems: list[Problem] = []
    sheets = []
    for item in (elements, connections):
        if item is None:
            sheets.append(None)
            continue
        p, d = split(item)
        try:
            sheets.append(_read_csv(p, d))
        except InputError as err:
            problems.extend(err.problems)
            sheets.append(None)
    if problems:
        raise InputError(problems)
    mapper.elements_sheet(sheets[0])
    if sheets[1] is not None:
        mapper.connections_sheet(sheets[1])
    mapper.commit()
