"""One look for every format: `theme.yaml`'s `palette:` and `fonts:`.

The brand colours and fonts are written once and reach every format: the HTML page and
the printed manual and cards as CSS custom properties (`--palette-primary`,
`--font-body` …, which the default stylesheets use through `var()`), the deck through
its master's theme colours and fonts, rewritten when the deck is built, the office
editions (DOCX, HWPX) through their reference document's named styles (`render/office/look`).

Which value a format gets, key by key: the most specific theme folder that sets the key
decides (`--theme` → the project's `templates/` → the default theme); inside one
theme.yaml a format's own entry (`palette: {pdf: {primary: …}}`) beats the shared one. So
the default theme can keep each format's tuned shades while one `primary:` in a
designer's theme.yaml recolours all of them. A colour derived from another (`primary-soft`
from `primary`) follows it unless the folder that set the other, or a more specific one,
sets it too. The format's own file still has the last word: a rule of a stylesheet comes
after these properties, and a master of a theme folder at least as specific as the
palette's keeps its own colours and fonts, and so does a reference document.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from csmanual.diagnostics import Diagnostic

if TYPE_CHECKING:
    from csmanual.theme import Theme

# what each colour paints (docs/themes.md has the table); the deck's theme colour slots
COLOURS = (
    "primary",  # headings, links, step numbers, rules; deck: accent1 and links
    "primary-soft",  # tinted boxes behind primary text (derived from primary)
    "accent",  # a second colour; deck: accent2 (every other flow step)
    "heading",  # deck: slide titles, title and closing slides (dk2); derived from primary
    "text",  # body text; deck: dk1
    "muted",  # captions, labels, running heads; deck: accent6
    "background",  # cards and boxes; deck: lt1
    "surface",  # the HTML page, the PDF's table heads; deck: lt2
    "border",  # card edges, table rules
    "do",  # what to do
    "dont",  # what not to say
    "dont-soft",  # behind what not to say (derived from dont)
)
# derived colour → (its base, how much white (+) or black (-) is mixed in)
DERIVED = {
    "primary-soft": ("primary", 0.9),
    "heading": ("primary", -0.25),
    "dont-soft": ("dont", 0.93),
}
# the cards are printed: they take the pdf values; the office editions (docx, hwpx) are
# edited on another computer in its own fonts, so each has its own entry as the page has
FORMATS = ("html", "pdf", "pptx", "docx", "hwpx")
ROLES = ("body", "heading")
SCRIPTS = ("korean", "latin")
GENERIC = ("serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui")
PDF_FAMILY_PREFIX = "CS "  # never confused with an installed font of the same name
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _theme_error(code: str, file: str, line: int | None, column: int | None, **args):
    from csmanual.theme import ThemeError

    return ThemeError(Diagnostic(code, file, line, column, args=args))


@dataclass(frozen=True)
class Setting:
    """One value of a theme.yaml and where it is written (`level` 0: the most specific)."""

    value: object
    file: str
    line: int | None
    column: int | None
    level: int


@dataclass
class Look:
    """The colours and fonts of each format, resolved over the theme's folders."""

    colours: dict[str, dict[str, Setting]] = field(default_factory=dict)
    fonts: dict[str, dict[tuple[str, str], list[Setting]]] = field(default_factory=dict)

    def colour(self, fmt: str, key: str) -> str:
        return str(self.colours[_fmt(fmt)][key].value)

    def font_settings(self, fmt: str, role: str, script: str) -> list[Setting]:
        """The settings for one role and script, most specific first, less specific themes'
        after them as fallbacks; a heading falls back on the body's faces too."""
        found = list(self.fonts[_fmt(fmt)][(role, script)])
        if role != "body":
            found += [s for s in self.fonts[_fmt(fmt)][("body", script)] if s not in found]
        return found

    def font_names(self, fmt: str, role: str, script: str) -> list[str]:
        names: list[str] = []
        for setting in self.font_settings(fmt, role, script):
            names += [n for n in setting.value if n not in names]
        return names


def _fmt(fmt: str) -> str:
    return "pdf" if fmt == "card" else fmt


# --- reading theme.yaml -------------------------------------------------------------------


