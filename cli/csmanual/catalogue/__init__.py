"""Catalogues of the words csmanual says to people, in Korean and English, looked up by key.

`L` is one text in both languages; `Rule` is a diagnostic's code, severity and messages.
The catalogue modules hold data only; `csmanual.messages` looks words up in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

LANGS = ("ko", "en")


class L(NamedTuple):
    """A text in both languages; diagnostics carry these and pick one when printed."""

    ko: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str  # short English name, used in the README table
    ko: str
    en: str
    hint_ko: str = ""
    hint_en: str = ""
