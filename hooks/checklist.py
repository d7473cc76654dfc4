"""Private checklists: a form a reader fills in for themselves, then prints or copies as a summary.

An author declares the form as a block of YAML (pymdownx.blocks syntax); every value is text as
written:

    /// checklist
    title: Prepare for your appointment      # the heading of the printed summary
    groups:
      - legend: When do your cramps come?
        fields:
          - choices: [At night, When resting, During or after exercise]
            label: When do they come?
            id: when
          - text: How often do they come, and how long do they last?
            id: how-often
      - legend: Warning signs
        fields:
          - warning: A cramp has lasted longer than 10 minutes
            level: urgent                    # urgent or emergency
            act: Ask for an urgent appointment, the same day [@nhs-leg-cramps].
            id: long-cramp
    ///

`choices` are tick boxes, `text` a box to write in, `warning` a tick box whose `act` (Markdown,
with citations and links) is shown and announced at once when it is ticked. Ids are unique in
the block, short, lowercase and hyphenated.

- `check` reads every page's blocks once (from the build model) and stops the build listing
  every problem with file, line and fix: a broken form never publishes. A ```` ```checklist ````
  fence (the old syntax) or a mistyped block name stops it too, as it would publish the YAML.
  `citations` gives the sources the warnings cite, so the references page lists them.
- `ChecklistExtension` (a Python-Markdown extension on pymdownx.blocks, made for one build)
  turns each block into the form while the page is converted: it finds the checked checklist
  by the block's text and builds the form as elements, with its plain text kept literal and
  each `act` parsed as Markdown, so its links and citations are checked and numbered like the
  rest of the page. The form works without JavaScript as a printable checklist with lines to
  write on, and is kept out of the search index.
- `add_script` adds the script (assets/checklist.js), deferred, to pages with a form and
  only to those; `flag_page` sets `page.meta.has_checklist`, which makes the template link
  assets/checklist.css.
"""

from __future__ import annotations

import difflib
import re
import textwrap
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any, Callable

import literal_yaml
from build_errors import BuildStopped, SourceError, did_you_mean
from citations import read_line
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markdown_scan import Block as ScannedBlock, find_blocks as find_any_blocks
from page_assets import with_script
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

