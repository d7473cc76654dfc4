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


# ----------------------------------------------------------------------------- each source converted once

def converter(sources: dict[str, str], converted: dict) -> callable:
    """Pages converted one after another in one build: the same sources and memory of them."""
    citations = Citations(keys_of_page=lambda: list(sources), reference_text=sources.__getitem__,
                          page_name=lambda: "page.md", heading="Sources", converted=converted)

    def convert_page(text: str) -> str:
        extensions = ["abbr", "attr_list", "toc", "footnotes", CitationExtension(citations)]
        return markdown.markdown(text, extensions=extensions,
                                 extension_configs={"footnotes": {"USE_DEFINITION_ORDER": True}})
    return convert_page


def source_item(html: str, key: str) -> str:
    return re.search(rf'<li id="fn:{key}">.*?</li>', html, re.S).group(0)


def test_a_source_listed_again_on_a_later_page_reads_exactly_as_on_the_first():
    sources = {"nhs": r"NHS. *Leg cramps*. [Website](https://example.org/a\-b). 2024\-2025.",
               "allen": "Allen R. Night cramps. 2012."}
    converted: dict = {}
    page = converter(sources, converted)
    first = page("One [@nhs] and [@allen].\n\nTwo [@nhs].\n\n*[NHS]: National Health Service\n")
    assert {key for key, _, _ in converted} == {"nhs", "allen"}
    # A later page whose source text would read differently if it were converted again.
    later = page("Only [@nhs].\n\n*[NHS]: National Health Service\n")
    assert source_item(later, "nhs") == source_item(first, "nhs").replace(
        '<a class="footnote-backref" href="#fnref2:nhs" title="Jump back to footnote 1 in the text">&#8617;</a>', "")
    assert '<em>Leg cramps</em>' in later and 'href="https://example.org/a-b"' in later and "2024-2025" in later
    assert '<abbr title="National Health Service">NHS</abbr>' in source_item(later, "nhs")
    # What the later pages show is what the build stored, not a new conversion.
    (allen,) = [known for known in converted if known[0] == "allen"]
    converted[allen] = converted[allen]._replace(text="As stored.")
    assert "<p>As stored.&#160;" in source_item(page("Three [@allen].\n\n*[NHS]: National Health Service\n"), "allen")


def test_reused_text_is_copied_not_shared_and_keeps_its_place_before_the_back_links():
    converted: dict = {}
    page = converter({"cole": "Cole S. *Stretching*."}, converted)
    first, second = page("A [@cole]."), page("B [@cole].")
    assert source_item(first, "cole") == source_item(second, "cole")
    assert re.search(r"<em>Stretching</em>\.&#160;<a class=\"footnote-backref\"", second)
    (part,) = converted.values()
    assert part.elements[0].tail == "."  # the stored copy did not get the page's back link space


def test_a_page_with_other_abbreviations_converts_the_source_itself():
    converted: dict = {}
    page = converter({"nhs": "NHS. Leg cramps."}, converted)
    page("A [@nhs].\n\n*[NHS]: National Health Service\n")
    without = page("B [@nhs].")
    assert "<abbr" not in without and "NHS. Leg cramps." in without
    assert len(converted) == 2


def test_a_source_with_raw_html_is_converted_on_every_page():
    # Raw HTML is kept aside by each page's conversion: a copy would point at another page's.
    converted: dict = {}
    page = converter({"odd": "Odd <span>source</span>."}, converted)
    first, second = page("A [@odd]."), page("B [@odd].")
    assert not converted
    assert "<span>source</span>" in first and "<span>source</span>" in second
