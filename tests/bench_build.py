"""Build benchmark: what the project's machinery costs, measured on the same pages.

Each variant is the project's mkdocs.yml with parts switched off, built several times in a
fresh process; the report gives the median wall time and the peak memory (max RSS) of each,
and the ratios that matter:

- references: with versus without mkdocs-bibtex and hooks/references.py (the quiz hook, which
  needs them for its sources, is off in both so that only the references machinery differs);
- whole machinery: the full strict build versus plain Material on the same Markdown, with our
  hooks and the bibtex plugin off (the search plugin stays: Material always has it).

    python tests/bench_build.py [--runs 5]

A benchmark, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = ("import resource, runpy, sys; sys.argv = ['mkdocs'] + sys.argv[1:]\n"
         "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
         "except SystemExit as exit:\n    code = exit.code or 0\nelse:\n    code = 0\n"
         "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
         "sys.exit(code)\n")


def without(config: str, *, hooks: tuple[str, ...] = (), bibtex: bool = False, search_config: bool = False) -> str:
    """mkdocs.yml text with the given hooks (file names), the bibtex plugin and our search
    settings removed."""
    for hook in hooks:
        config = re.sub(rf"^  - hooks/{re.escape(hook)}\n", "", config, flags=re.M)
    if bibtex:
        config = re.sub(r"^  - bibtex:\n(    .*\n)+", "", config, flags=re.M)
    if search_config:
        config = re.sub(r"^  - search:\n((    .*|      .*)\n)+", "  - search\n", config, flags=re.M)
    if re.search(r"^hooks:\n(?!  -)", config, flags=re.M):
        config = config.replace("hooks:\n", "")
    return config


def variants(config: str) -> dict[str, tuple[str, bool]]:
    """name -> (config text, strict)."""
    all_hooks = tuple(re.findall(r"^  - hooks/(\S+)$", config, flags=re.M))
    return {
        "full": (config, True),
        "no quiz": (without(config, hooks=("quiz.py",)), True),
        "no quiz, no references": (without(config, hooks=("quiz.py", "references.py"), bibtex=True), False),
        "plain Material": (without(config, hooks=all_hooks, bibtex=True, search_config=True), False),
    }


def build_once(config_file: Path, strict: bool) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one build in a fresh Python process."""
    with tempfile.TemporaryDirectory() as site:
        command = [sys.executable, "-c", CHILD, "build", "--quiet", "--config-file", str(config_file),
                   "--site-dir", site] + (["--strict"] if strict else [])
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build of {config_file.name} failed:\n{result.stderr}")
    return elapsed, int(re.search(r"MAXRSS (\d+)", result.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    config = (ROOT / "mkdocs.yml").read_text()
    results = {}
    for name, (text, strict) in variants(config).items():
        config_file = ROOT / f".bench-{re.sub(r'[^a-z]+', '-', name)}.yml"
        config_file.write_text(text)
        try:
            build_once(config_file, strict)  # warm the file cache
            runs = [build_once(config_file, strict) for _ in range(args.runs)]
        finally:
            config_file.unlink()
        results[name] = (statistics.median(t for t, _ in runs), max(m for _, m in runs))
        print(f"{name:<24} median {results[name][0]:.2f} s   peak {results[name][1] / 1024:.0f} MiB"
              f"   ({args.runs} runs{', --strict' if strict else ''})")
    refs = results["no quiz"][0] / results["no quiz, no references"][0]
    whole = results["full"][0] / results["plain Material"][0]
    memory = results["full"][1] / results["plain Material"][1]
    print(f"references machinery: {refs:.2f}x the build time without it")
    print(f"full build vs plain Material: {whole:.2f}x the time, {memory:.2f}x the peak memory")


if __name__ == "__main__":
    main()