def read_look(files: list[tuple[int, Path, object]]) -> Look:
    """The look from the theme's theme.yaml files (the level of the theme folder it is
    in, path, loaded Source), most specific first. The level is the folder's, not the
    file's rank, so that it compares with a master's or a stylesheet's folder. Raises
    ThemeError: E742 for a key or shape it cannot read, E740 for a colour."""
    entries = [(level, _entries(path, source)) for level, path, source in files]
    look = Look()
    for fmt in FORMATS:
        colours: dict[str, Setting] = {}
        for key in COLOURS:
            found = _first(entries, "palette", fmt, key)
            if found is not None:
                colours[key] = found
        for key, (base, amount) in DERIVED.items():
            own, of = colours.get(key), colours.get(base)
            if of is not None and (own is None or own.level > of.level):
                mixed = _mix(str(of.value), amount)
                colours[key] = Setting(mixed, of.file, of.line, of.column, of.level)
        look.colours[fmt] = colours
        fonts: dict[tuple[str, str], list[Setting]] = {}
        for role in ROLES:
            for script in SCRIPTS:
                fonts[(role, script)] = _all(entries, "fonts", fmt, (role, script))
        for script in SCRIPTS:  # headings follow the body unless set as specifically
            heading, body = fonts[("heading", script)], fonts[("body", script)]
            if body and (not heading or heading[0].level > body[0].level):
                fonts[("heading", script)] = body
        look.fonts[fmt] = fonts
    return look


def _entries(path: Path, source) -> dict:
    """{("palette", fmt|None, key): Setting, ("fonts", fmt|None, (role, script)): Setting}
    of one theme.yaml, checked."""
    data, out = source.data, {}

    def at(keys: tuple, on_key: bool = False) -> tuple[str, int | None, int | None]:
        span = source.span(keys, on_key=on_key)
        return str(path), span.line, span.column

    def unknown(keys: tuple, name: str, known: list[str]):
        near = difflib.get_close_matches(str(name), known, n=1)
        hint = f"'{near[0]}'" if near else ", ".join(known)
        return _theme_error("E742", *at(keys, True), key=".".join(map(str, keys)), known=hint)

    for key in data:
        if key not in ("omit", "palette", "fonts"):
            raise unknown((key,), key, ["omit", "palette", "fonts"])
    palette = data.get("palette") or {}
    if not isinstance(palette, dict):
        raise unknown(("palette",), "palette", list(COLOURS))
    for key, value in palette.items():
        if key in FORMATS:
            if not isinstance(value, dict):
                raise unknown(("palette", key), key, list(COLOURS))
            for sub, colour in value.items():
                if sub not in COLOURS:
                    raise unknown(("palette", key, sub), sub, list(COLOURS))
                out[("palette", key, sub)] = _colour(colour, *at(("palette", key, sub)), 0)
        elif key in COLOURS:
            out[("palette", None, key)] = _colour(value, *at(("palette", key)), 0)
        else:
            raise unknown(("palette", key), key, [*COLOURS, *FORMATS])
    fonts = data.get("fonts") or {}
    if not isinstance(fonts, dict):
        raise unknown(("fonts",), "fonts", list(ROLES))
    for key, value in fonts.items():
        if key in FORMATS:
            if not isinstance(value, dict):
                raise unknown(("fonts", key), key, list(ROLES))
            for role, faces in value.items():
                if role not in ROLES:
                    raise unknown(("fonts", key, role), role, list(ROLES))
                out.update(_faces(faces, ("fonts", key, role), key, role, at, unknown))
        elif key in ROLES:
            out.update(_faces(value, ("fonts", key), None, key, at, unknown))
        else:
            raise unknown(("fonts", key), key, [*ROLES, *FORMATS])
    return out


