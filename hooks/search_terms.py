"""Search terms: the words readers use for a section, written next to the content.

Readers search in their own words: "charley horse" finds nothing unless the page says it. A
page's front matter may declare, per section id, the words readers use:

    search_terms:
      page: leg cramps, muscle cramps          # the page's own entry
      night-cramps: cramps in bed, nocturnal, charley horse at night

`check` finds, for every page, that every id exists on it (file, line of the key, fix), and reads
the site's lexicon of lay words (`includes/search-lexicon.yml` in the docs folder, if present): a
list of `reader` phrases, the `site` words they stand for, and `why` the mapping is sound. The
lexicon goes into the index's `config`, which the search worker receives.
`write_index`, after the search plugin has written `search/search_index.json`, keeps each
entry's text as plain text (`plain_text`), adds a `keywords` field with the declared terms to
each entry, and to its `config` the common words that the engine must not "correct" into the
site's (`common_words`). The site's search engine (`docs/assets/search/engine.js`) ranks by the
`keywords` field without showing it, and stems every word, so "stretching" finds "Stretches"
without listing inflected forms here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from dataclasses import dataclass, field

import common_words
import literal_yaml
import search_questions
from build_errors import SourceError, did_you_mean, raise_all
from markdown_scan import explicit_ids, prose_lines

PAGE_KEY = "page"
LEXICON = "includes/search-lexicon.yml"
LEXICON_FIELDS = {"reader", "site", "first", "favour", "topic", "unless_negated", "longer_than", "only_with", "why"}
PAGE_FIELDS = ("favour", "topic")  # lists of pages: what the reader wants to do, what a page is about
SECTION_LINK = re.compile(r"(?P<page>(?:[\w-]+/)*)#(?P<id>[\w-]+)")  # as the index names sections: causes/#medicines
PAGE_LINK = re.compile(r"(?:[\w-]+/)+")  # as the index names pages: prevention/
FIELD = "keywords"
SLOT = "<duration>"  # in a reader phrase: any length of time longer than the entry's `longer_than`
DURATION = re.compile(r"(?P<count>\d+)\s*(?P<unit>minutes?|hours?)")
APART_KEY = "search_apart"  # extra: pages the engine searches on their own
CITATION = re.compile(r"\s*<sup>[\d,\s]*</sup>")  # a numbered source, as the search plugin keeps it


def parse_terms(value) -> list[str]:
    """Terms given as a list or as one comma-separated string."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def check_terms(meta: dict, body: str, file: str, first_line: int, source_text: str,
                ids: set[str] | None = None) -> list[SourceError]:
    """Errors for declared section ids that the page does not have (`ids`: the page's explicit
    ids, when already known)."""
    declared = meta.get("search_terms") or {}
    if not isinstance(declared, dict):
        return [SourceError(file, 1, "`search_terms` is not a mapping of section ids to terms",
                            "write `search_terms:` with one `section-id: term, term` line per section")]
    if ids is None:
        ids = {element_id for _, line in prose_lines(body) for element_id in explicit_ids(line)}
    errors = []
    for section in declared:
        if section != PAGE_KEY and section not in ids:
            line = next((n for n, text in enumerate(source_text.splitlines(), 1)
                         if text.strip().startswith(f"{section}:")), 1)
            errors.append(SourceError(file, line, f"search terms are declared for '{section}', which is not a "
                                      "section id of this page",
                                      did_you_mean(section, ids | {PAGE_KEY}, f"use a section id or '{PAGE_KEY}'")))
    return errors


