"""The site in headless Chromium as the host serves it: `tools/serve_built.py` sends exactly the
headers of the build's `_headers`, so the Content-Security-Policy, Permissions-Policy and the rest
are the real ones. Every page and every feature must work under them with no policy violation
and no console error, and a script the build did not hash must be blocked."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from search_driver import open_search, run_query
from serve_built import make_server
from test_quiz_browser import answer_first_question_by_keyboard, open_quiz_page

from http_headers import headers_for, parse_headers_file

# Playwright evaluates a bare expression with eval(), which the policy forbids ('unsafe-eval' is
# off): the tests pass functions ("() => …"), which it runs without eval.
# Recorded on window before any script of the page runs (an init script), for every document.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`));
"""


@pytest.fixture(scope="session")
def hosted(tmp_path_factory):
    """The site built for, and served by, the host-like server on a free port: (folder, URL)."""
    folder = tmp_path_factory.mktemp("hosted")
    server = make_server(folder, quiet=True)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = mkdocs_build(ROOT / "mkdocs.yml", folder, site_url=url)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, url
    server.shutdown()
    server.server_close()


class Watched:
    """A browser tab that records policy violations and console errors, its context closed at
    the end of the `with` block."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.violations: list[str] = []
        self.page.on("console", self.record)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def record(self, message) -> None:
        """Console errors, and the warnings Chromium gives for a header it cannot read (an
        unknown Permissions-Policy feature, a CSP directive it ignores)."""
        if message.type == "error" or (message.type == "warning" and "Polic" in message.text):
            self.errors.append(message.text)

    def collect(self) -> None:
        """Move this document's violations into `violations` (before it is left)."""
        self.violations += self.page.evaluate("window.__violations.splice(0)")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.close()

    def assert_clean(self) -> None:
        self.collect()
        assert self.violations == [] and self.errors == [], (self.violations, self.errors)


def page_paths(folder: Path) -> list[str]:
    """'', 'about/', … : the address of every page of a built site."""
    return sorted("" if path.parent == folder else path.parent.relative_to(folder).as_posix() + "/"
                  for path in folder.rglob("index.html"))


def test_every_page_and_the_404_load_under_the_real_headers_without_violation(browser, hosted):
    folder, url = hosted
    rules = parse_headers_file((folder / "_headers").read_text(encoding="utf-8"))
    pages = page_paths(folder)
    assert len(pages) >= 12, pages
    with Watched(browser) as tab:
        for page in pages:
            response = tab.page.goto(url + page, wait_until="networkidle")
            assert response.status == 200, page
            sent = response.all_headers()
            expected = headers_for(rules, "/" + page)
            assert {name.lower(): value for name, value in expected.items()} == \
                   {name: sent.get(name) for name in map(str.lower, expected)}, page
            tab.collect()
        tab.assert_clean()
        response = tab.page.goto(url + "no-such-page/", wait_until="networkidle")
        assert response.status == 404
        assert "content-security-policy" in response.all_headers()
        assert tab.page.locator("h1").first.inner_text() == "Page not found"
        tab.collect()
        assert tab.violations == []
        assert tab.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]


def test_search_finds_and_opens_a_result_by_instant_navigation_under_the_policy(browser, hosted):
    _, url = hosted
    with Watched(browser) as tab:
        open_search(tab.page, url)
        tab.page.evaluate("window.__sameDocument = true")
        boxes = run_query(tab.page, "magnesium", url)
        assert boxes and boxes[0].links
        tab.page.locator(".md-search-result__item a.md-search-result__link").first.click()
        target = url + boxes[0].links[0].split("#")[0]
        tab.page.wait_for_url(lambda address: address.split("?")[0].split("#")[0] == target)
        assert tab.page.evaluate("window.__sameDocument === true"), "the result was opened by a reload"
        open_search(tab.page, url)
        tab.page.locator("input.md-search__input").type("stretch", delay=20)
        tab.page.keyboard.press("Enter")  # must never submit the search form (form-action 'none')
        tab.page.wait_for_timeout(500)
        tab.assert_clean()


def test_quiz_copy_links_and_scheme_toggle_work_under_the_policy(browser, hosted):
    _, url = hosted
    with Watched(browser, permissions=["clipboard-read", "clipboard-write"]) as tab:
        tab.page.emulate_media(color_scheme="light")
        open_quiz_page(tab.page, url)
        answer_first_question_by_keyboard(tab.page)
        tab.page.get_by_role("button", name="Copy link to section: Types of cramp").click()
        tab.page.wait_for_function("() => document.getElementById('copy-status')?.textContent.startsWith('Link copied')")
        assert tab.page.evaluate("navigator.clipboard.readText()") == url + "basics/#types"
        tab.page.locator("form[data-scheme-toggle] label:visible").first.click()
        tab.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        tab.collect()
        tab.page.reload(wait_until="networkidle")
        assert tab.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        tab.assert_clean()


def test_appointment_summary_works_under_the_policy(browser, hosted):
    _, url = hosted
    with Watched(browser, permissions=["clipboard-read", "clipboard-write"]) as tab:
        tab.page.goto(url + "questions/#prepare", wait_until="networkidle")
        tab.page.wait_for_selector("form.checklist .checklist__actions")
        tab.page.locator("#checklist-1-long-cramp").check()
        assert "urgent appointment" in tab.page.locator(".checklist__alert").inner_text()
        tab.page.locator("#checklist-1-how-often").fill("Twice a week")
        tab.page.locator("#checklist-1-how-often").press("Enter")  # never submits (form-action 'none')
        tab.page.get_by_role("button", name="Copy as text").click()
        tab.page.wait_for_function("() => document.querySelector('.checklist__status').textContent.includes('copied')")
        assert "Twice a week" in tab.page.evaluate("navigator.clipboard.readText()")
        tab.page.evaluate("window.print = () => { window.__printed = true }")
        tab.page.get_by_role("button", name="Print summary").click()
        assert tab.page.evaluate("window.__printed") is True
        tab.assert_clean()


def test_an_inline_script_the_build_did_not_hash_is_blocked(browser, hosted):
    folder, url = hosted
    page = (folder / "basics" / "index.html").read_text(encoding="utf-8")
    assert "</head>" in page
    injected = folder / "injected"
    injected.mkdir()
    (injected / "index.html").write_text(page.replace("</head>", "<script>window.__pwned=1</script></head>", 1),
                                         encoding="utf-8")
    try:
        with Watched(browser) as tab:
            tab.page.goto(url + "injected/", wait_until="networkidle")
            assert tab.page.evaluate("typeof window.__pwned") == "undefined"
            assert tab.page.evaluate("typeof __md_get") == "function", "the page's own hashed scripts did not run"
            tab.collect()
            assert any(violation.startswith("script-src") and "inline" in violation for violation in tab.violations), \
                tab.violations
    finally:
        shutil.rmtree(injected)
