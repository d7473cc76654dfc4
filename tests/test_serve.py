"""`mkdocs serve` as an editor uses it: edits to bib/ are rebuilt, a rebuild reads the sources
again, and a build error shows in the browser, not only in the terminal."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import ROOT
from fixture_site import BIB, make_site

PAGE = "# Page\n\n## Night cramps {#night}\n\nText with a source [@minetto2013].\n"


def test_project_watches_its_sources_and_hooks():
    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch}
    assert {ROOT / "bib", ROOT / "hooks"} <= watched
    assert [str(ROOT / hook) for hook in config.hooks] == [str(ROOT / "hooks" / "site_build.py")]


def test_a_rebuild_in_the_same_process_reads_the_bibliography_again(tmp_path, monkeypatch):
    """`mkdocs serve` builds again in the same process: the sources are read again at every
    build, even from a file restored with an older time (mkdocs-bibtex's plugin ignored those)."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = make_site(tmp_path, {"index.md": PAGE})
    bib = root / "bib" / "refs.bib"

    def rebuild() -> str:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config)
        return (root / "site" / "index.html").read_text(encoding="utf-8")

    assert "Origin and development of muscle cramps" in rebuild()
    bib.write_text(BIB.replace("Origin and development of muscle cramps", "A restored older title"))
    an_hour_ago = time.time() - 3600
    os.utime(bib, (an_hour_ago, an_hour_ago))
    html = rebuild()
    assert "A restored older title" in html and "Origin and development" not in html


def test_two_builds_in_one_process_each_see_the_edits_made_before_them(tmp_path, monkeypatch):
    """What one build learnt (pages, sources, quizzes) must not survive into the next, as under
    `mkdocs serve`, which builds again in the same process after every edit."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiz = ("\n## Check {#quiz}\n\n/// quiz\n- question: Where do cramps start?\n  section: night\n"
            "  source: minetto2013\n  options:\n    - text: In the nerves\n      correct: true\n"
            "    - text: In the bones\n  explanation: Most likely in the nerves.\n///\n")
    root = make_site(tmp_path, {"index.md": PAGE + quiz})

    def build_once() -> str:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config)
        return (root / "site" / "index.html").read_text(encoding="utf-8")

    first = build_once()
    assert "Where do cramps start?" in first and "Origin and development of muscle cramps" in first
    page = root / "docs" / "index.md"
    page.write_text(page.read_text().replace("Text with a source", "Edited text with a source")
                    .replace("Where do cramps start?", "Where do most cramps begin?"))
    bib = root / "bib" / "refs.bib"
    bib.write_text(BIB.replace("Origin and development of muscle cramps", "An edited title"))
    second = build_once()
    assert "Edited text with a source" in second and "An edited title" in second
    assert "Where do most cramps begin?" in second and "Where do cramps start?" not in second
    assert "Origin and development" not in second


def test_templates_are_kept_compiled_and_compiled_again_when_edited(tmp_path, monkeypatch):
    """Jinja's compiled templates are kept in .cache/templates between builds; an edited
    template is compiled again (Jinja compares the source), so an edit always shows."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = make_site(tmp_path, {"index.md": PAGE})
    shutil.copytree(ROOT / "overrides", root / "overrides")
    config_file = root / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace(str(ROOT / "overrides"), str(root / "overrides")))

    def build_once() -> str:
        config = load_config(str(config_file), site_dir=str(root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(config)
        return (root / "site" / "index.html").read_text(encoding="utf-8")

    assert "Information, not a diagnosis." in build_once()
    compiled = sorted((root / ".cache" / "templates").iterdir())
    assert len(compiled) > 10  # Material's templates and ours
    notice = root / "overrides" / "partials" / "copyright.html"
    notice.write_text(notice.read_text().replace("Information, not a diagnosis.", "General information only."))
    html = build_once()
    assert "General information only." in html and "Information, not a diagnosis." not in html
    assert sorted((root / ".cache" / "templates").iterdir()) == compiled  # the same names, rewritten


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError as error:  # 404 with MkDocs' error body, or not up yet
        body = getattr(error, "read", lambda: b"")()
        return body.decode("utf-8", "replace") if body else ""


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    """The page once it contains `text`; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page:
            return page
        time.sleep(0.3)
    pytest.fail(f"{url} never showed {text!r}; last content: {page[:500]!r}")


@pytest.fixture
def served(tmp_path):
    root = make_site(tmp_path, {"index.md": PAGE, "other.md": "# Other\n\nPlain text.\n"})
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/", "Night cramps")
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_build_error_under_serve_shows_in_the_page_until_fixed(served):
    root, url = served
    page = root / "docs" / "index.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + "\nAnother claim [@minetto2031].\n", encoding="utf-8")
    shown = wait_for(url, "The site did not build")
    assert "index.md:12: unknown citation key &#x27;minetto2031&#x27;" in shown
    assert "did you mean &#x27;minetto2013&#x27;" in shown
    assert "The site did not build" in fetch(url + "other/") and "The site did not build" in fetch(url + "nowhere/")
    page.write_text(good, encoding="utf-8")
    assert "The site did not build" not in wait_for(url, "Night cramps")


def test_edit_to_a_bib_file_under_serve_is_rebuilt(served):
    root, url = served
    bib = root / "bib" / "refs.bib"
    bib.write_text(BIB.replace("Origin and development of muscle cramps", "Edited in the bib file"), encoding="utf-8")
    wait_for(url, "Edited in the bib file")
    bib.write_text(BIB.replace("@article{minetto2013", "@article{someone2020"), encoding="utf-8")
    assert "unknown citation key" in wait_for(url, "The site did not build")
