"""Review dates: every page says when it was last reviewed and when the next review is due.

Readers of a health site judge it by how current it is, so a page without both dates must not
publish. `on_nav` checks the front matter of every page before any is rendered
(`reviewed`, `next_review`: ISO dates, the second after the first) and lists every problem;
the template override `overrides/partials/content.html` shows the dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from build_errors import SourceError, raise_all
from markdown_scan import documentation_pages

REQUIRED_DATES = ("reviewed", "next_review")


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


def on_nav(nav, config, files):
    errors = []
    for source in documentation_pages(files):
        errors += check_review_dates(source.meta, source.src_uri)
    raise_all(errors)
    return nav
