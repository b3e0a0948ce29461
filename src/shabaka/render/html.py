"""The HTML view: one self-contained page drawn with vis-network (the library pyvis wraps).

The page inlines everything it needs: vis-network's standalone build, read from the
installed pyvis package (``pyvis/lib/vis-*/vis-network.min.js``, Apache-2.0 or MIT), the
view's own script and style (``render/assets``) and the graph as JSON. It requests
nothing from the network, so it works offline, from a notebook's ``srcdoc`` iframe and
from an e-mail attachment alike. (pyvis's own ``cdn_resources="in_line"`` pages still
load Bootstrap from a CDN, pyvis#228, so its page template is not used.)

Safety: document text reaches the page only as JSON data inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, and the page script puts it into the DOM with ``textContent`` only. Bidi
controls and zero-width characters are stripped from every displayed string
(:func:`shabaka.text.strip_invisible`) and each string is shown bidi-isolated.

Search: each node carries its search keys, made here with :func:`search_keys` from
:func:`shabaka.text.normalize_key` and, for Latin queries, :func:`shabaka.latin.latin_keys`
of its English label; the page normalizes the query with ports of the same mappings
(``assets/view.js``, ``normalizeKey`` and ``latinSkeleton``).

Explorer (``assets/explore.js``): each node also carries its English label (``en``) and
its Louvain community (:func:`communities`); the page focuses on a neighbourhood or a
path, opens with the top ``ViewSettings.top_n`` entities, hides entities left without a
visible link, switches its interface between English and Arabic, lists corrections and
downloads them as an alias table (:mod:`shabaka.lexicon`), exports the view, and places
labels where they cover no other node.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import math
import os
import re
import string
from collections import Counter
from collections.abc import Hashable
from dataclasses import asdict, dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from shabaka.arabic import drop_article, search_skeleton
from shabaka.config import check_choice
from shabaka.errors import MissingComponentError, SettingsError
from shabaka.export import LIST_SEPARATOR, atomic_write
from shabaka.latin import english_label, is_latin, latin_keys
from shabaka.render.links import document_day, edge_relations, relation_types
from shabaka.text import INVISIBLE, normalize_key

TYPE_COLORS = {"PER": "#e4572e", "ORG": "#4c72b0", "LOC": "#2a9d8f", "MISC": "#8d8d8d"}
TYPE_NAMES = {"PER": "person", "ORG": "organization", "LOC": "place", "MISC": "other"}
OTHER_COLOR = "#b07aa1"
SIZE_BY = ("mentions", "pagerank", "degree")
LANGUAGES = ("en", "ar")
#: Colours of the largest communities (then grey), Paul Tol's "muted" scheme.
COMMUNITY_COLORS = ["#332288", "#88ccee", "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499"]
NEIGHBOURS_SHOWN = 10
#: The page's scripts, run in this order in one ``<script>``: the view, then what adds to it
#: through ``window.shabaka`` (relation colours and filter; the timeline; the explorer:
#: focus, top N, communities, language, corrections, exports, label placement).
VIEW_SCRIPTS = ("view.js", "relations.js", "timeline.js", "explore.js")

_ASSETS = files("shabaka.render") / "assets"
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_SCRIPT_SAFE = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ViewSettings:
    """How the page shows a graph.

    Parameters
    ----------
    max_nodes : larger graphs are pruned to this many nodes, the highest by PageRank
        (the page says so); None keeps every node
    size_by : what node size shows at first: ``mentions``, ``pagerank`` or ``degree``
        (the page can switch)
    layout_threshold : above this many nodes, positions are computed in Python
        (:func:`~shabaka.render.layout.force_layout`) and the page opens with physics off
    min_weight : initial value of the page's minimum edge weight filter
    min_mentions : initial value of the page's minimum mentions filter
    top_n : the page opens showing only this many entities, the first by ``top_by``
        (a control changes it; 0 or None shows all)
    top_by : what ranks entities for ``top_n``: ``mentions``, ``pagerank`` or ``degree``
    keep_unlinked : show entities left without a visible link (hidden by default)
    lang : the language of the page's interface, ``en`` or ``ar`` (right to left); the
        page can switch
    """

    max_nodes: int | None = 2000
    size_by: str = "mentions"
    layout_threshold: int = 300
    min_weight: int = 1
    min_mentions: int = 1
    top_n: int | None = 100
    top_by: str = "pagerank"
    keep_unlinked: bool = False
    lang: str = "en"

    def __post_init__(self) -> None:
        check_choice("size_by", self.size_by, SIZE_BY)
        check_choice("top_by", self.top_by, SIZE_BY)
        check_choice("lang", self.lang, LANGUAGES)
        if self.top_n is not None and self.top_n < 0:
            raise SettingsError(f"top_n must be 0 or more (or None), not {self.top_n}")
        if self.max_nodes is not None and self.max_nodes < 1:
            raise SettingsError(f"max_nodes must be at least 1 (or None), not {self.max_nodes}")


def _text(value: Any) -> str:
    """A string fit for display: what :func:`~shabaka.text.strip_invisible` removes
    (bidi controls, zero-width characters) removed, with a regular expression (faster).

    >>> from shabaka.text import strip_invisible
    >>> _text("\u202eكريم\u200c") == strip_invisible("\u202eكريم\u200c")
    True
    """
    return _INVISIBLE.sub("", str(value))


def search_keys(names: list[str], english: str | None = None) -> list[str]:
    """The search keys of an entity's names, most exact first, without repeats.

    For each name: its :func:`~shabaka.text.normalize_key`, the key with ال taken off
    each word (so الحموشي is found as حموشي and the reverse) and the key's consonant
    skeleton (so أمريكا finds أميركا); then the Latin keys
    (:func:`~shabaka.latin.latin_keys`) of its English label and Latin names, so that
    "hammouchi" and "hamouchi" find it. The page matches a query against them in that
    order, as substrings.

    >>> search_keys(["الحموشي"], "Hammouchi")
    ['الحموشي', 'حموشي', 'الحمش', 'حمش', 'hammouchi', 'hmch']
    """
    exact = [normalize_key(n) for n in names]
    bare = [" ".join(drop_article(w) for w in k.split(" ")) for k in exact]
    loose = [search_skeleton(k) for k in exact + bare]
    latin = latin_keys([n for n in [english, *names] if n and is_latin(n)])
    return [k for k in dict.fromkeys(exact + bare + loose + latin) if k]


def communities(G: nx.Graph, seed: int = 0) -> dict[Hashable, int]:
    """Louvain communities of ``G`` (by edge weight as the page shows it, seeded: the same
    graph gives the same communities), numbered from the largest, 0 on.

    >>> G = nx.barbell_graph(4, 0)
    >>> sorted(set(communities(G).values()))
    [0, 1]
    """
    if G.number_of_edges() == 0:
        return {v: i for i, v in enumerate(sorted(G, key=str))}
    parts = nx.community.louvain_communities(_weighted(G), weight="weight", seed=seed)
    parts = sorted((sorted(p, key=str) for p in parts), key=lambda p: (-len(p), str(p[0])))
    return {v: i for i, p in enumerate(parts) for v in p}


def _as_list(value: Any) -> list[Any]:
    """A list attribute, also as GEXF and GraphML files store it (see :mod:`shabaka.export`):
    items joined with ``" | "``, or JSON. Anything else is one item, or none.

    >>> _as_list("أ | ب"), _as_list('[{"doc": "d"}]'), _as_list(None), _as_list("[x] | y"), _as_list(3)
    (['أ', 'ب'], [{'doc': 'd'}], [], ['[x]', 'y'], [3])
    """
    if isinstance(value, str):
        if value.startswith("["):
            with contextlib.suppress(ValueError, RecursionError):
                data = json.loads(value)
                if isinstance(data, list):
                    return data
        return value.split(LIST_SEPARATOR) if value else []
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [] if value is None else [value]


def _number(value: Any, default: float) -> float:
    """``value`` as a finite number, else ``default`` (NaN, infinity, text, None).

    >>> _number("3", 1), _number(float("nan"), 1), _number("x", 0), _number(None, 0)
    (3.0, 1, 0, 0)
    """
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) else default


def _weight(value: Any) -> float:
    """An edge's weight as the page uses it: a finite number, at least 0 (1 when missing or not a number)."""
    weight = float(max(_number(value, 1), 0))
    return int(weight) if weight.is_integer() else weight


