"""Shared fixtures: the real site built once with --strict, served on 127.0.0.1, and a
headless Chromium (Debian's, never a downloaded one) driven through Playwright. Building and
serving come from tools/site_tools.py, which the report scripts share."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

from site_tools import CHROMIUM, CHROMIUM_ARGS, mkdocs_build, serve  # noqa: E402,F401


@pytest.fixture(scope="session")
def build_result(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    site = tmp_path_factory.mktemp("site")
    return mkdocs_build(ROOT / "mkdocs.yml", site), site


@pytest.fixture(scope="session")
def site(build_result) -> Path:
    result, site_dir = build_result
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    """The site served over http on a free port of 127.0.0.1, built for that address.

    Material's instant navigation only follows links listed in sitemap.xml, matched by
    protocol, host and port, so the served copy is built with `site_url` set to the server.
    """
    served = tmp_path_factory.mktemp("served")
    server, url = serve(served)
    result = mkdocs_build(ROOT / "mkdocs.yml", served, site_url=url)
    assert result.returncode == 0, result.stderr
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    with browser.new_context() as context:
        yield context.new_page()


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(tab) -> list[dict]:
    """WCAG 2.2 A and AA violations axe-core finds on the page as it is now."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs axe-core")
    # Colours are only final once CSS transitions (Material's focus and hover styles) end.
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5], "help": v["help"]}
            for v in result["violations"]]
