"""Shared fixtures: the real site built once with --strict, served on 127.0.0.1, and a
headless Chromium (Debian's, never a downloaded one) driven through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Only 127.0.0.1 resolves: a request to any other host fails at once and is still seen.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` the way `make build` does, capturing its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config_file.parent,
    )


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
    handler = functools.partial(QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = mkdocs_build(ROOT / "mkdocs.yml", served, site_url=url)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def built_and_served():
    """For report scripts: the site built into a temporary folder for, and served on, a free
    port of 127.0.0.1 (instant navigation needs `site_url` to match): (folder, base URL)."""
    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(Path(folder))
        try:
            result = mkdocs_build(ROOT / "mkdocs.yml", Path(folder), site_url=url)
            if result.returncode:
                sys.exit(result.stderr)
            yield Path(folder), url
        finally:
            server.shutdown()


def serve(folder: Path):
    """Serve a folder on a free port of 127.0.0.1; returns (server, url)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


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
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


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
