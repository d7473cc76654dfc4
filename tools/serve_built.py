"""Serve a built site the way its host would: with exactly the headers of its `_headers` file.

The file is parsed with the same parser as the tests (`hooks/http_headers.py`) and read again
at every request, so a rebuild shows at once. Rules match like Netlify's and Cloudflare
Pages': every rule whose pattern matches the request path adds its headers (`*` matches
anything, `:name` one segment). Also like those hosts: `/folder` redirects to `/folder/`,
`/folder/` serves `folder/index.html`, a missing path gets `404.html` with status 404, and
`_headers` itself is not served. When the client accepts it and `make compress` wrote one, the
`.br` or `.gz` copy is sent with its Content-Encoding.

    python tools/serve_built.py SITE_DIR [--port 8001] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import http.server
import mimetypes
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from http_headers import headers_for, parse_headers_file  # noqa: E402

HEADERS_FILE = "_headers"
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
         ".map": "application/json", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json",
         ".xml": "application/xml", ".gz": "application/gzip"}
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
TEXT_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header accepts (`;q=0` refuses one)."""
    accepted = set()
    for item in header.split(","):
        name, *params = [part.strip() for part in item.split(";")]
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name and quality > 0:
            accepted.add(name.lower())
    return accepted


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith(TEXT_TYPES) else kind


class HostLikeHandler(http.server.BaseHTTPRequestHandler):
    site: Path  # set by make_server
    server_version = "serve-built"
    sys_version = ""

    def do_GET(self):
        self.respond(body=True)

    def do_HEAD(self):
        self.respond(body=False)

    def log_message(self, format, *args):
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)

    def resolve(self, path: str) -> Path | None:
        """The file for a URL path, or None: nothing outside the site, never `_headers`."""
        target = (self.site / path.lstrip("/")).resolve()
        if self.site != target and self.site not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or target.name == HEADERS_FILE:
            return None
        return target

    def respond(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path) or "/"
        if not path.endswith("/") and (self.site / path.lstrip("/")).is_dir():
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = self.resolve(path)
        status = 200
        if target is None:
            status, target = 404, self.site / "404.html"
        headers_file = self.site / HEADERS_FILE
        rules = parse_headers_file(headers_file.read_text(encoding="utf-8")) if headers_file.exists() else []
        served, encoding = target, None
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        variants = [(name, target.with_name(target.name + suffix)) for name, suffix in ENCODINGS]
        for name, variant in variants:
            if name in accepted and variant.is_file():
                served, encoding = variant, name
                break
        data = served.read_bytes() if served.is_file() else b"Not found\n"
        self.send_response(status)
        self.send_header("Content-Type", content_type(target) if target.is_file() else "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if any(variant.is_file() for _, variant in variants):
            self.send_header("Vary", "Accept-Encoding")
        for name, value in headers_for(rules, path).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)


def make_server(site: Path, host: str = "127.0.0.1", port: int = 0,
                quiet: bool = False) -> http.server.ThreadingHTTPServer:
    """A server for `site` bound to host:port (0: a free port); call serve_forever()."""
    handler = type("Handler", (HostLikeHandler,), {"site": site.resolve()})
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.quiet = quiet
    server.daemon_threads = True
    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site with the headers of its _headers file.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    if not (args.site / HEADERS_FILE).is_file():
        parser.error(f"{args.site / HEADERS_FILE} is missing: build the site first (make build)")
    server = make_server(args.site, args.host, args.port)
    print(f"Serving {args.site} with the headers of {args.site / HEADERS_FILE} at "
          f"http://{args.host}:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
