"""Lines made in worker processes (fork: the workers read the plan the parent built, nothing is
pickled but the chunk bounds and the lines), handed back in chunk order."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import Any

Chunk = tuple[int, int]
_STATE: Any = None  # set in the parent before the workers fork


def _call(job: tuple[Callable[[Any, int, int], list[str]], Chunk]) -> list[str]:
    fn, (start, end) = job
    return fn(_STATE, start, end)


def lines_in_workers(
    fn: Callable[[Any, int, int], list[str]], state: Any, chunks: Sequence[Chunk], processes: int
) -> Iterator[str]:
    """`fn(state, start, end)` for each chunk, in `processes` workers (1: in this process)."""
    global _STATE
    _STATE = state
    try:
        if processes <= 1 or len(chunks) <= 1:
            for start, end in chunks:
                yield from fn(state, start, end)
            return
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for lines in pool.imap(_call, [(fn, chunk) for chunk in chunks]):
                yield from lines
    finally:
        _STATE = None
