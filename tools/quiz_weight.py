"""What a quiz adds to a page's download: the same pages built with and without their quiz.

For each topic page, the gzip size of what the page loads that differs between the two builds:
its HTML plus, in the quiz build, assets/quiz.js and assets/quiz.css. A report, not a test.

    python tools/quiz_weight.py
"""

from __future__ import annotations

import gzip
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the test contract's topic pages

from site_tools import ROOT, mkdocs_build  # noqa: E402
from contract import TOPIC_PAGES  # noqa: E402

QUIZ_SECTION = re.compile(r"## Check your understanding \{#quiz\}.*?^/// quiz\n.*?^///\n", re.S | re.M)


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def build(project: Path, site: Path) -> Path:
    result = mkdocs_build(project / "mkdocs.yml", site)
    if result.returncode:
        sys.exit(result.stderr)
    return site


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        with_quiz = build(ROOT, Path(folder) / "with-quiz")
        plain = Path(folder) / "project"
        shutil.copytree(ROOT, plain, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git",
                                                                   ".audit-tools", "reports"))
        for page in TOPIC_PAGES:
            path = plain / "docs" / (page.rstrip("/") + ".md")
            path.write_text(QUIZ_SECTION.sub("", path.read_text()))
        quiz_md = plain / "docs" / "quiz.md"
        quiz_md.write_text(re.sub(r"^/// quiz\n.*?^///\n", "", quiz_md.read_text(), flags=re.S | re.M))
        without_quiz = build(plain, Path(folder) / "without-quiz")
        assets = gzip_size(with_quiz / "assets" / "quiz.js") + gzip_size(with_quiz / "assets" / "quiz.css")
        print(f"quiz.js + quiz.css: {assets / 1024:.1f} KiB gzip (loaded only on pages with a quiz)")
        print(f"{'page':<16} {'without':>9} {'with':>9} {'extra':>9}  (gzip KiB: HTML, plus quiz assets)")
        for page in TOPIC_PAGES:
            before = gzip_size(without_quiz / page / "index.html")
            after = gzip_size(with_quiz / page / "index.html") + assets
            print(f"{page:<16} {before / 1024:>9.1f} {after / 1024:>9.1f} {(after - before) / 1024:>9.1f}")


if __name__ == "__main__":
    main()