NAME = "checklist"
OLD_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*\{?[ \t]*\.?checklist\b")
FENCE_OPENING = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
GOOD_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
BLOCK_FIELDS = {"title", "groups"}
GROUP_FIELDS = {"legend", "fields"}
KINDS = ("choices", "text", "warning")
FIELD_FIELDS = {"choices", "text", "warning", "label", "id", "level", "act", "lines"}
LEVELS = ("urgent", "emergency")
SCRIPT = "assets/checklist.js"  # its stylesheet, assets/checklist.css, is linked by overrides/main.html


@dataclass
class Field:
    kind: str
    id: str
    label: str
    choices: list[str] = field(default_factory=list)
    level: str = ""
    act: str = ""
    lines: int = 3
    cites: list[str] = field(default_factory=list)
    line: int = 0  # of the YAML, from 0


@dataclass
class Group:
    legend: str
    fields: list[Field]


@dataclass
class Checklist:
    title: str
    groups: list[Group]
    text: str = ""  # the block's YAML as written: how the Markdown extension finds it again
    line: int = 0  # the body line of the YAML's first line


TEXT_KEYS = {"title", "legend", "label", "text", "warning", "act", "choices"}


# ----------------------------------------------------------------------------- parsing

def find_blocks(markdown: str, prose=None) -> list[ScannedBlock]:
    """Every `/// name` block outside code. `prose` is the page's (`PageModel.prose`), when known."""
    return find_any_blocks(markdown, prose) if "///" in markdown else []


def checklist_blocks(blocks: list[ScannedBlock]) -> list[ScannedBlock]:
    """The `/// checklist` blocks (pymdownx reads the name in any case)."""
    return [block for block in blocks if block.name.lower() == NAME]


def block_text(block: ScannedBlock) -> str:
    """The YAML of a block, without the indentation of the container it is in."""
    return textwrap.dedent("\n".join(block.content))


def misplaced_blocks(markdown: str, blocks: list[ScannedBlock]) -> list[tuple[int, str, str]]:
    """(body line, problem, fix) for checklists that would be published as text or code instead
    of a form: the old ```checklist fence, a mistyped block name, and `/// checklist` blocks
    that pymdownx would not read as one (an argument, options, no closing line). `blocks` are
    the page's (`find_blocks`)."""
    found = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):  # fences, each skipped whole so that code showing one is left alone
        opening = FENCE_OPENING.match(lines[index])
        if not opening:
            index += 1
            continue
        fence = opening.group("fence")
        if OLD_FENCE.match(lines[index]):
            found.append((index + 1, f"'{lines[index].strip()}' is the old way to write a checklist: it would be "
                          "published as code, not as a form",
                          f"open the block with the line /// {NAME} and close it with the line ///, in place "
                          f"of the fence's lines {lines[index].strip()} and {fence}"))
        index = next((i for i in range(index + 1, len(lines))
                      if lines[i].strip().startswith(fence) and not lines[i].strip().strip(fence[0])), len(lines)) + 1
    for block in blocks:
        name = block.name.lower()
        if name != NAME:
            if difflib.get_close_matches(name, [NAME], cutoff=0.75):
                found.append((block.line, f"'/// {block.name}' is not a block the site knows, so its YAML would be "
                              "published as text", f"write `/// {NAME}`"))
            continue
        if block.argument is not None:
            found.append((block.line, f"a checklist takes nothing after its name ('| {block.argument}'), so it "
                          "would be published as text", f"write `/// {NAME}` alone on the line"))
        if block.end is None:
            found.append((block.line, "the checklist has no closing `///`, so the rest of the page would be read "
                          "as its YAML", "add a line `///` after the checklist's last line"))
        elif block.content and block.content[0].strip() and \
                len(block.content[0]) - len(block.content[0].lstrip(" ")) >= block.indent + 4:
            found.append((block.line + 1, "the checklist's first line is indented by four spaces or more, so "
                          "pymdownx would read it as the block's options", "start `title:` under the `/` of "
                          f"`/// {NAME}`, and indent the rest from there"))
    return found


def parse_block(text: str, first_line: int, page: str) -> tuple[Checklist | None, list[SourceError]]:
    """One checklist, or every problem that keeps it from publishing."""
    data, errors = literal_yaml.read_block(text, TEXT_KEYS, page, first_line, "checklist",
                                           "check the indentation, the `- ` before each group and field, and put "
                                           "text with ': ' or ' #' in double quotes")
    if errors:
        return None, errors
    if not isinstance(data, dict):
        return None, [SourceError(page, first_line, "a checklist is not a mapping",
                                  "start it with `title:` and `groups:`")]

    def error(at: int, problem: str, fix: str) -> None:
        errors.append(SourceError(page, first_line + at, f"checklist: {problem}", fix))

    for name in sorted(set(data) - BLOCK_FIELDS - {"__line__"}):
        error(data["__line__"], f"unknown field '{name}'", did_you_mean(name, BLOCK_FIELDS, "use title and groups"))
    title = text_of(data.get("title"))
    if not title:
        error(data["__line__"], "has no `title`", "add `title: ...`, the heading of the printed summary")
    groups = []
    seen: dict[str, int] = {}
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        error(data["__line__"], "has no `groups`", "list the groups of questions under `groups:`")
        raw_groups = []
    for raw in raw_groups:
        if not isinstance(raw, dict):
            error(data["__line__"], "a group is not a mapping", "write `- legend: ...` with `fields:` below it")
            continue
        line = raw["__line__"]
        for name in sorted(set(raw) - GROUP_FIELDS - {"__line__"}):
            error(line, f"unknown group field '{name}'", did_you_mean(name, GROUP_FIELDS, "use legend and fields"))
        legend = text_of(raw.get("legend"))
        if not legend:
            error(line, "a group has no `legend`", "add `legend: ...`, the question the group asks")
        fields = [parse_field(item, line, seen, error, first_line) for item in raw.get("fields") or []]
        if not fields:
            error(line, f"group '{legend}' has no `fields`", "list its questions under `fields:`")
        groups.append(Group(legend, [f for f in fields if f]))
    return (None if errors else Checklist(title, groups)), errors


