"""Headless Chromium for checking the page: Playwright driving Debian's browser.

Playwright cannot download a browser of its own here, so it launches ``/usr/bin/chromium``
(``apt-get install chromium``) with the switches that keep it off the network. Used by
the browser tests (``tests/conftest.py`` puts this folder on ``sys.path``),
``benchmarks/bench_render.py``, ``scripts/screenshot.py`` and ``scripts/check_jupyterlab.py``.
A test and tooling harness: not part of the installed package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch(playwright: Any) -> Any:
    """Start headless Chromium with a fresh profile, from a running ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
