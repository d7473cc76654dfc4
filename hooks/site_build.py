"""The one MkDocs hook of the site: it owns the build and calls every feature, in this order.

MkDocs calls the events below; each hands the build under way (`site_model.Build`, made anew
at `on_config`) to the features in `hooks/`, which are plain libraries with no state of their
own. The model reads and parses every page once, in `on_nav`; every check runs on it and the
build stops listing every problem of every page at once, before any page is rendered.

The site's own Markdown syntax (citations, and the blocks of the features) is made of
Python-Markdown extensions built for each build (`markdown_extensions`), so Markdown parses it
with everything else: nothing is spliced into a page's text, and nothing in code is touched.
They build their blocks (`/// quiz`) from the checked model of the page being converted, which
`on_page_markdown` notes in `build.page`. The search index gets its reader words after the
search plugin has written it (-100); the hosting headers are computed from the finished site,
last (-200).
"""

from __future__ import annotations

from pathlib import Path

import abbreviations
import background
import checklist
import cite_markdown
import common_words
import headings
import hosting
import markup_fixes
import page_meta
import quiz
import references
import search_input
import search_questions
import search_terms
import serve_errors
import share
import site_blocks
import social
import strings
import jinja2
from build_errors import raise_all
from mkdocs.plugins import CombinedEvent, event_priority
from site_model import Build, read_pages

build: Build | None = None  # the build under way: replaced, never added to, at each on_config


def current() -> Build:
    if build is None:
        raise RuntimeError("an event ran before on_config made the build")
    return build


# ----------------------------------------------------------------------------- configuration

def start_build(config):
    global build
    build = Build(config)
    build.strings, errors = strings.load(config.theme["language"] or strings.REFERENCE)
    raise_all(errors)
    search_terms.check_config(config)
    build.entries, build.registry = references.load(config, build.strings)
    build.workers = background.pool()
    config.markdown_extensions.extend(markdown_extensions(build))
    return config


def markdown_extensions(site: Build) -> list:
    """The site's own Markdown syntax, as Python-Markdown extensions made for this build: each
    reads what it needs (the checked blocks, the sources, the page being converted) from it."""
    citations = cite_markdown.Citations(
        keys_of_page=lambda: site.sources_of_page.get(site.page.src_uri, []),
        reference_text=lambda key: references.reference_text(site.registry, key),
        page_name=lambda: site.page.src_uri,
        heading=site.strings("references.sources"), converted=site.converted_sources)
    blocks = site_blocks.FilledBlocks([references.index_block(site), share.links_block(site)])
    return [cite_markdown.CitationExtension(citations), blocks, quiz.QuizExtension(site),
            checklist.ChecklistExtension(site), share.AliasTargetsExtension(), abbreviations.FirstUseExtension(),
            search_input.SkippedPartsExtension(lambda parts: site.search_parts.__setitem__(site.page.src_uri, parts))]


on_config = start_build


TEMPLATE_CACHE = ".cache/templates"  # next to mkdocs.yml, like .cache/social-cards; not published
COMMON_WORDS_CACHE = ".cache/common-words"


def on_env(env, config, files):
    env.globals["strings"] = current().strings  # {{ strings("not_found.title") }} in templates
    # Jinja compiles the theme's templates again at every build, a fifth of a small site's build
    # time; it keeps them compiled here and compiles again any template whose source changed.
    folder = Path(config.config_file_path).parent / TEMPLATE_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def on_build_error(error):
    if build is not None and build.workers is not None:
        build.workers.shutdown(cancel_futures=True)  # a stopped build draws and scans no more


def on_serve(server, config, builder):
    return serve_errors.show_errors_in_browser(server, config)


# ----------------------------------------------------------------------------- the whole site

