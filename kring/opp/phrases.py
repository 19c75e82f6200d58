"""The words that end support (issue 10, item 11): find them in free text. Pure Python, no Django.

'Handelingsverlegen', 'zorg is voorliggend', 'rust is voorliggend' (and 'eerst rust', 'eerst zorg')
are written in reports and meeting notes as if they answer a question. They do not: each says that
education stops for a while, not who brings the child back. Kring finds them in what professionals
write and asks for a terugkeerplan (who does what, by when). This module only finds them; it never
changes a status. Case-insensitive, with the usual Dutch variations ('gaat voor', 'voorliggende
zorg', 'jeugdzorg is voorliggend', 'handelingsverlegenheid').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["HANDELINGSVERLEGEN", "RUST", "ZORG", "PhraseHit", "find_phrases", "first_phrase"]

# The kinds of phrase, named like the reasons of a terugkeerplan (opp.return_models.Reason).
HANDELINGSVERLEGEN = "handelingsverlegen"
ZORG = "zorg_voorliggend"
RUST = "rust_voorliggend"

_S = r"[\s\-]+"  # words apart: spaces, line breaks, a hyphen
_FIRST = r"(?:is|gaat|staat|komt|wordt)"
_AHEAD = r"(?:voorliggend|voor(?:op|af)?|eerst)"


def _ahead(noun: str, *, compound: bool) -> str:
    """'<noun> is voorliggend', '<noun> gaat voor(op)', '<noun> komt eerst', 'voorliggende <noun>',
    'eerst (de) <noun>', 'gaat (de) <noun> voorop'. With `compound` the noun may end a longer
    word ('jeugdzorg')."""
    word = rf"\w*{noun}" if compound else noun
    return (
        rf"\b{word}{_S}{_FIRST}{_S}{_AHEAD}\b"
        rf"|\bvoorliggende{_S}{word}\b"
        rf"|\beerst{_S}(?:de{_S}|het{_S})?{word}\b"
        # the verb first ('dan gaat zorg voorop'); not with a bare 'voor' ('staat zorg voor kwaliteit')
        rf"|\b{_FIRST}{_S}(?:de{_S})?{word}{_S}(?:voorliggend|voorop|eerst)\b"
    )


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (HANDELINGSVERLEGEN, re.compile(r"\bhandelings[\s\-]*verlegen(?:heid)?\b", re.IGNORECASE)),
    (ZORG, re.compile(_ahead("zorg", compound=True), re.IGNORECASE)),
    # 'rust eerst' too; not 'zorg eerst' ('ik zorg eerst dat ...' is an everyday verb)
    (RUST, re.compile(_ahead("rust", compound=False) + rf"|\brust{_S}eerst\b", re.IGNORECASE)),
)


@dataclass(frozen=True)
class PhraseHit:
    """One place in the text: which kind of phrase, the words as written (spaces made single),
    and where (start, end) in the text."""

    kind: str
    words: str
    start: int
    end: int


def find_phrases(text: str) -> list[PhraseHit]:
    """Every phrase in `text` that ends support, in the order they stand."""
    hits = [
        PhraseHit(kind=kind, words=" ".join(m.group(0).split()), start=m.start(), end=m.end())
        for kind, pattern in _PATTERNS
        for m in pattern.finditer(text or "")
    ]
    return sorted(hits, key=lambda h: (h.start, h.end))


def first_phrase(*texts: str) -> PhraseHit | None:
    """The first phrase in the first text that has one, or None."""
    for text in texts:
        hits = find_phrases(text)
        if hits:
            return hits[0]
    return None
