"""Self-check quizzes written in a page's Markdown, answered in the browser.

An author writes the questions as YAML in a `/// quiz` block (pymdownx.blocks syntax):

    /// quiz
    - question: What do most night cramps come from?
      section: night-cramps            # the id that teaches it, or page.md#id
      source: allen2012                # a BibTeX key
      options:
        - text: Tired muscles and nerves
          correct: true
        - text: Low salt in the blood
          why: An explanation for choosing this option (optional).
      explanation: Why the right answer is right.
    ///

`multiple: true` makes a question with several right answers (checkboxes). A page that gathers
the questions of other pages, by reference, has a block whose YAML is `include: [page.md, ...]`.

- `check` reads every page's blocks once (from the build model), checks them all and returns
  every problem with file, line, question and fix: a broken quiz never publishes. A quiz in a
  code block (the old ```` ```quiz ```` fence, or any code that holds questions) would publish
  its answers as code, so it stops the build too.
- `QuizExtension` (a Python-Markdown extension made for one build) turns each `/// quiz` block,
  as Python-Markdown converts the page, into the elements of a quiz that reads well without
  JavaScript: a fieldset per question, labelled inputs and the answer behind a disclosure. It
  takes the questions from the checked block, found by its YAML. Question and option texts are
  literal text; the explanations, notes and the "read more" link are Markdown, converted with
  the page (so MkDocs checks the link), and the source is cited as `[@key]` in the text.
- `citations` lists the sources a page's quizzes cite, in order, for numbering them.
- `add_script` adds the quiz script, deferred, to pages that have a quiz and only to those;
  `page.meta.has_quiz` makes the template link the quiz stylesheet in the head, where it
  loads alongside the theme's (instant navigation adds and removes it with the page).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
import textwrap
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

import yaml
from bibliography import short_label
from build_errors import SourceError, did_you_mean, raise_all
import literal_yaml
from citations import cites
from headings import GOOD_ID, MAX_ID_LENGTH
from markdown.util import AtomicString
from markdown_scan import BLOCK_START, find_blocks as scanned_blocks, scan_lines
from page_assets import with_script
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

NAME = "quiz"  # the block's name: `/// quiz`
QUESTION_FIELDS = {"question", "options", "multiple", "explanation", "section", "source"}
OPTION_FIELDS = {"text", "correct", "why"}
TEXT_FIELDS = {"question", "text", "why", "explanation"}
MARKDOWN_FIELDS = {"why", "explanation"}
RAW_HTML = re.compile(r"<(?:[A-Za-z][\w-]*|/[A-Za-z][\w-]*|!--)[^>]*>")
BLOCK_NAME = re.compile(r"^\s*/{3,}\s*([^\s|]+)")  # the first word after `///`
FENCE_OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
MIN_OPTIONS, MAX_OPTIONS = 2, 6
SCRIPT = "assets/quiz.js"  # its stylesheet, assets/quiz.css, is linked by overrides/main.html
HOW_TO_WRITE = "write the questions between a `/// quiz` line and a `///` line"


@dataclass
class Option:
    text: str
    correct: bool
    why: str | None


@dataclass
class Question:
    page: str
    line: int  # in the file
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
    start: int  # offset of the `/// quiz` line in the page's Markdown (after the front matter)
    end: int  # offset after its closing `///` line
    questions: list[Question] = field(default_factory=list)
    line: int | None = None  # file line of the `/// quiz` line
    include: list[str] = field(default_factory=list)
    body_line: int | None = None  # the same line, counted in the Markdown after the front matter
    text: str = ""  # the YAML as written

    def body_line_of(self, question: Question) -> int:
        """The body line on which one of this block's own questions starts."""
        return question.line - (self.line - self.body_line)


@dataclass(frozen=True)
class BlockSource:
    """A `/// quiz` block as the author wrote it."""

    start: int  # offset of the opening line in the Markdown
    end: int  # offset after the closing line (the end of the Markdown if there is none)
    line: int  # body line of the opening line; the YAML starts on the next
    text: str  # the YAML between the opening and closing lines, dedented to the opening
    argument: str | None  # anything after `/// quiz |`
    closed: bool


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


def is_quiz_opening(line: str) -> re.Match | None:
    opening = BLOCK_START.match(line)
    return opening if opening and opening.group("name").lower() == NAME else None


