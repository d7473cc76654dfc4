"""The registry of published section links: every page and H2/H3 id readers may have linked to.

`tests/published-anchors.txt` is committed; a test fails when a build no longer has one of its
entries, unless the section declares the old id as an alias (`{#new data-aliases="old"}`) or
the page has a redirect (mkdocs-redirects). New ids are added for review in the diff with
`make anchors` (`python tools/anchors.py --update SITE_DIR`); entries are never removed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REGISTRY = Path(__file__).resolve().parent.parent / "tests" / "published-anchors.txt"
REFRESH = re.compile(r'http-equiv="refresh"\s+content="0;\s*url=([^"]+)"', re.I)


def page_url(site: Path, html_file: Path) -> str:
    """The page's public path: '/', '/causes/'."""
    relative = html_file.parent.relative_to(site).as_posix()
    return "/" if relative == "." else f"/{relative}/"


def published(site: Path) -> set[str]:
    """'/page/' and '/page/#id' for every page of the build and every H2/H3 (and alias) id."""
    found = set()
    for html_file in site.rglob("index.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
        article = soup.select_one("article.md-content__inner")
        if article is None:  # redirect pages have no article
            continue
        url = page_url(site, html_file)
        found.add(url)
        for element in article.select("h2[id], h3[id], .anchor-alias[id]"):
            found.add(f"{url}#{element['id']}")
    return found


def resolves(entry: str, site: Path) -> bool:
    """Whether a registry entry still lands somewhere: its page, or the page it redirects to,
    has the id (an alias counts)."""
    url, _, fragment = entry.partition("#")
    html_file = site / url.lstrip("/") / "index.html"
    for _ in range(3):  # follow at most a short chain of redirects
        if not html_file.exists():
            return False
        text = html_file.read_text(encoding="utf-8")
        redirect = REFRESH.search(text)
        if not redirect:
            return not fragment or BeautifulSoup(text, "lxml").find(id=fragment) is not None
        target, _, target_fragment = redirect.group(1).partition("#")
        html_file = (html_file.parent / target).resolve() / ("" if target.endswith(".html") else "index.html")
        fragment = fragment or target_fragment
    return False


def read_registry() -> list[str]:
    return [line.strip() for line in REGISTRY.read_text().splitlines() if line.strip() and not line.startswith("#")]


def update(site: Path) -> list[str]:
    """Add the build's new entries to the registry; return them."""
    known = set(read_registry()) if REGISTRY.exists() else set()
    new = sorted(published(site) - known)
    header = "# Published page#section links: never remove a line (see tools/anchors.py).\n"
    lines = sorted(known | set(new), key=lambda e: (e.split("#")[0], e))
    REGISTRY.write_text(header + "\n".join(lines) + "\n")
    return new


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--update":
        sys.exit("usage: python tools/anchors.py --update SITE_DIR")
    added = update(Path(sys.argv[2]))
    print(f"{len(added)} new entries in {REGISTRY.name}" + "".join(f"\n  + {entry}" for entry in added))
