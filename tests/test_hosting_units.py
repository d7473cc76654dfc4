"""Unit tests of the hosting machinery, with no build: finding and hashing inline scripts, the
policy, the cache rules, the `_headers` format and its matching, the nginx and Caddy snippets,
the pre-compressed copies and the host-like server."""

from __future__ import annotations

import brotli
import gzip
import threading
import urllib.error
import urllib.request

import pytest

from http_headers import (HeadersSyntaxError, Rule, cache_rules, content_security_policy, csp_source_hash,
                          headers_for, merge_rules, parse_headers_file, path_matches, policy_directives,
                          render_caddy, render_headers_file, render_nginx, scan_html, unsafe_script_sources)
from precompress import compressed, precompress
from serve_built import accepted_encodings, make_server

PAGE = """<!doctype html>
<html><head>
<script id="__config" type="application/json">{"base": ".", "search": "worker.js"}</script>
<script src="bundle.js" defer></script>
<script>
  if (a &amp;&amp; b < c) x = '&lt;/div&gt;'
</script>
<script type="module">import "./a.js"</script>
<script type="text/template"><p>not code</p></script>
<style>p { color: red }</style>
</head>
<body>
<button onclick="go()">Go</button>
<a href=" JaVa&#9;Script:alert(1)">a</a>
<a href="&#106;avascript:alert(2)">b</a>
<p style="color: red">c</p>
<a href="javascript-guide/">a real page</a>
</body></html>
"""


# ----------------------------------------------------------------------------- scripts and policy

def test_hash_is_the_one_the_csp_specification_gives_for_its_example():
    # The example of the CSP Level 3 specification and MDN: alert('Hello, world.');
    assert csp_source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_hash_keeps_whitespace_and_normalises_line_breaks_as_the_parser_does():
    assert csp_source_hash("\nalert(1)\n") != csp_source_hash("alert(1)")
    assert csp_source_hash("a\r\nb\rc") == csp_source_hash("a\nb\nc")
    assert csp_source_hash("é") != csp_source_hash("e")


def test_pages_scanned_in_the_background_are_used_only_if_the_file_is_that_text(tmp_path):
    from concurrent.futures import Future
    from hosting import EarlyScan, digest, page_scans
    changed = PAGE.replace('<p style="color: red">c</p>', "<p>c</p>")
    for name, text in (("same.html", PAGE), ("changed.html", changed), ("late.html", PAGE)):
        (tmp_path / name).write_text(text, encoding="utf-8")  # late.html: written outside the renderer
    done = Future()
    done.set_result("the background's scan")
    early = {path: EarlyScan(digest(PAGE), True, done) for path in ("same.html", "changed.html")}
    scans = page_scans(tmp_path, ["same.html", "changed.html", "late.html"], True, early)
    assert scans["same.html"] == "the background's scan"
    assert scans["changed.html"] == scan_html(changed) != scan_html(PAGE)
    assert scans["late.html"] == scan_html(PAGE)
    # Scanned by another rule for style attributes (the policy changed): scanned again.
    assert page_scans(tmp_path, ["same.html"], False, early)["same.html"] == scan_html(PAGE, check_style_attributes=False)


def test_a_page_scanned_in_the_background_scans_as_in_line():
    from concurrent.futures import ThreadPoolExecutor
    from hosting import scan_early
    with ThreadPoolExecutor(max_workers=1) as pool:
        early = scan_early(pool, PAGE, {"content_security_policy": {"style-src": "'self' 'unsafe-inline'"}})
        assert early.check_style_attributes is False
        assert early.job.result() == scan_html(PAGE, check_style_attributes=False)


def test_scan_finds_inline_code_as_served_and_skips_data_and_external_scripts():
    scan = scan_html(PAGE)
    assert scan.scripts == ("\n  if (a &amp;&amp; b < c) x = '&lt;/div&gt;'\n", 'import "./a.js"')
    assert scan.styles == ("p { color: red }",)


def test_scan_reports_what_no_hash_can_allow_with_its_line():
    problems = [(blocked.line, blocked.problem) for blocked in scan_html(PAGE).blocked]
    assert problems == [
        (13, '<button> has an inline event handler onclick="…"'),
        (14, '<a> has a javascript: URL in href=" JaVa\tScript:alert(1)"'),
        (15, '<a> has a javascript: URL in href="javascript:alert(2)"'),
        (16, '<p> has an inline style="color: red"'),
    ]
    assert all(blocked.fix for blocked in scan_html(PAGE).blocked)


def test_style_attributes_pass_when_the_policy_allows_inline_styles():
    assert not any("style" in blocked.problem for blocked in scan_html(PAGE, check_style_attributes=False).blocked)


