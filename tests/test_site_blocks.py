"""Blocks the build fills (`/// references-index`, `/// section-links`) and the sources
setup: fixture builds with the real hooks, and the block reader without a build."""

from __future__ import annotations

import re

import pytest
from fixture_site import BIB, build, make_site
from markdown_scan import prose_lines
from site_blocks import find
from site_model import read_page

PAGE = "# Page\n\n## Night cramps {#night}\n\nText with a source [@minetto2013].\n"


def stderr_of(tmp_path, pages: dict[str, str]) -> str:
    result = build(make_site(tmp_path, pages))
    assert result.returncode != 0, "the build should have stopped"
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr


def test_an_index_lists_each_source_once_and_a_keyword_limits_it(tmp_path):
    index = ("# Sources\n\n## Cited {#cited}\n\n/// references-index\n    keyword: cited-here\n///\n\n"
             "## The rest {#rest}\n\n/// references-index\n///\n")
    bib = BIB.replace("@article{minetto2013,", "@article{minetto2013,\n  keywords = {cited-here},") + (
        "@book{other2020,\n  author = {Other, A.},\n  title = {Another source},\n  publisher = {P},\n  year = {2020},\n}\n")
    result = build(make_site(tmp_path, {"index.md": PAGE, "refs.md": index}, bib=bib))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "refs" / "index.html").read_text(encoding="utf-8")
    cited, rest = html.split('id="rest"')
    assert 'id="minetto2013"' in cited and 'id="minetto2013"' not in rest
    assert 'id="other2020"' in rest and 'id="other2020"' not in cited
    assert '<a href="../#night">Night cramps</a>' in cited  # the citing section, linked from this page
    assert "///" not in html


@pytest.mark.parametrize("block, expected", [
    ("/// references-index\n    keyword: nothing-has-it\n///\n", "refs.md:8: no source has the keyword 'nothing-has-it'"),
    ("/// references-index\n    keywords: cited\n///\n", "refs.md:8: the 'references-index' block has no option 'keywords'"),
    ("/// references-index\n    keyword: [a\n///\n", "refs.md:8: the options of this 'references-index' block cannot be read"),
    ("/// references-index\nSome text.\n///\n", "refs.md:8: a references index is written by the build, so it holds nothing"),
    ("<!-- references-index -->\n", "refs.md:8: an index of sources in the old form (an HTML comment) stays empty"),
    ("/// section-links\n    sort: title\n///\n", "refs.md:8: the 'section-links' block has no option 'sort'"),
    ("<!-- section-links -->\n", "refs.md:8: the section links in the old form (an HTML comment) stay empty"),
    ("/// references-index | article\n///\n", "refs.md:8: the 'references-index' block takes nothing after its name"),
    ("/// section-links | all\n///\n", "refs.md:8: the 'section-links' block takes nothing after its name"),
])
def test_a_block_the_build_cannot_fill_stops_at_its_line(tmp_path, block, expected):
    assert expected in stderr_of(tmp_path, {"index.md": PAGE, "refs.md": "# Sources\n\n" + block})


def test_the_section_links_block_becomes_the_editors_table(tmp_path):
    result = build(make_site(tmp_path, {"index.md": PAGE, "links.md": "# Links\n\n/// section-links\n///\n"}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "links" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<table class="section-links">.*https://example\.org/#night.*</table>', html, re.S)
    assert "<p><table" not in html and "///" not in html


def test_a_bibliography_folder_that_is_missing_stops_the_build(tmp_path):
    root = make_site(tmp_path, {"index.md": PAGE})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra: {bibliography: bib}", "extra: {bibliography: sources}"))
    result = build(root)
    assert result.returncode != 0 and "`extra: bibliography:` names no folder of .bib files ('sources')" in result.stderr


def test_data_blocks_are_not_prose_but_their_opening_line_is():
    markdown = "Text.\n\n/// quiz\n# not a heading\n- question: [@x]\n///\n\nAfter.\n"
    assert [line for _, line in prose_lines(markdown)] == ["Text.", "/// quiz", "After."]


def test_block_reader_returns_options_and_content_with_lines():
    page = read_page("refs.md", "refs/", "# R\n\n/// references-index\n    keyword: article\n///\n\n/// section-links\n///\n")
    blocks, errors = find(page, {"references-index", "section-links"})
    assert errors == []
    assert [(block.name, block.line, block.options, block.content) for block in blocks] == [
        ("references-index", 3, {"keyword": "article"}, ""), ("section-links", 7, {}, "")]
