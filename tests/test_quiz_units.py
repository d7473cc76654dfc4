"""Unit tests of the quiz hook's parsing, checking and rendering: no build needed. The quiz
block is converted by Python-Markdown with the site's `QuizExtension`, as MkDocs would."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup

import quiz
import strings
from bibliography import parse_bib
from build_errors import BuildStopped
from quiz import Site, find_blocks, misfenced_quizzes, opening_problems, parse_block
from site_model import Build, read_page

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


def test_find_blocks_gives_yaml_and_its_lines():
    markdown_text = "# T\n\n/// quiz\n" + GOOD + "///\n\nAfter.\n"
    [found] = find_blocks(markdown_text)
    assert found.text == GOOD.rstrip("\n") and found.line == 3 and found.closed
    assert markdown_text[found.start:found.end] == "/// quiz\n" + GOOD + "///\n"


def test_a_quiz_in_a_code_block_is_not_a_quiz():
    assert find_blocks("# T\n\n```text\n/// quiz\n" + GOOD + "///\n```\n") == []


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



# ------------------------------------------------------------------ the Markdown extension

PAGE = """\
# Page

## Night cramps {#night}

Text.

/// quiz
QUESTIONS///
"""


def page_text(questions: str = GOOD) -> str:
    return PAGE.replace("QUESTIONS", questions)


def build_for(pages: dict[str, str]) -> Build:
    """A build that has read and checked the given pages, as `site_build.on_nav` does."""
    build = Build(config=None)
    build.strings, problems = strings.load("en")
    build.pages = {name: read_page(name, name.replace(".md", "/"), text) for name, text in pages.items()}
    build.quizzes, errors = quiz.check(list(build.pages.values()), ENTRIES)
    assert problems == [] and errors == []
    return build


def convert(build: Build, page: str) -> BeautifulSoup:
    """The page converted by Python-Markdown as MkDocs would, with the quiz extension."""
    build.page = build.pages[page]
    md = markdown.Markdown(extensions=["attr_list", "toc", quiz.QuizExtension(build)],
                           extension_configs={"toc": {"permalink": True}})
    return BeautifulSoup(md.convert(build.page.body), "html.parser")


def test_quiz_block_becomes_a_quiz_that_reads_without_javascript():
    soup = convert(build_for({"page.md": page_text()}), "page.md")
    aside = soup.select_one("aside.quiz")
    assert aside["aria-label"] == "Quiz" and aside.has_attr("data-search-exclude")
    assert aside["id"] == f"quiz-page-{page_text().index('/// quiz')}"
    [fieldset] = aside.select("fieldset.quiz__question")
    assert fieldset["id"].startswith("quiz-page-") and fieldset["data-quiz-kind"] == "radio"
    assert fieldset.legend.get_text() == "Question 1. Where do cramps start?"
    inputs = fieldset.select(".quiz__options .quiz__option input[type=radio]")
    assert [i["value"] for i in inputs] == ["a", "b"] and {i["name"] for i in inputs} == {fieldset["id"]}
    assert [fieldset.select_one(f"label[for='{i['id']}']").get_text() for i in inputs] == ["In the nerves", "In the bones"]
    assert [o.has_attr("data-correct") for o in fieldset.select(".quiz__option")] == [True, False]
    assert fieldset.select_one(".quiz__feedback")["aria-live"] == "polite"
    assert fieldset.select_one(".quiz__actions button.quiz__check").has_attr("hidden")
    answer = fieldset.select_one("details.quiz__answer")
    assert answer.summary.get_text() == "Show the answer"
    assert answer.select_one(".quiz__right").get_text() == "Right answer: In the nerves"
    assert answer.select_one(".quiz__why p").get_text() == "Most likely in the nerves."
    assert answer.select_one(".quiz__notes li[data-option='In the bones']").get_text() == \
        "In the bones: Bones do not contract."
    more = answer.select_one("p.quiz__more")
    assert more.a["href"] == "page.md#night" and more.a.get_text() == "Night cramps"
    assert more.get_text() == "Read more: Night cramps. Source: Doe and Roe (2020) [@src1]."
    assert aside.select_one(".quiz__summary button.quiz__reset").get_text() == "Clear all answers"
    assert "///" not in soup.get_text() and "section: night" not in soup.get_text()


def test_question_and_option_text_stay_literal_and_explanations_are_markdown():
    questions = GOOD.replace("Where do cramps start?", "Where do *cramps* <b>start</b>?").replace(
        "- text: In the nerves", "- text: \"*not emphasis* <b>bold</b> & `code`\"").replace(
        "why: Bones do not contract.", "why: See *the* [section](#night).").replace(
        "explanation: Most likely in the nerves.",
        "explanation: |\n    Most likely in the [nerves](other.md#x).\n\n    A second paragraph.")
    soup = convert(build_for({"page.md": page_text(questions), "other.md": "# Other\n\n## X {#x}\n"}), "page.md")
    question = soup.select_one("fieldset.quiz__question")
    assert question.legend.get_text() == "Question 1. Where do *cramps* <b>start</b>?"
    literal = "*not emphasis* <b>bold</b> & `code`"
    assert question.select("label")[0].get_text() == literal
    assert question.select_one(".quiz__right").get_text() == f"Right answer: {literal}"
    assert question.select_one(".quiz__right strong").get_text() == "Right answer:"
    assert not question.select("legend b, legend em, label em, label b, label code, .quiz__right em, .quiz__right b")
    why = question.select(".quiz__why p")
    assert [p.get_text() for p in why] == ["Most likely in the nerves.", "A second paragraph."]
    assert why[0].a["href"] == "other.md#x"
    note = question.select_one(".quiz__notes li")
    assert note.em.get_text() == "In the bones:" and note.select_one("em + em").get_text() == "the"
    assert note.a["href"] == "#night"


def test_plain_texts_that_look_like_entities_or_markup_are_published_as_written():
    questions = GOOD.replace("- text: In the bones", "- text: \"A &amp; B [x](y)\"").replace(
        "why: Bones do not contract.", "why: Fine.")
    soup = convert(build_for({"page.md": page_text(questions)}), "page.md")
    assert soup.select("label")[1].get_text() == "A &amp; B [x](y)"
    assert soup.select_one(".quiz__notes li")["data-option"] == "A &amp; B [x](y)"


def test_including_quiz_heads_each_page_with_a_linkable_h2():
    other = page_text().replace("section: night", "section: other.md#night")
    build = build_for({"other.md": other, "all.md": "# All\n\n/// quiz\ninclude: [other.md]\n///\n"})
    soup = convert(build, "all.md")
    heading = soup.select_one("aside.quiz h2#from-other")
    assert heading.get_text().startswith("Page") and heading.select_one("a.headerlink[href='#from-other']")
    assert heading.find_next_sibling("fieldset")["id"] == build.quizzes.blocks["other.md"][0].questions[0].id
    assert soup.select_one(".quiz__more a")["href"] == "other.md#night"


def test_block_is_found_by_its_yaml_not_by_its_position():
    second = GOOD.replace("Where do cramps start?", "Where do cramps end?")
    text = page_text() + "\n/// quiz\n" + second + "///\n"
    build = build_for({"page.md": text})
    build.quizzes.blocks["page.md"].reverse()
    legends = [legend.get_text() for legend in convert(build, "page.md").select("legend")]
    assert legends == ["Question 1. Where do cramps start?", "Question 1. Where do cramps end?"]


def test_two_blocks_with_the_same_yaml_are_both_built():
    build = build_for({"page.md": page_text() + "\n/// quiz\n" + GOOD + "///\n"})
    asides = convert(build, "page.md").select("aside.quiz")
    assert len(asides) == 2 and asides[0]["id"] != asides[1]["id"]


def test_a_quiz_block_the_checks_never_saw_stops_the_build_naming_the_page():
    build = build_for({"page.md": page_text()})
    build.pages["page.md"] = read_page("page.md", "page/", page_text(GOOD.replace("In the bones", "In the skin")))
    with pytest.raises(BuildStopped, match=r"page\.md: a `/// quiz` block reached Markdown that the build's checks"):
        convert(build, "page.md")


def test_citations_follow_the_page_with_included_sources_at_the_include_line():
    other = page_text().replace("section: night", "section: other.md#night")
    two = GOOD + GOOD.replace("Where do cramps start?", "Where do cramps end?").replace("source: src1", "source: src2")
    entries, _ = parse_bib("@article{src1, author = {Doe, J.}, title = {T}, year = {2020}}\n"
                           "@article{src2, author = {Roe, R.}, title = {U}, year = {2021}}\n", "x.bib")
    pages = [read_page("other.md", "other/", other), read_page("page.md", "page/", page_text(two)),
             read_page("all.md", "all/", "# All\n\nIntro.\n\n/// quiz\ninclude: [page.md, other.md]\n///\n")]
    quizzes, errors = quiz.check(pages, entries)
    assert errors == []
    assert quizzes.citations("page.md") == [(8, "src1"), (17, "src2")]  # each question's `- question:` line
    assert quizzes.citations("all.md") == [(5, "src1"), (5, "src2"), (5, "src1")]
    assert quizzes.citations("nothing.md") == []
    assert pages[1].body.splitlines()[16].startswith("- question: Where do cramps end?")


# ------------------------------------------------------------------ quizzes that would publish their answers

def test_old_quiz_fence_stops_with_line_and_the_new_syntax():
    [(line, problem, fix)] = misfenced_quizzes("# T\n\n```quiz\n" + GOOD + "```\n")
    assert line == 3 and "'```quiz' is the old way to write a quiz" in problem and "right answers included" in problem
    assert "/// quiz" in fix


@pytest.mark.parametrize("opening", ["```yaml", "~~~", "``` quiz {.x}", "```quiz-questions"])
def test_fenced_code_holding_questions_stops(opening):
    [(line, problem, fix)] = misfenced_quizzes(f"# T\n\n{opening}\n" + GOOD + opening[:3] + "\n")
    assert line == 3 and "published as code, right answers included" in problem and "/// quiz" in fix


def test_indented_code_holding_questions_stops():
    [(line, problem, fix)] = misfenced_quizzes("# T\n\nText.\n\n" + textwrap.indent(GOOD, "    "))
    assert line == 5 and "indented code block holds quiz questions" in problem and "/// quiz" in fix


@pytest.mark.parametrize("opening", ["/// quizz", "/// quiz questions", "/// Quiz-Questions | x"])
def test_misnamed_block_stops(opening):
    [(line, problem, _)] = misfenced_quizzes(f"# T\n\n{opening}\n" + GOOD + "///\n")
    assert line == 3 and f"'{opening}' is not a block the site knows" in problem


def test_quiz_yaml_and_unrelated_code_are_not_misfenced():
    text = page_text() + "\n```yaml\nkey: value\n```\n\n    indented code\n\n/// details | About the quiz\nText.\n///\n"
    assert misfenced_quizzes(text) == []


@pytest.mark.parametrize("written, expected", [
    ("/// quiz | night\n" + GOOD + "///\n", "the quiz has '| night' after its name"),
    ("/// quiz\n" + textwrap.indent(GOOD, "    ") + "///\n", "indented by four spaces or more"),
    ("/// quiz\n" + GOOD, "no closing `///`"),
])
def test_quiz_block_that_would_not_be_read_as_a_quiz_is_reported(written, expected):
    [found] = find_blocks("# T\n\n" + written)
    assert any(expected in problem for problem, _ in opening_problems(found))


def test_well_formed_quiz_block_has_no_opening_problem():
    [found] = find_blocks("# T\n\n////  Quiz\n" + GOOD + "////\n")
    assert opening_problems(found) == [] and found.text == GOOD.rstrip("\n")
