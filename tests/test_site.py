"""The real site, built once with `mkdocs build --strict`, checked in its HTML."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

import contract
from conftest import ROOT
from site_model import read_page
import readability

ALL_PAGES = list(contract.PAGES)


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def test_strict_build_prints_no_warning(build_result):
    result, _ = build_result
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@pytest.mark.parametrize("page", ALL_PAGES)
def test_contract_page_has_its_required_section_ids(site, page):
    soup = soup_of(site, page)
    missing = [section for section in contract.PAGES[page] if soup.find(id=section) is None]
    assert not missing, f"/{page} lacks #{', #'.join(missing)}"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_ids_are_unique_on_each_page(site, page):
    ids = Counter(element["id"] for element in soup_of(site, page).find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_h2_and_h3_has_a_short_hyphenated_id(site, page):
    for heading in article(soup_of(site, page)).find_all(["h2", "h3"]):
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", heading.get("id", "")), heading


@pytest.mark.parametrize("page", ALL_PAGES)
def test_review_dates_shown_and_next_review_in_future(site, page):
    times = soup_of(site, page).select(".page-review time")
    assert len(times) == 2, "page shows no 'last reviewed' and 'next review' dates"
    reviewed, next_review = (dt.date.fromisoformat(t["datetime"]) for t in times)
    assert reviewed <= dt.date.today() < next_review


@pytest.mark.parametrize("page", ALL_PAGES)
def test_readability_within_limit(site, page):
    text = readability.article_text((site / page / "index.html").read_text(encoding="utf-8"))
    assert len(text.split()) >= 100, "too little text to score"
    grade = readability.grade(text)
    assert grade <= contract.GRADE_LIMITS[page], f"/{page}: Flesch–Kincaid grade {grade}"


@pytest.mark.parametrize("page", contract.TOPIC_PAGES)
def test_topic_page_opens_with_key_points_and_ends_with_related_topics(site, page):
    content = article(soup_of(site, page))
    first_block = content.find(["p", "div", "h2", "ul"], recursive=False)
    assert "admonition" in first_block.get("class", []), "first block is not the key points box"
    assert first_block.select_one(".admonition-title").get_text(strip=True) == "Key points"
    h2s = [h["id"] for h in content.find_all("h2")]
    assert h2s[-3:] == ["quiz", "related-topics", "sources"], h2s
    related = content.find(id="related-topics").find_next("ul").find_all("a")
    assert len(related) >= 2


def test_site_notice_in_every_page_footer(site):
    for page in ALL_PAGES:
        notice = soup_of(site, page).select_one("footer .site-notice")
        assert notice and "does not replace" in notice.get_text(), page


ABBREVIATIONS = dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$",
                                 (Path(__file__).resolve().parents[1] / "docs" / "includes" / "abbreviations.md").read_text(encoding="utf-8"),
                                 re.M))


def section_of(node) -> int | None:
    """Which H2 section a node belongs to (None: before the first H2)."""
    heading = node.find_parent("h2") or node.find_previous("h2")
    return id(heading) if heading else None


@pytest.mark.parametrize("page", ALL_PAGES)
def test_abbreviations_are_explained_once_in_each_section_that_uses_them(site, page):
    """A section that uses a listed abbreviation explains it once (an abbr title, which Material
    shows as a tooltip); later uses in the section are plain text, so Material does not mount a
    tooltip for every repeat."""
    assert {"EAMC", "NHS", "GP"} <= set(ABBREVIATIONS)
    body = article(soup_of(site, page))
    text: dict[int | None, str] = {}
    for string in body.strings:
        text[section_of(string)] = text.get(section_of(string), "") + string
    explained: dict[tuple[int | None, str], list] = {}
    for abbr in body.select("abbr[title]"):
        explained.setdefault((section_of(abbr), abbr.get_text()), []).append(abbr)
    assert body.select("abbr:not([title])") == []
    for section, words in text.items():
        for term, expansion in ABBREVIATIONS.items():
            used = re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", words) is not None
            titles = [abbr["title"] for abbr in explained.get((section, term), [])]
            assert titles == ([expansion.strip()] if used else []), (page, term)


EXTERNAL_LOADS = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
    "embed": "src", "object": "data",
}


@pytest.mark.parametrize("page", ALL_PAGES + ["404.html"])
def test_nothing_loads_from_another_host(site, page):
    path = site / page if page.endswith(".html") else site / page / "index.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    loads = [(tag.name, tag.get(attr)) for tag, attr in
             ((tag, EXTERNAL_LOADS[tag.name]) for tag in soup.find_all(list(EXTERNAL_LOADS)))]
    loads += [("link", link.get("href")) for link in soup.find_all("link")
              if set(link.get("rel", [])) & {"stylesheet", "preconnect", "dns-prefetch", "preload",
                                             "prefetch", "icon", "modulepreload"}]
    remote = [(tag, url) for tag, url in loads if url and urlparse(url).netloc]
    assert remote == []
    styles = " ".join(s.get_text() for s in soup.find_all("style"))
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", styles)


@pytest.mark.parametrize("page", ALL_PAGES + ["404.html"])
def test_scripts_never_hold_up_the_first_paint(site, page):
    """Every script file runs after parsing (defer), so the text paints before any script runs;
    inline scripts are only Material's small setup snippets and JSON data."""
    path = site / page if page.endswith(".html") else site / page / "index.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    external = soup.find_all("script", src=True)
    assert any("bundle" in script["src"] for script in external)
    blocking = [script["src"] for script in external
                if not script.has_attr("defer") and not script.has_attr("async")]
    assert blocking == []