def _direction(text: str) -> str:
    """``rtl`` if ``text`` has at least as many Arabic letters as Latin ones, else ``ltr``.

    >>> _direction("قال FBI"), _direction("the FBI said")
    ('rtl', 'ltr')
    """
    return "rtl" if len(_ARABIC.findall(text)) >= len(_LATIN.findall(text)) else "ltr"


def _segments(text: str, highlights: list[list[int]], trigger: list[int] | None = None) -> list[list[Any]]:
    """Split an evidence sentence into ``[text, mark]`` pieces for display: ``mark`` is 1 for
    a highlighted entity, 2 for the ``trigger`` of a relation (the words that state it), else 0.

    Offsets refer to the original text; invisible characters are stripped from each
    piece afterwards, so they cannot shift the highlights.

    >>> _segments("زار كريم\\u202e الرباط", [[4, 8]])
    [['زار ', 0], ['كريم', 1], [' الرباط', 0]]
    >>> _segments("زار كريم الرباط", [[4, 8]], trigger=[0, 3])
    [['زار', 2], [' ', 0], ['كريم', 1], [' الرباط', 0]]
    """
    marks = [(s, e, 1) for s, e in highlights] + ([(trigger[0], trigger[1], 2)] if trigger else [])
    out: list[list[Any]] = []
    at = 0
    for start, end, kind in sorted((max(0, s), min(len(text), e), k) for s, e, k in marks):
        start = max(start, at)
        if end <= start:
            continue
        out += [[text[at:start], 0], [text[start:end], kind]]
        at = end
    out.append([text[at:], 0])
    pieces = [[_text(t), hl] for t, hl in out]
    return [p for p in pieces if p[0]]


