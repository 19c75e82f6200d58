"""Which page numbers a list links: the first, the last and two around the current, a gap as None."""

from __future__ import annotations

import pytest

from kring.web.pagination import page_links


@pytest.mark.parametrize(
    ("current", "last", "links"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
        (12, 12, [1, None, 10, 11, 12]),
    ],
)
def test_page_links(current: int, last: int, links: list[int | None]) -> None:
    assert page_links(current, last) == links
