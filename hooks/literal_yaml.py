"""YAML read as the author wrote it, for blocks of text in pages (quizzes, checklists).

YAML's usual loader turns `Yes` into true, `010` into 8 and `10:30` into 630, and reads
everything after ` #` as a comment. Page text must be published as written, so every value is
read as text (the BaseLoader), each mapping remembers the line it starts on (`__line__`, for
error messages), and a ` #` that cut one of the named text fields short is reported. The parser
is libyaml's (C) when PyYAML was built with it, which reads quiz blocks many times faster.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import yaml


BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data(text: str) -> Any:
    """YAML data (front matter, options, string tables) read by libyaml, many times faster than
    PyYAML's own parser; on an error, read again by PyYAML's parser, whose messages name the
    problem more plainly ("mapping values are not allowed here")."""
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return yaml.safe_load(text)


class TextReading:
    """Mixed into a PyYAML BaseLoader: every value as text, with lines, noting texts cut short
    by a comment."""

    text_keys: frozenset[str] = frozenset()

    def __init__(self, stream: str):
        super().__init__(stream)
        self.source_lines = stream.split("\n")
        self.comment_cuts: list[tuple[int, str]] = []

    def note_comment_cut(self, node, key: str) -> None:
        # The C parser's marks carry no buffer: the rest of the line comes from the source, by
        # line and column (both count characters in either parser).
        for item in node.value if isinstance(node, yaml.SequenceNode) else [node]:
            if isinstance(item, yaml.ScalarNode) and not item.style:  # plain: None in Python, "" in C
                mark = item.end_mark
                rest = self.source_lines[mark.line][mark.column:] if mark.line < len(self.source_lines) else ""
                if re.match(r"\s+#", rest):
                    self.comment_cuts.append((item.end_mark.line, key))

    def construct_mapping(self, node, deep=False):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in self.text_keys:
                self.note_comment_cut(value, key.value)
        mapping = super().construct_mapping(node, deep=True)
        mapping["__line__"] = node.start_mark.line
        return mapping


def load(text: str, text_keys: Iterable[str], parser: type = BaseLoader) -> tuple[Any, list[tuple[int, str]]]:
    """The data of a block, and (line, key) for each text field cut short by ` #`. Raises
    yaml.YAMLError for text that is not YAML."""
    loader = type("Loader", (TextReading, parser), {"text_keys": frozenset(text_keys)})(text)
    try:
        return loader.get_single_data(), loader.comment_cuts
    finally:
        loader.dispose()


def read_block(text: str, text_keys: Iterable[str], page: str, first_line: int, what: str,
               fix: str) -> tuple[Any, list]:
    """A block's data, or the errors that keep it from being read: not YAML (at its line, with
    `fix`), or a text cut short by ` #` (at its line). `what` names the block in messages."""
    from build_errors import SourceError

    try:
        data, cuts = load(text, text_keys)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [SourceError(page, first_line + mark.line if mark else first_line,
                                  f"{what} is not valid YAML ({getattr(error, 'problem', error)})", fix)]
    errors = [SourceError(page, first_line + line, f"the `{key}` text contains ' #', and YAML reads everything "
                          "after it as a comment, so the text would be cut short",
                          f"put the whole text in double quotes: {key}: \"...\"") for line, key in cuts]
    return (None if errors else data), errors
