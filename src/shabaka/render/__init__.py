"""Views of the graph: a self-contained HTML page and an inline Jupyter view."""

from shabaka.render.html import write_html

__all__ = ["write_html"]
