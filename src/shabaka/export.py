"""Writing the graph: JSON (node-link), GEXF and GraphML (Gephi), CSV (Neo4j ``LOAD CSV``).

Every file is written atomically: to a temporary file beside the target, then renamed,
so an interrupted run never leaves half a file over a good one.

JSON keeps every attribute as a structure (``relations``, ``months``, ``evidence``).
GEXF and GraphML have no list type: list attributes (``aliases``, ``documents``,
``roles``, ``resolution``) are joined with ``" | "``, and ``evidence``, ``relations``,
``months`` and the graph's ``documents`` are stored as JSON strings. CSV files use ``;``
between list items (Cypher's ``split(row.aliases, ';')``) and JSON for ``evidence``,
``relations`` and ``months``; ``relations.csv`` has one row per link and relation type,
with the Neo4j relationship type (``MET``, ``SIGNED_WITH``, ``ROLE``...) to load it as.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from shabaka.errors import OutputError, ShabakaError

LIST_SEPARATOR = " | "
CSV_LIST_SEPARATOR = ";"
NODE_COLUMNS = (
    "id", "label", "type", "mentions", "aliases", "documents", "roles", "resolution", "evidence",
    "first_date", "last_date", "months",
)  # fmt: skip
EDGE_COLUMNS = (
    "source", "target", "weight", "npmi", "documents", "evidence", "relation", "relations",
    "first_date", "last_date", "months",
)  # fmt: skip
#: ``directed``: ``true`` when source → target is what every sentence says, ``both`` when
#: sentences say both ways, ``false`` for a symmetric type (then source < target).
RELATION_COLUMNS = ("source", "target", "type", "cypher", "count", "directed", "gloss", "evidence")
#: The files :func:`write_csv` writes into its folder: nodes, edges, relations.
CSV_FILES = ("nodes.csv", "edges.csv", "relations.csv")


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success rename it to ``path``, else delete it.

    The file gets the permissions a plain ``open`` would give it (``0o666`` less the umask).

    Raises
    ------
    OutputError
        naming ``path`` (not the temporary file) when it cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _output_error(path, exc) from None
    try:
        with open(fd, mode, **kwargs) as f:
            yield f
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, ShabakaError):
            raise _output_error(path, exc) from None
        raise


def _output_error(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"{path}: cannot be written ({reason}); choose another path or fix its folder's permissions")


def to_json_data(G: nx.Graph) -> dict[str, Any]:
    """The graph as networkx node-link data (``nodes`` and ``edges`` lists)."""
    return nx.node_link_data(G, edges="edges")


def write_json(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write node-link JSON, UTF-8, Arabic kept as is (not ``\\u`` escaped).

    Read it back with ``networkx.node_link_graph(data, edges="edges")``.
    """
    with atomic_write(path, encoding="utf-8") as f:
        json.dump(to_json_data(G), f, ensure_ascii=False, indent=1)


def _flat(value: Any, separator: str = LIST_SEPARATOR) -> Any:
    """A string or number for ``value``: a list of strings joined, other lists and dicts as JSON."""
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return separator.join(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings or numbers (for GEXF and GraphML)."""
    H = nx.Graph()
    H.graph.update({k: _flat(v) for k, v in G.graph.items()})
    H.add_nodes_from((n, {k: _flat(v) for k, v in d.items()}) for n, d in G.nodes(data=True))
    H.add_edges_from((a, b, {k: _flat(v) for k, v in d.items()}) for a, b, d in G.edges(data=True))
    return H


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write GEXF 1.2 for Gephi (node ``label`` is the Gephi label)."""
    with atomic_write(path, "wb") as f:
        nx.write_gexf(flat_graph(G), f)


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write GraphML (UTF-8) for Gephi, yEd or Cytoscape."""
    with atomic_write(path, "wb") as f:
        nx.write_graphml(flat_graph(G), f, encoding="utf-8")


def write_csv(G: nx.Graph, folder: str | os.PathLike[str]) -> tuple[Path, Path, Path]:
    """Write ``nodes.csv``, ``edges.csv`` and ``relations.csv`` (UTF-8 with header) into ``folder``.

    Load them in Neo4j with the Cypher in README ("Exports"): entities, their
    ``CO_MENTIONED`` links, then one relationship per row of ``relations.csv``, typed by
    its ``cypher`` column (``MET``, ``VISITED``, ``SIGNED_WITH``, ``ROLE``...).
    """
    folder = Path(folder)
    nodes, edges, relations = (folder / name for name in CSV_FILES)
    with atomic_write(nodes, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(NODE_COLUMNS)
        for n, d in G.nodes(data=True):
            w.writerow([n, *(_flat(d.get(c, ""), CSV_LIST_SEPARATOR) for c in NODE_COLUMNS[1:])])
    with atomic_write(edges, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EDGE_COLUMNS)
        for a, b, d in G.edges(data=True):
            w.writerow([a, b, *(_flat(d.get(c, ""), CSV_LIST_SEPARATOR) for c in EDGE_COLUMNS[2:])])
    with atomic_write(relations, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(RELATION_COLUMNS)
        for a, b, d in G.edges(data=True):
            for kind, r in (d.get("relations") or {}).items():
                direction = r["direction"]
                source, target = direction if isinstance(direction, list) else sorted((a, b))
                directed = "true" if isinstance(direction, list) else "both" if direction == "both" else "false"
                w.writerow([source, target, kind, r["cypher"], r["count"], directed, r["gloss"], _flat(r["evidence"])])
    return nodes, edges, relations
