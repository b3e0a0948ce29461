"""Write docs/demo.png: the graph of the five articles of ``../shared/corpus``, for the README.

The page is built with the default extractor, opened offline in Debian's headless
Chromium (``/usr/bin/chromium``, driven by Playwright) and left to settle; labels are
placed by the page so that none sits on another node (``tests/test_session.py`` checks
it on the same graph). عبد اللطيف حموشي is selected on the graph (his label is placed
first) but his panel is not opened, so no sentence of the articles is in the picture. Without the
corpus, the bundled sample articles are drawn (gazetteer extractor).

Usage::

    python scripts/screenshot.py                 # docs/demo.png, 1400 x 900
    python scripts/screenshot.py -o shot.png --width 1600 --height 1000 --corpus articles/
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from chromium import launch

from shabaka import build_graph, find
from shabaka.pipeline import sample_gazetteer
from shabaka.render import write_html

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "demo.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if args.corpus.is_dir():
        G = build_graph(args.corpus)
        title = f"shabaka: {len(G.graph['documents'])} articles"
    else:
        samples = Path(sample_gazetteer()).parent / "samples"
        G, title = build_graph(samples, extractor="gazetteer", gazetteer=sample_gazetteer()), "shabaka: sample articles"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_path = Path(tmp) / "demo.html"
        write_html(G, page_path, title=title)
        browser = launch(p)
        context = browser.new_context(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        page.wait_for_function("document.body.dataset.labels === '1'", timeout=30_000)
        if args.corpus.is_dir():  # the story's central person, selected (its label is placed first)
            hammouchi = G.nodes[find(G, "hammouchi")]["label"]
            page.evaluate(
                "(l) => shabaka.network.selectNodes([shabaka.data.nodes.find((n) => n.label === l).id])", hammouchi
            )
        page.evaluate("shabaka.network.fit()")
        page.wait_for_timeout(300)
        covered = page.evaluate("shabaka.placeLabels() || shabaka.hiddenLabels.size")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output))
        browser.close()
    print(
        f"wrote {args.output}: {G.number_of_nodes()} entities, {covered} labels left out where they would cover a node"
    )


if __name__ == "__main__":
    main()
