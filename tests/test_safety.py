"""What a reader who is worried right now must find, checked in the built HTML: when a painful leg
is an emergency, what "urgent" means and where to go, and that a long cramp is urgent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import contract

EMERGENCY_NUMBERS = ("999", "112", "911")
EMERGENCY_SIGNS = (r"short of breath|breathless", r"chest pain", r"cough(?:ing)? up blood")


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def section(soup: BeautifulSoup, section_id: str) -> list:
    """The heading with this id and everything after it up to the next heading of its level or higher."""
    heading = soup.find(id=section_id)
    level = int(heading.name[1])
    nodes = [heading]
    for sibling in heading.find_next_siblings():
        if re.fullmatch(r"h[1-6]", sibling.name or "") and int(sibling.name[1]) <= level:
            break
        nodes.append(sibling)
    return nodes


def emergency_box_problems(box) -> list[str]:
    """What a "call the emergency number now" box lacks: the numbers and the three signs."""
    text = text_of(box)
    missing = [number for number in EMERGENCY_NUMBERS if number not in text]
    missing += [sign for sign in EMERGENCY_SIGNS if not re.search(sign, text, re.I)]
    if not re.search(r"swollen", text, re.I):
        missing.append("a painful, swollen leg")
    return missing


@pytest.mark.parametrize("page, section_id", [
    ("see-a-doctor/", "urgent"), ("see-a-doctor/", "blood-clot"), ("", "when-to-get-help"),
])
def test_section_about_a_possible_clot_says_when_to_call_the_emergency_number(site, page, section_id):
    boxes = [box for node in section(soup_of(site, page), section_id)
             for box in ([node] if "danger" in node.get("class", []) else node.select(".admonition.danger"))]
    assert boxes, f"/{page}#{section_id} has no emergency box"
    assert emergency_box_problems(boxes[0]) == []
    assert boxes[0].select("a.footnote-ref[href='#fn:nhs-dvt']"), "the emergency signs must cite the NHS DVT page"


def test_glossary_blood_clot_entry_carries_the_emergency_signs(site):
    term = next(dt for dt in soup_of(site, "glossary/").select("dt") if "Blood clot" in dt.get_text())
    definition = term.find_next_sibling("dd")
    box = definition.select_one(".admonition.danger")
    assert box is not None and emergency_box_problems(box) == []
    assert re.search(r"same day", text_of(definition)) and "111" in text_of(definition)


def test_blood_clot_section_lists_the_signs_a_reader_can_check(site):
    text = text_of(BeautifulSoup("".join(map(str, section(soup_of(site, "see-a-doctor/"), "blood-clot"))), "lxml"))
    for sign in (r"one leg", r"cramp", r"throb", r"swell|swollen", r"warm", r"red", r"dark", r"hard|sore", r"vein"):
        assert re.search(sign, text, re.I), sign
    for risk in (r"operation|surgery", r"pregnan", r"pill|HRT"):
        assert re.search(risk, text, re.I), risk


def test_urgent_is_defined_as_same_day_with_a_place_to_go(site):
    text = text_of(BeautifulSoup("".join(map(str, section(soup_of(site, "see-a-doctor/"), "what-urgent-means"))), "lxml"))
    assert re.search(r"same day", text, re.I)
    assert "NHS 111" in text and re.search(r"urgent (GP )?appointment", text) and re.search(r"urgent care", text)


URGENT = re.compile(r"\burgent", re.I)
PLACE = re.compile(r"same day|NHS 111|urgent care|999|112|911", re.I)


@pytest.mark.parametrize("page", list(contract.PAGES))
def test_every_mention_of_urgent_help_says_where_to_go(site, page):
    """A paragraph or list item that tells the reader to get urgent help says what that means
    (the same day; NHS 111, an urgent GP appointment or urgent care) or links to where it is said."""
    article = soup_of(site, page).select_one("article")
    vague = []
    for node in article.select("p, li"):
        if node.find_parent(class_="footnote") or node.select("p, li") or node.find_parent("summary"):
            continue
        text = text_of(node)
        if not URGENT.search(text):
            continue
        links = [a.get("href", "") for a in node.select("a")]
        points_to_definition = any(re.search(r"see-a-doctor/(#.*)?$|#(what-urgent-means|urgent|same-day-signs|"
                                             r"when-to-get-help)$", href) for href in links)
        if not (PLACE.search(text) or points_to_definition):
            vague.append(text[:120])
    assert vague == []


LONG_CRAMP = re.compile(r"(longer|more) than 10 minutes", re.I)


@pytest.mark.parametrize("page", list(contract.PAGES))
def test_a_cramp_over_ten_minutes_is_always_called_urgent(site, page):
    article = soup_of(site, page).select_one("article")
    for node in article.select("p, li, .admonition"):
        if node.find_parent(class_="footnote") or "admonition-title" in node.get("class", []) or \
                (node.select("p, li") and "admonition" not in node.get("class", [])):
            continue
        text = text_of(node)
        if LONG_CRAMP.search(text):
            assert re.search(r"urgent|same day", text, re.I), text[:160]


def test_how_long_a_cramp_lasts_is_said_next_to_the_ten_minute_warning(site):
    text = text_of(BeautifulSoup("".join(map(str, section(soup_of(site, "basics/"), "what-is-a-cramp"))), "lxml"))
    assert re.search(r"10 minutes", text) and re.search(r"longer than 10 minutes.{0,80}urgent", text, re.I)
    assert not re.search(r"lasts a lot longer", text)


def test_prevention_page_covers_night_cramps(site):
    soup = soup_of(site, "prevention/")
    text = text_of(BeautifulSoup("".join(map(str, section(soup, "night-cramps"))), "lxml"))
    assert soup.select("#night-cramps a.footnote-ref, #night-cramps ~ p a.footnote-ref")
    assert re.search(r"before (bed|sleep|going to sleep)", text) and re.search(r"small", text)
    assert re.search(r"painkiller|paracetamol|ibuprofen", text, re.I)
    assert "night" in soup.title.get_text().lower()
