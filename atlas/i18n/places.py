"""A country's name inside a French sentence: "au Sénégal", "en Côte d’Ivoire", "aux Comores", "à Madagascar",
"du Kenya", "de la Côte d’Ivoire", "de l’Inde", "des Philippines", "d’Haïti". Pure (no Streamlit).

No library on PyPI knows the article and preposition of French country names (pycountry and Babel give the
names only), so `places_fr.csv` holds them for every country in the snapshot, keyed by ISO3: the name as a
French text writes it in a sentence ("Iran", not the ISO list's "Iran, République islamique d’"), its article
(le, la, les, or none for most islands and city-states) and, rarely, a preposition that departs from the rule
("à la Grenade", "en Haïti", "sur l’île de Man"). The rule:

    article   the            in             of
    le        le Kenya       au Kenya       du Kenya
    la        la Guinée      en Guinée      de la Guinée
    le/la + vowel or mute h: l’Inde, en Inde, de l’Inde (l’Ouganda, en Ouganda)
    les       les Comores    aux Comores    des Comores
    (none)    Madagascar     à Madagascar   de Madagascar, d’Oman, d’Haïti

A message uses a place through format specs, so that English and French may place it differently:
`{country}` the name, `{country:the}` with its article, `{country:The}` the same at a sentence's start,
`{country:in}` and `{country:of}` with the preposition. In English these are "Kenya", "in Kenya", "of Kenya".
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from . import lang

TABLE = Path(__file__).parent / "places_fr.csv"
VOWELS = set("AEIOUÀÂÄÅÉÈÊËÎÏÔÖÙÛÜaeiouàâäåéèêëîïôöùûü")  # not Y: "le Yémen", "du Yémen"
MUTE_H = {"Haïti"}  # elide before these (d’Haïti); other h are aspirated: "de Hong Kong", "la Hongrie"
SPECS = ("", "the", "The", "in", "of")


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """ISO3 -> {name, article, prep} (French)."""
    with TABLE.open(encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def elides(name: str) -> bool:
    """Whether "le", "la" and "de" drop their vowel before the name."""
    return name[:1] in VOWELS or any(name.startswith(h) for h in MUTE_H)


@dataclass(frozen=True)
class Place:
    name: str
    article: str = ""   # French: "le", "la", "les" or "" (none)
    prep: str = ""      # French: a preposition that departs from the rule ("à", "en", "sur")
    lang: str = "en"

    def the(self) -> str:
        if self.lang != "fr" or not self.article:
            return self.name
        if self.article in ("le", "la") and elides(self.name):
            return f"l’{self.name}"
        return f"{self.article} {self.name}"

    def in_(self) -> str:
        if self.lang != "fr":
            return f"in {self.name}"
        if self.prep:  # "à la Grenade", "en Haïti", "sur l’île de Man"
            return f"{self.prep} {self.the()}"
        if self.article == "les":
            return f"aux {self.name}"
        if self.article == "le" and not elides(self.name):
            return f"au {self.name}"
        if self.article in ("le", "la"):
            return f"en {self.name}"
        return f"à {self.name}"

    def of(self) -> str:
        if self.lang != "fr":
            return f"of {self.name}"
        if self.article == "les":
            return f"des {self.name}"
        if self.article == "le" and not elides(self.name):
            return f"du {self.name}"
        if self.article:
            return f"de {self.the()}"
        return f"d’{self.name}" if elides(self.name) else f"de {self.name}"

    def __format__(self, spec: str) -> str:
        if spec not in SPECS:
            raise ValueError(f"unknown place format {spec!r} (one of {SPECS})")
        text = {"": self.name, "the": self.the(), "The": self.the(), "in": self.in_(), "of": self.of()}[spec]
        return text[:1].upper() + text[1:] if spec == "The" else text

    def __str__(self) -> str:
        return self.name


def place(code: str, name: str) -> Place:
    """The place in the current language. `name` is the snapshot's name in that language, used as is in
    English and for a French place the table does not hold (then without an article: "à X", "de X")."""
    if lang() == "fr":
        row = table().get(code)
        if row:
            return Place(row["name"], row["article"], row["prep"], "fr")
        return Place(name, lang="fr")
    return Place(name, lang=lang())
