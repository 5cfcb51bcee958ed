"""Periods (``fra 2024 til 2027``, ``i perioden 2023-2028``): the dates of
the grants stated in that sentence or referred to (``bevillingen``), else
the start and end dates of the entity the sentence is about.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from graph.danish import find_dates
from graph.ingest.policies import POLICY_NAME
from graph.ingest.statements import _Builder

__all__ = ["rule_periods", "rule_named_periods", "rule_runs_until"]


def rule_named_periods(builder: _Builder) -> None:
    """A plan named with its years ("Ældrepolitik 2023-2027") runs over them."""
    for c in builder.clusters:
        m = POLICY_NAME.fullmatch(c.label) if c.type == "Initiative" else None
        if m is None:
            continue
        first = c.mentions[0]
        sent = next(s for s in builder.ctx.sentences if s.start <= first.start < s.end)
        builder.add(c, "schema:startDate", f"{m.group('y1')}-01-01", sent)  # the first and last day of the years
        builder.add(c, "schema:endDate", f"{m.group('y2') or m.group('y1')}-12-31", sent)


_NUMBERS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10}
_RUNS_UNTIL = re.compile(r"\b(?:løber|varer)\s+(?:frem\s+)?til\s+(?:og\s+med\s+)?(?:den\s+)?(?=\d|udgangen\s+af\s+\d)")


def rule_runs_until(builder: _Builder) -> None:
    """"(Projektperioden) løber til udgangen af 2027", "Forsøget løber til 31.
    december 2027": the end date of the entity the sentence is about."""
    for sent in builder.ctx.sentences:
        m = _RUNS_UNTIL.search(sent.text)
        ds = find_dates(sent.text[m.end() :], years=False) if m else []
        if not ds or ds[0].start != 0 or ds[0].precision != "day":
            continue
        subj = builder.subject_before(sent, sent.start + m.start())
        if subj is None and re.match(r"^\W*[\wæøå]*perioden\s", sent.text, re.I):
            subj = builder.section_entity.get(sent.section) or builder.main  # "Projektperioden": the period of what the section is about
        if subj is not None and subj.type not in ("Person", "Focus Area"):
            builder.add(subj, "schema:endDate", ds[0].value.isoformat(), sent)


def rule_periods(builder: _Builder) -> None:
    for sent in builder.ctx.sentences:
        pm = re.search(r"\b(?:fra|løber fra|gælder fra|i perioden|perioden|i årene|starter(?:\s+den)?|begynder(?:\s+den)?)\s+(?=\d)", sent.text)
        if not pm:
            continue
        ds = find_dates(sent.text[pm.end() :], years=False)
        dur = re.search(r"\bi\s+(to|tre|fire|fem|seks|syv|otte|ni|ti|\d{1,2})\s+år\b", sent.text)
        if len(ds) == 1 and ds[0].start == 0 and ds[0].precision == "day" and dur:
            # "Projektet løber i tre år fra 1. februar 2025": to the day before, three years on
            n = _NUMBERS.get(dur.group(1), None) or int(dur.group(1))
            start = ds[0].value
            end = date(start.year + n, start.month, start.day) - timedelta(days=1)
        elif len(ds) < 2 or ds[0].start != 0:
            # "perioden 2023-2028", "fra 2025 til 2027": years only
            ym = re.match(r"((?:19|20)\d{2})\s*(?:-|–|til)\s*((?:19|20)\d{2})\b", sent.text[pm.end() :])
            if not ym or int(ym.group(1)) > int(ym.group(2)):
                continue
            start, end = date(int(ym.group(1)), 1, 1), date(int(ym.group(2)), 12, 31)
        elif not re.fullmatch(r"\s*(?:til|-|–|og\s+(?:slutter|afsluttes|løber\s+til|varer\s+til)(?:\s+den|\s+med)?)\s*", sent.text[pm.end() + ds[0].end : pm.end() + ds[1].start]):
            # "fra 1. april 2025 til 31. marts 2028": two dates joined by "til" or a dash;
            # "starter 1. maj 2026 og slutter 30. april 2028"
            continue
        else:
            start, end = ds[0].value, ds[1].last_day  # "… og løber til februar 2027": to its last day
        grants = [st for st in builder.out if st.p == "schema:funder"]
        same = [st for st in grants if st.sent == (sent.start, sent.end)]
        for st in same:
            st.start_date, st.end_date = start, end
        runs = re.search(r"\b(?:løber|varer)\s+(?:fra|i)\b", sent.text[: pm.end()])
        if runs and same and all(st.s is same[0].s for st in same) and same[0].s.type in ("Initiative", "Partnership"):
            # "Projektet er støttet af X med N og løber fra A til B": the project's period too
            builder.add(same[0].s, "schema:startDate", start.isoformat(), sent)
            builder.add(same[0].s, "schema:endDate", end.isoformat(), sent)
        elif re.search(r"bevilling|tilskud|støtte|finansiering", sent.text, re.I) and grants:
            undated = [st for st in grants if st.start_date is None]
            if re.search(r"\b(?:Bevillingen|bevillingen|Tilskuddet|tilskuddet|Støtten|støtten)\b", sent.text) and undated:
                undated = undated[:1]  # "Bevillingen": the (first) grant, not every co-financing
            for st in undated:
                st.start_date, st.end_date = start, end
        else:
            subj = builder.subject_before(sent, sent.start + pm.start())
            if subj is not None:
                # "fra 2026 til 2028": from the first day of the first year to the last of the second
                builder.add(subj, "schema:startDate", start.isoformat(), sent)
                builder.add(subj, "schema:endDate", end.isoformat(), sent)
