"""Search terms: the words readers use for a section, written next to the content.

Readers search in their own words: "charley horse" finds nothing unless the page says it. A
page's front matter may declare, per section id, the words readers use:

    search_terms:
      page: leg cramps, muscle cramps          # the page's own entry
      night-cramps: cramps in bed, nocturnal, charley horse at night

`on_nav` checks that every id exists on its page (file, line of the key, fix), and reads the
site's lexicon of lay words (`includes/search-lexicon.yml` in the docs folder, if present): a
list of `reader` phrases, the `site` words they stand for, and `why` the mapping is sound. The
lexicon goes into the index's `config`, which the search worker receives.
`on_post_build`, after the search plugin has written `search/search_index.json`, adds a
`keywords` field with the declared terms to each entry. The site's search engine
(`docs/assets/search/engine.js`) ranks by it without showing it, and stems every word, so
"stretching" finds "Stretches" without listing inflected forms here.
"""

from __future__ import annotations

import json
from pathlib import Path

import literal_yaml
from build_errors import SourceError, did_you_mean, raise_all
from markdown_scan import documentation_pages, explicit_ids, prose_lines
from mkdocs.plugins import event_priority

PAGE_KEY = "page"
LEXICON = "includes/search-lexicon.yml"
LEXICON_FIELDS = {"reader", "site", "why"}
FIELD = "keywords"


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


def add_keywords(index: dict, terms_by_page: dict[str, dict[str, list[str]]]) -> dict:
    """The search index with a keywords field on every entry: the declared terms, or nothing.
    A heading inside a part hidden from search (`data-search-exclude`) still leaves an entry,
    with no text and the page's title: it would only repeat the page's own result, so it goes."""
    titles = {doc["location"]: doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    kept = []
    for doc in index["docs"]:
        page, _, section = doc["location"].partition("#")
        doc[FIELD] = ", ".join(terms_by_page.get(page, {}).get(section or PAGE_KEY, []))
        if section and not doc["text"].strip() and not doc[FIELD] and doc["title"] == titles.get(page):
            continue
        kept.append(doc)
    index["docs"] = kept
    return index


def read_lexicon(text: str, file: str) -> tuple[list[dict], list[SourceError]]:
    """The lexicon's mappings, or the errors that keep it from being used. Every value is text
    as written, so "no" or "on" stay words."""
    data, errors = literal_yaml.read_block(text, {"reader", "site", "why"}, file, 1, "lexicon",
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
        problems = [(f"unknown lexicon field '{name}'", did_you_mean(name, LEXICON_FIELDS, "use reader, site and why"))
                    for name in sorted(set(item) - LEXICON_FIELDS - {"__line__"})]
        reader, site = item.get("reader"), item.get("site")
        if not (isinstance(reader, list) and reader and all(isinstance(w, str) and w.strip() for w in reader)):
            problems.append(("a lexicon entry has no `reader` phrases",
                             "list the reader's words: reader: [water tablets, water pills]"))
        if not (isinstance(site, list) and site and all(isinstance(w, str) and w.strip() for w in site)):
            problems.append(("a lexicon entry has no `site` words",
                             "list the words the site uses for them: site: [diuretics]"))
        if not str(item.get("why") or "").strip():
            problems.append(("a lexicon entry does not say why the mapping is sound",
                             "add `why:` with the source that backs it"))
        errors += [SourceError(file, line, problem, fix) for problem, fix in problems]
        if not problems:
            entries.append({"reader": [w.strip() for w in reader], "site": [w.strip() for w in site]})
    return entries, errors


# ----------------------------------------------------------------------------- MkDocs events

terms_by_url: dict[str, dict[str, list[str]]] = {}
lexicon: list[dict] = []


def on_nav(nav, config, files):
    global terms_by_url, lexicon
    terms_by_url = {}
    errors = []
    path = Path(config.docs_dir) / LEXICON
    lexicon, problems = read_lexicon(path.read_text(encoding="utf-8"), f"{Path(config.docs_dir).name}/{LEXICON}") \
        if path.is_file() else ([], [])
    errors += problems
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
    index = add_keywords(json.loads(path.read_text(encoding="utf-8")), terms_by_url)
    index["config"]["lexicon"] = lexicon
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
