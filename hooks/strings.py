"""The reader-facing words of the machinery: one table per language, chosen by `theme.language`.

The tables are `hooks/strings/<language>.yml`. The hooks take their words from the build's
`Strings`; the templates call `strings("not_found.title")`; the scripts in docs/assets/ read the
table's `browser:` part, which every page carries as JSON (`<script type="application/json"
id="site-strings">`, data that a Content-Security-Policy does not block). A table that lacks a key
of the English one, or a language without a table, stops the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_errors import SourceError
from literal_yaml import read_data

FOLDER = Path(__file__).parent / "strings"
REFERENCE = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Strings:
    """The words of one language. `text("quiz.question", number=3)` → "Question 3."."""

    language: str
    table: dict

    def __call__(self, key: str, **values: Any) -> str:
        found = str(self.lookup(key))
        return found.format(**values) if values else found

    def list(self, key: str) -> list[str]:
        return [str(item) for item in self.lookup(key)]

    def lookup(self, key: str) -> Any:
        """The value at a dotted key: "quiz.label" is table["quiz"]["label"]."""
        found: Any = self.table
        for part in key.split("."):
            found = found[part]
        return found

    def date(self, day) -> str:
        """A date as readers of the language write it: "2 December 2026"."""
        return self("date", day=day.day, month=self.list("months")[day.month - 1], year=day.year)

    def browser(self) -> dict[str, str]:
        """The words the scripts need, for the page's JSON."""
        return {key: str(value) for key, value in self.table.get("browser", {}).items()}


def flat_keys(table: Any, prefix: str = "") -> dict[str, Any]:
    """`{"quiz.label": "Quiz", ...}`: every leaf of a table, by its dotted key."""
    if not isinstance(table, dict):
        return {prefix: table}
    keys: dict[str, Any] = {}
    for name, value in table.items():
        keys.update(flat_keys(value, f"{prefix}.{name}" if prefix else str(name)))
    return keys


def table_problems(table: Any, reference: dict, file: str) -> list[SourceError]:
    """What keeps a translated table from standing in for the English one: a missing key, or a
    value without a {placeholder} the English one has."""
    if not isinstance(table, dict):
        return [SourceError(file, 1, "the strings table is not a mapping", f"copy {REFERENCE}.yml and translate its values")]
    ours, theirs = flat_keys(table), flat_keys(reference)
    errors = []
    for key, english in theirs.items():
        if key not in ours:
            errors.append(SourceError(file, None, f"the strings table has no `{key}`", f"translate it from {REFERENCE}.yml"))
        elif set(PLACEHOLDER.findall(str(english))) - set(PLACEHOLDER.findall(str(ours[key]))):
            errors.append(SourceError(file, None, f"`{key}` lacks a placeholder of the English text ({english})",
                                      "keep every {name} of the English text"))
    return errors


def load(language: str, folder: Path = FOLDER) -> tuple[Strings | None, list[SourceError]]:
    """The table of `language`, checked against the English one."""
    path = folder / f"{language}.yml"
    if not path.is_file():
        available = ", ".join(sorted(found.stem for found in folder.glob("*.yml")))
        return None, [SourceError("mkdocs.yml", None, f"theme.language is '{language}', which has no strings table",
                                  f"add {folder.name}/{language}.yml next to the others (a copy of {REFERENCE}.yml, "
                                  f"translated), or use one of: {available}")]
    table = read_data(path.read_text(encoding="utf-8"))
    reference = table if language == REFERENCE else read_data((folder / f"{REFERENCE}.yml").read_text(encoding="utf-8"))
    errors = table_problems(table, reference, str(path.name)) if language != REFERENCE else []
    return (None if errors else Strings(language, table)), errors
