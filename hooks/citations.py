"""Citations read by a small grammar, so that nothing an editor wrote as a citation is dropped.

The site's Markdown (`cite_markdown`) turns exactly one form into numbered sources; anything
else an editor meant as a citation (`[@a @b]`, `[see @a]`, `(@a)`, an unclosed `[@a`) would stay
on the page as raw text, and the source would be lost. The accepted form,

    [@key]            one source
    [@key; @other]    several sources, separated by semicolons

and refuses, with the line and the accepted form, everything else that starts like a citation:
any bracket holding an `@word` (mkdocs-bibtex's pattern for a citation block), an unclosed `[@`, a citation in
round brackets, and a bracket holding only known keys without their `@`. Code is never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_errors import SourceError
from mkdocs_bibtex.citation import CITATION_BLOCK_REGEX, Citation

KEY = r"[A-Za-z0-9_][\w-]*"
CITATION_GROUP = re.compile(rf"\[\s*@(?P<first>{KEY})(?P<rest>(?:\s*;\s*@{KEY})*)\s*\]")
KEY_IN_GROUP = re.compile(rf"@({KEY})")
UNCLOSED = re.compile(r"\[\s*@(?![^\]]*\])")
ROUND = re.compile(rf"\(\s*@{KEY}")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
ACCEPTED = "write `[@key]`, or `[@key; @other]` for several sources"


@dataclass(frozen=True)
class LineCitation:
    """One citation group on a line: its keys, where it starts, where it ends."""

    keys: tuple[str, ...]
    start: int
    end: int


def without_code(line: str) -> str:
    """The line with inline code spans blanked out (same length, so columns still match)."""
    return CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)


def read_line(line: str, known: set[str] | frozenset[str] = frozenset()
              ) -> tuple[list[LineCitation], list[tuple[str, str]]]:
    """The citation groups of one prose line, and (problem, fix) for each citation-like text
    that is not in the accepted form. `known` keys also catch a citation written without `@`."""
    if "[" not in line and "@" not in line:  # every form below needs one: most lines of a page
        return [], []
    text = without_code(line)
    found: list[LineCitation] = []
    problems: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for match in CITATION_GROUP.finditer(text):
        keys = (match.group("first"), *KEY_IN_GROUP.findall(match.group("rest")))
        found.append(LineCitation(keys, match.start(), match.end()))
        taken.append(match.span())

    def inside_citation(position: int) -> bool:
        return any(start <= position < end for start, end in taken)

    for match in CITATION_BLOCK_REGEX.finditer(text):
        if inside_citation(match.start()) or not Citation.from_markdown(match.group(1)):
            continue
        several = match.group(1).count("@") > 1
        problems.append((f"'{match.group(0)}' is not a citation the site can read, so sources or words in it "
                         "would be dropped",
                         ACCEPTED + ("; separate sources with ';', not spaces, ',' or 'and'" if several else
                                     "; words before or after the key are not supported")))
        taken.append(match.span())
    for match in UNCLOSED.finditer(text):
        if not inside_citation(match.start()):
            problems.append((f"the citation '{text[match.start():].strip()[:40]}' has no closing ']' on this "
                             "line, so it would be published as plain text",
                             f"close it, keep each citation on one line, and {ACCEPTED}"))
    for match in ROUND.finditer(text):
        problems.append((f"'{match.group(0)}' is a citation in round brackets, which is published as plain text",
                         f"use square brackets: {ACCEPTED}"))
    if known:
        for match in re.finditer(rf"\[\s*({KEY}(?:\s*[;,]\s*{KEY})*)\s*\](?![(\[:])", text):
            keys = re.split(r"\s*[;,]\s*", match.group(1))
            if not inside_citation(match.start()) and all(key in known for key in keys):
                fixed = "; ".join(f"@{key}" for key in keys)
                problems.append((f"'{match.group(0)}' names a source without '@', so it is published as plain "
                                 "text", f"write `[{fixed}]`"))
    return found, problems


def check_line(line: str, number: int, file: str, known, *, heading: bool = False) -> tuple[list[LineCitation], list[SourceError]]:
    """Citations of one prose line of a page, and the errors that keep it from publishing."""
    found, problems = read_line(line, known)
    errors = [SourceError(file, number, problem, fix) for problem, fix in problems]
    if heading and found:
        errors.append(SourceError(file, number, "a heading cites a source; headings are copied into the table of "
                                  "contents, links and search, where a citation cannot go",
                                  "move the citation into the text below the heading"))
    return found, errors


def cites(text: str) -> bool:
    """Whether a piece of text holds anything that reads as a citation (for fields that must not)."""
    found, problems = read_line(text)
    return bool(found or problems)