def test_css_loads_no_remote_font_or_import(site):
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:|fonts\.googleapis", text), css


# ------------------------------------------------------------------ quiz

def quiz_questions(site: Path, page: str):
    return soup_of(site, page).select(".quiz .quiz__question")


@pytest.mark.parametrize("page", contract.TOPIC_PAGES)
def test_topic_page_ends_with_three_to_five_questions(site, page):
    questions = quiz_questions(site, page)
    assert 3 <= len(questions) <= 5
    for question in questions:
        assert question.legend.get_text(strip=True)
        inputs = question.select("input[type=radio], input[type=checkbox]")
        assert 2 <= len(inputs) <= 6
        assert all(question.find("label", attrs={"for": i["id"]}) for i in inputs)
        assert question.select_one("details.quiz__answer .quiz__more a[href*='#']")


def test_review_quiz_gathers_every_topic_question_by_reference(site):
    gathered = [q["id"] for q in quiz_questions(site, "quiz/")]
    expected = [q["id"] for page in contract.TOPIC_PAGES for q in quiz_questions(site, page)]
    assert gathered == expected and len(gathered) >= 3 * len(contract.TOPIC_PAGES)


def test_quiz_assets_load_only_on_pages_with_a_quiz(site):
    for page in contract.PAGES:
        soup = soup_of(site, page)
        has_quiz = bool(soup.select(".quiz"))
        assert bool(soup.select("script[src$='assets/quiz.js']")) == has_quiz, page
        assert bool(soup.select("link[href$='assets/quiz.css']")) == has_quiz, page


def test_quiz_answers_are_not_in_the_search_index(site):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    # The quiz page's own introduction names its buttons ("press Tab to reach Check answer").
    widgets = " ".join(doc["text"] + doc["title"] for doc in index["docs"] if doc["location"] != "quiz/")
    for marker in ("Show the answer", "Right answer", "Check answer", "Clear all answers", "Read more:"):
        assert marker not in widgets
    for page in contract.TOPIC_PAGES:
        for question in quiz_questions(site, page):
            legend = question.legend.get_text(" ", strip=True).split(".", 1)[1].strip()
            assert legend not in text
    # The quiz page is found by its introduction alone: one entry, none for its question groups.
    assert [doc["location"] for doc in index["docs"] if doc["location"].startswith("quiz/")] == ["quiz/"]


# ------------------------------------------------------------------ section links

def test_every_published_link_still_resolves(site):
    import anchors

    broken = [entry for entry in anchors.read_registry() if not anchors.resolves(entry, site)]
    assert broken == [], ("published links no longer land; declare data-aliases on the heading or a "
                          "redirect for the page")


def test_every_built_section_is_in_the_registry(site):
    import anchors

    missing = anchors.published(site) - set(anchors.read_registry())
    assert missing == set(), "run `make anchors` and commit tests/published-anchors.txt"


@pytest.mark.parametrize("page", ALL_PAGES)
def test_share_metadata(site, page):
    soup = soup_of(site, page)
    head = soup.head
    canonical = head.find("link", rel="canonical")["href"]
    assert canonical == "https://legcramps.example.org/" + page
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in head.find_all("meta")
            if tag.get("content") is not None}
    assert 50 <= len(meta["description"]) <= 160
    assert meta["og:url"] == canonical and meta["og:title"] and meta["og:description"] == meta["description"]
    image = meta["og:image"]
    assert image.startswith("https://legcramps.example.org/assets/social/") and meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image" and meta["twitter:image"] == image
    from PIL import Image

    with Image.open(site / image.removeprefix("https://legcramps.example.org/")) as card:
        assert card.size == (1200, 630)


def test_topic_page_description_comes_from_its_key_points(site):
    soup = soup_of(site, "magnesium/")
    first_point = soup.select_one(".admonition.abstract li").get_text(" ", strip=True)
    description = soup.head.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith(" ".join(first_point.split()[:8]))


def test_newsletter_page_lists_every_section_with_full_url(site):
    soup = soup_of(site, "newsletter-links/")
    urls = {code.get_text() for code in soup.select(".section-links code")}
    for page, ids in contract.PAGES.items():
        assert f"https://legcramps.example.org/{page}" in urls
        source = ROOT / "docs" / (f"{page.rstrip('/')}.md" if page else "index.md")
        written = {heading.id for heading in read_page(source.name, page or "./", source.read_text()).sections}
        for section in ids:  # the registered sections that are H2 or H3 headings of the page's Markdown
            if section in written:
                assert f"https://legcramps.example.org/{page}#{section}" in urls
    assert len(soup.select(".section-links button[data-copy]")) == len(urls)
    about = soup_of(site, "about/")
    assert about.select_one("a[href$='newsletter-links/']")
    import json

    index = json.loads((site / "search" / "search_index.json").read_text())
    assert not any(doc["location"].startswith("newsletter-links/") for doc in index["docs"])


def test_sitemap_robots_and_404(site):
    sitemap = (site / "sitemap.xml").read_text()
    for page in contract.PAGES:
        assert f"<loc>https://legcramps.example.org/{page}</loc>" in sitemap
    assert "Sitemap: https://legcramps.example.org/sitemap.xml" in (site / "robots.txt").read_text()
    not_found = BeautifulSoup((site / "404.html").read_text(), "lxml")
    assert not_found.select_one("label[for='__search']")
    links = [a["href"] for a in not_found.select("article a")]
    assert "/causes/" in links and "/see-a-doctor/" in links
    assets = [tag.get("href") or tag.get("src") for tag in not_found.select("link[rel=stylesheet], script[src]")]
    assert assets and all(url.startswith("/") for url in assets), assets
