"""Unit tests of the quiz hook's parsing, checking and rendering: no build needed."""

from __future__ import annotations

import textwrap

import pytest

from bibliography import english, parse_bib
from quiz import Site, find_blocks, parse_block, render_quiz

ENTRIES, _ = parse_bib("@article{src1, author = {Doe, Jane and Roe, Rick}, title = {T}, year = {2020}}\n", "x.bib")
SITE = Site(section_titles={"page.md": {"night": "Night cramps"}, "other.md": {"x": "X"}},
            page_titles={"page.md": "Page", "other.md": "Other"}, sources=ENTRIES)

GOOD = """\
- question: Where do cramps start?
  section: night
  source: src1
  options:
    - text: In the nerves
      correct: true
    - text: In the bones
      why: Bones do not contract.
  explanation: Most likely in the nerves.
"""


def parse(yaml_text: str, first_line: int = 10):
    return parse_block(textwrap.dedent(yaml_text), first_line, "page.md", SITE)


def messages(yaml_text: str) -> list[str]:
    return [str(error) for error in parse(yaml_text)[1]]


def test_good_question_parses():
    block, errors = parse(GOOD)
    assert errors == []
    [question] = block.questions
    assert [o.correct for o in question.options] == [True, False]
    assert question.options[1].why == "Bones do not contract."
    assert (question.section_page, question.section_id, question.line) == ("page.md", "night", 10)


def test_find_blocks_gives_yaml_and_its_first_line():
    markdown = "# T\n\n```quiz\n" + GOOD + "```\n"
    [(start, end, text, line)] = find_blocks(markdown)
    assert text == GOOD and line == 4 and markdown[start:end].startswith("```quiz")


def test_question_without_correct_option():
    assert any("page.md:10: quiz question 1 ('Where do cramps start?'): has no correct option" in m
               for m in messages(GOOD.replace("      correct: true\n", "")))


def test_unknown_field_names_it_and_suggests():
    [message] = messages(GOOD.replace("  source: src1", "  source: src1\n  explain: x"))
    assert "unknown field 'explain'" in message and "did you mean 'explanation'" in message


def test_unknown_option_field_names_option_line():
    [message] = messages(GOOD.replace("      why: Bones", "      note: x\n      why: Bones"))
    assert message.startswith("page.md:16:") and "option 2 has an unknown field 'note'" in message


def test_empty_option():
    assert any("option 2 is empty" in m for m in messages(GOOD.replace("text: In the bones", "text: ''")))


def test_duplicate_option():
    assert any("repeats an earlier option" in m for m in messages(GOOD.replace("In the bones", "in the nerves")))


def test_two_correct_options_on_single_answer_question():
    text = GOOD.replace("      why: Bones do not contract.", "      correct: true")
    assert any("2 correct options but is a single-answer question" in m and "multiple: true" in m
               for m in messages(text))


def test_two_correct_options_allowed_with_multiple():
    text = GOOD.replace("      why: Bones do not contract.", "      correct: true").replace(
        "  source: src1", "  source: src1\n  multiple: true")
    block, errors = parse(text)
    assert errors == [] and block.questions[0].multiple


def test_missing_explanation():
    assert any("has no explanation" in m for m in messages(GOOD.replace("  explanation: Most likely in the nerves.\n", "")))


def test_section_that_does_not_exist_lists_ids():
    [message] = messages(GOOD.replace("section: night", "section: nigth"))
    assert "section 'page.md#nigth' does not exist" in message and "night" in message


def test_section_on_another_page():
    block, errors = parse(GOOD.replace("section: night", "section: other.md#x"))
    assert errors == [] and block.questions[0].section_page == "other.md"


def test_unknown_citation_key():
    [message] = messages(GOOD.replace("source: src1", "source: src2"))
    assert "unknown citation key 'src2'" in message and "did you mean 'src1'" in message


@pytest.mark.parametrize("count", [1, 7])
def test_option_count_outside_two_to_six(count):
    options = "".join(f"    - text: Option {n}\n" + ("      correct: true\n" if n == 0 else "") for n in range(count))
    text = GOOD.split("  options:\n")[0] + "  options:\n" + options + "  explanation: E.\n"
    assert any("needs 2 to 6 options" in m for m in messages(text))


def test_invalid_yaml_names_line():
    [message] = messages("- question: [unclosed\n  section: night\n")  # the block's first line is 10
    assert message.startswith("page.md:11: ") and "not valid YAML" in message  # where YAML notices


def test_every_problem_of_a_block_is_reported():
    text = GOOD.replace("      correct: true\n", "").replace("source: src1", "source: nope")
    assert len(messages(text)) == 2


def test_render_reads_without_javascript():
    block, _ = parse(GOOD)
    html = render_quiz(block.questions, "page.md", SITE, "quiz-page", english())
    assert '<fieldset class="quiz__question"' in html and "<legend>" in html
    assert 'type="radio"' in html and '<label for="' in html
    assert "<summary>Show the answer</summary>" in html
    assert "[Night cramps](page.md#night)" in html and "[@src1]" in html
    assert "Doe and Roe (2020)" in html
    assert "data-search-exclude" in html
    assert html.count("data-correct") == 1
