"""Private checklists: a form a reader fills in for themselves, then prints or copies as a summary.

An author declares the form in a fenced block of YAML; every value is text as written:

    ```checklist
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
    ```

`choices` are tick boxes, `text` a box to write in, `warning` a tick box whose `act` (Markdown,
with citations and links) is shown and announced at once when it is ticked. Ids are unique in
the block, short, lowercase and hyphenated.

- `check` reads every page's blocks once and stops the build listing every problem with file,
  line and fix: a broken form never publishes.
- `render` replaces each block with HTML that works without JavaScript as a printable
  checklist with lines to write on; its `act` texts stay Markdown, so their links and citations
  are checked and numbered like the rest of the page. The form is kept out of the search index.
- `add_script` adds the script (assets/checklist.js), deferred, to pages with a form and
  only to those; `page.meta.has_checklist` makes the template link assets/checklist.css.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

import literal_yaml
from build_errors import SourceError, did_you_mean
from citations import read_line
from page_assets import with_script

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*checklist[ \t]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                   re.M | re.S)
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
    line: int = 0


@dataclass
class Group:
    legend: str
    fields: list[Field]


@dataclass
class Checklist:
    title: str
    groups: list[Group]


TEXT_KEYS = {"title", "legend", "label", "text", "warning", "act", "choices"}


# ----------------------------------------------------------------------------- parsing

def find_blocks(markdown: str) -> list[tuple[int, int, str, int]]:
    """(start, end, YAML text, line of the YAML's first line) for each ```checklist block."""
    return [(m.start(), m.end(), m.group("body"), markdown.count("\n", 0, m.start("body")) + 1)
            for m in FENCE.finditer(markdown)]


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


# ----------------------------------------------------------------------------- rendering

def render_checklist(checklist: Checklist, form_id: str) -> str:
    """HTML (with Markdown inside the warnings' `act`) for one checklist."""
    e = html.escape
    parts = [f'<form class="checklist" id="{form_id}" data-search-exclude data-title="{e(checklist.title)}" '
             f'markdown="block" novalidate>']
    for group in checklist.groups:
        parts.append(f'<fieldset class="checklist__group" markdown="block">\n<legend>{e(group.legend)}</legend>')
        for item in group.fields:
            parts.append(render_field(item, form_id))
        parts.append("</fieldset>")
    parts += [
        '<div class="checklist__alert" role="alert"></div>',
        "</form>",
    ]
    return "\n".join(parts) + "\n"


def render_field(item: Field, form_id: str) -> str:
    e = html.escape
    field_id = f"{form_id}-{item.id}"
    if item.kind == "choices":
        boxes = "\n".join(f'<div class="checklist__choice"><input type="checkbox" id="{field_id}-{n}" name="{item.id}" '
                          f'value="{e(choice)}"> <label for="{field_id}-{n}">{e(choice)}</label></div>'
                          for n, choice in enumerate(item.choices, 1))
        return (f'<fieldset class="checklist__field" data-field="{item.id}" data-kind="choices">\n'
                f'<legend>{e(item.label)}</legend>\n{boxes}\n</fieldset>')
    if item.kind == "text":
        return (f'<div class="checklist__field" data-field="{item.id}" data-kind="text">\n'
                f'<label for="{field_id}">{e(item.label)}</label>\n'
                f'<textarea id="{field_id}" name="{item.id}" rows="{item.lines}"></textarea>\n</div>')
    return (f'<div class="checklist__field checklist__warning" data-field="{item.id}" data-kind="warning" '
            f'data-level="{item.level}" markdown="block">\n'
            f'<div class="checklist__choice"><input type="checkbox" id="{field_id}" name="{item.id}" '
            f'aria-describedby="{field_id}-act"> <label for="{field_id}">{e(item.label)}</label></div>\n'
            f'<div class="checklist__act" id="{field_id}-act" markdown="block">\n\n{item.act}\n\n</div>\n</div>')


# ----------------------------------------------------------------------------- the build

def check_site(pages, known_sources) -> tuple[dict[str, list[Checklist]], list[SourceError]]:
    """Every checklist of every page, parsed and checked, its citations against the known keys."""
    found: dict[str, list[Checklist]] = {}
    errors: list[SourceError] = []
    for source in pages:
        for _, _, text, line in find_blocks(source.body):
            first = line + source.first_line - 1
            checklist, problems = parse_block(text, first, source.src_uri)
            errors += problems
            if checklist:
                found.setdefault(source.src_uri, []).append(checklist)
                errors += [SourceError(source.src_uri, first + item.line, f"checklist: unknown citation key '{key}'",
                                       did_you_mean(key, known_sources, "add the source to a .bib file in bib/"))
                           for group in checklist.groups for item in group.fields for key in item.cites
                           if key not in known_sources]
    return found, errors


def check(pages, known_sources) -> tuple[dict[str, list[Checklist]], list[SourceError]]:
    """The checklists of every page (`site_model.PageModel`s), and every problem found in them."""
    return check_site(pages, set(known_sources))


def render(markdown: str, page, checklists: dict[str, list[Checklist]]) -> str:
    """The page's Markdown with each checklist block replaced by its form. The blocks found
    now are those parsed by `check`, in the same order: nothing before this changes fences."""
    page_checklists = checklists.get(page.file.src_uri)
    if not page_checklists:
        return markdown
    found = find_blocks(markdown)
    for number, ((start, end, _, _), checklist) in reversed(list(enumerate(zip(found, page_checklists), 1))):
        markdown = markdown[:start] + render_checklist(checklist, f"checklist-{number}") + markdown[end:]
    page.meta["has_checklist"] = True
    return markdown


def add_script(html_text: str, page) -> str:
    return with_script(html_text, page, SCRIPT, "has_checklist")
