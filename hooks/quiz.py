"""Self-check quizzes written in a page's Markdown, answered in the browser.

An author writes a fenced block of YAML questions:

    ```quiz
    - question: What do most night cramps come from?
      section: night-cramps            # the id that teaches it, or page.md#id
      source: allen2012                # a BibTeX key
      options:
        - text: Tired muscles and nerves
          correct: true
        - text: Low salt in the blood
          why: An explanation for choosing this option (optional).
      explanation: Why the right answer is right.
    ```

`multiple: true` makes a question with several right answers (checkboxes). A page that gathers
the questions of other pages, by reference, has a block with `include: [page.md, ...]`.

- `check` reads every page's blocks once (from the build model), checks them all and returns
  every problem with file, line, question and fix: a broken quiz never publishes.
- `render` (before citations are resolved) replaces each block with HTML that reads well
  without JavaScript: a fieldset per question, labelled inputs and the answer behind a
  disclosure. The explanation stays Markdown, so its section link is checked by MkDocs and
  its source becomes one of the page's numbered sources.
- `add_script` adds the quiz script, deferred, to pages that have a quiz and only to those;
  `page.meta.has_quiz` makes the template link the quiz stylesheet in the head, where it
  loads alongside the theme's (instant navigation adds and removes it with the page).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from bibliography import short_label
from build_errors import SourceError, did_you_mean
import literal_yaml
from citations import cites
from headings import GOOD_ID, MAX_ID_LENGTH
from page_assets import with_script

QUIZ_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*quiz[ \t]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                        re.M | re.S)
QUESTION_FIELDS = {"question", "options", "multiple", "explanation", "section", "source"}
OPTION_FIELDS = {"text", "correct", "why"}
TEXT_FIELDS = {"question", "text", "why", "explanation"}
MARKDOWN_FIELDS = {"why", "explanation"}
RAW_HTML = re.compile(r"<(?:[A-Za-z][\w-]*|/[A-Za-z][\w-]*|!--)[^>]*>")
FENCE_OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
MIN_OPTIONS, MAX_OPTIONS = 2, 6
SCRIPT = "assets/quiz.js"  # its stylesheet, assets/quiz.css, is linked by overrides/main.html


@dataclass
class Option:
    text: str
    correct: bool
    why: str | None


@dataclass
class Question:
    page: str
    line: int
    text: str
    options: list[Option]
    multiple: bool
    explanation: str
    section_page: str
    section_id: str
    source: str

    @property
    def id(self) -> str:
        """Stable while the question's wording stays the same, so saved answers still fit."""
        digest = hashlib.sha1(self.text.encode()).hexdigest()[:8]
        return f"quiz-{posixpath.splitext(self.page)[0].replace('/', '-')}-{digest}"


@dataclass
class QuizBlock:
    start: int
    end: int
    questions: list[Question] = field(default_factory=list)
    line: int | None = None
    include: list[str] = field(default_factory=list)


@dataclass
class Site:
    """What the checks need to know about the rest of the site."""

    section_titles: dict[str, dict[str, str]]  # page -> id -> heading text (or "" for other ids)
    page_titles: dict[str, str]
    sources: dict[str, Any]  # BibTeX key -> entry


# ----------------------------------------------------------------------------- parsing

def as_bool(value: Any) -> bool | None:
    """true or false as written in YAML; None for anything else."""
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).strip().lower()) if isinstance(value, str) else None


def text_problems(value: str, field: str) -> list[tuple[str, str]]:
    """(problem, fix) for text a quiz would not publish as written: raw HTML, citations."""
    problems = []
    if field in MARKDOWN_FIELDS and (tag := RAW_HTML.search(value)):
        problems.append((f"`{field}` contains raw HTML ('{tag.group(0)}'), which would be published unchecked",
                         "write it in Markdown: **bold**, *italic*, [a link](page.md#id)"))
    if cites(value):
        problems.append((f"`{field}` cites a source in its text",
                         "a question names its source with `source: <key>`; remove the citation from the text"))
    return problems


