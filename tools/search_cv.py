"""Search quality on the question sets the index learns from, cross-validated.

The search index learns the words of the question sets that `extra.search_questions` lists
(hooks/search_questions.py), so typing those questions into the site measures nothing: the
index has seen them. This tool measures each listed set the honest way: the site is built
once, and each set's questions are put to the site's own engine (in Node, tools/search_rank.js)
with an index that learnt from every other listed set but not this one; and, beside it, with an
index that learnt from none. It prints hit@1 and hit@3 by page ("the right page first") per set
and pooled, with 95% intervals.

    python tools/search_cv.py [--out report.json]

Tuning sets that are not listed (the index budget holds only so many questions) have never been
learnt, so each is measured, after the listed ones, with the index as built. The held-out sets
(tests/search-eval/lay-held-out*.yaml) are never listed, and are measured in the browser by
tools/search_eval.py.
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from search_driver import Box, page_rank  # noqa: E402
from search_eval import wilson  # noqa: E402
from search_questions import (CONFIG_KEY, ENGINE, add_questions, engine_stop_words, question_files,  # noqa: E402
                              question_words, read_questions, read_settings)
from site_tools import ROOT, mkdocs_build  # noqa: E402

TUNING_SETS = "tests/search-eval/lay-tune*.yaml"  # may be tuned on; see CONTRIBUTING.md


def ranked(site: Path, index: dict, queries: list[str], folder: Path) -> list[list[Box]]:
    """Each query's results from the site's engine over `index`."""
    (folder / "index.json").write_text(json.dumps(index))
    (folder / "queries.json").write_text(json.dumps(queries))
    output = subprocess.run(["node", str(ROOT / "tools" / "search_rank.js"), str(site), str(folder / "index.json"),
                             str(folder / "queries.json")], capture_output=True, text=True, check=True).stdout
    return [[Box(tuple(links)) for links in groups] for groups in json.loads(output)]


def question_set(path: Path) -> tuple[str, list[dict]]:
    """A question file's name and questions; a broken file stops the tool."""
    name = path.relative_to(ROOT).as_posix()
    found, problems = read_questions(path.read_text(encoding="utf-8"), name)
    if problems:
        sys.exit("\n".join(str(problem) for problem in problems))
    return name, found


def page_ranks(site: Path, index: dict, judged: list[dict], folder: Path) -> list[int | None]:
    """Where each judged question's right page comes with `index`."""
    boxes = ranked(site, index, [question["query"] for question in judged], folder)
    return [page_rank(found, question["targets"]) for found, question in zip(boxes, judged)]


def pooled_line(label: str, total: dict) -> str:
    return (f"{label}: hit@1 {total['hit@1']} (95% {total['hit@1 95%'][0]}–{total['hit@1 95%'][1]}) "
            f"hit@3 {total['hit@3']} (95% {total['hit@3 95%'][0]}–{total['hit@3 95%'][1]}) over {total['queries']}")


def figures(ranks: list[int | None]) -> dict:
    first = sum(1 for rank in ranks if rank == 1)
    top3 = sum(1 for rank in ranks if rank and rank <= 3)
    return {"queries": len(ranks), "hit@1": round(first / len(ranks), 3), "hit@1 95%": wilson(first, len(ranks)),
            "hit@3": round(top3 / len(ranks), 3), "hit@3 95%": wilson(top3, len(ranks))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    patterns, _, errors = read_settings(config.get("extra", {}).get(CONFIG_KEY))
    files, more = question_files(patterns, ROOT)
    if errors + more or not files:
        sys.exit("\n".join(str(error) for error in errors + more) or f"mkdocs.yml lists no `extra.{CONFIG_KEY}` files")
    sets = dict(question_set(path) for path in files)
    unlearnt = dict(question_set(path) for path in sorted(set(ROOT.glob(TUNING_SETS)) - set(files)))
    stop_words = engine_stop_words((ROOT / "docs" / ENGINE).read_text(encoding="utf-8"))
    report: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        result = mkdocs_build(ROOT / "mkdocs.yml", site)
        if result.returncode:
            sys.exit(result.stderr)
        built = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        if unlearnt:
            print("tuning sets the index does not learn from, measured with the index as built:")
        unlearnt_ranks: list = []
        for name, questions in unlearnt.items():
            ranks = page_ranks(site, built, [question for question in questions if question["targets"]], Path(folder))
            unlearnt_ranks += ranks
            report[name] = {"as built": figures(ranks)}
            print(f"{name:<44} hit@1 {report[name]['as built']['hit@1']} hit@3 {report[name]['as built']['hit@3']}"
                  f"  ({len(ranks)} queries)")
        if len(unlearnt) > 1:
            report["pooled, not learnt"] = figures(unlearnt_ranks)
            print(pooled_line("pooled, not learnt", report["pooled, not learnt"]))
        if unlearnt:
            print("the sets the index learns from, each with an index that learnt from the others only:")
        for doc in built["docs"]:
            doc.pop("questions", None)
        pooled: dict[str, list] = {"none": [], "others": []}
        for name, questions in sets.items():
            judged = [question for question in questions if question["targets"]]
            others = [question for other, listed in sets.items() if other != name for question in listed]
            learnt = add_questions(copy.deepcopy(built), question_words(others, built["docs"], stop_words))
            report[name] = {}
            for label, index in (("none", built), ("others", learnt)):
                ranks = page_ranks(site, index, judged, Path(folder))
                pooled[label] += ranks
                report[name][label] = figures(ranks)
            print(f"{name:<44} learnt from none: hit@1 {report[name]['none']['hit@1']} hit@3 {report[name]['none']['hit@3']}"
                  f" | from the other sets: hit@1 {report[name]['others']['hit@1']} hit@3 {report[name]['others']['hit@3']}"
                  f"  ({len(judged)} queries)")
        for label, words in (("none", "learnt from none"), ("others", "each set learnt from the others")):
            report[f"pooled, {words}"] = figures(pooled[label])
            print(pooled_line(f"pooled, {words}", report[f"pooled, {words}"]))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
