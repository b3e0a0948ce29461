"""Check ``shabaka.show(G)`` in a real JupyterLab: the graph renders inline and responds.

Needs ``pip install jupyterlab`` (not a dependency of shabaka) and Debian's chromium.
A JupyterLab server is started on 127.0.0.1 (no token, a temporary root folder), a new
notebook is opened in headless Chromium driven by Playwright, a cell that builds the
graph of the bundled sample articles and calls ``shabaka.show(G)`` is typed and run
with Shift+Enter, and the script then checks, inside the output's iframe, that the
page reports ready, that searching a name lists it and that clicking it shows its
evidence in the side panel. It writes a screenshot and exits 0 only if all checks pass.

Usage::

    python scripts/check_jupyterlab.py                  # writes jupyterlab.png
    python scripts/check_jupyterlab.py -o shot.png
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from chromium import launch

CELL = (
    "import shabaka\n"
    "from pathlib import Path\n"
    "from shabaka.pipeline import sample_gazetteer\n"
    "G = shabaka.build_graph(Path(sample_gazetteer()).parent / 'samples', extractor='gazetteer', "
    "gazetteer=sample_gazetteer())\n"
    "shabaka.show(G)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # loopback only
                if r.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("jupyterlab.png"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory() as root:
        nb = Path(root) / "check.ipynb"
        nb.write_text(
            json.dumps(
                {
                    "cells": [],
                    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                    "nbformat": 4,
                    "nbformat_minor": 5,
                }
            ),
            encoding="utf-8",
        )
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}"]
        command += ["--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}"]
        server = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "JUPYTER_CONFIG_DIR": str(Path(root) / ".config")},
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/api", 60)
            with sync_playwright() as p:
                browser = launch(p)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{base}/lab/tree/check.ipynb")
                editor = page.locator(".jp-Notebook .jp-Cell .cm-content").first
                editor.wait_for(timeout=90_000)
                page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
                editor.click()
                page.keyboard.insert_text(CELL)
                page.keyboard.press("Shift+Enter")
                page.locator(".jp-InputPrompt", has_text="[1]:").wait_for(timeout=120_000)
                frame = page.frame_locator(".jp-OutputArea-output iframe")
                try:
                    frame.locator("body[data-ready='1']").wait_for(timeout=120_000)
                    frame.locator("#search").fill("الرباط")
                    frame.locator("#results li[data-id]").first.click()
                    heading = frame.locator("#panel h2").inner_text()
                    evidence = frame.locator("#panel").inner_text()
                finally:
                    page.screenshot(path=str(args.output))
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    ok = "الرباط" in heading and len(evidence) > len(heading) + 20
    print(f"JupyterLab: panel heading {heading!r}; evidence shown: {ok}; screenshot {args.output}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
