"""References in the built site: every claim section cites, every source is used and listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import contract
from bibliography import parse_bib
from conftest import ROOT

ENTRIES = {}
for path in sorted((ROOT / "bib").glob("*.bib")):
    ENTRIES.update(parse_bib(path.read_text(), path.name)[0])

CONTENT_PAGES = ["", *contract.TOPIC_PAGES]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")


def h2_sections(article):
    """(id, elements) for each H2 section of the article, up to the next H2."""
    for heading in article.find_all("h2"):
        elements = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            elements.append(sibling)
        yield heading["id"], elements


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_every_factual_h2_section_cites_a_source(site, page):
    article = soup_of(site, page).select_one("article")
    uncited = [section for section, elements in h2_sections(article)
               if section not in contract.SECTIONS_WITHOUT_FACTS
               and not any(el.select("a.footnote-ref") for el in elements if el.name != "section")]
    assert uncited == []


def test_every_source_in_bib_is_cited_on_some_page(site):
    cited = set()
    for page in contract.PAGES:
        cited |= {li["id"].removeprefix("fn:") for li in soup_of(site, page).select(".footnote li[id^='fn:']")}
    assert set(ENTRIES) - cited == set()


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_sources_listed_under_a_heading_in_order_of_first_citation(site, page):
    soup = soup_of(site, page)
    heading = soup.find("h2", id="sources")
    assert heading and heading.get_text(strip=True).startswith("Sources")
    footnotes = heading.find_next_sibling("div", class_="footnote")
    listed = [li["id"].removeprefix("fn:") for li in footnotes.select("li[id^='fn:']")]
    first_cited = list(dict.fromkeys(a["href"].split("#fn:")[-1] for a in soup.select("article a.footnote-ref")))
    assert listed == first_cited
    numbers = [int(a.get_text()) for a in soup.select("article a.footnote-ref")]
    assert sorted(set(numbers)) == list(range(1, len(listed) + 1))
    assert numbers[0] == 1


def test_dois_and_pubmed_ids_are_links(site):
    for page in contract.PAGES:
        for li in soup_of(site, page).select(".footnote li[id^='fn:']"):
            entry = ENTRIES[li["id"].removeprefix("fn:")]
            hrefs = {a["href"] for a in li.find_all("a", href=True)}
            if "doi" in entry.fields:
                assert f"https://doi.org/{entry.fields['doi']}" in hrefs
            if "pubmed" in entry.fields:
                assert f"https://pubmed.ncbi.nlm.nih.gov/{entry.fields['pubmed']}/" in hrefs


def test_references_page_lists_every_source_once_with_cited_on_links(site):
    soup = soup_of(site, "references/")
    article = soup.select_one("article")
    ids = [h["id"] for h in article.find_all("h3")]
    assert sorted(ids) == sorted(key.lower() for key in ENTRIES) and len(ids) == len(set(ids))
    for key in ENTRIES:
        heading = article.find("h3", id=key.lower())
        block = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            block.append(sibling)
        text = " ".join(el.get_text(" ") for el in block)
        assert "Cited on:" in text, key
        links = [a["href"] for el in block for a in el.find_all("a", href=True) if not a["href"].startswith("http")]
        assert links, key
        for href in links:
            target, _, fragment = href.partition("#")
            target_page = (Path("references") / target).resolve().relative_to(Path("references").resolve().parent)
            target_soup = BeautifulSoup((site / target_page / "index.html").read_text(), "lxml")
            assert not fragment or target_soup.find(id=fragment), href


def test_references_page_says_which_article_sources_lack_an_identifier(site):
    article = soup_of(site, "references/").select_one("article")
    for key, entry in ENTRIES.items():
        heading = article.find("h3", id=key.lower())
        following = heading.find_next_sibling(["p"]).find_next_sibling("p").get_text()
        has_id = any(entry.fields.get(f) for f in ("doi", "pubmed", "url", "isbn"))
        assert ("could be verified" in following) != has_id, key


def test_sources_are_searched_on_the_references_page_only_by_what_readers_type(site):
    import json

    index = json.loads((site / "search" / "search_index.json").read_text())
    assert index["config"]["apart"] == ["references/"]
    elsewhere = " ".join(doc["text"] for doc in index["docs"] if not doc["location"].startswith("references/"))
    assert "PMID" not in elsewhere and "doi:" not in elsewhere
    listed = {doc["location"]: doc["text"] for doc in index["docs"] if doc["location"].startswith("references/#")}
    for key, entry in ENTRIES.items():
        if "journal" in entry.fields:
            assert entry.fields["journal"] not in elsewhere
        text = listed[f"references/#{key.lower()}"]
        author = entry.persons["author"][0].last_names[0].strip("{}")
        assert author in text and entry.fields["title"].replace("{", "").replace("}", "")[:20] in text, key
        for detail in ("PMID", "doi:", "http", "accessed", "Cited on", UNVERIFIED_NOTICE[:20]):
            assert detail not in text, (key, detail)
        if "note" in entry.fields:
            assert entry.fields["note"][:25] not in text, key


def test_the_references_page_still_shows_each_source_whole(site):
    article = soup_of(site, "references/").select_one("article")
    for key, entry in ENTRIES.items():
        reference = article.find("h3", id=key.lower()).find_next_sibling("p")
        details = reference.select("span[data-search-exclude]")
        shown = reference.get_text()
        for field in ("note", "pubmed", "doi"):
            if field in entry.fields:
                assert details and entry.fields[field][:20] in details[0].get_text(), (key, field)
                assert entry.fields[field][:20] in shown, (key, field)
        if is_unverified(entry):
            assert UNVERIFIED_NOTICE in details[0].get_text(), key


# ------------------------------------------------------------------ sources we could not read

from bibliography import english, is_unverified  # noqa: E402

UNVERIFIED_NOTICE = english()("references.unverified")

UNVERIFIED = sorted(key for key, entry in ENTRIES.items() if is_unverified(entry))


def test_the_article_sources_we_could_not_read_are_marked_in_bib():
    assert UNVERIFIED == ["diener2013", "giuriato2018", "hollmann2009", "mihaylova2017"]


def entry_block(article, key: str) -> str:
    heading = article.find("h3", id=key.lower())
    text = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        text.append(sibling.get_text(" "))
    return " ".join(" ".join(text).split())


def test_references_page_says_which_sources_were_not_read(site):
    article = soup_of(site, "references/").select_one("article")
    for key in ENTRIES:
        assert (UNVERIFIED_NOTICE in entry_block(article, key)) == (key in UNVERIFIED), key


@pytest.mark.parametrize("page", list(contract.PAGES))
def test_every_sources_list_says_which_sources_were_not_read(site, page):
    for item in soup_of(site, page).select(".footnote li[id^='fn:']"):
        key = item["id"].removeprefix("fn:")
        assert (UNVERIFIED_NOTICE in " ".join(item.get_text(" ").split())) == (key in UNVERIFIED), (page, key)


SAFETY_PAGES = ["see-a-doctor/"]


def citation_groups(node) -> list[list[str]]:
    """The keys of each group of citations written together in a paragraph or list item."""
    groups, current = [], []
    for child in node.descendants:
        if getattr(child, "name", None) == "sup" and child.get("id", "").startswith("fnref"):
            current.append(child.a["href"].split("#fn:")[-1])
        elif getattr(child, "name", None) == "sup" and "citation-separator" in child.get("class", []):
            continue
        elif isinstance(child, str) and child.strip() and current and child.parent.name != "a":
            groups.append(current)
            current = []
    return groups + ([current] if current else [])


def test_no_safety_statement_rests_on_a_source_we_could_not_read_alone(site):
    """On the when-to-get-help page and in every warning box, each citation group names at
    least one source that we read."""
    places = [p for page in SAFETY_PAGES for p in soup_of(site, page).select("article p, article li")]
    for page in contract.PAGES:
        places += soup_of(site, page).select("article .admonition.danger p, article .admonition.danger li, "
                                             "article .admonition.warning p, article .admonition.warning li")
    groups = [group for place in places if not place.find_parent(class_="footnote") and
              not place.find_parent(class_="quiz") for group in citation_groups(place)]
    assert groups, "no citations found on the safety pages"
    alone = [group for group in groups if set(group) <= set(UNVERIFIED)]
    assert alone == []


def test_web_pages_show_when_they_were_read_not_a_publication_year(site):
    item = soup_of(site, "see-a-doctor/").select_one(".footnote li[id='fn:nhs-leg-cramps']")
    text = " ".join(item.get_text(" ").split())
    assert "(accessed November 2026)" in text and "2026." not in text.replace("November 2026)", "")


def test_cochrane_issue_number_is_shown_without_a_volume(site):
    item = soup_of(site, "magnesium/").select_one(".footnote li[id='fn:garrison2020']")
    assert "Cochrane Database of Systematic Reviews , Issue 9, 2020" in " ".join(item.get_text(" ").split())


def test_citations_cited_together_are_separated_by_a_comma_in_the_page(site):
    soup = soup_of(site, "basics/")
    separators = soup.select("article sup.citation-separator")
    assert separators
    for separator in separators:
        before, after = separator.find_previous_sibling(), separator.find_next_sibling()
        assert before.name == after.name == "sup" and before["id"].startswith("fnref") and after["id"].startswith("fnref")
        assert separator.previous_sibling is before and separator.next_sibling is after


def test_a_reference_splits_into_what_readers_search_for_and_its_details():
    from references import split_details

    whole = "A. Author. A title. A journal, 2013. PMID:1."
    searched = "A. Author. A title. A journal, 2013."
    assert split_details(whole, searched + " ") == (searched, " PMID:1.")
    assert split_details(whole, whole) == (whole, "")  # nothing to skip
    assert split_details(whole, "A. Author. Another order, 2013.") == (whole, "")  # the style wrote details elsewhere
    assert split_details(whole, "") == (whole, "")
