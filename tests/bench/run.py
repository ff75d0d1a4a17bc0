"""`make bench`: every step of csmanual timed against the engines alone, in one table.

    make bench                      # 5 runs per measurement, sources ×1, ×10, ×100
    BENCH_QUICK=1 make bench        # 2 runs, ×1 and ×10 (what CI runs; no assertions)
    BENCH_RUNS=3 BENCH_SCALES=1,10 .venv/bin/python tests/bench/run.py
    BENCH_PAIRED_RUNS=8 …           # runs of the CLI measurements with targets (default 5)

What is measured (medians of the runs, after one warm-up run):

- the real CLI in a subprocess, a cold process as a user runs it (with a warm bytecode
  cache): `csmanual validate`, a full build (`--format html,pdf,pptx --force`), the build
  after an edit of one behaviour type's text (no --force) and the no-op rebuild; wall
  time, CPU time, and peak memory (the largest sum of the RSS of the build process and
  its render children, sampled every 10 ms, and the largest single process from
  getrusage);
- each step in this process: validate_file, build_context, and every renderer's render();
- the peer a user would pick instead, paired with the full build and the edit (a, b, c,
  a, b, c …): the Pandoc chain, Markdown made once from our HTML with Pandoc (untimed),
  then Pandoc making HTML, PPTX and PDF (through WeasyPrint) from it, one command after
  the other (skipped, and said so, without pandoc);
- the engines alone, in the same run: WeasyPrint alone (`HTML(string=…).write_pdf()`, default
  fetcher) on exactly the print HTML our PDF step produces, in this process and as a cold
  process; python-pptx alone adding the same number of slides, with the same titles and
  texts, to the same master; slides per second of our Deck.add_slide (the target) and of
  python-pptx's own add_slide (slower with every slide present) at 50 and at 500 slides;
- synthetic sources (tests/bench/scale.py) ×1, ×10, ×100: every list of items cloned.

The table is printed and written as Markdown to output/bench.md (and the numbers as JSON
to output/bench.json). No assertion on times: a MISS is reported, never fatal.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "cli"))

import measure  # noqa: E402
import scale  # noqa: E402
from measure import (  # noqa: E402
    Timing,
    cli_env,
    csmanual_command,
    in_rounds,
    paired,
    run_cli,
    timed,
)

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
RUNS = int(os.environ.get("BENCH_RUNS") or (2 if QUICK else 5))
# the CLI measurements the targets judge (the rounds of the full build, the build after an
# edit and the Pandoc chain; validate; the no-op rebuild): medians of 2 on a shared machine
# fall either side of a target, so the quick run takes 5 where the budget allows (the
# sample's rounds: ~45 s)
PAIRED_RUNS = int(os.environ.get("BENCH_PAIRED_RUNS") or max(RUNS, 5))
SCALES = [
    int(s) for s in (os.environ.get("BENCH_SCALES") or ("1,10" if QUICK else "1,10,100")).split(",")
]
# a measurement stops repeating once it has used this many seconds (at least one run)
BUDGET = float(os.environ.get("BENCH_BUDGET") or (20 if QUICK else 60))
# the PDF of the ×100 source takes many minutes and more than the render memory limit
# (3 GB by default); above this scale the PDF is left out (and said so in the table)
PDF_MAX_SCALE = int(os.environ.get("BENCH_PDF_MAX_SCALE") or 10)
FORMATS = ("html", "pdf", "pptx")
# the editable office editions: timed as steps; the full build and the Pandoc chain it is
# compared with make the three formats above
OFFICE = ("docx", "hwpx")
OUT = Path(os.environ.get("BENCH_OUT") or ROOT / "output")
MISSING = "n/a (renderer missing)"
SKIPPED_PDF = f"skipped (PDF above ×{PDF_MAX_SCALE}; BENCH_PDF_MAX_SCALE)"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- in-process steps and references ---------------------------------------------------


def renderer_or_none(name: str):
    from csmanual import render

    try:
        return render.get(name)
    except (ImportError, AttributeError, KeyError):
        return None


def pdf_print_html(context: dict, theme):
    """The print HTML our PDF step typesets and the base URL it resolves against, made by
    the PDF renderer's own functions (None when the renderer is not there)."""
    try:
        from csmanual.render.pdf import PdfRenderer
        from csmanual.render.pdf.fetch import ConfinedFetcher
        from csmanual.render.pdf.glyphs import font_coverage, theme_fonts
    except ImportError:
        return None
    renderer = PdfRenderer()
    covered = font_coverage(theme_fonts(theme))
    html = renderer.html(context, theme, covered)
    return html, ConfinedFetcher(theme, context.get("source_dir")).base_url


