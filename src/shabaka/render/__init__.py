"""Views of the graph: a self-contained HTML page and an inline Jupyter view."""

from shabaka.render.html import ViewSettings, render_html, write_html
from shabaka.render.notebook import GraphView, show

__all__ = ["GraphView", "ViewSettings", "render_html", "show", "write_html"]
