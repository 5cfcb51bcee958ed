"""Leave personal contact data out of what ecokg shows and exports.

Contact triples are those whose predicate the ontology types
``eco:PersonalDataProperty`` (e-mail, telephone). Their values can also stand
inside evidence quotes ("…, kf@livahealthcare.com, tlf. 26 45 43 78"), so
:func:`without_contacts` also redacts e-mail addresses and phone numbers in
every plain or language-tagged literal.

Examples
--------
>>> redact("Adm. direktør, Kristoffer From, kf@liva.dk, tlf. 26 45 43 78.")
'Adm. direktør, Kristoffer From, [kontakt udeladt], [kontakt udeladt].'
>>> redact("+45 2920 1951")
'[kontakt udeladt]'
>>> redact("budget 28 mio. kr. i 2018-2020")
'budget 28 mio. kr. i 2018-2020'
"""

from __future__ import annotations

import re

from rdflib import Dataset, Literal, URIRef

from graph.vocab import ECO, PREFIXES, RDF, XSD

__all__ = ["REDACTED", "redact", "personal_properties", "without_contacts"]

REDACTED = "[kontakt udeladt]"

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PHONE = r"(?:(?:tlf|telefon|phone|mobil|mob)\.?:?\s*|\+45[\s-]?)(?:\+45[\s-]?)?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}"
_CONTACT = re.compile(f"{_EMAIL}|{_PHONE}", re.IGNORECASE)


def redact(text: str) -> str:
    """Replace e-mail addresses and phone numbers in ``text`` by :data:`REDACTED`."""
    return _CONTACT.sub(REDACTED, text)


def personal_properties(ds: Dataset) -> set[URIRef]:
    """Predicates the ontology marks as personal data."""
    return set(ds.subjects(RDF.type, ECO.PersonalDataProperty))


def _clean(term):
    if isinstance(term, Literal) and (term.language or term.datatype in (None, XSD.string)):
        text = redact(str(term))
        if text != str(term):
            return Literal(text, lang=term.language, datatype=term.datatype)
    return term


def without_contacts(ds: Dataset) -> Dataset:
    """A copy of ``ds`` (named graphs kept) without contact triples and with
    contact data redacted from literals; ``ds`` itself when there is nothing to remove."""
    drop = personal_properties(ds)
    has_contacts = any(True for p in drop for _ in ds.triples((None, p, None)))
    has_text = any(
        True
        for _, _, o in ds.triples((None, None, None))
        if isinstance(o, Literal) and (o.language or o.datatype in (None, XSD.string)) and _CONTACT.search(str(o))
    )
    if not (has_contacts or has_text):
        return ds
    out = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    out.addN((s, p, _clean(o), out.graph(g)) for s, p, o, g in ds.quads() if p not in drop)
    return out
