"""References: sources read from BibTeX, citations checked, and the list of every source.

- `load`: parses every `.bib` file of `extra.bibliography` strictly, naming file and line of a
  syntax error, a repeated key or an entry without author, title or year; `registry` formats
  them with mkdocs-bibtex's registry in the site's style (PubMed links, web pages' dates).
- `check`: finds every page's citations, with an error for unknown keys (naming page, line and
  the closest known key), and records which page section cites which source (`cite` adds the
  sources that quizzes and checklists name); `keys_by_page` is what each page's list shows.
  The citations themselves become numbered sources in Markdown (`cite_markdown`).
- `index_block`: the `/// references-index` block (optionally `keyword: <BibTeX keyword>`),
  filled with every source and the sections that cite it; `index_block_errors` checks them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path

import site_blocks
from bibliography import SiteStyle, has_identifier, keywords_of, load_bibliography, short_label
from typing import Iterable

from build_errors import SourceError, did_you_mean, raise_all
from citations import check_line
from cite_markdown import SOURCES_ID
from markdown_scan import Heading, find_headings, prose_lines
from mkdocs_bibtex.citation import Citation
from mkdocs_bibtex.registry import SimpleRegistry
from pybtex.backends.markdown import Backend as MarkdownBackend
from pymdownx.blocks.block import type_string
from markdown.util import AtomicString
from pybtex.database import BibliographyData, Entry

INDEX_BLOCK = "references-index"
# A source's reference is searchable (a reader may type "Minetto 2013"); its notes, web address,
# identifiers and the links back to the citing sections are not what readers type, so search
# skips them (and the index stays within its size budget).
NOT_SEARCHED = {"data-search-exclude": ""}
DETAIL_FIELDS = frozenset({"note", "url", "urldate", "pubmed", "doi", "keywords"})
OLD_INDEX_MARKER = re.compile(r"^\s*<!--\s*references-index\b")


@dataclass(frozen=True)
class CitingSection:
    """Where a source is cited: a page and the section of it."""

    src_uri: str
    page_title: str
    section_id: str | None
    section_title: str | None

    @property
    def link(self) -> str:
        return f"{self.src_uri}#{self.section_id}" if self.section_id else self.src_uri


CitedIn = dict[str, dict[CitingSection, None]]  # BibTeX key -> the sections that cite it, in page order (a set that keeps order)


# ----------------------------------------------------------------------------- citations

@dataclass(frozen=True)
class FoundCitation:
    key: str
    line: int
    section: str | None


def find_citations(markdown: str, file: str = "", first_line: int = 1, known: frozenset[str] = frozenset(),
                   headings: Iterable[Heading] | None = None, prose: Iterable[tuple[int, str]] | None = None,
                   ) -> tuple[list[FoundCitation], list[SourceError]]:
    """Every `[@key]` citation outside code, with its line and the id of its section, and an
    error for everything that starts like a citation but is not one the site can read.
    `headings` (every level) and `prose` are the page's, when already known."""
    prose = list(prose if prose is not None else prose_lines(markdown))
    headings = list(headings if headings is not None else find_headings(markdown, (1, 2, 3, 4, 5, 6), prose))
    sections = {heading.line: heading.id for heading in headings if heading.level in (2, 3)}
    heading_lines = {heading.line for heading in headings}
    current = None
    found: list[FoundCitation] = []
    errors: list[SourceError] = []
    for number, line in prose:
        current = sections.get(number, current)
        groups, problems = check_line(line, number + first_line - 1, file, known, heading=number in heading_lines)
        errors += problems
        found += [FoundCitation(key, number, current) for group in groups for key in group.keys]
    return found, errors


def check_keys(citations: list[FoundCitation], known: set[str], file: str, first_line: int) -> list[SourceError]:
    """Errors for citations of keys that no .bib file defines, each with the closest known key."""
    errors = []
    for citation in citations:
        if citation.key not in known:
            errors.append(SourceError(file, citation.line + first_line - 1, f"unknown citation key '{citation.key}'",
                                      did_you_mean(citation.key, known, "add the source to a .bib file in bib/")))
    return errors


LINE_START_CITATION = re.compile(r"^\s*\[@[^\]]*\]:")


def check_line_starts(markdown: str, file: str, first_line: int,
                      prose: Iterable[tuple[int, str]] | None = None) -> list[SourceError]:
    """Errors for citations that start a line and are followed by a colon: Markdown can read
    `[@key]: word` as a link definition, so the citation and the line vanish."""
    return [SourceError(file, number + first_line - 1, "a citation at the start of a line followed by ':' can be "
                        "read as a link definition and disappear", "move the citation onto the line before, after "
                        "the last word of the sentence")
            for number, line in (prose if prose is not None else prose_lines(markdown))
            if LINE_START_CITATION.match(line)]


# ----------------------------------------------------------------------------- the index page

def cited_on_items(places: list[CitingSection]) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """One item per citing page: (link, title) of the page, then (link, title) of its citing
    sections."""
    by_page: dict[tuple[str, str], list[CitingSection]] = {}
    for place in places:
        by_page.setdefault((place.src_uri, place.page_title), []).append(place)
    return [(page, [(place.link, place.section_title) for place in sections if place.section_title])
            for page, sections in by_page.items()]


