"""Section links that can be shared: aliases for renamed ids, a list for link editors, and a
meta description for link previews.

- Aliases: a heading may keep its old ids, `## Title {#new-id data-aliases="old-id"}`. The
  old `#old-id` must still land on the section with no round trip, so a tree processor
  (`AliasTargetsExtension`) puts an empty element with each old id right before the heading.
- The page holding a `/// section-links` block gets, in its place, every page and section of the
  site with its title, a one-line summary and its full URL (`links_table`, from the build
  model of all pages, in navigation order).
- `finish` sets the page's meta description from its key points (the list in its "Key points"
  box or section), falling back to the front matter's `description`: what a search result, a
  mail client or a social feed shows under the title.
- `write_robots` writes `robots.txt`, pointing crawlers at the sitemap.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

import site_blocks
from build_errors import SourceError
from markdown_scan import ATTR_LIST, Heading, find_headings, prose_lines

ALIASED_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
LINKS_BLOCK = "section-links"
OLD_MARKER = "<!-- section-links -->"
DESCRIPTION_LIMIT = 160
TAG = re.compile(r"<[^>]+>")
KEY_POINTS_BOX = re.compile(r'<div\b[^>]*\bclass="[^"]*\babstract\b')
KEY_POINTS_HEADING = re.compile(r'<h2\b[^>]*\bid="key-points"')


@dataclass(frozen=True)
class SectionLink:
    page_title: str
    title: str | None
    url: str
    summary: str


# ----------------------------------------------------------------------------- plain text

def plain(markdown: str) -> str:
    """Markdown inline text as plain text: no citations, links, emphasis or attribute lists."""
    text = re.sub(r"\s*\[@[^\]]*\]", "", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = ATTR_LIST.sub("", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def section_summaries(markdown: str, headings: list[Heading] | None = None,
                      prose: list[tuple[int, str]] | None = None) -> dict[str | None, str]:
    """The first sentence of the first paragraph under each heading (None: before any).
    `headings` and `prose` are the page's, when already known."""
    summaries: dict[str | None, str] = {}
    prose = list(prose if prose is not None else prose_lines(markdown))
    found = headings if headings is not None else find_headings(markdown, (1, 2, 3), prose)
    by_line = {heading.line: heading.id for heading in found if heading.level in (1, 2, 3)}
    current, paragraph = None, []
    for number, line in [*prose, (0, "")]:
        if number in by_line:
            current, paragraph = by_line[number] or None, []
            continue
        stripped = line.strip()
        starts_block = re.match(r"(!!!|\?\?\?|///|[-*+] |\d+\. |<|\||>|```|~~~)", stripped)
        if stripped and not starts_block and current not in summaries:
            paragraph.append(stripped)
        elif paragraph and current not in summaries:
            summaries[current] = first_sentence(plain(" ".join(paragraph)))
            paragraph = []
    return summaries


def key_points(content_html: str) -> list[str]:
    """The page's key points as plain text, without citation numbers: the items of the first
    list in the key-points box (`!!! abstract`), or under the `key-points` heading. Read with an
    HTML parser (lxml), so nested lists and extra attributes do not cut a point short; only the
    part from the box to the next section is parsed."""
    starts = [found.start() for found in (KEY_POINTS_BOX.search(content_html), KEY_POINTS_HEADING.search(content_html))
              if found]
    if not starts:
        return []
    start = min(starts)
    end = content_html.find("<h2", start + 3)
    root = lxml_html.fragment_fromstring(content_html[start:end if end > 0 else None], create_parent="div")
    box = root.xpath('.//div[contains(concat(" ", normalize-space(@class), " "), " abstract ")]')
    heading = root.xpath('.//h2[@id="key-points"]')
    lists = box[0].xpath(".//ul|.//ol") if box else heading[0].xpath("following::*[self::ul or self::ol]") if heading else []
    if not lists:
        return []
    for citation in lists[0].xpath(".//sup"):
        citation.drop_tree()  # keeps the text after it
    return [" ".join(" ".join(item.itertext()).split()) for item in lists[0].xpath("./li")]


