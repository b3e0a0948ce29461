"""The HTML view, built on pyvis (vis-network).

(First version: a plain pyvis page. The full interactive view is issue 5.)
"""

from __future__ import annotations

import os

import networkx as nx

from shabaka.export import atomic_write

TYPE_COLORS = {"PER": "#e4572e", "ORG": "#4c72b0", "LOC": "#2a9d8f", "MISC": "#a0a0a0"}


def write_html(G: nx.Graph, path: str | os.PathLike[str], title: str = "shabaka") -> None:
    """Write the graph as an HTML page (labels and tooltips are plain text, never markup)."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", cdn_resources="in_line", heading="")
    for n, d in G.nodes(data=True):
        tip = f"{d['label']} ({d['type']}), {d['mentions']} mentions"
        net.add_node(n, label=d["label"], title=tip, color=TYPE_COLORS.get(d["type"], "#999"), value=d["mentions"])
    for a, b, d in G.edges(data=True):
        net.add_edge(a, b, value=d["weight"], title=f"{d['weight']} co-mentions")
    with atomic_write(path, encoding="utf-8") as f:
        f.write(net.generate_html())
