"""BibTeX files read strictly, and the few ways the site names and formats a source.

Shared by the hooks that resolve citations and that check quiz sources; not a hook itself.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from build_errors import SourceError, raise_all
from citations import KEY
from strings import REFERENCE, Strings, load as load_strings
from pybtex.database import BibliographyDataError, Entry
from pybtex.exceptions import PybtexError
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexSyntaxError
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import date as year_date, pages as page_range
from pybtex.richtext import Tag, Text
from pybtex.style.formatting import toplevel
from pybtex.style.template import FieldIsMissing, field as bib_field, first_of, href, join, optional, sentence, tag, words

REQUIRED_FIELDS = ("author", "title")
UNVERIFIED_KEYWORD = "unverified"
URLDATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?")
CITABLE_KEY = re.compile(KEY, re.A)  # the keys a citation can name
ENTRY_START = re.compile(r"^[ \t]*@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]+)\s*,", re.M)


@lru_cache(maxsize=1)
def english() -> Strings:
    """The English strings, for formatting outside a build (checks, tests)."""
    table, errors = load_strings(REFERENCE)
    raise_all(errors)
    return table


class SiteStyle(PlainStyle):
    """pybtex's plain style, with PubMed links to PubMed's current address.

    mkdocs-bibtex formats an entry again for every page that cites it; a style instance lives
    for one build, so it remembers each entry's formatted text.
    """

    def __init__(self, *args, text=None, **kwargs):
        """`text`: the site's strings (hooks/strings.py) for the words the style adds; English
        without them (pybtex's own words, such as "pages", are English either way)."""
        super().__init__(*args, **kwargs)
        self._formatted: dict[tuple[str, str], object] = {}
        self.text = text or english()
        self.months = tuple(self.text.list("months"))

    def format_entry(self, label, entry, bib_data=None):
        key = (label, entry.key)
        if key not in self._formatted:
            formatted = super().format_entry(label, entry, bib_data=bib_data)
            if is_unverified(entry):
                # Wherever the source is listed (the page's sources, the citation's tooltip, the
                # references page), the reader sees that we could not read it.
                formatted.text = Text(formatted.text, " ", Tag("em", self.text("references.unverified")))
            self._formatted[key] = formatted
        return self._formatted[key]

    def format_pubmed(self, e):
        url = join["https://pubmed.ncbi.nlm.nih.gov/", bib_field("pubmed", raw=True), "/"]
        return href(url)[join["PMID:", bib_field("pubmed", raw=True)]]

    def get_article_template(self, e):
        """A journal without volumes (the Cochrane Library) still shows its issue number."""
        volume_and_pages = first_of[
            optional[join[bib_field("volume"), optional["(", bib_field("number"), ")"], ":", page_range]],
            optional[join[bib_field("volume"), optional["(", bib_field("number"), ")"]]],
            optional[words[self.text("references.issue"), bib_field("number"), optional[join[", pages ", page_range]]]],
            optional[words["pages", page_range]],
        ]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            sentence[tag("em")[bib_field("journal")], optional[volume_and_pages], year_date],
            sentence[optional[bib_field("note")]],
            self.format_web_refs(e),
        ]

    def format_web_refs(self, e):
        """A web page is dated by when it was read ("accessed November 2026"), never shown as a
        publication of that year."""
        accessed = accessed_on(e.fields.get("urldate", ""), self.months)
        return sentence[
            optional[self.format_url(e), *([" " + self.text("references.accessed", date=accessed)] if accessed else [])],
            optional[self.format_pubmed(e)],
            optional[self.format_doi(e)],
        ]

    def format_url(self, e):
        url = bib_field("url", raw=True)
        return href(url)[url]


def accessed_on(urldate: str, months: tuple[str, ...] | None = None) -> str | None:
    """'November 2026' for '2026-11' (or '2026-11-20'); None when it is not such a date."""
    match = URLDATE.fullmatch(urldate.strip())
    if not match or not 1 <= int(match.group("month")) <= 12:
        return None
    months = months or tuple(english().list("months"))
    return f"{months[int(match.group('month')) - 1]} {match.group('year')}"


def entry_lines(text: str) -> dict[str, list[int]]:
    """Line numbers on which each key's entries start, by key as written (a key may be
    repeated by mistake)."""
    lines: dict[str, list[int]] = {}
    for match in ENTRY_START.finditer(text):
        if match.group("type").lower() not in ("comment", "preamble", "string"):
            lines.setdefault(match.group("key"), []).append(text.count("\n", 0, match.start()) + 1)
    return lines