def add_keywords(index: dict, terms_by_page: dict[str, dict[str, list[str]]]) -> dict:
    """The search index with a keywords field on every entry that declares terms (an empty one
    would only add bytes: the engine reads a missing field as empty). A heading inside a part
    hidden from search (`data-search-exclude`) still leaves an entry, with no text and the page's
    title: it would only repeat the page's own result, so it goes."""
    titles = {doc["location"]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    kept = []
    for doc in index["docs"]:
        page, _, section = doc["location"].partition("#")
        terms = ", ".join(terms_by_page.get(page, {}).get(section or PAGE_KEY, []))
        doc.pop(FIELD, None)
        if terms:
            doc[FIELD] = terms
        if section and not doc["text"].strip() and not terms and doc["title"] == titles.get(page):
            continue
        kept.append(doc)
    index["docs"] = kept
    return index


def read_lexicon(text: str, file: str) -> tuple[list[dict], list[SourceError]]:
    """The lexicon's mappings, or the errors that keep it from being used. Every value is text
    as written, so "no" or "on" stay words."""
    data, errors = literal_yaml.read_block(text, LEXICON_FIELDS, file, 1, "lexicon",
                                           "check the indentation and the `- ` of each entry")
    if errors or data is None:
        return [], errors
    if not isinstance(data, list):
        return [], [SourceError(file, 1, "the lexicon is not a list of entries", "start each entry with `- reader: [...]`")]
    entries = []
    for item in data:
        if not isinstance(item, dict):
            errors.append(SourceError(file, None, "a lexicon entry is not a mapping",
                                      "write `- reader: [...]` and `site: [...]`"))
            continue
        line = item["__line__"] + 1
        problems = [(f"unknown lexicon field '{name}'", did_you_mean(name, LEXICON_FIELDS, "use reader, site, first, favour, topic, unless_negated, longer_than, only_with and why"))
                    for name in sorted(set(item) - LEXICON_FIELDS - {"__line__"})]
        reader, site = item.get("reader"), item.get("site")
        if not is_word_list(reader):
            problems.append(("a lexicon entry has no `reader` phrases",
                             "list the reader's words: reader: [water tablets, water pills]"))
        page_lists = {name: item.get(name, []) for name in PAGE_FIELDS}
        for name, links in page_lists.items():
            if not (isinstance(links, list) and all(isinstance(link, str) and PAGE_LINK.fullmatch(link.strip())
                                                     for link in links)):
                problems.append((f"`{name}` is not a list of pages",
                                 f"name each page as the search index does: {name}: [prevention/]"))
        favour, topic = page_lists["favour"], page_lists["topic"]
        if (favour or topic) and site is None:
            # an intent ("how to stop", "why") favours a page, a topic word names one; neither stands for a word
            site = []
        elif not is_word_list(site):
            problems.append(("a lexicon entry has no `site` words",
                             "list the words the site uses for them: site: [diuretics], or the pages "
                             "the reader's intent favours: favour: [prevention/], or the pages these "
                             "words are the topic of: topic: [magnesium/]"))
        if not str(item.get("why") or "").strip():
            problems.append(("a lexicon entry does not say why the mapping is sound",
                             "add `why:` with the source that backs it"))
        first = item.get("first", [])
        if not (isinstance(first, list) and all(isinstance(link, str) and SECTION_LINK.fullmatch(link.strip())
                                                 for link in first)):
            problems.append(("`first` is not a list of sections",
                             "name each section as the search index does: first: [see-a-doctor/#urgent]"))
        negation = item.get("unless_negated")
        if negation is not None and str(negation).strip().lower() != "true":
            problems.append(("`unless_negated` is not true",
                             "write `unless_negated: true` (a phrase right after not, no, never or n't is not "
                             "matched) or leave it out"))
        only_with = item.get("only_with")
        if only_with is not None and not is_word_list(only_with):
            problems.append(("`only_with` is not a list of words",
                             "list the words the query must also hold for the entry to count: "
                             "only_with: [pregnant, pregnancy], or leave it out"))
        problems += slot_problems(reader if isinstance(reader, list) else [], item.get("longer_than"))
        errors += [SourceError(file, line, problem, fix) for problem, fix in problems]
        if not problems:
            entry = {"reader": [w.strip() for w in reader], "site": [w.strip() for w in site]}
            for name, links in page_lists.items():
                if links:
                    entry[name] = [link.strip() for link in links]
            if negation is not None:
                entry["unless_negated"] = True
            if item.get("longer_than") is not None:
                entry["longer_than"] = minutes(item["longer_than"])
            if only_with:
                entry["only_with"] = [w.strip() for w in only_with]
            if first or favour or topic:
                entry["__line__"] = line
            if first:
                entry["first"] = [link.strip() for link in first]
            entries.append(entry)
    return entries, errors


def is_word_list(value) -> bool:
    """A non-empty YAML list of non-blank strings: the shape of `reader`, `site` and `only_with`."""
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w.strip() for w in value)


