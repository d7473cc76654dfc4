"""Reader questions: questions readers asked, each with the sections that answer it, teach the
search the words readers use for those sections.

A section says "cramps in bed"; readers ask "calf seizes up under the covers". Reader words in
front matter (`search_terms`) and the lexicon cover the words someone thought of; questions
collected from readers, with the sections a careful reader would accept as answers, cover the
words readers actually use, and keep doing so as more are collected.

`extra.search_questions` in mkdocs.yml lists, under `files`, files (glob patterns, relative to
mkdocs.yml), each a YAML list of `query` and `expect` (or a mapping with such a `queries:` list):

    - query: "calf seizes up under the covers"
      expect: ["causes/#night-cramps", "./#during-a-cramp", "quiz/"]

`expect` names sections as the search index does (`page/#id`, `#id` or `./#id` on the home
page) or whole pages (`page/`); an empty list (a question the site does not answer) teaches
nothing. Every section a question names gets, in the index, a `questions` field: the words of
its questions that it does not already hold, each once. The engine ranks by it below the
section's own words and never shows it.

What readers asked must never move advice on when to get help, up or down: `warnings` lists the
pages and sections of that advice, and among the first three results the engine keeps them
where the site's own words put them (see its `search`).

Question sets kept aside to measure the search must never be listed here: the search would
have learnt their answers.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

import literal_yaml
from build_errors import SourceError, did_you_mean
from common_words import words

CONFIG_KEY = "search_questions"
FIELD = "questions"
ENGINE = "assets/search/engine.js"  # in the docs folder: the engine that reads the field
STOP_LIST = re.compile(r"const STOP_WORDS = new Set\(\((?P<list>.*?)\)\.split", re.S)


def engine_stop_words(source: str) -> set[str]:
    """The words the engine drops from every text and query, read from its source so that the
    two lists never differ: a stop word in the index would only make it bigger."""
    found = STOP_LIST.search(source)
    if not found:
        return set()
    listed = re.sub(r"//[^\n]*", "", found["list"])  # its comments are not words
    return set(" ".join(re.findall(r'"([^"]*)"', listed)).split())


def target_location(target: str) -> str:
    """How the index names an `expect` target: './#id' and '/#id' are the home page's '#id',
    'index.md' and './' the home page ''."""
    target = target.strip().lstrip("/").removeprefix("./")
    return "" if target in ("index.md", ".") else target


def question_files(patterns, root: Path) -> tuple[list[Path], list[SourceError]]:
    """The files `extra.search_questions.files` names, each pattern matching at least one."""
    if not isinstance(patterns, list):
        return [], [SourceError("mkdocs.yml", None, f"`extra.{CONFIG_KEY}.files` is not a list of file patterns",
                                f"write `files: [questions/*.yaml]` under `{CONFIG_KEY}:`")]
    files, errors = [], []
    for pattern in patterns:
        found = sorted(Path(path) for path in glob.glob(str(root / str(pattern))))
        if not found:
            errors.append(SourceError("mkdocs.yml", None, f"`extra.{CONFIG_KEY}.files` lists '{pattern}', which matches "
                                      "no file", "give a path relative to mkdocs.yml, or remove the pattern"))
        files += [path for path in found if path not in files]
    return files, errors


def read_settings(settings) -> tuple[list, list[str], list[SourceError]]:
    """The file patterns and the warnings of `extra.search_questions`; none when it is absent.
    Questions without warnings would be free to move advice on when to get help: both are needed."""
    if settings is None:
        return [], [], []
    fix = f"write `{CONFIG_KEY}:` with `files: [...]` and `warnings: [page/, page/#section, ...]` under `extra:`"
    if not isinstance(settings, dict) or set(settings) != {"files", "warnings"}:
        return [], [], [SourceError("mkdocs.yml", None, f"`extra.{CONFIG_KEY}` needs `files` and `warnings`, and nothing else",
                                    fix)]
    warnings = settings["warnings"]
    if not isinstance(warnings, list) or not warnings or not all(isinstance(link, str) for link in warnings):
        return [], [], [SourceError("mkdocs.yml", None, f"`extra.{CONFIG_KEY}.warnings` is not a list of pages and sections", fix)]
    return settings["files"], [target_location(link) for link in warnings], []


def read_questions(text: str, file: str) -> tuple[list[dict], list[SourceError]]:
    """The questions of a file (`query`, `targets`, `line`), or the errors that keep them from
    being used."""
    data, errors = literal_yaml.read_block(text, {"query"}, file, 1, "the question file",
                                           "check the indentation and the `- ` of each question")
    if errors:
        return [], errors
    items = data.get("queries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        return [], [SourceError(file, 1, "the question file is not a list of questions",
                                "write a list of `- query: ...` items with `expect: [...]`, or put it under `queries:`")]
    questions = []
    for item in items:
        line = item.pop("__line__") + 1 if isinstance(item, dict) else None
        if not isinstance(item, dict) or not str(item.get("query") or "").strip():
            errors.append(SourceError(file, line, "a question has no `query` text", "write `- query: \"...\"`"))
            continue
        expect = item.get("expect") or []
        if not isinstance(expect, list) or not all(isinstance(target, str) for target in expect):
            errors.append(SourceError(file, line, f"the `expect` of '{item['query']}' is not a list of links",
                                      "write `expect: [\"page/#section-id\", ...]`, or `expect: []`"))
            continue
        questions.append({"query": item["query"], "targets": [target_location(t) for t in expect], "file": file, "line": line})
    return questions, errors


def unknown_targets(questions: list[dict], locations: set[str]) -> list[SourceError]:
    """Errors for targets that are neither a page nor a section of the site."""
    return [SourceError(question["file"], question["line"], f"'{question['query']}' expects '{target}', which is not a page or "
                        "section of the site", did_you_mean(target, locations, "name a page (causes/) or a section "
                                                            "(causes/#medicines; #id on the home page)"))
            for question in questions for target in question["targets"] if target not in locations]


def locations_of(pages) -> set[str]:
    """Every page and section link of the site, as the index names them (pages:
    `site_model.PageModel`s)."""
    found = set()
    for page in pages:
        url = "" if page.url == "./" else page.url
        found |= {url} | {f"{url}#{element_id}" for element_id in page.ids}
    return found


def load(settings, root: Path, pages) -> tuple[list[dict], list[str], list[SourceError]]:
    """Every listed question, and the warnings, with their targets checked against the site's
    pages."""
    patterns, warnings, errors = read_settings(settings)
    if errors or settings is None:
        return [], [], errors
    files, errors = question_files(patterns, root)
    locations = locations_of(pages)
    errors += [SourceError("mkdocs.yml", None, f"`extra.{CONFIG_KEY}.warnings` lists '{link}', which is not a page or "
                           "section of the site", did_you_mean(link, locations, "name a page (see-a-doctor/) or a "
                                                               "section (see-a-doctor/#urgent)"))
               for link in warnings if link not in locations]
    questions = []
    for path in files:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        found, problems = read_questions(path.read_text(encoding="utf-8"), name)
        errors += problems + unknown_targets(found, locations)
        questions += found
    return questions, warnings, errors


def plural_forms(word: str) -> set[str]:
    """A word with and without a plural "s": the engine's stemmer makes them one word, so an
    entry holding one needs neither."""
    return {word, word + "s"} | ({word[:-1]} if word.endswith("s") and len(word) > 3 else set())


def question_words(questions: list[dict], docs: list[dict], stop_words: set[str] = frozenset()) -> dict[str, str]:
    """For each indexed location the questions name, the words of those questions that the entry
    does not already hold (nor their singular or plural), each once, in the order first asked,
    without the engine's stop words."""
    own = {doc["location"]: set(words(" ".join(str(doc.get(key) or "") for key in ("title", "text", "keywords"))))
           for doc in docs}
    asked: dict[str, dict[str, None]] = {}
    for question in questions:
        for target in question["targets"]:
            if target not in own:
                continue
            new = asked.setdefault(target, {})
            for word in words(question["query"]):
                if len(word) > 1 and word not in stop_words and not any(form in own[target] or form in new
                                                                          for form in plural_forms(word)):
                    new[word] = None
    return {location: " ".join(found) for location, found in asked.items() if found}


def missing_from_index(questions: list[dict], docs: list[dict]) -> list[SourceError]:
    """Errors for questions none of whose targets the index holds (pages or parts kept out of
    search): such a question can never be answered by the search, nor teach it anything. A
    question may name an unindexed page beside an indexed section (the references page beside
    the page on how evidence is chosen)."""
    indexed = {doc["location"] for doc in docs}
    return [SourceError(question["file"], question["line"], f"'{question['query']}' expects only "
                        f"{', '.join(repr(target) for target in question['targets'])}, which the search index does not "
                        "hold (kept out of search)", "add a section that search shows, or leave the question out")
            for question in questions if question["targets"] and not any(target in indexed for target in question["targets"])]


def add_questions(index: dict, by_location: dict[str, str]) -> dict:
    """The index with a `questions` field on every entry the questions name."""
    for doc in index["docs"]:
        if doc["location"] in by_location:
            doc[FIELD] = by_location[doc["location"]]
    return index