def parse_field(raw: Any, group_line: int, seen: dict[str, int], error, first_line: int = 0) -> Field | None:
    """One field of a group; problems are reported through `error`."""
    if not isinstance(raw, dict):
        error(group_line, "a field is not a mapping", "write `- text: ...` or `- choices: [...]` or `- warning: ...`")
        return None
    line = raw["__line__"]
    for name in sorted(set(raw) - FIELD_FIELDS - {"__line__"}):
        error(line, f"unknown field '{name}'", did_you_mean(name, FIELD_FIELDS, "use " + ", ".join(sorted(FIELD_FIELDS))))
    kinds = [kind for kind in KINDS if kind in raw]
    if len(kinds) != 1:
        error(line, "a field needs exactly one of `choices`, `text` or `warning`",
              "write `choices: [...]` for tick boxes, `text: ...` for a box to write in, `warning: ...` for a sign")
        return None
    kind = kinds[0]
    field_id = text_of(raw.get("id"))
    if not GOOD_ID.fullmatch(field_id or ""):
        error(line, f"field id '{field_id}' is not a short lowercase hyphenated id", "add `id: ...`, e.g. id: how-often")
    elif field_id in seen:
        error(line, f"field id '{field_id}' is already used on line {seen[field_id] + first_line}",
              "give each field its own id")
    else:
        seen[field_id] = line
    made = Field(kind, field_id, "", line=line)
    if kind == "choices":
        choices = raw["choices"]
        if not isinstance(choices, list) or len(choices) < 2 or not all(text_of(c) for c in choices):
            error(line, "`choices` needs two or more options", "write choices: [At night, When resting]")
        else:
            made.choices = [text_of(c) for c in choices]
        made.label = text_of(raw.get("label"))
        if not made.label:
            error(line, "tick boxes need a `label`, the question they answer", "add `label: ...`")
    elif kind == "text":
        made.label = text_of(raw["text"])
        lines = text_of(raw.get("lines")) or "3"
        if not lines.isdigit() or not 1 <= int(lines) <= 10:
            error(line, f"`lines: {lines}` is not a number from 1 to 10", "write lines: 3, or leave it out")
        else:
            made.lines = int(lines)
    else:
        made.label = text_of(raw["warning"])
        made.level = text_of(raw.get("level"))
        made.act = text_of(raw.get("act"))
        if made.level not in LEVELS:
            error(line, f"warning level '{made.level}' is not {' or '.join(LEVELS)}",
                  "write level: urgent (help the same day) or level: emergency (call the emergency number)")
        if not made.act:
            error(line, "a warning has no `act`", "add `act: ...`: what to do and where to go, with its source")
        found, problems = read_line(made.act)
        for problem, fix in problems:
            error(line, problem, fix)
        made.cites = [key for group in found for key in group.keys]
    if kind != "choices" and not made.label:
        error(line, f"the {kind} field has no text", f"write `{kind}: ...`")
    return made


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# ----------------------------------------------------------------------------- the build

