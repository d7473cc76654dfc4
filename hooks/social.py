"""Link previews: a social card image per page, drawn at build time with no network.

A page shared in a mail client or a social feed shows an image; Material's social plugin
fetches its fonts from Google, so this hook draws the cards itself with Pillow and the fonts
committed in `hooks/fonts/` (DejaVu, under the Bitstream Vera licence in that folder).

- `card_for` (once the page's description is known) names its card
  (`assets/social/<page>.png`) and the card's text alternative in `page.meta`, for the Open
  Graph and Twitter tags of `overrides/main.html`.
- `submit_card` writes a card (site name, page title and description) in the background
  (`background.pool`) while the build goes on. Drawing and PNG-encoding a card is the slowest
  step of a build, so each card is kept in a cache outside `site/`
  (`.cache/social-cards/`) under a hash of everything it is drawn from (its text, this module
  and the fonts) and copied from there while none of that changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:  # Pillow is imported where a card is drawn: a build whose cards are all cached never loads it
    from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).parent / "fonts"
SIZE = (1200, 630)
BACKGROUND = "#00695c"
FOREGROUND = "#ffffff"
MUTED = "#c8e6e2"
MARGIN = 80
FOLDER = "assets/social"
CACHE = ".cache/social-cards"  # next to mkdocs.yml; not published


@dataclass(frozen=True)
class Card:
    path: str
    site_name: str
    title: str
    description: str

    @property
    def alt(self) -> str:
        return f"{self.site_name}: {self.title}"


def card_path(page_url: str) -> str:
    """'assets/social/causes.png' for 'causes/'; the home page is 'index'."""
    slug = page_url.strip("/").replace("/", "-") or "index"
    return f"{FOLDER}/{slug}.png"


def fitting_prefix(text: str, fits) -> int:
    """The length of the longest prefix of `text` that `fits` (at least one character)."""
    low, high = 1, len(text)
    while low < high:  # binary search: log2(len) measurements
        middle = (low + high + 1) // 2
        if fits(text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def split_long_word(word: str, fits) -> list[str]:
    """A word too long for one line, cut into pieces that fit: after a hyphen where it can,
    otherwise between letters. Each piece is at least one character, so this always ends."""
    pieces = []
    while word and not fits(word):
        cut = fitting_prefix(word, fits)
        hyphen = word.rfind("-", 0, cut)
        if hyphen > 0:
            cut = hyphen + 1
        pieces.append(word[:cut])
        word = word[cut:]
    return pieces + ([word] if word else [])


def wrap_lines(text: str, fits, max_lines: int) -> list[str]:
    """Lines of `text` for which `fits(line)` holds, at most `max_lines`, the last one shortened
    with an ellipsis if the text is longer. Every loop consumes input, so any text ends."""
    lines: list[str] = []
    line = ""
    for word in (piece for word in text.split() for piece in split_long_word(word, fits)):
        candidate = f"{line} {word}".strip()
        if fits(candidate):
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and not fits(last + " …"):
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = f"{last} …".strip()
    return lines


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Lines of `text` that fit `width` pixels in `font`, at most `max_lines`."""
    return wrap_lines(text, lambda line: draw.textlength(line, font=font) <= width, max_lines)


@lru_cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A committed font, read from disk once per build rather than once per card."""
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / name), size)


def draw_card(card: Card) -> Image.Image:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    regular = font("DejaVuSans.ttf", 34)
    bold = font("DejaVuSans-Bold.ttf", 64)
    width = SIZE[0] - 2 * MARGIN
    draw.text((MARGIN, MARGIN), card.site_name, font=regular, fill=MUTED)
    y = MARGIN + 90
    for line in wrap(draw, card.title, bold, width, 3):
        draw.text((MARGIN, y), line, font=bold, fill=FOREGROUND)
        y += 80
    for line in wrap(draw, card.description, regular, width, 4):
        y += 4
        draw.text((MARGIN, y + 20), line, font=regular, fill=MUTED)
        y += 46
    return image


@lru_cache
def design_fingerprint() -> str:
    """A hash of what every card's look depends on: this module's code and the fonts."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(FONTS.glob("*.ttf")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def card_key(card: Card, design: str) -> str:
    """The cache name of a card: it changes when its text or the design changes."""
    text = "\0".join((design, card.site_name, card.title, card.description))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + ".png"


def write_card(card: Card, target: Path, cache: Path, design: str) -> bool:
    """Write the card to `target`, from the cache when it was drawn before; returns whether it
    had to be drawn. A new card reaches the cache through a temporary file and a rename, so an
    interrupted build never leaves half a PNG to be reused."""
    cached = cache / card_key(card, design)
    drawn = not cached.is_file()
    if drawn:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        draw_card(card).save(partial, format="PNG")  # optimize=True saves 5 % of the bytes at 4x the time
        partial.replace(cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return drawn


# ----------------------------------------------------------------------------- the build

def card_for(page, config) -> Card:
    """The card of a rendered page, named in its meta for the link-preview tags."""
    title = Markup(page.title).striptags() if page.title else config.site_name  # plain text, entities decoded
    card = Card(card_path(page.url), config.site_name, title,
                str(page.meta.get("description") or config.site_description or ""))
    page.meta["social_image"] = (config.site_url or "/").rstrip("/") + "/" + card.path
    page.meta["social_image_alt"] = card.alt
    return card


def submit_card(pool: Executor, card: Card, config) -> Future:
    """Start writing a card; the build waits for the job at its end (and raises what went wrong)."""
    cache = Path(config.config_file_path).parent / CACHE
    return pool.submit(write_card, card, Path(config.site_dir) / card.path, cache, design_fingerprint())
