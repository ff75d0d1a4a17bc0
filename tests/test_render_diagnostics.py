"""A renderer's warnings are diagnostics with a code and a place, like the source's own."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER

from csmanual.render.places import place
from csmanual.theme import Theme
from test_pptx import STRESS, _layout, context_of, override_master, render


def test_a_layout_without_a_footer_is_a_warning_at_the_master(tmp_path):
    def no_footer(prs):
        layout = _layout(prs, "content")
        for shape in list(layout.placeholders):
            if shape.placeholder_format.type == PP_PLACEHOLDER.FOOTER:
                shape.element.getparent().remove(shape.element)

    theme = override_master(tmp_path, no_footer)
    data, found = render(theme_dir=theme)
    [footless] = [d for d in found if d.code == "W708"]
    assert footless.file == str(theme / "pptx" / "master.pptx")
    assert footless.args == {"layout": "content"} and footless.level == "warning"
    assert "no footer placeholder" in footless.message("en") and data


def test_slide_warnings_carry_the_item_and_its_source_line():
    theme = Theme.locate()
    context = context_of(STRESS, theme)
    context["positions"] = {"behaviour_types/very-long": "a/b:c/manual.yaml:420"}
    _, found = render(context=context)
    named = [d for d in found if d.args.get("what", "").startswith("behaviour_types/very-long")]
    assert named and {(d.file, d.line) for d in named} == {("a/b:c/manual.yaml", 420)}
    assert all(d.code in ("W705", "W706", "W709", "W710") for d in found)


def test_a_place_is_split_at_the_last_colon():
    context = {"positions": {"x/y": "C:/m.yaml:7", "z": "m.yaml"}, "source_file": "s.yaml"}
    assert place(context, "x/y", "f") == ("C:/m.yaml", 7)
    assert place(context, "z", "f") == ("m.yaml", None)
    assert place(context, "other", "f") == ("s.yaml", None)
    assert place({}, "other", "f") == ("f", None)