def _highlights(value: Any) -> list[list[int]]:
    """The ``[start, end]`` pairs of an evidence item; malformed ones are left out."""
    pairs = []
    for pair in _as_list(value):
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(x, int) for x in pair):
            pairs.append(list(pair))
    return pairs


def _evidence(items: list[Any]) -> list[dict[str, Any]]:
    """Evidence items for the page; items that are not evidence (no text) are left out."""
    return [
        {
            "doc": _text(e.get("doc", "")),
            "sentence": e.get("sentence") if isinstance(e.get("sentence"), int) else None,
            "dir": _direction(e["text"]),
            "segments": _segments(
                e["text"], _highlights(e.get("highlights")), next(iter(_highlights([e.get("trigger")])), None)
            ),
        }
        for e in items
        if isinstance(e, dict) and isinstance(e.get("text"), str)
    ]


def _document_meta(meta: Any) -> dict[str, Any]:
    """The known fields of a document; ``link`` only for an http(s) URL."""
    if not isinstance(meta, dict):
        return {}
    out = {k: _text(meta[k]) for k in ("title", "date", "source", "url") if meta.get(k)}
    if "url" in out and _URL.fullmatch(out["url"]):
        out["link"] = out["url"]
    if day := document_day(out):
        out["day"] = day
    return out


def prune(G: nx.Graph, max_nodes: int | None, rank: dict[Any, float]) -> nx.Graph:
    """The subgraph of the ``max_nodes`` nodes ranked highest (ties: more mentions, then id).

    Returns ``G`` itself when it is small enough.
    """
    if max_nodes is None or G.number_of_nodes() <= max_nodes:
        return G
    order = sorted(G, key=lambda v: (-rank.get(v, 0.0), -_number(G.nodes[v].get("mentions"), 0), str(v)))
    return G.subgraph(order[:max_nodes])


def _weighted(G: nx.Graph) -> nx.Graph:
    """The structure of ``G`` with only the edges' weights, as the page uses them
    (:func:`_weight`: finite, at least 0), for the algorithms that read weights."""
    W = nx.Graph()
    W.add_nodes_from(G)
    W.add_weighted_edges_from((a, b, _weight(w)) for a, b, w in G.edges(data="weight", default=1))
    return W


