"""The build model: every page read and parsed once, and everything one build knows.

A `Build` is made when a build starts (`on_config`) and dropped with it, so nothing one build
learnt can leak into the next under `mkdocs serve`. Its pages are `PageModel`s, read once from
the build's files: front matter apart, lines outside code, headings of every level with their
ids, every explicit id and alias, and the page's title. The checks and features in `hooks/`
read these instead of scanning the Markdown again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markdown_scan import Heading, alias_ids, explicit_ids, find_headings, first_body_line, page_title, prose_lines
from mkdocs.utils.meta import get_data


@dataclass(frozen=True)
class PageModel:
    """A documentation page as its author wrote it, parsed once."""

    src_uri: str
    url: str
    text: str  # the whole file
    meta: dict
    body: str  # the Markdown after the front matter
    first_line: int  # the file line on which `body` starts
    prose: tuple[tuple[int, str], ...]  # (body line, line) outside code
    headings: tuple[Heading, ...]  # every level, body lines
    title: str

    @property
    def sections(self) -> tuple[Heading, ...]:
        """The H2 and H3 headings: the sections a link can point to."""
        return tuple(heading for heading in self.headings if heading.level in (2, 3))

    @cached_property  # a frozen dataclass still keeps it: cached_property writes __dict__ directly
    def ids(self) -> dict[str, str]:
        """Every explicit id and alias of the page, with its heading's text ("" when it is not a
        heading of level 2 to 4)."""
        found = {element_id: "" for _, line in self.prose for element_id in explicit_ids(line) + alias_ids(line)}
        found.update({heading.id: heading.text for heading in self.headings if heading.id and 2 <= heading.level <= 4})
        return found


def read_page(src_uri: str, url: str, text: str) -> PageModel:
    """The model of one page from its file's text."""
    body, meta = get_data(text)
    prose = tuple(prose_lines(body))
    headings = tuple(find_headings(body, levels=(1, 2, 3, 4, 5, 6), prose=prose))
    title = page_title(meta, body, headings) or src_uri
    return PageModel(src_uri, url, text, meta, body, first_body_line(text, body), prose, headings, title)


def read_pages(files) -> dict[str, PageModel]:
    """Every Markdown page of the build, by source path, in the order of the files."""
    return {file.src_uri: read_page(file.src_uri, file.url, file.content_string) for file in files.documentation_pages()}


@dataclass
class Build:
    """What one build knows: made when it starts, so each build starts empty. The features
    (libraries in hooks/) read and fill it only through `site_build`."""

    config: Any
    strings: Any = None  # strings.Strings of theme.language
    pages: dict[str, PageModel] = field(default_factory=dict)  # by source path
    entries: dict[str, Any] = field(default_factory=dict)  # BibTeX key -> pybtex Entry, strictly checked
    registry: Any = None  # references.SiteRegistry: formats the entries as the lists show them
    cited_in: dict[str, dict] = field(default_factory=dict)  # BibTeX key -> references.CitingSection (ordered set)
    sources_of_page: dict[str, list[str]] = field(default_factory=dict)  # page -> the keys its list shows
    converted_sources: dict[tuple, Any] = field(default_factory=dict)  # cite_markdown.ConvertedText of each source, once
    quizzes: Any = None  # quiz.Quizzes
    checklists: dict[str, list] = field(default_factory=dict)  # page -> checklist.Checklist
    search_terms: Any = None  # search_terms.SearchTerms
    search_questions: list[dict] = field(default_factory=list)  # search_questions.read_questions, every listed file
    search_warnings: list[str] = field(default_factory=list)  # the advice the questions never move
    near_common_words: Any = None  # a Future: common_words.near_site_words_of
    links_html: str = ""  # the editors' table of section links
    workers: Any = None  # background.pool(): cards and page scans while the pages render
    cards: list = field(default_factory=list)  # a Future per page's social card
    early_scans: dict[str, Any] = field(default_factory=dict)  # page's file -> hosting.EarlyScan
    search_parts: dict[str, Any] = field(default_factory=dict)  # page -> search_input.Parts, from Markdown
    search_cut: tuple[str, ...] = ()  # the parts of the page being indexed, while the search plugin reads it
    page: PageModel | None = None  # the page whose Markdown is being converted: the site's
    # Markdown extensions (quiz, checklist, citations, ...) read it, as Python-Markdown does not
    # know which file it converts
