"""Common words that are no misspelling: the search must not "correct" them.

The site's search engine (`docs/assets/search/engine.js`) corrects a word the site does not use to
the nearest word it does, so "magnesuim" finds magnesium. A common word of the language is no typo:
"injection" must not become "infection", nor "growing pains" "rowing pains". This module lists, for the search index, the common words
that the engine would otherwise correct:

- common: at least `PER_MILLION` in a million words of the word frequencies that pyspellchecker
  ships for the theme's language (none for a language it has no list for);
- at least `MIN_LENGTH` letters, as the engine corrects nothing shorter;
- not a word of the site, and within the engine's edit limit of one (`edit_limit`);
- not the same word with another ending or a prefix (`an_ending_apart`): "painfully" may well
  mean "painful", "asleep" is about sleep, "straighten" about straight, and "fibers" are fibres.

The engine's rules are mirrored here (`MIN_LENGTH`, `edit_limit`, `distance`); a word listed that
the engine would not have corrected only costs a few bytes of the index.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import importlib.util
import json
import math
import os
import re
import unicodedata
from pathlib import Path

PER_MILLION = 1.0
MIN_LENGTH = 6  # engine.js `correct`: shorter words are never corrected
MIN_SITE_WORD = 3  # engine.js `correct`: nor corrected into a shorter word
ENDINGS = {"s", "es", "d", "ed", "r", "er", "ers", "ing", "ings", "ly", "y", "ful", "ness"}
SAME_ROOT = 6  # "stati-ng" and "stati-n" are not one word; "diagnos-is" and "diagnos-e" are
PREFIXES = {"a", "un", "re", "in", "im", "dis", "mis", "non", "pre", "over", "under"}
WORD = re.compile(r"[a-z0-9]+")
TAG = re.compile(r"<[^>]*>")


def dictionary(language: str) -> Path | None:
    """pyspellchecker's word counts for `language` ("en-GB" uses the English list), if it has them."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyspellchecker is not installed: run `make serve` or `make test`, which install "
                           "requirements.txt, so the search knows which common words are no misspelling")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / f"{language.split('-')[0].lower()}.json.gz"
    return path if path.is_file() else None


def frequencies(language: str) -> dict[str, int]:
    """Word counts for `language`, read without importing pyspellchecker (its import builds a
    spell checker we do not need); empty when there is no list for it."""
    path = dictionary(language)
    if path is None:
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as data:
        return json.load(data)


def common(counts: dict[str, int], per_million: float = PER_MILLION) -> set[str]:
    """The words of at least `MIN_LENGTH` plain letters used at least `per_million` times in a million."""
    total = sum(counts.values())
    if not total:
        return set()
    least = math.ceil(total * per_million / 1_000_000)
    return {word for word, count in counts.items()
            if count >= least and len(word) >= MIN_LENGTH and word.isascii() and word.isalpha()}


def words(text: str) -> list[str]:
    """The words of a text or HTML fragment, as the engine splits them (lower case, no accents)."""
    plain = html.unescape(TAG.sub(" ", text or "")).lower()
    return WORD.findall(unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode())


def vocabulary(index: dict) -> set[str]:
    """Every word the engine knows: of the indexed titles, texts and reader words, and of the
    lexicon's reader phrases."""
    known: set[str] = set()
    for doc in index.get("docs", []):
        for field in ("title", "text", "keywords"):
            known.update(words(str(doc.get(field) or "")))
    for entry in index.get("config", {}).get("lexicon", []):
        for phrase in entry.get("reader", []):
            known.update(words(phrase))
    return known


def edit_limit(word: str) -> int:
    """engine.js `correct`: one edit, two for words of 9 letters or more."""
    return 2 if len(word) >= 9 else 1


def distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`, or `limit + 1`
    when there are more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def deletions(word: str, depth: int) -> set[str]:
    """The word with up to `depth` (1 or 2) letters taken out: two words within `depth` edits share one."""
    found = {word[:i] + word[i + 1:] for i in range(len(word))}
    found.add(word)
    if depth > 1:
        found.update(word[:i] + word[i + 1:j] + word[j + 1:] for i in range(len(word)) for j in range(i + 1, len(word)))
    return found


def near_site_words(candidates: set[str], site_words: set[str]) -> dict[str, list[str]]:
    """Each candidate within the engine's edit limit of site words other than itself, with them."""
    by_deletion: dict[str, list[str]] = {}
    for site_word in site_words:
        if len(site_word) >= MIN_SITE_WORD:
            for key in deletions(site_word, edit_limit(site_word) if len(site_word) >= MIN_LENGTH else 1):
                by_deletion.setdefault(key, []).append(site_word)
    found = {}
    for word in candidates:
        limit = edit_limit(word)
        near = {site_word for key in deletions(word, limit) for site_word in by_deletion.get(key, ()) if site_word != word}
        near = sorted(site_word for site_word in near if distance(word, site_word, limit) <= limit)
        if near:
            found[word] = near
    return found


def near_site_words_of(language: str, source: str, cache: Path) -> dict[str, list[str]]:
    """`near_site_words` for the common words of `language` and the words of `source` (the pages'
    sources and the lexicon's reader phrases, which hold every word the index will hold, and
    more). Run beside the page renderer; kept in `cache` under a hash of all it depends on, as
    it takes a third of a second and changes only with a new word."""
    path = dictionary(language)
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{language}\0{path}\0{path.stat().st_size if path else 0}\0".encode())
    digest.update(source.encode("utf-8"))
    cached = cache / f"{digest.hexdigest()[:32]}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    near = near_site_words(common(frequencies(language)), set(words(source)))
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob("*.json"):  # one site, one list: the last one
        old.unlink(missing_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")  # a stopped build leaves no half file to reuse
    partial.write_text(json.dumps(near), encoding="utf-8")
    partial.replace(cached)
    return near


def keep_as_typed(near: dict[str, list[str]], index: dict) -> list[str]:
    """The common words the engine must not correct: not in the index, but near a word of it that
    is not the same word with another ending."""
    known = vocabulary(index)
    return sorted(word for word, site_words in near.items() if word not in known and (indexed := [
        site_word for site_word in site_words if site_word in known]) and not any(
        an_ending_apart(word, site_word) for site_word in indexed))


def an_ending_apart(word: str, other: str) -> bool:
    """Whether the two words are one word with another ending or a prefix: an inflection or
    suffix added ("painful", "painfully"), a prefix ("sleep", "asleep"), another ending of a root
    of `SAME_ROOT` letters or more ("diagnosis", "diagnose"; "straighten", "straight"), or the
    American spelling of a British one ("fibers", "fibres"). The same idea, so the site's word serves."""
    short, long = sorted((word, other), key=len)
    root = len(os.path.commonprefix([word, other]))
    return (long.startswith(short) and long[len(short):] in ENDINGS) or \
        (long.endswith(short) and long[:len(long) - len(short)] in PREFIXES) or \
        (root >= SAME_ROOT and len(word) - root <= 2 and len(other) - root <= 2) or \
        british(word) == other or british(other) == word


def british(word: str) -> str | None:
    """The British form of a word in American "-er" or "-ers" ("fibers", "fibres")."""
    for ending, replacement in (("ers", "res"), ("er", "re")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)] + replacement
    return None
