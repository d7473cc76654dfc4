"""The headers of the real build checked against its files, the server snippets against the
headers, pages the policy would break stopping the build, and the deploy command."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from fixture_site import build, make_site
from hosting import built_site_problems
from http_headers import header_values, headers_for, parse_headers_file, policy_directives

HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$")
LONG_LIVED = "public, max-age=31536000, immutable"


def rules_of(site: Path):
    return parse_headers_file((site / "_headers").read_text(encoding="utf-8"))


def policy_of(site: Path) -> dict[str, list[str]]:
    return policy_directives(headers_for(rules_of(site), "/")["Content-Security-Policy"])


def files_of(site: Path) -> list[str]:
    return [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and path.name != "_headers"]


def inline_script_hashes(html: str) -> set[str]:
    """Told apart with BeautifulSoup and hashed with hashlib, independently of hooks/http_headers.py."""
    hashes = set()
    for script in BeautifulSoup(html, "html.parser").find_all("script"):
        if script.has_attr("src") or script.get("type", "").lower() not in ("", "text/javascript", "module"):
            continue
        digest = hashlib.sha256(script.get_text().encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def test_every_inline_script_of_every_page_is_hashed_and_no_other_is_allowed(site):
    pages = [path for path in files_of(site) if path.endswith(".html")]
    assert "404.html" in pages and len(pages) >= 13
    used = {page: inline_script_hashes((site / page).read_text(encoding="utf-8")) for page in pages}
    allowed = {source for source in policy_of(site)["script-src"] if source.startswith("'sha256-")}
    assert all(used.values()), "a page has no inline script: the check would prove nothing"
    for page, hashes in used.items():
        assert hashes <= allowed, f"{page}: {hashes - allowed} not in the policy"
    assert allowed == set().union(*used.values()), "the policy allows a script no page holds"


def test_the_policy_allows_only_this_origin_and_never_inline_or_eval_for_scripts(site):
    policy = policy_of(site)
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'none'"] and policy["worker-src"] == ["'self'"]
    allowed = {"'self'", "'none'", "data:"}
    for directive, sources in policy.items():
        others = [source for source in sources if source not in allowed and not source.startswith("'sha256-")]
        assert others == [], f"{directive} allows {others}"
        assert "data:" not in sources or directive == "img-src", directive
    headers = headers_for(rules_of(site), "/")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("strict-origin-when-cross-origin", "no-referrer")
    assert headers["Strict-Transport-Security"] == "max-age=31536000"


def test_every_file_gets_one_cache_control_and_only_content_hashed_files_live_long(site):
    rules = rules_of(site)
    ours = {f"assets/{path.relative_to(ROOT / 'docs' / 'assets').as_posix()}"
            for path in (ROOT / "docs" / "assets").rglob("*") if path.is_file()}
    long_lived = []
    for file in files_of(site):
        urls = [f"/{file}"] + ([f"/{file[:-len('index.html')]}"] if file.endswith("index.html") else [])
        for url in urls:
            values = [value for name, value in header_values(rules, url) if name == "Cache-Control"]
            assert len(values) == 1, f"{url}: {values}"
            if values[0] == LONG_LIVED:
                long_lived.append(file)
                assert HASHED_NAME.search(file) and file not in ours, f"{file} has no content hash in its name"
    assert any(file.startswith("assets/javascripts/bundle.") for file in long_lived)
    assert not any(path_has_immutable(rule) for rule in rules if "*" in rule.path)


def path_has_immutable(rule) -> bool:
    return any("immutable" in value for _, value in rule.headers)


def directive_blocks(text: str, opener: str) -> dict[str, list[list[str]]]:
    """A generated nginx or Caddy snippet read back: each block's opening words and the
    shell-split lines in it (our snippets hold no nested blocks)."""
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.rstrip().endswith("{") and line.startswith(opener):
            current = blocks.setdefault(line.rstrip(" {"), [])
        elif line.strip() == "}":
            current = None
        elif current is not None:
            current.append(shlex.split(line.strip().rstrip(";")))
    return blocks


def test_nginx_snippet_sends_what_the_headers_file_sends(site):
    rules = rules_of(site)
    blocks = directive_blocks((ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"), "location")
    assert len(blocks) == len(rules)
    for rule in rules:
        if rule.path == "/*":
            location, example = "location /", "/no-rule-for-this"
        elif rule.path.endswith("/*"):
            location, example = f"location ^~ {rule.path[:-1]}", rule.path[:-1]
        else:
            location, example = f"location = {rule.path}", rule.path
        sent = {words[1]: words[2] for words in blocks[location] if words[0] == "add_header" and words[3] == "always"}
        assert sent == headers_for(rules, example), location


def test_caddy_snippet_sends_what_the_headers_file_sends(site):
    rules = rules_of(site)
    text = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    matchers = dict(line.split(" path ") for line in text.splitlines() if line.startswith("@"))
    blocks = directive_blocks(text, "header")
    read_back = [(matchers[name.split()[1]] if " " in name else "/*", dict(blocks[name]))
                 for name in blocks]
    assert read_back == [(rule.path, dict(rule.headers)) for rule in rules]


def test_a_built_site_whose_pages_changed_after_the_build_is_caught(site, tmp_path):
    assert built_site_problems(site) == []
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    about = copy / "about" / "index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("</body>", "<script>x()</script></body>"),
                     encoding="utf-8")
    assert built_site_problems(copy) == ["about/index.html: 1 inline script(s) without a hash in _headers: rebuild the site"]


# ----------------------------------------------------------------------------- bad input

HOSTING = {"content_security_policy": {"default-src": "'self'", "script-src": "'self'", "style-src": "'self'"},
           "headers": {"X-Content-Type-Options": "nosniff"},
           "cache": {"hashed_name": r"\.[0-9a-f]{8}\.min\.(js|css)$", "long_lived": LONG_LIVED,
                     "revalidate": "no-cache"}}


def hosted_fixture(root: Path, page: str, hosting: dict = HOSTING) -> Path:
    make_site(root, {"index.md": "# Home\n\n" + page})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = "extra: {bibliography: bib}\n"  # the fixture's own `extra:`, which a second one would replace
    assert extra in text
    config.write_text(text.replace(extra, "extra: " + json.dumps({"bibliography": "bib", "hosting": hosting}) + "\n"),
                      encoding="utf-8")
    return root


def test_markup_the_policy_would_block_stops_the_build_naming_page_line_and_fix(tmp_path):
    result = build(hosted_fixture(tmp_path, '<p><button onclick="go()">Go</button> <a href="javascript:go()">go</a>'
                                            ' <span style="color: red">red</span></p>\n'))
    assert result.returncode != 0
    assert "3 problems stop the build" in result.stderr
    assert re.search(r"index\.html:\d+: <button> has an inline event handler onclick=.*Fix: attach the handler "
                     r"with addEventListener", result.stderr)
    assert "javascript: URL" in result.stderr and 'inline style="color: red"' in result.stderr
    assert not (tmp_path / "site" / "_headers").exists()


def test_a_good_page_builds_with_its_headers(tmp_path):
    result = build(hosted_fixture(tmp_path, "Plain text.\n"))
    assert result.returncode == 0, result.stderr
    rules = parse_headers_file((tmp_path / "site" / "_headers").read_text(encoding="utf-8"))
    assert headers_for(rules, "/")["X-Content-Type-Options"] == "nosniff"
    assert (tmp_path / "site" / "_headers").read_text().count("immutable") >= 1


def test_a_policy_that_lets_inline_scripts_run_stops_the_build(tmp_path):
    unsafe = {**HOSTING, "content_security_policy": {"script-src": "'self' 'unsafe-inline'"}}
    result = build(hosted_fixture(tmp_path, "Text.\n", unsafe))
    assert result.returncode != 0
    assert "mkdocs.yml: extra.hosting: script-src allows 'unsafe-inline'" in result.stderr


# ----------------------------------------------------------------------------- deploy

@pytest.fixture
def fake_netlify(tmp_path):
    """A `netlify` on PATH that records its arguments instead of reaching the network."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "netlify-called"
    (folder / "netlify").write_text(f'#!/bin/sh\necho "$@" > {log}\necho "$NETLIFY_AUTH_TOKEN" >> {log}\n')
    (folder / "netlify").chmod(0o755)
    env = {key: value for key, value in os.environ.items() if not key.startswith("NETLIFY_")}
    env["PATH"] = f"{folder}{os.pathsep}{env['PATH']}"
    return env, log


