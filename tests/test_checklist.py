"""Private checklists (hooks/checklist.py, assets/checklist.js): the declaration is checked at
build time, and in headless Chromium a reader fills the form by keyboard, hears the warning
signs at once, prints and copies a summary, and nothing is stored or sent unless asked."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from urllib.parse import urlparse

import lxml.html
import markdown
import pytest

import checklist
from build_errors import BuildStopped
from conftest import axe_violations
from fixture_site import build, make_site
from site_model import Build, read_page

GOOD = """\
# Page

## Prepare {#prepare}

/// checklist
title: My notes
groups:
  - legend: When
    fields:
      - choices: [At night, When resting]
        label: When do they come?
        id: when
      - text: How often?
        id: how-often
  - legend: Warning signs
    fields:
      - warning: A cramp lasted over 10 minutes
        level: urgent
        act: Ask for an urgent appointment, the same day.
        id: long
///
"""


# ------------------------------------------------------------------ the Markdown extension, without a build

PLAIN = """\
# Page

## Prepare {#prepare}

/// checklist
title: "Notes: *mine*"
groups:
  - legend: "Group *g* <i>"
    fields:
      - choices: ["*x* <b>", "Tom & Jerry"]
        label: "*x* <b>"
        id: when
      - text: How often? <br>
        id: how-often
        lines: 2
  # a comment, not a heading
  - legend: Warning signs
    fields:
      - warning: A cramp lasted over 10 minutes
        level: urgent
        act: "**Ask** the [urgent care](https://example.org/urgent) team."
        id: long
///

After the form.
"""


def converted(text: str, known=(), others=()) -> tuple[lxml.html.HtmlElement, Build]:
    """`text` as index.md, checked as the build checks it, then converted by Python-Markdown
    with the extension (and the `others` named)."""
    page = read_page("index.md", "", text)
    site = Build(config=None, pages={"index.md": page})
    site.checklists, errors = checklist.check([page], known)
    assert errors == []
    site.page = page
    html = markdown.Markdown(extensions=[checklist.ChecklistExtension(site), *others]).convert(page.body)
    return lxml.html.fragment_fromstring(html, create_parent="div"), site


def test_the_block_becomes_the_form_with_its_structure():
    root, _ = converted(PLAIN)
    form, = root.xpath("//form")
    assert form.attrib == {"class": "checklist", "id": "checklist-1", "data-search-exclude": "true",
                           "data-title": "Notes: *mine*", "novalidate": "novalidate"}
    groups = form.xpath("./fieldset[@class='checklist__group']")
    assert [group.xpath("string(./legend)") for group in groups] == ["Group *g* <i>", "Warning signs"]
    choices, = groups[0].xpath("./fieldset[@data-field='when'][@data-kind='choices'][@class='checklist__field']")
    boxes = choices.xpath(".//div[@class='checklist__choice']/input[@type='checkbox']")
    assert [(box.get("id"), box.get("name"), box.get("value")) for box in boxes] == [
        ("checklist-1-when-1", "when", "*x* <b>"), ("checklist-1-when-2", "when", "Tom & Jerry")]
    assert [box.getnext().get("for") for box in boxes] == ["checklist-1-when-1", "checklist-1-when-2"]
    text, = groups[0].xpath("./div[@data-field='how-often'][@data-kind='text']")
    assert text.xpath("./label/@for") == ["checklist-1-how-often"] and text.xpath("string(./label)") == "How often? <br>"
    assert text.xpath("./textarea/@id") == ["checklist-1-how-often"] and text.xpath("./textarea/@rows") == ["2"]
    warning, = groups[1].xpath("./div[@class='checklist__field checklist__warning'][@data-kind='warning']")
    assert (warning.get("data-field"), warning.get("data-level")) == ("long", "urgent")
    box, = warning.xpath("./div[@class='checklist__choice']/input")
    assert (box.get("id"), box.get("aria-describedby")) == ("checklist-1-long", "checklist-1-long-act")
    act, = warning.xpath("./div[@class='checklist__act']")
    assert act.get("id") == "checklist-1-long-act"
    assert form.xpath("./div[last()]/@class") == ["checklist__alert"] and form.xpath("./div[last()]/@role") == ["alert"]
    assert root.xpath("string(./p[last()])") == "After the form."  # the page goes on after the block


def test_plain_text_stays_as_written_and_act_is_markdown():
    root, _ = converted(PLAIN)
    labels = [label.text_content() for label in root.xpath("//form//label")]
    assert labels == ["*x* <b>", "Tom & Jerry", "How often? <br>", "A cramp lasted over 10 minutes"]
    assert root.xpath("//form//legend[2]") == [] and root.xpath("//form//em|//form//b|//form//i|//form//br") == []
    act, = root.xpath("//div[@class='checklist__act']")
    assert act.xpath("./p/strong/text()") == ["Ask"]
    assert act.xpath("./p/a/@href") == ["https://example.org/urgent"] and act.xpath("string(./p/a)") == "urgent care"
    assert root.xpath("//h1/text()") == ["Page"] and len(root.xpath("//h1|//h2")) == 2  # the comment is no heading


IN_A_NOTE = """\
# Page

