"""Line-level reading of a page's Markdown, shared by the hooks that check it.

The checks must name the line an author sees, and must not mistake code for prose, so they
read the source text rather than the rendered HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

HEADING = re.compile(r"^\s{0,12}(#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
ATTR_LIST = re.compile(r"\{:?(?P<attrs>[^{}]*)\}")
ID_IN_ATTRS = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str | None
    line: int


CONTAINER_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|!!!|\?\?\?\+?|///|:\s{1,4}\S|\[\^[^\]]+\]:|>)")


def indentation(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


# Blocks (pymdownx.blocks syntax) whose content is data for the machinery, such as YAML, and
# never prose: `/// quiz` ... `///`. Their opening line is prose, so the checks find them.
DATA_BLOCKS = frozenset({"quiz", "checklist", "references-index", "section-links"})
# Any block's opening and closing lines as pymdownx.blocks reads them: indented as the content
# around them, the opening with an optional `| argument`, the closing with as many slashes.
BLOCK_START = re.compile(r"^(?P<indent>[ ]*)(?P<slashes>/{3,})[ ]*(?P<name>[\w-]+)[ ]*(?:\|[ ]*(?P<argument>.*?)[ ]*)?$")
BLOCK_END = re.compile(r"^[ ]*(?P<slashes>/{3,})[ ]*$")


def scan_lines(markdown: str) -> Iterator[tuple[int, str, str]]:
    """(line number, line, kind) for each line that is not blank. The kinds: "prose"; "fence"
    (a code fence's lines, its own included); "indented" (indented code: four spaces after a
    blank line, where the text above is not a list, admonition, definition or footnote whose
    content is indented); "data" (the content and closing line of a data block such as
    `/// quiz`, whose opening line is prose)."""
    fence = None
    data_end = None  # the slashes that close the data block we are in
    blank_before = True
    in_indented_code = False
    container = False  # the last unindented block holds indented content
    for number, line in enumerate(markdown.splitlines(), start=1):
        if data_end:
            end = BLOCK_END.match(line) if line.strip() else None
            if end and end.group("slashes") == data_end:
                data_end, blank_before = None, False
            if line.strip():
                yield number, line, "data"
            continue
        match = FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            yield number, line, "fence"
            continue
        if not line.strip():
            blank_before = True
            continue
        indent = indentation(line)
        if in_indented_code and indent >= 4:
            yield number, line, "indented"
            continue
        in_indented_code = False
        if indent >= 4 and blank_before and not container:
            in_indented_code = True
            yield number, line, "indented"
            continue
        if indent < 4:
            container = bool(CONTAINER_START.match(line)) or (not blank_before and container)
        blank_before = False
        if match:
            fence = match.group(1)
            yield number, line, "fence"
            continue
        block = BLOCK_START.match(line)
        if block and block.group("name").lower() in DATA_BLOCKS:
            data_end = block.group("slashes")
        yield number, line, "prose"


def prose_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line outside code blocks and outside the content of data
    blocks (see `scan_lines`)."""
    return ((number, line) for number, line, kind in scan_lines(markdown) if kind == "prose")


@dataclass(frozen=True)
class Block:
    """A pymdownx block, `/// name` (or `/// name | argument`, at any indentation) up to the
    next line of as many slashes alone, as pymdownx.blocks reads it."""

    name: str  # as written
    argument: str | None
    line: int  # the opening line
    end: int | None  # the closing line; None when the block is never closed
    indent: int  # of the opening line
    content: tuple[str, ...]  # the lines between, as written


def find_blocks(markdown: str, prose: Iterable[tuple[int, str]] | None = None) -> list[Block]:
    """Every `/// name` block opened outside code and outside data blocks. `prose` is
    `prose_lines(markdown)`, when known (a page model's)."""
    lines = markdown.splitlines()
    blocks = []
    for number, line in prose if prose is not None else prose_lines(markdown):
        start = BLOCK_START.match(line)
        if not start:
            continue
        slashes = len(start.group("slashes"))
        end = next((index + 1 for index in range(number, len(lines))
                    if (closing := BLOCK_END.match(lines[index])) and len(closing.group("slashes")) == slashes), None)
        blocks.append(Block(start.group("name"), start.group("argument"), number, end, len(start.group("indent")),
                            tuple(lines[number:end - 1 if end else len(lines)])))
    return blocks


def explicit_ids(line: str) -> list[str]:
    """Ids set with attribute lists (`{#id}`, `{: #id .class}`) on one line."""
    return [m.group("id") for attrs in ATTR_LIST.finditer(line) for m in ID_IN_ATTRS.finditer(attrs.group("attrs"))]


ALIASES = re.compile(r'data-aliases="(?P<ids>[^"]*)"')


def alias_ids(line: str) -> list[str]:
    """Old ids kept with `data-aliases="old-id other"` in attribute lists on one line."""
    return [old for attrs in ATTR_LIST.finditer(line) for found in ALIASES.finditer(attrs.group("attrs"))
            for old in found.group("ids").split()]


SETEXT_UNDERLINE = re.compile(r"^(?P<mark>=+|-+)[ ]*$")


def find_headings(markdown: str, levels: tuple[int, ...] = (2, 3),
                  prose: Iterable[tuple[int, str]] | None = None) -> list[Heading]:
    """The headings of the given levels, with their explicit ids if any: `## Title` and the
    underlined kind (`Title` over `=====` or `-----`, as Python-Markdown reads it: the first
    line of a block, underlined on the next). `prose` is the page's `prose_lines`, when known."""
    headings = []
    lines = list(prose if prose is not None else prose_lines(markdown))
    previous_number = 0
    for index, (number, line) in enumerate(lines):
        starts_block = number > previous_number + 1 or previous_number == 0
        previous_number = number
        match = HEADING.match(line)
        if match:
            level, written = len(match.group(1)), match.group("text")
        else:
            after = lines[index + 1] if index + 1 < len(lines) else None
            underline = SETEXT_UNDERLINE.match(after[1]) if after and after[0] == number + 1 else None
            if not (underline and starts_block and indentation(line) < 4 and not SETEXT_UNDERLINE.match(line)):
                continue
            level, written = (1 if underline.group("mark")[0] == "=" else 2), line.strip()
        if level in levels:
            ids = explicit_ids(written)
            text = ATTR_LIST.sub("", written).strip()
            headings.append(Heading(level, text, ids[-1] if ids else None, number))
    return headings


def page_title(meta: dict, markdown: str, headings: Iterable[Heading] | None = None) -> str | None:
    """The title MkDocs would give a page: front matter `title`, else its first H1."""
    if meta.get("title"):
        return str(meta["title"])
    h1 = [heading for heading in (headings if headings is not None else find_headings(markdown, levels=(1,)))
          if heading.level == 1]
    return h1[0].text if h1 else None


def first_body_line(source: str, body: str) -> int:
    """The file line on which `body` (the Markdown after the front matter) starts.

    MkDocs hands hooks the Markdown without its front matter; errors must still name the line
    of the file the author has open.
    """
    if body and source.endswith(body):
        return source[: len(source) - len(body)].count("\n") + 1
    return 1
