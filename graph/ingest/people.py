"""Telling people from organisations: names with a first name, a title or a
speech verb (``siger Navn Navnesen, direktør``).
"""

from __future__ import annotations

import re

from graph.danish import find_emails, find_phones
from graph.ingest.clusters import _squash
from graph.ingest.lexicon import _REL_TITLE, _SPEECH, _TITLE_RE
from graph.ingest.mentions import _Ctx

__all__: list[str] = []  # private to graph.ingest


def _title_word(w: str) -> bool:
    """A title, also in its definite form: ``direktør``, ``ingeniøren``, ``professoren``."""
    if _TITLE_RE.match(w):
        return True
    base = re.sub(r"(en|n)$", "", w)
    return base != w and len(base) >= 5 and bool(_TITLE_RE.match(base)) and not base.lower().startswith("partner")


def _title_phrase(s: str) -> bool:
    words = s.strip().split()
    return bool(words) and bool(_TITLE_RE.match(words[0].rstrip(",")))


def _classify_people(ctx: _Ctx) -> None:
    text = ctx.text
    people: set[str] = set()
    typed = {_squash(m.label): m.type for m in ctx.mentions if m.type not in (None, "Person?")}
    for m in ctx.mentions:
        if m.type == "Person?" and _squash(m.label) in typed:
            m.type, m.origin = typed[_squash(m.label)], "suffix"
    for m in ctx.mentions:
        if m.type != "Person?":
            continue
        before = text[max(0, m.start - 40) : m.start]
        after = text[m.end : m.end + 60]
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        prev_line = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : max(0, line_start - 1)].strip()
        sent = next((x for x in ctx.sentences if x.start <= m.start < x.end), None)
        prefix = text[sent.start : m.start] if sent is not None else ""
        first_word = re.match(r"^\W*([\w.-]+)", prefix)
        is_person = (
            bool(_SPEECH.search(before.rstrip(", ")))
            or (len(prefix) < 80 and first_word is not None and bool(_TITLE_RE.match(first_word.group(1))))
            or bool(re.match(r"^\s*,\s*", after) and _title_phrase(after.lstrip(" ,")))
            or bool(re.match(r"^\s*,\s*(?:der|som)\s+(?:er|var|bliver|har været)\s+(?:\w+\s+)?", after) and _title_phrase(_REL_TITLE.sub("", after.lstrip(" ,"))))
            or bool(re.search(r"(?:^|\s)(\w+)\s*,?\s*$", before) and _title_word((re.search(r"(\S+)\s*,?\s*$", before) or [""])[0].strip(" ,")))
            or bool(find_emails(line) or find_phones(line))
            or (line.strip() == text[m.start : m.end] and _TITLE_RE.match(prev_line.split(" ")[-1] if prev_line else ""))
        )
        if is_person:
            people.add(text[m.start : m.end])
    # "af Peter Nørgaard og Sofie Lind": a name coordinated with a person is a person
    changed = True
    while changed:
        changed = False
        for a, b in zip(ctx.mentions, ctx.mentions[1:]):
            gap = text[a.end : b.start]
            if not re.fullmatch(r"\s*(?:,|og|samt|&)\s*", gap):
                continue
            la, lb = text[a.start : a.end], text[b.start : b.end]
            if la in people and b.type == "Person?" and lb not in people:
                people.add(lb)
                changed = True
            elif lb in people and a.type == "Person?" and la not in people:
                people.add(la)
                changed = True
    for m in ctx.mentions:
        if m.type == "Person?":
            if text[m.start : m.end] in people:
                m.type = "Person"
            else:
                m.type, m.origin = None, "guess"
    ctx.mentions = [m for m in ctx.mentions if m.type != "drop"]
