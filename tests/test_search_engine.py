"""The search engine (docs/assets/search/): its unit tests in Node, the vendored MiniSearch, the
worker's wiring into Material's search, and the lexicon's checks."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT
from search_terms import read_lexicon, unknown_sections
from site_model import read_page

SEARCH = ROOT / "docs" / "assets" / "search"


def test_engine_unit_tests_pass_in_node():
    node = shutil.which("node")
    assert node, "Node is needed for the search engine's unit tests"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass" in result.stdout


def test_vendored_minisearch_is_the_pinned_package_minified():
    """docs/assets/search/minisearch.min.js is `make vendor`'s output for the version in
    package-lock.json, so the reader gets exactly the pinned engine."""
    lock = json.loads((ROOT / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/minisearch"]["version"]
    vendored = (SEARCH / "minisearch.min.js").read_text()
    assert vendored.startswith(f"/*! MiniSearch {version} |")
    terser = ROOT / "node_modules" / "terser" / "bin" / "terser"
    if not terser.exists():
        pytest.fail("run `make test`, which installs the pinned terser")
    minified = subprocess.run(["node", str(terser), str(ROOT / "node_modules/minisearch/dist/umd/index.js"), "-c", "-m",
                               "--comments", "false"], capture_output=True, text=True, check=True).stdout
    assert vendored.split("\n", 1)[1].strip() == minified.strip()
    assert "MIT" in (SEARCH / "minisearch.LICENSE.txt").read_text()


def test_the_engine_the_reader_downloads_is_engine_js_minified():
    """docs/assets/search/engine.min.js is `make engine`'s output for today's engine.js: the
    browser tests run the minified file, the Node tests the source, and both must be the same."""
    terser = ROOT / "node_modules" / "terser" / "bin" / "terser"
    if not terser.exists():
        pytest.fail("run `make test`, which installs the pinned terser")
    shipped = (SEARCH / "engine.min.js").read_text()
    minified = subprocess.run(["node", str(terser), str(SEARCH / "engine.js"), "-c", "-m", "--comments", "false"],
                              capture_output=True, text=True, check=True).stdout
    assert shipped.split("\n", 1)[1].strip() == minified.strip(), "engine.js changed: run `make engine`"
    assert 'importScripts("minisearch.min.js", "engine.min.js")' in (SEARCH / "worker.js").read_text()


def test_every_page_loads_the_site_search_worker(site):
    for html in [site / "index.html", site / "causes" / "index.html", site / "404.html"]:
        text = html.read_text()
        config = json.loads(text.split('<script id="__config" type="application/json">')[1].split("</script>")[0])
        assert config["search"].endswith("assets/search/worker.js"), html
        assert (html.parent / config["search"]).resolve().is_file() or (site / "assets/search/worker.js").is_file()


def test_index_carries_the_lexicon(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    lexicon = index["config"]["lexicon"]
    assert lexicon and all(entry["reader"] and (entry["site"] or entry.get("favour") or entry.get("topic"))
                           for entry in lexicon)
    favoured = {page for entry in lexicon for page in entry.get("favour", [])}
    assert {"prevention/", "causes/", "see-a-doctor/"} <= favoured  # how to stop, why, when to worry
    assert all((site / page / "index.html").is_file() for page in favoured), favoured
    topics = {page: entry["reader"] for entry in lexicon for page in entry.get("topic", [])}
    assert "magnesium" in topics["magnesium/"]


def test_lexicon_mistakes_name_the_line():
    text = "- reader: [water tablets]\n  site: [diuretics]\n  why: NHS\n- reader: [x]\n  sitee: [y]\n"
    entries, errors = read_lexicon(text, "docs/includes/search-lexicon.yml")
    assert [entry["site"] for entry in entries] == [["diuretics"]]
    assert {(error.line, error.problem) for error in errors} >= {
        (4, "unknown lexicon field 'sitee'"), (4, "a lexicon entry has no `site` words")}
    assert read_lexicon("- reader: [a\n", "x.yml")[1][0].problem.startswith("lexicon is not valid YAML")


def test_sections_a_lexicon_entry_puts_first_must_exist():
    text = ("- reader: [chest pain]\n  site: [chest pain]\n  first: [help/#urgnt]\n  why: NHS\n"
            "- reader: [a]\n  site: [b]\n  first: [not a link]\n  why: c\n")
    entries, errors = read_lexicon(text, "lexicon.yml")
    assert [(error.line, error.problem) for error in errors] == [(5, "`first` is not a list of sections")]
    pages = [read_page("help.md", "help/", "# Help\n\n## Get urgent help {#urgent}\n\nCall 999.\n")]
    [error] = unknown_sections(entries, pages, "lexicon.yml")
    assert (error.line, error.fix) == (1, "did you mean 'help/#urgent'?")
    assert entries == [{"reader": ["chest pain"], "site": ["chest pain"], "first": ["help/#urgnt"]}]


@pytest.mark.parametrize("field, verb", [("favour", "favours"), ("topic", "names the topic of")])
def test_pages_a_lexicon_entry_favours_or_names_the_topic_of_must_exist_and_need_no_site_words(field, verb):
    text = (f"- reader: [how to stop]\n  {field}: [prevention/]\n  why: what to do\n"
            f"- reader: [why]\n  {field}: [causes]\n  why: c\n"
            f"- reader: [serious]\n  {field}: [help/]\n  why: d\n")
    entries, errors = read_lexicon(text, "lexicon.yml")
    assert [(error.line, error.problem) for error in errors] == [(4, f"`{field}` is not a list of pages")]
    pages = [read_page("prevention.md", "prevention/", "# Prevention\n")]
    [error] = unknown_sections(entries, pages, "lexicon.yml")
    assert (error.line, error.problem) == (7, f"the lexicon {verb} 'help/', which is not a page of the site")
    assert entries[0] == {"reader": ["how to stop"], "site": [], field: ["prevention/"]}


def test_unless_negated_is_true_or_absent():
    text = ("- reader: [stops when i rest]\n  site: [walking]\n  unless_negated: true\n  why: a\n"
            "- reader: [eases]\n  site: [ease]\n  unless_negated: sometimes\n  why: b\n")
    entries, errors = read_lexicon(text, "lexicon.yml")
    assert [(error.line, error.problem) for error in errors] == [(5, "`unless_negated` is not true")]
    assert entries == [{"reader": ["stops when i rest"], "site": ["walking"], "unless_negated": True}]


def test_only_with_is_a_list_of_words_or_absent():
    text = ("- reader: [still hurts]\n  only_with: [pregnant, weeks pregnant]\n  site: [ease]\n  why: a\n"
            "- reader: [eases when i stop]\n  only_with: walking\n  site: [walking]\n  why: b\n"
            "- reader: [goes off]\n  only_with: []\n  site: [walking]\n  why: c\n")
    entries, errors = read_lexicon(text, "lexicon.yml")
    assert [(error.line, error.problem) for error in errors] == [(5, "`only_with` is not a list of words"),
                                                                 (9, "`only_with` is not a list of words")]
    assert entries == [{"reader": ["still hurts"], "site": ["ease"], "only_with": ["pregnant", "weeks pregnant"]}]


def test_a_duration_slot_needs_longer_than_and_longer_than_needs_the_slot():
    text = ("- reader: [cramp for <duration>]\n  site: [10 minutes]\n  longer_than: 10 minutes\n  why: a\n"
            "- reader: [lasted <duration>]\n  site: [hour]\n  longer_than: 2 hours\n  why: b\n"
            "- reader: [cramp for <duration>]\n  site: [10 minutes]\n  why: c\n"
            "- reader: [long cramp]\n  site: [10 minutes]\n  longer_than: 10 minutes\n  why: d\n"
            "- reader: [cramp for <duration>]\n  site: [10 minutes]\n  longer_than: ten minutes\n  why: e\n"
            "- reader: [cramp for <durations>]\n  site: [10 minutes]\n  longer_than: 10 minutes\n  why: f\n")
    entries, errors = read_lexicon(text, "lexicon.yml")
    assert [(error.line, error.problem) for error in errors] == [
        (9, "a reader phrase holds <duration>, but the entry has no `longer_than`"),
        (12, "`longer_than` is given, but no reader phrase holds <duration>"),
        (16, "`longer_than` is not a length of time"),
        (20, "the reader phrase 'cramp for <durations>' holds <durations>, which the search does not know"),
        (20, "`longer_than` is given, but no reader phrase holds <duration>"),
    ]
    assert [entry.get("longer_than") for entry in entries] == [10, 120]


def test_emergency_words_in_the_index_lead_to_the_emergency_advice(site):
    lexicon = json.loads((site / "search" / "search_index.json").read_text())["config"]["lexicon"]
    firsts = {phrase: entry["first"] for entry in lexicon if "first" in entry for phrase in entry["reader"]}
    assert firsts["chest pain"] == firsts["heart attack"] == firsts["short of breath"] == ["see-a-doctor/#urgent"]


def test_the_safety_scan_reports_a_question_whose_first_advice_became_less_urgent(site, tmp_path):
    """tools/search_scan.js (make search-scan) compares the search of two built sites: the same
    site twice reports nothing; with the emergency advice no longer put first by the lexicon, a
    question about a swollen calf and chest pain is reported as leading to less urgent advice."""
    def copy_site(name: str, drop_first: str | None = None):
        root = tmp_path / name
        shutil.copytree(site / "assets" / "search", root / "assets" / "search")
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for entry in index["config"]["lexicon"]:
            entry["first"] = [section for section in entry.get("first", []) if section != drop_first]
        (root / "search").mkdir()
        (root / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
        return root

    queries = tmp_path / "worried.txt"
    queries.write_text("#! see-a-doctor/#urgent 5\n#! see-a-doctor/#blood-clot 3\n"
                       "# a comment, not a query\nswollen calf and chest pain\nhow to stretch a calf\n", encoding="utf-8")
    scan = ["node", str(ROOT / "tools" / "search_scan.js")]
    before = copy_site("before")
    same = subprocess.run([*scan, str(before), str(before), str(queries)], capture_output=True, text=True)
    assert same.returncode == 0, same.stderr
    assert same.stdout.strip() == "2 queries: 0 down, 0 lost an urgent section, 0 up"
    after = copy_site("after", drop_first="see-a-doctor/#urgent")
    changed = subprocess.run([*scan, str(before), str(after), str(queries)], capture_output=True, text=True)
    assert changed.returncode == 1, changed.stderr
    down = [line for line in changed.stdout.splitlines() if line.startswith("DOWN")]
    assert len(down) == 1 and down[0].startswith("DOWN 5->") and "\tswollen calf and chest pain\t" in down[0], changed.stdout