def pdf_options() -> dict:
    try:
        from csmanual.render.pdf.renderer import PDF_OPTIONS

        return dict(PDF_OPTIONS)
    except ImportError:
        return {}


def weasyprint_alone(html: str, base_url: str) -> int:
    """WeasyPrint alone: its own default URL fetcher; the same options as our PDF (tagged
    PDF/UA, identifier), so both write the same kind of file. Returns the page count."""
    from weasyprint import HTML

    options = pdf_options()
    document = HTML(string=html, base_url=base_url).render(**options)
    document.write_pdf(**options)
    return len(document.pages)


WEASYPRINT_COLD = """
import sys, json
from weasyprint import HTML
HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3], **json.loads(sys.argv[4]))
"""


def deck_texts(data: bytes) -> list[tuple[str, str, str]]:
    """(title, all other text, speaker notes) of every slide of a deck."""
    from pptx import Presentation

    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        title, body = "", []
        for shape in slide.shapes:
            if shape.is_placeholder and shape.placeholder_format.idx == 0 and shape.has_text_frame:
                title = shape.text_frame.text
            elif shape.has_text_frame:
                body.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False) and shape.has_table:
                body += [cell.text for row in shape.table.rows for cell in row.cells]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append((title, "\n".join(t for t in body if t), notes))
    return slides


def master_path(theme) -> Path | None:
    try:
        return theme.find("pptx/master.pptx")
    except Exception:
        return None


def _content_layout(prs):
    """The first layout with a title and a body placeholder (python-pptx default: 1)."""
    for layout in prs.slide_layouts:
        kinds = {ph.placeholder_format.idx for ph in layout.placeholders}
        if 0 in kinds and 1 in kinds:
            return layout
    return prs.slide_layouts[1]


def pptx_alone(
    master: Path | None, slides: list[tuple[str, str, str]], notes: bool = False
) -> bytes:
    """python-pptx alone: the same master, one slide per (title, body), saved to memory;
    the notes text goes into the body, or (`notes`) onto a notes page as in our deck."""
    from pptx import Presentation

    prs = Presentation(str(master)) if master else Presentation()
    layout = _content_layout(prs)
    for title, body, remarks in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        if notes and remarks:
            slide.placeholders[1].text_frame.text = body
            slide.notes_slide.notes_text_frame.text = remarks
        else:
            slide.placeholders[1].text_frame.text = "\n".join(t for t in (body, remarks) if t)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def add_slide_rate(master: Path | None, count: int, ours: bool = False) -> float:
    """Slides per second adding `count` slides with a title and a short body."""
    from pptx import Presentation

    if ours:
        from csmanual.render.pptx.deck import Deck

        deck = Deck(master.read_bytes())
        layout = _content_layout(deck.prs)
        started = time.perf_counter()
        for n in range(count):
            slide = deck.add_slide(layout)
            slide.shapes.title.text = f"슬라이드 {n}"
            slide.placeholders[1].text_frame.text = "고객의 말을 끝까지 듣고 요점을 확인합니다."
        return count / (time.perf_counter() - started)
    prs = Presentation(str(master)) if master else Presentation()
    layout = _content_layout(prs)
    started = time.perf_counter()
    for n in range(count):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"슬라이드 {n}"
        slide.placeholders[1].text_frame.text = "고객의 말을 끝까지 듣고 요점을 확인합니다."
    return count / (time.perf_counter() - started)


