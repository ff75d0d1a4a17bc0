"""What a reader looks for in an output, taken from a manual's template context.

The format tests (test_html, test_pdf_content, test_deck_content, test_every_item) check
these words in their format's text; they import this module (conftest puts tests/ on the
path).
"""

from __future__ import annotations

NAMING = ("name", "title", "term", "question", "role")


def named_items(context: dict) -> list[tuple[str, str]]:
    """(section, words) for every entry with an id (its name, title, term, question or
    role), and every custom section's title, points, items and table cells."""
    found: list[tuple[str, str]] = []

    def walk(value, section: str) -> None:
        if isinstance(value, dict):
            if "id" in value:
                words = next((value[k] for k in NAMING if isinstance(value.get(k), str)), None)
                if words:
                    found.append((section, words))
            for inner in value.values():
                walk(inner, section)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, section)

    manual = context["manual"]
    for section, value in manual.items():
        if section not in ("meta", "settings", "custom_sections"):
            walk(value, section)
    for custom in manual.get("custom_sections") or []:
        found.append((custom["id"], custom["title"]))
        found += [(custom["id"], point) for point in custom.get("points") or []]
        walk(custom.get("items") or [], custom["id"])
        for row in (custom.get("table") or {}).get("rows", []):
            found += [(custom["id"], cell) for cell in row]
    return found


def reader_names(context: dict) -> list[str]:
    """The words a reader of the printed or on-screen manual looks for: every section's
    title, the named items, each deadline's time, custom tables' columns, the signature
    rows' roles, actions and meanings, and the author."""
    manual = context["manual"]
    names = [section["title"] for section in context["sections"]]
    names += [words for _, words in named_items(context)]
    names += [d["within_text"] for d in manual.get("deadlines") or ()]
    for row in manual.get("approvals") or ():
        names += [row["action_label"], row["meaning_text"]]
    for custom in manual.get("custom_sections") or ():
        names += (custom.get("table") or {}).get("columns", [])
    if manual["meta"].get("author"):
        names.append(manual["meta"]["author"])
    return names