!!! note "Before you go"

    /// checklist
    title: Notes
    groups:

      - legend: When
        fields:\t
          - text: How often?


            id: how-often
    ///

After the note.
"""


def test_the_form_is_found_by_its_text_whatever_the_blank_lines_tabs_and_container():
    root, _ = converted(IN_A_NOTE, others=["admonition"])
    assert root.xpath("//div[contains(@class, 'admonition')]/form/@id") == ["checklist-1"]
    assert root.xpath("//form//textarea/@name") == ["how-often"]


def test_a_checked_checklist_that_markdown_reads_as_code_stops_at_its_line():
    as_code = IN_A_NOTE.replace("    /// checklist", "        /// checklist")
    with pytest.raises(BuildStopped, match=r"index.md:5: this checklist was not read as a block"):
        converted(as_code, others=["admonition"])


def test_two_checklists_on_a_page_are_numbered_in_order_even_when_alike():
    page = PLAIN + "\n" + PLAIN[PLAIN.index("/// checklist"):]
    root, _ = converted(page)
    assert root.xpath("//form/@id") == ["checklist-1", "checklist-2"]


def test_a_block_the_build_did_not_check_stops_with_the_page_named():
    page = read_page("index.md", "", PLAIN)
    site = Build(config=None, pages={"index.md": page})
    site.checklists, _ = checklist.check([page], ())
    site.page = page
    with pytest.raises(BuildStopped, match=r"index.md: a checklist block of this page is not one the build checked"):
        markdown.Markdown(extensions=[checklist.ChecklistExtension(site)]).convert(PLAIN.replace("lines: 2", "lines: 3"))


def test_citations_of_a_page_s_checklists_in_order_with_their_lines():
    page_text = GOOD.replace("the same day.", "the same day [@b; @a].") + "\n" + \
        GOOD[GOOD.index("/// checklist"):].replace("the same day.", "soon [@c].")
    page = read_page("index.md", "", page_text)
    found, errors = checklist.check([page], {"a", "b", "c"})
    assert errors == []
    first, second = (number for number, line in enumerate(page_text.splitlines(), 1) if "- warning:" in line)
    assert checklist.citations(page, found) == [(first, "b"), (first, "a"), (second, "c")]
    assert checklist.citations(read_page("other.md", "", "# Other\n"), found) == []


# ------------------------------------------------------------------ whole builds

def test_good_checklist_builds_as_a_form_kept_out_of_search(tmp_path):
    result = build(make_site(tmp_path, {"index.md": GOOD.replace("the same day.", "the same day [@minetto2013].")}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert '<form class="checklist"' in html and 'name="how-often"' in html and 'data-level="urgent"' in html
    assert "assets/checklist.js" in html and 'href="#fn:minetto2013"' in html  # the warning cites its source
    index = (tmp_path / "site" / "search" / "search_index.json").read_text()
    assert "How often?" not in index and "A cramp lasted" not in index


@pytest.mark.parametrize("change, line, expected", [
    (("        level: urgent\n", "        level: soon\n"), 22, "warning level 'soon' is not urgent or emergency"),
    (("        act: Ask for an urgent appointment, the same day.\n", ""), 22, "a warning has no `act`"),
    (("        id: how-often\n", "        id: when\n"), 18, "field id 'when' is already used on line 15"),
    (("        id: long\n", "        id: Long One\n"), 22, "field id 'Long One' is not a short lowercase"),
    (("        label: When do they come?\n", "        lable: When do they come?\n"), 15, "did you mean 'label'"),
    (("      - text: How often?\n", "      - text: How often? #1\n"), 18, "the `text` text contains ' #'"),
    (("  - legend: When\n", "  - legend: When\n   bad: indent\n"), 14, "checklist is not valid YAML"),
    (("the same day.\n", "the same day [@minetto2031].\n"), 22, "unknown citation key 'minetto2031'"),
    (("the same day.\n", "the same day [@minetto2013 @x].\n"), 22, "is not a citation the site can read"),
])
def test_broken_checklist_stops_the_build_at_its_line(tmp_path, change, line, expected):
    page = GOOD.replace(*change)
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"index.md:{line}:" in result.stderr and expected in result.stderr, result.stderr
    assert result.stderr.count(expected) == 1  # the block is read by the checklist only, not as prose too


def test_source_cited_only_in_a_warning_is_listed_as_cited_in_the_checklist_section(tmp_path):
    page = GOOD.replace("the same day.", "the same day [@minetto2013].")
    pages = {"index.md": page, "refs.md": "# Sources\n\n/// references-index\n///\n"}
    result = build(make_site(tmp_path, pages))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "refs" / "index.html").read_text()
    assert "Not cited on any page" not in html
    assert '<a href="../#prepare">Prepare</a>' in html


def check_page(text: str) -> list[str]:
    """The problems `check` finds on one page, as the build prints them."""
    return [str(error) for error in checklist.check([read_page("index.md", "", text)], {"minetto2013"})[1]]


@pytest.mark.parametrize("change, expected", [
    (("/// checklist\n", "/// checklist | mine\n"), "index.md:5: checklist: a checklist takes nothing after its name"),
    (("/// checklist\n", "/// checklists\n"), "index.md:5: checklist: '/// checklists' is not a block the site knows"),
    (("/// checklist\n", "/// Check-list\n"), "Fix: write `/// checklist`."),
    (("        id: long\n///\n", "        id: long\n"), "index.md:5: checklist: the checklist has no closing `///`"),
    (("title: My notes\n", "    title: My notes\n"), "index.md:6: checklist: the checklist's first line is indented"),
])
def test_a_block_pymdownx_would_not_read_as_a_checklist_stops_at_its_line(change, expected):
    problems = check_page(GOOD.replace(*change))
    assert any(expected in problem for problem in problems), problems


def test_a_checklist_shown_as_code_is_left_alone():
    shown = "# Page\n\n````markdown\n" + GOOD[GOOD.index("/// checklist"):] + "```checklist\n```\n````\n"
    assert check_page(shown) == []
    assert checklist.check([read_page("index.md", "", shown)], ())[0] == {}


def test_a_yaml_comment_in_a_checklist_is_not_a_heading_nor_prose():
    page = read_page("index.md", "", GOOD.replace("  - legend: Warning signs\n", "# Signs [@x]\n  - legend: Warning signs\n"))
    assert [heading.text for heading in page.headings] == ["Page", "Prepare"]
    assert not any("legend" in line or "[@" in line or line == "///" for _, line in page.prose)
    assert check_page(page.body) == []


# ------------------------------------------------------------------ in the browser

@pytest.fixture
def context(browser, base_url):
    with browser.new_context() as context:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
        yield context


def open_form(context, base_url):
    page = context.new_page()
    seen = {"errors": [], "remote": []}
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: urlparse(request.url).hostname not in ("127.0.0.1", None)
            and seen["remote"].append(request.url))
    page.goto(base_url + "questions/#prepare", wait_until="networkidle")
    page.wait_for_selector("form.checklist .checklist__actions")
    return page, seen


def test_a_reader_fills_the_form_by_keyboard_alone(context, base_url):
    page, seen = open_form(context, base_url)
    page.locator("#checklist-1-when-1").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator("#checklist-1-when-1").is_checked() and page.locator("#checklist-1-when-2").is_checked()
    page.locator("#checklist-1-how-often").focus()
    page.keyboard.type("Most nights")
    assert page.locator("#checklist-1-how-often").input_value() == "Most nights"
    for _ in range(60):  # Tab on to the print button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Print summary":
            break
    assert page.evaluate("document.activeElement.textContent") == "Print summary"
    assert seen == {"errors": [], "remote": []}


def test_a_ticked_warning_sign_says_at_once_what_to_do(context, base_url):
    page, _ = open_form(context, base_url)
    act = page.locator("#checklist-1-long-cramp-act")
    assert act.is_hidden()
    page.locator("#checklist-1-long-cramp").check()
    alert = page.locator(".checklist__alert")
    assert alert.get_attribute("role") == "alert"
    assert "urgent appointment, the same day" in alert.inner_text() and "NHS 111" in alert.inner_text()
    assert act.is_visible()
    page.locator("#checklist-1-clot-emergency").check()
    assert "Call 999 (UK), 112 (EU) or 911 (US) now" in alert.inner_text()


def test_print_summary_holds_the_answers_the_date_and_no_navigation(context, base_url):
    page, _ = open_form(context, base_url)
    page.locator("#checklist-1-where-1").check()
    page.locator("#checklist-1-medicines").fill("Atorvastatin 20 mg")
    page.evaluate("window.print = () => { window.__printed = true }")
    page.get_by_role("button", name="Print summary").click()
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    today = dt.date.today()
    assert "My cramps, to discuss with my doctor" in printed and "Atorvastatin 20 mg" in printed and "Calf" in printed
    assert f"{today:%B} {today.day}, {today.year}" in printed or f"{today.day} {today:%B} {today.year}" in printed
    assert base_url + "questions/" in printed and "Leg Cramps Explained" in printed and "does not replace" in printed
    assert "Which muscles cramp?" in printed and "How often" not in printed  # unanswered questions are left out
    assert "Glossary" not in printed and "Table of contents" not in printed and "Skip to content" not in printed
    pdf = page.pdf(format="A4")
    assert re.findall(rb"/Type\s*/Page\b", pdf) == [b"/Type /Page"], "the summary is not one page"


def test_copy_as_text_puts_the_summary_on_the_clipboard(context, base_url):
    page, _ = open_form(context, base_url)
    page.locator("#checklist-1-how-often").fill("Twice a week")
    page.get_by_role("button", name="Copy as text").click()
    page.wait_for_function("document.querySelector('.checklist__status').textContent.includes('copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("My cramps, to discuss with my doctor\n") and "Twice a week" in copied
    assert base_url + "questions/" in copied and "Which muscles" not in copied


def test_nothing_is_stored_unless_the_reader_asks_and_clear_forgets(context, base_url):
    page, seen = open_form(context, base_url)
    page.locator("#checklist-1-how-often").fill("Every night")
    page.locator("#checklist-1-when-1").check()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('checklist:'))") == []
    page.locator("#checklist-1-keep").check()
    assert len(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('checklist:'))")) == 1
    page.reload(wait_until="networkidle")
    page.wait_for_selector("form.checklist .checklist__actions")
    assert page.locator("#checklist-1-how-often").input_value() == "Every night"
    assert page.locator("#checklist-1-keep").is_checked()
    page.get_by_role("button", name="Clear my answers").click()
    assert page.locator("#checklist-1-how-often").input_value() == "" and not page.locator("#checklist-1-when-1").is_checked()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('checklist:'))") == []
    assert seen == {"errors": [], "remote": []}


@contextlib.contextmanager
def form_page(browser, base_url, **options):
    """The form's page in a context of its own (closed even when an assert fails)."""
    context = browser.new_context(**options)
    try:
        if options.get("java_script_enabled", True):
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
        page = context.new_page()
        page.goto(base_url + "questions/#prepare", wait_until="networkidle")
        if options.get("java_script_enabled", True):
            page.wait_for_selector("form.checklist .checklist__actions")
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_filled_form_has_no_accessibility_violation(browser, base_url, scheme):
    with form_page(browser, base_url, color_scheme=scheme) as page:
        page.locator("#checklist-1-when-1").check()
        page.locator("#checklist-1-how-often").fill("Often")
        page.locator("#checklist-1-one-leg").check()
        assert axe_violations(page) == []


