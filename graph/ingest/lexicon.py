"""Danish words and patterns the ingest rules read: name suffixes and trigger
nouns that give a type, titles, speech verbs, connectors and stop words,
party letters, place and region adjectives, and spaCy's blank Danish
tokenizer (no model is downloaded).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__: list[str] = []  # private to graph.ingest


_STREET = re.compile(r"(vej|gade|plads|allé|alle|torv|boulevard|stræde|vænge|park alle|havn|havnen)$", re.I)

_SUFFIX_TYPES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(a/s|aps|i/s|p/s|k/s|a\.m\.b\.a\.?|holding|inc\.?|ltd\.?|gmbh|ab|oy|as)$"), "Company"),
    (re.compile(r"^university college$"), "University College"),
    (re.compile(r"(professionshøjskole|erhvervsakademi)$"), "University College"),
    (re.compile(r"^(universitet|universitetet|university)$"), "University"),
    (re.compile(r"(universitetshospital|hospital|hospitalet|sygehus|sygehuset|hospice|klinik)$"), "Hospital"),
    (re.compile(r"^kommune$"), "Municipality"),
    (re.compile(r"(ministeriet|ministerium|styrelsen|styrelse|direktoratet|agentur|agency|ministry)$"), "Public Authority"),
    (re.compile(r"^(institut|instituttet|institute)$"), "Research Institute"),
    (re.compile(r"(fond|fonden|foundation|invest|capital|ventures)$"), "Investor"),
    (re.compile(r"(klynge|klyngen|cluster)$"), "Cluster"),
    (re.compile(r"(innovationsnetværk|network|netværk)$"), "Innovation Network"),
    (re.compile(r"(forening|foreningen|association|consortium|konsortium|selskab|industrien|forbundet)$"), "Association"),
    (re.compile(r"(udvalg|udvalget|sekretariat|sekretariatet|afdeling|afdelingen|enhed|enheden|forvaltning|forvaltningen|klinikken)$"), "Organizational Unit"),
    (re.compile(r"(parken|park|huset|campus|hus)$"), "Facility"),
    (re.compile(r"(center|centeret|centret|centre)$"), "Organizational Unit"),
    (re.compile(r"^(alliance|alliancen)$"), "Partnership"),
    (re.compile(r"(projekt|projektet|programmet|program|programme|partnerskab|partnerskabet|initiativ|initiative|project|partnership|samarbejde|samarbejdet|pulje|puljen|accelerator)$"), "Initiative"),
]
# nouns that type a name only where a naming verb gives it ("Forsøget har fået navnet X"):
# elsewhere "Forsøget blev finansieret af …" is about a thing the text does not name
_NAMED_ONLY = re.compile(r"^(\w+)?forsøg(et)?$|^(\w+)?studie(t)?$")
_FIRST_TYPES: dict[str, str] = {
    "institut": "Organizational Unit",  # "Institut for Klinisk Medicin": a department
    "klinik": "Organizational Unit",
    "sektion": "Organizational Unit",
    "enhed": "Organizational Unit",
    "region": "Region",
    "center": "Organizational Unit",
    "centre": "Organizational Unit",
    "centret": "Organizational Unit",
    "centeret": "Organizational Unit",
    "udvalg": "Organizational Unit",
    "afdeling": "Organizational Unit",
    "sygehus": "Hospital",
    "hospital": "Hospital",
    "regionshospital": "Hospital",
    "regionshospitalet": "Hospital",  # "Regionshospitalet Randers"
    "plejecenter": "Facility",  # "Plejecenter Bøgely"
    "plejecentret": "Facility",
    "plejehjemmet": "Facility",
    "sundhedshuset": "Facility",
    "fonden": "Investor",
    "foreningen": "Association",
}
# Trigger nouns (lower case): a type for the name(s) that follow.
_TRIGGERS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^(erhvervs)?klynge(n|rne|organisationen|organisation)$"), "Cluster"),
    (re.compile(r"^(innovations)?netværk(et|ene)?$"), "Innovation Network"),
    (re.compile(r"^(innovationsnetværk)$"), "Innovation Network"),
    (re.compile(r"^gts-institut(tet|terne|ter)?$"), "Research Institute"),
    (re.compile(r"^(forsknings)?institut(tet|terne)$"), "Research Institute"),
    (re.compile(r"^universitet(et|erne)?$|^universiteter$"), "University"),
    (re.compile(r"^professionshøjskole(n|rne)$"), "University College"),
    (re.compile(r"^(\w+)?forening(en|erne)?$|^interesseorganisation(en)?$|^(branche)?organisation(en)?$|^tænketank(en)?$"), "Association"),
    (re.compile(r"^(rapport(en)?|bog(en)?|konference(n)?|kampagne(n)?|pris(en)?|app(en)?|artikel(en)?|kronik(ken)?|film(en)?|udstilling(en)?|festival(en)?|messe(n)?|event(et)?|arrangement(et)?|webinar(et)?|podcast(en)?|undersøgelse(n)?|strategi(en)?|loven?|aftale(n)?)$"), "none"),
    (re.compile(r"^(\w+)?konsorti(et|um)$"), "Association"),
    (re.compile(r"^(\w+)?virksomhed(en|erne)?$|^firma(et)?$|^selskab(et)?$|^start-?up('en|pen)?$|^virksomheder$"), "Company"),
    (re.compile(r"^alliance(n|r|rne)?$"), "Partnership"),
    # also with a hyphenated prefix: "Interreg-projektet", "EU-programmet", "OPI-samarbejdet"
    (re.compile(r"^(\w+-)?(\w+)?samarbejde(t)?$"), "Initiative"),
    (re.compile(r"^(\w+-)?(?:(\w+)?partnerskab(et)?|(\w+)?projekt(et)?|(\w+)?program(met)?|(\w+)?initiativ(et)?)$|^satsning(en)?$|^indsats(en)?$"), "Initiative"),
    # a grant round, a counselling service: "uddelingsrunden X", "chatrådgivningen X"
    (re.compile(r"^(uddelings|ansøgnings|bevillings)runde(n)?$|^(\w+)?rådgivning(en)?$"), "Initiative"),
    # an offer, a course, an accelerator: "tilbuddet X", "X, et tilbud hvor …", "acceleratoren X"
    (re.compile(r"^(\w+)?tilbud(det)?$|^(\w+)?forløb(et)?$|^(\w+)?accelerator(en)?$"), "Initiative"),
    (re.compile(r"^kommune(n|rne)?$"), "Municipality"),
    (re.compile(r"^hospital(et|erne)?$|^sygehus(et)?$"), "Hospital"),
    (re.compile(r"^ministerie(t)?$|^styrelse(n)?$|^myndighed(en)?$"), "Public Authority"),
    (re.compile(r"^fond(en)?$|^investor(en)?$"), "Investor"),
    (re.compile(r"^(pleje|aktivitets|sundheds|rehabiliterings|bo)cent(er|ret|eret)$|^plejehjem(met)?$|^bosted(et)?$|^sundhedshus(et)?$|^forskerpark(en)?$|^hospice(t)?$"), "Facility"),
    (re.compile(r"^(\w+)?cent(er|ret|eret)$"), "Organizational Unit"),
    (re.compile(r"^(\w+)?lab(bet)?$|^(\w+)?laboratori(um|et)$|^(\w+)?hal(len)?$"), "Facility"),  # "testlabbet", "laboratoriet", "testhallen"
]
# Words making an unknown multi-word name look like a company.
_ORGISH = frozenset(
    "cluster excellence innovation science denmark danmark network center centre institute consortium "
    "foundation university college partners hub alliance council board agency initiative".split()
)
_COMPANYISH = frozenset(
    "healthcare health tech technology technologies medical medtech pharma solutions systems group care "
    "lab labs consulting bio biotech robotics software digital diagnostics therapeutics devices "
    "analytics ai data apps app nordic scandinavia".split()
)
_TITLE_RE = re.compile(
    r"^(adm\.?|administrerende|ceo|cto|cfo|coo|cmo|cso|founder|co-founder|"
    r"\w*direktør|\w*chef|\w*formand|næstformand|\w*konsulent|\w*leder|\w*minister|professor|lektor|"
    r"adjunkt|rektor|prorektor|dekan|\w*stifter|ejer|\w*borgmester|\w*rådmand|\w*specialist|\w*forsker|"
    r"\w*læge|sygeplejerske|\w*koordinator|manager|officer|partner|\w*rådgiver|\w*sekretær|"
    r"president|chairman|director|head|ph\.?d\.?|postdoc|\w*ingeniør|\w*økonom|\w*fuldmægtig|"
    r"\w*ansvarlig|\w*medlem|talsperson|pressechef|kommunikationschef|\w*medarbejder|\w*udvikler)$",
    re.IGNORECASE,
)
_HEAD_TITLES = re.compile(
    r"^(adm\.? direktør|administrerende direktør|direktør|formand|ceo|rektor|borgmester|"
    r"regionsrådsformand|leder|chef|centerchef|klyngechef|klyngeleder|direktøren|kommunaldirektør|"
    r"generalsekretær|sekretariatsleder|managing director|president|chairman)$",
    re.IGNORECASE,
)
# "klyngedirektør", "centerleder", "hospitalsdirektør": the head of that kind of organisation
_KIND_HEAD = re.compile(
    r"^(?:klynge|center|centre|netværks|hospitals|sygehus|fonds|instituts|sekretariats|klinik|koncern|forenings|enheds|afdelings|regions)"
    r"(?:direktør|chef|leder|formand)$",
    re.IGNORECASE,
)
_FOUNDER_TITLES = re.compile(r"\b(med)?stifter\b|\bfounder\b|\bco-founder\b", re.IGNORECASE)
_SPEECH = re.compile(
    r"\b(siger|sagde|fortæller|fortalte|udtaler|udtalte|forklarer|forklarede|mener|understreger|"
    r"tilføjer|påpeger|vurderer|konstaterer|uddyber|lyder det fra)\s*$",
    re.IGNORECASE,
)
_COMPATIBLE = {
    "Cluster": {"Cluster", "Innovation Network", "Association"},
    "Innovation Network": {"Innovation Network", "Cluster"},
    "Association": {"Association", "Cluster", "Innovation Network"},
    "Initiative": {"Initiative", "Partnership"},
    "Partnership": {"Partnership", "Initiative"},
}
_CONNECTORS = frozenset({"for", "og", "&", "of", "and", "de", "la", "von", "van", "der", "til", "i", "om"})
_NAME_PARTICLES = frozenset({"de", "la", "von", "van", "der"})
_EXTRA_STOP = frozenset(
    "om nu hermed samtidig også endelig alene centralt flere fra kontaktinformation kontaktperson kontakt "
    "yderligere partnerne aktiviteterne bevillingen ligesom som så men derfor desuden herudover "
    "ifølge blandt hos via efter før mellem uden derudover endvidere ligeledes imens mens når hvis selvom "
    "både ifm iflg pga ved på "
    "tlf tlf. telefon mail e-mail mobil www læs se foto".split()
)
# words between two names that end a list ("A og B i samarbejde med C")
_LIST_BREAKERS = frozenset(
    "i med fra til af på hos ved som der hvis hvor mens skal vil er har blev bliver var står samarbejde støtte bevilling".split()
)
# "der er formand for X", "som er ny direktør i X": a title in a relative clause
_REL_TITLE = re.compile(r"^(?:der|som)\s+(?:(?:i dag|til daglig|nu|fortsat|også|desuden)\s+)?(?:er|var|bliver|har været)\s+(?:(?:ny|nyudnævnt|tidligere|konstitueret|netop)\s+)?", re.I)
# a department's name in a post: "Lungesygdomme", "Klinisk Biokemisk Afdeling", "Center for Telemedicin"
_UNIT_NAME = re.compile(r"[A-ZÆØÅ][\w-]+(?:\s+(?:[A-ZÆØÅ][\w-]+|[a-zæøå][\w-]+(?:afdeling|enhed|center|sekretariat)|for|og|i))*")
_FIRST_ITEM_BREAKERS = frozenset(
    "siger sagde fortæller udtaler forklarer mener understreger tilføjer påpeger er har var blev skal vil kan fra hos ved".split()
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦\-–*]|\d+[.)])\s+")
_MONTH_WORDS = frozenset(
    "januar februar marts april maj juni juli august september oktober november december".split()
)
@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("da")
    nlp.max_length = 10**8  # only the tokenizer runs: no parser memory to protect
    return nlp


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.da.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _EXTRA_STOP


#: Danish party letters (as written after a politician's name) -> party
_PARTIES = {
    "A": "Socialdemokratiet",
    "S": "Socialdemokratiet",  # the party's own letter, used besides its ballot letter A
    "B": "Radikale Venstre",
    "C": "Det Konservative Folkeparti",
    "D": "Nye Borgerlige",
    "F": "SF – Socialistisk Folkeparti",
    "I": "Liberal Alliance",
    "K": "Kristendemokraterne",
    "M": "Moderaterne",
    "O": "Dansk Folkeparti",
    "V": "Venstre",
    "Æ": "Danmarksdemokraterne",
    "Ø": "Enhedslisten",
    "Å": "Alternativet",
}

#: adjectives of place before a name: "Københavnske GlucoLog ApS" is located in København
_PLACE_ADJECTIVES = {
    "københavnske": "København",
    "aarhusianske": "Aarhus",
    "århusianske": "Aarhus",
    "odenseanske": "Odense",
    "aalborgensiske": "Aalborg",
    "esbjergensiske": "Esbjerg",
    "nordjyske": "Region Nordjylland",
    "midtjyske": "Region Midtjylland",
    "syddanske": "Region Syddanmark",
    "sjællandske": "Region Sjælland",
}

#: e-mail domains of the regions and universities, whose staff write from the
#: body's central domain whatever unit they work in (subdomains included: ``ph.au.dk``)
_MAIL_DOMAINS = {
    "rsyd.dk": "Region Syddanmark",
    "rm.dk": "Region Midtjylland",
    "rn.dk": "Region Nordjylland",
    "regionh.dk": "Region Hovedstaden",
    "regionsjaelland.dk": "Region Sjælland",
    "sdu.dk": "Syddansk Universitet",
    "au.dk": "Aarhus Universitet",
    "aau.dk": "Aalborg Universitet",
    "ku.dk": "Københavns Universitet",
    "dtu.dk": "Danmarks Tekniske Universitet",
    "ruc.dk": "Roskilde Universitet",
    "itu.dk": "IT-Universitetet i København",
    "cbs.dk": "Copenhagen Business School",
}

_REGION_ADJECTIVES = {
    "nordjyske": "Region Nordjylland",
    "midtjyske": "Region Midtjylland",
    "syddanske": "Region Syddanmark",
    "sjællandske": "Region Sjælland",
}
_REGION_MUNICIPALITIES = re.compile(
    r"\b(?:de|alle|samtlige)\s+(?:\d+\s+)?(?P<adj>nordjyske|midtjyske|syddanske|sjællandske)\s+kommuner\b"
    r"|\b(?:alle\s+|samtlige\s+|de\s+\d+\s+)?kommuner(?:ne)?\s+i\s+(?P<region>Region\s+[A-ZÆØÅ]\w+)",
    re.IGNORECASE,
)
