"""The public URL contract, read from the project rather than copied: the pages are those of
`nav:` in mkdocs.yml (topic pages: those in a nav group), and the section ids each page must
keep are those of the registry of published links, tests/published-anchors.txt (`make anchors`
adds new ones; none is ever removed)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: its tags (`!ENV`, `!!python/name`) read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def page_url(markdown_file: str) -> str:
    """'basics/' for 'basics.md', '' for 'index.md' (as the site's URLs are written)."""
    stem = markdown_file[: -len(".md")]
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def nav_pages(nav: list) -> tuple[list[str], list[str]]:
    """(every page, the pages inside a nav group) of a `nav:` list, in order."""
    pages, grouped = [], []
    for item in nav:
        for value in (item.values() if isinstance(item, dict) else [item]):
            if isinstance(value, list):
                inner, _ = nav_pages(value)
                pages += inner
                grouped += inner
            elif isinstance(value, str) and value.endswith(".md"):
                pages.append(page_url(value))
    return pages, grouped


def registered_ids(text: str) -> dict[str, list[str]]:
    """Page URL -> section ids, from the registry's `/page/#id` lines."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("/"):
            page, _, section = line[1:].partition("#")
            found.setdefault(page, [])
            if section:
                found[page].append(section)
    return found


_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
_NAV, TOPIC_PAGES = nav_pages(_CONFIG["nav"])
_REGISTERED = registered_ids((ROOT / "tests" / "published-anchors.txt").read_text(encoding="utf-8"))
PAGES = {page: _REGISTERED.get(page, []) for page in _NAV}

# Flesch–Kincaid grade ceilings: plainer still where readers arrive worried or new.
GRADE_LIMITS = {page: 8.0 for page in PAGES} | {"": 7.0, "basics/": 7.0, "see-a-doctor/": 7.0}

# H2 sections that summarise or point elsewhere rather than state facts.
SECTIONS_WITHOUT_FACTS = {"key-points", "related-topics", "sources", "quiz", "topics", "about-this-site"}
