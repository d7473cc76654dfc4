"""The built site in headless Chromium (Debian's, through Playwright), as a reader meets it."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

import contract


def watch(page):
    """Collect console errors, page errors and requests to any host but 127.0.0.1."""
    seen = {"errors": [], "remote": []}
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(f"{error}\n{error.stack}"))
    page.on("request", lambda request: urlparse(request.url).hostname not in ("127.0.0.1", None)
            and urlparse(request.url).scheme in ("http", "https", "ws", "wss")
            and seen["remote"].append(request.url))
    return seen


@pytest.mark.parametrize("path", list(contract.PAGES))
def test_page_loads_without_console_error_or_remote_request(page, base_url, path):
    seen = watch(page)
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response.status == 200
    assert page.locator("article h1").count() == 1
    assert seen == {"errors": [], "remote": []}


def test_instant_navigation_swaps_content_without_reload(page, base_url):
    seen = watch(page)
    page.goto(base_url + "basics/", wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a[href$='causes/']").first.click()
    page.wait_for_url(base_url + "causes/")
    page.wait_for_selector("article h1:has-text('Causes')")
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded, not swapped"
    assert page.locator("#night-cramps").count() == 1
    page.go_back()
    page.wait_for_url(base_url + "basics/")
    page.wait_for_selector("#what-is-a-cramp")
    assert seen["errors"] == []


def test_scheme_toggle_switches_light_and_dark_and_is_remembered(page, base_url):
    page.emulate_media(color_scheme="light")
    page.goto(base_url, wait_until="networkidle")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-scheme-toggle] label:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.reload(wait_until="networkidle")
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.locator("form[data-scheme-toggle] label:visible").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


@pytest.mark.parametrize("system, scheme", [("light", "default"), ("dark", "slate")])
def test_scheme_follows_the_system_setting_before_any_script_file_runs(browser, base_url, system, scheme):
    """The scheme is set by the inline script right after the toggle, so a dark-mode phone never
    paints the page light first; script files are blocked here to prove they play no part."""
    with browser.new_context(color_scheme=system) as context:
        context.route("**/*.js", lambda route: route.abort())
        tab = context.new_page()
        tab.goto(base_url + "basics/", wait_until="domcontentloaded")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == scheme
        assert tab.locator("form[data-scheme-toggle] label:visible").count() == 1
        assert tab.evaluate("localStorage.length") == 0, "nothing is stored before the reader chooses"


def test_chosen_scheme_wins_over_the_system_setting_and_survives_instant_navigation(browser, base_url):
    with browser.new_context(color_scheme="dark") as context:
        tab = context.new_page()
        tab.goto(base_url + "basics/", wait_until="networkidle")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
        tab.locator("form[data-scheme-toggle] label:visible").click()
        tab.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        tab.evaluate("window.__sameDocument = true")
        tab.locator("nav.md-nav--primary a[href$='causes/']").first.click()
        tab.wait_for_selector("#night-cramps")
        assert tab.evaluate("window.__sameDocument === true")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "default"
        tab.goto(base_url + "origin/", wait_until="domcontentloaded")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "default"


def test_open_page_follows_a_change_of_the_system_setting_until_the_reader_chooses(page, base_url):
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "basics/", wait_until="networkidle")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.locator("form[data-scheme-toggle] label:visible").get_attribute("title") == "Switch to light mode"
    page.locator("form[data-scheme-toggle] label:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(300)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default", "the reader's choice wins"


def test_scheme_toggle_works_when_storage_is_blocked(browser, base_url):
    with browser.new_context(color_scheme="light") as context:
        context.add_init_script("Object.defineProperty(window, 'localStorage', "
                                "{get() { throw new DOMException('blocked', 'SecurityError') }})")
        tab = context.new_page()
        tab.goto(base_url + "basics/", wait_until="networkidle")
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "default"
        tab.locator("form[data-scheme-toggle] label:visible").click(timeout=5000)
        tab.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


def test_scheme_toggle_works_by_keyboard(page, base_url):
    page.emulate_media(color_scheme="light")
    page.goto(base_url, wait_until="networkidle")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-scheme-toggle]') !== null"):
            break
    else:
        pytest.fail("the scheme toggle cannot be reached with Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to dark mode"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    # focus stays on the toggle, which now names the way back
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Switch to light mode"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")


def tooltip_on_focus(page, reference) -> str:
    """The text of the tooltip Material shows when the citation link gets keyboard focus."""
    reference.focus()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active").first
    tooltip.wait_for(state="visible")
    return " ".join(tooltip.inner_text().split())


def test_citation_shows_full_reference_on_keyboard_focus(page, base_url):
    page.goto(base_url + "origin/", wait_until="networkidle")
    reference = page.locator("a.footnote-ref").first
    shown = tooltip_on_focus(page, reference)
    footnote_id = reference.get_attribute("href").split("#")[-1]
    expected = page.locator(f"[id='{footnote_id}'] p").inner_text().split("↩")[0].strip()[:40]
    assert " ".join(expected.split()) in shown


def test_citation_tapped_on_a_touch_screen_shows_the_full_reference(browser, base_url):
    with browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800}) as context:
        tab = context.new_page()
        tab.goto(base_url + "origin/", wait_until="networkidle")
        reference = tab.locator("a.footnote-ref").first
        footnote_id = reference.get_attribute("href").split("#")[-1]
        reference.scroll_into_view_if_needed()
        reference.tap()
        entry = tab.locator(f"[id='{footnote_id}']")
        tab.wait_for_function("id => { const r = document.getElementById(id).getBoundingClientRect();"
                              " return r.top >= 0 && r.bottom <= window.innerHeight }", arg=footnote_id)
        assert "Origin and development of muscle cramps" in entry.inner_text()


@pytest.mark.parametrize("path", ["", "basics/", "causes/", "see-a-doctor/"])
def test_citations_show_no_generated_comma_after_a_word(page, base_url, path):
    """Sources cited together read "1,2"; a citation after words never gets a comma before it
    (a CSS `sup + sup` rule did that, because `+` ignores the text between two elements)."""
    page.goto(base_url + path, wait_until="networkidle")
    generated = page.evaluate("""() => [...document.querySelectorAll("article sup[id^='fnref']")]
        .map(sup => getComputedStyle(sup, "::before").content)""")
    assert generated, "no citations on the page"
    assert set(generated) <= {"none", "normal"}
    grouped = page.evaluate("""() => [...document.querySelectorAll("article sup.citation-separator")]
        .map(sep => sep.previousElementSibling.innerText + sep.innerText + sep.nextElementSibling.innerText)""")
    assert all(re.fullmatch(r"\d+,\d+", text) for text in grouped), grouped
    if path == "basics/":  # cites several sources together in its first section
        assert grouped


def test_citation_tooltip_says_when_we_could_not_read_the_source(page, base_url):
    from bibliography import english

    UNVERIFIED_NOTICE = english()("references.unverified")

    page.goto(base_url + "basics/", wait_until="networkidle")
    shown = tooltip_on_focus(page, page.locator("a.footnote-ref[href$='#fn:diener2013']").first)
    assert "Diener" in shown and UNVERIFIED_NOTICE in shown
