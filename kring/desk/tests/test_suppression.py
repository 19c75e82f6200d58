"""The rule for small counts: nothing between 1 and 4 is shown, and no hidden count can be found back
by subtracting the shown rows from the total."""

from __future__ import annotations

import itertools
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from kring.desk.suppression import Cell, cell, cells, partition, share

MAX = 9  # the reader tries every table with counts 0..MAX (enough: the rule looks at counts below 5)


def display(counts: tuple[int, ...]) -> tuple[tuple[int | None, ...], int | None]:
    """What a reader sees of a table: the shown counts (None: "minder dan 5") and the shown total."""
    row = partition(counts)
    return tuple(c.shown for c in row.cells), row.total.shown


@cache
def tables_seen_as(length: int) -> dict[tuple[tuple[int | None, ...], int | None], list[tuple[int, ...]]]:
    """Every table of this length, grouped by what the reader sees of it."""
    seen: dict[tuple[tuple[int | None, ...], int | None], list[tuple[int, ...]]] = {}
    for counts in itertools.product(range(MAX + 1), repeat=length):
        seen.setdefault(display(counts), []).append(counts)
    return seen


counts_lists = st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=12)


@given(counts_lists)
def test_no_shown_count_is_below_5_except_0(counts):
    row = partition(counts)
    for c in (*row.cells, row.total):
        assert c.shown is None or c.shown == 0 or c.shown >= 5
    for c in cells(counts):
        assert c.shown is None or c.shown == 0 or c.shown >= 5


@given(counts_lists)
def test_a_shown_count_is_the_true_count_and_small_counts_are_always_hidden(counts):
    row = partition(counts)
    assert row.total.value == sum(counts)
    for count, c in zip(counts, row.cells, strict=True):
        assert c.value == count
        if 0 < count < 5:
            assert c.hidden


@given(counts_lists)
def test_one_hidden_row_never_stands_alone_when_the_total_is_shown(counts):
    row = partition(counts)
    hidden = [c for c in row.cells if c.hidden]
    if not row.total.hidden and hidden:
        assert len(hidden) >= 2 or len(row.cells) == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=MAX), min_size=1, max_size=4))
def test_no_hidden_count_can_be_derived_from_the_shown_rows_and_the_total(counts):
    # The reader knows the rule and sees the table; every table that looks the same is possible.
    counts = tuple(counts)
    possible = tables_seen_as(len(counts))[display(counts)]
    row = partition(counts)
    for i, c in enumerate(row.cells):
        if c.hidden:
            values = {table[i] for table in possible}
            assert len(values) >= 2, f"row {i} of {counts} can be found back: it is always {values}"


def test_examples():
    # One small row: the smallest other row is hidden with it.
    assert display((3, 12, 40)) == ((None, None, 40), 55)
    # Two rows with the same smallest count: both are hidden.
    assert display((3, 12, 12, 40)) == ((None, None, None, 40), 67)
    # Nothing above 0 left to hide: the zeros are hidden too.
    assert display((4, 4, 0)) == ((None, None, None), 8)
    # A small total: everything hidden.
    assert display((1, 2, 0)) == ((None, None, None), None)
    # Nothing small: everything shown.
    assert display((5, 0, 9)) == ((5, 0, 9), 14)
    assert display((0, 0)) == ((0, 0), 0)


def test_a_share_needs_both_counts_shown():
    assert share(cell(10), cell(40)) == 25.0
    assert share(cell(3), cell(40)) is None
    assert share(cell(10), Cell(12, True)) is None
    assert share(cell(0), cell(0)) is None