def misfenced_quizzes(markdown: str) -> list[tuple[int, str, str]]:
    """(line, problem, fix) for code blocks that look like a quiz but do not open with ```quiz:
    they would be published as code, right answers included."""
    found = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE_OPENING.match(lines[index])
        if not opening:
            index += 1
            continue
        fence, info = opening.group("fence"), opening.group("info").strip()
        end = next((i for i in range(index + 1, len(lines))
                    if lines[i].strip().startswith(fence[0] * len(fence)) and not lines[i].strip().strip(fence[0])),
                   len(lines))
        body = "\n".join(lines[index + 1:end])
        if info != "quiz" and "quiz" in info.lower():
            found.append((index + 1, f"the code block opens with '{fence}{info}', so it is published as code, "
                          "right answers included", f"open a quiz with exactly {fence}quiz, nothing after it"))
        elif info != "quiz" and looks_like_quiz(body):
            found.append((index + 1, f"this '{fence}{info}' code block holds quiz questions, so it is published as "
                          "code, right answers included", f"open it with {fence}quiz"))
        index = end + 1
    return found


def looks_like_quiz(text: str) -> bool:
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return bool(re.search(r"^\s*-\s+question:", text, re.M))
    if isinstance(data, dict):
        return set(data) == {"include"}
    return isinstance(data, list) and any(isinstance(item, dict) and "question" in item for item in data)


def find_blocks(markdown: str) -> list[tuple[int, int, str, int]]:
    """(start, end, YAML text, line of the YAML's first line) for each ```quiz block."""
    return [(m.start(), m.end(), m.group("body"), markdown.count("\n", 0, m.start("body")) + 1)
            for m in QUIZ_FENCE.finditer(markdown)]


def parse_block(text: str, first_line: int, page: str, site: Site) -> tuple[QuizBlock, list[SourceError]]:
    """One quiz block's questions (or page list), with every problem found in it."""
    block = QuizBlock(0, 0)
    data, errors = literal_yaml.read_block(text, TEXT_FIELDS | {"options"}, page, first_line, "quiz",
                                           "check the indentation and the `- ` before each question and option")
    if errors:
        return block, errors
    if isinstance(data, dict) and set(data) - {"__line__"} == {"include"}:
        names = data["include"] if isinstance(data["include"], list) else [data["include"]]
        block.include = [str(name) for name in names if name]
        errors = [SourceError(page, first_line, f"quiz includes '{name}', which is not a page of the site",
                              "name a Markdown file relative to docs/, e.g. basics.md")
                  for name in block.include if name not in site.page_titles]
        return block, errors
    if not isinstance(data, list) or not data:
        return block, [SourceError(page, first_line, "a quiz block must be a list of questions or an `include:` list",
                                   "start each question with `- question:`")]
    errors: list[SourceError] = []
    for number, item in enumerate(data, start=1):
        question, problems = parse_question(item, number, first_line, page, site)
        errors += problems
        if question:
            block.questions.append(question)
    return block, errors


def unknown_fields(item: dict, allowed: set[str]) -> list[tuple[str, str]]:
    """(problem, fix) for each field of a question or option that the quiz does not know."""
    return [(f"unknown field '{name}'", did_you_mean(name, allowed, f"use only {', '.join(sorted(allowed))}"))
            for name in sorted(set(item) - allowed - {"__line__"})]


