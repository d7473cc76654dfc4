"""Reader questions that teach the search readers' words (hooks/search_questions.py): the pure
functions, a fixture build that stops on a bad question file, and the real site's index."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from fixture_site import build, make_site
from search_questions import (add_questions, engine_stop_words, load, locations_of, missing_from_index, question_files,
                              question_words, read_questions, read_settings, target_location, unknown_targets)
from site_model import read_page

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "docs" / "assets" / "search" / "engine.js"


def test_targets_are_named_as_the_index_names_them():
    assert target_location("causes/#medicines") == "causes/#medicines"
    assert target_location("./#key-points") == "#key-points"
    assert target_location("/quiz/") == "quiz/"
    assert target_location("index.md") == "" and target_location("./") == ""


def test_questions_are_read_from_a_list_or_a_queries_mapping_with_their_lines():
    text = '- query: "calf locks in bed"\n  expect: ["causes/#night-cramps", "./#key-points"]\n- query: gout\n  expect: []\n'
    questions, errors = read_questions(text, "q.yaml")
    assert errors == []
    assert questions == [
        {"query": "calf locks in bed", "targets": ["causes/#night-cramps", "#key-points"], "file": "q.yaml", "line": 1},
        {"query": "gout", "targets": [], "file": "q.yaml", "line": 3}]
    listed, _ = read_questions("# a header\nqueries:\n  - query: yes\n    expect: [quiz/]\n", "q.yaml")
    assert listed == [{"query": "yes", "targets": ["quiz/"], "file": "q.yaml", "line": 3}]  # 'yes' stays text


def test_a_broken_question_file_names_the_line_and_the_fix():
    _, [error] = read_questions('- query: "a\n', "q.yaml")
    assert error.file == "q.yaml" and error.problem.startswith("the question file is not valid YAML")
    _, errors = read_questions("- expect: [quiz/]\n- query: b\n  expect: quiz/\n", "q.yaml")
    assert [(error.line, error.problem) for error in errors] == [
        (1, "a question has no `query` text"), (2, "the `expect` of 'b' is not a list of links")]
    _, [error] = read_questions("query: a\n", "q.yaml")
    assert error.problem == "the question file is not a list of questions"


def test_targets_the_site_lacks_are_errors_with_the_nearest_link():
    pages = [read_page("causes.md", "causes/", "# Causes\n\n## Medicines {#medicines}\n\nText.\n"),
             read_page("index.md", "./", "# Home\n\n## Key points {#key-points}\n\nText.\n")]
    locations = locations_of(pages)
    assert locations == {"causes/", "causes/#medicines", "", "#key-points"}
    questions, _ = read_questions('- query: statins\n  expect: ["causes/#medicnes", "./#key-points"]\n', "q.yaml")
    [error] = unknown_targets(questions, locations)
    assert (error.file, error.line, error.fix) == ("q.yaml", 1, "did you mean 'causes/#medicines'?")
    assert "'causes/#medicnes'" in error.problem


def test_every_pattern_must_match_a_file(tmp_path):
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "a.yaml").write_text("[]")
    files, errors = question_files(["sets/*.yaml", "sets/missing.yaml"], tmp_path)
    assert files == [tmp_path / "sets" / "a.yaml"]
    [error] = errors
    assert error.file == "mkdocs.yml" and "'sets/missing.yaml', which matches no file" in error.problem
    assert question_files("sets/*.yaml", tmp_path)[1][0].problem.endswith("is not a list of file patterns")


def test_questions_come_with_the_advice_they_never_move(tmp_path):
    assert read_settings(None) == ([], [], [])
    assert read_settings({"files": ["a.yaml"], "warnings": ["help/", "./#when"]}) == (["a.yaml"], ["help/", "#when"], [])
    for settings in (["a.yaml"], {"files": ["a.yaml"]}, {"files": ["a.yaml"], "warnings": []},
                     {"files": ["a.yaml"], "warnings": "help/"}, {"files": [], "warnings": ["help/"], "other": 1}):
        [error] = read_settings(settings)[2]
        assert error.file == "mkdocs.yml" and "warnings" in error.fix, settings
    pages = [read_page("help.md", "help/", "# Help\n\n## Urgent {#urgent}\n\nCall 999.\n")]
    (tmp_path / "q.yaml").write_text('- query: "calf"\n  expect: [help/]\n')
    questions, warnings, errors = load({"files": ["q.yaml"], "warnings": ["help/#urgnt"]}, tmp_path, pages)
    [error] = errors
    assert "'help/#urgnt', which is not a page or section" in error.problem and error.fix == "did you mean 'help/#urgent'?"
    questions, warnings, errors = load({"files": ["q.yaml"], "warnings": ["help/#urgent"]}, tmp_path, pages)
    assert (len(questions), warnings, errors) == (1, ["help/#urgent"], [])


def test_an_entry_gets_the_question_words_it_lacks_once_without_stop_words_or_plurals():
    docs = [{"location": "causes/#night-cramps", "title": "Night cramps", "text": "<p>Cramps in <b>bed</b>.</p>"},
            {"location": "quiz/", "title": "Quiz", "text": ""}]
    questions = [{"query": "Why does my calf lock up in bed", "targets": ["causes/#night-cramps", "nowhere/"]},
                 {"query": "calf locks at night, cramp", "targets": ["causes/#night-cramps"]},
                 {"query": "multiple choice test", "targets": ["quiz/"]},
                 {"query": "gout", "targets": []}]
    words = question_words(questions, docs, stop_words={"why", "does", "my", "up", "at"})
    # "bed", "night" and "cramp" (the plural is there) are the entry's own; "calf" and "lock" come once
    assert words == {"causes/#night-cramps": "calf lock", "quiz/": "multiple choice test"}
    index = add_questions({"docs": docs}, words)
    assert index["docs"][0]["questions"] == "calf lock" and index["docs"][1]["questions"] == "multiple choice test"


def test_a_question_whose_answers_are_all_kept_out_of_search_is_an_error():
    docs = [{"location": "about/#evidence", "title": "Evidence", "text": ""}]
    questions = [{"query": "your sources", "targets": ["references/", "about/#evidence"], "file": "q.yaml", "line": 4},
                 {"query": "all references", "targets": ["references/"], "file": "q.yaml", "line": 7},
                 {"query": "gout", "targets": [], "file": "q.yaml", "line": 9}]
    [error] = missing_from_index(questions, docs)
    assert (error.file, error.line) == ("q.yaml", 7) and "'references/'" in error.problem


def test_the_stop_words_are_the_engines_own():
    node = shutil.which("node")
    assert node, "Node is needed to read the engine's stop words"
    script = f"process.stdout.write(JSON.stringify([...require({json.dumps(str(ENGINE))}).STOP_WORDS]))"
    in_node = set(json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout))
    assert len(in_node) > 100 and engine_stop_words(ENGINE.read_text()) == in_node
    assert engine_stop_words("const other = 1") == set()


def test_a_bad_question_file_stops_the_build_naming_file_line_and_fix(tmp_path):
    root = make_site(tmp_path, {"index.md": "# Home\n\n## Night cramps {#night}\n\nCramps in bed.\n"})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra: {bibliography: bib}",
                                                 "extra: {bibliography: bib, search_questions: "
                                                 "{files: [questions/*.yaml], warnings: [./#night]}}"))
    (root / "questions").mkdir()
    (root / "questions" / "reader.yaml").write_text('- query: "calf locks in bed"\n  expect: ["./#nigth"]\n')
    result = build(root)
    assert result.returncode != 0
    assert "questions/reader.yaml:1: 'calf locks in bed' expects '#nigth', which is not a page or section" in result.stderr
    assert "did you mean '#night'?" in result.stderr
    (root / "questions" / "reader.yaml").write_text('- query: "calf locks in bed"\n  expect: ["./#night"]\n')
    result = build(root)
    assert result.returncode == 0, result.stderr
    index = json.loads((root / "site" / "search" / "search_index.json").read_text())
    [entry] = [doc for doc in index["docs"] if doc["location"] == "#night"]
    assert entry["questions"] == "calf locks"  # "in" is no stop word here: the fixture has no engine
    assert index["config"]["warnings"] == ["#night"]


def test_the_real_index_learns_from_the_tuning_sets_only(site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    settings = config["extra"]["search_questions"]
    files, errors = question_files(settings["files"], ROOT)
    assert files and not errors
    assert not [path for path in files if "held-out" in path.name], "a held-out set would no longer measure anything"
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert {"see-a-doctor/", "#when-to-get-help"} <= set(index["config"]["warnings"])
    learnt = {doc["location"]: doc["questions"].split() for doc in index["docs"] if doc.get("questions")}
    assert len(learnt) > 20
    stop_words = engine_stop_words(ENGINE.read_text())
    assert not any(stop_words & set(words) for words in learnt.values())
    # a question of a tuning set: its words the section lacks are in its entry
    questions, _ = read_questions((ROOT / "tests/search-eval/lay-tune-9.yaml").read_text(), "lay-tune-9.yaml")
    [premarin] = [question for question in questions if question["query"] == "premarin leg cramps"]
    assert "premarin" in learnt[premarin["targets"][0]]


def test_the_cross_validation_ranks_with_the_sites_own_engine_in_node(site, tmp_path):
    """tools/search_rank.js, which tools/search_cv.py uses to measure the tuning sets against
    indexes that did not learn them, gives what the site's search gives."""
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(["magnesium for older adults", "xyzzy qwertz"]))
    output = subprocess.run(["node", str(ROOT / "tools" / "search_rank.js"), str(site),
                             str(site / "search" / "search_index.json"), str(queries)],
                            capture_output=True, text=True, check=True).stdout
    magnesium, nothing = json.loads(output)
    assert magnesium[0][0] == "magnesium/" and "magnesium/#older-adults" in magnesium[0][1:]
    assert nothing == []
