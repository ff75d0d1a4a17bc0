"""The diff report as a printable HTML redline, through the theme's `diff/report.html.j2`.

`csmanual diff --format html` renders it in a limited child, like a build's formats:
the template is a theme's, and a theme is not trusted.
"""

from __future__ import annotations

from csmanual import __version__
from csmanual.catalogue.sections import SECTIONS
from csmanual.diff import Change, field_label, grouped, kind_words, lines, show
from csmanual.theme import Theme

TEMPLATE = "diff/report.html.j2"


def render_report(
    changes: list[Change],
    theme: Theme,
    labels: dict[str, str],
    lang: str,
    old: dict,
    new: dict,
    title: str,
) -> str:
    """`labels`: the theme's words with the newer manual's section titles (its context's);
    `old`, `new`: the versions (`diff.version`: name, commit, subject, version, date)."""
    words = kind_words(lang)
    groups = [
        {
            "section": section,
            "label": labels.get(section) or SECTIONS[section].get(lang),
            "changes": [
                {
                    "kind": c.kind,
                    "kind_label": words[c.kind],
                    "name": c.name,
                    "field": field_label(c.field, labels),
                    "old": show(c.old),
                    "new": show(c.new),
                    # the changed elements and words, or every field of an added or removed
                    # item: [{label, segments: [{mark: same|del|ins, text}]}]
                    "lines": lines(c, labels, lang),
                }
                for c in items
            ],
        }
        for section, items in grouped(changes)
    ]
    context = {
        "lang": lang,
        "labels": labels,
        "groups": groups,
        "total": len(changes),
        "old": old,
        "new": new,
        "old_name": old["name"],
        "new_name": new["name"],
        "title": title,
        "tool": {"version": __version__},
    }
    return theme.render(TEMPLATE, context)
