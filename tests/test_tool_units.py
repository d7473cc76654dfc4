"""Pure functions of the report scripts in tools/, without a build."""

from __future__ import annotations

from search_eval import pooled, wilson


def test_the_interval_of_a_proportion_is_wilsons():
    # Textbook values (Newcombe 1998, method 3): 85 of 100, and 0 of 10.
    assert wilson(85, 100) == (0.767, 0.907)
    assert wilson(0, 10) == (0.0, 0.278)


def test_pooled_figures_count_only_judged_queries_over_every_set():
    rows = [{"expect": ["a/"], "page_rank": 1}, {"expect": ["b/"], "page_rank": 3},
            {"expect": ["c/"], "page_rank": None}, {"expect": [], "page_rank": None}]
    figures = pooled(rows, "page_rank")
    assert figures["queries"] == 3
    assert figures["hit@1"] == 0.333 and figures["hit@3"] == 0.667
    assert figures["hit@1 95%"][0] < 0.333 < figures["hit@1 95%"][1]


def test_an_expected_target_names_the_home_page_and_its_sections_in_any_usual_form():
    from search_driver import matches

    for home in ("", "/", "./", "index.md"):
        assert matches("", home) and matches("#during-a-cramp", home)
    assert matches("#during-a-cramp", "./#during-a-cramp") and matches("#during-a-cramp", "#during-a-cramp")
    assert not matches("#topics", "./#during-a-cramp") and not matches("causes/", "./")
    assert matches("causes/#night-cramps", "causes/") and not matches("causes/#night-cramps", "/causes/#types")
