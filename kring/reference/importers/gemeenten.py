"""Matching gemeente names across sources.

The sources spell gemeenten differently: CBS writes `'s-Gravenhage` and `Súdwest-Fryslân`, DUO
writes `S GRAVENHAGE` and `SUDWEST-FRYSLAN`. `gemeente_key` reduces a name to lower-case letters
and digits separated by single spaces, without accents, so these meet. A few names differ in more
than spelling; `ALIASES` maps them to one canonical name.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# key of a variant spelling -> canonical name (as CBS writes it).
ALIASES: dict[str, str] = {
    "bergen lb": "Bergen (L.)",  # DUO: BERGEN (LB)
    "nuenen ca": "Nuenen, Gerwen en Nederwetten",  # DUO: NUENEN CA
    "hoekse waard": "Hoeksche Waard",  # misspelt in the CBS 2022 gemeente file
}

_SMALL_WORDS = {"aan", "de", "den", "der", "en", "het", "in", "op", "van", "bij", "ter", "te", "a"}


def gemeente_key(name: str) -> str:
    """`'s-Gravenhage` and `S GRAVENHAGE` → `s gravenhage`; aliases resolved."""
    key = _plain_key(name)
    alias = ALIASES.get(key)
    return _plain_key(alias) if alias else key


def canonical_name(name: str) -> str | None:
    """The canonical spelling when `name` is a known variant, else None."""
    return ALIASES.get(_plain_key(name))


def _plain_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", ascii_only.lower()).split())


def readable_name(upper: str) -> str:
    """A readable name for a gemeente known only in DUO's upper case: `VOORNE AAN ZEE` → `Voorne aan Zee`."""
    words = upper.strip().lower().split(" ")
    out = []
    for i, word in enumerate(words):
        if i > 0 and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)
