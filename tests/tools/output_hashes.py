"""sha256 of every output of the reference sources, to prove a restructuring changed nothing.

    python tests/tools/output_hashes.py            # print the hashes as JSON
    python tests/tools/output_hashes.py --write    # record them in tests/golden/output_hashes.json

The hashes depend on the engines (WeasyPrint, Pango, python-pptx, python-docx, fonts): the
file records their versions, and tests/test_output_hashes.py compares only on a machine
that matches.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "output_hashes.json"
# relative to ROOT, where the commands run: the context and the diff reports name the
# source as given, so absolute paths would make their hashes depend on the checkout's place
SOURCES = {
    "sample": Path("source", "manual.yaml"),
    "example.ko": Path("cli", "csmanual", "examples", "manual.ko.yaml"),
    "example.en": Path("cli", "csmanual", "examples", "manual.en.yaml"),
    "stress": Path("tests", "fixtures", "pptx", "stress.ko.yaml"),
}
FORMATS = "html,pdf,pptx,card,docx,hwpx"


def engines() -> dict[str, str]:
    from importlib.metadata import version

    from weasyprint.text.ffi import pango

    return {
        "weasyprint": version("weasyprint"),
        "pango": str(pango.pango_version()),
        "python-pptx": version("python-pptx"),
        "python-docx": version("python-docx"),
        "fonttools": version("fonttools"),
    }


def _csmanual(*args: str, cwd: Path) -> bytes:
    command = [sys.executable, "-m", "csmanual", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr.decode()}")
    return done.stdout


def hashes() -> dict[str, str]:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in SOURCES.items():
            folder = Path(tmp) / name
            _csmanual("build", str(source), "--format", FORMATS, "--out", str(folder), cwd=ROOT)
            for path in sorted(folder.iterdir()):
                if path.name != "manifest.json":
                    out[f"{name}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
            context = _csmanual("context", str(source), cwd=ROOT)
            out[f"{name}/context.json"] = hashlib.sha256(context).hexdigest()
        ko, sample = str(SOURCES["example.ko"]), str(SOURCES["sample"])
        for form in ("text", "json", "html"):
            report = _csmanual("diff", ko, sample, "--format", form, cwd=ROOT)
            out[f"diff.{form}"] = hashlib.sha256(report).hexdigest()
    return out


if __name__ == "__main__":
    result = {"engines": engines(), "sha256": hashes()}
    text = json.dumps(result, indent=2, sort_keys=True) + "\n"
    if "--write" in sys.argv:
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)} ({len(result['sha256'])} outputs)")
    else:
        print(text, end="")
