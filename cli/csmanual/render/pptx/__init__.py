"""The PPTX training deck: the slide plan (pptx/slides.yaml.j2) built on the master
(pptx/master.pptx) with python-pptx.

    plan    = render the slide plan from the shared context, read it (`plan`)
    check   = every layout and placeholder the plan fills is in the master (`master`)
    fit     = measure each placeholder's text with the master's fonts (`measure`); a slide
              whose texts fit in type 10 % smaller stays one slide, else a long list is
              shared evenly over "(계속)" slides (on `content`'s body when the slide's own
              layout would leave a diagram or table box empty there, measured in that box);
              what cannot fit even alone shrinks, then is shortened with a warning and
              given in full in the speaker notes (`plan`, `shapes`)
    build   = text in placeholders, diagrams and tables as native shapes, footer, slide
              number, change badge, notes (`renderer`, `shapes`, `deck`)
    save    = the same bytes for the same inputs (`archive`)

python-pptx's private names, where the public API would be slow or not reproducible, are
used in `engine` only.
"""

from csmanual.render.pptx.master import check_master
from csmanual.render.pptx.renderer import PptxRenderer

__all__ = ["PptxRenderer", "check_master"]