def minutes(duration: str) -> int:
    """Minutes in a `longer_than` value such as "10 minutes" or "2 hours" (already checked)."""
    match = DURATION.fullmatch(str(duration).strip())
    return int(match["count"]) * (60 if match["unit"].startswith("hour") else 1)


def slot_problems(reader: list, longer_than) -> list[tuple[str, str]]:
    """Problems with the <duration> slot: it needs the entry's `longer_than`, which needs it;
    any other <...> in a phrase is a typo that would never match."""
    phrases = [phrase for phrase in reader if isinstance(phrase, str)]
    problems = []
    for phrase in phrases:
        unknown = [part for part in re.findall(r"<[^>]*>?", phrase) if part != SLOT]
        if unknown:
            problems.append((f"the reader phrase '{phrase}' holds {unknown[0]}, which the search does not know",
                             f"write {SLOT} for a length of time, or remove the angle brackets"))
    with_slot = any(SLOT in phrase for phrase in phrases)
    if longer_than is not None and not DURATION.fullmatch(str(longer_than).strip()):
        problems.append(("`longer_than` is not a length of time",
                         "write it as `longer_than: 10 minutes` or `longer_than: 2 hours`"))
    elif longer_than is not None and not with_slot:
        problems.append(("`longer_than` is given, but no reader phrase holds " + SLOT,
                         f"add a phrase such as 'for {SLOT}', or remove `longer_than`"))
    elif longer_than is None and with_slot:
        problems.append((f"a reader phrase holds {SLOT}, but the entry has no `longer_than`",
                         f"add `longer_than: 10 minutes`: {SLOT} stands for a time longer than that"))
    return problems


def unknown_sections(lexicon: list[dict], pages, file: str) -> list[SourceError]:
    """Errors for sections that a lexicon entry puts `first`, or pages it favours or names the topic of, that the site
    does not have (pages:
    `site_model.PageModel`s). Removes the line numbers, which the reader's browser does not need."""
    ids = {("" if page.url == "./" else page.url): set(page.ids) for page in pages}
    errors = []
    for entry in lexicon:
        line = entry.pop("__line__", None)
        for link in entry.get("first", []):
            match = SECTION_LINK.fullmatch(link)
            if match["id"] not in ids.get(match["page"], set()):
                errors.append(SourceError(file, line, f"the lexicon puts '{link}' first, which is not a section of the site",
                                          did_you_mean(link, {f"{url}#{i}" for url, page_ids in ids.items() for i in page_ids},
                                                       "name a page's URL and a section id, e.g. see-a-doctor/#urgent")))
        for name, verb in (("favour", "favours"), ("topic", "names the topic of")):
            for link in entry.get(name, []):
                if link not in ids:
                    errors.append(SourceError(file, line, f"the lexicon {verb} '{link}', which is not a page of the site",
                                              did_you_mean(link, set(ids), "name a page's URL, e.g. prevention/")))
    return errors


# ----------------------------------------------------------------------------- the build

@dataclass
class SearchTerms:
    """The reader words of every page section, and the lexicon, for one build."""

    by_url: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    lexicon: list[dict] = field(default_factory=list)


