"""The master's prompt texts ("Click to add title") in the manual's language.

A layout's placeholders show a prompt when someone adds a slide to the deck by hand; the
default master was made with Korean ones ("제목", "왼쪽 내용"), which an English deck kept.
Each placeholder's prompt is rewritten from the theme's words (`labels.yaml`,
`pptx_prompt_*` and the card's own headings), tagged with the deck's language, in the deck
being built: the theme's master.pptx is left as it is. A placeholder these tables do not
name (a theme's own layout) keeps its prompt.
"""

from __future__ import annotations

from pptx.oxml.ns import qn

# (layout, placeholder) → the label of its prompt; (None, placeholder) for any layout
PROMPTS: dict[tuple[str | None, str], str] = {
    (None, "title"): "pptx_prompt_title",
    (None, "subtitle"): "pptx_prompt_subtitle",
    (None, "meta"): "pptx_prompt_meta",
    (None, "body"): "pptx_prompt_body",
    (None, "left"): "pptx_prompt_left",
    (None, "right"): "pptx_prompt_right",
    (None, "diagram"): "pptx_prompt_diagram",
    (None, "traits"): "traits",
    (None, "do"): "do",
    (None, "dont"): "dont_say",
    (None, "example"): "phrases",
    ("section", "title"): "pptx_prompt_section_title",
    ("section", "subtitle"): "pptx_prompt_section_text",
    ("flow", "body"): "pptx_prompt_description",
    ("card", "title"): "pptx_prompt_type",
    ("closing", "title"): "pptx_closing",
    ("closing", "subtitle"): "pptx_prompt_contact",
    ("notes", "body"): "pptx_prompt_notes",
}
NOTES_BODY = "body"  # the notes master's text placeholder, by its type

_SP, _PH = qn("p:sp"), f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_NAME = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_P, _R, _T, _RPR = qn("a:p"), qn("a:r"), qn("a:t"), qn("a:rPr")
_FIELD, _END = qn("a:fld"), qn("a:endParaRPr")


def relabel_prompts(prs, labels: dict[str, str], lang: str, notes_master=None) -> None:
    """Every known prompt of the slide master, its layouts and the notes master in `labels`'
    words; every run of their placeholders tagged `lang`."""
    parts = [(None, prs.slide_master), *((layout.name, layout) for layout in prs.slide_layouts)]
    for layout, part in parts:
        for sp in part.shapes._spTree.iter(_SP):
            ph, name = sp.find(_PH), sp.find(_NAME)
            if ph is None or name is None:
                continue
            _tag(sp, lang)
            key = PROMPTS.get((layout, name.get("name"))) or PROMPTS.get((None, name.get("name")))
            if key and labels.get(key):
                _set_prompt(sp, labels[key], lang)
    notes = labels.get(PROMPTS[("notes", NOTES_BODY)])
    if notes_master is not None and notes:
        for sp in notes_master.shapes._spTree.iter(_SP):
            ph = sp.find(_PH)
            if ph is not None:
                _tag(sp, lang)
            if ph is not None and ph.get("type") == NOTES_BODY:
                _set_prompt(sp, notes, lang)


def _tag(sp, lang: str) -> None:
    """Every run of a placeholder (its footer's and slide number's too) in the deck's language."""
    for element in sp.iter(_RPR, _END):
        element.set("lang", lang)


def _set_prompt(sp, text: str, lang: str) -> None:
    """One paragraph of one run: the first paragraph keeps its level and look, the others
    (a master's "Second level" …) go, as do fields."""
    body = sp.find(qn("p:txBody"))
    if body is None:
        return
    paragraphs = body.findall(_P)
    if not paragraphs:
        return
    first = paragraphs[0]
    runs = first.findall(_R)
    if any(child.tag == _FIELD for child in first) or not runs:
        return  # a slide number or date field: not a prompt
    for extra in paragraphs[1:]:
        body.remove(extra)
    for extra in runs[1:]:
        first.remove(extra)
    run = runs[0]
    rpr = run.find(_RPR)
    if rpr is None:
        rpr = run.makeelement(_RPR, {})
        run.insert(0, rpr)
    rpr.set("lang", lang)
    end = first.find(_END)
    if end is not None:
        end.set("lang", lang)
    run.find(_T).text = text
