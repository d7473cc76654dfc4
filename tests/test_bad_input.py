"""Bad input stops the build with a message naming the file, the line and the fix.

Each test builds a small fixture site with the project's real hooks in a temporary folder.
"""

from __future__ import annotations

import json

import pytest

from fixture_site import BIB, FRONT_MATTER, build, make_site

GOOD_PAGE = """\
# Page

## Night cramps {#night}

Text with a source [@minetto2013].
"""


def test_fixture_site_builds_when_input_is_good(tmp_path):
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert 'id="sources"' in html and 'href="https://pubmed.ncbi.nlm.nih.gov/23038243/"' in html


@pytest.mark.parametrize("strict", [True, False])
def test_unknown_citation_key_names_page_line_and_closest_key(tmp_path, strict):
    page = GOOD_PAGE + "\nMore text [@minetto2031].\n"
    result = build(make_site(tmp_path, {"index.md": page}), strict=strict)
    assert result.returncode != 0
    assert "index.md:12: unknown citation key 'minetto2031'" in result.stderr
    assert "did you mean 'minetto2013'" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_all_unknown_keys_on_all_pages_reported_at_once(tmp_path):
    result = build(make_site(tmp_path, {"index.md": "# A\n\nx [@nope1].\n", "b.md": "# B\n\ny [@nope2].\n"}))
    assert "2 problems" in result.stderr and "nope1" in result.stderr and "nope2" in result.stderr


def test_malformed_bib_names_file_and_line(tmp_path):
    bib = BIB + "\n@article{broken,\n  author = {X, Y}\n  title = {T},\n  year = {2000},\n}\n"
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE}, bib=bib))
    assert result.returncode != 0
    assert "bib/refs.bib:11: BibTeX syntax error" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("missing", ["author", "title", "year"])
def test_bib_entry_without_required_field_stops_build(tmp_path, missing):
    fields = {"author": "author = {Doe, J.},", "title": "title = {T},", "year": "year = {2020},"}
    del fields[missing]
    bib = BIB + "\n@misc{web,\n  " + "\n  ".join(fields.values()) + "\n}\n"
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE}, bib=bib))
    assert result.returncode != 0
    assert f"bib/refs.bib:9: entry 'web' has no {missing}" in result.stderr


def test_bib_entry_the_style_cannot_format_stops_at_its_line(tmp_path):
    bib = BIB + "\n@article{nojournal,\n  author = {Doe, J.},\n  title = {T},\n  year = {2020},\n}\n"
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE + "\nMore [@nojournal].\n"}, bib=bib))
    assert result.returncode != 0
    assert "bib/refs.bib:9: entry 'nojournal'" in result.stderr and "journal" in result.stderr
    assert "Traceback" not in result.stderr


def test_citation_like_text_in_code_is_left_alone(tmp_path):
    page = GOOD_PAGE + "\nCite with `[@anykey]`:\n\n```\n[@minetto2013; @other]\n```\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "<code>[@anykey]</code>" in html
    assert "[@minetto2013; @other]" in html


def test_duplicate_section_id_names_both_lines(tmp_path):
    page = GOOD_PAGE + "\n## Again {#night}\n\nMore.\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0
    assert "index.md:12: id 'night' is already used on line 8" in result.stderr


def test_heading_without_explicit_id_stops_build(tmp_path):
    result = build(make_site(tmp_path, {"index.md": "# Page\n\n## Cramps at night\n\nText.\n"}))
    assert result.returncode != 0
    assert "index.md:8: heading 'Cramps at night' has no explicit id" in result.stderr
    assert "{#cramps-at-night}" in result.stderr


def test_underlined_heading_without_explicit_id_stops_build(tmp_path):
    page = "# Page\n\nCramps at night\n---------------\n\nText.\n\nKept {#kept}\n---\n\nMore.\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0
    assert "index.md:8: heading 'Cramps at night' has no explicit id" in result.stderr
    assert "'Kept'" not in result.stderr


def test_page_without_review_dates_stops_build(tmp_path):
    result = build(make_site(tmp_path, {"index.md": "# Page\n\nText.\n"}, front_matter=False))
    assert result.returncode != 0
    assert "index.md:1: front matter has no `reviewed` date" in result.stderr
    assert "front matter has no `next_review` date" in result.stderr


def test_reserved_sources_id_is_refused(tmp_path):
    page = GOOD_PAGE + "\n## My sources {#sources}\n\nText.\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0 and "reserved" in result.stderr


