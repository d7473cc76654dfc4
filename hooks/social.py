"""Link previews: a social card image per page, drawn at build time with no network.

A page shared in a mail client or a social feed shows an image; Material's social plugin
fetches its fonts from Google, so this hook draws the cards itself with Pillow and the fonts
committed in `hooks/fonts/` (DejaVu, under the Bitstream Vera licence in that folder).

- `on_page_context` (after the page's description is known) names its card
  (`assets/social/<page>.png`) and the card's text alternative in `page.meta`, for the Open
  Graph and Twitter tags of `overrides/main.html`.
- `on_post_build` draws every card: site name, page title and description.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).parent / "fonts"
SIZE = (1200, 630)
BACKGROUND = "#00695c"
FOREGROUND = "#ffffff"
MUTED = "#c8e6e2"
MARGIN = 80
FOLDER = "assets/social"


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


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Lines of `text` that fit `width` pixels, at most `max_lines`, the last one shortened
    with an ellipsis if the text is longer."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while draw.textlength(lines[-1] + " …", font=font) > width:
            lines[-1] = lines[-1].rsplit(" ", 1)[0]
        lines[-1] += " …"
    return lines


@lru_cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A committed font, read from disk once per build rather than once per card."""
    return ImageFont.truetype(str(FONTS / name), size)


def draw_card(card: Card) -> Image.Image:
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


# ----------------------------------------------------------------------------- MkDocs events

cards: list[Card] = []


def on_config(config):
    cards.clear()
    return config


def on_page_context(context, page, config, nav):
    # After the page is rendered to HTML, so other hooks have set its description.
    card = Card(card_path(page.url), config.site_name, page.title or config.site_name,
                str(page.meta.get("description") or config.site_description or ""))
    cards.append(card)
    page.meta["social_image"] = (config.site_url or "/").rstrip("/") + "/" + card.path
    page.meta["social_image_alt"] = card.alt
    return context


def on_post_build(config):
    for card in cards:
        target = Path(config.site_dir) / card.path
        target.parent.mkdir(parents=True, exist_ok=True)
        draw_card(card).save(target)  # optimize=True saves 5 % of the bytes at 4x the time
