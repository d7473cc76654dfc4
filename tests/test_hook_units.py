"""Unit tests of the hooks' pure functions: no build needed."""

from __future__ import annotations

import datetime as dt

import page_meta
from headings import check_section_ids
from markdown_scan import find_headings, prose_lines, scan_lines
from bibliography import parse_bib, short_label
from references import CitingSection, check_keys, check_line_starts, cited_on_items, find_citations


# ------------------------------------------------------------------ review dates

def test_review_dates_present_and_ordered_pass():
    meta = {"reviewed": dt.date(2026, 11, 1), "next_review": dt.date(2027, 11, 1)}
    assert page_meta.check_review_dates(meta, "a.md") == []


def test_missing_review_date_names_key_and_fix():
    errors = page_meta.check_review_dates({"reviewed": dt.date(2026, 1, 1)}, "a.md")
    assert len(errors) == 1
    assert "next_review" in errors[0].problem and "YYYY-MM-DD" in errors[0].fix


def test_quoted_review_date_is_not_a_date():
    errors = page_meta.check_review_dates({"reviewed": "soon", "next_review": dt.date(2027, 1, 1)}, "a.md")
    assert "not a date" in str(errors[0])


def test_next_review_before_reviewed_is_an_error():
    meta = {"reviewed": dt.date(2026, 11, 1), "next_review": dt.date(2026, 1, 1)}
    assert "not after" in str(page_meta.check_review_dates(meta, "a.md")[0])


# ------------------------------------------------------------------ section ids

def test_heading_without_id_names_line_and_suggests_one():
    markdown = "# Title\n\ntext\n\n## Cramps at night\n"
    [error] = check_section_ids(markdown, "causes.md", first_line=5)
    assert error.line == 9 and error.file == "causes.md"
    assert "{#cramps-at-night}" in error.fix


def test_duplicate_id_names_both_lines():
    markdown = "## One {#same}\n\n### Two {#same}\n"
    [error] = check_section_ids(markdown, "a.md")
    assert error.line == 3 and "line 1" in error.problem


def test_uppercase_or_long_id_is_rejected():
    errors = check_section_ids("## A {#Night_Cramps}\n## B {#" + "x" * 41 + "}\n", "a.md")
    assert len(errors) == 2


def test_headings_inside_code_fences_are_ignored():
    markdown = "```md\n## Not a heading\n```\n\n## Real {#real}\n"
    assert [h.id for h in find_headings(markdown)] == ["real"]
    assert check_section_ids(markdown, "a.md") == []


# ------------------------------------------------------------------ citations

QUIZ_IN_PAGE = """\
# Page

/// quiz
# Questions on night cramps
- question: Where? [see @a] {#x}
  section: night
///

After.
"""


def test_quiz_yaml_is_data_not_prose():
    """A quiz's YAML is read by the quiz alone: a comment is not a heading, nor a text a citation."""
    assert [heading.text for heading in find_headings(QUIZ_IN_PAGE, levels=(1, 2))] == ["Page"]
    assert [line for _, line in prose_lines(QUIZ_IN_PAGE)] == ["# Page", "/// quiz", "After."]
    assert [kind for _, _, kind in scan_lines(QUIZ_IN_PAGE)] == ["prose", "prose", "data", "data", "data", "data",
                                                                  "prose"]
    assert find_citations(QUIZ_IN_PAGE, known=frozenset({"a"}))[1] == []


def test_other_blocks_hold_prose():
    page = "/// details | More\n## Inside {#inside}\n///\n"
    assert [heading.text for heading in find_headings(page)] == ["Inside"]


def test_citations_found_with_line_and_section():
    markdown = "Intro [@a].\n\n## Night {#night}\n\nText [@b; @c].\n"
    citations, errors = find_citations(markdown)
    assert [(c.key, c.line, c.section) for c in citations] == [("a", 1, None), ("b", 5, "night"), ("c", 5, "night")]
    assert errors == []


