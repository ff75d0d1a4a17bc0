"""The font families a theme ships (its fonts/ folders): what a reference document's
fonts are checked against, so a designer hears about a face other computers may lack."""

from __future__ import annotations

from csmanual.theme import Theme


def theme_families(theme: Theme) -> set[str]:
    """Every family name (lower-cased, Korean names too) of the theme's fonts/ folders."""
    from csmanual.fonts import family_names, font_files

    names: set[str] = set()
    for folder in theme.folders:
        for path in font_files(folder / "fonts", confined=True):
            names |= {name.lower() for name in family_names(path)}
    return names
