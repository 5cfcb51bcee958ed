"""Names that open with a word written in lower case: a brand such as
"headspace" ("foreningen headspace Danmark", "chatrådgivningen headspace
Online") is recognised when the text always writes it in front of a
capitalised word and a trigger noun introduces it at least once.
"""

from __future__ import annotations

import re

from graph.ingest.lexicon import _EXTRA_STOP, _TRIGGERS, _stop_words
from graph.ingest.mentions import _Ctx, _Mention

__all__: list[str] = []  # private to graph.ingest

_BRAND = re.compile(r"(?<![\w@./-])(?P<brand>[a-zæøå][a-zæøå0-9]{2,})(?P<rest>(?: [A-ZÆØÅ][\wæøå-]*)+)")
_WORD = r"(?<![\w@./-]){}(?![\w@-])"


def _trigger_type(word: str) -> str | None:
    return next((t for pat, t in _TRIGGERS if pat.match(word.lower())), None)


def lowercase_names(ctx: _Ctx) -> None:
    """Add the names that open with a lower-case brand word (see the module
    docstring), replacing the mentions inside them.

    The brand word must occur at least twice, each time followed by a
    capitalised word, and once right after a trigger noun; a stop word or a
    word the text also writes alone ("udvikler Danmarks …" once) is no brand.
    """
    text = ctx.text
    stop = _stop_words() | _EXTRA_STOP
    hits: dict[str, list[re.Match]] = {}
    for m in _BRAND.finditer(text):
        if m.group("brand") not in stop:
            hits.setdefault(m.group("brand"), []).append(m)
    for brand, ms in hits.items():
        if len(ms) < 2 or len(re.findall(_WORD.format(re.escape(brand)), text)) != len(ms):
            continue
        types = []
        for m in ms:
            before = re.search(r"([\wæøå-]+)\s+$", text[max(0, m.start() - 40) : m.start()])
            types.append(_trigger_type(before.group(1)) if before else None)
        if not any(t not in (None, "none") for t in types):
            continue
        for m, typ in zip(ms, types):
            if typ == "none":
                continue
            s, end = m.start(), m.end()
            ctx.mentions = [x for x in ctx.mentions if not (x.start < end and s < x.end)]
            ctx.mentions.append(_Mention(s, end, text[s:end], typ, "suffix"))
    ctx.mentions.sort(key=lambda x: (x.start, x.label))
