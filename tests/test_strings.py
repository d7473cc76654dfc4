"""The strings layer (hooks/strings.py): every reader-facing word of the machinery comes from the
table of `theme.language`, and a table that cannot stand in for the English one stops the build."""

from __future__ import annotations

import datetime as dt
import json

import yaml

import strings
from fixture_site import build, make_site

ENGLISH = yaml.safe_load((strings.FOLDER / "en.yml").read_text(encoding="utf-8"))


def test_words_dates_and_placeholders_come_from_the_table():
    text, errors = strings.load("en")
    assert errors == []
    assert text("quiz.question", number=3) == "Question 3."
    assert text.date(dt.date(2026, 12, 2)) == "2 December 2026"
    assert text.browser()["share_copied"] == "Link copied: {url}"


def test_a_translation_must_have_every_key_and_placeholder(tmp_path):
    (tmp_path / "en.yml").write_text(yaml.safe_dump(ENGLISH), encoding="utf-8")
    translated = json.loads(json.dumps(ENGLISH))
    del translated["quiz"]["clear"]
    translated["browser"]["share_copied"] = "Link kopiert"  # {url} lost
    (tmp_path / "de.yml").write_text(yaml.safe_dump(translated, allow_unicode=True), encoding="utf-8")
    table, errors = strings.load("de", tmp_path)
    assert table is None
    assert sorted(error.problem for error in errors) == [
        "`browser.share_copied` lacks a placeholder of the English text (Link copied: {url})",
        "the strings table has no `quiz.clear`"]
    translated["quiz"]["clear"], translated["browser"]["share_copied"] = "Alle Antworten löschen", "Link kopiert: {url}"
    (tmp_path / "de.yml").write_text(yaml.safe_dump(translated, allow_unicode=True), encoding="utf-8")
    table, errors = strings.load("de", tmp_path)
    assert errors == [] and table("quiz.clear") == "Alle Antworten löschen"


def test_the_build_follows_theme_language_and_stops_without_its_table(tmp_path):
    root = make_site(tmp_path, {"index.md": "# Page\n\nText.\n"})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("font: false,", "font: false, language: de,"))
    result = build(root)
    assert result.returncode != 0
    assert "mkdocs.yml: theme.language is 'de', which has no strings table" in result.stderr
    assert "use one of: en" in result.stderr


def test_pages_carry_the_scripts_words_as_data(site):
    html = (site / "causes" / "index.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json" id="site-strings">')[1].split("</script>")[0])
    assert data["text"] == {key: str(value) for key, value in ENGLISH["browser"].items()}
    assert data["help"] == "see-a-doctor/"
    assert "Page last reviewed:" in html and ENGLISH["review"]["reviewed"] == "Page last reviewed:"