def measure_steps(source: Path, factor: int, tmp: Path, env: dict, warmup: int) -> dict:
    """validate, context, each renderer, and the engine references, for one source."""
    from csmanual.project import Project
    from csmanual.theme import Theme
    from csmanual.validate import validate_file

    results: dict = {}
    project = Project(source)
    theme = project.theme
    results["validate"], validation = timed(lambda: validate_file(source), RUNS, 1, BUDGET)
    errors = [d for d in validation.diagnostics if d.level == "error"]
    if errors:
        raise RuntimeError(f"{source}: {len(errors)} errors, e.g. {errors[0]}")
    project.validation  # noqa: B018 - validated once; the context step is timed alone

    def context_once() -> dict:
        project.__dict__.pop("context", None)  # forget the cached context: build it again
        return project.context

    results["context"], context = timed(context_once, RUNS, 1, BUDGET)

    def fresh():  # as in a build: a new theme (its templates compiled again) per render
        return Theme(list(theme.folders))

    def render_once(name):
        from csmanual import render

        return lambda: render.get(name).render(context, fresh())

    outputs: dict[str, bytes] = {}
    for name in FORMATS + OFFICE:
        if renderer_or_none(name) is None:
            results[name] = Timing(note=MISSING)
        elif name == "pdf" and factor > PDF_MAX_SCALE:
            results[name] = Timing(note=SKIPPED_PDF)
        elif name == "html":
            results[name], outputs[name] = timed(render_once(name), RUNS, warmup, BUDGET)
            (tmp / "manual.html").write_bytes(outputs[name])  # the Pandoc chain's input
        elif name == "pdf":
            _pdf_and_reference(render_once(name), context, fresh, factor, tmp, env, warmup, results)
        elif name in OFFICE:
            results[name], _ = timed(render_once(name), RUNS, warmup, BUDGET)
        else:  # pptx, with python-pptx alone writing the same slides in turn
            data = render_once(name)()  # untimed: the slides the reference writes
            slides = deck_texts(data)
            master = master_path(theme)
            results["pptx.slides"] = len(slides)
            if factor <= 10 and not QUICK:  # notes_slide is quadratic in python-pptx
                results["ref.pptx_notes"], _ = timed(
                    lambda m=master, s=slides: pptx_alone(m, s, notes=True), RUNS, 1, BUDGET
                )
            results[name], results["ref.pptx"], _, _ = paired(
                render_once(name),
                lambda m=master, s=slides: pptx_alone(m, s),
                RUNS,
                max(warmup - 1, 0),
                BUDGET,
            )
    if "ref.pptx" not in results:
        results["ref.pptx"] = Timing(note=results.get("pptx", Timing(note=MISSING)).note)
    return results


def _pdf_and_reference(render_pdf, context, fresh, factor, tmp, env, warmup, results) -> None:
    """Our PDF step and WeasyPrint alone on the same print HTML, run in turn."""
    made = pdf_print_html(context, fresh())
    if made is None:
        for key in ("pdf", "pdf.html", "ref.weasyprint", "ref.weasyprint_cold"):
            results[key] = Timing(note=MISSING)
        return
    html, base_url = made
    results["pdf.html"], _ = timed(lambda: pdf_print_html(context, fresh()), RUNS, 1, BUDGET)
    if QUICK and factor > 1:  # the targets compare at ×1; CI time is short
        results["pdf"], _ = timed(render_pdf, RUNS, warmup, BUDGET)
        for key in ("ref.weasyprint", "ref.weasyprint_cold"):
            results[key] = Timing(note="skipped (quick)")
        return
    results["pdf"], results["ref.weasyprint"], _, pages = paired(
        render_pdf, lambda: weasyprint_alone(html, base_url), RUNS, warmup, BUDGET
    )
    results["pdf.pages"] = pages
    printed = tmp / "print.html"
    printed.write_text(html, encoding="utf-8")
    command = [
        sys.executable,
        "-c",
        WEASYPRINT_COLD,
        str(printed),
        base_url,
        str(tmp / "reference.pdf"),
        json.dumps(pdf_options()),
    ]
    results["ref.weasyprint_cold"] = repeat(command, env, warmup)


