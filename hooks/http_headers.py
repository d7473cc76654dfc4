"""Response headers for a static site, computed from the built files: a Content-Security-Policy
whose script hashes are those of the inline scripts really in the pages, security headers, and
cache rules that give long-lived caching only to files whose names carry a content hash.

Everything here is a plain function of text: `hooks/hosting.py` feeds it the built site and
writes the results; `tools/serve_built.py`, `tools/deploy.py` and the tests read the same
`_headers` file back with `parse_headers_file`.

- `scan_html` walks a page once with an HTML parser (libxml2's) and returns the text of
  every inline script the browser runs (and of every `<style>` element), plus the markup a
  policy without 'unsafe-inline' would block and no hash can allow: `on*` event handler
  attributes, `javascript:` URLs and, unless styles may be inline, `style` attributes.
- `csp_source_hash` hashes what the browser hashes: the element's text as served, UTF-8.
- `cache_rules` gives every file exactly one Cache-Control: a path pattern never overlaps
  another that sets it, because Netlify and Cloudflare Pages combine the headers of every rule
  a path matches.
- `render_headers_file` writes the Netlify / Cloudflare Pages `_headers` format;
  `render_nginx` and `render_caddy` write the same rules for those servers.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import lxml.etree
import lxml.html

PARSER = lxml.html.HTMLParser(encoding="utf-8")
# https://html.spec.whatwg.org/#javascript-mime-type: a script of one of these types runs.
JAVASCRIPT_TYPES = {
    "", "module", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}
# Not run as code, but Content-Security-Policy checks them against script-src like a script.
POLICED_SCRIPT_TYPES = {"importmap", "speculationrules"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}
LEADING_IGNORED = "".join(map(chr, range(0x21)))  # C0 controls and space
UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:"}


@dataclass(frozen=True)
class Blocked:
    """Markup the policy would block and no hash can allow: where it is and how to mend it."""

    line: int
    problem: str
    fix: str


@dataclass(frozen=True)
class PageScan:
    scripts: tuple[str, ...]  # the text of each inline script the browser checks, as served
    styles: tuple[str, ...]  # the text of each <style> element
    blocked: tuple[Blocked, ...]


@dataclass(frozen=True)
class Rule:
    """One block of a `_headers` file: a path pattern and the headers it adds."""

    path: str
    headers: tuple[tuple[str, str], ...]


def script_is_policed(attrs: Mapping[str, str | None]) -> bool:
    """Whether an inline `<script>` with these attributes is checked against script-src:
    JavaScript and modules, import maps and speculation rules are; JSON and other data blocks
    (`type="application/json"`) are not, and an external script (`src=`) has no inline text."""
    if "src" in attrs:
        return False
    kind = (attrs.get("type") or "").strip().lower()
    if not kind and attrs.get("language"):
        kind = "text/" + str(attrs["language"]).strip().lower()
    return kind in JAVASCRIPT_TYPES or kind in POLICED_SCRIPT_TYPES


def is_javascript_url(value: str) -> bool:
    """`javascript:` as a browser reads it: leading spaces and control characters dropped, tabs
    and line breaks removed anywhere, in any case."""
    if ":" not in value:  # most URLs of a page: relative ones
        return False
    cleaned = re.sub(r"[\t\n\r]", "", value).lstrip(LEADING_IGNORED)
    return cleaned.lower().startswith("javascript:")


def blocked_attribute(tag: str, name: str, value: str, line: int, check_style_attributes: bool) -> Blocked | None:
    """What no hash can allow in an element's attribute: an event handler, a `javascript:` URL
    and, unless styles may be inline, `style`."""
    if name.startswith("on") and len(name) > 2:
        return Blocked(line, f'<{tag}> has an inline event handler {name}="…"',
                       f"attach the handler with addEventListener in a .js file and remove {name}")
    if name in URL_ATTRIBUTES and value and is_javascript_url(value):
        return Blocked(line, f'<{tag}> has a javascript: URL in {name}="{value}"',
                       "use a real URL, or a <button> whose click listener lives in a .js file")
    if name == "style" and check_style_attributes:
        return Blocked(line, f'<{tag}> has an inline style="{value}"',
                       "give the element a class and put the rule in a stylesheet")
    return None


# Only the elements and attributes the policy cares about, found by libxml2 rather than by
# walking every element in Python: attributes that may hold an event handler, a URL or a style.
SUSPECT_ATTRIBUTES = lxml.etree.XPath(
    "//@*[starts-with(name(), 'on') or name() = 'style' or (contains(., ':') and ("
    + " or ".join(f"name() = '{name}'" for name in sorted(URL_ATTRIBUTES)) + "))]")


def scan_html(html: str, check_style_attributes: bool = True) -> PageScan:
    """The inline scripts and styles of a page, and the markup the policy cannot allow.

    libxml2's HTML parser (through lxml) reads script and style text raw, as the browser does,
    and is fast enough to read every page of a large site at every build."""
    root = lxml.html.document_fromstring(html.encode("utf-8"), parser=PARSER)
    scripts = tuple(element.text or "" for element in root.iter("script") if script_is_policed(element.attrib))
    styles = tuple(element.text or "" for element in root.iter("style"))
    found = (blocked_attribute(attribute.getparent().tag, attribute.attrname, str(attribute),
                               attribute.getparent().sourceline or 0, check_style_attributes)
             for attribute in SUSPECT_ATTRIBUTES(root))
    return PageScan(scripts, styles, tuple(blocked for blocked in found if blocked))


def csp_source_hash(text: str) -> str:
    """`'sha256-…'` of an inline script or style: the text as the browser sees it (line breaks
    normalised to LF, as the HTML parser does before anything else), encoded as UTF-8."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def unsafe_script_sources(directives: Mapping[str, str]) -> list[str]:
    """The sources of script-src (or of default-src, which it falls back to) that would let an
    injected script run."""
    sources = directives.get("script-src", directives.get("default-src", "")).split()
    return [source for source in sources if source.lower() in UNSAFE_SCRIPT_SOURCES]


