"""Named plans and policies with their period: "Ældrepolitik 2023-2027",
"Sundhedsplan 2030", "Handleplan 2024-2026" are initiatives, named with the
years (a single capitalised word ending in -politik, -plan or -handleplan,
followed by a year or a range of years).
"""

from __future__ import annotations

import re

from graph.ingest.mentions import _Ctx, _Mention

__all__: list[str] = []  # private to graph.ingest

POLICY_NAME = re.compile(
    r"(?<![\w-])[A-ZÆØÅ][a-zæøå]+(?:politik|plan)\s+(?P<y1>(?:19|20)\d{2})(?:\s*[-–]\s*(?P<y2>(?:19|20)\d{2}))?(?![\w-])"
)


def policy_names(ctx: _Ctx) -> None:
    """Add a mention (type Initiative) for each named plan or policy,
    replacing the mentions inside it."""
    for m in POLICY_NAME.finditer(ctx.text):
        if m.group("y2") and int(m.group("y2")) < int(m.group("y1")):
            continue
        s, e = m.start(), m.end()
        ctx.mentions = [x for x in ctx.mentions if not (x.start < e and s < x.end)]
        ctx.mentions.append(_Mention(s, e, m.group(0), "Initiative", "suffix"))
    ctx.mentions.sort(key=lambda x: (x.start, x.label))
