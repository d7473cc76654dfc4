"""The self-check quizzes in headless Chromium, answered as a keyboard user would."""

from __future__ import annotations

import re

import pytest

from conftest import axe_violations
from test_browser import watch

PAGE = "basics/"


def tab_to(tab, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement?.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def first_question(tab):
    return tab.locator(".quiz__question").first


def answer_first_question_by_keyboard(tab, wrong: bool = False) -> None:
    """Tab into the first question, pick its right (or a wrong) option with the arrow keys,
    Tab to Check and press it."""
    question = first_question(tab)
    question_id = question.get_attribute("id")
    tab.locator("#quiz a.headerlink").focus()
    tab_to(tab, f"#{question_id} input")
    options = question.locator("input")
    target = question.locator(".quiz__option:not([data-correct]) input" if wrong else
                              ".quiz__option[data-correct] input").first.get_attribute("id")
    tab.keyboard.press("Space")  # selects the focused radio
    for _ in range(options.count()):
        if tab.evaluate("() => document.activeElement.id") == target:
            break
        tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Space")
    tab_to(tab, f"#{question_id} .quiz__check")
    tab.keyboard.press("Enter")
    question.locator(".quiz__verdict").wait_for()


def open_quiz_page(tab, base_url, path=PAGE):
    tab.goto(base_url + path, wait_until="networkidle")
    tab.locator(".quiz").first.scroll_into_view_if_needed()  # quizzes are set up as they come near
    tab.locator(".quiz[data-ready]").first.wait_for()


def test_keyboard_answer_gives_verdict_explanation_link_source_and_score(page, base_url):
    seen = watch(page)
    open_quiz_page(page, base_url)
    total = page.locator(".quiz").first.locator(".quiz__question").count()
    answer_first_question_by_keyboard(page)
    feedback = first_question(page).locator(".quiz__feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    text = feedback.inner_text()
    assert "Right." in text and "Right answer" in text and "Read more:" in text and "Source:" in text
    href = feedback.locator(".quiz__more a").first.get_attribute("href")
    assert "#" in href
    assert page.locator(".quiz__score").first.inner_text().startswith(f"Score: 1 of {total} right")
    mark = first_question(page).locator(".quiz__option[data-correct] .quiz__mark").inner_text()
    assert "✓" in mark and "right" in mark  # shown by icon and text, not colour alone
    assert page.evaluate("document.activeElement.textContent") == "Try again"
    assert seen["errors"] == []


def test_wrong_answer_says_so_and_shows_the_right_one(page, base_url):
    open_quiz_page(page, base_url)
    answer_first_question_by_keyboard(page, wrong=True)
    question = first_question(page)
    assert "Not quite." in question.locator(".quiz__feedback").inner_text()
    assert "not right" in question.locator(".quiz__option[data-state='wrong'] .quiz__mark").inner_text()
    assert "Right answer" in question.locator(".quiz__option[data-state='right'] .quiz__mark").inner_text()
    assert page.locator(".quiz__score").first.inner_text().startswith("Score: 0 of")


def test_try_again_clears_the_question_and_returns_focus_to_it(page, base_url):
    open_quiz_page(page, base_url)
    answer_first_question_by_keyboard(page)
    page.keyboard.press("Enter")  # focus is on "Try again"
    question = first_question(page)
    assert question.locator(".quiz__feedback").inner_text() == ""
    assert question.locator("input:checked").count() == 0
    assert question.locator("input:disabled").count() == 0
    assert page.evaluate("document.activeElement.type") == "radio"
    assert "none of" in page.locator(".quiz__score").first.inner_text()


def test_answers_survive_reload_and_reset_clears_them(page, base_url):
    open_quiz_page(page, base_url)
    answer_first_question_by_keyboard(page)
    page.reload(wait_until="networkidle")
    question = first_question(page)
    question.scroll_into_view_if_needed()
    question.locator(".quiz__verdict").wait_for()
    assert question.locator(".quiz__option[data-correct] input").first.is_checked()
    assert "Score: 1 of" in page.locator(".quiz__score").first.inner_text()
    page.locator(".quiz__reset").first.click()
    assert question.locator("input:checked").count() == 0
    assert "All answers cleared." in page.locator(".quiz__score").first.inner_text()
    open_quiz_page(page, base_url)
    assert first_question(page).locator("input:checked").count() == 0


def test_answers_survive_instant_navigation_and_show_on_the_review_quiz(page, base_url):
    open_quiz_page(page, base_url)
    question_id = first_question(page).get_attribute("id")
    answer_first_question_by_keyboard(page)
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a[href$='quiz/']").first.click()
    page.wait_for_url(re.compile(r".*/quiz/(#.*)?$"))
    same = page.locator(f"#{question_id}")
    page.wait_for_function("id => document.getElementById(id)", arg=question_id)
    page.evaluate("id => document.getElementById(id).scrollIntoView()", question_id)
    same.locator(".quiz__verdict").wait_for()
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    page.go_back()
    page.wait_for_url(re.compile(re.escape(base_url + PAGE) + "(#.*)?$"))
    page.wait_for_function("document.querySelector('#what-is-a-cramp') && document.querySelector('.quiz')")
    page.evaluate("document.querySelector('.quiz').scrollIntoView()")
    first_question(page).locator(".quiz__verdict").wait_for()
    assert page.evaluate("window.__sameDocument === true")


def test_quiz_reached_by_instant_navigation_from_a_page_without_one_works(page, base_url):
    """quiz.js first arrives with the swapped-in content, long after the first page loaded."""
    seen = watch(page)
    page.goto(base_url + "references/", wait_until="networkidle")
    assert page.locator(".quiz").count() == 0
    page.evaluate("window.__sameDocument = true")
    page.locator(f"nav.md-nav--primary a[href$='{PAGE}']").first.click()
    page.wait_for_url(re.compile(re.escape(base_url + PAGE) + "(#.*)?$"))
    page.wait_for_selector(".quiz")
    page.evaluate("document.querySelector('.quiz').scrollIntoView()")
    page.wait_for_selector(".quiz[data-ready]")
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    answer_first_question_by_keyboard(page)
    first_question(page).locator(".quiz__verdict").wait_for()
    assert seen["errors"] == []


def test_quiz_works_when_storage_is_blocked(browser, base_url):
    with browser.new_context() as context:
        context.add_init_script("Object.defineProperty(window, 'localStorage', "
                                "{get() { throw new DOMException('blocked', 'SecurityError') }})")
        tab = context.new_page()
        seen = watch(tab)
        open_quiz_page(tab, base_url)
        answer_first_question_by_keyboard(tab)
        assert "Right." in first_question(tab).locator(".quiz__feedback").inner_text()
        # Material itself reads storage and throws when it is blocked; the quiz must not.
        assert [error for error in seen["errors"] if "quiz.js" in error] == []


def test_without_javascript_answers_sit_behind_a_disclosure(browser, base_url):
    with browser.new_context(java_script_enabled=False) as context:
        tab = context.new_page()
        tab.goto(base_url + PAGE)
        question = first_question(tab)
        assert question.locator("legend").inner_text().startswith("Question 1.")
        assert question.locator(".quiz__check").is_hidden()
        answer = question.locator("details.quiz__answer")
        assert answer.locator("summary").inner_text() == "Show the answer"
        assert not answer.locator(".quiz__right").is_visible()
        answer.locator("summary").click()
        assert answer.locator(".quiz__right").is_visible()


def test_print_shows_questions_and_answers_without_buttons(page, base_url):
    open_quiz_page(page, base_url)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    question = first_question(page)
    assert question.locator(".quiz__right").is_visible()
    assert question.locator(".quiz__check").is_hidden()


def test_narrow_phone_screen_has_no_horizontal_scroll(browser, base_url):
    with browser.new_context(viewport={"width": 320, "height": 640}) as context:
        tab = context.new_page()
        open_quiz_page(tab, base_url)
        answer_first_question_by_keyboard(tab)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_quiz_has_no_axe_violation(page, base_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_quiz_page(page, base_url)
    answer_first_question_by_keyboard(page)
    assert axe_violations(page) == []