def content_security_policy(directives: Mapping[str, str], script_hashes: Iterable[str],
                            style_hashes: Iterable[str] = ()) -> str:
    """The policy: the configured directives in order, script-src and style-src followed by the
    hashes (sorted and without repeats, so the header is the same for the same pages)."""
    extra = {"script-src": sorted(set(script_hashes)), "style-src": sorted(set(style_hashes))}
    parts = []
    for name, value in directives.items():
        sources = [*str(value).split(), *extra.get(name, [])]
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def policy_directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy read back: each directive's name and sources."""
    directives: dict[str, list[str]] = {}
    for name, *sources in (part.split() for part in policy.split(";") if part.strip()):
        directives.setdefault(name.lower(), sources)  # a repeated directive is ignored, as browsers do
    return directives


def cache_rules(files: Iterable[str], is_hashed: Callable[[str], bool], long_lived: str,
                revalidate: str) -> list[Rule]:
    """One Cache-Control for every file of the site (paths relative to its root, with `/`).

    A folder whose files all revalidate gets one `/folder/*` rule; in a folder that holds a
    content-hashed file, each file gets its own exact rule, and so does the folder's URL when
    it has an index.html. Long-lived caching is only ever given to an exact path, never to a
    pattern, so a path that is not a hashed file (a 404, a file added later) never gets it.
    """
    tree: dict = {}
    for path in files:
        node = tree
        *folders, name = path.split("/")
        for folder in folders:
            node = node.setdefault(folder + "/", {})
        node[name] = path

    def has_hashed(node: dict) -> bool:
        return any(has_hashed(child) if isinstance(child, dict) else is_hashed(child)
                   for child in node.values())

    rules: list[Rule] = []

    def visit(prefix: str, node: dict) -> None:
        if prefix and not has_hashed(node):
            rules.append(Rule(f"/{prefix}*", (("Cache-Control", revalidate),)))
            return
        for name in sorted(key for key in node if not key.endswith("/")):
            value = long_lived if is_hashed(node[name]) else revalidate
            if name == "index.html":
                rules.append(Rule(f"/{prefix}", (("Cache-Control", value),)))
            rules.append(Rule(f"/{prefix}{name}", (("Cache-Control", value),)))
        for folder in sorted(key for key in node if key.endswith("/")):
            visit(prefix + folder, node[folder])

    if not has_hashed(tree):
        return [Rule("/*", (("Cache-Control", revalidate),))]
    visit("", tree)
    return rules


def merge_rules(rules: Iterable[Rule]) -> list[Rule]:
    """Rules with the same path joined into one block, in the order paths first appear."""
    merged: dict[str, list[tuple[str, str]]] = {}
    for rule in rules:
        merged.setdefault(rule.path, []).extend(rule.headers)
    return [Rule(path, tuple(headers)) for path, headers in merged.items()]


# ----------------------------------------------------------------------------- _headers files

