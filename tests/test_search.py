"""Search: the vocabulary hook's pure functions, the index it writes, and the real search box."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT
from search_driver import open_search, ranks, run_query
from search_terms import check_terms, forms, inflections, keywords, parse_terms, stems

VOCABULARY = frozenset({"cramp", "cramps", "cramping", "cramped", "stretch", "stretches", "stretching",
                        "stretched", "supplement", "supplements", "night", "nights", "run", "runs",
                        "running", "massage", "massages", "massaging", "massaged", "injury", "injuries"})


@pytest.mark.parametrize("word, expected", [
    ("cramps", {"cramp", "cramps", "cramping", "cramped"}),
    ("stretches", {"stretch", "stretches", "stretching", "stretched"}),
    ("stretching", {"stretch", "stretches", "stretching", "stretched"}),
    ("supplement", {"supplement", "supplements"}),
    ("night", {"night", "nights"}),
    ("running", {"run", "runs", "running"}),
    ("massage", {"massage", "massages", "massaging", "massaged"}),
    ("injury", {"injury", "injuries"}),
])
def test_inflections_find_the_word_family(word, expected):
    assert inflections(word, VOCABULARY) == expected


def test_inflections_keep_only_real_words():
    assert "crampsed" in forms("cramps") and "crampsed" not in inflections("cramps", VOCABULARY)


def test_stems_undo_regular_endings():
    assert {"stretch", "cramp", "run"} <= stems("stretches") | stems("cramped") | stems("running")


def test_keywords_add_terms_then_new_forms_only():
    field = keywords(["charley horse"], "Stretching", VOCABULARY)
    assert field.startswith("charley horse ")
    assert set(field.split()) >= {"stretch", "stretches", "stretched"}
    assert field.split().count("stretching") == 0  # already in the title


def test_terms_may_be_a_list_or_a_comma_string():
    assert parse_terms("a, b ,c") == parse_terms(["a", "b", "c"]) == ["a", "b", "c"]


def test_terms_for_unknown_section_name_the_line_and_closest_id():
    source = "---\nsearch_terms:\n  nigth-cramps: bed\n---\n\n## Night {#night-cramps}\n"
    [error] = check_terms({"search_terms": {"nigth-cramps": "bed"}}, "## Night {#night-cramps}\n", "c.md", 6, source)
    assert error.line == 3 and "nigth-cramps" in error.problem and "night-cramps" in error.fix


def test_index_has_keywords_field_with_declared_terms(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert "keywords" in index["config"]["fields"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert all("keywords" in doc for doc in docs.values())
    night = docs["causes/#night-cramps"]["keywords"]
    assert "nocturnal" in night and "nights" in night
    assert "charley horse" in docs["basics/#what-is-a-cramp"]["keywords"]


def test_every_declared_section_gets_its_terms_in_the_index(site):
    index = {doc["location"]: doc for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]}
    for path in (ROOT / "docs").glob("*.md"):
        front = yaml.safe_load(path.read_text().split("---\n")[1])
        url = "" if path.stem == "index" else f"{path.stem}/"
        for section, terms in (front.get("search_terms") or {}).items():
            location = url if section == "page" else f"{url}#{section}"
            assert parse_terms(terms)[0] in index[location]["keywords"], location


def test_source_lists_and_related_links_are_not_indexed(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert not any(loc.endswith(("#sources", "#related-topics")) for loc in locations)
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Exercise and Sport Sciences Reviews" not in text and "PMID" not in text


# A handful of the development queries (shared/eval/search-queries.yaml), with their targets.
@pytest.mark.parametrize("query, expect", [
    ("charley horse", ["basics/", "basics/#what-is-a-cramp"]),
    ("cramping", ["basics/", "causes/"]),
    ("stretching", ["prevention/#stretching"]),
    ("blood clot", ["see-a-doctor/#blood-clot"]),
    ("statins", ["causes/#medicines"]),
    ("supplements", ["questions/", "magnesium/"]),
    ("leg cramp at night", ["causes/#night-cramps"]),
])
def test_search_box_puts_the_right_section_in_the_first_result(page, base_url, query, expect):
    open_search(page, base_url)
    boxes = run_query(page, query, base_url)
    _, box_rank = ranks(boxes, expect)
    assert box_rank == 1, [box.links for box in boxes[:3]]


def test_search_features_and_separator_are_configured(site):
    html = (site / "index.html").read_text()
    config = json.loads(html.split('<script id="__config" type="application/json">')[1].split("</script>")[0])
    assert {"search.highlight", "search.share", "search.suggest"} <= set(config["features"])
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert index["config"]["separator"].startswith("[\\s\\-,:!=\\[\\]()\"/]+")


def test_results_show_section_title_and_a_snippet(page, base_url):
    open_search(page, base_url)
    run_query(page, "quinine", base_url)
    section = page.locator(".md-search-result__item").first.locator("a.md-search-result__link").nth(1)
    assert "quinine" in section.get_attribute("href")
    assert section.locator("h2").inner_text().strip() == "Quinine"
    assert "leg cramps" in section.locator("article").inner_text()
    assert "?h=quinine" in section.get_attribute("href")  # search.highlight carries the terms


def test_cmu_dictionary_decides_which_forms_are_words():
    from search_terms import english_words

    assert english_words({"cramping", "crampsed", "stretches"}) == {"cramping", "stretches"}
