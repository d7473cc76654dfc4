"""Publish a built site to Netlify, or with --dry-run only show what would be published.

`make deploy` builds the site, then runs this. Both modes first check the built site
(`hooks/hosting.py`: `_headers` present and true to the pages, one Cache-Control per file)
and list every file with its size, then print `_headers`, which Netlify applies to the deploy.

- `--dry-run` stops there. It needs no Netlify CLI, no credentials and no network.
- Otherwise it runs `netlify deploy --prod --no-build --dir SITE --site $NETLIFY_SITE_ID`.
  The Netlify CLI (`npm install -g netlify-cli`, not part of this repository) reads the
  access token from NETLIFY_AUTH_TOKEN; neither value is ever written in the repository or
  passed on a command line.

Netlify compresses responses itself (Brotli and gzip), so the site is uploaded without the
`.gz` and `.br` copies of `make compress`: the check refuses a site that holds them.

    python tools/deploy.py SITE_DIR [--dry-run]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from hosting import HEADERS_FILE, built_site_problems, site_files  # noqa: E402

CREDENTIALS = ("NETLIFY_AUTH_TOKEN", "NETLIFY_SITE_ID")
PRECOMPRESSED = (".gz", ".br")


def upload_problems(site: Path) -> list[str]:
    """Why the site cannot be uploaded as it is."""
    copies = [path for path in site_files(site) if path.endswith(PRECOMPRESSED) and
              (site / path).with_suffix("").is_file() and path != "sitemap.xml.gz"]
    problems = built_site_problems(site)
    if copies:
        problems.append(f"{len(copies)} pre-compressed copies ({copies[0]}, …) would be published as files "
                        "(Netlify compresses by itself): run `make build` again, without `make compress`")
    return problems


def netlify_command(site: Path, site_id: str, message: str) -> list[str]:
    return ["netlify", "deploy", "--prod", "--no-build", "--dir", str(site), "--site", site_id,
            "--message", message]


def describe(site: Path) -> str:
    """The files that would be uploaded, with their sizes, and the headers file."""
    files = site_files(site)
    sizes = [(path, (site / path).stat().st_size) for path in files]
    lines = [f"{size:>10,}  {path}" for path, size in sizes]
    lines.append(f"{len(files)} files, {sum(size for _, size in sizes):,} bytes, and {HEADERS_FILE}:")
    lines.append((site / HEADERS_FILE).read_text(encoding="utf-8"))
    return "\n".join(lines)


def version() -> str:
    """What the deploy is called on Netlify: the commit, if git knows it."""
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "local build"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Publish the built site to Netlify.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="check and list, upload nothing")
    args = parser.parse_args(argv)
    problems = upload_problems(args.site)
    if problems:
        print("Not deployed:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(describe(args.site))
    command = netlify_command(args.site, os.environ.get("NETLIFY_SITE_ID") or "$NETLIFY_SITE_ID", version())
    if args.dry_run:
        print("Dry run: nothing was uploaded. A deploy runs:\n  " + " ".join(command))
        return 0
    missing = [name for name in CREDENTIALS if not os.environ.get(name)]
    if missing:
        print(f"Not deployed: set {' and '.join(missing)} in the environment (Netlify: User settings → "
              "Applications → Personal access tokens; Site configuration → Site ID).", file=sys.stderr)
        return 1
    if shutil.which("netlify") is None:
        print("Not deployed: the Netlify CLI is not installed (npm install -g netlify-cli).", file=sys.stderr)
        return 1
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