def check_config(config) -> None:
    """The search plugin must index the field the terms go into; the pages searched apart are
    a list of pages."""
    search = config.plugins.get("material/search")
    if search is None or FIELD not in search.config.fields:
        raise_all([SourceError("mkdocs.yml", None, f"the search plugin declares no '{FIELD}' field",
                               f"add `fields: {{{FIELD}: {{boost: 50}}}}` under `- search:` in plugins")])
    apart = config.extra.get(APART_KEY, [])
    if not isinstance(apart, list) or not all(isinstance(page, str) for page in apart):
        raise_all([SourceError("mkdocs.yml", None, f"`extra.{APART_KEY}` is not a list of pages",
                               f"write `{APART_KEY}: [references/]` under `extra:`, each page as its URL")])


def apart_errors(apart: list[str], docs: list[dict]) -> list[SourceError]:
    """Pages listed to be searched apart that the index does not hold as pages."""
    pages = {doc["location"] for doc in docs if "#" not in doc["location"]}
    fix = "give a page's URL as the index has it (e.g. 'references/'), or remove it: a page kept out of search needs none"
    return [SourceError("mkdocs.yml", None, f"`extra.{APART_KEY}` lists '{page}', which is no page the search index holds",
                        did_you_mean(page, pages, fix)) for page in apart if page not in pages]


def check(pages, docs_dir: Path) -> tuple[SearchTerms, list[SourceError]]:
    """Every page's declared terms (`site_model.PageModel`s) and the lexicon, with every problem."""
    errors: list[SourceError] = []
    path = docs_dir / LEXICON
    lexicon, problems = read_lexicon(path.read_text(encoding="utf-8"), f"{docs_dir.name}/{LEXICON}") \
        if path.is_file() else ([], [])
    errors += problems + unknown_sections(lexicon, pages, f"{docs_dir.name}/{LEXICON}")
    terms = SearchTerms(lexicon=lexicon)
    for page in pages:
        ids = {element_id for _, line in page.prose for element_id in explicit_ids(line)}
        errors += check_terms(page.meta, page.body, page.src_uri, page.first_line, page.text, ids)
        declared = page.meta.get("search_terms") or {}
        if isinstance(declared, dict):
            location = "" if page.url == "./" else page.url  # how the index names the home page
            terms.by_url[location] = {str(section): parse_terms(value) for section, value in declared.items()}
    return terms, errors


def source_text(pages, terms: SearchTerms) -> str:
    """The pages' sources and the lexicon's reader phrases: every word the index will hold, and more."""
    return "\n".join([page.text for page in pages] + [phrase for entry in terms.lexicon for phrase in entry.get("reader", [])])


def plain_text(html: str) -> str:
    """An entry's text without its markup or citation numbers, entities kept: the engine reads
    words and shows plain snippets, where a source's number links nowhere, so tags only add bytes
    to what every reader downloads."""
    return " ".join(common_words.TAG.sub(" ", CITATION.sub("", html)).split())


def write_index(site_dir: Path, terms: SearchTerms, questions: list[dict], warnings: list[str],
                stop_words: set[str], near_common_words: dict[str, list[str]], apart: list[str] = ()) -> None:
    """The search plugin's index, as plain text, with the reader words, the words of the reader
    questions (`search_questions`) and the advice they never move (`warnings`), the lexicon, the
    common words that the engine must not correct (`common_words`), and the pages it searches
    apart (`apart`) added."""
    path = site_dir / "search" / "search_index.json"
    index = add_keywords(json.loads(path.read_text(encoding="utf-8")), terms.by_url)
    for doc in index["docs"]:
        doc["text"] = plain_text(doc["text"])
    raise_all(search_questions.missing_from_index(questions, index["docs"]) + apart_errors(list(apart), index["docs"]))
    search_questions.add_questions(index, search_questions.question_words(questions, index["docs"], stop_words))
    index["config"]["lexicon"] = terms.lexicon
    if warnings:
        index["config"]["warnings"] = warnings
    if apart:
        index["config"]["apart"] = list(apart)
    index["config"]["common_words"] = common_words.keep_as_typed(near_common_words, index)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