QUIZ_PAGE = GOOD_PAGE + """
## Check {#quiz}

/// quiz
- question: Where do cramps start?
  section: night
  source: minetto2013
  options:
    - text: In the nerves
      correct: true
    - text: In the bones
  explanation: Most likely in the nerves.
///
"""


def fenced(page: str, opening: str = "```quiz") -> str:
    """The page with its quiz in a code fence (```quiz was the old way to write a quiz)."""
    return page.replace("/// quiz\n", opening + "\n").replace("\n///\n", "\n" + opening[:3] + "\n")


def test_good_quiz_builds(tmp_path):
    result = build(make_site(tmp_path, {"index.md": QUIZ_PAGE}))
    assert result.returncode == 0, result.stderr
    assert 'class="quiz__question"' in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.parametrize("strict", [True, False])
def test_broken_quiz_never_publishes(tmp_path, strict):
    page = QUIZ_PAGE.replace("      correct: true\n", "").replace("section: night", "section: nowhere")
    result = build(make_site(tmp_path, {"index.md": page}), strict=strict)
    assert result.returncode != 0
    assert "index.md:15: quiz question 1 ('Where do cramps start?'): has no correct option" in result.stderr
    assert "section 'index.md#nowhere' does not exist" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_source_named_only_by_a_quiz_is_listed_as_cited_in_the_quiz_section(tmp_path):
    quiz_only = QUIZ_PAGE.replace("Text with a source [@minetto2013].", "Text without a source.")
    pages = {"index.md": quiz_only, "refs.md": "# Sources\n\n/// references-index\n///\n"}
    result = build(make_site(tmp_path, pages))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "refs" / "index.html").read_text()
    assert "Not cited on any page" not in html
    assert '<a href="../#quiz">Check</a>' in html


CHECKLIST_PAGE = GOOD_PAGE + """
## Prepare {#prepare}

/// checklist
title: Notes
groups:
  - legend: When
    fields:
      - text: How often?
        id: how-often
///
"""


def test_good_checklist_builds(tmp_path):
    result = build(make_site(tmp_path, {"index.md": CHECKLIST_PAGE}))
    assert result.returncode == 0, result.stderr
    assert 'name="how-often"' in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.parametrize("fence", ["```", "~~~~"])
def test_checklist_in_the_old_fence_stops_instead_of_publishing_code(tmp_path, fence):
    page = CHECKLIST_PAGE.replace("/// checklist\n", f"{fence}checklist\n").replace("\n///\n", f"\n{fence}\n")
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"index.md:14: checklist: '{fence}checklist' is the old way to write a checklist" in result.stderr
    assert f"Fix: open the block with the line /// checklist and close it with the line ///, in place of the " \
           f"fence's lines {fence}checklist and {fence}." in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def including(*names: str) -> str:
    """A page whose quiz gathers the questions of other pages."""
    return "# All\n\n/// quiz\ninclude: [" + ", ".join(names) + "]\n///\n"


def test_heading_a_quiz_adds_follows_the_id_rules(tmp_path):
    other = QUIZ_PAGE.replace("section: night", "section: other.md#night")
    clashing = "# All\n\n## Old questions {#from-other}\n\nText.\n\n/// quiz\ninclude: [other.md]\n///\n"
    result = build(make_site(tmp_path, {"index.md": clashing, "other.md": other}))
    assert result.returncode != 0
    assert "index.md:12: the quiz would head the questions of 'other.md' with the id 'from-other'" in result.stderr
    long_name = "a-very-long-page-name-about-cramps-at-night.md"
    result = build(make_site(tmp_path, {"index.md": including(long_name),
                                        long_name: other.replace("other.md#", long_name + "#")}))
    assert "is not a short lowercase hyphenated id" in result.stderr


def test_quiz_including_a_missing_page_stops_build(tmp_path):
    result = build(make_site(tmp_path, {"index.md": QUIZ_PAGE, "all.md": including("index.md", "nothere.md")}))
    assert result.returncode != 0 and "quiz includes 'nothere.md'" in result.stderr


def test_quiz_including_a_page_whose_quiz_fence_is_mistyped_names_that_page_and_line(tmp_path):
    listed = fenced(QUIZ_PAGE, "```yaml")
    result = build(make_site(tmp_path, {"index.md": listed, "all.md": including("index.md")}))
    assert result.returncode != 0
    assert "index.md:14: this '```yaml' code block holds quiz questions" in result.stderr


# ------------------------------------------------------------------ issue 13: editing mistakes
# Each case below published something other than what the editor wrote, hung, or failed with a
# traceback or a misleading message before; now it stops at its file and line, or publishes
# exactly what was written.

