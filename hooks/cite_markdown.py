"""Citations as Markdown syntax: `[@key]` and `[@key; @other]` become numbered sources.

A Python-Markdown extension, made for one build, that works with the `footnotes` extension:

- before the blocks are parsed, the sources the page cites (known from the build model, every
  one checked) are given to `footnotes` as definitions, formatted by the site's registry;
- an inline pattern turns each citation into the footnote references `footnotes` itself would
  write, with a comma between the numbers of sources cited together ("1,2", not "12"). Inline
  patterns never run inside code, so citation-like text in code stays as written;
- after the inline patterns, the sources are numbered in reading order (the order a reader
  meets them), the list is put under a "Sources" heading kept out of the search index;
- a source's text is converted once per build: the elements Markdown made of it on the first
  page that lists it are copied into the lists of later pages, as literal text that the inline
  patterns skip. On a site that cites the same sources on every page, converting their text
  again on each page was about a third of the build's Markdown time.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from build_errors import SourceError, raise_all
from citations import CITATION_GROUP, KEY_IN_GROUP
from markdown import Extension, Markdown
from markdown.extensions.footnotes import NBSP_PLACEHOLDER, FootnoteExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, INLINE_PLACEHOLDER_PREFIX, TAG_PLACEHOLDER, AtomicString

GROUP_TAG = "cite-group"  # a wrapper that lives only between the inline pattern and the renumbering
SEPARATOR_CLASS = "citation-separator"
SOURCES_ID = "sources"


@dataclass(frozen=True)
class Citations:
    """What the extension needs from the build, for the page being converted."""

    keys_of_page: Callable[[], list[str]]  # the page's cited keys, checked
    reference_text: Callable[[str], str]  # Markdown of one source, as listed
    page_name: Callable[[], str]
    heading: str  # "Sources", in the site's language
    converted: dict[tuple, "ConvertedText"] = field(default_factory=dict)  # (key, text, abbreviations) -> its elements, for the build


class ConvertedText(NamedTuple):
    """A source's text as Markdown converted it: the paragraph's leading text and elements."""

    text: str
    elements: tuple[etree.Element, ...]


def footnotes_of(md: Markdown) -> FootnoteExtension:
    found = next((ext for ext in md.registeredExtensions if isinstance(ext, FootnoteExtension)), None)
    if found is None:
        raise_all([SourceError("mkdocs.yml", None, "citations need the footnotes extension",
                               "add `- footnotes` under markdown_extensions")])
    return found


class RegisterSources(Preprocessor):
    def __init__(self, md: Markdown, citations: Citations):
        super().__init__(md)
        self.citations = citations

    def run(self, lines: list[str]) -> list[str]:
        footnotes = footnotes_of(self.md)
        for key in self.citations.keys_of_page():
            footnotes.setFootnote(key, self.citations.reference_text(key))
        return lines


class CitationPattern(InlineProcessor):
    """`[@a; @b]` → the footnote references of a and b, separated by a comma."""

    def __init__(self, md: Markdown, citations: Citations):
        super().__init__(CITATION_GROUP.pattern, md)
        self.citations = citations

    def handleMatch(self, match, data):
        footnotes = footnotes_of(self.md)
        group = etree.Element(GROUP_TAG)
        keys = [match.group("first"), *KEY_IN_GROUP.findall(match.group("rest") or "")]
        for number, key in enumerate(keys):
            if key not in footnotes.footnotes:
                raise_all([SourceError(self.citations.page_name(), None, f"the citation of '{key}' was not found when "
                                       "the page was checked, so it has no source to show",
                                       "write it in the text of the page, a quiz or a checklist as `[@key]`")])
            if number:
                separator = etree.SubElement(group, "sup", {"class": SEPARATOR_CLASS})
                separator.text = AtomicString(",")
            footnotes.addFootnoteRef(key)
            sup = etree.SubElement(group, "sup", {"id": footnotes.makeFootnoteRefId(key, found=True)})
            link = etree.SubElement(sup, "a", {"class": "footnote-ref", "href": "#" + footnotes.makeFootnoteId(key)})
            link.text = AtomicString("0")  # numbered in reading order once the page is complete
        return group, match.start(0), match.end(0)


class NumberInReadingOrder(Treeprocessor):
    """Number the sources in the order a reader meets them, drop the group wrappers, and head
    the list of sources."""

    def __init__(self, md: Markdown, citations: Citations):
        super().__init__(md)
        self.citations = citations

    def run(self, root: etree.Element) -> None:
        footnotes = footnotes_of(self.md)
        unwrap_groups(root)
        order: dict[str, int] = {}
        for link in root.iter("a"):
            if link.get("class") == "footnote-ref":
                key = link.get("href", "").split(footnotes.get_separator(), 1)[-1]
                link.text = AtomicString(str(order.setdefault(key, len(order) + 1)))
        box = next((div for div in root.iter("div") if div.get("class") == "footnote"), None)
        if box is None:
            return
        if not order:  # sources given to the list, none cited in the text: no list at all
            next(element for element in root.iter() if box in list(element)).remove(box)
            return
        sort_sources(box, order, footnotes)
        head_sources(root, box, self.citations.heading)


def unwrap_groups(root: etree.Element) -> None:
    """Replace each citation group by its children (the tail of the group follows the last)."""
    for parent in [element for element in root.iter() if any(child.tag == GROUP_TAG for child in element)]:
        for index in reversed(range(len(parent))):
            group = parent[index]
            if group.tag != GROUP_TAG:
                continue
            children = list(group)
            if group.tail:
                children[-1].tail = (children[-1].tail or "") + group.tail
            parent[index:index + 1] = children


def sort_sources(box: etree.Element, order: dict[str, int], footnotes: FootnoteExtension) -> None:
    """The list items in reading order, with their back links' titles to match; a source
    given to the list but not cited in the text is left out."""
    listing = box.find("ol")
    items = listing.findall("li")
    numbered = []
    for item in items:
        key = item.get("id", "").split(footnotes.get_separator(), 1)[-1]
        listing.remove(item)
        if key in order:
            numbered.append((order[key], item))
    for number, item in sorted(numbered, key=lambda pair: pair[0]):
        backlink = item.find('.//a[@class="footnote-backref"]')
        if backlink is not None:
            backlink.set("title", footnotes.getConfig("BACKLINK_TITLE").format(number))
        listing.append(item)


def head_sources(root: etree.Element, box: etree.Element, heading: str) -> None:
    """A "Sources" heading over the list, which stands for itself (no rule above it); both are
    kept out of the search index."""
    for rule in box.findall("hr"):
        box.remove(rule)
    box.set("data-search-exclude", "")
    parent = next(element for element in root.iter() if box in list(element))
    title = etree.Element("h2", {"id": SOURCES_ID, "data-search-exclude": "true"})
    title.text = AtomicString(heading)
    parent.insert(list(parent).index(box), title)


# ----------------------------------------------------------------------------- each source's text once

def source_items(root: etree.Element, footnotes: FootnoteExtension, keys: list[str]) -> list[tuple[str, etree.Element]]:
    """(key, paragraph) of each listed source whose item is the one paragraph footnotes makes
    of a one-paragraph text, the back links at its end."""
    box = next((div for div in root.iter("div") if div.get("class") == "footnote"), None)
    listing = box.find("ol") if box is not None else None
    wanted = set(keys)
    found = []
    for item in listing if listing is not None else ():
        key = item.get("id", "").split(footnotes.get_separator(), 1)[-1]
        if key in wanted and len(item) == 1 and item[0].tag == "p":
            found.append((key, item[0]))
    return found


def abbreviations_of(md: Markdown) -> tuple:
    """The page's abbreviations (the `abbr` extension marks them in a source's text too)."""
    processor = md.treeprocessors["abbr"] if "abbr" in md.treeprocessors else None
    return tuple(sorted(getattr(processor, "abbrs", {}).items()))


def literal_copy(element: etree.Element) -> etree.Element:
    """A copy whose text the inline patterns and abbreviations leave as it is."""
    copy = etree.Element(element.tag, dict(element.attrib))
    copy.text = AtomicString(element.text) if element.text else None
    copy.tail = AtomicString(element.tail) if element.tail else None
    copy.extend(literal_copy(child) for child in element)
    return copy


# What stands in the text for something this page's conversion keeps elsewhere (raw HTML); an
# escaped character's mark (STX 45 ETX) is the same on every page, and is kept.
PAGE_PLACEHOLDERS = tuple(mark.split("%s")[0] for mark in (HTML_PLACEHOLDER, TAG_PLACEHOLDER)) + (INLINE_PLACEHOLDER_PREFIX,)


def has_placeholder(text: str | None) -> bool:
    return any(mark in (text or "") for mark in PAGE_PLACEHOLDERS)


def converted_part(paragraph: etree.Element) -> ConvertedText | None:
    """The source's own text and elements of a listed source, without the back links that
    footnotes added after it (and the space before them); None when it cannot be reused."""
    elements = []
    for child in paragraph:
        if child.get("class") == "footnote-backref":
            break
        elements.append(literal_copy(child))
    text = paragraph.text or ""
    if elements:
        elements[-1].tail = AtomicString((elements[-1].tail or "").removesuffix(NBSP_PLACEHOLDER)) or None
    else:
        text = text.removesuffix(NBSP_PLACEHOLDER)
    part = ConvertedText(text, tuple(elements))
    texts = [text] + [piece for element in elements for node in element.iter() for piece in (node.text, node.tail)]
    return None if any(has_placeholder(piece) for piece in texts) else part


def put_converted(paragraph: etree.Element, part: ConvertedText) -> None:
    """Replace the Markdown text of a listed source (not converted yet) by its converted
    elements, keeping the space and back links that footnotes put after it."""
    copies = [literal_copy(element) for element in part.elements]
    if copies:
        paragraph.text = AtomicString(part.text) if part.text else None
        copies[-1].tail = AtomicString((copies[-1].tail or "") + NBSP_PLACEHOLDER)
    else:
        paragraph.text = AtomicString(part.text + NBSP_PLACEHOLDER)
    paragraph[0:0] = copies


class ListedSources(Treeprocessor):
    """A tree processor over the page's listed sources, each with its key in `converted`."""

    def __init__(self, md: Markdown, citations: Citations):
        super().__init__(md)
        self.citations = citations

    def listed(self, root: etree.Element) -> list[tuple[tuple, etree.Element]]:
        """((key, text, abbreviations), paragraph) of each listed source."""
        footnotes = footnotes_of(self.md)
        abbreviations = abbreviations_of(self.md)
        return [((key, footnotes.footnotes.get(key), abbreviations), paragraph)
                for key, paragraph in source_items(root, footnotes, self.citations.keys_of_page())]


