"""Build benchmark: what the project's machinery costs, measured on the same pages.

Each variant is built several times, each time in a fresh Python process, the variants taking
turns; the report gives the median of each variant's time over plain Material's in the same
round, the median wall time and the peak memory (max RSS) of each, at two sizes: the site as it is, and
its pages copied into folders until there are about 250 (links between pages stay inside each
copy, so the copies build like the original; the pages that index the whole site, the sources
and the section links, stay one each, as on any site):

- full, cold: the strict build with our machinery, the social-card cache emptied before each run;
- full, warm: the same with the cards of the previous run in the cache (as in everyday work);
- plain Material: the same Markdown with our hook (and so the site's own Markdown syntax) and
  our template overrides off (the search plugin stays: Material always has it).

Wall time is what the targets name; CPU time (the build's process and its background
processes) is printed too, because on a shared virtual machine the wall time of the same build
drifts by a third within minutes while its CPU time stays within a few per cent. So is the
number of HTML elements each variant publishes, and the CPU time per element: plain Material
publishes a quiz as one code block and no source lists, so it does less work because it
publishes less, and the cost per element tells the machinery's own overhead apart from that.

    python tools/bench_build.py [--runs 3] [--pages 250]

A benchmark, not a test: nothing here passes or fails. Issue 14's targets: full ≤ 1.5× plain
Material at both sizes with a cold cache, ≤ 1.25× with a warm one.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = ("import resource, runpy, sys; sys.argv = ['mkdocs'] + sys.argv[1:]\n"
         "try:\n    runpy.run_module('mkdocs', run_name='__main__')\n"
         "except SystemExit as exit:\n    code = exit.code or 0\nelse:\n    code = 0\n"
         "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
         "sys.exit(code)\n")


# As `make build` runs it (see the Makefile): bytecode cached outside the sources, never turned off.
BUILD_ENVIRONMENT = {**{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
                     "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(ROOT / ".cache" / "pycache")}
PROJECT = ("docs", "bib", "hooks", "overrides", "mkdocs.yml")
SITE_INDEX = re.compile(r"^/{3,}\s*(?:references-index|section-links)\s*$", re.M)


def plain_material(config: str) -> str:
    """mkdocs.yml text without our hook, our template overrides (they use the hook's strings)
    and our search settings."""
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^  custom_dir: overrides\n", "", config, flags=re.M)
    return re.sub(r"^  - search:\n((    .*|      .*)\n)+", "  - search\n", config, flags=re.M)


def project_copy(folder: Path, pages: int) -> int:
    """The project copied into `folder`, its pages copied into `copy-N/` folders until there
    are about `pages`; returns the number of pages."""
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    pages_now = sorted(path for path in (folder / "docs").glob("*.md"))
    # A site has one page that lists every source and one that lists every section: copies of
    # those would make the work grow with the square of the pages, which no real site does.
    originals = [page for page in pages_now if not SITE_INDEX.search(page.read_text(encoding="utf-8"))]
    copies = max(0, round((pages - len(pages_now)) / len(originals)))
    for number in range(1, copies + 1):
        target = folder / "docs" / f"copy-{number}"
        target.mkdir()
        for page in originals:
            shutil.copy(page, target / page.name)
    return len(pages_now) + len(originals) * copies


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class ElementCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.elements += 1


def published_elements(site: Path) -> int:
    """The HTML elements of every page the build wrote: the work a build does grows with them."""
    counter = ElementCounter()
    for page in site.rglob("*.html"):
        counter.feed(page.read_text(encoding="utf-8"))
        counter.reset()
    return counter.elements


def build_once(folder: Path, config_file: Path, strict: bool, count: bool = False) -> tuple[float, int, float, int]:
    """Wall seconds, peak memory (KiB), CPU seconds (with the build's own background
    processes) of one build in a fresh Python process, and (with `count`) the elements it
    published."""
    with tempfile.TemporaryDirectory() as site:
        command = [sys.executable, "-c", CHILD, "build", "--quiet", "--config-file", str(config_file),
                   "--site-dir", site] + (["--strict"] if strict else [])
        start, cpu_before = time.perf_counter(), children_cpu()
        result = subprocess.run(command, capture_output=True, text=True, cwd=folder,
                                env=BUILD_ENVIRONMENT)
        elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu_before
        if result.returncode:
            sys.exit(f"build of {config_file.name} failed:\n{result.stderr}")
        elements = published_elements(Path(site)) if count else 0
    return elapsed, int(re.search(r"MAXRSS (\d+)", result.stderr).group(1)), cpu, elements


VARIANTS = ("full, cold", "full, warm", "plain Material")


def measure(folder: Path, runs: int) -> tuple[dict[str, tuple[float, int, float, int]], dict[str, float]]:
    """name -> (median seconds, peak KiB, median CPU seconds, elements published) of each
    variant of the project in `folder`, and the median over the rounds of each full variant's
    time over plain Material's in the same round.

    The variants take turns, one build each per round: this machine's speed drifts within
    minutes, and a variant built in a slow minute would otherwise look slower than it is."""
    full = folder / "mkdocs.yml"
    plain = folder / "plain.yml"
    plain.write_text(plain_material(full.read_text()))
    cache = folder / ".cache"
    builds = {"full, cold": (full, True, True), "full, warm": (full, True, False), "plain Material": (plain, False, False)}
    elements = {name: build_once(folder, config_file, strict, count=True)[3]  # warms the file cache (and the card cache)
                for name, (config_file, strict, _) in builds.items()}
    times: dict[str, list[tuple[float, int, float, int]]] = {name: [] for name in VARIANTS}
    for _ in range(runs):
        for name, (config_file, strict, cold) in builds.items():
            if cold:
                shutil.rmtree(cache, ignore_errors=True)
            times[name].append(build_once(folder, config_file, strict))
    results = {name: (statistics.median(run[0] for run in runs_), max(run[1] for run in runs_),
                      statistics.median(run[2] for run in runs_), elements[name]) for name, runs_ in times.items()}
    ratios = {name: statistics.median(own[0] / base[0] for own, base in zip(times[name], times["plain Material"]))
              for name in VARIANTS[:2]}
    return results, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=250)
    args = parser.parse_args()
    for target in (0, args.pages):
        with tempfile.TemporaryDirectory() as folder:
            pages = project_copy(Path(folder), target)
            results, ratios = measure(Path(folder), args.runs)
        print(f"== {pages} pages ({args.runs} runs each)")
        for name, (seconds, memory, cpu, elements) in results.items():
            print(f"{name:<16} median {seconds:6.2f} s   CPU {cpu:6.2f} s   peak {memory / 1024:4.0f} MiB   "
                  f"{elements} elements published, {1000 * cpu / elements:.3f} ms CPU each")
        plain = results["plain Material"]
        print(f"full vs plain Material: cold {results['full, cold'][0] / plain[0]:.2f}x, "
              f"warm {results['full, warm'][0] / plain[0]:.2f}x the time; "
              f"{results['full, cold'][1] / plain[1]:.2f}x the peak memory")
        print(f"median of the per-round ratios: cold {ratios['full, cold']:.2f}x, warm {ratios['full, warm']:.2f}x")
        print(f"CPU time (steadier than wall time on a shared machine): cold {results['full, cold'][2] / plain[2]:.2f}x, "
              f"warm {results['full, warm'][2] / plain[2]:.2f}x")


if __name__ == "__main__":
    main()