def stderr_of(tmp_path, pages: dict[str, str], **options) -> str:
    result = build(make_site(tmp_path, pages, **options))
    assert result.returncode != 0, "the build should have stopped"
    assert "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
    return result.stderr


def built_html(tmp_path, pages: dict[str, str], page: str = "index.html", **options) -> str:
    result = build(make_site(tmp_path, pages, **options))
    assert result.returncode == 0, result.stderr
    return (tmp_path / "site" / page).read_text(encoding="utf-8")


def test_long_hyphenated_title_builds_its_card_without_hanging(tmp_path):
    title = ("Exercise-associated muscle cramps: dehydration-and-electrolytes versus "
             "neuromuscular-fatigue-and-overload-in-endurance-athletes")
    page = f"---\ntitle: \"{title}\"\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n# X\n\nText.\n"
    result = build(make_site(tmp_path, {"index.md": page}, front_matter=False), timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "assets" / "social" / "index.png").stat().st_size > 0


@pytest.mark.parametrize("citation, expected", [
    ("[@minetto2013 @minetto2013]", "separate sources with ';'"),
    ("[@minetto2013 and @other]", "separate sources with ';'"),
    ("[@minetto2013, @other]", "separate sources with ';'"),
    ("[@minetto2013; other]", "is not a citation the site can read"),
    ("[see @minetto2013]", "words before or after the key are not supported"),
    ("(@minetto2013; @other)", "citation in round brackets"),
    ("[minetto2013]", "without '@'"),
    ("[@minetto2013", "has no closing ']'"),
])
def test_citation_not_in_the_accepted_form_stops_at_its_line(tmp_path, citation, expected):
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE + f"\nA claim {citation}.\n"})
    assert "index.md:12:" in stderr and expected in stderr
    assert "[@key]" in stderr or "[@minetto2013]" in stderr


def test_citation_in_a_heading_stops_at_its_line(tmp_path):
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE + "\n## Cramps [@minetto2013] {#cramps}\n\nText.\n"})
    assert "index.md:12: a heading cites a source" in stderr


@pytest.mark.parametrize("field", ["explanation", "why"])
def test_citation_in_a_quiz_text_stops_at_the_question(tmp_path, field):
    page = QUIZ_PAGE.replace("explanation: Most likely in the nerves.",
                             "explanation: Most likely in the nerves [@minetto2013].") if field == "explanation" else \
        QUIZ_PAGE.replace("    - text: In the bones\n", "    - text: In the bones\n      why: No [@minetto2013].\n")
    stderr = stderr_of(tmp_path, {"index.md": page})
    assert f"`{field}` cites a source in its text" in stderr and "source: <key>" in stderr


def test_grouped_citation_still_publishes_every_source(tmp_path):
    bib = BIB + "\n@misc{other,\n  author = {Doe, J.},\n  title = {T},\n  year = {2020},\n}\n"
    html = built_html(tmp_path, {"index.md": GOOD_PAGE + "\nTwo [@minetto2013; @other].\n"}, bib=bib)
    assert 'href="#fn:minetto2013"' in html and 'href="#fn:other"' in html and "[@" not in html


def test_citations_in_indented_code_are_published_as_written(tmp_path):
    html = built_html(tmp_path, {"index.md": GOOD_PAGE + "\nExample:\n\n    [@minetto2013; @nokey]\n"})
    assert "<pre><code>[@minetto2013; @nokey]" in html


@pytest.mark.parametrize("written", ["Yes", "No", "0", "010", "10:30", "1.50", "true", "null", "~"])
def test_quiz_text_is_published_exactly_as_written(tmp_path, written):
    page = QUIZ_PAGE.replace("- text: In the bones", f"- text: {written}")
    html = built_html(tmp_path, {"index.md": page})
    assert f'">{written}</label>' in html


def test_quiz_text_cut_short_by_a_comment_stops_at_its_line(tmp_path):
    page = QUIZ_PAGE.replace("question: Where do cramps start?", "question: Which is the #1 group? Where?")
    stderr = stderr_of(tmp_path, {"index.md": page})
    assert "index.md:15: the `question` text contains ' #'" in stderr and 'double quotes' in stderr


def test_quoted_quiz_text_with_a_hash_is_published_whole(tmp_path):
    page = QUIZ_PAGE.replace("question: Where do cramps start?", 'question: "Which is the #1 group?"')
    assert "Which is the #1 group?" in built_html(tmp_path, {"index.md": page})


