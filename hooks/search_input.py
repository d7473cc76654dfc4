"""What Material's search plugin reads of a page: the page without the parts it would skip.

Material's search plugin indexes a page by feeding all of `page.content` to Python's HTMLParser
(at `on_page_context`, priority 0), and skips every element marked `data-search-exclude`
only after parsing it. On pages whose quizzes and source lists are excluded, that is most of
the HTML: at 250 pages the parse cost three times what plain Material's does. So the parts the
plugin would skip are cut out before it reads the page and put back after, and the index it
writes is the same, byte for byte.

- `SkippedPartsExtension` marks, in the finished element tree, each outermost element that is
  excluded from search and safe to cut (`cuttable`), and its postprocessor notes where those
  parts are in the page's HTML (`Parts`), removing the marks.
- `without_parts` gives the page with each part replaced by an HTML comment (which the parser
  ignores), `with_parts` puts them back after the search plugin has read (and edited) it.

A page whose HTML changed after Markdown in a way that moved the parts is given whole: the
saving is lost, never the index's correctness.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

EXCLUDE = "data-search-exclude"
# Python-Markdown strips STX and ETX from every source, so these marks cannot come from a page.
START, END = "\x02search-skip\x03", "\x02/search-skip\x03"
HEADINGS = {f"h{level}" for level in range(1, 7)}
PLACEHOLDER = "<!--search-skipped:{}-->"
PLACEHOLDER_PREFIX = "<!--search-skipped:"
# The search plugin deletes `data-search-*` attributes that have a value from the page it has
# read; a part holding one must stay in, so that the plugin edits it as before.
VALUED_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]')


@dataclass(frozen=True)
class Parts:
    """A page's HTML as Markdown wrote it, and where its skippable parts are in it."""

    html: str
    spans: tuple[tuple[int, int], ...]


def cuttable(element: etree.Element, skipping: bool = False) -> bool:
    """Whether the search plugin would skip all of this element and nothing around it: an
    excluded element, or any element inside one the plugin is skipping whole (`skipping`).

    Not when it is, or holds, a heading: a heading opens a section of the index even inside an
    excluded element. Not when it holds an element of its own tag: the plugin stops skipping at
    the first end tag with the excluded element's name."""
    if element.tag in HEADINGS or (element.get(EXCLUDE) is None and not skipping):
        return False
    return not any(inner.tag in HEADINGS or inner.tag == element.tag for inner in element.iter() if inner is not element)


def skipped_whole(element: etree.Element) -> bool:
    """Whether the plugin skips everything inside this excluded element, whatever headings in it
    open: no element inside it has its tag (which would end the skipping early) or is excluded
    itself (which would change what the plugin is skipping)."""
    return element.get(EXCLUDE) is not None and not any(
        inner.tag == element.tag or inner.get(EXCLUDE) is not None for inner in element.iter() if inner is not element)


def mark_parts(root: etree.Element, skipping: bool = False) -> None:
    """Put START before and END after each outermost cuttable element, as text of the tree.
    Inside an excluded element that holds a heading (the site-wide quiz, with a heading per
    topic), the parts between the headings are cut."""
    for index, child in enumerate(root):
        if not cuttable(child, skipping):
            if not (skipping and child.tag in HEADINGS):
                mark_parts(child, skipping or skipped_whole(child))
            continue
        if index:
            before = root[index - 1]
            before.tail = (before.tail or "") + START
        else:
            root.text = (root.text or "") + START
        child.tail = END + (child.tail or "")


def find_parts(marked_html: str) -> Parts:
    """The HTML without the marks, and the spans the marks enclosed, as Markdown returns the
    page: with the whitespace around it stripped."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    length = -(len(marked_html) - len(marked_html.lstrip()))
    position = 0
    while (start := marked_html.find(START, position)) >= 0:
        end = marked_html.index(END, start)
        before, part = marked_html[position:start], marked_html[start + len(START):end]
        pieces += [before, part]
        length += len(before)
        if not VALUED_SEARCH_ATTRIBUTE.search(part):
            spans.append((length, length + len(part)))
        length += len(part)
        position = end + len(END)
    pieces.append(marked_html[position:])
    return Parts("".join(pieces).strip(), tuple(spans))


def without_parts(content: str, parts: Parts | None) -> tuple[str, tuple[str, ...]]:
    """The page for the search plugin (each part replaced by a placeholder comment) and the
    parts cut out; the page unchanged, and no parts, if the parts are no longer where Markdown
    put them."""
    if parts is None or not parts.spans or not content.startswith(parts.html) or PLACEHOLDER_PREFIX in content:
        return content, ()
    pieces, cut, position = [], [], 0
    for number, (start, end) in enumerate(parts.spans):
        pieces += [content[position:start], PLACEHOLDER.format(number)]
        cut.append(content[start:end])
        position = end
    pieces.append(content[position:])
    return "".join(pieces), tuple(cut)


def with_parts(content: str, cut: tuple[str, ...]) -> str:
    """The page the search plugin has read, with the parts put back in their places."""
    for number, part in enumerate(cut):
        content = content.replace(PLACEHOLDER.format(number), part, 1)
    return content


class MarkParts(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        mark_parts(root)


class NoteParts(Postprocessor):
    def __init__(self, md: Markdown, keep: Callable[[Parts], None]):
        super().__init__(md)
        self.keep = keep

    def run(self, text: str) -> str:
        if START not in text:  # also the headings' HTML, which the toc extension postprocesses apart
            return text
        parts = find_parts(text)
        self.keep(parts)
        return parts.html  # stripped, as Markdown returns it anyway


class SkippedPartsExtension(Extension):
    """`keep(parts)` is called with each converted page's `Parts`."""

    def __init__(self, keep: Callable[[Parts], None]):
        super().__init__()
        self.keep = keep

    def extendMarkdown(self, md: Markdown) -> None:
        # Last of the tree processors (after 'prettify' and 'unescape') and of the postprocessors
        # (after the raw HTML and footnote back-links are put in), so the spans are final.
        md.treeprocessors.register(MarkParts(md), "site-search-skipped-parts", -100)
        md.postprocessors.register(NoteParts(md, self.keep), "site-search-skipped-parts", -100)