def deploy(site: Path, env: dict, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "deploy.py"), str(site), *options],
                          capture_output=True, text=True, env=env, timeout=60)


def test_make_deploy_dry_run_builds_checks_and_lists_without_the_cli_or_network(tmp_path, fake_netlify):
    env, log = fake_netlify
    result = subprocess.run(["make", "-o", ".venv/.installed", "deploy", "DRY_RUN=1", f"SITE={tmp_path / 'out'}"],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "out"
    for file in files_of(site):
        assert re.search(rf"^\s+[\d,]+  {re.escape(file)}$", result.stdout, re.M), file
    assert f"{len(files_of(site))} files" in result.stdout
    assert (site / "_headers").read_text(encoding="utf-8") in result.stdout
    assert "Dry run: nothing was uploaded" in result.stdout
    assert not log.exists(), "the dry run called the Netlify CLI"


def test_deploy_without_credentials_stops_before_calling_the_cli(site, fake_netlify):
    env, log = fake_netlify
    result = deploy(site, env)
    assert result.returncode == 1
    assert "set NETLIFY_AUTH_TOKEN and NETLIFY_SITE_ID" in result.stderr
    assert not log.exists()


def test_deploy_hands_the_site_to_the_cli_with_the_token_only_in_the_environment(site, fake_netlify):
    env, log = fake_netlify
    result = deploy(site, {**env, "NETLIFY_AUTH_TOKEN": "secret-token", "NETLIFY_SITE_ID": "site-123"})
    assert result.returncode == 0, result.stderr
    arguments, token = log.read_text().splitlines()
    assert arguments.startswith(f"deploy --prod --no-build --dir {site} --site site-123 --message ")
    assert "secret-token" not in arguments and token == "secret-token"


def test_deploy_refuses_a_site_with_precompressed_copies(site, tmp_path, fake_netlify):
    env, _ = fake_netlify
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "index.html.gz").write_bytes(b"")
    result = deploy(copy, env, "--dry-run")
    assert result.returncode == 1 and "index.html.gz" in result.stderr