def render_index(parent: etree.Element, keys: list[str], entries: dict[str, Entry],
                 formatted: dict[str, tuple[str, str]], cited_in: dict[str, list[CitingSection]], text) -> None:
    """A list of sources, as elements in `parent`: one linkable heading per source, its
    reference (Markdown, for the inline patterns: what search reads, then the details it skips)
    and links to the sections that cite it."""

    def add(tag: str, content: str | None = None, attributes: dict | None = None, into=parent) -> etree.Element:
        element = etree.SubElement(into, tag, attributes or {})
        element.text = content
        return element

    for key in keys:
        entry = entries[key]
        add("h3", AtomicString(short_label(entry)), {"id": key.lower()})
        searched, details = formatted[key]
        reference = add("p", searched)
        if details:
            add("span", details, NOT_SEARCHED, into=reference)
        if not has_identifier(entry):
            add("p", AtomicString(text("references.no_identifier")), NOT_SEARCHED)
        places = list(dict.fromkeys(cited_in.get(key, [])))
        if not places:
            add("p", AtomicString(text("references.not_cited")), NOT_SEARCHED)
            continue
        add("p", AtomicString(text("references.cited_on")), NOT_SEARCHED)
        listing = add("ul", attributes=NOT_SEARCHED)
        for (page_link, page_title), sections in cited_on_items(places):
            item = add("li", into=listing)
            add("a", AtomicString(page_title), {"href": page_link}, into=item)
            last = item[-1]
            for number, (link, title) in enumerate(sections):
                last.tail = ": " if number == 0 else ", "
                last = add("a", AtomicString(title), {"href": link}, into=item)


def index_keys(entries: dict[str, Entry], keyword: str | None, listed: set[str]) -> list[str]:
    """The sources one index lists: those not listed by an earlier index of the page, limited to
    a BibTeX keyword when the index names one."""
    return [key for key, entry in entries.items()
            if key not in listed and (not keyword or keyword in keywords_of(entry))]


def page_relative(place: CitingSection, src_uri: str) -> CitingSection:
    """A citing section as a link from the page `src_uri`."""
    depth = len(Path(src_uri).parent.parts)
    return CitingSection("../" * depth + place.src_uri, place.page_title, place.section_id, place.section_title)


INDEX_OPTIONS = {"keyword": ("", type_string)}  # a BibTeX keyword: only the sources with it (not listed above)


def index_block_errors(pages, entries: dict[str, Entry]) -> list[SourceError]:
    """Every `/// references-index` block is one the build can fill; an index in the old
    comment form would silently stay empty."""
    known_keywords = {word for entry in entries.values() for word in keywords_of(entry)}
    errors = []
    for page in pages:
        blocks, errors_here = site_blocks.find(page, {INDEX_BLOCK})
        errors += errors_here
        for block in blocks:
            errors += site_blocks.unknown_options(page, block, INDEX_OPTIONS)
            keyword = block.options.get("keyword")
            if keyword is not None and str(keyword) not in known_keywords:
                errors.append(SourceError(page.src_uri, block.line + page.first_line - 1, f"no source has the keyword "
                                          f"'{keyword}'", did_you_mean(str(keyword), known_keywords,
                                                                       "use a keyword of the .bib entries")))
            if block.content:
                errors.append(SourceError(page.src_uri, block.line + page.first_line - 1, "a references index is "
                                          "written by the build, so it holds nothing", "remove the text inside it"))
        errors += [SourceError(page.src_uri, number + page.first_line - 1, "an index of sources in the old form "
                               "(an HTML comment) stays empty", f"write `/// {INDEX_BLOCK}` and `///` on the next line")
                   for number, line in page.prose if OLD_INDEX_MARKER.match(line)]
    return errors


def index_block(site) -> type:
    """The `/// references-index` block of the build `site` (a `site_model.Build`)."""

    def fill(block, element) -> None:
        listed = block.tracker.setdefault("listed", set())
        keys = index_keys(site.entries, block.options["keyword"], listed)
        listed.update(keys)
        src_uri = site.page.src_uri
        places = {key: [page_relative(place, src_uri) for place in site.cited_in.get(key, [])] for key in keys}
        formatted = {key: site.registry.reference_parts(key) for key in keys}
        render_index(element, keys, site.entries, formatted, places, site.strings)

    return site_blocks.make_block(INDEX_BLOCK, INDEX_OPTIONS, fill)


# ----------------------------------------------------------------------------- the build

