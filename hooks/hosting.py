"""Ready to host: the response headers of the built site, written as build output.

`write_headers` (called by hooks/site_build.py after every other writer, when mkdocs.yml has
`extra: hosting:`) reads the built pages and writes:

- `_headers` in the site folder, the file Netlify and Cloudflare Pages read: a
  Content-Security-Policy whose `script-src` lists the SHA-256 of every inline script in the
  built HTML (so the policy stays true when a template changes), the other security headers,
  and one Cache-Control per file (long-lived only for file names with a content hash);
- the same rules for nginx and Caddy, into the folder named by `server_snippets` (relative to
  mkdocs.yml), when it is set.

The build stops, naming the page, the line and the fix, if a page has markup the policy would
block and no hash can allow: an inline event handler (`onclick=`), a `javascript:` URL, or an
inline `style=` attribute when `style-src` does not allow inline styles.

Everything about the site is configuration, under `extra: hosting:` in mkdocs.yml:

    content_security_policy: {directive: sources, ...}   # hashes are added to script-src/style-src
    headers: {Name: value, ...}                         # sent with every response
    cache:
      hashed_name: regular expression a content-hashed file name matches
      long_lived: Cache-Control for those files
      revalidate: Cache-Control for every other file
    server_snippets: deploy                             # optional
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from build_errors import SourceError, raise_all
from http_headers import (HeadersSyntaxError, Rule, cache_rules, content_security_policy, csp_source_hash,
                          header_values, headers_for, merge_rules, parse_headers_file, policy_directives,
                          PageScan, render_caddy, render_headers_file, render_nginx, scan_html,
                          unsafe_script_sources)

HEADERS_FILE = "_headers"
LINE_LIMIT = 2000  # Cloudflare Pages ignores longer lines of a _headers file
COMMENT = ("Written by hooks/hosting.py from the built site at every build: do not edit.\n"
           "The policy is configured under `extra: hosting:` in mkdocs.yml.")


def settings_errors(settings) -> list[SourceError]:
    """What is missing or unsafe in the `hosting` configuration."""
    def error(problem: str, fix: str) -> SourceError:
        return SourceError("mkdocs.yml", None, f"extra.hosting: {problem}", fix)

    if not isinstance(settings, dict):
        return [error("the hosting configuration is missing",
                      "add `extra: hosting:` with content_security_policy, headers and cache (see hooks/hosting.py)")]
    errors = []
    policy = settings.get("content_security_policy")
    if not isinstance(policy, dict) or "script-src" not in policy:
        errors.append(error("content_security_policy needs a script-src directive", "add `script-src: \"'self'\"`"))
    elif unsafe := unsafe_script_sources(policy):
        errors.append(error(f"script-src allows {', '.join(unsafe)}, which lets an injected script run",
                            "remove it: inline scripts are allowed by their hashes, which the build adds"))
    if not isinstance(settings.get("headers", {}), dict):
        errors.append(error("headers must be a mapping of header names to values", "write `Name: value` lines"))
    cache = settings.get("cache")
    if not isinstance(cache, dict) or not {"hashed_name", "long_lived", "revalidate"} <= cache.keys():
        errors.append(error("cache needs hashed_name, long_lived and revalidate", "add the three keys"))
    else:
        try:
            re.compile(cache["hashed_name"])
        except re.error as problem:
            errors.append(error(f"cache.hashed_name is not a regular expression ({problem})", "correct it"))
    return errors


def site_files(site_dir: Path) -> list[str]:
    """Every file the host serves, relative to the site folder."""
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                  if path.is_file() and path.name != HEADERS_FILE)


@dataclass(frozen=True)
class EarlyScan:
    """A page scanned in the background as it was rendered: used at the end only if the file
    written is still that text, and was scanned by the same rule for style attributes."""

    digest: bytes
    check_style_attributes: bool
    job: Future


def digest(html: str) -> bytes:
    return hashlib.sha256(html.encode("utf-8")).digest()


def check_style_attributes(settings) -> bool:
    """Whether `style=` attributes are blocked: unless style-src (or default-src) allows inline styles."""
    policy = settings.get("content_security_policy") if isinstance(settings, dict) else None
    if not isinstance(policy, dict):
        return True
    return "'unsafe-inline'" not in str(policy.get("style-src", policy.get("default-src", ""))).split()


def scan_early(pool: Executor, html: str, settings) -> EarlyScan:
    """Scan a page while the build goes on (the scan is most of the cost of the headers)."""
    check = check_style_attributes(settings)
    return EarlyScan(digest(html), check, pool.submit(scan_html, html, check))


def page_scans(site_dir: Path, paths: list[str], check: bool, early: Mapping[str, EarlyScan]) -> dict[str, PageScan]:
    """The scan of every page as written: from the background where it scanned the same text,
    scanned now otherwise (pages written outside the page renderer, or changed after it)."""
    scans = {}
    for path in paths:
        html = (site_dir / path).read_text(encoding="utf-8")
        before = early.get(path)
        if before is not None and before.check_style_attributes == check and before.digest == digest(html):
            scans[path] = before.job.result()
        else:
            scans[path] = scan_html(html, check_style_attributes=check)
    return scans


def header_rules(settings: dict, scans: Mapping[str, PageScan], files: list[str]) -> tuple[list[Rule], list[SourceError]]:
    """The rules for a site whose pages' scans (path → `PageScan`) and files are given, and the
    errors of pages that hold markup the policy cannot allow."""
    policy = {name: str(value) for name, value in settings["content_security_policy"].items()}
    inline_styles = not check_style_attributes(settings)
    scripts: set[str] = set()
    styles: set[str] = set()
    errors = []
    for path, scan in sorted(scans.items()):
        scripts.update(map(csp_source_hash, scan.scripts))
        styles.update(map(csp_source_hash, scan.styles))
        errors += [SourceError(path, blocked.line, blocked.problem, blocked.fix) for blocked in scan.blocked]
    csp = content_security_policy(policy, scripts, () if inline_styles else styles)
    common = (("Content-Security-Policy", csp),
              *((str(name), str(value)) for name, value in settings.get("headers", {}).items()))
    if len(f"  Content-Security-Policy: {csp}") > LINE_LIMIT:
        errors.append(SourceError("mkdocs.yml", None, f"the Content-Security-Policy is longer than {LINE_LIMIT} "
                                  "characters, the most a _headers line may hold",
                                  "move inline scripts into files under docs/assets/"))
    cache = settings["cache"]
    hashed = re.compile(cache["hashed_name"])
    rules = merge_rules([Rule("/*", common),
                         *cache_rules(files, lambda path: bool(hashed.search(path)),
                                      str(cache["long_lived"]), str(cache["revalidate"]))])
    return rules, errors


def write_headers(config, early: Mapping[str, EarlyScan] = {}) -> None:
    """`_headers` and the server snippets, from the finished site: run after every other
    writer. `early` holds the pages already scanned in the background, by path."""
    settings = config.extra.get("hosting")
    raise_all(settings_errors(settings))
    site_dir = Path(config.site_dir)
    files = site_files(site_dir)
    scans = page_scans(site_dir, [path for path in files if path.endswith(".html")],
                       check_style_attributes(settings), early)
    rules, errors = header_rules(settings, scans, files)
    raise_all(errors)
    (site_dir / HEADERS_FILE).write_text(render_headers_file(rules, COMMENT), encoding="utf-8")
    if settings.get("server_snippets"):
        folder = Path(config.config_file_path).parent / settings["server_snippets"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "nginx.conf").write_text(render_nginx(rules, COMMENT + NGINX_USE), encoding="utf-8")
        (folder / "Caddyfile").write_text(render_caddy(rules, COMMENT + CADDY_USE), encoding="utf-8")


NGINX_USE = """
Use: inside the site's `server { }` block, after `root /path/to/site;`, add
  include /path/to/deploy/nginx.conf;
  error_page 404 /404.html;
  gzip_static on;      # serves the .gz files of `make compress`
  brotli_static on;    # the .br files, with the ngx_brotli module