def steps_in_child(source: Path, factor: int, tmp: Path, env: dict, warmup: int) -> dict:
    """measure_steps in a forked child: each scale starts from the same clean heap (the
    garbage collector's passes cost more in a process that holds the bigger scale's
    objects, and one scale's caches must not speed up the next)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        try:
            send.send(("ok", measure_steps(source, factor, tmp, env, warmup)))
        except BaseException:
            send.send(("error", traceback.format_exc()))

    process = context.Process(target=child)
    process.start()
    send.close()
    status, value = receive.recv()
    process.join()
    if status != "ok":
        raise RuntimeError(f"×{factor} steps failed:\n{value}")
    return value


def repeat(command: list[str], env: dict, warmup: int, expect: str | None = None) -> Timing:
    """A command run `warmup` times untimed, then up to PAIRED_RUNS times within BUDGET
    seconds (validate and the no-op rebuild: a fraction of a second each, judged by a
    target in absolute seconds)."""
    for _ in range(warmup):
        run_cli(command, env, Timing(), expect=expect)
    timing = Timing()
    while len(timing.walls) < PAIRED_RUNS and sum(timing.walls) + (timing.wall or 0) <= BUDGET:
        run_cli(command, env, timing, expect=expect)
    return timing


# --- the CLI as a user runs it ---------------------------------------------------------


def measure_cli(
    source: Path, formats: list[str], factor: int, tmp: Path, env: dict, results: dict, warmup: int
) -> None:
    csmanual = csmanual_command()
    out = tmp / "out"
    # warm-up: fills the bytecode cache (first scale only: the cache stays)
    results["cli.validate"] = repeat([*csmanual, "validate", str(source)], env, warmup)
    if factor > PDF_MAX_SCALE:
        formats = [f for f in formats if f != "pdf"]
    if not formats:
        for key in ("cli.build", "cli.noop", "cli.edit", "ref.pandoc"):
            results[key] = Timing(note=MISSING)
        return
    build = [*csmanual, "build", str(source), "--format", ",".join(formats), "--out", str(out)]
    full = [*build, "--force"]
    # above PDF_MAX_SCALE our build leaves the PDF out; the chain always makes one: left out too
    chain = pandoc_chain(tmp / "manual.html", tmp / "pandoc", env) if "pdf" in formats else None
    edit = EditedBuild(source, tmp / "edit", [*csmanual, "build", "--format", ",".join(formats)])
    edit.prepare(env)
    for _ in range(warmup):
        run_cli(full, env, Timing())
        if chain:
            run_cli(chain, env, Timing())
    # the full build, the peer and the build after an edit in turn: one load for all three
    runs = {
        "cli.build": lambda timing: run_cli(full, env, timing),
        "cli.edit": lambda timing: edit.run(env, timing),
    }
    if chain:
        runs["ref.pandoc"] = lambda timing: run_cli(chain, env, timing)
    results.update(in_rounds(runs, PAIRED_RUNS, BUDGET * len(runs)))
    if not chain:
        missing = "n/a (pandoc not installed)" if "pdf" in formats else SKIPPED_PDF
        results["ref.pandoc"] = Timing(note=missing)
    if formats != list(FORMATS):
        for key in ("cli.build", "cli.edit"):
            results[key].label = "+".join(formats) + " only"
    results["cli.noop"] = repeat(build, env, 1, expect="up to date")  # after one build


def pandoc_chain(html: Path, folder: Path, env: dict) -> list[str] | None:
    """The peer a user would pick instead, on the same content: Markdown made once from
    our HTML (`pandoc manual.html -t gfm`, untimed), then Pandoc making HTML, PPTX and PDF
    (through WeasyPrint) from it, one command after the other, as a user types them.
    None when pandoc is not installed."""
    pandoc = shutil.which("pandoc", path=env.get("PATH"))
    if pandoc is None or not html.is_file():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / "manual.md"
    subprocess.run([pandoc, str(html), "-t", "gfm", "-o", str(markdown)], check=True, env=env)
    weasyprint = Path(sys.executable).with_name("weasyprint")
    script = (
        'set -e; p="$1"; m="$2"; o="$3"; cd "$o"\n'  # pandoc leaves its temp files in .
        '"$p" "$m" -s --metadata pagetitle=manual -o "$o/manual.html"\n'
        '"$p" "$m" -o "$o/manual.pptx"\n'
        '"$p" "$m" -s --metadata pagetitle=manual --pdf-engine="$4" -o "$o/manual.pdf"\n'
    )
    return ["sh", "-c", script, "pandoc-chain", pandoc, str(markdown), str(folder), str(weasyprint)]


class EditedBuild:
    """A build after an edit of one behaviour type's text, as a writer works: a copy of
    the source built once (untimed), then before every timed build the first trait of
    the first behaviour type gets a different word appended, and the build runs without
    --force (what a writer's next build is)."""

    def __init__(self, source: Path, folder: Path, build: list[str]):
        self.original = source.read_text(encoding="utf-8")
        self.source = folder / "source" / "manual.yaml"
        self.command = [*build, str(self.source), "--out", str(folder / "out")]
        self.edits = 0
        if (source.parent.parent / "templates").is_dir():  # the sample: its project's theme
            self.command += ["--theme", str(source.parent.parent / "templates")]

    def prepare(self, env: dict) -> None:
        self.source.parent.mkdir(parents=True, exist_ok=True)
        self.source.write_text(edited(self.original, 0), encoding="utf-8")
        run_cli(self.command, env, Timing())

    def run(self, env: dict, timing: Timing) -> None:
        self.edits += 1
        self.source.write_text(edited(self.original, self.edits), encoding="utf-8")
        run_cli(self.command, env, timing)


def edited(text: str, number: int) -> str:
    """`text` (a source) with a word appended to the first trait of its first behaviour
    type: one item's text changed, nothing else."""
    start = text.index("\nbehaviour_types:")
    traits = text.index("traits:", start)
    item = text.index("\n", traits) + 1  # the list's first line: "      - …"
    end = text.index("\n", item)
    return f"{text[:end]} 수정{number}{text[end:]}"


# --- the table -------------------------------------------------------------------------


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value: int) -> str:
    return f"{value / 1024 / 1024:.0f} MB"