def test_citation_like_text_in_code_is_not_a_citation():
    markdown = "Use `[@key]` or ``[@a @b]`` to cite.\n\n```\n[@other @x]\n```\n\n    [@indented; @code]\n"
    assert find_citations(markdown) == ([], [])


def test_email_in_link_text_is_not_a_citation():
    assert find_citations("Write to [team@example.org](mailto:team@example.org).") == ([], [])


def test_unknown_key_suggests_closest_known_key():
    [error] = check_keys(find_citations("Text [@minetto2031].")[0], {"minetto2013", "allen2012"}, "p.md", 7)
    assert error.line == 7 and "minetto2031" in error.problem and "minetto2013" in error.fix


# ------------------------------------------------------------------ BibTeX

GOOD_ENTRY = "@article{a1,\n  author = {Doe, Jane},\n  title = {T}, journal = {J},\n  year = {2000},\n}\n"


def test_good_bib_parses():
    entries, errors = parse_bib(GOOD_ENTRY, "x.bib")
    assert errors == [] and list(entries) == ["a1"]


def test_bib_syntax_error_names_line():
    text = GOOD_ENTRY + "\n@article{b2,\n  author = {X, Y}\n  title = {T},\n}\n"
    _, [error] = parse_bib(text, "x.bib")
    assert error.file == "x.bib" and error.line == 9 and "syntax" in error.problem


def test_entry_without_author_or_year_names_entry_line_and_fields():
    _, errors = parse_bib(GOOD_ENTRY + "\n@misc{web,\n  title = {Page},\n}\n", "x.bib")
    assert [(error.line, error.problem) for error in errors] == [(7, "entry 'web' has no author"),
                                                                 (7, "entry 'web' has no year")]
    assert "urldate" in errors[1].fix


def test_repeated_key_names_second_line():
    _, [error] = parse_bib(GOOD_ENTRY + GOOD_ENTRY, "x.bib")
    assert error.line == 6 and "first on line 1" in error.problem


def test_short_label_reads_like_a_reader_names_a_source():
    entries, _ = parse_bib(
        "@article{k, author = {Minetto, M. and Holobar, A. and Botter, A.}, title = {T}, year = {2013}}\n"
        "@misc{n, author = {{NHS}}, title = {Leg cramps}, url = {https://www.nhs.uk/}, urldate = {2026-11}}\n",
        "x.bib")
    assert short_label(entries["k"]) == "Minetto and others (2013)"
    assert short_label(entries["n"]) == "NHS: Leg cramps (web page)"


def test_cited_on_groups_sections_by_page():
    places = [CitingSection("a.md", "Page A", "one", "One"), CitingSection("a.md", "Page A", "two", "Two"),
              CitingSection("b.md", "Page B", None, None)]
    assert cited_on_items(places) == [(("a.md", "Page A"), [("a.md#one", "One"), ("a.md#two", "Two")]),
                                      (("b.md", "Page B"), [])]


def test_citation_starting_a_line_before_a_colon_is_refused():
    markdown = "Experts sort them into groups\n[@giuriato2018]:\n\n1. one\n"
    [error] = check_line_starts(markdown, "causes.md", 10)
    assert error.line == 11 and "link definition" in error.problem
    assert check_line_starts("Groups [@giuriato2018]:\n", "causes.md", 1) == []


# ------------------------------------------------------------------ abbreviations

import markdown  # noqa: E402
from abbreviations import FirstUseExtension  # noqa: E402

ABBREVIATIONS = "\n\n*[NHS]: National Health Service\n*[GP]: General practitioner\n"


def first_use(text: str) -> str:
    return markdown.markdown(text + ABBREVIATIONS, extensions=["abbr", FirstUseExtension()])