class ReuseConvertedSources(ListedSources):
    """Before the inline patterns: the sources this build has already converted are put in."""

    def run(self, root: etree.Element) -> None:
        for known, paragraph in self.listed(root):
            if (part := self.citations.converted.get(known)) is not None:
                put_converted(paragraph, part)


class RememberConvertedSources(ListedSources):
    """After the inline patterns and the abbreviations: the sources this page converted are
    kept for the next pages."""

    def run(self, root: etree.Element) -> None:
        for known, paragraph in self.listed(root):
            if known not in self.citations.converted and (part := converted_part(paragraph)) is not None:
                self.citations.converted[known] = part


class CitationExtension(Extension):
    def __init__(self, citations: Citations):
        super().__init__()
        self.citations = citations

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(RegisterSources(md, self.citations), "site-citation-sources", 5)
        # Before footnote references (175) and links (160); after code spans (190).
        md.inlinePatterns.register(CitationPattern(md, self.citations), "site-citation", 176)
        # After the inline patterns (20); before footnotes add their duplicate back links (15)
        # and before the table of contents (5) reads the headings.
        md.treeprocessors.register(NumberInReadingOrder(md, self.citations), "site-citation-order", 18)
        # After footnotes build the list (50), before the inline patterns (20); and after the
        # abbreviations (7), before each term keeps only its first explanation (6.5).
        md.treeprocessors.register(ReuseConvertedSources(md, self.citations), "site-citation-reuse", 30)
        md.treeprocessors.register(RememberConvertedSources(md, self.citations), "site-citation-remember", 6.8)
