"""One error type for every hook, so a build shows all problems at once, each with its fix.

A hook collects `SourceError`s while it checks a page or a file and raises them together
through `raise_all`; MkDocs prints the message and stops the build, with or without --strict.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class SourceError:
    """A problem in a source file: where it is, what is wrong, how to fix it."""

    file: str
    line: int | None
    problem: str
    fix: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        end = "" if self.fix.endswith(("?", ".")) else "."
        return f"{place}: {self.problem}. Fix: {self.fix}{end}"


class BuildStopped(PluginError):
    """Raised with every error found, so one build run lists them all."""

    def __init__(self, errors: Iterable[SourceError]):
        self.errors = list(errors)
        count = len(self.errors)
        heading = f"{count} problem{'s stop' if count != 1 else ' stops'} the build:"
        super().__init__("\n  ".join([heading, *map(str, self.errors)]))


def raise_all(errors: Iterable[SourceError]) -> None:
    """Stop the build if there is any error; do nothing otherwise."""
    errors = list(errors)
    if errors:
        raise BuildStopped(errors)



def did_you_mean(word: str, choices, otherwise: str) -> str:
    """A fix that names the closest valid choice, so a typo is mended in one step."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else otherwise