def test_abbreviation_explained_once_per_section_then_plain():
    nhs = '<abbr title="National Health Service">NHS</abbr>'
    gp = '<abbr title="General practitioner">GP</abbr>'
    html = first_use("Intro: NHS and NHS.\n\n## A\n\nGP said NHS; ask your GP.\n\n- NHS again.\n\n## B\n\nNHS")
    assert html == (f"<p>Intro: {nhs} and NHS.</p>\n"
                    f"<h2>A</h2>\n<p>{gp} said {nhs}; ask your GP.</p>\n<ul>\n<li>NHS again.</li>\n</ul>\n"
                    f"<h2>B</h2>\n<p>{nhs}</p>")


def test_page_whose_abbreviations_are_each_used_once_per_section_is_unchanged():
    text = "NHS\n\n## A NHS\n\nplain\n\n## B\n\nAsk the NHS."
    assert first_use(text) == markdown.markdown(text + ABBREVIATIONS, extensions=["abbr"])


# ------------------------------------------------------------------ citation grammar

from citations import read_line  # noqa: E402


def test_accepted_citation_forms_are_read_with_every_key():
    found, problems = read_line("One [@a]. Two [@b;@c] and [ @d ; @e ].")
    assert [group.keys for group in found] == [("a",), ("b", "c"), ("d", "e")] and problems == []


def test_citation_like_text_that_would_lose_a_source_is_refused():
    for text in ["[@a @b]", "[@a and @b]", "[@a, @b]", "[@a; b]", "[see @a]", "[@a, p. 4]"]:
        found, problems = read_line(f"Claim {text}.")
        assert found == [] and len(problems) == 1, text


def test_round_brackets_unclosed_and_missing_at_are_refused():
    assert read_line("Claim (@a).")[1] and read_line("Claim [@a and more")[1]
    assert read_line("Claim [a; b].", {"a", "b"})[1] and not read_line("A [note] here.", {"a"})[1]


def test_email_links_code_and_footnotes_are_not_citations():
    for text in ["[me@x.org](mailto:me@x.org)", "`[@a @b]`", "[^1]", "[a link](https://x.org/@a)"]:
        assert read_line(text, {"a"}) == ([], []), text


# ------------------------------------------------------------------ card text

from social import Card, write_card  # noqa: E402
from social import wrap_lines  # noqa: E402


def test_card_text_with_a_word_longer_than_a_line_wraps_and_ends():
    fits = lambda line: len(line) <= 12  # noqa: E731
    lines = wrap_lines("Cramps: dehydration-and-electrolytes versus neuromuscular-fatigue", fits, 3)
    assert len(lines) == 3 and all(fits(line) for line in lines) and lines[-1].endswith("…")
    assert wrap_lines("x" * 100, fits, 2) == ["x" * 12, "x" * 10 + " …"]


