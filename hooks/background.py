"""Work done beside the page renderer: a second process while the pages are rendered.

Rendering pages is one Python thread. Work that needs no rendering still to come and whose
result is wanted at the end of the build (drawing a social card, scanning the HTML for the
Content-Security-Policy, finding the common words near the site's for the search) goes to a
forked process on a machine with a second core, so it costs little wall time. A fork starts at once with every module already loaded; a thread would fight
the renderer for Python's lock, so where there is no second core or no `fork`, the work runs in
one thread beside it.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Iterable


def pool() -> Executor:
    workers = (os.cpu_count() or 1) - 1
    if workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="build-background")
    return ProcessPoolExecutor(max_workers=min(workers, 2), mp_context=multiprocessing.get_context("fork"))


def wait_for(jobs: Iterable[Future]) -> list:
    """The result of each job, in order; the first failure is raised."""
    return [job.result() for job in jobs]