def _faces(value, keys: tuple, fmt, role: str, at, unknown) -> dict:
    """`body: {korean: …, latin: …}`; `body: Name` names both scripts."""
    if isinstance(value, (str, list)):
        value = {script: value for script in SCRIPTS}
        spans = {script: keys for script in SCRIPTS}
    elif isinstance(value, dict):
        spans = {script: (*keys, script) for script in value}
    else:
        raise unknown(keys, keys[-1], list(SCRIPTS))
    out = {}
    for script, names in value.items():
        if script not in SCRIPTS:
            raise unknown((*keys, script), script, list(SCRIPTS))
        listed = [names] if isinstance(names, str) else names
        texts = isinstance(listed, list) and all(isinstance(n, str) and n.strip() for n in listed)
        if not (listed and texts):
            raise _theme_error("E743", *at(spans[script]), key=".".join(map(str, spans[script])))
        out[("fonts", fmt, (role, script))] = Setting(
            tuple(n.strip() for n in listed), *at(spans[script]), 0
        )
    return out


def _colour(value: object, file: str, line, column, level: int) -> Setting:
    if not (isinstance(value, str) and _HEX.fullmatch(value.strip())):
        shown = str(value) if value is not None else _as_written(file, line, column)
        raise _theme_error("E740", file, line, column, value=shown)
    return Setting(value.strip().lower(), file, line, column, 0)


def _as_written(file: str, line: int | None, column: int | None) -> str:
    """The text at line:column as the file has it: `#8a1538` unquoted, which YAML read as
    a comment and so as no value at all."""
    try:
        text = Path(file).read_text("utf-8").splitlines()[(line or 1) - 1]
    except (OSError, UnicodeError, IndexError):
        return ""
    return text[(column or 1) - 1 :].strip()


def _first(entries: list[tuple[int, dict]], section: str, fmt: str, key) -> Setting | None:
    for level, entry in entries:
        found = entry.get((section, fmt, key)) or entry.get((section, None, key))
        if found is not None:
            return Setting(found.value, found.file, found.line, found.column, level)
    return None


def _all(entries: list[tuple[int, dict]], section: str, fmt: str, key) -> list[Setting]:
    out = []
    for level, entry in entries:
        found = entry.get((section, fmt, key)) or entry.get((section, None, key))
        if found is not None:
            out.append(Setting(found.value, found.file, found.line, found.column, level))
    return out


def hex6(colour: str) -> str:
    """`#1d4f91` or `#abc` → `1D4F91`, `AABBCC` (as a master writes it)."""
    digits = colour[1:]
    return (digits if len(digits) == 6 else "".join(c * 2 for c in digits)).upper()


def _mix(colour: str, amount: float) -> str:
    """`colour` with white (amount > 0) or black (amount < 0) mixed in."""
    digits = hex6(colour)
    rgb = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    target = 255 if amount > 0 else 0
    share = abs(amount)
    return "#" + "".join(f"{round(c + (target - c) * share):02x}" for c in rgb)


# --- CSS: the HTML page, the PDF and the cards ---------------------------------------------


def css(look: Look, fmt: str, lang: str, theme: Theme | None = None) -> str:
    """`:root { --palette-primary: …; --font-body: …; --font-heading: … }` for a format;
    for the PDF and the cards also the `@font-face` of every theme font it names (E741
    for a name no file of the theme's fonts/ has: the PDF draws only with those)."""
    fmt = _fmt(fmt)
    lines = [f"  --palette-{key}: {look.colour(fmt, key)};" for key in COLOURS]
    faces: list[str] = []
    order = SCRIPTS if lang == "ko" else tuple(reversed(SCRIPTS))  # a Latin manual: Latin first
    for role in ROLES:
        names: list[str] = []
        for script in order:
            names += [n for n in look.font_names(fmt, role, script) if n not in names]
        if fmt == "pdf":
            families = _pdf_families(look, fmt, role, order, theme, faces)
            stack = ", ".join([*families, "sans-serif"])
        else:
            stack = ", ".join([*(_quoted(n) for n in names), "system-ui", "sans-serif"])
        lines.append(f"  --font-{role}: {stack};")
    root = "".join(faces) + ":root {\n" + "\n".join(lines) + "\n}\n"
    if fmt == "pdf":  # a print sheet of a theme's own that says nothing still uses the
        # theme's fonts, never the machine's, and keeps Korean words whole; it may override
        root += "html { font-family: var(--font-body); word-break: keep-all; }\n"
    return root


def _quoted(name: str) -> str:
    return name if name in GENERIC else '"' + name.replace('"', "") + '"'