and copy this file again, then reload nginx, at every deploy: the script hashes change with the pages."""

CADDY_USE = """
Use: inside the site's block, next to `root * /path/to/site`, add
  import /path/to/deploy/Caddyfile
  file_server {
  	precompressed br gzip    # serves the .br and .gz files of `make compress`
  }
  handle_errors {
  	rewrite * /404.html
  	file_server
  }
and copy this file again, then reload Caddy, at every deploy: the script hashes change with the pages."""


def built_site_problems(site_dir: Path) -> list[str]:
    """What would make a built site unsafe to publish as it is: `_headers` missing, unreadable
    or out of date with the pages (an inline script without its hash, a hash no page uses), a
    file with no Cache-Control or with two. Used by `tools/deploy.py` before anything leaves
    the machine."""
    headers_file = site_dir / HEADERS_FILE
    if not headers_file.is_file():
        return [f"{headers_file} is missing: build the site with `extra: hosting:` in mkdocs.yml"]
    try:
        rules = parse_headers_file(headers_file.read_text(encoding="utf-8"))
    except HeadersSyntaxError as error:
        return [f"{headers_file}: {error}"]
    problems = []
    files = site_files(site_dir)
    policy = policy_directives(headers_for(rules, "/").get("Content-Security-Policy", ""))
    listed = {kind: {source for source in policy.get(kind, []) if source.startswith("'sha256-")}
              for kind in ("script-src", "style-src")}
    used: dict[str, set[str]] = {"script-src": set(), "style-src": set()}
    for path in (path for path in files if path.endswith(".html")):
        scan = scan_html((site_dir / path).read_text(encoding="utf-8"), check_style_attributes=False)
        used["script-src"].update(map(csp_source_hash, scan.scripts))
        if listed["style-src"]:
            used["style-src"].update(map(csp_source_hash, scan.styles))
        if missing := set(map(csp_source_hash, scan.scripts)) - listed["script-src"]:
            problems.append(f"{path}: {len(missing)} inline script(s) without a hash in {HEADERS_FILE}: rebuild the site")
    for kind in listed:
        if unused := sorted(listed[kind] - used[kind]):
            problems.append(f"{HEADERS_FILE} {kind} allows code no page holds ({' '.join(unused)}): rebuild the site")
    for path in files:
        urls = [f"/{path}", f"/{path[:-len('index.html')]}"] if path.endswith("index.html") else [f"/{path}"]
        for url in urls:
            count = sum(name.lower() == "cache-control" for name, _ in header_values(rules, url))
            if count != 1:
                problems.append(f"{url} gets {count} Cache-Control headers from {HEADERS_FILE}, not one: rebuild the site")
    return problems
