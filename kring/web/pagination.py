"""Pagination shared by the lists (cases, the steunpunt's queue, signals from attendance): which page
numbers to link. The markup is `web/_pagination.html`."""

from __future__ import annotations


def page_links(current: int, last: int) -> list[int | None]:
    """Page numbers to link: the first, the last and two around the current; None for a gap."""
    wanted = sorted({1, last, *range(current - 2, current + 3)} & set(range(1, last + 1)))
    links: list[int | None] = []
    for n in wanted:
        if links and links[-1] is not None and n - links[-1] > 1:
            links.append(None)
        links.append(n)
    return links
