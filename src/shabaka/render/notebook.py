"""The graph inline in Jupyter (JupyterLab, classic Notebook, VS Code): no file, no server.

The page of :func:`~shabaka.render.html.render_html` goes into an ``<iframe srcdoc>``, so
it needs neither a local file server (pyvis#116, #203) nor the notebook's own scripts. The
iframe is sandboxed with scripts allowed but no access to the notebook page; downloads
are allowed (the page's corrections CSV and its exports of the view).
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass

import networkx as nx

from shabaka.export import atomic_write
from shabaka.render.html import ViewSettings, render_html


@dataclass(frozen=True, slots=True)
class GraphView:
    """A rendered graph page that Jupyter displays inline (its ``_repr_html_``)."""

    html: str
    height: int = 650

    def __repr__(self) -> str:
        return f"GraphView({len(self.html):,} characters of HTML, height={self.height})"

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads" '
            f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd;" '
            'title="shabaka graph"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the page as a self-contained HTML file."""
        with atomic_write(path, encoding="utf-8") as f:
            f.write(self.html)


def show(G: nx.Graph, title: str = "shabaka", settings: ViewSettings | None = None, *, height: int = 650) -> GraphView:
    """The interactive view of ``G``, displayed inline when it is a cell's last value.

    >>> view = show(nx.Graph())
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """
    return GraphView(render_html(G, title, settings), height)