def misfenced_quizzes(markdown: str) -> list[tuple[int, str, str]]:
    """(line, problem, fix) for quizzes that would not be read as quizzes: the old ```quiz
    fence, code blocks (fenced or indented) that hold quiz questions, and `///` blocks with a
    name like quiz's. They would be published as code or text, right answers included."""
    found = []
    kinds = list(scan_lines(markdown))
    data_lines = {number for number, _, kind in kinds if kind == "data"}
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE_OPENING.match(lines[index])
        if not opening or index + 1 in data_lines:
            index += 1
            continue
        fence, info = opening.group("fence"), opening.group("info").strip()
        end = next((i for i in range(index + 1, len(lines))
                    if lines[i].strip().startswith(fence[0] * len(fence)) and not lines[i].strip().strip(fence[0])),
                   len(lines))
        body = "\n".join(lines[index + 1:end])
        if info.lower() == NAME:
            found.append((index + 1, f"'{fence}{info}' is the old way to write a quiz, which the build no longer "
                          "reads: it would be published as code, right answers included",
                          f"{HOW_TO_WRITE}, in place of the '{fence}{info}' and '{fence}' lines"))
        elif NAME in info.lower():
            found.append((index + 1, f"the code block opens with '{fence}{info}', so it is published as code, "
                          "right answers included", f"{HOW_TO_WRITE}, in place of the code fence"))
        elif looks_like_quiz(body):
            found.append((index + 1, f"this '{fence}{info}' code block holds quiz questions, so it is published as "
                          "code, right answers included", f"{HOW_TO_WRITE}, in place of the code fence"))
        index = end + 1
    indented: list[tuple[int, str]] = []
    for number, line, kind in [*kinds, (0, "", "")]:
        if kind == "indented":  # blank lines apart, indented lines are one code block
            indented.append((number, line))
            continue
        if indented and looks_like_quiz(textwrap.dedent("\n".join(text for _, text in indented))):
            found.append((indented[0][0], "this indented code block holds quiz questions, so it is published as "
                          "code, right answers included", f"{HOW_TO_WRITE}, at the left margin"))
        indented = []
    for number, line, kind in kinds:
        name = BLOCK_NAME.match(line) if kind == "prose" else None
        if name and NAME in name.group(1).lower() and not is_quiz_opening(line):
            found.append((number, f"'{line.strip()}' is not a block the site knows, so it is published as text, "
                          "right answers included", "open a quiz with `/// quiz`, nothing after it"))
    return sorted(found)


def looks_like_quiz(text: str) -> bool:
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return bool(re.search(r"^\s*-\s+question:", text, re.M))
    if isinstance(data, dict):
        return set(data) == {"include"}
    return isinstance(data, list) and any(isinstance(item, dict) and "question" in item for item in data)


def find_blocks(markdown: str, prose=None) -> list[BlockSource]:
    """Each `/// quiz` block outside code, read as pymdownx.blocks reads it: from its opening
    line to the next line of as many slashes alone (or to the end of the page). `prose` is the
    page's `prose_lines`, when known."""
    offsets = [0]
    for raw in markdown.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(raw))
    found = []
    for block in scanned_blocks(markdown, prose):
        if block.name.lower() != NAME:
            continue
        indent = block.indent
        body = [text[indent:] if not text[:indent].strip() else text for text in block.content]
        found.append(BlockSource(offsets[block.line - 1], offsets[block.end] if block.end else len(markdown),
                                 block.line, "\n".join(body), block.argument or None, block.end is not None))
    return found


def opening_problems(found: BlockSource) -> list[tuple[str, str]]:
    """(problem, fix) for a `/// quiz` block that pymdownx.blocks would not read as a quiz, or
    would read to the end of the page."""
    problems = []
    if found.argument:
        problems.append((f"the quiz has '| {found.argument}' after its name, so it is not read as a quiz and is "
                         "published as text, right answers included", "write `/// quiz` alone on its line"))
    first = found.text.split("\n", 1)[0]
    if first.strip() and len(first) - len(first.lstrip(" ")) >= 4:
        problems.append(("the line after `/// quiz` is indented by four spaces or more, which is read as the "
                         "block's options, so the quiz is published as text, right answers included",
                         "start the questions at the left margin of `/// quiz`"))
    if not found.closed:
        problems.append(("the quiz has no closing `///`, so it would take in the rest of the page",
                         "end the questions with a line holding only `///`"))
    return problems


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


def literal(text: str) -> AtomicString:
    """Text published exactly as written: never read as Markdown, and `&amp;` stays `&amp;`
    (the serializer escapes `<` and `>`, and `&` only where it does not start an entity)."""
    return AtomicString(text.replace("&", "&amp;"))


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def markdown_literal(text: str) -> str:
    """Plain text to put inside Markdown text: no emphasis, link or code, no raw HTML."""
    return html.escape(MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)


def literal_attributes(attributes: dict[str, str]) -> dict[str, str]:
    """Attribute values published as written (the serializer treats `&` as `literal` says)."""
    return {name: value.replace("&", "&amp;") for name, value in attributes.items()}


