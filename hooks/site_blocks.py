"""Blocks whose content the build writes, in pymdownx.blocks syntax:

    /// references-index
        keyword: article
    ///

The block's name on the opening line, its options (YAML) indented below it, and `///` to close.
pymdownx.blocks parses them with the rest of the page, so Markdown knows where they are; each
block is filled by a function of the build, which returns Markdown (parsed into the block,
so headings, links and ids are checked like any other) or HTML made by the build.

pymdownx.blocks reads a block with an unknown option, or with an argument (`| ...`) it does not
take, as plain text, silently: `find` reads the same blocks from the page model, so the build
checks every opening line and option first and stops on a wrong one, with its line.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Any, Callable

import yaml
from build_errors import SourceError
from literal_yaml import read_data
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from markdown_scan import find_blocks


@dataclass(frozen=True)
class FoundBlock:
    name: str
    line: int  # the body line of the opening
    options: dict[str, Any]
    content: str


def find(page, names: set[str]) -> tuple[list[FoundBlock], list[SourceError]]:
    """The blocks of these names on a page (`site_model.PageModel`), outside code, with an
    error for options that are not YAML or not a mapping. As pymdownx.blocks reads them, the
    options are the lines indented four spaces right under the opening line."""
    found, errors = [], []
    for block in find_blocks(page.body, page.prose):
        if block.name not in names:
            continue
        if block.argument is not None:
            errors.append(SourceError(page.src_uri, block.line + page.first_line - 1, f"the '{block.name}' block "
                                      f"takes nothing after its name ('| {block.argument}'), so it would be "
                                      "published as plain text", f"write `/// {block.name}` alone on the line, "
                                      "with any options indented by four spaces below it"))
        lines = [line[block.indent:] for line in block.content]
        count = next((index for index, line in enumerate(lines) if not line.startswith("    ")), len(lines))
        try:
            data = read_data("\n".join(line[4:] for line in lines[:count])) if count else {}
        except yaml.YAMLError as problem:
            data, detail = None, str(problem).splitlines()[0]
        else:
            detail = "it is not a list of `name: value` lines"
        if not isinstance(data, dict):
            errors.append(SourceError(page.src_uri, block.line + page.first_line - 1, f"the options of this "
                                      f"'{block.name}' block cannot be read ({detail})",
                                      "indent each option by four spaces under the opening line: `    name: value`"))
            data = {}
        found.append(FoundBlock(block.name, block.line, data, "\n".join(lines[count:]).strip()))
    return found, errors


def unknown_options(page, block: FoundBlock, known: dict) -> list[SourceError]:
    """An error for each option the block does not have (`known`: the block's `OPTIONS`)."""
    offered = ", ".join(f"`{name}`" for name in known) or "none"
    return [SourceError(page.src_uri, block.line + page.first_line - 1, f"the '{block.name}' block has no option '{name}'",
                        f"use only its options: {offered}")
            for name in block.options if name not in known]


def make_block(name: str, options: dict[str, tuple[Any, Callable]], fill: Callable[[Block, etree.Element], None],
               tag: str = "div") -> type[Block]:
    """A block class named `name` whose element (a `tag` with class `name`) is filled by
    `fill(block, element)` once the block ends."""

    class FilledBlock(Block):
        NAME = name
        ARGUMENT = False
        OPTIONS = options

        def on_markdown(self) -> str:
            return "raw"

        def on_create(self, parent: etree.Element) -> etree.Element:
            return etree.SubElement(parent, tag, {"class": name} if tag == "div" else {})

        def on_end(self, block: etree.Element) -> None:
            block.text = None
            fill(self, block)

    return FilledBlock


class FilledBlocks(BlocksExtension):
    """The blocks of one build, as a Markdown extension."""

    def __init__(self, blocks: list[type[Block]]):
        super().__init__()
        self.blocks = blocks

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        for block in self.blocks:
            block_mgr.register(block, {})


def store_html(block: Block, element: etree.Element, html: str) -> None:
    """HTML made by the build, placed as it is (as Markdown places a raw HTML block)."""
    element.text = block.md.htmlStash.store(html)

