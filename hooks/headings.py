"""Section ids: every H2 and H3 carries an explicit, stable id, unique on its page.

Section URLs (`/page/#id`) are linked from outside and must not change when a heading is
reworded, so ids are written in the Markdown (`## Cramps at night {#night-cramps}`) rather
than generated from the text. `check` finds every problem of a page before any is rendered.
"""

from __future__ import annotations

import re

from typing import Iterable

from build_errors import SourceError
from markdown_scan import ATTR_LIST, HEADING, Heading, alias_ids, explicit_ids, find_headings, prose_lines

GOOD_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 40
ATTRIBUTE = re.compile(r"""\s*(?:#[^\s}#.]+|\.[\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s"']+))(?=\s|$)""")


def stray_attributes(attrs: str) -> list[str]:
    """The parts of an attribute list (`{#id .class key="value"}`) that are none of those, such
    as the second word of `{#leg position}`, which would become an attribute of its own."""
    stray, position = [], 0
    while attrs[position:].strip():  # every turn consumes at least one character
        match = ATTRIBUTE.match(attrs, position)
        if match:
            position = match.end()
            continue
        word = attrs[position:].split()[0]
        stray.append(word)
        position = attrs.index(word, position) + len(word)
    return stray


def check_attribute_lists(line: str, file: str, number: int) -> list[SourceError]:
    """Errors for heading attribute lists with parts that are not `#id`, `.class` or
    `key="value"`, and for aliases that are not well-formed ids."""
    errors = []
    for attrs in ATTR_LIST.finditer(line):
        for word in stray_attributes(attrs.group("attrs")):
            errors.append(SourceError(file, number, f"'{word}' in the attribute list '{attrs.group(0)}' is not an "
                                      "#id, a .class or a key=\"value\"",
                                      "ids have no spaces: join the words with hyphens, e.g. {#leg-position}"))
    for old in alias_ids(line):
        if not GOOD_ID.fullmatch(old) or len(old) > MAX_ID_LENGTH:
            errors.append(SourceError(file, number, f"alias '{old}' is not a short lowercase hyphenated id",
                                      "list the old ids exactly as they were published, separated by spaces"))
    return errors


def check_section_ids(markdown: str, file: str, first_line: int = 1, sections: Iterable[Heading] | None = None,
                      prose: Iterable[tuple[int, str]] | None = None) -> list[SourceError]:
    """Errors for headings without an id, malformed ids and ids used twice on the page.
    `sections` (the H2 and H3 headings) and `prose` are the page's, when already known."""
    errors = []
    offset = first_line - 1
    prose = list(prose if prose is not None else prose_lines(markdown))
    for heading in sections if sections is not None else find_headings(markdown, prose=prose):
        line = heading.line + offset
        if heading.id is None:
            suggestion = "-".join(re.findall(r"[a-z0-9]+", heading.text.lower())[:4])
            errors.append(SourceError(file, line, f"heading '{heading.text}' has no explicit id",
                                      f"end the heading with an id such as {{#{suggestion}}}"))
        elif not GOOD_ID.fullmatch(heading.id) or len(heading.id) > MAX_ID_LENGTH:
            errors.append(SourceError(file, line, f"id '{heading.id}' of heading '{heading.text}' is not a "
                                      f"short lowercase hyphenated id",
                                      f"use lowercase letters, digits and single hyphens, at most {MAX_ID_LENGTH} characters"))
    seen: dict[str, int] = {}
    for number, line in prose:
        if HEADING.match(line):
            errors += check_attribute_lists(line, file, number + offset)
        for element_id in explicit_ids(line) + alias_ids(line):
            if element_id in seen:
                errors.append(SourceError(file, number + offset, f"id '{element_id}' is already used on line "
                                          f"{seen[element_id] + offset}", "give this section a different id"))
            else:
                seen[element_id] = number
    return errors


def check(page) -> list[SourceError]:
    """Every problem with the section ids of a page (a `site_model.PageModel`)."""
    return check_section_ids(page.body, page.src_uri, page.first_line, page.sections, page.prose)
