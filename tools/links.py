"""Links of the built site: every internal link, asset and #fragment must resolve; external
links are listed, never fetched.

    python tools/links.py SITE_DIR      # prints broken links, then the external ones
"""

from __future__ import annotations

import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup

SITE_URL = "https://legcramps.example.org/"
REFERENCES = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
              ("iframe", "src")]


@cache
def ids_of(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return frozenset(el["id"] for el in soup.find_all(id=True)) | frozenset(a["name"] for a in soup.find_all("a", attrs={"name": True}))


def target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def check(site: Path, site_url: str = SITE_URL) -> tuple[list[str], dict[str, set[str]]]:
    """(broken: 'page -> href (reason)', external: url -> pages that link to it)."""
    broken, external = [], defaultdict(set)
    for page in sorted(site.rglob("*.html")):
        page_path = "/" + page.relative_to(site).as_posix()
        page_url = urljoin(site_url, page_path.removesuffix("index.html"))
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag, attribute in REFERENCES:
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = element[attribute]
                absolute = urljoin(page_url, href)
                parsed = urlparse(absolute)
                if parsed.scheme not in ("http", "https"):
                    if parsed.scheme != "data":
                        external[absolute].add(page_path)
                    continue
                if not absolute.startswith(site_url):
                    external[absolute].add(page_path)
                    continue
                target = target_file(site, "/" + absolute[len(site_url):].split("#")[0].split("?")[0])
                if not target.exists():
                    broken.append(f"{page_path} -> {href} (no such file)")
                elif parsed.fragment and target.suffix == ".html" and parsed.fragment not in ids_of(target) \
                        and parsed.fragment != "top":
                    broken.append(f"{page_path} -> {href} (no id '{parsed.fragment}')")
    return broken, external


if __name__ == "__main__":
    broken_links, external_links = check(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    print(f"{len(broken_links)} broken" + "".join(f"\n  {line}" for line in broken_links))
    print(f"{len(external_links)} external links (not fetched):")
    for url, pages in sorted(external_links.items()):
        print(f"  {url}  <- {', '.join(sorted(pages))}")
