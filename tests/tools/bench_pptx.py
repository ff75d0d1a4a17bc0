"""Slides per second at 50 and at 500 slides: adding a slide must not get slower with every
slide already in the deck (python-pptx's own add_slide and notes_slide do).

    .venv/bin/python tests/tools/bench_pptx.py [--python-pptx]

Builds manuals with N behaviour types (one card slide each, plus the fixed slides) and prints
the rate of the whole PPTX render, and of slide adding alone. With --python-pptx, also the rate
of python-pptx's own add_slide + notes_slide for comparison. A measurement, not a test.
"""

from __future__ import annotations

import copy
import io
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "cli"))

from csmanual.context import build_context  # noqa: E402
from csmanual.model import Manual  # noqa: E402
from csmanual.render.pptx import PptxRenderer  # noqa: E402
from csmanual.render.pptx.deck import Deck  # noqa: E402
from csmanual.theme import Theme  # noqa: E402

EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"


def context_with(types: int, theme: Theme) -> dict:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    base = data["behaviour_types"][0]
    data["behaviour_types"] = []
    for i in range(types):
        item = copy.deepcopy(base)
        item["id"], item["name"] = f"type-{i}", f"{base['name']} {i}"
        data["behaviour_types"].append(item)
    manual = Manual.model_validate(data)
    return build_context(manual, theme.labels("ko"))


def render_rate(slides_wanted: int, theme: Theme) -> tuple[int, float]:
    fixed = len(_count(context_with(1, theme), theme)) - 1  # slides besides the cards
    context = context_with(max(slides_wanted - fixed, 1), theme)
    started = time.perf_counter()
    data = PptxRenderer().render(context, theme)
    seconds = time.perf_counter() - started
    from pptx import Presentation

    return len(Presentation(io.BytesIO(data)).slides), seconds


def _count(context: dict, theme: Theme):
    from pptx import Presentation

    return Presentation(io.BytesIO(PptxRenderer().render(context, theme))).slides


def add_rate(count: int, theme: Theme, ours: bool) -> float:
    deck = Deck(theme.read_bytes("pptx/master.pptx"))
    layout = deck.layouts["content"]
    started = time.perf_counter()
    for _ in range(count):
        if ours:
            slide = deck.add_slide(layout)
            deck.notes(slide)
        else:
            slide = deck.prs.slides.add_slide(layout)
            slide.notes_slide  # noqa: B018 - creates the notes page
    return count / (time.perf_counter() - started)


def main() -> None:
    theme = Theme.locate()
    print("whole render (plan, fit, shapes, notes, save):")
    rates = {}
    for wanted in (50, 500):
        best = None
        for _ in range(3):
            slides, seconds = render_rate(wanted, theme)
            best = seconds if best is None else min(best, seconds)
        rates[wanted] = slides / best
        print(f"  {slides:4d} slides: {best:6.2f} s  {rates[wanted]:7.1f} slides/s")
    print(f"  rate at 500 / rate at 50: {rates[500] / rates[50]:.2f}")
    kinds = [("csmanual Deck.add_slide + notes", True)]
    if "--python-pptx" in sys.argv:
        kinds.append(("python-pptx add_slide + notes_slide", False))
    for name, ours in kinds:
        print(f"slide adding alone ({name}):")
        r50 = max(add_rate(50, theme, ours) for _ in range(3))
        r500 = max(add_rate(500, theme, ours) for _ in range(3))
        print(f"  50: {r50:7.0f} slides/s   500: {r500:7.0f} slides/s   ratio {r500 / r50:.2f}")


if __name__ == "__main__":
    main()