@pytest.mark.parametrize("opening", ["```yaml", "```", "``` quiz {.x}", "```quiz-questions"])
def test_quiz_fence_typo_stops_instead_of_publishing_the_answers(tmp_path, opening):
    stderr = stderr_of(tmp_path, {"index.md": fenced(QUIZ_PAGE, opening)})
    assert "index.md:14:" in stderr and "right answers included" in stderr


@pytest.mark.parametrize("opening", ["```quiz", "``` quiz", "~~~quiz"])
def test_old_quiz_fence_stops_with_the_new_syntax_as_the_fix(tmp_path, opening):
    stderr = stderr_of(tmp_path, {"index.md": fenced(QUIZ_PAGE, opening)})
    assert "index.md:14: '" in stderr and "' is the old way to write a quiz" in stderr
    assert "right answers included" in stderr and "between a `/// quiz` line and a `///` line" in stderr


@pytest.mark.parametrize("change, expected", [
    (("/// quiz\n", "/// quiz-questions\n"), "index.md:14: '/// quiz-questions' is not a block the site knows"),
    (("/// quiz\n", "/// quiz | Check\n"), "index.md:14: the quiz has '| Check' after its name"),
    (("\n///\n", "\n"), "index.md:14: the quiz has no closing `///`"),
])
def test_quiz_block_that_would_not_be_read_as_a_quiz_stops(tmp_path, change, expected):
    stderr = stderr_of(tmp_path, {"index.md": QUIZ_PAGE.replace(*change)})
    assert expected in stderr


def test_quiz_questions_in_indented_code_stop(tmp_path):
    indented = QUIZ_PAGE.replace("/// quiz\n", "Questions:\n\n").replace("\n///\n", "\n")
    indented = indented.replace("\n- question", "\n    - question").replace("\n  ", "\n      ")
    stderr = stderr_of(tmp_path, {"index.md": indented})
    assert "index.md:16: this indented code block holds quiz questions" in stderr


@pytest.mark.parametrize("opening", ["////  quiz", "/// Quiz"])
def test_quiz_block_opening_as_pymdownx_reads_it_is_a_quiz(tmp_path, opening):
    page = QUIZ_PAGE.replace("/// quiz\n", opening + "\n")
    if opening.startswith("////"):
        page = page.replace("\n///\n", "\n////\n")
    html = built_html(tmp_path, {"index.md": page})
    assert 'class="quiz__question"' in html and "correct: true" not in html and "///" not in html


def test_raw_html_in_a_quiz_explanation_stops_at_the_question(tmp_path):
    page = QUIZ_PAGE.replace("explanation: Most likely in the nerves.",
                             "explanation: Most likely <script>alert(1)</script> in the nerves.")
    stderr = stderr_of(tmp_path, {"index.md": page})
    assert "index.md:15:" in stderr and "raw HTML ('<script>')" in stderr


def test_markup_in_the_title_and_quotes_in_the_description_stay_text(tmp_path):
    page = ('---\ntitle: "Cramps </title><script>alert(1)</script> & more"\n'
            'description: \'She said "stretch" and it helped\'\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n'
            "Text.\n")
    html = built_html(tmp_path, {"index.md": FRONT_MATTER + GOOD_PAGE, "other.md": page}, page="other/index.html",
                      front_matter=False)
    assert "<script>alert(1)</script>" not in html
    assert "<title>Cramps &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more - Fixture</title>" in html
    assert 'content="She said &#34;stretch&#34; and it helped"' in html


def test_quote_in_a_key_point_stays_in_the_meta_description(tmp_path):
    page = '# Page\n\n!!! abstract "Key points"\n\n    - Doctors call it a "charley horse" at times.\n'
    html = built_html(tmp_path, {"index.md": page})
    assert 'name="description" content="Doctors call it a &#34;charley horse&#34; at times."' in html
    assert 'property="og:description" content="Doctors call it a &#34;charley horse&#34; at times."' in html


@pytest.mark.parametrize("field, value", [
    ("doi", "10.1000/abc def"),
    ("doi", "https://doi.org/10.1000/abc"),
    ("pubmed", "PMID: 23038243"),
    ("url", "www.example.org/page"),
])
def test_malformed_identifier_in_bib_stops_at_its_line(tmp_path, field, value):
    bib = BIB.replace("  pubmed = {23038243},\n", f"  {field} = {{{value}}},\n")
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE}, bib=bib)
    assert f"bib/refs.bib:6: entry 'minetto2013' has `{field} = {{{value}}}`" in stderr


def test_heading_id_with_a_space_stops_at_its_line(tmp_path):
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE + "\n## Leg position {#leg position}\n\nText.\n"})
    assert "index.md:12: 'position' in the attribute list '{#leg position}'" in stderr