class SiteRegistry(SimpleRegistry):
    """mkdocs-bibtex's registry over the entries the build has already read and checked, in the
    site's style: the .bib files are parsed once, and checking and rendering see the same
    sources."""

    def __init__(self, entries: dict[str, Entry], style) -> None:  # no super(): it would parse the files again
        self.bib_data = BibliographyData(entries=entries)
        self.footnote_format = "{key}"
        self.style = style
        self.backend = MarkdownBackend()
        self.texts: dict[str, str] = {}

    def reference_text(self, citation) -> str:
        """Each source's text once per build, however many pages list it."""
        if citation.key not in self.texts:
            self.texts[citation.key] = super().reference_text(citation)
        return self.texts[citation.key]

    def reference_parts(self, key: str) -> tuple[str, str]:
        """A source's text in two parts: who wrote what, where and when, which a reader may
        search for; then its notes, web address and identifiers. Whole in the first part when the
        style does not write the details last."""
        whole = self.reference_text(Citation(key))
        entry = self.bib_data.entries[key]
        bare = Entry(entry.type, fields={name: value for name, value in entry.fields.items()
                                         if name.lower() not in DETAIL_FIELDS}, persons=entry.persons)
        bare.key = key
        # The label keeps the style's cache of formatted entries apart from the whole entry's.
        searched = self.style.format_entry("without details", bare).text.render(self.backend)
        return split_details(whole, cleaned(searched))


def cleaned(markdown: str) -> str:
    """A formatted source as mkdocs-bibtex's registry gives it: on one line, with the escapes
    of brackets and full stops undone."""
    return markdown.replace("\n", " ").replace("\\(", "(").replace("\\)", ")").replace("\\.", ".")


def split_details(whole: str, searched: str) -> tuple[str, str]:
    """`whole` as (the part a reader searches for, the details after it); all of it searched
    when `searched`, the reference without its details, is not how `whole` begins."""
    searched = searched.rstrip()
    if searched and whole.startswith(searched) and whole != searched:
        return searched, whole[len(searched):]
    return whole, ""


def bib_paths(config) -> list[Path]:
    """Every .bib file of the folder that `extra.bibliography` names."""
    folder = config.extra.get("bibliography")
    root = Path(config.config_file_path).parent
    if not folder or not (root / str(folder)).is_dir():
        raise_all([SourceError("mkdocs.yml", None, f"`extra: bibliography:` names no folder of .bib files "
                               f"({folder!r})", "write `bibliography: bib` under `extra:`")])
    return sorted((root / str(folder)).rglob("*.bib"))


def load(config, text) -> tuple[dict[str, Entry], SiteRegistry]:
    """Every source of every `.bib` file, strictly checked (stops the build otherwise), and the
    registry that formats them in the site's style and words (`text`). Read again at every
    build, so `mkdocs serve` always shows the files as they are; the style that checked the
    entries formats them for the pages, so each is formatted once."""
    style = SiteStyle(text=text)
    entries = load_bibliography(bib_paths(config), Path(config.config_file_path).parent, style)
    return entries, SiteRegistry(entries, style)


def reference_text(registry: SiteRegistry, key: str) -> str:
    """A source as the lists show it (Markdown)."""
    return registry.reference_text(Citation(key))


def section_at(page, file_line: int) -> str | None:
    """The id of the H2 or H3 section of `page` (a `site_model.PageModel`) that holds a line."""
    current = None
    for heading in page.sections:
        if heading.line + page.first_line - 1 > file_line:
            break
        current = heading.id
    return current


def cite(cited_in: CitedIn, page, key: str, section_id: str | None) -> None:
    """Record that `page` (a `site_model.PageModel`) cites `key` in a section."""
    title = next((heading.text for heading in page.sections if heading.id == section_id), None)
    place = CitingSection(page.src_uri, page.title, section_id, title)
    cited_in.setdefault(key, {})[place] = None


def keys_by_page(cited_in: CitedIn) -> dict[str, list[str]]:
    """The sources each page cites (page → keys), from where each source is cited."""
    pages: dict[str, list[str]] = {}
    for key, places in cited_in.items():
        for place in places:
            keys = pages.setdefault(place.src_uri, [])
            if key not in keys:
                keys.append(key)
    return pages


def reserved_id_errors(page, heading_id: str = SOURCES_ID) -> list[SourceError]:
    """A page that cites sources gets a heading with the id "sources": the page must leave it free."""
    line = next((heading.line for heading in page.headings if heading.id == heading_id), None)
    if line is None and heading_id not in page.ids:
        return []
    return [SourceError(page.src_uri, (line + page.first_line - 1) if line else None,
                        f"the id '{heading_id}' is reserved for the list of sources", "rename that section's id")]


def check(pages, entries: dict[str, Entry]) -> tuple[CitedIn, list[SourceError]]:
    """The sections that cite each source, and every problem with a citation on any page
    (`site_model.PageModel`s)."""
    errors: list[SourceError] = []
    cited_in: CitedIn = {}
    for page in pages:
        citations, problems = find_citations(page.body, page.src_uri, page.first_line, frozenset(entries),
                                             page.headings, page.prose)
        errors += problems
        errors += check_keys(citations, set(entries), page.src_uri, page.first_line)
        errors += check_line_starts(page.body, page.src_uri, page.first_line, page.prose)
        if citations:
            errors += reserved_id_errors(page)
        for citation in citations:
            cite(cited_in, page, citation.key, citation.section)
    return cited_in, errors