def repeated_keys(lines: dict[str, list[int]], file: str) -> list[SourceError]:
    """BibTeX keys ignore case: 'Minetto2013' and 'minetto2013' are the same key."""
    by_key: dict[str, list[tuple[int, str]]] = {}
    for key, found in lines.items():
        by_key.setdefault(key.casefold(), []).extend((line, key) for line in found)
    errors = []
    for places in by_key.values():
        places.sort()
        (first, first_key), *rest = places
        for line, key in rest:
            same = f"'{key}'" if key == first_key else f"'{key}' (the same key as '{first_key}': case does not count)"
            errors.append(SourceError(file, line, f"entry key {same} is used again (first on line {first})",
                                      "give each entry its own key, or delete the copy"))
    return errors


def bad_keys(lines: dict[str, list[int]], file: str) -> list[SourceError]:
    """Keys that a citation cannot name: `[@key]` takes letters, digits, '-' and '_'."""
    return [SourceError(file, found[0], f"entry key '{key}' has characters a citation cannot use",
                        f"use only letters, digits, '-' and '_', e.g. '{re.sub(r'[^A-Za-z0-9_-]+', '-', key).strip('-')}'")
            for key, found in lines.items() if not CITABLE_KEY.fullmatch(key)]


def read_bib_text(data: bytes, file: str) -> tuple[str | None, list[SourceError]]:
    """The text of a .bib file, or an error naming the line with the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [SourceError(file, line, f"the file is not UTF-8 text (byte 0x{data[error.start]:02x})",
                                  "save the file as UTF-8 (most editors have this under 'Save with encoding')")]


def parse_bib(text: str, file: str, style=None) -> tuple[dict[str, Entry], list[SourceError]]:
    """Entries of one BibTeX file, or the errors that make it unusable. `style` (a `SiteStyle`)
    is the one the site formats with: it keeps what it formats for the pages."""
    lines = entry_lines(text)
    errors = repeated_keys(lines, file) + bad_keys(lines, file)
    if errors:
        return {}, errors
    try:
        data = Parser().parse_string(text)
    except PybtexSyntaxError as error:
        return {}, [SourceError(file, error.lineno, f"BibTeX syntax error: {str(error).split(': ', 1)[-1]}",
                                "check the braces, commas and quotes of this entry and the one before it")]
    except BibliographyDataError as error:
        return {}, [SourceError(file, None, f"BibTeX error: {error}", "correct the entry it names")]
    except PybtexError as error:  # a name pybtex cannot read, such as 'Doe, J., Jr., Extra'
        quoted = re.search(r"'(.+)'", str(error))
        at = text.find(quoted.group(1)) if quoted else -1
        return {}, [SourceError(file, text.count("\n", 0, at) + 1 if at >= 0 else None, f"BibTeX error: {error}",
                                "write each person as 'Last, First' and separate people with ' and '")]
    style = style or SiteStyle()  # building the style's templates costs more than formatting an entry
    for key, entry in data.entries.items():
        line = lines.get(key, [None])[0]
        errors += check_identifiers(entry, key, file, text, line)
        missing = [name for name in REQUIRED_FIELDS
                   if not (entry.persons.get(name) if name == "author" else entry.fields.get(name))]
        if missing:
            errors.append(SourceError(file, line, f"entry '{key}' has no {', '.join(missing)}",
                                      f"add the verified {' and '.join(missing)} (a group author goes in double braces: "
                                      "author = {{NHS}})"))
        errors += check_dates(entry, key, file, line)
        if not missing:
            errors += check_style(entry, key, file, line, style)
    return dict(data.entries), errors


def check_style(entry: Entry, key: str, file: str, line: int | None, style=None) -> list[SourceError]:
    """An entry the references style cannot format (an `@article` without `journal`) stops the
    build here, at its line, rather than as a traceback while a page is rendered."""
    try:
        (style or SiteStyle()).format_entry("", entry)
    except FieldIsMissing as error:
        return [SourceError(file, line, f"entry '{key}' is an @{entry.type} without `{error.field_name}`, "
                            f"which its reference needs", f"add the verified `{error.field_name}`, or use the entry "
                            "type that fits the source (@misc for a web page, @book, @incollection …)")]
    return []


def field_line(text: str, entry_line: int | None, name: str) -> int | None:
    """The line of a field inside the entry that starts on `entry_line`."""
    if entry_line is None:
        return None
    lines = text.splitlines()
    for number in range(entry_line, len(lines) + 1):
        if re.match(rf"\s*{name}\s*=", lines[number - 1], re.I):
            return number
        if number > entry_line and ENTRY_START.match(lines[number - 1]):
            break
    return entry_line


IDENTIFIER_RULES = {
    "doi": (re.compile(r"10\.\d{4,9}/\S+"), "write the DOI alone, starting with '10.' and with no spaces or "
            "'https://doi.org/' (the site makes the link)"),
    "pubmed": (re.compile(r"\d{1,9}"), "write the PubMed ID as digits only, e.g. pubmed = {23038243}"),
    "url": (re.compile(r"https?://[^\s{}]+"), "write the full web address, starting with https://, with no spaces"),
    "isbn": (re.compile(r"(?:97[89][- ]?)?\d[\d -]{8,15}[\dXx]"), "write the ISBN as digits and hyphens"),
}


def check_identifiers(entry: Entry, key: str, file: str, text: str, entry_line: int | None) -> list[SourceError]:
    """A DOI, PubMed ID, web address or ISBN that would make a broken link or a wrong number
    stops the build at its line, rather than being published."""
    errors = []
    for name, (pattern, fix) in IDENTIFIER_RULES.items():
        value = entry.fields.get(name)
        if value is not None and not pattern.fullmatch(value.strip()):
            errors.append(SourceError(file, field_line(text, entry_line, name),
                                      f"entry '{key}' has `{name} = {{{value}}}`, which is not a valid {name}", fix))
    return errors


def check_dates(entry: Entry, key: str, file: str, line: int | None) -> list[SourceError]:
    """A publication has a year; a web page has the month it was read instead (and a URL)."""
    urldate = entry.fields.get("urldate")
    if urldate and accessed_on(urldate) is None:
        return [SourceError(file, line, f"entry '{key}' has `urldate = {{{urldate}}}`, which is not a month",
                            "write the month you read the page as `urldate = {YYYY-MM}`")]
    if entry.fields.get("year"):
        return []
    if urldate and entry.fields.get("url"):
        return []
    return [SourceError(file, line, f"entry '{key}' has no year",
                        "add the verified `year`; for a web page with no publication year give `url` and "
                        "`urldate = {YYYY-MM}` (the month you read it) instead")]


def load_bibliography(paths: list[Path], root: Path, style=None) -> dict[str, Entry]:
    """All entries of all files; stops the build listing every problem found."""
    entries: dict[str, Entry] = {}
    errors: list[SourceError] = []
    for path in paths:
        name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        text, file_errors = read_bib_text(path.read_bytes(), name)
        if text is None:
            errors += file_errors
            continue
        found, file_errors = parse_bib(text, name, style)
        errors += file_errors
        known = {key.casefold() for key in entries}
        lines = entry_lines(text)
        for key in found:
            if key.casefold() in known:
                errors.append(SourceError(name, lines.get(key, [None])[0],
                                          f"entry key '{key}' is also defined in another .bib file",
                                          "keep one entry per key"))
        entries.update(found)
    raise_all(errors)
    return entries


def short_label(entry: Entry) -> str:
    """'Minetto and others (2013)': how a reader names a source; a web page without a year is
    named by its title ('NHS: Leg cramps (web page)')."""
    people = entry.persons.get("author", [])
    first = " ".join(people[0].last_names) if people else "Anonymous"
    first = first.replace("{", "").replace("}", "")
    more = " and others" if len(people) > 2 else (f" and {' '.join(people[1].last_names)}" if len(people) == 2 else "")
    if not entry.fields.get("year") and entry.fields.get("urldate"):
        title = entry.fields.get("title", "").replace("{", "").replace("}", "")
        return f"{first}{more}: {title} (web page)"
    return f"{first}{more} ({entry.fields.get('year', 'n.d.')})"


def has_identifier(entry: Entry) -> bool:
    return any(entry.fields.get(name) for name in ("doi", "pubmed", "isbn", "url"))


def keywords_of(entry: Entry) -> list[str]:
    return [word for word in re.split(r"\s*[,;]\s*", entry.fields.get("keywords", "").strip()) if word]


def is_unverified(entry: Entry) -> bool:
    """A source we could not read: cited only as the article we started from cites it."""
    return UNVERIFIED_KEYWORD in keywords_of(entry)