def test_malformed_alias_stops_at_its_line(tmp_path):
    page = GOOD_PAGE.replace("{#night}", '{#night data-aliases="Old_Night"}')
    stderr = stderr_of(tmp_path, {"index.md": page})
    assert "index.md:8: alias 'Old_Night' is not a short lowercase hyphenated id" in stderr


@pytest.mark.parametrize("front_matter, line, expected", [
    ("title: Cramps: why they happen\n", 2, "not valid YAML (mapping values are not allowed here)"),
    ("title: Cramps\n\tdescription: x\n", 3, "indent with spaces, not tabs"),
    ("title: Cramps\nreviewed: 2026-02-30\n", 3, "impossible date"),
])
def test_front_matter_yaml_error_is_reported_at_its_line(tmp_path, front_matter, line, expected):
    page = f"---\n{front_matter}reviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n# X\n\nText.\n"
    if "2026-02-30" in front_matter:
        page = f"---\n{front_matter}next_review: 2027-11-01\n---\n\n# X\n\nText.\n"
    stderr = stderr_of(tmp_path, {"index.md": page}, front_matter=False)
    assert f"index.md:{line}:" in stderr and expected in stderr
    assert "has no `reviewed` date" not in stderr


def test_unclosed_front_matter_is_reported(tmp_path):
    page = "---\ntitle: Cramps\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n\n# X\n\nText.\n"
    stderr = stderr_of(tmp_path, {"index.md": page}, front_matter=False)
    assert "index.md:1: the front matter that starts on line 1 is never closed" in stderr


def test_bib_that_is_not_utf8_names_file_and_line(tmp_path):
    bib = (BIB + "\n@misc{x,\n  author = {M\u00fcller, A.},\n  title = {T},\n  year = {2000},\n}\n").encode("latin-1")
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE}, bib=bib)
    assert "bib/refs.bib:10: the file is not UTF-8 text" in stderr


def test_unreadable_author_name_names_file_and_line(tmp_path):
    bib = BIB + "\n@misc{x,\n  author = {Doe, J., Jr., Extra},\n  title = {T},\n  year = {2000},\n}\n"
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE}, bib=bib)
    assert "bib/refs.bib:10: BibTeX error: Too many commas" in stderr and "'Last, First'" in stderr


def test_bib_key_that_cannot_be_cited_stops_at_its_line(tmp_path):
    bib = BIB + "\n@misc{nhs:cramps,\n  author = {{NHS}},\n  title = {T},\n  year = {2020},\n}\n"
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE}, bib=bib)
    assert "bib/refs.bib:9: entry key 'nhs:cramps' has characters a citation cannot use" in stderr
    assert "'nhs-cramps'" in stderr


def test_bib_keys_differing_only_in_case_name_the_second_line(tmp_path):
    stderr = stderr_of(tmp_path, {"index.md": GOOD_PAGE}, bib=BIB + BIB.replace("minetto2013", "Minetto2013"))
    assert "bib/refs.bib:8: entry key 'Minetto2013' (the same key as 'minetto2013'" in stderr


REFERENCES_PAGE = "# References\n\n## Sources {#article-sources}\n\n/// references-index\n///\n"


def with_extra(root, extra: str):
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra: {bibliography: bib}",
                                                 f"extra: {{bibliography: bib, {extra}}}"))
    return root


def test_pages_searched_apart_must_be_pages_the_index_holds(tmp_path):
    pages = {"index.md": GOOD_PAGE, "references.md": REFERENCES_PAGE}
    result = build(with_extra(make_site(tmp_path / "typo", pages), "search_apart: [referencs/]"))
    assert result.returncode != 0
    assert ("mkdocs.yml: `extra.search_apart` lists 'referencs/', which is no page the search index holds"
            in result.stderr)
    assert "did you mean 'references/'?" in result.stderr
    result = build(with_extra(make_site(tmp_path / "word", pages), "search_apart: references/"))
    assert result.returncode != 0 and "`extra.search_apart` is not a list of pages" in result.stderr
    good = with_extra(make_site(tmp_path / "good", pages), "search_apart: [references/]")
    result = build(good)
    assert result.returncode == 0, result.stderr
    index = json.loads((good / "site" / "search" / "search_index.json").read_text())
    assert index["config"]["apart"] == ["references/"]
    [source] = [doc for doc in index["docs"] if doc["location"] == "references/#minetto2013"]
    assert "Minetto" in source["text"] and "2013" in source["text"] and "PMID" not in source["text"]