def cell(timing: Timing | None, cpu: bool = False) -> str:
    if timing is None:
        return ""
    if not timing.ok:
        return timing.note or "—"
    text = seconds(timing.wall)
    if timing.label:
        text += f" ({timing.label})"
    if len(timing.walls) < RUNS:
        text += f" [n={len(timing.walls)}]"
    if cpu and timing.cpu is not None:
        text += f" (cpu {seconds(timing.cpu)})"
    return text


def ratio(a: Timing | None, b: Timing | None) -> float | None:
    if a is None or b is None or not a.ok or not b.ok or not b.wall:
        return None
    return a.wall / b.wall


# references run as processes: their CPU time is shown beside the wall time
CPU_SHOWN = {"ref.weasyprint_cold", "ref.pandoc"}


def cpu_ratio(a: Timing | None, b: Timing | None) -> float | None:
    if a is None or b is None or not a.ok or not b.ok or not a.cpu or not b.cpu:
        return None
    return a.cpu / b.cpu


def table(by_scale: dict[int, dict], extra: dict) -> list[str]:
    scales = sorted(by_scale)
    head = ["measure", *[f"×{s}" for s in scales], "ratio", "target", "result"]
    rows: list[list[str]] = []

    def growth(key: str) -> str:
        base = by_scale[scales[0]].get(key)
        parts = []
        for s in scales[1:]:
            timing = by_scale[s].get(key)
            if timing is not None and base is not None and timing.label != base.label:
                continue  # not the same work (e.g. the PDF left out)
            r = ratio(timing, base)
            if r is not None:
                parts.append(f"×{s}/×{scales[0]} = {r:.1f}")
        return ", ".join(parts)

    steps = [
        ("cli.validate", "csmanual validate (CLI, cold process)", True),
        ("validate", "step: validate_file", False),
        ("context", "step: build_context", False),
        ("html", "step: html render()", False),
        ("pdf", "step: pdf render()", False),
        ("pdf.html", "  of which: print HTML (template + glyph checks)", False),
        ("pptx", "step: pptx render()", False),
        ("docx", "step: docx render() (Word edition)", False),
        ("hwpx", "step: hwpx render() (Hangul edition)", False),
        ("cli.build", "full build html+pdf+pptx (CLI, cold, --force)", True),
        ("cli.noop", "no-op rebuild (CLI, cold)", True),
        ("cli.edit", "build after an edit of one behaviour type's text (CLI, cold)", True),
    ]
    for key, label, cpu in steps:
        rows.append(
            [label, *[cell(by_scale[s].get(key), cpu) for s in scales], growth(key), "", ""]
        )
    rows.append(
        [
            "peak memory of the full build (process tree / largest process)",
            *[
                (
                    f"{megabytes(t.peak_tree)} / {megabytes(t.peak_rss)}"
                    if (t := by_scale[s].get("cli.build")) and t.ok
                    else "—"
                )
                for s in scales
            ],
            "",
            "",
            "",
        ]
    )
    sizes = []
    for s in scales:
        r = by_scale[s]
        pages = r.get("pdf.pages")
        slides = r.get("pptx.slides")
        sizes.append(
            f"{r.get('lines', '?')} lines, {pages if pages else '?'} pages, "
            f"{slides if slides else '?'} slides"
        )
    rows.append(["source size → output size", *sizes, "", "", ""])
    references = [
        (
            "ref.pandoc",
            "reference: the Pandoc chain, same content (Markdown of our HTML → HTML, PPTX, "
            "PDF through WeasyPrint; cold processes, paired with the full build)",
            "cli.build",
            "full build / reference",
        ),
        (
            "ref.weasyprint",
            "reference: WeasyPrint alone on our print HTML (in process)",
            "pdf",
            "pdf step / reference",
        ),
        (
            "ref.weasyprint_cold",
            "reference: WeasyPrint alone, cold process",
            "cli.build",
            "full build / reference",
        ),
        (
            "ref.pptx",
            "reference: python-pptx alone, same master, same slides and texts",
            "pptx",
            "pptx step / reference",
        ),
        (
            "ref.pptx_notes",
            "(for comparison) python-pptx alone, the notes on notes pages as in our deck",
            "pptx",
            "pptx step / it",
        ),
    ]
    for key, label, ours, what in references:
        if not any(key in by_scale[s] for s in scales):
            continue
        ratios = []
        for s in scales:
            r = ratio(by_scale[s].get(ours), by_scale[s].get(key))
            if r is not None:
                ratios.append(f"×{s}: {r:.2f}")
        rows.append(
            [
                label,
                *[cell(by_scale[s].get(key), key in CPU_SHOWN) for s in scales],
                f"{what}: " + ", ".join(ratios) if ratios else "",
                "",
                "",
            ]
        )
    rate = extra.get("rates", {})
    if rate:
        rows.append(
            [
                "python-pptx add_slide, slides/s at 50 → 500 (what our Deck avoids)",
                f"{rate['ppt50']:.0f} → {rate['ppt500']:.0f}",
                *[""] * (len(scales) - 1),
                f"500/50 = {rate['ppt500'] / rate['ppt50']:.2f}",
                "",
                "",
            ]
        )
        if "ours50" in rate:
            rows.append(
                [
                    "csmanual Deck.add_slide, slides/s at 50 → 500",
                    f"{rate['ours50']:.0f} → {rate['ours500']:.0f}",
                    *[""] * (len(scales) - 1),
                    f"500/50 = {rate['ours500'] / rate['ours50']:.2f}",
                    "",
                    "",
                ]
            )
    for label, value, r, target, ok in targets(by_scale, extra):
        rows.append(
            [
                f"**target:** {label}",
                value,
                *[""] * (len(scales) - 1),
                r,
                target,
                ("**PASS**" if ok else "**MISS**") if ok is not None else "n/a",
            ]
        )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell_ or "" for cell_ in row) + " |" for row in rows]
    return lines