def check_site(pages, known_sources) -> tuple[dict[str, list[Checklist]], list[SourceError]]:
    """Every checklist of every page, parsed and checked, its citations against the known keys."""
    found: dict[str, list[Checklist]] = {}
    errors: list[SourceError] = []
    for source in pages:
        blocks = find_blocks(source.body, source.prose)
        errors += [SourceError(source.src_uri, line + source.first_line - 1, f"checklist: {problem}", fix)
                   for line, problem, fix in misplaced_blocks(source.body, blocks)]
        for block in checklist_blocks(blocks):
            if block.end is None:
                continue  # reported above: its YAML runs to the end of the page
            text, line = block_text(block), block.line + 1
            first = line + source.first_line - 1
            checklist, problems = parse_block(text, first, source.src_uri)
            errors += problems
            if checklist:
                checklist.text, checklist.line = text, line
                found.setdefault(source.src_uri, []).append(checklist)
                errors += [SourceError(source.src_uri, first + item.line, f"checklist: unknown citation key '{key}'",
                                       did_you_mean(key, known_sources, "add the source to a .bib file in bib/"))
                           for group in checklist.groups for item in group.fields for key in item.cites
                           if key not in known_sources]
    return found, errors


def check(pages, known_sources) -> tuple[dict[str, list[Checklist]], list[SourceError]]:
    """The checklists of every page (`site_model.PageModel`s), and every problem found in them."""
    return check_site(pages, set(known_sources))


def citations(page, checklists: dict[str, list[Checklist]]) -> list[tuple[int, str]]:
    """(body line of the warning, BibTeX key) for each source the checklists of `page` (a
    `site_model.PageModel`) cite in their warnings' `act`, in order of appearance: the page
    cites them too."""
    return [(checklist.line + item.line, key) for checklist in checklists.get(page.src_uri, [])
            for group in checklist.groups for item in group.fields for key in item.cites]


def flag_page(page, checklists: dict[str, list[Checklist]]) -> None:
    """Mark a page (MkDocs') that has a checklist: its template links the stylesheet, and
    `add_script` adds the script."""
    if checklists.get(page.file.src_uri):
        page.meta["has_checklist"] = True


def add_script(html_text: str, page) -> str:
    return with_script(html_text, page, SCRIPT, "has_checklist")


# ----------------------------------------------------------------------------- the form

ParseMarkdown = Callable[[etree.Element, str], None]


def build_form(form: etree.Element, checklist: Checklist, form_id: str, parse_markdown: ParseMarkdown) -> None:
    """Fill an empty `<form>` element with one checklist. Plain text stays as written
    (AtomicString: never read as Markdown); each warning's `act` is Markdown, handed to
    `parse_markdown(element, text)` (the Markdown parser's `parseChunk`)."""
    form.attrib.update({"class": "checklist", "id": form_id, "data-search-exclude": "true",
                        "data-title": checklist.title, "novalidate": "novalidate"})
    for group in checklist.groups:
        fieldset = etree.SubElement(form, "fieldset", {"class": "checklist__group"})
        text_element(fieldset, "legend", group.legend)
        for item in group.fields:
            build_field(fieldset, item, form_id, parse_markdown)
    etree.SubElement(form, "div", {"class": "checklist__alert", "role": "alert"})


def build_field(parent: etree.Element, item: Field, form_id: str, parse_markdown: ParseMarkdown) -> None:
    field_id = f"{form_id}-{item.id}"
    if item.kind == "choices":
        fieldset = etree.SubElement(parent, "fieldset", {"class": "checklist__field", "data-field": item.id,
                                                         "data-kind": "choices"})
        text_element(fieldset, "legend", item.label)
        for number, choice in enumerate(item.choices, 1):
            tick_box(fieldset, f"{field_id}-{number}", choice, {"name": item.id, "value": choice})
    elif item.kind == "text":
        box = etree.SubElement(parent, "div", {"class": "checklist__field", "data-field": item.id, "data-kind": "text"})
        text_element(box, "label", item.label, {"for": field_id})
        etree.SubElement(box, "textarea", {"id": field_id, "name": item.id, "rows": str(item.lines)})
    else:
        warning = etree.SubElement(parent, "div", {"class": "checklist__field checklist__warning", "data-field": item.id,
                                                   "data-kind": "warning", "data-level": item.level})
        tick_box(warning, field_id, item.label, {"name": item.id, "aria-describedby": f"{field_id}-act"})
        act = etree.SubElement(warning, "div", {"class": "checklist__act", "id": f"{field_id}-act"})
        parse_markdown(act, item.act)