def _pdf_families(look: Look, fmt: str, role: str, order, theme, faces: list[str]) -> list[str]:
    """The PDF's family names for a role (each a theme font, declared once in `faces`)."""
    from csmanual.fonts import family_names, font_files

    files = []
    if theme is not None:
        seen: set[str] = set()
        for folder in theme.folders:
            for path in font_files(folder / "fonts", confined=True):
                if path.name not in seen:
                    seen.add(path.name)
                    files.append(path)
    families = []
    for script in order:
        for setting in look.font_settings(fmt, role, script):
            for name in setting.value:
                if name in GENERIC:
                    continue
                found = [p for p in files if name.lower() in family_names(p)]
                if not found:
                    known = sorted({_family(p) for p in files})
                    near = difflib.get_close_matches(name, known, n=1)
                    raise _theme_error(
                        "E741",
                        setting.file,
                        setting.line,
                        setting.column,
                        font=name,
                        known=", ".join(known) or "-",
                        suggestion=f"'{near[0]}'" if near else "-",
                    )
                family = _quoted(PDF_FAMILY_PREFIX + name)
                if family not in families:
                    families.append(family)
                for path in found:
                    face = _font_face(PDF_FAMILY_PREFIX + name, path, theme)
                    if face not in faces:  # a face the other role named already
                        faces.append(face)
    return families


def _family(path: Path) -> str:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        name = font["name"].getBestFamilyName() or path.stem
        font.close()
        return str(name)
    except Exception:  # an unreadable font is named by its file; E708 says why elsewhere
        return path.stem


def _font_face(family: str, path: Path, theme) -> str:
    """An @font-face for one file, with its own weight and style (OS/2), as a URL the
    PDF's fetcher resolves in the theme (`../fonts/x.ttf` from pdf/)."""
    weight, italic = _weight_and_style(path)
    style = "italic" if italic else "normal"
    url = PurePosixPath("..", "fonts", path.name)
    return (
        f'@font-face {{ font-family: "{family}"; src: url("{url}"); '
        f"font-weight: {weight}; font-style: {style}; }}\n"
    )


def _weight_and_style(path: Path) -> tuple[int, bool]:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        os2 = font["OS/2"]
        weight, italic = int(os2.usWeightClass), bool(os2.fsSelection & 1)
        if os2.fsSelection & 0x20:  # the style-linked bold of its family: what `bold` asks for
            weight = 700
        elif os2.fsSelection & 0x40:  # the regular face
            weight = 400
        font.close()
        return (weight if 1 <= weight <= 1000 else 400), italic
    except Exception:
        return 400, False


# --- fonts named nowhere ------------------------------------------------------------------


def unknown_fonts(theme: Theme, fmt: str, families: list[str] | None = None) -> list[Diagnostic]:
    """W740 for each face a theme of the designer's (not the default one) names for `fmt`
    that neither the theme's fonts/ nor this machine has: most likely a misspelt name,
    which the page or the deck would silently replace. `families`: only these names (the
    ones the deck's measuring found nowhere)."""
    from csmanual.fonts import family_names, font_files, system_font_files

    look, default = theme.look(), len(theme.folders) - 1
    named = {}
    for (_role, _script), settings in look.fonts[_fmt(fmt)].items():
        for setting in settings:
            if setting.level < default:
                for name in setting.value:
                    named.setdefault(name, setting)
    wanted = [n for n in named if n not in GENERIC and (families is None or n in families)]
    if not wanted:
        return []
    files = [p for folder in theme.folders for p in font_files(folder / "fonts", confined=True)]
    known = {name: path for path in files for name in family_names(path)}  # lower-cased
    missing = [n for n in wanted if n.lower() not in known]
    if missing and families is None:  # the page: the reader's fonts, so look at this machine's
        for path in system_font_files():
            for name in family_names(path):
                known.setdefault(name, path)
        missing = [n for n in missing if n.lower() not in known]
    found = []
    for name in missing:
        setting = named[name]
        near = difflib.get_close_matches(name.lower(), sorted(known), n=1)
        shown = f"'{_family(known[near[0]])}'" if near else "-"  # as the font spells it
        args = {"font": name, "format": fmt, "suggestion": shown}
        found.append(Diagnostic("W740", setting.file, setting.line, setting.column, args=args))
    return found