def element(parent: etree.Element, tag: str, attributes: dict[str, str] | None = None,
            text: str | None = None) -> etree.Element:
    """A child element, with its attributes and `text` as literal text."""
    child = etree.SubElement(parent, tag, literal_attributes(attributes or {}))
    if text is not None:
        child.text = literal(text)
    return child


def build_quiz(aside: etree.Element, questions: list[Question], page: str, site: Site, quiz_id: str, text,
               parse_chunk) -> None:
    """Make `aside` the quiz of the given questions. `parse_chunk(parent, markdown)` converts
    Markdown blocks (Python-Markdown's `md.parser.parseChunk`).

    The wrapper is an <aside>, an element the quiz never nests: Material's search parser
    stops excluding at the first closing tag of the excluded element's name.
    """
    aside.attrib.update(literal_attributes({"class": "quiz", "id": quiz_id, "aria-label": text("quiz.label"),
                                            "data-search-exclude": ""}))
    element(aside, "p", {"class": "quiz__intro"}, text("quiz.intro"))
    group = None
    for number, question in enumerate(questions, 1):
        if question.page != page and question.page != group:
            group = question.page
            element(aside, "h2", {"id": group_id(group)}, site.page_titles[group])  # toc adds its permalink
        build_question(aside, number, question, page, site, text, parse_chunk)
    summary = element(aside, "div", {"class": "quiz__summary", "hidden": ""})
    element(summary, "p", {"class": "quiz__score", "role": "status", "aria-live": "polite"})
    element(summary, "button", {"type": "button", "class": "quiz__reset md-button"}, text("quiz.clear"))


def build_question(parent: etree.Element, number: int, question: Question, page: str, site: Site, text,
                   parse_chunk) -> None:
    kind = "checkbox" if question.multiple else "radio"
    fieldset = element(parent, "fieldset", {"class": "quiz__question", "id": question.id, "data-quiz-kind": kind})
    legend = element(fieldset, "legend")
    hint = " " + text("quiz.choose_all") if question.multiple else ""
    element(legend, "span", {"class": "quiz__number"}, text("quiz.question", number=number)).tail = \
        literal(f" {question.text}{hint}")
    options = element(fieldset, "div", {"class": "quiz__options"})
    for letter, option in zip("abcdef", question.options):
        option_id = f"{question.id}-{letter}"
        box = element(options, "div", {"class": "quiz__option", **({"data-correct": ""} if option.correct else {})})
        element(box, "input", {"type": kind, "name": question.id, "id": option_id, "value": letter}).tail = literal(" ")
        element(box, "label", {"for": option_id}, option.text)
    element(fieldset, "div", {"class": "quiz__feedback", "role": "status", "aria-live": "polite"})
    actions = element(fieldset, "div", {"class": "quiz__actions"})
    element(actions, "button", {"type": "button", "class": "quiz__check md-button md-button--primary",
                                "hidden": ""}, text("quiz.check"))
    answer = element(fieldset, "details", {"class": "quiz__answer"})
    element(answer, "summary", None, text("quiz.show_answer"))
    build_answer(answer, question, page, site, text, parse_chunk)


def build_answer(answer: etree.Element, question: Question, page: str, site: Site, text, parse_chunk) -> None:
    """The answer: right option(s), why, per-option notes, where to read, source. The
    explanation and the notes are Markdown; the option texts are literal."""
    right = [option.text for option in question.options if option.correct]
    label = text("quiz.right_answers") if len(right) > 1 else text("quiz.right_answer")
    element(element(answer, "p", {"class": "quiz__right"}), "strong", None, f"{label}:").tail = \
        literal(" " + "; ".join(right))
    parse_chunk(element(answer, "div", {"class": "quiz__why"}), question.explanation)
    notes = [(option.text, option.why) for option in question.options if option.why]
    if notes:
        listed = element(answer, "ul", {"class": "quiz__notes"})
        for option_text, why in notes:
            element(element(listed, "li", {"data-option": option_text}), "em", None, f"{option_text}:").tail = \
                " " + why  # Markdown: Python-Markdown's inline processors convert it
    section_title = site.section_titles[question.section_page].get(question.section_id) or \
        site.page_titles[question.section_page]
    link = posixpath.relpath(question.section_page, posixpath.dirname(page) or ".")
    # The heading's text is Markdown already; the source's label is plain text.
    read_more = text("quiz.read_more", link=f"[{html.escape(section_title)}]({link}#{question.section_id})")
    cited = text("quiz.source", source=markdown_literal(short_label(site.sources[question.source])))
    element(answer, "p", {"class": "quiz__more"}).text = f"{read_more} {cited} [@{question.source}]."


# ----------------------------------------------------------------------------- Python-Markdown

