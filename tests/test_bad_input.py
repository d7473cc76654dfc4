"""Bad input stops the build with a message naming the file, the line and the fix.

Each test builds a small fixture site with the project's real hooks in a temporary folder.
"""

from __future__ import annotations

import pytest

from fixture_site import BIB, build, make_site

GOOD_PAGE = """\
# Page

## Night cramps {#night}

Text with a source [@minetto2013].
"""


def test_fixture_site_builds_when_input_is_good(tmp_path):
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert 'id="sources"' in html and 'href="https://pubmed.ncbi.nlm.nih.gov/23038243/"' in html


@pytest.mark.parametrize("strict", [True, False])
def test_unknown_citation_key_names_page_line_and_closest_key(tmp_path, strict):
    page = GOOD_PAGE + "\nMore text [@minetto2031].\n"
    result = build(make_site(tmp_path, {"index.md": page}), strict=strict)
    assert result.returncode != 0
    assert "index.md:12: unknown citation key 'minetto2031'" in result.stderr
    assert "did you mean 'minetto2013'" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_all_unknown_keys_on_all_pages_reported_at_once(tmp_path):
    result = build(make_site(tmp_path, {"index.md": "# A\n\nx [@nope1].\n", "b.md": "# B\n\ny [@nope2].\n"}))
    assert "2 problems" in result.stderr and "nope1" in result.stderr and "nope2" in result.stderr


def test_malformed_bib_names_file_and_line(tmp_path):
    bib = BIB + "\n@article{broken,\n  author = {X, Y}\n  title = {T},\n  year = {2000},\n}\n"
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE}, bib=bib))
    assert result.returncode != 0
    assert "bib/refs.bib:11: BibTeX syntax error" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("missing", ["author", "title", "year"])
def test_bib_entry_without_required_field_stops_build(tmp_path, missing):
    fields = {"author": "author = {Doe, J.},", "title": "title = {T},", "year": "year = {2020},"}
    del fields[missing]
    bib = BIB + "\n@misc{web,\n  " + "\n  ".join(fields.values()) + "\n}\n"
    result = build(make_site(tmp_path, {"index.md": GOOD_PAGE}, bib=bib))
    assert result.returncode != 0
    assert f"bib/refs.bib:9: entry 'web' has no {missing}" in result.stderr


def test_citation_like_text_in_code_is_left_alone(tmp_path):
    page = GOOD_PAGE + "\nCite with `[@anykey]`:\n\n```\n[@minetto2013; @other]\n```\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "<code>[@anykey]</code>" in html
    assert "[@minetto2013; @other]" in html


def test_duplicate_section_id_names_both_lines(tmp_path):
    page = GOOD_PAGE + "\n## Again {#night}\n\nMore.\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0
    assert "index.md:12: id 'night' is already used on line 8" in result.stderr


def test_heading_without_explicit_id_stops_build(tmp_path):
    result = build(make_site(tmp_path, {"index.md": "# Page\n\n## Cramps at night\n\nText.\n"}))
    assert result.returncode != 0
    assert "index.md:8: heading 'Cramps at night' has no explicit id" in result.stderr
    assert "{#cramps-at-night}" in result.stderr


def test_page_without_review_dates_stops_build(tmp_path):
    result = build(make_site(tmp_path, {"index.md": "# Page\n\nText.\n"}, front_matter=False))
    assert result.returncode != 0
    assert "index.md:1: front matter has no `reviewed` date" in result.stderr
    assert "front matter has no `next_review` date" in result.stderr


def test_reserved_sources_id_is_refused(tmp_path):
    page = GOOD_PAGE + "\n## My sources {#sources}\n\nText.\n"
    result = build(make_site(tmp_path, {"index.md": page}))
    assert result.returncode != 0 and "reserved" in result.stderr


QUIZ_PAGE = GOOD_PAGE + """
## Check {#quiz}

```quiz
- question: Where do cramps start?
  section: night
  source: minetto2013
  options:
    - text: In the nerves
      correct: true
    - text: In the bones
  explanation: Most likely in the nerves.
```
"""


def test_good_quiz_builds(tmp_path):
    result = build(make_site(tmp_path, {"index.md": QUIZ_PAGE}))
    assert result.returncode == 0, result.stderr
    assert 'class="quiz__question"' in (tmp_path / "site" / "index.html").read_text()


@pytest.mark.parametrize("strict", [True, False])
def test_broken_quiz_never_publishes(tmp_path, strict):
    page = QUIZ_PAGE.replace("      correct: true\n", "").replace("section: night", "section: nowhere")
    result = build(make_site(tmp_path, {"index.md": page}), strict=strict)
    assert result.returncode != 0
    assert "index.md:15: quiz question 1 ('Where do cramps start?'): has no correct option" in result.stderr
    assert "section 'index.md#nowhere' does not exist" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_quiz_including_a_missing_page_stops_build(tmp_path):
    page = "# All\n\n```quiz\ninclude: [index.md, nothere.md]\n```\n"
    result = build(make_site(tmp_path, {"index.md": QUIZ_PAGE, "all.md": page}))
    assert result.returncode != 0 and "quiz includes 'nothere.md'" in result.stderr
