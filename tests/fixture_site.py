"""Small throwaway MkDocs projects that use the project's real hooks, for bad-input tests."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = "---\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n"
BIB = textwrap.dedent("""\
    @article{minetto2013,
      author = {Minetto, M. A. and Holobar, A.},
      title = {Origin and development of muscle cramps},
      journal = {Exercise and Sport Sciences Reviews},
      year = {2013},
      pubmed = {23038243},
    }
    """)


def make_site(root: Path, pages: dict[str, str], bib: str | bytes = BIB, front_matter: bool = True,
              site_url: str = "https://example.org/", redirects: dict[str, str] | None = None) -> Path:
    """Write a one-theme MkDocs project with the given pages and bibliography."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "bib").mkdir(exist_ok=True)
    bib_file = root / "bib" / "refs.bib"
    bib_file.write_bytes(bib) if isinstance(bib, bytes) else bib_file.write_text(bib, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).write_text((FRONT_MATTER if front_matter else "") + textwrap.dedent(text),
                                          encoding="utf-8")
    (root / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Fixture
        site_url: {site_url}
        extra: {{bibliography: bib}}
        theme: {{name: material, custom_dir: {ROOT / 'overrides'}, font: false, features: [navigation.instant]}}
        plugins:
          - search: {{fields: {{keywords: {{boost: 50}}}}}}
          - redirects: {{redirect_maps: {redirects or {}}}}
        markdown_extensions:
          - admonition
          - attr_list
          - toc: {{permalink: true}}
          - footnotes: {{USE_DEFINITION_ORDER: true}}
          - pymdownx.superfences
        watch:
          - bib
        hooks:
          - {ROOT / 'hooks' / 'site_build.py'}
        """), encoding="utf-8")
    return root


def build(root: Path, strict: bool = True, timeout: float | None = 120) -> subprocess.CompletedProcess:
    """`mkdocs build` of a fixture; a build that has not ended within `timeout` seconds fails the
    test instead of hanging the suite."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(root / "site")]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=timeout)
