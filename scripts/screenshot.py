"""Write docs/demo.png: the graph of the bundled sample articles, for the README.

The page is built with the gazetteer extractor (deterministic), opened offline in
Debian's headless Chromium (``/usr/bin/chromium``, driven by Playwright), left to settle,
and the most central entity is clicked so that the side panel shows its evidence.

Usage::

    python scripts/screenshot.py                 # docs/demo.png, 1400 x 900
    python scripts/screenshot.py -o shot.png --width 1600 --height 1000
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from chromium import launch

from shabaka import build_graph
from shabaka.pipeline import sample_gazetteer
from shabaka.render import write_html

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "demo.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    G = build_graph(Path(sample_gazetteer()).parent / "samples", extractor="gazetteer", gazetteer=sample_gazetteer())
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_path = Path(tmp) / "demo.html"
        write_html(G, page_path, title="shabaka: sample articles")
        browser = launch(p)
        context = browser.new_context(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        page.evaluate("new Promise((done) => { shabaka.network.once('stabilized', done); setTimeout(done, 5000); })")
        top = page.evaluate("shabaka.data.nodes.reduce((a, b) => (b.pagerank > a.pagerank ? b : a)).id")
        page.evaluate("(id) => { shabaka.network.selectNodes([id]); shabaka.select(id); shabaka.network.fit(); }", top)
        page.wait_for_timeout(300)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output))
        browser.close()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
