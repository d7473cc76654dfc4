"""Drive Material's real search box in Chromium as a reader would, and read its results.

Material answers on `keyup`, in a web worker, and renders one box per page: the page's own entry
first, then its best sections, with weaker sections folded under "N more on this page". The
query is entered whole (one keyup), and settled when the result list has stopped changing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlparse

SEARCH_INPUT = "input.md-search__input"
# How long the result list must stay unchanged to count as settled. The query is entered whole,
# so only its own answer can appear; the wait covers the list being drawn on a busy machine.
QUIET_MS = 600


@dataclass(frozen=True)
class Box:
    """One page's group of results, in display order: the page entry, then shown sections."""

    links: tuple[str, ...]


def normalise(href: str, base_url: str) -> str:
    """'causes/#night-cramps' from an absolute result link (no query string)."""
    parsed = urlparse(href)
    path = parsed.path[len(urlparse(base_url).path):] if parsed.path.startswith(urlparse(base_url).path) else parsed.path
    return path.lstrip("/") + (f"#{parsed.fragment}" if parsed.fragment else "")


def open_search(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    magnifier = page.locator("label.md-header__button[for='__search']")
    if magnifier.is_visible():  # narrow screens show a button; wide ones the box itself
        magnifier.click()
    else:
        page.locator(SEARCH_INPUT).click()
    page.locator(SEARCH_INPUT).wait_for(state="visible")
    page.wait_for_function(
        "() => !/Initializing/.test(document.querySelector('.md-search-result__meta')?.textContent ?? '')")


def run_query(page, query: str, base_url: str, timeout_s: float = 10.0) -> list[Box]:
    """Type `query` into the search box and return the result boxes once they settle."""
    box = page.locator(SEARCH_INPUT)
    box.fill("")
    box.press("Backspace")  # Material searches on keyup; an empty query clears the list
    # The whole query in one keyup, so the only answer that can come is the answer to all of it:
    # typed letter by letter, a busy machine could answer "short of brea" and then pause longer
    # than QUIET_MS before answering "short of breath".
    box.fill(query)
    box.press("End")
    deadline = time.monotonic() + timeout_s
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        snapshot = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
            [...item.querySelectorAll(':scope > a.md-search-result__link')].map(a => a.href))""")
        meta = page.locator(".md-search-result__meta").inner_text()
        state = (meta, str(snapshot))
        if state != last:
            last, stable_since = state, time.monotonic()
        elif (time.monotonic() - stable_since) * 1000 >= QUIET_MS and "Type to start" not in meta:
            return [Box(tuple(normalise(href, base_url) for href in links)) for links in snapshot]
        page.wait_for_timeout(50)
    raise TimeoutError(f"search results for {query!r} did not settle")


def matches(link: str, target: str) -> bool:
    """A target 'page/' accepts the page or any of its sections; 'page/#id' only that section.
    The home page is '', '/', './' or 'index.md'; its sections '#id' or './#id'."""
    target = target.lstrip("/").removeprefix("./")
    if target == "index.md":
        target = ""
    if "#" in target:
        return link == target
    return link.split("#")[0] == target


def page_rank(boxes: list[Box], expect: list[str]) -> int | None:
    """Rank of the first box whose page is the page of an acceptable target, the section shown
    or not: the issue's "right page first"."""
    return next((number for number, box in enumerate(boxes, start=1)
                 if box.links and any(matches(box.links[0], target.split("#")[0]) for target in expect)), None)


def ranks(boxes: list[Box], expect: list[str]) -> tuple[int | None, int | None]:
    """(rank of the first acceptable link in display order, rank of the first box holding one)."""
    position = 0
    link_rank = box_rank = None
    for box_number, box in enumerate(boxes, start=1):
        for link in box.links:
            position += 1
            if any(matches(link, target) for target in expect):
                link_rank = link_rank or position
                box_rank = box_rank or box_number
    return link_rank, box_rank
