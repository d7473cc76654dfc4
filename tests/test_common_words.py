"""Common words the search must keep as typed (hooks/common_words.py): the pure functions, and
the list the real build gives the engine."""

from __future__ import annotations

import json

from common_words import (MIN_LENGTH, an_ending_apart, common, deletions, distance, edit_limit, frequencies,
                          keep_as_typed, near_site_words, near_site_words_of, vocabulary, words)


def test_distance_counts_each_kind_of_edit_and_stops_past_the_limit():
    assert distance("magnesium", "magnesium", 2) == 0
    assert distance("magnesuim", "magnesium", 2) == 1  # two neighbours swapped
    assert distance("injection", "infection", 2) == 1  # one letter for another
    assert distance("crampy", "cramp", 1) == 1  # one letter taken out
    assert distance("unexplained", "explained", 2) == 2
    assert distance("standing", "sending", 1) == 2  # more than the limit: limit + 1
    assert distance("cramp", "magnesium", 1) == 2


def test_words_within_the_limit_share_a_deletion():
    assert deletions("infection", 1) & deletions("injection", 1)
    assert deletions("explained", 2) & deletions("unexplained", 2)
    assert not deletions("explained", 1) & deletions("unexplained", 1)
    assert len(deletions("abcd", 2)) == 1 + 4 + 6


def test_the_edit_limit_is_the_engines():
    assert edit_limit("cramps") == 1 and edit_limit("diuretics") == 2


def test_common_keeps_frequent_plain_words_long_enough_to_be_corrected():
    counts = {"injection": 30, "zymurgy": 29, "cramp": 500, "naïveté": 40, "co-op": 40, "athlete": 361}
    # 1,000 words in all, so 30 is the least; "cramp" is too short to be corrected
    assert common(counts, per_million=30_000) == {"injection", "athlete"}
    assert all(len(word) >= MIN_LENGTH for word in common(counts, per_million=1))
    assert common({}) == set()


def test_a_word_an_ending_or_prefix_apart_is_the_same_idea():
    assert an_ending_apart("painfully", "painful") and an_ending_apart("tissue", "tissues")
    assert an_ending_apart("asleep", "sleep") and an_ending_apart("unexplained", "explained")
    assert an_ending_apart("diagnosis", "diagnose") and an_ending_apart("straighten", "straight")  # one root
    assert an_ending_apart("fibers", "fibres") and an_ending_apart("center", "centre")  # American spelling
    assert not an_ending_apart("cancel", "cancer")  # too short a root: "cance" is none
    assert not an_ending_apart("closet", "close")  # "t" is no ending
    assert not an_ending_apart("injection", "infection")


def test_near_site_words_pairs_each_common_word_with_the_site_words_it_could_become():
    site = {"infection", "rowing", "painful", "cramps", "sleep"}
    near = near_site_words({"injection", "growing", "painfully", "cramps", "asleep", "elephant"}, site)
    assert near == {"injection": ["infection"], "growing": ["rowing"], "painfully": ["painful"], "asleep": ["sleep"]}


def test_only_words_the_index_lacks_and_would_become_another_word_are_kept():
    index = {"docs": [{"location": "a/", "title": "Infection", "text": "<p>Rowing &amp; sleep, <b>painful</b>.</p>"},
                      {"location": "b/", "title": "Injection", "text": "", "keywords": "cramps"}],
             "config": {"lexicon": [{"reader": ["growing sore"], "site": ["cramp"]}]}}
    near = {"injection": ["infection"], "growing": ["rowing"], "painfully": ["painful"], "asleep": ["sleep"],
            "father": ["rather"]}
    # "injection" and "growing" are words of the index; "painfully" and "asleep" mean the site's
    # word; "rather" is no word of the index (only of a page's source).
    assert keep_as_typed(near, index) == []
    del index["docs"][1]
    index["config"]["lexicon"] = []
    assert keep_as_typed(near, index) == ["growing", "injection"]
    assert vocabulary(index) == {"infection", "rowing", "sleep", "painful"}


def test_words_are_split_as_the_engine_splits_them():
    assert words("<p>Naïve &amp; <code>CRAMP</code>s, 10 mins</p>") == ["naive", "cramp", "s", "10", "mins"]


def test_the_english_list_is_read_and_an_unknown_language_has_none(tmp_path):
    counts = frequencies("en")
    assert counts["the"] > counts["injection"] > 0
    assert frequencies("en-GB") == counts
    assert frequencies("xx") == {}
    assert near_site_words_of("xx", "An infection.", tmp_path / "xx") == {}
    assert near_site_words_of("en", "An infection.", tmp_path / "en")["injection"] == ["infection"]


def test_the_words_near_a_site_are_kept_until_its_words_change(tmp_path):
    """A build reads the list the last build found, when no word of the site changed; a new
    word finds it again and leaves one list in the cache."""
    near = near_site_words_of("en", "An infection.", tmp_path)
    [cached] = tmp_path.glob("*.json")
    assert json.loads(cached.read_text()) == near
    cached.write_text(json.dumps({"injection": ["kept"]}))
    assert near_site_words_of("en", "An infection.", tmp_path) == {"injection": ["kept"]}  # read, not found again
    assert near_site_words_of("en", "An infection. Rowing.", tmp_path)["growing"] == ["rowing"]
    assert len(list(tmp_path.glob("*"))) == 1


def test_the_built_index_lists_the_common_words_its_engine_must_not_correct(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    kept = index["config"]["common_words"]
    known = vocabulary(index)
    assert kept == sorted(kept) and kept and not set(kept) & known
    counts = frequencies("en")
    assert all(len(word) >= MIN_LENGTH and counts.get(word) for word in kept)
    # each one is within the engine's reach of a word of the site, and not the same word
    reachable = [word for word in kept[:100] if any(distance(word, other, edit_limit(word)) <= edit_limit(word)
                                                    for other in known if len(other) >= 3)]
    assert reachable == kept[:100]
