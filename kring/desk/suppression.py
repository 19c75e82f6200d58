"""Small counts in the signals report are hidden, so that no parent or child can be recognised.

The rule (explained on the report page in plain language, `RULE_TEXT`):

1. A count of 1, 2, 3 or 4 is shown as "minder dan 5". A 0 is shown as 0.
2. A share (percentage) is shown only when the count and the total it comes from are both shown.
3. In a table whose rows add up to the total (school type, age group, channel, the months), a hidden
   count could be found by subtracting the shown rows from the total. So as soon as one row is
   hidden, also the row(s) with the smallest shown count are hidden. When no count above 0 is left
   to hide, the rows with 0 are hidden as well.
4. When the total itself is below 5, every row of such a table is hidden.

Rule 3 hides the smallest count *and every row with the same count*, so a reader cannot tell which
hidden row was small and which was hidden with it: swapping their values gives the same table. The
property tests in `tests/test_suppression.py` check this by trying every possible table.

Pure: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """One count of the report, as it may be shown: `value` is the true count (never show it when
    `hidden`)."""

    value: int
    hidden: bool

    @property
    def shown(self) -> int | None:
        """The count to show, or None when it is hidden ("minder dan 5")."""
        return None if self.hidden else self.value


@dataclass(frozen=True)
class Row:
    """The counts of a table whose rows add up to `total`, after suppression."""

    cells: tuple[Cell, ...]
    total: Cell


def is_small(count: int) -> bool:
    """A count that may not be shown: 1 up to and including 4."""
    return 0 < count < THRESHOLD


def cell(count: int) -> Cell:
    """One count on its own (rule 1): hidden when it is 1 to 4."""
    if count < 0:
        raise ValueError("a count is never negative")
    return Cell(count, is_small(count))


def cells(counts: Sequence[int]) -> tuple[Cell, ...]:
    """Counts that do not add up to a shown total (a question can have several categories)."""
    return tuple(cell(count) for count in counts)


def partition(counts: Sequence[int]) -> Row:
    """Counts that add up to their total, with the total shown (rules 1, 3 and 4)."""
    if any(count < 0 for count in counts):
        raise ValueError("a count is never negative")
    total = sum(counts)
    if is_small(total):
        return Row(tuple(Cell(count, True) for count in counts), Cell(total, True))
    hidden = {i for i, count in enumerate(counts) if is_small(count)}
    if hidden:
        positive = [count for i, count in enumerate(counts) if i not in hidden and count > 0]
        companion = min(positive) if positive else 0
        hidden |= {i for i, count in enumerate(counts) if i not in hidden and count == companion}
    return Row(tuple(Cell(count, i in hidden) for i, count in enumerate(counts)), Cell(total, False))


def share(part: Cell, whole: Cell) -> float | None:
    """The share of `part` in `whole` as a percentage (rule 2): None when either is hidden or the
    whole is 0."""
    if part.hidden or whole.hidden or whole.value == 0:
        return None
    return 100.0 * part.value / whole.value
