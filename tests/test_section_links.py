"""Section links: aliases for renamed ids, redirects for moved pages, copy buttons."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

import anchors
from conftest import serve
from fixture_site import build, make_site

PAGE = """\
# Page

## Cramps at night {#night-cramps data-aliases="night nocturnal"}

Text [@minetto2013].

""" + "\n\nFiller paragraph to make the page scroll.\n" * 60 + """
## Other {#other}

Text.
"""
OTHER = "# Other page\n\nGo to [the night section](index.md#nocturnal).\n"


@pytest.fixture(scope="module")
def alias_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("alias")
    server, url = serve(root / "site")
    make_site(root, {"index.md": PAGE, "other.md": OTHER}, site_url=url, redirects={"old.md": "other.md"})
    result = build(root)
    assert result.returncode == 0, result.stderr
    yield root / "site", url
    server.shutdown()


def test_alias_ids_stand_right_before_their_heading(alias_site):
    site, _ = alias_site
    html = (site / "index.html").read_text()
    heading = lxml_html.fromstring(html).get_element_by_id("night-cramps")
    before = [heading.getprevious().getprevious(), heading.getprevious()]
    assert [(element.tag, element.get("id"), element.get("class"), element.text) for element in before] == [
        ("span", "night", "anchor-alias", None), ("span", "nocturnal", "anchor-alias", None)]
    assert "data-aliases" not in html


def test_alias_that_repeats_an_id_stops_the_build(tmp_path):
    page = PAGE.replace('data-aliases="night nocturnal"', 'data-aliases="other"')
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0 and "id 'other' is already used" in result.stderr


def test_registry_entries_resolve_through_aliases_and_redirects(alias_site):
    site, _ = alias_site
    assert anchors.resolves("/#night", site) and anchors.resolves("/#night-cramps", site)
    assert anchors.resolves("/old/", site)  # the moved page redirects
    assert not anchors.resolves("/#gone", site) and not anchors.resolves("/nowhere/", site)


def in_view(tab, element_id: str) -> bool:
    return tab.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                   return r.top >= 0 && r.top < window.innerHeight }""", element_id)


def test_old_id_lands_on_the_section_on_direct_load(page, alias_site):
    _, url = alias_site
    page.goto(url + "#nocturnal", wait_until="networkidle")
    assert in_view(page, "night-cramps")
    page.goto(url + "other/", wait_until="networkidle")
    page.goto(url + "#night", wait_until="networkidle")
    assert in_view(page, "night-cramps")


def test_old_id_lands_on_the_section_through_instant_navigation(page, alias_site):
    _, url = alias_site
    page.goto(url + "other/", wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href*='#nocturnal']").click()
    page.wait_for_url(re.compile(r".*#nocturnal$"))
    page.wait_for_function("() => document.getElementById('night-cramps') !== null")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__sameDocument === true")
    assert in_view(page, "night-cramps")


def test_copy_button_copies_the_full_section_url_and_says_so(browser, base_url):
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        tab = context.new_page()
        tab.goto(base_url + "causes/", wait_until="networkidle")
        button = tab.get_by_role("button", name="Copy link to section: Cramps at night")
        button.focus()
        tab.keyboard.press("Enter")
        tab.wait_for_function("document.getElementById('copy-status')?.textContent.startsWith('Link copied')")
        assert tab.evaluate("navigator.clipboard.readText()") == base_url + "causes/#night-cramps"
        assert tab.locator("#copy-status").get_attribute("role") == "status"


def test_newsletter_page_copy_buttons_work(browser, base_url):
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        tab = context.new_page()
        tab.goto(base_url + "newsletter-links/", wait_until="networkidle")
        button = tab.locator("button[data-copy$='/magnesium/#older-adults']")
        button.click()
        tab.wait_for_function("document.getElementById('copy-status')?.textContent.startsWith('Link copied')")
        assert tab.evaluate("navigator.clipboard.readText()") == button.get_attribute("data-copy")