def test_policy_lists_directives_in_order_with_sorted_unique_hashes():
    directives = {"default-src": "'self'", "script-src": "'self'", "style-src": "'self'"}
    policy = content_security_policy(directives, ["'sha256-b'", "'sha256-a'", "'sha256-b'"], ["'sha256-c'"])
    assert policy == "default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self' 'sha256-c'"
    assert policy_directives(policy)["script-src"] == ["'self'", "'sha256-a'", "'sha256-b'"]


def test_unsafe_script_sources_are_found_in_script_src_or_its_fallback():
    assert unsafe_script_sources({"script-src": "'self' 'unsafe-inline'"}) == ["'unsafe-inline'"]
    assert unsafe_script_sources({"default-src": "'self' 'unsafe-eval'"}) == ["'unsafe-eval'"]
    assert unsafe_script_sources({"default-src": "'unsafe-inline'", "script-src": "'self'"}) == []


# ----------------------------------------------------------------------------- cache rules

LONG, SHORT = "public, max-age=31536000, immutable", "public, max-age=0, must-revalidate"


def test_cache_rules_give_one_value_per_file_and_long_life_only_to_exact_hashed_paths():
    files = ["index.html", "404.html", "about/index.html", "assets/site.css", "assets/images/favicon.png",
             "assets/javascripts/bundle.1234abcd.min.js", "assets/javascripts/lunr/lunr.de.js"]
    rules = cache_rules(files, lambda path: ".1234abcd." in path, LONG, SHORT)
    assert [(rule.path, rule.headers[0][1]) for rule in rules] == [
        ("/404.html", SHORT), ("/", SHORT), ("/index.html", SHORT), ("/about/*", SHORT),
        ("/assets/site.css", SHORT), ("/assets/images/*", SHORT),
        ("/assets/javascripts/bundle.1234abcd.min.js", LONG), ("/assets/javascripts/lunr/*", SHORT),
    ]
    for path in [*(f"/{file}" for file in files), "/", "/about/"]:
        assert sum(path_matches(rule.path, path) for rule in rules) == 1, path


def test_a_site_without_hashed_files_has_one_rule():
    assert cache_rules(["index.html", "a/b.css"], lambda path: False, LONG, SHORT) == [
        Rule("/*", (("Cache-Control", SHORT),))]


def test_merge_joins_rules_of_the_same_path():
    rules = merge_rules([Rule("/*", (("A", "1"),)), Rule("/x", (("B", "2"),)), Rule("/*", (("C", "3"),))])
    assert rules == [Rule("/*", (("A", "1"), ("C", "3"))), Rule("/x", (("B", "2"),))]


# ----------------------------------------------------------------------------- _headers files

RULES = [Rule("/*", (("Content-Security-Policy", "default-src 'self'"), ("X-Content-Type-Options", "nosniff"))),
         Rule("/", (("Cache-Control", SHORT),)),
         Rule("/about/*", (("Cache-Control", SHORT),)),
         Rule("/app.1234abcd.js", (("Cache-Control", LONG),))]


def test_headers_file_is_rendered_in_netlify_format_and_parses_back():
    text = render_headers_file(RULES[:2], "Generated.")
    assert text == ("# Generated.\n\n/*\n  Content-Security-Policy: default-src 'self'\n"
                    "  X-Content-Type-Options: nosniff\n\n/\n  Cache-Control: public, max-age=0, must-revalidate\n")
    assert parse_headers_file(text) == RULES[:2]


def test_parser_reads_comments_blank_lines_and_colons_in_values():
    text = "# a comment\n/x\n  # indented comment\n  Link: </a>; rel=preload\n\n\n/y\n"
    assert parse_headers_file(text) == [Rule("/x", (("Link", "</a>; rel=preload"),)), Rule("/y", ())]


@pytest.mark.parametrize("text", ["  A: b\n", "x\n  A: b\n", "/x\n  no colon here\n", "/x\n  Bad Name: b\n"])
def test_parser_rejects_what_a_host_would_not_read(text):
    with pytest.raises(HeadersSyntaxError, match="line"):
        parse_headers_file(text)


@pytest.mark.parametrize("pattern, path, expected", [
    ("/*", "/", True), ("/*", "/a/b.css", True),
    ("/about/*", "/about/", True), ("/about/*", "/about/index.html", True), ("/about/*", "/about", False),
    ("/about/*", "/aboutx/", False), ("/", "/", True), ("/", "/index.html", False),
    ("/a.b.js", "/aXb.js", False), ("/news/:slug/", "/news/x/", True), ("/news/:slug/", "/news/x/y/", False),
])
def test_path_matching_follows_the_hosts_splats_and_placeholders(pattern, path, expected):
    assert path_matches(pattern, path) is expected


def test_headers_of_every_matching_rule_apply_and_a_repeated_one_shows_as_a_conflict():
    assert headers_for(RULES, "/about/") == {"Content-Security-Policy": "default-src 'self'",
                                             "X-Content-Type-Options": "nosniff", "Cache-Control": SHORT}
    clash = [*RULES, Rule("/about/*", (("cache-control", "no-store"),))]
    assert headers_for(clash, "/about/")["Cache-Control"] == f"{SHORT}, no-store"


