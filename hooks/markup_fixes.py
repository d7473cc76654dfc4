"""Markup fixes: Material's own HTML that the Nu Html Checker rejects, mended after rendering.

Material 9.8 writes `autocomplete="off"` on its two checkbox toggles (HTML allows the attribute
only on text-like inputs) and `tabindex=""` on the labels of navigation sections (an empty
tabindex is not an integer). Both sit deep in `base.html` and `partials/nav-item.html`; copying
those templates to change one attribute each would freeze large parts of the theme at this
version, so `mend` removes the two attributes from every finished page (and from 404.html)
instead. Its search share link is `href="javascript:void(0)"` until a query is typed (its
script then sets the real URL and cancels the click); a `javascript:` URL breaks the
Content-Security-Policy (hooks/hosting.py stops the build on one), so it becomes `href="#"`.
Nothing else is touched: each pattern matches only the exact markup Material writes.
"""

from __future__ import annotations

import re

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
TITLED_LINK = re.compile(r'(<a class="(?:headerlink|footnote-backref)" href="[^"]*") title=')
UNNAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
SCRIPT_URL_SHARE_LINK = '<a href="javascript:void(0)" class="md-search__icon md-icon"'
PLAIN_SHARE_LINK = '<a href="#" class="md-search__icon md-icon"'


def mend(html: str) -> str:
    """The page without Material's invalid attributes, with a name for its search dialog, with
    accessible names instead of tooltips on permalinks and back-links, and without a
    `javascript:` URL on the search share link."""
    html = EMPTY_TABINDEX.sub(r"\1", CHECKBOX_AUTOCOMPLETE.sub(r"\1", html))
    html = TITLED_LINK.sub(r"\1 aria-label=", html)
    html = html.replace(SCRIPT_URL_SHARE_LINK, PLAIN_SHARE_LINK)
    return html.replace(UNNAMED_SEARCH_DIALOG, NAMED_SEARCH_DIALOG)
