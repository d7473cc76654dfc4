"""Search evaluation: how well the site's own search answers what readers type.

Builds the site, serves it on 127.0.0.1, types each query of a YAML file (`queries:` list of
`query` and `expect`) into the real Material search box in headless Chromium, and prints the
rank of the first acceptable result per query, then hit@1, hit@3, MRR and the zero-result
count. Ranks are given three ways: per result link in display order (a page's own entry comes
before its sections), per page box showing an acceptable section (by_box), and per page box
whose page is acceptable, the section shown or folded (by_page: "the right page first").

    python tools/search_eval.py ../shared/eval/search-queries.yaml [--out report.json] [--summary-only]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_tools import CHROMIUM, CHROMIUM_ARGS, built_and_served  # noqa: E402
from search_driver import open_search, page_rank, ranks, run_query  # noqa: E402


def summary(rows: list[dict], key: str) -> dict:
    judged = [row for row in rows if row["expect"]]
    found = [row[key] for row in judged]
    return {
        "hit@1": round(sum(1 for r in found if r == 1) / len(judged), 3),
        "hit@3": round(sum(1 for r in found if r and r <= 3) / len(judged), 3),
        "mrr": round(sum(1 / r for r in found if r) / len(judged), 3),
    }


def evaluate(queries: list[dict]) -> dict:
    from playwright.sync_api import sync_playwright

    with built_and_served() as (folder, base_url):
        index_bytes = (folder / "search" / "search_index.json").stat().st_size
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            open_search(page, base_url)
            for item in queries:
                boxes = run_query(page, item["query"], base_url)
                link_rank, box_rank = ranks(boxes, item.get("expect") or [])
                rows.append({"query": item["query"], "expect": item.get("expect") or [], "link_rank": link_rank,
                             "box_rank": box_rank, "page_rank": page_rank(boxes, item.get("expect") or []), "zero": not boxes,
                             "top": [link for box in boxes[:3] for link in box.links[:2]]})
            browser.close()
    return {"queries": rows, "by_link": summary(rows, "link_rank"), "by_box": summary(rows, "box_rank"), "by_page": summary(rows, "page_rank"),
            "zero_results": sum(row["zero"] for row in rows), "index_bytes": index_bytes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("queries", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--summary-only", action="store_true",
                        help="print the figures, not each query (for the held-out sets: look at them, not into them)")
    args = parser.parse_args()
    data = yaml.safe_load(args.queries.read_text())
    report = evaluate(data["queries"] if isinstance(data, dict) else data)
    if not args.summary_only:
        print(f"{'link':>4} {'box':>4}  {'query':<34} top results")
    for row in [] if args.summary_only else report["queries"]:
        show = lambda r: "." if r is None else str(r)  # noqa: E731
        print(f"{show(row['link_rank']):>4} {show(row['box_rank']):>4}  {row['query']:<34} {' | '.join(row['top'][:3])}")
    for key in ("by_box", "by_page", "by_link"):
        figures = report[key]
        print(f"{key}: hit@1 {figures['hit@1']} hit@3 {figures['hit@3']} mrr {figures['mrr']}")
    print(f"zero-result queries: {report['zero_results']} of {len(report['queries'])}; "
          f"index {report['index_bytes'] / 1024:.1f} KiB")
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