def parse_question(item: Any, number: int, first_line: int, page: str,
                   site: Site) -> tuple[Question | None, list[SourceError]]:
    """A question and the problems that keep it from publishing."""
    if not isinstance(item, dict):
        return None, [SourceError(page, first_line, f"quiz question {number} is not a mapping",
                                  "write `- question: ...` with its fields indented below")]
    line = first_line + item.get("__line__", 0)
    name = f"question {number} ('{shorten(str(item.get('question', '')))}')"
    errors = []

    def error(problem: str, fix: str, at: int | None = None) -> None:
        errors.append(SourceError(page, at or line, f"quiz {name}: {problem}", fix))

    for problem, fix in unknown_fields(item, QUESTION_FIELDS):
        error(problem, fix)
    text = text_field(item, "question", error)
    if not text:
        error("has no question text", "add `question: ...`")
    multiple = as_bool(item.get("multiple", "false"))
    if multiple is None:
        error("`multiple` is not true or false", "write `multiple: true` or leave it out")
        multiple = False
    explanation = text_field(item, "explanation", error)
    if not explanation:
        error("has no explanation", "add `explanation: ...` saying why the right answer is right")

    options = parse_options(item.get("options"), multiple, first_line, error)

    section_page, section_id = resolve_section(str(item.get("section") or ""), page)
    if not section_id:
        error("names no section that teaches it", "add `section: <id>` (an id on this page) or `section: page.md#id`")
    elif section_id not in site.section_titles.get(section_page, {}):
        ids = sorted(site.section_titles.get(section_page, {}))
        error(f"section '{section_page}#{section_id}' does not exist",
              f"use one of the ids of {section_page}: {', '.join(ids) or 'none'}")
    source = str(item.get("source") or "")
    if not source:
        error("names no source", "add `source: <BibTeX key>`")
    elif source not in site.sources:
        error(f"unknown citation key '{source}'",
              did_you_mean(source, site.sources, "use a key from the .bib files in bib/"))
    if errors:
        return None, errors
    return Question(page, line, text, options, multiple, explanation, section_page, section_id, source), []


def parse_options(raw: Any, multiple: bool, first_line: int, error) -> list[Option]:
    """The options of one question; problems are reported through `error`."""
    if not isinstance(raw, list) or not (MIN_OPTIONS <= len(raw) <= MAX_OPTIONS):
        error(f"needs {MIN_OPTIONS} to {MAX_OPTIONS} options", "list them under `options:`, each as `- text: ...`")
        return []
    options: list[Option] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            item = {"text": item}
        at = first_line + item["__line__"] if "__line__" in item else None

        def option_error(problem: str, fix: str) -> None:
            error(f"option {index} {problem}", fix, at)

        for problem, fix in unknown_fields(item, OPTION_FIELDS):
            option_error(f"has an {problem}", fix)
        text = text_field(item, "text", option_error)
        if not text:
            option_error("is empty", "give it `text: ...`")
        elif text.lower() in seen:
            option_error(f"('{shorten(text)}') repeats an earlier option", "make each option different")
        seen.add(text.lower())
        correct = as_bool(item.get("correct", "false"))
        if correct is None:
            option_error(f"has `correct: {item.get('correct')}`", "write `correct: true` or leave it out")
            correct = False
        why = text_field(item, "why", option_error) or None
        options.append(Option(text, correct, why))
    right = sum(option.correct for option in options)
    if right == 0:
        error("has no correct option", "mark the right option with `correct: true`")
    elif right > 1 and not multiple:
        error(f"has {right} correct options but is a single-answer question",
              "mark only one option `correct: true`, or add `multiple: true`")
    return options


def text_field(item: dict, name: str, error) -> str:
    """A text field exactly as written (stripped), or "" with a problem reported through `error`
    when it is not text or would not publish as written."""
    value = item.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        error(f"`{name}` is not a piece of text", f"write `{name}:` followed by the text on the same line")
        return ""
    for problem, fix in text_problems(value, name):
        error(problem, fix)
    return value.strip()


def resolve_section(value: str, page: str) -> tuple[str, str]:
    """('causes.md', 'night-cramps') from 'causes.md#night-cramps' or, on causes.md, 'night-cramps'."""
    target, _, section = value.rpartition("#") if "#" in value else ("", "", value)
    return (target or page), section.strip()


