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
A list of strings is stored as JSON where joining would be ambiguous (an item contains
``" | "``, or the first starts with ``[``), so that reading it back never is.

Any input gives valid files: characters XML cannot hold (controls, lone surrogates,
U+FFFE/U+FFFF) are written escaped (``\\x01``) in GEXF and GraphML (:func:`xml_safe`), and
a CSV cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) gets a ``'`` in front, as OWASP recommends
(:func:`csv_safe`).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import signal
import tempfile
import threading
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
#: Characters that XML 1.0 cannot hold.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xml_safe(value: Any) -> Any:
    """``value`` with the characters XML cannot hold written as ``\\xNN`` or ``\\uNNNN``
    (other values as they are).

    >>> print(xml_safe("doc\\x01\\ufffe"))
    doc\\x01\\ufffe
    """
    if not isinstance(value, str):
        return value
    return _XML_INVALID.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\x20" else f"\\u{ord(m.group()):04x}", value
    )


def csv_safe(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a ``'`` in front (numbers are left as they are).

    >>> csv_safe("=1+2"), csv_safe("-1"), csv_safe(-1)
    ("'=1+2", "'-1", -1)
    """
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


@contextlib.contextmanager
def _terminated_as_exit() -> Iterator[None]:
    """While writing: SIGTERM raises :class:`SystemExit` (status 143) instead of ending the
    process at once, so that the temporary file is removed on the way out. Only in the
    main thread, and only where SIGTERM has its default action."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success rename it to ``path``, else delete it.

    The file gets the permissions a plain ``open`` would give it (``0o666`` less the umask).
    A symbolic link at ``path`` is replaced, never followed. An interruption (Ctrl-C,
    SIGTERM, an error) leaves no temporary file and ``path`` as it was.

    Raises
    ------
    OutputError
        naming ``path`` (not the temporary file) when it cannot be written.
    """
    path = Path(path)
    with _terminated_as_exit():
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
    """A string or number for ``value``: a list of strings joined, other lists and dicts as JSON.

    A list of strings is JSON too where joining would be ambiguous: an item holds the
    separator, or the first starts with ``[`` (what :func:`shabaka.render.html.view_data`
    reads as JSON).

    >>> _flat(["a", "b"]), _flat(["[a]", "b | c"])
    ('a | b', '["[a]", "b | c"]')
    """
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        if not any(separator in v for v in value) and not (value and value[0].startswith("[")):
            return separator.join(value)
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def flat_graph(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes are all strings or numbers, XML-safe (for GEXF and GraphML)."""

    def flat(d: dict[str, Any]) -> dict[str, Any]:
        return {k: xml_safe(_flat(v)) for k, v in d.items()}

    H = nx.Graph()
    H.graph.update(flat(G.graph))
    H.add_nodes_from((xml_safe(n), flat(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((xml_safe(a), xml_safe(b), flat(d)) for a, b, d in G.edges(data=True))
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

    Cells that a spreadsheet would run as formulas are defused (:func:`csv_safe`), ids
    alike in every file, so that edges and relations still meet their nodes.
    """
    folder = Path(folder)
    nodes, edges, relations = (folder / name for name in CSV_FILES)
    with atomic_write(nodes, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(NODE_COLUMNS)
        for n, d in G.nodes(data=True):
            w.writerow(map(csv_safe, [n, *(_flat(d.get(c, ""), CSV_LIST_SEPARATOR) for c in NODE_COLUMNS[1:])]))
    with atomic_write(edges, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EDGE_COLUMNS)
        for a, b, d in G.edges(data=True):
            w.writerow(map(csv_safe, [a, b, *(_flat(d.get(c, ""), CSV_LIST_SEPARATOR) for c in EDGE_COLUMNS[2:])]))
    with atomic_write(relations, encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(RELATION_COLUMNS)
        for a, b, d in G.edges(data=True):
            for kind, r in (d.get("relations") or {}).items():
                direction = r["direction"]
                source, target = direction if isinstance(direction, list) else sorted((a, b))
                directed = "true" if isinstance(direction, list) else "both" if direction == "both" else "false"
                row = [source, target, kind, r["cypher"], r["count"], directed, r["gloss"], _flat(r["evidence"])]
                w.writerow(map(csv_safe, row))
    return nodes, edges, relations