def targets(by_scale: dict[int, dict], extra: dict) -> list[tuple]:
    """(label, measured, ratio, target, passed or None when not measurable)."""
    one = by_scale.get(1, {})
    out = []

    def add(label, timing_a, timing_b, limit, what):
        r = ratio(timing_a, timing_b)
        measured = cell(timing_a) if timing_a is not None else "—"
        if r is None:
            out.append((label, measured, "—", f"≤ {limit}", None))
        else:
            shown = f"{what} {r:.2f}"
            cpu = cpu_ratio(timing_a, timing_b)
            if cpu is not None:  # less moved by the load of a shared machine than wall
                shown += f" (cpu ×{cpu:.2f})"
            out.append((label, measured, shown, f"≤ {limit}", r <= limit))

    add(
        "full build of the sample ≤ 1.2 × WeasyPrint alone (cold process)",
        one.get("cli.build"),
        one.get("ref.weasyprint_cold"),
        1.2,
        "×",
    )
    add(
        "full build of the sample ≤ 0.8 × the Pandoc chain (same content, paired)",
        one.get("cli.build"),
        one.get("ref.pandoc"),
        0.8,
        "×",
    )
    add(
        "build after an edit of one behaviour type's text ≤ 0.4 × a full build",
        one.get("cli.edit"),
        one.get("cli.build"),
        0.4,
        "÷ full build =",
    )
    add(
        "PDF step ≤ 1.1 × WeasyPrint alone (same HTML, in process)",
        one.get("pdf"),
        one.get("ref.weasyprint"),
        1.1,
        "×",
    )
    add(
        "PPTX step ≤ 1.5 × python-pptx alone (same slides)",
        one.get("pptx"),
        one.get("ref.pptx"),
        1.5,
        "×",
    )
    add(
        "no-op rebuild ≤ 10 % of a full build",
        one.get("cli.noop"),
        one.get("cli.build"),
        0.10,
        "÷ full build =",
    )
    noop = one.get("cli.noop")
    out.append(
        (
            "no-op rebuild ≤ 0.5 s",
            cell(noop),
            "",
            "≤ 0.5 s",
            noop.wall <= 0.5 if noop and noop.ok else None,
        )
    )
    check = one.get("cli.validate")
    out.append(
        (
            "csmanual validate of the sample ≤ 0.3 s wall",
            cell(check),
            "",
            "≤ 0.3 s",
            check.wall <= 0.3 if check and check.ok else None,
        )
    )
    if 10 in by_scale:
        add(
            "×10 source: full build ≤ 0.8 × the Pandoc chain (same content, paired)",
            by_scale[10].get("cli.build"),
            by_scale[10].get("ref.pandoc"),
            0.8,
            "×",
        )
        add(
            "×10 source ≤ 12 × the ×1 time (full build, CLI)",
            by_scale[10].get("cli.build"),
            one.get("cli.build"),
            12,
            "×10/×1 =",
        )
        for key, name in (
            ("validate", "validate"),
            ("context", "context"),
            ("html", "html"),
            ("pdf", "pdf"),
            ("pptx", "pptx"),
        ):
            add(f"×10 ≤ 12 × ×1, step {name}", by_scale[10].get(key), one.get(key), 12, "×10/×1 =")
    build = one.get("cli.build")
    peak = build.peak_tree if build and build.ok else 0
    out.append(
        (
            "peak memory of the full build ≤ 400 MB (process tree, sampled)",
            megabytes(peak) if peak else "—",
            "",
            "≤ 400 MB",
            peak <= 400 * 1024 * 1024 if peak else None,
        )
    )
    rate = extra.get("rates")
    if rate and "ours50" in rate:
        # the target is on the slides we add: our Deck avoids python-pptx's quadratic add_slide
        r = rate["ours500"] / rate["ours50"]
        out.append(
            (
                "csmanual Deck.add_slide rate at 500 within 30 % of the rate at 50",
                f"{rate['ours50']:.0f} → {rate['ours500']:.0f} slides/s",
                f"500/50 = {r:.2f}",
                "≥ 0.70",
                r >= 0.7,
            )
        )
    return out


