"""What the page shows of relations and time: typed links, their colours, document days.

:func:`shabaka.render.html.view_data` calls these; the page's ``assets/relations.js``
colours, labels and filters links by their strongest relation type and groups a link's
evidence by relation, and ``assets/timeline.js`` draws the documents per period and
filters the graph to a period.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

#: Link colours by relation type (plain co-mentions stay grey); other types get :data:`OTHER_RELATION_COLOR`.
RELATION_COLORS = {
    "meeting": "#d1495b",
    "call": "#edae49",
    "visit": "#00798c",
    "agreement": "#30638e",
    "support": "#4f9d3a",
    "conflict": "#8b1e3f",
    "criticism": "#c05a2b",
    "praise": "#8fb339",
    "condolence": "#6d6d6d",
    "appointment": "#7b5ea7",
    "sport": "#e07b00",
    "role": "#3d3d8f",
}
OTHER_RELATION_COLOR = "#a0522d"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def edge_relations(
    d: Mapping[str, Any], index: Mapping[Any, int], evidence: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
) -> tuple[str | None, list[dict[str, Any]]]:
    """A link's strongest relation type (None for a plain co-mention) and its relations,
    most sentences first, for the page.

    ``direction`` becomes ``[from, to]`` node indices (or ``"both"``, or None);
    ``evidence`` is the page's evidence of each (``evidence`` turns the graph's dicts into it).
    ``relations`` may be a JSON string, as GEXF and GraphML store it.
    """
    rels = d.get("relations") or {}
    rels = json.loads(rels) if isinstance(rels, str) else rels
    rows = []
    for kind, r in sorted(rels.items(), key=lambda kr: (-kr[1]["count"], kr[0])):
        direction = r.get("direction")
        if isinstance(direction, list):
            direction = [index[direction[0]], index[direction[1]]] if all(x in index for x in direction) else None
        rows.append(
            {
                "type": str(kind),
                "count": int(r["count"]),
                "direction": direction,
                "gloss": str(r.get("gloss", "")),
                "evidence": evidence(list(r.get("evidence", []))),
            }
        )
    return (rows[0]["type"] if rows else None), rows


def relation_types(edge_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The relation types on the page's links, in the palette's order, with their colour
    and the number of links whose strongest type they are."""
    counts = Counter(r["relation"] for r in edge_rows if r.get("relation"))
    order = [t for t in RELATION_COLORS if t in counts] + sorted(set(counts) - set(RELATION_COLORS))
    return [{"type": t, "color": RELATION_COLORS.get(t, OTHER_RELATION_COLOR), "count": counts[t]} for t in order]


def document_day(meta: Mapping[str, Any]) -> str | None:
    """A document's day (``YYYY-MM-DD``) for the timeline, where its ``date`` is one.

    >>> document_day({"date": "2024-03-12"}), document_day({"date": "Tuesday"})
    ('2024-03-12', None)
    """
    value = str(meta.get("date") or "")
    return value if _DAY.fullmatch(value) else None
