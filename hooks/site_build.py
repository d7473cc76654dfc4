"""The one MkDocs hook of the site: it owns the build and calls every feature, in this order.

MkDocs calls the events below; each hands the build under way (`site_model.Build`, made anew
at `on_config`) to the features in `hooks/`, which are plain libraries with no state of their
own. The model reads and parses every page once, in `on_nav`; every check runs on it and the
build stops listing every problem of every page at once, before any page is rendered.

The priorities place our work around the plugins': the bibliography is read and checked before
mkdocs-bibtex reads it (50) and restyled after (-50); checklists become HTML before citations
are resolved (60), so that their sources are numbered with the page's; citation-like text in
code is hidden from the plugin before it runs (50) and restored after (-50); the search index
gets its reader words after the search plugin has written it (-100); the hosting headers are
computed from the finished site, last (-200).

The site's own Markdown syntax (`/// quiz`) is a Python-Markdown extension made for the build
(`markdown_extensions`): it builds its blocks while Python-Markdown converts a page, from the
checked model of the page being converted, which `on_page_markdown` notes in `build.page`.
"""

from __future__ import annotations

from pathlib import Path

import abbreviations
import checklist
import headings
import hosting
import markup_fixes
import page_meta
import quiz
import references
import search_terms
import serve_errors
import share
import social
import strings
from build_errors import raise_all
from mkdocs.plugins import CombinedEvent, event_priority
from site_model import Build, read_pages

build: Build | None = None  # the build under way: replaced, never added to, at each on_config


def current() -> Build:
    if build is None:
        raise RuntimeError("an event ran before on_config made the build")
    return build


# ----------------------------------------------------------------------------- configuration

@event_priority(50)
def start_build(config):
    global build
    build = Build(config)
    build.strings, errors = strings.load(config.theme["language"] or strings.REFERENCE)
    raise_all(errors)
    search_terms.check_config(config)
    build.entries = references.load(config)
    config.markdown_extensions.extend(markdown_extensions(build))
    return config


def markdown_extensions(site: Build) -> list:
    """The site's own Markdown syntax, as Python-Markdown extensions made for this build: each
    reads what it needs (the checked blocks, the sources, the page being converted) from it."""
    return [quiz.QuizExtension(site)]


@event_priority(-50)
def restyle_references(config):
    references.restyle(config, current().strings)
    return config


on_config = CombinedEvent(start_build, restyle_references)


def on_env(env, config, files):
    env.globals["strings"] = current().strings  # {{ strings("not_found.title") }} in templates
    return env


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
    site.search_terms, found = search_terms.check(pages, Path(config.docs_dir))
    errors += found
    raise_all(errors)
    site.links_html = share.links_table(site.pages, nav, config.site_url or "", site.strings)
    return nav


# ----------------------------------------------------------------------------- each page

@event_priority(60)
def render_blocks(markdown: str, page, config, files) -> str:
    site = current()
    site.page = site.pages[page.file.src_uri]
    if site.quizzes.has_quiz(page.file.src_uri):
        page.meta["has_quiz"] = True  # the quiz's stylesheet (overrides/main.html) and script
    return checklist.render(markdown, page, site.checklists)


@event_priority(50)
def prepare_page(markdown: str, page, config, files) -> str:
    site = current()
    markdown = share.prepare(markdown, page, site.links_html)
    return references.prepare(markdown, page, config, site.entries, site.cited_in, site.strings)


@event_priority(-50)
def restore_code(markdown: str, page, config, files) -> str:
    return references.restore(markdown)


on_page_markdown = CombinedEvent(render_blocks, prepare_page, restore_code)


def on_page_content(html: str, page, config, files) -> str:
    html = references.finish(html)
    html = quiz.add_script(html, page)
    html = checklist.add_script(html, page)
    html = share.finish(html, page)
    return abbreviations.explain_first_use(html)


def on_page_context(context, page, config, nav):
    current().cards.append(social.card_for(page, config))
    return context


def on_post_page(output: str, page, config) -> str:
    return markup_fixes.mend(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return markup_fixes.mend(output_content)  # 404.html is a theme template, not a page


# ----------------------------------------------------------------------------- the finished site

def write_files(config):
    site = current()
    share.write_robots(Path(config.site_dir), config.site_url)
    social.write_cards(site.cards, config)


@event_priority(-100)  # after the search plugin has written the index
def finish_search_index(config):
    search_terms.write_index(Path(config.site_dir), current().search_terms)


@event_priority(-200)  # last: the headers are computed from every file the others wrote
def write_headers(config):
    if config.extra.get("hosting") is not None:  # a site that declares how it is hosted
        hosting.write_headers(config)


on_post_build = CombinedEvent(write_files, finish_search_index, write_headers)
