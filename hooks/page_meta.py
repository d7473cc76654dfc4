"""Review dates: every page says when it was last reviewed and when the next review is due.

Readers of a health site judge it by how current it is, so a page without both dates must not
publish. `check` reads the front matter of a page before any is rendered (`reviewed`,
`next_review`: ISO dates, the second after the first); the template override
`overrides/partials/content.html` shows the dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import re

import yaml
from build_errors import SourceError
from literal_yaml import read_data

REQUIRED_DATES = ("reviewed", "next_review")
FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def check_front_matter(text: str, file: str) -> list[SourceError]:
    """The YAML error in a page's front matter, at its line. MkDocs ignores front matter it
    cannot read and publishes it as text, which would otherwise surface only as "no review date"."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return []
    end = FRONT_MATTER_END.search(text, len(lines[0]) + 1)
    if end is None:
        return [SourceError(file, 1, "the front matter that starts on line 1 is never closed",
                            "end it with a line of three hyphens, ---, after its last key")]
    block = text[len(lines[0]) + 1:end.start()]
    try:
        data = read_data(block)  # the front matter
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        hint = ("put a value that contains ': ' in double quotes, e.g. title: \"Cramps: the basics\""
                if "mapping values" in problem else
                "indent with spaces, not tabs" if "\\t" in problem or "tab" in problem else
                "check the indentation, colons and quotes of this line")
        return [SourceError(file, line, f"front matter is not valid YAML ({problem})", hint)]
    except ValueError as error:  # a date that does not exist, such as 2026-02-30
        return [SourceError(file, invalid_date_line(yaml.compose(block, Loader=yaml.SafeLoader)) or 1, f"front matter has an impossible date ({error})",
                            "write a real date as YYYY-MM-DD")]
    if data is not None and not isinstance(data, dict):
        return [SourceError(file, 2, "front matter is not a list of `key: value` lines",
                            "write one `key: value` per line between the two --- lines")]
    return []


def invalid_date_line(node) -> int | None:
    """The file line of the first timestamp in a YAML tree that is not a real date."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader.construct_yaml_timestamp(yaml.SafeLoader(""), node)
            except ValueError:
                return node.start_mark.line + 2
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else \
        [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else []
    return next((line for child in children if (line := invalid_date_line(child))), None)


def check_review_dates(meta: dict[str, Any], file: str) -> list[SourceError]:
    """Errors for missing, malformed or out-of-order review dates in a page's front matter."""
    errors = []
    dates = {}
    for key in REQUIRED_DATES:
        value = meta.get(key)
        if value is None:
            errors.append(SourceError(file, 1, f"front matter has no `{key}` date",
                                      f"add `{key}: YYYY-MM-DD` to the front matter"))
        elif isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            errors.append(SourceError(file, 1, f"`{key}: {value}` is not a date",
                                      f"write it as an ISO date without quotes, e.g. `{key}: 2026-11-26`"))
        else:
            dates[key] = value
    if len(dates) == 2 and dates["next_review"] <= dates["reviewed"]:
        errors.append(SourceError(file, 1, f"`next_review` ({dates['next_review']}) is not after "
                                  f"`reviewed` ({dates['reviewed']})", "set the next review to a later date"))
    return errors


def check(page) -> list[SourceError]:
    """Every problem with a page's front matter (a `site_model.PageModel`)."""
    return check_front_matter(page.text, page.src_uri) or check_review_dates(page.meta, page.src_uri)