def description_from_key_points(content_html: str) -> str | None:
    """A meta description from the page's key points: whole points, up to the length a
    search result or link preview shows."""
    points = key_points(content_html)
    sentences = [sentence for point in points if point
                 for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"\s+([.,;:])", r"\1", point))]
    description = ""
    for sentence in sentences:
        candidate = f"{description} {sentence}".strip()
        if len(candidate) > DESCRIPTION_LIMIT:
            break
        description = candidate
    if not description and sentences:  # one long sentence: cut at a word, and say so
        description = sentences[0][: DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return description or None


# ----------------------------------------------------------------------------- aliases

def add_alias_targets(root: etree.Element) -> None:
    """Each heading with `data-aliases` gets an empty element per old id right before it."""
    for parent in list(root.iter()):
        for heading in [child for child in parent if child.tag in ALIASED_HEADINGS and "data-aliases" in child.attrib]:
            index = list(parent).index(heading)
            for offset, old in enumerate(heading.attrib.pop("data-aliases").split()):
                parent.insert(index + offset, etree.Element("span", {"id": old, "class": "anchor-alias"}))


class AliasTargets(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        add_alias_targets(root)


class AliasTargetsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After attribute lists set `data-aliases` (8); before MkDocs collects the page's ids (5).
        md.treeprocessors.register(AliasTargets(md), "site-alias-targets", 6)


# ----------------------------------------------------------------------------- the editors' list

def section_links(pages, site_url: str) -> list[SectionLink]:
    """Every page (`site_model.PageModel`s, in navigation order) and its H2 and H3 sections,
    with full URLs."""
    links = []
    for source in pages:
        summaries = section_summaries(source.body, list(source.headings), list(source.prose))
        title = source.title
        page_url = site_url.rstrip("/") + "/" + ("" if source.url == "./" else source.url)
        first = next(iter(summaries.values()), "")
        links.append(SectionLink(title, None, page_url, str(source.meta.get("description") or first)))
        for heading in source.sections:
            if heading.id:
                links.append(SectionLink(title, heading.text, f"{page_url}#{heading.id}",
                                         summaries.get(heading.id, "")))
    return links


def render_links(links: list[SectionLink], text) -> str:
    """HTML table of the links, one row per page or section, each with a copy button."""
    rows = []
    for link in links:
        name = (f"<strong>{html.escape(link.page_title)}</strong>" if link.title is None
                else f"{html.escape(link.page_title)}: {html.escape(link.title)}")
        rows.append(f'<tr><td>{name}<br><small>{html.escape(link.summary)}</small></td>'
                    f'<td><code class="section-link__url">{html.escape(link.url)}</code> '
                    f'<button type="button" class="section-link__copy md-button" data-copy="{html.escape(link.url)}">'
                    f'{html.escape(text("share.copy"))}<span class="md-visually-hidden"> '
                    f'{html.escape(text("share.copy_link_to", title=link.title or link.page_title))}</span></button></td></tr>')
    return (f'<table class="section-links">\n<thead><tr><th scope="col">{html.escape(text("share.page_or_section"))}</th>'
            f'<th scope="col">{html.escape(text("share.link"))}</th></tr></thead>\n<tbody>\n' + "\n".join(rows) +
            "\n</tbody>\n</table>\n")


# ----------------------------------------------------------------------------- the build

def links_table(pages, nav, site_url: str, text) -> str:
    """The editors' table of every page and section, in navigation order."""
    ordered = [pages[page.file.src_uri] for page in nav.pages if page.file.src_uri in pages]
    return render_links(section_links(ordered, site_url), text)


def robots_txt(site_url: str) -> str:
    """Every crawler may read everything; the sitemap lists every page."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def write_robots(site_dir: Path, site_url: str) -> None:
    (site_dir / "robots.txt").write_text(robots_txt(site_url or "/"), encoding="utf-8")


def as_text(value) -> Markup:
    """Front-matter text as it reads, safe in any template: MkDocs renders without autoescaping,
    and Material prints a page's `title` as HTML in the header and the <title>."""
    return value if isinstance(value, Markup) else Markup.escape(str(value))


def prepare(page) -> None:
    """The page's title made safe text."""
    if "title" in page.meta:
        page.meta["title"] = as_text(page.meta["title"])


def links_block(site) -> type:
    """The `/// section-links` block of the build `site` (a `site_model.Build`): the editors'
    table, made once per build."""
    return site_blocks.make_block(LINKS_BLOCK, {}, lambda block, element: site_blocks.store_html(
        block, element, site.links_html), tag="p")  # Markdown puts the table in place of the <p>


def links_block_errors(pages) -> list[SourceError]:
    """`/// section-links` takes no options and holds nothing; the old comment form would stay
    a comment."""
    errors = []
    for page in pages:
        blocks, errors_here = site_blocks.find(page, {LINKS_BLOCK})
        errors += errors_here
        for block in blocks:
            errors += site_blocks.unknown_options(page, block, {})
            if block.content:
                errors.append(SourceError(page.src_uri, block.line + page.first_line - 1, "the section links are "
                                          "written by the build, so the block holds nothing", "remove the text inside it"))
        errors += [SourceError(page.src_uri, number + page.first_line - 1, "the section links in the old form (an "
                               "HTML comment) stay empty", f"write `/// {LINKS_BLOCK}` and `///` on the next line")
                   for number, line in page.prose if line.strip() == OLD_MARKER]
    return errors


def finish(content_html: str, page) -> None:
    """The page's description from its key points."""
    page.meta["description"] = description_from_key_points(content_html) or page.meta.get("description")
