"""Search evaluation: how well the site's own search answers what readers type.

Builds the site, serves it on 127.0.0.1, types each query of a YAML file (`queries:` list of
`query` and `expect`) into the real Material search box in headless Chromium, and prints the
rank of the first acceptable result per query, then hit@1, hit@3, MRR and the zero-result
count. Ranks are given three ways: per result link in display order (a page's own entry comes
before its sections), per page box showing an acceptable section (by_box), and per page box
whose page is acceptable, the section shown or folded (by_page: "the right page first").

    python tools/search_eval.py SET.yaml [SET.yaml ...] [--out report.json] [--summary-only]

Several sets are typed in one build and one browser, each reported apart, then pooled: with
about 57 queries a set, one query moves hit@1 by 0.018 and the 95% interval of a set's hit@1
near 0.85 is about ±0.09 wide, so the pooled figure, with its Wilson interval, is the steadier
reading of how the search does on questions no one tuned it to.
"""

from __future__ import annotations

import argparse
import json
import math
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


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% interval of a proportion (Wilson's score interval: sound near 0 and 1 and for
    small samples, where the plain ± formula is not)."""
    if not total:
        return 0.0, 0.0
    share = hits / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return round(centre - half, 3), round(centre + half, 3)


def pooled(rows: list[dict], key: str) -> dict:
    """hit@1 and hit@3 over every judged query of several sets, each with its interval."""
    judged = [row[key] for row in rows if row["expect"]]
    first = sum(1 for rank in judged if rank == 1)
    top3 = sum(1 for rank in judged if rank and rank <= 3)
    return {"queries": len(judged), "hit@1": round(first / len(judged), 3), "hit@1 95%": wilson(first, len(judged)),
            "hit@3": round(top3 / len(judged), 3), "hit@3 95%": wilson(top3, len(judged))}


def report_of(rows: list[dict], index_bytes: int) -> dict:
    return {"queries": rows, "by_link": summary(rows, "link_rank"), "by_box": summary(rows, "box_rank"),
            "by_page": summary(rows, "page_rank"), "zero_results": sum(row["zero"] for row in rows),
            "index_bytes": index_bytes}


def evaluate(sets: dict[str, list[dict]]) -> dict[str, dict]:
    """Each set's report, typed into one build of the site."""
    from playwright.sync_api import sync_playwright

    reports = {}
    with built_and_served() as (folder, base_url):
        index_bytes = (folder / "search" / "search_index.json").stat().st_size
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            open_search(page, base_url)
            for name, queries in sets.items():
                rows = []
                for item in queries:
                    boxes = run_query(page, item["query"], base_url)
                    link_rank, box_rank = ranks(boxes, item.get("expect") or [])
                    rows.append({"query": item["query"], "expect": item.get("expect") or [], "link_rank": link_rank,
                                 "box_rank": box_rank, "page_rank": page_rank(boxes, item.get("expect") or []),
                                 "zero": not boxes, "top": [link for box in boxes[:3] for link in box.links[:2]]})
                reports[name] = report_of(rows, index_bytes)
            browser.close()
    return reports


def queries_of(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text())
    return data["queries"] if isinstance(data, dict) else data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("queries", type=Path, nargs="+")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--summary-only", action="store_true",
                        help="print the figures, not each query (for the held-out sets: look at them, not into them)")
    args = parser.parse_args()
    reports = evaluate({str(path): queries_of(path) for path in args.queries})
    for name, report in reports.items():
        print(f"== {name}")
        print_report(report, args.summary_only)
    if len(reports) > 1:
        rows = [row for report in reports.values() for row in report["queries"]]
        print(f"== pooled: {len(reports)} sets")
        for key in ("by_box", "by_page"):
            figures = pooled(rows, key.replace("by_", "") + "_rank")
            print(f"{key}: hit@1 {figures['hit@1']} (95% {figures['hit@1 95%'][0]}–{figures['hit@1 95%'][1]}) "
                  f"hit@3 {figures['hit@3']} (95% {figures['hit@3 95%'][0]}–{figures['hit@3 95%'][1]}) "
                  f"over {figures['queries']} queries")
        print(f"zero-result queries: {sum(row['zero'] for row in rows)} of {len(rows)}")
    if args.out:
        args.out.write_text(json.dumps(reports, indent=2))


def print_report(report: dict, summary_only: bool) -> None:
    if not summary_only:
        print(f"{'link':>4} {'box':>4}  {'query':<34} top results")
    for row in [] if summary_only else report["queries"]:
        show = lambda r: "." if r is None else str(r)  # noqa: E731
        print(f"{show(row['link_rank']):>4} {show(row['box_rank']):>4}  {row['query']:<34} {' | '.join(row['top'][:3])}")
    for key in ("by_box", "by_page", "by_link"):
        figures = report[key]
        print(f"{key}: hit@1 {figures['hit@1']} hit@3 {figures['hit@3']} mrr {figures['mrr']}")
    print(f"zero-result queries: {report['zero_results']} of {len(report['queries'])}; "
          f"index {report['index_bytes'] / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
