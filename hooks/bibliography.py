"""BibTeX files read strictly, and the few ways the site names and formats a source.

Shared by the hooks that resolve citations and that check quiz sources; not a hook itself.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_errors import SourceError, raise_all
from pybtex.database import BibliographyDataError, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field as bib_field, href, join

REQUIRED_FIELDS = ("author", "title", "year")
ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]+)\s*,", re.M)


class SiteStyle(PlainStyle):
    """pybtex's plain style, with PubMed links to PubMed's current address.

    mkdocs-bibtex formats an entry again for every page that cites it; a style instance lives
    for one build, so it remembers each entry's formatted text.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._formatted: dict[tuple[str, str], object] = {}

    def format_entry(self, label, entry, bib_data=None):
        key = (label, entry.key)
        if key not in self._formatted:
            self._formatted[key] = super().format_entry(label, entry, bib_data=bib_data)
        return self._formatted[key]

    def format_pubmed(self, e):
        url = join["https://pubmed.ncbi.nlm.nih.gov/", bib_field("pubmed", raw=True), "/"]
        return href(url)[join["PMID:", bib_field("pubmed", raw=True)]]


def entry_lines(text: str) -> dict[str, list[int]]:
    """Line numbers on which each key's entries start (a key may be repeated by mistake)."""
    lines: dict[str, list[int]] = {}
    for match in ENTRY_START.finditer(text):
        if match.group("type").lower() not in ("comment", "preamble", "string"):
            lines.setdefault(match.group("key"), []).append(text.count("\n", 0, match.start()) + 1)
    return lines


def parse_bib(text: str, file: str) -> tuple[dict[str, Entry], list[SourceError]]:
    """Entries of one BibTeX file, or the errors that make it unusable."""
    lines = entry_lines(text)
    errors = [SourceError(file, found[1], f"entry key '{key}' is used again (first on line {found[0]})",
                          "give each entry its own key, or delete the copy")
              for key, found in lines.items() if len(found) > 1]
    if errors:
        return {}, errors
    try:
        data = Parser().parse_string(text)
    except PybtexSyntaxError as error:
        return {}, [SourceError(file, error.lineno, f"BibTeX syntax error: {str(error).split(': ', 1)[-1]}",
                                "check the braces, commas and quotes of this entry and the one before it")]
    except BibliographyDataError as error:
        return {}, [SourceError(file, None, f"BibTeX error: {error}", "correct the entry it names")]
    for key, entry in data.entries.items():
        missing = [name for name in REQUIRED_FIELDS
                   if not (entry.persons.get(name) if name == "author" else entry.fields.get(name))]
        if missing:
            errors.append(SourceError(file, lines.get(key, [None])[0], f"entry '{key}' has no {', '.join(missing)}",
                                      f"add the verified {' and '.join(missing)} (a group author goes in double braces: "
                                      "author = {{NHS}})"))
    return dict(data.entries), errors


def load_bibliography(paths: list[Path], root: Path) -> dict[str, Entry]:
    """All entries of all files; stops the build listing every problem found."""
    entries: dict[str, Entry] = {}
    errors: list[SourceError] = []
    for path in paths:
        name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        text = path.read_text(encoding="utf-8")
        found, file_errors = parse_bib(text, name)
        errors += file_errors
        for key in found.keys() & entries.keys():
            errors.append(SourceError(name, entry_lines(text)[key][0],
                                      f"entry key '{key}' is also defined in another .bib file",
                                      "keep one entry per key"))
        entries.update(found)
    raise_all(errors)
    return entries


def short_label(entry: Entry) -> str:
    """'Minetto and others (2013)': how a reader names a source."""
    people = entry.persons.get("author", [])
    first = " ".join(people[0].last_names) if people else "Anonymous"
    first = first.strip("{}")
    more = " and others" if len(people) > 2 else (f" and {' '.join(people[1].last_names)}" if len(people) == 2 else "")
    return f"{first}{more} ({entry.fields.get('year', 'n.d.')})"


def has_identifier(entry: Entry) -> bool:
    return any(entry.fields.get(name) for name in ("doi", "pubmed", "isbn", "url"))
