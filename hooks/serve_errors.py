"""Build errors under `mkdocs serve` shown in the browser, not only in the terminal.

When a rebuild fails, MkDocs logs the error and leaves the browser waiting on a site that it has
already emptied. This hook wraps the server's builder: a failed rebuild writes a page with the
error at every address the last good build had (and as the 404 page, for any other address), so
the page the editor was looking at shows what to fix. Those pages carry MkDocs' live-reload
script, so the browser reloads by itself once the error is fixed and the rebuild succeeds. The
error is still printed in the terminal.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.serve_errors")

TEMPLATE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Build error</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#fff3f0;border-left:4px solid #b33000;padding:1rem}}</style></head>
<body>
<main>
<h1>The site did not build</h1>
<p>The last change stopped the build. Fix the problem below and save: this page reloads by itself.</p>
<pre>{message}</pre>
</main>
</body>
</html>
"""


def error_page(message: str) -> str:
    """A page that shows a build error as text."""
    return TEMPLATE.format(message=html.escape(message))


def pages_of(site_dir: Path) -> list[Path]:
    """The HTML files of a built site, relative to it."""
    return [path.relative_to(site_dir) for path in site_dir.rglob("*.html")] if site_dir.is_dir() else []


def write_error_pages(site_dir: Path, pages: list[Path], message: str) -> None:
    """The error page at every address of the last good build, and as the 404 page."""
    page = error_page(message)
    for relative in {*pages, Path("index.html"), Path("404.html")}:
        target = site_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")


class Collected(logging.Handler):
    """The warnings and errors logged during one build: MkDocs logs a build error, then raises
    only "Aborted with a BuildError!"."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def show_errors_in_browser(server, config):
    """Wrap the server's builder so that a failed rebuild shows its error in the browser."""
    site_dir = Path(config.site_dir)
    rebuild = server.builder

    def rebuild_showing_errors():
        pages = pages_of(site_dir)
        collected = Collected()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(collected)
        try:
            rebuild()
        except Exception as error:  # every build error, ours and MkDocs' own (strict mode)
            message = "\n".join([*collected.messages, str(error) or type(error).__name__])
            log.info("The browser shows the build error until it is fixed.")
            write_error_pages(site_dir, pages, message)
        finally:
            mkdocs_log.removeHandler(collected)

    server.builder = rebuild_showing_errors
    return server
