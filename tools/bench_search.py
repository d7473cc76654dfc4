"""Search benchmark (a report, not a test): keystroke-to-results time in headless Chromium, and
the bytes a reader downloads for search.

Builds the site, serves it on 127.0.0.1, types every query of the given YAML files into the
real search box and measures, for each keystroke, the time from the key press to the next
change of the result list. Prints the median and 90th percentile, the gzip size of the search
code (worker, engine, MiniSearch) and of the index.

    python tools/bench_search.py tests/search-eval/lay-tune.yaml [more.yaml ...]
"""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_tools import CHROMIUM, CHROMIUM_ARGS, built_and_served  # noqa: E402
from search_driver import SEARCH_INPUT, open_search  # noqa: E402

WATCH = """() => {
  window.__keys = []; window.__changes = []
  const input = document.querySelector("input.md-search__input")
  input.addEventListener("keydown", () => window.__keys.push(performance.now()), true)
  new MutationObserver(() => window.__changes.push(performance.now()))
    .observe(document.querySelector(".md-search-result__list"), { childList: true })
  new MutationObserver(() => window.__changes.push(performance.now()))
    .observe(document.querySelector(".md-search-result__meta"), { childList: true, characterData: true, subtree: true })
}"""


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def main(files: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    queries = [item["query"] for name in files for item in yaml.safe_load(Path(name).read_text())["queries"]]
    with built_and_served() as (site, base_url):
        code = [site / "assets/search/worker.js", site / "assets/search/engine.min.js",
                site / "assets/search/minisearch.min.js", site / "assets/search-notes.js"]
        material = list((site / "assets/javascripts/workers").glob("search.*.min.js"))
        delays: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            open_search(page, base_url)
            page.evaluate(WATCH)
            box = page.locator(SEARCH_INPUT)
            for query in queries:
                box.fill("")
                page.evaluate("window.__keys = []; window.__changes = []")
                for character in query:
                    page.keyboard.type(character)
                    page.wait_for_timeout(60)
                page.wait_for_timeout(150)
                keys, changes = page.evaluate("[window.__keys, window.__changes]")
                for key in keys:
                    after = [change - key for change in changes if change >= key]
                    if after:
                        delays.append(min(after))
            browser.close()
        delays.sort()
        print(f"queries {len(queries)}, keystrokes measured {len(delays)}")
        print(f"keystroke to results: median {statistics.median(delays):.1f} ms, "
              f"90th percentile {delays[int(len(delays) * 0.9)]:.1f} ms")
        print(f"search code (worker + engine + MiniSearch + notes), gzip: {sum(gzip_size(p) for p in code)} bytes "
              f"({', '.join(f'{p.name} {gzip_size(p)}' for p in code)}); "
              f"Material's own worker, which it replaces: {sum(gzip_size(p) for p in material)} bytes")
        index = site / "search" / "search_index.json"
        print(f"index: {index.stat().st_size / 1024:.1f} KiB, gzip {gzip_size(index) / 1024:.1f} KiB")


if __name__ == "__main__":
    main(sys.argv[1:] or ["tests/search-eval/lay-tune.yaml"])