def render_headers_file(rules: Iterable[Rule], comment: str = "") -> str:
    """The `_headers` file Netlify and Cloudflare Pages read: a path on its own line, its
    headers indented under it."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for rule in rules:
        if lines:
            lines.append("")
        lines.append(rule.path)
        lines.extend(f"  {name}: {value}" for name, value in rule.headers)
    return "\n".join(lines) + "\n"


class HeadersSyntaxError(ValueError):
    pass


def parse_headers_file(text: str) -> list[Rule]:
    """The rules of a `_headers` file, in order. Comments (`#`) and blank lines are skipped;
    anything else that is not a path or an indented `Name: value` is an error."""
    rules: list[Rule] = []
    path: str | None = None
    headers: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            if path is not None:
                rules.append(Rule(path, tuple(headers)))
            if not stripped.startswith("/"):
                raise HeadersSyntaxError(f"line {number}: a path must start with /: {stripped!r}")
            path, headers = stripped, []
            continue
        name, colon, value = stripped.partition(":")
        if path is None or not colon or not name.strip() or " " in name.strip():
            raise HeadersSyntaxError(f"line {number}: expected an indented 'Name: value' under a path: {stripped!r}")
        headers.append((name.strip(), value.strip()))
    if path is not None:
        rules.append(Rule(path, tuple(headers)))
    return rules


def pattern_regex(pattern: str) -> re.Pattern:
    """A `_headers` path pattern as a regular expression: `*` (a splat) matches anything,
    slashes included, or nothing; `:name` matches one path segment; the rest is literal."""
    parts = re.split(r"(\*|:[A-Za-z_][A-Za-z0-9_]*)", pattern)
    regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                    for part in parts)
    return re.compile(f"^{regex}$")


def path_matches(pattern: str, path: str) -> bool:
    return bool(pattern_regex(pattern).match(path))


def header_values(rules: Iterable[Rule], path: str) -> list[tuple[str, str]]:
    """Every header every matching rule adds to `path`, in file order (a header set by two
    rules appears twice)."""
    return [header for rule in rules if path_matches(rule.path, path) for header in rule.headers]


def headers_for(rules: Iterable[Rule], path: str) -> dict[str, str]:
    """The headers a response to `path` carries. Like Cloudflare Pages, a header that several
    matching rules set gets their values joined with a comma, so a conflict shows."""
    combined: dict[str, str] = {}
    names: dict[str, str] = {}
    for name, value in header_values(rules, path):
        key = names.setdefault(name.lower(), name)
        combined[key] = f"{combined[key]}, {value}" if key in combined else value
    return combined


# ----------------------------------------------------------------------------- servers

def _quoted(value: str) -> str:
    if '"' in value or "\n" in value:
        raise ValueError(f"a header value with a double quote or a line break cannot be written: {value!r}")
    return f'"{value}"'


def nginx_location(pattern: str) -> str:
    """The nginx location for a path pattern of our rules: exact, or a folder prefix."""
    if pattern == "/*":
        return "location /"
    if pattern.endswith("/*") and "*" not in pattern[:-1] and ":" not in pattern:
        return f"location ^~ {pattern[:-1]}"
    if "*" not in pattern and ":" not in pattern:
        return f"location = {pattern}"
    raise ValueError(f"no nginx location for the pattern {pattern!r}: use an exact path or /folder/*")


def render_nginx(rules: list[Rule], comment: str = "") -> str:
    """An nginx snippet for a `server` block: one location per rule. nginx lets a location's
    `add_header` replace every inherited one, so each location repeats the headers of `/*`;
    `always` sends them with error pages too."""
    common = next((rule.headers for rule in rules if rule.path == "/*"), ())
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for rule in rules:
        headers = rule.headers if rule.path == "/*" else (*common, *rule.headers)
        lines.append(f"{nginx_location(rule.path)} {{")
        lines.extend(f"    add_header {name} {_quoted(value)} always;" for name, value in headers)
        lines.append("}")
    return "\n".join(lines) + "\n"


def render_caddy(rules: list[Rule], comment: str = "") -> str:
    """A Caddyfile snippet for a site block: a `header` directive per rule, with a path
    matcher (Caddy's `*` matches across slashes, as in `_headers`)."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for number, rule in enumerate(rules):
        if rule.path == "/*":
            lines.append("header {")
        else:
            if ":" in rule.path or "*" in rule.path[:-1]:
                raise ValueError(f"no Caddy matcher written for the pattern {rule.path!r}")
            lines.append(f"@rule{number} path {rule.path}")
            lines.append(f"header @rule{number} {{")
        lines.extend(f"\t{name} {_quoted(value)}" for name, value in rule.headers)
        lines.append("}")
    return "\n".join(lines) + "\n"
