"""The citations extension with Python-Markdown alone: no build, no plugin."""

from __future__ import annotations

import re

import markdown
import pytest
from build_errors import BuildStopped
from cite_markdown import CitationExtension, Citations

SOURCES = {"allen": "Allen R. *Night cramps*. 2012.", "blyton": "Blyton F. Cramps. 2012.",
           "cole": "Cole S. Stretching. 2014."}


def convert(text: str, keys: list[str] | None = None) -> str:
    citations = Citations(keys_of_page=lambda: list(keys if keys is not None else SOURCES),
                          reference_text=SOURCES.__getitem__, page_name=lambda: "page.md", heading="Sources")
    extensions = ["attr_list", "toc", "footnotes", "pymdownx.superfences", CitationExtension(citations)]
    return markdown.markdown(text, extensions=extensions,
                             extension_configs={"footnotes": {"USE_DEFINITION_ORDER": True}})


def numbers(html: str) -> list[tuple[str, str]]:
    """(key, number) of each citation, in reading order."""
    return re.findall(r'<a class="footnote-ref" href="#fn:([\w-]+)">(\d+)</a>', html)


def listed(html: str) -> list[str]:
    return re.findall(r'<li id="fn:([\w-]+)">', html)


def test_a_group_becomes_numbers_separated_by_a_comma():
    html = convert("Cramps hurt [@allen; @blyton].", ["allen", "blyton"])
    assert numbers(html) == [("allen", "1"), ("blyton", "2")]
    assert re.search(r'</sup><sup class="citation-separator">,</sup><sup id="fnref:blyton">', html)
    assert "[@" not in html and "cite-group" not in html


def test_sources_are_numbered_in_reading_order_even_inside_lists():
    # Python-Markdown reads a paragraph before the list items above it; the reader does not.
    html = convert("- In a list [@blyton].\n\nA paragraph [@allen]. Again [@blyton].\n", ["allen", "blyton"])
    assert numbers(html) == [("blyton", "1"), ("allen", "2"), ("blyton", "1")]
    assert listed(html) == ["blyton", "allen"]
    assert 'title="Jump back to footnote 1 in the text"' in html.split('<li id="fn:blyton">')[1].split("</li>")[0]


def test_a_source_cited_twice_gets_a_second_back_link():
    html = convert("One [@allen]. Two [@allen].", ["allen"])
    assert 'id="fnref:allen"' in html and 'id="fnref2:allen"' in html
    assert 'href="#fnref2:allen"' in html


def test_the_list_has_a_sources_heading_kept_out_of_search_and_no_rule():
    html = convert("Text [@allen].", ["allen"])
    heading = re.search(r'<h2 [^>]*id="sources"[^>]*>Sources</h2>\s*<div class="footnote" data-search-exclude="">', html)
    assert heading and 'data-search-exclude="true"' in heading.group(0)
    assert "<hr" not in html
    assert "<em>Night cramps</em>" in html  # the source's text is Markdown


def test_citation_like_text_in_code_is_left_as_written():
    html = convert("Write `[@allen]` to cite.\n\n```\n[@blyton]\n```\n", [])
    assert "<code>[@allen]</code>" in html and "[@blyton]" in html
    assert "footnote" not in html and 'id="sources"' not in html


def test_a_source_given_to_the_list_but_not_cited_is_not_listed():
    html = convert("Text [@allen].", ["allen", "cole"])
    assert listed(html) == ["allen"]


def test_a_citation_the_check_did_not_see_stops_the_build_naming_the_page():
    with pytest.raises(BuildStopped, match=r"page\.md.*'cole'"):
        convert("Text [@cole].", ["allen"])


def test_a_page_whose_sources_are_none_of_them_cited_gets_no_empty_list():
    html = convert("A citation read as a link definition vanishes:\n\n[@allen]: see\n", ["allen"])
    assert "footnote" not in html and 'id="sources"' not in html
