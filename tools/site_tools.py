"""What the report scripts and the tests share: build the real site the way `make build` does,
serve a folder on 127.0.0.1, and drive Debian's Chromium (never a downloaded one).

The report scripts in tools/ import this instead of the test suite's conftest, so a report
never depends on pytest; tests/conftest.py imports it too.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
for folder in ("hooks", "tools"):
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Only 127.0.0.1 resolves: a request to any other host fails at once and is still seen.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def mkdocs_build(config_file: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` the way `make build` does, capturing its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config_file.parent,
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on a free port of 127.0.0.1; returns (server, url)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def built_and_served() -> Iterator[tuple[Path, str]]:
    """The site built into a temporary folder for, and served on, a free port of 127.0.0.1
    (instant navigation needs `site_url` to match): (folder, base URL)."""
    with tempfile.TemporaryDirectory() as folder:
        server, url = serve(Path(folder))
        try:
            result = mkdocs_build(ROOT / "mkdocs.yml", Path(folder), site_url=url)
            if result.returncode:
                sys.exit(result.stderr)
            yield Path(folder), url
        finally:
            server.shutdown()