def on_nav(nav, config, files):
    site = current()
    site.pages = read_pages(files)
    pages = list(site.pages.values())
    errors = [error for page in pages for error in page_meta.check(page) + headings.check(page)]
    site.cited_in, found = references.check(pages, site.entries)
    errors += found
    site.quizzes, found = quiz.check(pages, site.entries)
    errors += found
    for src_uri, line, key in site.quizzes.cited():
        page = site.pages[src_uri]
        references.cite(site.cited_in, page, key, references.section_at(page, line))
    site.checklists, found = checklist.check(pages, site.entries)
    errors += found
    for page in pages:
        for line, key in checklist.citations(page, site.checklists):
            references.cite(site.cited_in, page, key, references.section_at(page, line + page.first_line - 1))
    site.sources_of_page = sources_of_page(site)
    site.search_terms, found = search_terms.check(pages, Path(config.docs_dir))
    errors += found
    site.search_questions, site.search_warnings, found = search_questions.load(config.extra.get(search_questions.CONFIG_KEY),
                                                         Path(config.config_file_path).parent, pages)
    errors += found
    errors += references.index_block_errors(pages, site.entries) + share.links_block_errors(pages)
    raise_all(errors)
    site.links_html = share.links_table(site.pages, nav, config.site_url or "", site.strings)
    # The common words near the site's, found beside the page renderer (search_terms.write_index).
    site.near_common_words = site.workers.submit(
        common_words.near_site_words_of, config.theme["language"] or "en", search_terms.source_text(pages, site.search_terms),
        Path(config.config_file_path).parent / COMMON_WORDS_CACHE)
    return nav


def sources_of_page(site: Build) -> dict[str, list[str]]:
    """The sources each page lists: those it cites, and those of its quizzes (the questions of
    other pages that a quiz includes too)."""
    pages = references.keys_by_page(site.cited_in)
    for src_uri in site.quizzes.blocks:
        keys = pages.setdefault(src_uri, [])
        keys += [key for key in dict.fromkeys(key for _, key in site.quizzes.citations(src_uri)) if key not in keys]
    return pages


# ----------------------------------------------------------------------------- each page

def on_page_markdown(markdown: str, page, config, files) -> str:
    """The page whose Markdown is converted next, for the site's Markdown extensions; its
    title made safe text; the flags that make the template link the quiz's and checklist's
    styles."""
    site = current()
    site.page = site.pages[page.file.src_uri]
    share.prepare(page)
    if site.quizzes.has_quiz(page.file.src_uri):
        page.meta["has_quiz"] = True  # the quiz's stylesheet (overrides/main.html) and script
    checklist.flag_page(page, site.checklists)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    html = quiz.add_script(html, page)
    html = checklist.add_script(html, page)
    share.finish(html, page)
    site = current()  # the card's title and description are known: drawn while the other pages convert
    site.cards.append(social.submit_card(site.workers, social.card_for(page, config), config))
    return html


@event_priority(10)  # before the search plugin (0) reads the page
def cut_search_skipped_parts(context, page, config, nav):
    """Material's search plugin parses all of a page only to skip what is excluded from search:
    it gets the page without those parts (search_input), and the same index."""
    site = current()
    page.content, site.search_cut = search_input.without_parts(page.content, site.search_parts.pop(page.file.src_uri, None))
    return context


@event_priority(-10)  # after the search plugin
def restore_search_skipped_parts(context, page, config, nav):
    site = current()
    page.content, site.search_cut = search_input.with_parts(page.content, site.search_cut), ()
    return context


on_page_context = CombinedEvent(cut_search_skipped_parts, restore_search_skipped_parts)


def on_post_page(output: str, page, config) -> str:
    output = markup_fixes.mend(output)
    if config.extra.get("hosting") is not None:  # scanned for the headers now, in the background
        site = current()
        site.early_scans[page.file.dest_uri] = hosting.scan_early(site.workers, output, config.extra["hosting"])
    return output


def on_post_template(output_content: str, template_name: str, config) -> str:
    return markup_fixes.mend(output_content)  # 404.html is a theme template, not a page


# ----------------------------------------------------------------------------- the finished site

def write_files(config):
    site = current()
    share.write_robots(Path(config.site_dir), config.site_url)
    background.wait_for(site.cards)


@event_priority(-100)  # after the search plugin has written the index
def finish_search_index(config):
    site = current()
    engine = Path(config.docs_dir) / search_questions.ENGINE
    stop_words = search_questions.engine_stop_words(engine.read_text(encoding="utf-8")) if engine.is_file() else set()
    search_terms.write_index(Path(config.site_dir), site.search_terms, site.search_questions, site.search_warnings,
                             stop_words, site.near_common_words.result(), config.extra.get(search_terms.APART_KEY, []))


@event_priority(-200)  # last: the headers are computed from every file the others wrote
def write_headers(config):
    if config.extra.get("hosting") is not None:  # a site that declares how it is hosted
        hosting.write_headers(config, current().early_scans)


@event_priority(-300)
def stop_workers(config):
    current().workers.shutdown()


on_post_build = CombinedEvent(write_files, finish_search_index, write_headers, stop_workers)