def tick_box(parent: etree.Element, input_id: str, label: str, attributes: dict[str, str]) -> None:
    """`<div class="checklist__choice"><input type="checkbox"> <label>`"""
    choice = etree.SubElement(parent, "div", {"class": "checklist__choice"})
    box = etree.SubElement(choice, "input", {"type": "checkbox", "id": input_id, **attributes})
    box.tail = " "
    text_element(choice, "label", label, {"for": input_id})


def text_element(parent: etree.Element, tag: str, text: str, attributes: dict[str, str] | None = None) -> etree.Element:
    """An element holding text exactly as written: escaped, never read as Markdown."""
    element = etree.SubElement(parent, tag, attributes or {})
    element.text = AtomicString(text)
    return element


# ----------------------------------------------------------------------------- the Markdown extension

def lookup_key(text: str) -> str:
    """A block's YAML as both the check and Python-Markdown see it: Python-Markdown has dropped
    blank lines, trailing spaces, tabs and the indentation of a container by the time the block
    reaches the extension."""
    lines = [line.rstrip() for line in text.expandtabs(4).splitlines() if line.strip()]
    return textwrap.dedent("\n".join(lines))


class ChecklistBlock(Block):
    """`/// checklist`: YAML, read raw, that becomes the checked checklist's form."""

    NAME = NAME
    ARGUMENT = False  # `/// checklist | x` is no checklist: `check` stops the build on it
    OPTIONS: dict = {}

    def on_markdown(self) -> str:
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "form")

    def on_end(self, block: etree.Element) -> None:
        build = self.config["build"]
        page = build.page
        text, block.text = block.text or "", None
        if page is None:
            raise BuildStopped([SourceError("(no page)", None, "a checklist block was converted outside a page",
                                            "convert checklists only while MkDocs builds a page")])
        checklists = build.checklists.get(page.src_uri, [])
        used = self.tracker.setdefault(page.src_uri, set())
        key = lookup_key(text)
        number = next((number for number, checklist in enumerate(checklists, 1)
                       if number not in used and lookup_key(checklist.text) == key), None)
        if number is None:
            raise BuildStopped([SourceError(page.src_uri, None, "a checklist block of this page is not one the build "
                                            f"checked ({len(checklists)} checked), so its form cannot be made; its text "
                                            f"begins {text.strip()[:60]!r}",
                                            "a plugin or hook changed the block's text before conversion: keep the "
                                            "checklist's YAML as written until Python-Markdown reads it")])
        used.add(number)
        build_form(block, checklists[number - 1], f"{NAME}-{number}", self.md.parser.parseChunk)


class EveryChecklistMade(Treeprocessor):
    """After the blocks are read: each checklist the build checked on the page became a form.
    One that Python-Markdown did not read as a block (indented into code, say) would be
    published as its YAML."""

    def __init__(self, md, build, block_mgr):
        super().__init__(md)
        self.build, self.block_mgr = build, block_mgr

    def run(self, root: etree.Element) -> None:
        page = self.build.page
        if page is None:
            return
        made = self.block_mgr.trackers[NAME].get(page.src_uri, set())
        missing = [checklist for number, checklist in enumerate(self.build.checklists.get(page.src_uri, []), 1)
                   if number not in made]
        if missing:
            raise BuildStopped([SourceError(page.src_uri, checklist.line + page.first_line - 2, "this checklist was "
                                            "not read as a block, so its YAML would be published as text or code",
                                            f"start `/// {NAME}` and `///` at the left edge, or at the indentation "
                                            "of the container it is in (a list item, an admonition)")
                                for checklist in missing])


class ChecklistExtension(BlocksExtension):
    """The `/// checklist` block, for one build (a `site_model.Build`): it reads the checked
    checklists and the page being converted from it."""

    def __init__(self, build, **kwargs):
        self.build = build
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        block_mgr.register(ChecklistBlock, {"build": self.build})
        md.treeprocessors.register(EveryChecklistMade(md, self.build, block_mgr), "every_checklist_made", 1)