# --- the run ---------------------------------------------------------------------------


def main() -> int:
    started = time.perf_counter()
    load_before = measure.load()
    sample = scale.sample_source()
    log(
        f"source {sample.relative_to(ROOT)}; up to {RUNS} runs, {BUDGET:g} s each; "
        f"scales {SCALES}{' (quick)' if QUICK else ''}"
    )
    formats = [f for f in FORMATS if renderer_or_none(f) is not None]
    by_scale: dict[int, dict] = {}
    extra: dict = {}
    with tempfile.TemporaryDirectory(prefix="csmanual-bench-") as folder:
        tmp = Path(folder)
        env = cli_env(tmp / "pycache")
        for factor in SCALES:
            work = tmp / f"x{factor}"
            work.mkdir()
            # ×1 is the sample itself, built with this project's templates as `make manual` does
            source = sample if factor == 1 else scale.write_scaled(factor, work)
            warmup = 1 if factor == SCALES[0] else 0  # imports and bytecode: once is enough
            results: dict = {"lines": len(source.read_text(encoding="utf-8").splitlines())}
            log(f"×{factor}: {results['lines']} lines, steps in process")
            results.update(steps_in_child(source, factor, work, env, warmup))
            log(f"×{factor}: the CLI")
            measure_cli(source, formats, factor, work, env, results, warmup)
            by_scale[factor] = results
        if "pptx" in formats:
            log("python-pptx add_slide at 50 and 500 slides")
            from csmanual.project import Project

            master = master_path(Project(sample).theme)
            rates = {}
            add_slide_rate(master, 50)  # warm-up: imports, the master's parts parsed once
            for count in (50, 500):
                rates[f"ppt{count}"] = max(add_slide_rate(master, count) for _ in range(3))
                rates[f"ours{count}"] = max(
                    add_slide_rate(master, count, ours=True) for _ in range(3)
                )
            extra["rates"] = rates
        shutil.rmtree(tmp / "pycache", ignore_errors=True)
    elapsed = time.perf_counter() - started
    header = [
        "## Benchmark" + (" (BENCH_QUICK)" if QUICK else ""),
        "",
        f"Machine: {measure.machine()}.",
        f"Load average at start {load_before}, at end {measure.load()}. "
        f"Source: `{sample.relative_to(ROOT)}` (×1) and copies with every item list ×N "
        f"(tests/bench/scale.py). Medians of {RUNS} runs after a warm-up, of up to "
        f"{PAIRED_RUNS} for validate, the no-op rebuild and the rounds of the full build, "
        f"the edit and the Pandoc chain "
        f"([n=…]: fewer runs, a measurement stops after {BUDGET:g} s); CLI rows are cold "
        f"processes with a warm bytecode cache, wall (cpu = user + "
        f"sys of the process and its children). Benchmark took {elapsed:.0f} s.",
        "",
    ]
    lines = header + table(by_scale, extra)
    text = "\n".join(lines) + "\n"
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.md").write_text(text, encoding="utf-8")
    (OUT / "bench.json").write_text(
        json.dumps(_plain(by_scale, extra), indent=1) + "\n", encoding="utf-8"
    )
    log(f"written {OUT / 'bench.md'} and bench.json in {elapsed:.0f} s")
    return 0


def _plain(by_scale: dict, extra: dict) -> dict:
    def value(v):
        if isinstance(v, Timing):
            return {
                "median_s": v.wall,
                "median_cpu_s": v.cpu,
                "runs_s": v.walls,
                "peak_tree_bytes": v.peak_tree or None,
                "peak_rss_bytes": v.peak_rss or None,
                "note": v.note or None,
            }
        return v

    return {
        "scales": {str(s): {k: value(v) for k, v in r.items()} for s, r in by_scale.items()},
        **extra,
    }


if __name__ == "__main__":
    sys.exit(main())
