"""Catalogues of the words csmanual says to people, in Korean and English, looked up by key.

`L` is one text in both languages; `Rule` is a diagnostic's code, severity and messages.
The catalogue modules hold data only; `csmanual.messages` looks words up in them:

    rules.py         the rule codes E0xx–E6xx with their messages and hints
    render_rules.py  the renderers' rule codes (E7xx)
    office_rules.py  the DOCX and HWPX editions' rule codes (E715–E739)
    theme_rules.py   a theme's and the render limits' rule codes (E75x, E790)
    settings_rules.py a project's settings file's rule codes (E770–E779)
    words.py         every other word, by a dotted key ("diff.none", "read.folder" …)
    sections.py      the manual's sections (titles, in order), field labels, item nouns
    yaml_problems.py libyaml's problems said so that a CS manager can act on them

Texts are `str.format` templates over named arguments, with two additions that
`messages.fill` resolves: a count written `{n:# place|# places}` reads "1 place" /
"2 places", and a Korean particle written in its neutral form — 이(가), 은(는), 을(를),
과(와), (으)로, (이)라고 — becomes the form the word before it takes ("기한이", "채널로").
After a value a particle is always written neutral. Where the value is an id or a key the
user wrote, whose reading is anyone's guess, the sentence is built so that no particle
follows it: "'{id}' id가", not "'{id}'이(가)".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

LANGS = ("ko", "en")
Lang = Literal["ko", "en"]


def language(lang: object) -> Lang:
    """The one choice of language: English when asked for (`en`, or a tag such as `en-GB`),
    Korean otherwise."""
    return "en" if isinstance(lang, str) and lang.split("-")[0] == "en" else "ko"


class L(NamedTuple):
    """A text in both languages; diagnostics carry these and pick one when printed."""

    ko: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if language(lang) == "en" else self.ko

    @classmethod
    def same(cls, text: str) -> L:
        """A text that reads the same in every language (a code point's Unicode name)."""
        return cls(text, text)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str  # short English name, used in the README table
    ko: str
    en: str
    hint_ko: str = ""
    hint_en: str = ""

    @property
    def message(self) -> L:
        return L(self.ko, self.en)

    @property
    def hint(self) -> L:
        return L(self.hint_ko, self.hint_en)