def _pagerank(W: nx.Graph) -> dict[Any, float]:
    """PageRank over the weights of ``W`` (:func:`_weighted`); uniform when there are no
    edges or it does not converge."""
    uniform = dict.fromkeys(W, 1.0 / max(W.number_of_nodes(), 1))
    if W.number_of_edges() == 0:
        return uniform
    try:
        return nx.pagerank(W, weight="weight")
    except (nx.PowerIterationFailedConvergence, ZeroDivisionError, ValueError):
        return uniform


def view_data(G: nx.Graph, settings: ViewSettings | None = None, title: str = "shabaka") -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (nodes and edges by index).

    Display strings are stripped of invisible characters; nothing is HTML-escaped here
    because the page only ever sets text, never markup.
    """
    settings = settings or ViewSettings()
    weighted = _weighted(G)
    rank = _pagerank(weighted)
    H = prune(G, settings.max_nodes, rank)
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    positions: dict[Hashable, tuple[float, float]] = {}
    if len(nodes) > settings.layout_threshold:
        from shabaka.render.layout import force_layout  # scipy loads in seconds: only when needed

        positions = force_layout(H)
    neighbours: dict[Any, list[tuple[int, int]]] = {v: [] for v in nodes}
    for a, b, value in H.edges(data="weight", default=1):
        w = _weight(value)
        neighbours[a].append((w, index[b]))
        neighbours[b].append((w, index[a]))
    documents: set[Any] = set()
    community = communities(weighted.subgraph(H))
    node_rows = []
    for v in nodes:
        d = H.nodes[v]
        aliases = _as_list(d.get("aliases"))
        names = [str(d.get("label", v)), *map(str, aliases)]
        english = english_label(names[0], str(d.get("type", "MISC")), names)
        documents.update(map(str, _as_list(d.get("documents"))))
        row = {
            "id": index[v],
            "label": _text(d.get("label", v)),
            "type": _text(d.get("type", "MISC")),
            "mentions": int(max(_number(d.get("mentions"), 0), 0)),
            "degree": G.degree(v),
            "pagerank": round(rank.get(v, 0.0), 8),
            "aliases": [_text(a) for a in aliases],
            "roles": [_text(r) for r in _as_list(d.get("roles"))],
            "documents": [_text(x) for x in _as_list(d.get("documents"))],
            "neighbours": [[i, w] for w, i in sorted(neighbours[v], key=lambda x: (-x[0], x[1]))][:NEIGHBOURS_SHOWN],
            "evidence": _evidence(_as_list(d.get("evidence"))),
            "search": search_keys(names, english),
            "en": _text(english) if english else None,
            "community": community[v],
        }
        if v in positions:
            row["x"], row["y"] = positions[v]
        node_rows.append(row)
    edge_rows = []
    for a, b, d in H.edges(data=True):
        documents.update(map(str, _as_list(d.get("documents"))))
        npmi = d.get("npmi")
        try:
            relation, relations = edge_relations(d, index, _evidence)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):  # malformed (a file read back)
            relation, relations = None, []
        edge_rows.append(
            {
                "relation": relation,
                "relations": relations,
                "from": index[a],
                "to": index[b],
                "weight": _weight(d.get("weight", 1)),
                "npmi": float(npmi) if isinstance(npmi, (int, float)) and math.isfinite(npmi) else None,
                "documents": [_text(x) for x in _as_list(d.get("documents"))],
                "evidence": _evidence(_as_list(d.get("evidence"))),
            }
        )
    meta = G.graph.get("documents") or {}
    if isinstance(meta, str):
        try:
            meta = json.loads(meta)
        except (ValueError, RecursionError):
            meta = {}
    meta = meta if isinstance(meta, dict) else {}
    present = {r["type"] for r in node_rows}
    types = [t for t in TYPE_COLORS if t in present] + sorted(present - set(TYPE_COLORS))
    max_weight = max((r["weight"] for r in edge_rows), default=1)
    for r in edge_rows:
        r["width"] = edge_width(r["weight"], max_weight)
    return {
        "title": _text(title),
        "types": [
            {
                "type": t,
                "name": TYPE_NAMES.get(t, _text(t)),
                "color": TYPE_COLORS.get(t, OTHER_COLOR),
                "count": sum(r["type"] == t for r in node_rows),
            }
            for t in types
        ],
        "communities": [
            {"id": c, "count": n, "color": COMMUNITY_COLORS[c] if c < len(COMMUNITY_COLORS) else OTHER_COLOR}
            for c, n in sorted(Counter(community.values()).items())
        ],
        "relation_types": relation_types(edge_rows),
        "nodes": node_rows,
        "edges": edge_rows,
        "documents": {_text(k): _document_meta(meta.get(k) or {}) for k in sorted(documents, key=str)},
        "pruned": None
        if H is G
        else {
            "shown": H.number_of_nodes(),
            "total": G.number_of_nodes(),
            "edges_shown": H.number_of_edges(),
            "edges_total": G.number_of_edges(),
        },
        "settings": {**asdict(settings), "positioned": bool(positions)},
    }


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` (so no
    ``</script>`` or ``<!--``) and no U+2028/U+2029.

    >>> script_json({"name": "</script><b>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False, allow_nan=False).translate(_SCRIPT_SAFE)


@cache
def vis_network_js() -> str:
    """vis-network's standalone build, as shipped inside the installed pyvis package."""
    import pyvis

    builds = sorted(
        Path(pyvis.__file__).parent.glob("lib/vis-*/vis-network.min.js"),
        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)),
    )
    if not builds:
        raise MissingComponentError(
            "pyvis is installed without its vis-network build (pyvis/lib/vis-*/vis-network.min.js)"
        )
    return builds[-1].read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    """Code that cannot end its ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def content_security_policy(*scripts: str) -> str:
    """The page's policy: no request of any kind, and no script but ``scripts``.

    Scripts are allowed by their SHA-256 hash, so a ``<script>`` or an ``onerror=``
    attribute that got into the page would not run even if escaping failed. ``eval`` is
    allowed (nothing on the page uses it) because test drivers poll with it, e.g.
    Playwright's ``wait_for_function``.
    """
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    return f"default-src 'none'; script-src {hashes} 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:"


def render_html(G: nx.Graph, title: str = "shabaka", settings: ViewSettings | None = None) -> str:
    """The page of ``G`` as a string (see :func:`write_html`)."""
    data = view_data(G, settings, title)
    vis = f"\n{_inline_script(vis_network_js())}\n"
    view = f"\n{_inline_script(''.join(_asset(name) for name in VIEW_SCRIPTS))}\n"
    return string.Template(_asset("page.html")).substitute(
        csp=content_security_policy(vis, view),
        lang=data["settings"]["lang"],
        dir="rtl" if data["settings"]["lang"] == "ar" else "ltr",
        title=html.escape(data["title"]),
        style=_asset("view.css"),
        vis=vis,
        data=script_json(data),
        view=view,
    )


def write_html(
    G: nx.Graph, path: str | os.PathLike[str], title: str = "shabaka", settings: ViewSettings | None = None
) -> None:
    """Write the interactive page of ``G``: one self-contained HTML file that works offline.

    Nodes are coloured by type and sized by mentions, PageRank or degree; a click shows
    an entity's aliases, roles, documents, strongest neighbours and evidence sentences,
    or an edge's shared sentences. Graphs larger than ``settings.max_nodes`` are pruned
    to their most central nodes, and the page says so.
    """
    page = render_html(G, title, settings)
    with atomic_write(path, encoding="utf-8") as f:
        f.write(page)


def edge_width(weight: float, max_weight: float) -> float:
    """Drawn width of an edge: 1 to 8 pixels, on a log scale of its weight (1 pixel for a weight of 1 or less).

    >>> edge_width(1, 10), edge_width(10, 10), edge_width(0, 10)
    (1.0, 8.0, 1.0)
    """
    if max_weight <= 1 or weight <= 1:
        return 1.0
    return round(1 + 7 * math.log(weight) / math.log(max_weight), 2)