def test_without_javascript_the_form_is_a_printable_checklist(browser, base_url):
    with form_page(browser, base_url, java_script_enabled=False) as page:
        assert page.locator("form.checklist textarea").count() >= 5
        assert page.locator("#checklist-1-long-cramp-act").is_visible()  # what to do is on the paper too
        assert page.locator(".checklist__actions").count() == 0
        page.emulate_media(media="print")
        assert page.locator("form.checklist").is_visible()
        assert page.locator("#checklist-1-how-often").evaluate("e => getComputedStyle(e).backgroundImage").startswith(
            "repeating-linear-gradient")


def test_on_a_phone_the_form_fits_the_screen_and_copies(browser, base_url):
    with form_page(browser, base_url, viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True) as page:
        page.locator("#checklist-1-when-3").tap()
        page.locator("#checklist-1-effort").fill("A long run in the heat")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.get_by_role("button", name="Copy as text").tap()
        page.wait_for_function("document.querySelector('.checklist__status').textContent.includes('copied')")
        assert "A long run in the heat" in page.evaluate("navigator.clipboard.readText()")


def test_the_real_form_is_on_questions_and_not_in_the_search_index(site):
    html = (site / "questions" / "index.html").read_text()
    assert html.count('<form class="checklist"') == 1 and 'id="prepare"' in html
    index = (site / "search" / "search_index.json").read_text()
    assert "Which muscles cramp?" not in index and "discuss with my doctor" not in index
    assert "assets/checklist.js" not in (site / "causes" / "index.html").read_text()