def test_card_is_drawn_once_and_again_only_when_its_text_or_the_design_changes(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    card = Card("assets/social/a.png", "Site", "Title", "Description")
    assert write_card(card, site / card.path, cache, "design-1")
    first = (site / card.path).read_bytes()
    (site / card.path).unlink()
    assert not write_card(card, site / card.path, cache, "design-1")
    assert (site / card.path).read_bytes() == first and first.startswith(b"\x89PNG")
    edited = Card(card.path, "Site", "Title", "A new description")
    assert write_card(edited, site / card.path, cache, "design-1")
    assert (site / card.path).read_bytes() != first
    assert write_card(card, site / card.path, cache, "design-2")
    assert not list(cache.glob("*.tmp"))


# ------------------------------------------------------------------ reference style

from bibliography import SiteStyle, accessed_on  # noqa: E402
from pybtex.backends.plaintext import Backend as PlainText  # noqa: E402


def formatted(bib: str, key: str) -> str:
    entries, errors = parse_bib(bib, "x.bib")
    assert errors == []
    return SiteStyle().format_entry("", entries[key]).text.render(PlainText())


def test_web_page_is_dated_by_when_it_was_read():
    text = formatted("@misc{n, author = {{NHS}}, title = {Leg cramps}, url = {https://www.nhs.uk/x/}, "
                     "urldate = {2026-11}}", "n")
    assert text.endswith("https://www.nhs.uk/x/ (accessed November 2026).") and "2026." not in text[:-12]
    assert accessed_on("2026-13") is None and accessed_on("Nov 2026") is None


def test_issue_number_is_kept_when_a_journal_has_no_volume():
    text = formatted("@article{c, author = {Doe, J.}, title = {T}, journal = {Cochrane}, year = {2020}, number = {9}}", "c")
    assert "Cochrane, Issue 9, 2020." in text


def test_source_we_could_not_read_says_so():
    text = formatted("@book{u, author = {Doe, J.}, title = {T}, publisher = {P}, year = {2009}, "
                     "keywords = {article, unverified}}", "u")
    assert text.endswith("Not read by us: cited as the article this site is based on cites it.")


# ------------------------------------------------------------------ literal YAML

import literal_yaml  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

LITERAL_BLOCK = ('- question: "Ça va? #1"\n  why: café au lait # cut here\n  options:\n    - Yes\n'
                 '    - 010 # also cut\n  other: 10:30 # not a text field\n')


@pytest.mark.parametrize("parser", ["C", "Python"])
def test_literal_yaml_reads_text_as_written_with_either_parser(parser):
    assert literal_yaml.BaseLoader is yaml.CBaseLoader  # libyaml is in the pinned PyYAML wheel
    loader = yaml.CBaseLoader if parser == "C" else yaml.BaseLoader
    data, cuts = literal_yaml.load(LITERAL_BLOCK, {"question", "why", "options"}, loader)
    assert data == [{"question": "Ça va? #1", "why": "café au lait", "options": ["Yes", "010"],
                     "other": "10:30", "__line__": 0}]
    assert cuts == [(1, "why"), (4, "options")]


# ------------------------------------------------------------------ search index

from search_terms import add_keywords  # noqa: E402


def test_search_index_gets_keywords_and_loses_entries_of_headings_hidden_from_search():
    index = {"docs": [
        {"location": "a/", "title": "Quiz", "text": "<p>Intro</p>"},
        {"location": "a/#from-b", "title": "Quiz", "text": ""},  # a heading inside data-search-exclude
        {"location": "a/#parent", "title": "Parent", "text": ""},  # a heading with only subsections
        {"location": "b/", "title": "B", "text": "<p>B</p>"},
        {"location": "b/#x", "title": "B", "text": ""},
    ]}
    result = add_keywords(index, {"b/": {"x": ["kept by its terms"]}, "a/": {"page": ["test yourself"]}})
    assert [doc["location"] for doc in result["docs"]] == ["a/", "a/#parent", "b/", "b/#x"]
    assert result["docs"][0]["keywords"] == "test yourself" and result["docs"][3]["keywords"] == "kept by its terms"
    assert "keywords" not in result["docs"][1] and "keywords" not in result["docs"][2]  # no terms, no empty field


# ------------------------------------------------------------------ link-preview description

from share import description_from_key_points  # noqa: E402


def test_description_reads_key_points_with_nested_lists_and_attributes():
    html = ('<div class="admonition abstract" id="key-points"><p class="admonition-title">Key points</p>'
            '<ul class="points">\n<li class="first">Cramps are common<sup id="fnref:1">1</sup>.'
            '<ul><li>Most are harmless.</li></ul></li>\n<li data-x="1">See a doctor if one lasts over '
            '10&nbsp;minutes.</li>\n</ul></div><ul><li>Not a key point.</li></ul>')
    assert description_from_key_points(html) == ("Cramps are common. Most are harmless. "
                                                 "See a doctor if one lasts over 10 minutes.")
    heading = '<h2 id="key-points">Key points</h2>\n<p>Intro.</p><ol><li>One point.</li></ol>'
    assert description_from_key_points(heading) == "One point."
    assert description_from_key_points("<p>No key points.</p>") is None
