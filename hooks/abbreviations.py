"""Abbreviations: explained at their first use in each section, plain text after that.

An abbreviation list appended to every page makes Python-Markdown wrap every occurrence of every
term in `<abbr title="...">`, and Material mounts a tooltip component on each one when the page
loads. A page that repeats its terms pays for every repeat: on a page with 28 abbreviations for
7 terms the tooltips cost about 40 ms of script on a laptop, four times that on a slow phone.
A reader needs the explanation once, where they start reading, and links (from newsletters, from
search) land on sections: so the first use in each `<h2>` section keeps its explanation and the
later uses in that section become plain text. (Material underlines every `abbr` as hoverable, so
a bare `<abbr>` would promise a tooltip it does not have.)
"""

from __future__ import annotations

import re

ABBREVIATION = re.compile(r'<abbr title="[^"]*">(.*?)</abbr>', re.S)
SECTION_START = re.compile(r"(?=<h2\b)")


def explain_first_use(html: str) -> str:
    """The page's HTML with only the first `<abbr title>` of each term in each section."""
    sections = []
    for section in SECTION_START.split(html):
        explained: set[str] = set()

        def first_only(match: re.Match[str]) -> str:
            term = match.group(1)
            if term in explained:
                return term
            explained.add(term)
            return match.group(0)

        sections.append(ABBREVIATION.sub(first_only, section))
    return "".join(sections)
