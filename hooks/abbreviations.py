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

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


def unwrap(element: etree.Element, parent: etree.Element) -> None:
    """Replace an element by its text (and keep its tail)."""
    text = "".join(element.itertext()) + (element.tail or "")
    index = list(parent).index(element)
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def explain_first_use(root: etree.Element) -> None:
    """Keep only the first `<abbr title>` of each term in each `<h2>` section of the page."""
    parents = {child: parent for parent in root.iter() for child in parent}
    explained: set[str] = set()
    for element in list(root.iter()):
        if element.tag == "h2":
            explained = set()
        elif element.tag == "abbr" and element.get("title") is not None:
            term = "".join(element.itertext())
            if term in explained:
                unwrap(element, parents[element])
            else:
                explained.add(term)


class FirstUse(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        explain_first_use(root)


class FirstUseExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(FirstUse(md), "site-abbreviations-first-use", 6.5)  # after 'abbr' (7)
