"""shabaka (شبكة): the network of people, organizations and places in Arabic news.

>>> import shabaka
>>> G = shabaka.build_graph("articles/")            # doctest: +SKIP
>>> G.nodes[shabaka.find(G, "حموشي")]["label"]       # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Settings", "__version__", "build_graph", "find", "show"]

if TYPE_CHECKING:
    from shabaka.config import Settings
    from shabaka.lookup import find
    from shabaka.pipeline import build_graph
    from shabaka.render import show


def __getattr__(name: str) -> Any:
    # keep `import shabaka` (and the CLI's start) light: load the pipeline on first use
    if name == "build_graph":
        from shabaka.pipeline import build_graph

        return build_graph
    if name == "Settings":
        from shabaka.config import Settings

        return Settings
    if name == "find":
        from shabaka.lookup import find

        return find
    if name == "show":
        from shabaka.render import show

        return show
    raise AttributeError(f"module 'shabaka' has no attribute {name!r}")