def yaml_key(text: str) -> str:
    """A block's YAML as it can be compared before and after Markdown's preprocessors, which
    expand tabs, empty the blank lines and drop repeated ones, and the block's dedenting."""
    return textwrap.dedent("\n".join(line.rstrip() for line in text.expandtabs(4).splitlines() if line.strip()))


class QuizMarkdownBlock(Block):
    """`/// quiz`: its YAML reaches `on_end` as raw text, and the block becomes the quiz."""

    NAME = NAME
    ARGUMENT = False
    OPTIONS: dict = {}

    def on_markdown(self) -> str:
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        return etree.SubElement(parent, "aside")

    def on_end(self, block: etree.Element) -> None:
        build = self.config["build"]
        written, block.text = block.text or "", None
        page, quizzes = build.page, build.quizzes
        found = quizzes.block_for(page.src_uri, written, self.tracker.setdefault("taken", [])) \
            if page is not None and quizzes is not None else None
        if found is None:
            name = page.src_uri if page is not None else "a page the build does not know"
            raise_all([SourceError(name, None, "a `/// quiz` block reached Markdown that the build's checks did not "
                                   f"see (it starts: '{shorten(yaml_key(written), 8)}')",
                                   "write each quiz in the page itself, not in a snippet or through a plugin "
                                   "that changes the page's Markdown")])
        quiz_id = f"quiz-{posixpath.splitext(page.src_uri)[0].replace('/', '-')}-{found.start}"
        build_quiz(block, quizzes.questions(found), page.src_uri, quizzes.site, quiz_id, build.strings,
                   self.md.parser.parseChunk)


class QuizExtension(BlocksExtension):
    """The `/// quiz` block for the pages of one build (`site_model.Build`): each block is
    built from the checked quiz of `build.page` (the page being converted) with the words of
    `build.strings`."""

    def __init__(self, build, **kwargs):
        self.build = build
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md, block_mgr) -> None:
        block_mgr.register(QuizMarkdownBlock, {"build": self.build})


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
        offset = source.first_line - 1  # body line + offset = file line
        for found in find_blocks(source.body, source.prose):
            problems = [SourceError(source.src_uri, found.line + offset, problem, fix)
                        for problem, fix in opening_problems(found)]
            if found.closed:
                block, more = parse_block(found.text, found.line + 1 + offset, source.src_uri, site)
                problems += more
            else:
                block = QuizBlock(0, 0)  # the rest of the page is not its YAML
            block.start, block.end, block.text = found.start, found.end, found.text
            block.line, block.body_line = found.line + offset, found.line
            blocks.setdefault(source.src_uri, []).append(block)
            errors += problems + group_id_errors(source, block)
            if problems:
                misfenced.add(source.src_uri)
        for line, problem, fix in misfenced_quizzes(source.body):
            errors.append(SourceError(source.src_uri, line + offset, problem, fix))
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
        """(page, file line of the block, BibTeX key) for every question's source, on the page
        that asks it: a source named only by a quiz is still cited there."""
        return [(page, block.line, question.source) for page, page_blocks in self.blocks.items()
                for block in page_blocks if not block.include for question in block.questions]

    def questions(self, block: QuizBlock) -> list[Question]:
        """The questions a block shows: its own, or those of the pages it includes."""
        if not block.include:
            return block.questions
        return [question for name in block.include for included in self.blocks.get(name, [])
                for question in included.questions]

    def citations(self, page: str) -> list[tuple[int, str]]:
        """(body line, BibTeX key) for the source of every question the quizzes of `page` (its
        `src_uri`) show, in the order the page shows them: a question of its own at the line
        where it starts, an included question at the line of the `/// quiz` that includes it.
        Body lines count from the first line after the front matter, as `PageModel.prose` does."""
        return [(block.body_line if block.include else block.body_line_of(question), question.source)
                for block in self.blocks.get(page, []) for question in self.questions(block)]

    def has_quiz(self, page: str) -> bool:
        return bool(self.blocks.get(page))

    def block_for(self, page: str, written: str, taken: list[QuizBlock]) -> QuizBlock | None:
        """The checked block of `page` whose YAML is `written` (as Python-Markdown hands it to
        the block), other than those in `taken`; the block found is added to `taken`, so two
        blocks with the same YAML are matched in turn."""
        key = yaml_key(written)
        for block in self.blocks.get(page, []):
            if not any(block is used for used in taken) and yaml_key(block.text) == key:
                taken.append(block)
                return block
        return None


def check(pages, entries: dict[str, Any]) -> tuple[Quizzes, list[SourceError]]:
    """The quizzes of every page, and every problem found in them."""
    site = read_site(pages, entries)
    blocks, errors = check_site(pages, site)
    return Quizzes(site, blocks), errors


def add_script(html_text: str, page) -> str:
    return with_script(html_text, page, SCRIPT, "has_quiz")