def shorten(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# ----------------------------------------------------------------------------- rendering

def group_id(page: str) -> str:
    """The id of the heading over the questions a quiz includes from `page`."""
    return "from-" + posixpath.splitext(page)[0].replace("/", "-")


def render_quiz(questions: list[Question], page: str, site: Site, quiz_id: str, text) -> str:
    """HTML (with Markdown inside for the answers) for one quiz of the given questions.

    The wrapper is an <aside>, an element the quiz never nests: Material's search parser
    stops excluding at the first closing tag of the excluded element's name.
    """
    e = html.escape
    parts = [f'<aside class="quiz" id="{quiz_id}" aria-label="{e(text("quiz.label"))}" data-search-exclude markdown="block">',
             f'<p class="quiz__intro">{e(text("quiz.intro"))}</p>']
    group = None
    for number, question in enumerate(questions, 1):
        if question.page != page and question.page != group:
            group = question.page
            parts.append(f"\n## {html.escape(site.page_titles[group])} {{#{group_id(group)}}}\n")
        parts.append(render_question(number, question, page, site, text))
    parts += [
        '<div class="quiz__summary" hidden>',
        '<p class="quiz__score" role="status" aria-live="polite"></p>',
        f'<button type="button" class="quiz__reset md-button">{e(text("quiz.clear"))}</button>',
        "</div>",
        "</aside>",
    ]
    return "\n".join(parts) + "\n"


def render_question(number: int, question: Question, page: str, site: Site, text) -> str:
    e = html.escape
    kind = "checkbox" if question.multiple else "radio"
    hint = " " + e(text("quiz.choose_all")) if question.multiple else ""
    lines = [
        f'<fieldset class="quiz__question" id="{question.id}" data-quiz-kind="{kind}" markdown="block">',
        f'<legend><span class="quiz__number">{e(text("quiz.question", number=number))}</span> {e(question.text)}{hint}</legend>',
        '<div class="quiz__options">',
    ]
    for letter, option in zip("abcdef", question.options):
        option_id = f"{question.id}-{letter}"
        right = ' data-correct=""' if option.correct else ""
        lines.append(f'<div class="quiz__option"{right}><input type="{kind}" name="{question.id}" '
                     f'id="{option_id}" value="{letter}"> <label for="{option_id}">{html.escape(option.text)}</label></div>')
    lines += [
        "</div>",
        '<div class="quiz__feedback" role="status" aria-live="polite"></div>',
        '<div class="quiz__actions"><button type="button" class="quiz__check md-button md-button--primary" hidden>'
        f'{e(text("quiz.check"))}</button></div>',
        '<details class="quiz__answer" markdown="block">',
        f"<summary>{e(text('quiz.show_answer'))}</summary>",
        "",
        render_answer(question, page, site, text),
        "",
        "</details>",
        "</fieldset>",
    ]
    return "\n".join(lines)


def render_answer(question: Question, page: str, site: Site, text) -> str:
    """The answer as Markdown: right option(s), why, per-option notes, where to read, source."""
    right = [option.text for option in question.options if option.correct]
    label = text("quiz.right_answers") if len(right) > 1 else text("quiz.right_answer")
    parts = [f'<p class="quiz__right" markdown="span">**{label}:** {html.escape("; ".join(right))}</p>',
             "",
             f'<div class="quiz__why" markdown="block">\n\n{question.explanation}\n\n</div>']
    notes = [(option.text, option.why) for option in question.options if option.why]
    if notes:
        parts += ["", '<ul class="quiz__notes" markdown="block">']
        parts += [f'<li data-option="{html.escape(text)}" markdown="span">*{html.escape(text)}:* {why}</li>'
                  for text, why in notes]
        parts.append("</ul>")
    section_title = site.section_titles[question.section_page].get(question.section_id) or \
        site.page_titles[question.section_page]
    link = posixpath.relpath(question.section_page, posixpath.dirname(page) or ".")
    source = short_label(site.sources[question.source])
    read_more = text("quiz.read_more", link=f"[{html.escape(section_title)}]({link}#{question.section_id})")
    cited = text("quiz.source", source=html.escape(source))
    parts += ["", f'<p class="quiz__more" markdown="span">{read_more} {cited} [@{question.source}].</p>']
    return "\n".join(parts)


# ----------------------------------------------------------------------------- the build

def read_site(pages, sources: dict[str, Any]) -> Site:
    """What quizzes need to know of the other pages (`site_model.PageModel`s)."""
    return Site({page.src_uri: page.ids for page in pages}, {page.src_uri: page.title for page in pages}, sources)


def group_id_errors(page, block: QuizBlock) -> list[SourceError]:
    """The headings an including quiz adds follow the rules of every section id: well-formed
    and not already used on the page."""
    errors = []
    for name in block.include:
        heading_id = group_id(name)
        if not GOOD_ID.fullmatch(heading_id) or len(heading_id) > MAX_ID_LENGTH:
            errors.append(SourceError(page.src_uri, block.line, f"the quiz would head the questions of '{name}' with "
                                      f"the id '{heading_id}', which is not a short lowercase hyphenated id",
                                      "give the included page a short lowercase file name"))
        elif heading_id in page.ids:
            errors.append(SourceError(page.src_uri, block.line, f"the quiz would head the questions of '{name}' with "
                                      f"the id '{heading_id}', which this page already uses",
                                      f"rename the page's own '{heading_id}' id"))
    return errors


def check_site(pages, site: Site) -> tuple[dict[str, list[QuizBlock]], list[SourceError]]:
    """Every quiz block of every page (`site_model.PageModel`s), parsed and checked together."""
    blocks: dict[str, list[QuizBlock]] = {}
    errors: list[SourceError] = []
    misfenced: set[str] = set()
    for source in pages:
        for start, end, text, line in find_blocks(source.body):
            block, problems = parse_block(text, line + source.first_line - 1, source.src_uri, site)
            block.start, block.end, block.line = start, end, line + source.first_line - 2
            blocks.setdefault(source.src_uri, []).append(block)
            errors += problems + group_id_errors(source, block)
        for line, problem, fix in misfenced_quizzes(source.body):
            errors.append(SourceError(source.src_uri, line + source.first_line - 1, problem, fix))
            misfenced.add(source.src_uri)
    for page, page_blocks in blocks.items():
        for block in page_blocks:
            for name in block.include:
                # A page whose quiz block is broken has its own error already.
                if name in site.page_titles and name not in misfenced and name not in blocks:
                    errors.append(SourceError(page, block.line, f"quiz includes '{name}', which has no questions",
                                              "include only pages with a quiz"))
    return blocks, errors


@dataclass
class Quizzes:
    """The quizzes of one build."""

    site: Site
    blocks: dict[str, list[QuizBlock]]

    def cited(self) -> list[tuple[str, int, str]]:
        """(page, body line of the block, BibTeX key) for every question's source, on the page
        that asks it: a source named only by a quiz is still cited there."""
        return [(page, block.line, question.source) for page, page_blocks in self.blocks.items()
                for block in page_blocks if not block.include for question in block.questions]


def check(pages, entries: dict[str, Any]) -> tuple[Quizzes, list[SourceError]]:
    """The quizzes of every page, and every problem found in them."""
    site = read_site(pages, entries)
    blocks, errors = check_site(pages, site)
    return Quizzes(site, blocks), errors


def render(markdown: str, page, quizzes: Quizzes, text) -> str:
    """The page's Markdown with each quiz block replaced by its HTML."""
    blocks = quizzes.blocks.get(page.file.src_uri)
    if not blocks:
        return markdown
    found = find_blocks(markdown)
    for (start, end, _, _), block in reversed(list(zip(found, blocks))):
        if block.include:
            questions = [q for name in block.include for b in quizzes.blocks.get(name, []) for q in b.questions]
        else:
            questions = block.questions
        quiz_id = f"quiz-{posixpath.splitext(page.file.src_uri)[0].replace('/', '-')}-{start}"
        markdown = markdown[:start] + render_quiz(questions, page.file.src_uri, quizzes.site, quiz_id, text) + markdown[end:]
    page.meta["has_quiz"] = True
    return markdown


def add_script(html_text: str, page) -> str:
    return with_script(html_text, page, SCRIPT, "has_quiz")
