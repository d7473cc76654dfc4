"""Scripts that only some pages need (a quiz, a checklist), added to those pages only.

A feature marks a page in `page.meta` when it renders its block there; the script is appended
to the page's content, deferred, so it never holds up the first paint and pages without the
feature never load it. (Its stylesheet is linked in the head by overrides/main.html.)
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url


def with_script(html_text: str, page, script: str, flag: str) -> str:
    """The page's HTML, plus a deferred `<script>` for `script` if `page.meta[flag]` is set."""
    if not page.meta.get(flag):
        return html_text
    return f'{html_text}\n<script src="{get_relative_url(script, page.url)}" defer></script>\n'
