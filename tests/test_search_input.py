"""What Material's search plugin reads of a page (hooks/search_input.py): the page without its
excluded parts gives the same index as the whole page, and the page comes back unchanged."""

from __future__ import annotations

import re

import markdown
import pytest
from material.plugins.search.plugin import Parser
from search_input import PLACEHOLDER_PREFIX, Parts, SkippedPartsExtension, with_parts, without_parts

PAGE = """# Title

Intro text.

## First {#first}

Before the quiz.

<aside data-search-exclude="" markdown>
A question with *emphasis*.

- an option
- another
</aside>

After the quiz.

<div data-search-exclude="" markdown>
<div markdown>Nested div: the plugin stops skipping at its end tag.</div>
Text the plugin indexes after all.
</div>

## Second {#second}

<div data-search-exclude="" markdown>
### Inside {#inside}

A heading inside an excluded element still opens a section.
</div>

<div data-search-exclude="true" markdown>
A valued attribute, which the plugin deletes from the page.
</div>

Closing words.

<div class="footnote" data-search-exclude="" markdown>
1. A source.
</div>
"""


def convert(text: str, *extensions) -> tuple[str, list[Parts]]:
    kept: list[Parts] = []
    html = markdown.markdown(text, extensions=["attr_list", "toc", "md_in_html", *extensions,
                                               SkippedPartsExtension(kept.append)])
    return html, kept


def index(html: str) -> list[tuple]:
    """The sections Material's search plugin indexes from this HTML."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(section.id, "".join(section.title), "".join(section.text)) for section in parser.data
            if not section.is_excluded()]


def as_search_plugin_leaves_it(html: str) -> str:
    return re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", html)  # what the plugin does to page.content


def test_the_page_is_the_same_with_the_extension():
    html, kept = convert(PAGE)
    assert html == markdown.markdown(PAGE, extensions=["attr_list", "toc", "md_in_html"])
    assert kept and kept[-1].html == html
    assert "\x02" not in html


def test_only_the_parts_the_plugin_skips_whole_are_cut():
    html, kept = convert(PAGE)
    reduced, cut = without_parts(html, kept[-1])
    assert len(cut) == 3  # the quiz, the text under the heading inside an excluded div, the source list
    assert cut[0].startswith("<aside") and cut[0].endswith("</aside>")
    assert cut[1] == "<p>A heading inside an excluded element still opens a section.</p>"
    assert cut[2].startswith('<div class="footnote"')
    assert "Nested div" in reduced and "Inside" in reduced and "valued attribute" in reduced
    assert "A question" not in reduced and "A source" not in reduced and "still opens" not in reduced


def test_the_index_is_the_same_and_the_page_comes_back_whole():
    html, kept = convert(PAGE)
    reduced, cut = without_parts(html, kept[-1])
    assert index(reduced) == index(html)
    assert "Text the plugin indexes after all." in str(index(html))  # the nested-div case is really there
    assert with_parts(as_search_plugin_leaves_it(reduced), cut) == as_search_plugin_leaves_it(html)


def test_a_page_changed_after_markdown_is_given_whole():
    html, kept = convert(PAGE)
    assert without_parts("<p>new</p>" + html, kept[-1]) == ("<p>new</p>" + html, ())
    appended = html + "<script src='quiz.js'></script>"  # what an on_page_content handler may add
    reduced, cut = without_parts(appended, kept[-1])
    assert len(cut) == 3 and with_parts(reduced, cut) == appended


@pytest.mark.parametrize("content", [f"<p>{PLACEHOLDER_PREFIX}0--></p>", ""])
def test_a_page_that_already_holds_a_placeholder_or_has_no_parts_is_given_whole(content):
    html, kept = convert(PAGE)
    page = html + content if content else "<p>plain</p>"
    parts = kept[-1] if content else None
    assert without_parts(page, parts) == (page, ())


def test_headings_postprocessed_by_the_toc_are_not_taken_for_the_page():
    _, kept = convert("## A *heading* {#a}\n\nText.\n")
    assert kept == []


QUIZ_WITH_HEADINGS = """# Quiz

<aside data-search-exclude="" markdown>
Intro to every question.

## Cramps {#from-cramps}

<fieldset markdown>
A question on cramps.
</fieldset>

## Causes {#from-causes}

<fieldset markdown>
A question on causes.

<div markdown>
<aside markdown>An aside inside: its end tag stops the plugin skipping.</aside>
</div>
</fieldset>

Text after it, which the plugin indexes.
</aside>

<aside data-search-exclude="" markdown>
## Magnesium {#from-magnesium}

<fieldset markdown>
A question on magnesium.
</fieldset>
</aside>
"""


def test_inside_an_excluded_element_with_headings_the_parts_between_them_are_cut():
    """The site-wide quiz holds a heading per topic, so it cannot be cut whole; the questions
    between the headings can, unless an element of the quiz's own tag ends the skipping early."""
    html, kept = convert(QUIZ_WITH_HEADINGS)
    reduced, cut = without_parts(html, kept[-1])
    assert index(reduced) == index(html)
    assert "Text after it, which the plugin indexes." in str(index(html))  # the early end is really there
    assert cut == ('<fieldset>\n<p>A question on magnesium.</p>\n</fieldset>',)
    assert "Magnesium" in reduced and "A question on cramps." in reduced
    assert with_parts(as_search_plugin_leaves_it(reduced), cut) == as_search_plugin_leaves_it(html)