# ----------------------------------------------------------------------------- nginx and Caddy

def test_nginx_snippet_repeats_the_common_headers_in_every_location():
    assert render_nginx(RULES[:1] + RULES[2:]) == (
        "location / {\n"
        "    add_header Content-Security-Policy \"default-src 'self'\" always;\n"
        "    add_header X-Content-Type-Options \"nosniff\" always;\n"
        "}\n"
        "location ^~ /about/ {\n"
        "    add_header Content-Security-Policy \"default-src 'self'\" always;\n"
        "    add_header X-Content-Type-Options \"nosniff\" always;\n"
        f"    add_header Cache-Control \"{SHORT}\" always;\n"
        "}\n"
        "location = /app.1234abcd.js {\n"
        "    add_header Content-Security-Policy \"default-src 'self'\" always;\n"
        "    add_header X-Content-Type-Options \"nosniff\" always;\n"
        f"    add_header Cache-Control \"{LONG}\" always;\n"
        "}\n")


def test_caddy_snippet_has_a_header_directive_per_rule():
    assert render_caddy(RULES[:1] + RULES[2:3], "Generated.") == (
        "# Generated.\n"
        "header {\n"
        "\tContent-Security-Policy \"default-src 'self'\"\n"
        "\tX-Content-Type-Options \"nosniff\"\n"
        "}\n"
        "@rule1 path /about/*\n"
        "header @rule1 {\n"
        f"\tCache-Control \"{SHORT}\"\n"
        "}\n")


@pytest.mark.parametrize("render", [render_nginx, render_caddy])
def test_servers_refuse_patterns_they_would_read_differently(render):
    with pytest.raises(ValueError, match="pattern"):
        render([Rule("/news/:slug/", (("A", "b"),))])


def test_servers_refuse_a_value_that_would_break_their_quoting():
    with pytest.raises(ValueError, match="double quote"):
        render_nginx([Rule("/*", (("A", 'say "hi"'),))])


# ----------------------------------------------------------------------------- compression and server

def test_compressed_copies_are_reproducible_and_only_kept_when_smaller(tmp_path):
    text = ("<p>Cramps come at night.</p>\n" * 200).encode()
    (tmp_path / "page.html").write_bytes(text)
    (tmp_path / "tiny.txt").write_bytes(b"a")
    (tmp_path / "card.png").write_bytes(text)
    precompress(tmp_path)
    first = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert sorted(first) == ["card.png", "page.html", "page.html.br", "page.html.gz", "tiny.txt"]
    assert gzip.decompress(first["page.html.gz"]) == text and brotli.decompress(first["page.html.br"]) == text
    assert first["page.html.gz"][4:8] == b"\0\0\0\0"  # no timestamp
    precompress(tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == first
    assert compressed(b"a") == {}


@pytest.mark.parametrize("header, expected", [
    ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}), ("br;q=0, gzip;q=0.5", {"gzip"}), ("", set()),
])
def test_accept_encoding_is_read_with_its_weights(header, expected):
    assert accepted_encodings(header) == expected


@pytest.fixture
def tiny_host(tmp_path):
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<h1>About</h1>" * 100, encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    (tmp_path / "_headers").write_text(render_headers_file(RULES), encoding="utf-8")
    precompress(tmp_path)
    server = make_server(tmp_path, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fetch(url: str, **headers):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(urllib.request.Request(url, headers=headers)) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_server_sends_the_headers_of_the_file_and_the_compressed_copy_the_client_takes(tiny_host):
    status, headers, body = fetch(tiny_host + "/about/", **{"Accept-Encoding": "gzip, br"})
    assert status == 200 and headers["Content-Encoding"] == "br" and headers["Vary"] == "Accept-Encoding"
    assert brotli.decompress(body).decode() == "<h1>About</h1>" * 100
    assert headers["Cache-Control"] == SHORT and headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = fetch(tiny_host + "/about/index.html", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).startswith(b"<h1>About")
    status, headers, body = fetch(tiny_host + "/about/")
    assert headers["Content-Encoding"] is None and body.startswith(b"<h1>About")


def test_server_answers_like_the_host_for_missing_paths_folders_and_the_headers_file(tiny_host):
    status, headers, body = fetch(tiny_host + "/no/such/page")
    assert status == 404 and body == b"<h1>Page not found</h1>"
    assert headers["Content-Security-Policy"] == "default-src 'self'" and headers["Cache-Control"] is None
    assert fetch(tiny_host + "/about")[:2][0] == 301 and fetch(tiny_host + "/about")[1]["Location"] == "/about/"
    assert fetch(tiny_host + "/_headers")[0] == 404
    assert fetch(tiny_host + "/../_headers")[0] == 404
