"""Local parallelism: a function over items in worker processes, a bounded number in flight.

It lives beside the linter so that every command with ``--jobs`` can share it: ``corpus`` runs its
partitions through it, and ``lint --jobs`` (:func:`nqp_terms.linter.files.report_files`) can, with
``ordered=True``.  Each worker process lives for the whole run, so whatever the function builds and
keeps at module level (a linter built from a :class:`~nqp_terms.linter.files.LinterSpec`, as
``corpus`` does in ``nqp_terms.corpus.work.tool_for``) is built once per process, not once per item.  At most ``window`` items are in flight, so a run over a million partitions holds a
few results in memory, not a million futures.  Results come back as they finish
(``ordered=False``, what the corpus runner wants: each result names its own output files), or in
the items' order (``ordered=True``, what a command printing its findings wants).

>>> list(run_in_workers(abs, [-3, 1, -2], jobs=1, ordered=True))
[3, 1, 2]
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """The CPUs this process may run on (the affinity mask, not the machine's count, where known)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_in_workers(function: Callable[..., Result], items: Iterable[Item], *, jobs: int, args: tuple[Any, ...] = (),
                   ordered: bool = False, window: int | None = None) -> Iterator[Result]:
    """``function(item, *args)`` for each item; in this process when ``jobs`` is 1, else in ``jobs`` processes."""
    if jobs <= 1:
        for item in items:
            yield function(item, *args)
        return
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    limit = window or 2 * jobs
    pending: deque[Future[Result]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        source = iter(items)
        for item in source:
            pending.append(pool.submit(function, item, *args))
            if len(pending) >= limit:
                yield from _collect(pending, ordered, wait, FIRST_COMPLETED)
        while pending:
            yield from _collect(pending, ordered, wait, FIRST_COMPLETED)


def _collect(pending: deque[Any], ordered: bool, wait: Any, first_completed: Any) -> Iterator[Any]:
    """Results that can be handed back now: the oldest (ordered), or every finished one."""
    if ordered:
        yield pending.popleft().result()
        return
    done, _ = wait(pending, return_when=first_completed)
    for future in [f for f in pending if f in done]:
        pending.remove(future)
        yield future.result()
