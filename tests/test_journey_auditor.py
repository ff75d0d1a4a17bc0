"""The auditor's journey: a build with --changes-since shows a change summary (what was
added, changed and removed, with the removed items' content) in the PDF and the HTML."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from csmanual.project import Project

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
SAAS = Path(__file__).parent / "fixtures" / "orgs" / "saas.en.yaml"

KO_DO = "    do:\n      - 목소리를 낮추고 말을 천천히 이어 갑니다.\n"
KO_DO_THREE = (
    "    do:\n      - 목소리를 낮추고 말을 천천히 이어 갑니다.\n"
    "      - 고객의 말을 끊지 않고 끝까지 듣습니다.\n"
    "      - 해결할 수 있는 일부터 차례로 안내합니다.\n"
)
KO_FAQ = (
    "\n  - id: refund\n    question: 환불은 어떻게 하나요?\n"
    "    answer: 영수증을 확인한 뒤 환불 절차를 안내합니다.\n"
)
EN_FAQ = (
    "\n  - id: refund\n    question: How do refunds work?\n"
    "    answer: Check the invoice first, then open a refund request.\n"
)
EN_DO = "answer at their level."


def versions(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    return tmp_path / "old.yaml", tmp_path / "new.yaml"


def korean(tmp_path: Path) -> tuple[Path, Path]:
    base = EXAMPLE.read_text("utf-8").replace(KO_DO, KO_DO_THREE)
    return versions(
        tmp_path, base + KO_FAQ, base.replace("끝까지 듣습니다", "차분히 끝까지 듣습니다")
    )


def english(tmp_path: Path) -> tuple[Path, Path]:
    base = SAAS.read_text("utf-8")
    return versions(tmp_path, base + EN_FAQ, base.replace(EN_DO, "answer at their own level."))


def pdf_text(project: Project, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) not installed")
    path = tmp_path / "manual.pdf"
    path.write_bytes(project.render("pdf").data)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
    return done.stdout.decode()


@pytest.mark.slow
def test_the_pdf_has_a_change_summary_with_what_was_removed(tmp_path):
    old, new = korean(tmp_path)
    text = pdf_text(Project(new, changes_since=str(old)), tmp_path)
    summary = text[text.index("변경 요약") :]
    assert "영수증을 확인한 뒤 환불 절차를 안내합니다." in summary  # the removed FAQ's answer
    assert "환불은 어떻게 하나요?" in summary
    assert "고객의 말을 끊지 않고 차분히 끝까지 듣습니다." in summary  # the changed element
    assert "차례로 안내합니다" not in summary.split("자주 묻는 질문")[0]  # not the whole list
    plain = pdf_text(Project(new), tmp_path)
    assert "변경 요약" not in plain


@pytest.mark.slow
def test_the_english_pdf_summary(tmp_path):
    old, new = english(tmp_path)
    text = pdf_text(Project(new, changes_since=str(old)), tmp_path)
    summary = text[text.index("Summary of changes") :]
    assert "Check the invoice first, then open a refund request." in summary
    assert "answer at their own level." in summary


def test_the_html_change_list_shows_words_and_removed_content(tmp_path):
    old, new = korean(tmp_path)
    page = Project(new, changes_since=str(old)).render("html").data.decode()
    changes = page[page.index('id="changes"') :]
    changes = changes[: changes.index("</section>")]
    assert "<del>영수증을 확인한 뒤 환불 절차를 안내합니다.</del>" in changes
    assert "고객의 말을 끊지 않고 <ins>차분히</ins> 끝까지 듣습니다." in changes
    assert "차례로" not in changes


def test_the_context_s_changes_carry_the_lines(tmp_path):
    old, new = english(tmp_path)
    listed = Project(new, changes_since=str(old)).context["changes"]["list"]
    removed = next(c for c in listed if c["kind"] == "removed")
    assert [line["label"] for line in removed["lines"]] == ["Question", "Answer"]
    changed = next(c for c in listed if c["kind"] == "changed")
    assert {"mark": "ins", "text": "own"} in changed["lines"][0]["segments"]


def run(*args: str):
    from click.testing import CliRunner

    from csmanual.cli import main

    result = CliRunner().invoke(main, list(args))
    # whatever the auditor types: a message and an exit code, never a traceback
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.mark.slow
def test_the_auditor_s_journey(tmp_path, monkeypatch):
    """docs/auditing.md, walked: two commits (a word changed in a list, an item deleted),
    the diff in every format, a build marked with the changes, verify every way."""
    from versions import Repo

    repo = Repo(tmp_path)
    base = EXAMPLE.read_text("utf-8").replace(KO_DO, KO_DO_THREE)
    repo.commit(base + KO_FAQ, "first")
    second = repo.commit(base.replace("끝까지 듣습니다", "차분히 끝까지 듣습니다"), "second")
    monkeypatch.chdir(tmp_path)

    for form in ("text", "md", "json", "html"):
        shown = run("diff", "HEAD~1", "HEAD", "--format", form)
        assert shown.exit_code == 0 and second in shown.output, form
        assert "영수증을 확인한 뒤" in shown.output, form  # what the deleted item said
        if form != "json":  # JSON keeps the raw lists beside its lines, for scripts
            assert "차례로" not in shown.output, form  # an unchanged element of the list
    assert run("diff", "HEAD~1", "HEAD", "--exit-code").exit_code == 1
    assert run("diff", "HEAD", "--exit-code").exit_code == 0  # nothing uncommitted
    assert run("diff", "nosuchrev", "--exit-code").exit_code == 2

    built = run("build", "--changes-since", "HEAD~1", "--format", "html,pdf", "--out", "out")
    assert built.exit_code == 0, built.output
    assert run("verify", "out/manual.pdf", "--source", "HEAD").exit_code == 0
    assert run("verify", "out", "--source", "HEAD").exit_code == 0
    assert run("verify", "out", "--source", "HEAD~1").exit_code == 1  # built from the other
    assert run("verify", "out/manual.pdf", "--source", "nosuchrev").exit_code == 2
    assert run("verify", "out/nosuch.pdf").exit_code == 1
    pdf = tmp_path / "out" / "manual.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n%tampered")
    tampered = run("verify", "out", "--lang", "en")
    assert tampered.exit_code == 1 and "manual.pdf was changed after the build" in tampered.output


EN_EMAIL = "  - id: email\n    name: Email ticket\n    deadlines: [p1-first, p2-first]\n"
EN_PHONE = "  - id: phone\n    name: Phone (enterprise plans)\n    deadlines: [phone-answer]\n"


def moved_and_renamed(tmp_path: Path) -> tuple[Path, Path]:
    """The phone channel moved before email; the category `bug` renamed `defect`."""
    base = SAAS.read_text("utf-8")
    assert EN_EMAIL + EN_PHONE in base and "  - id: bug\n" in base
    new = base.replace(EN_EMAIL + EN_PHONE, EN_PHONE + EN_EMAIL)
    return versions(tmp_path, base, new.replace("  - id: bug\n", "  - id: defect\n"))


def test_a_moved_item_shows_its_positions_and_a_renamed_one_its_ids(tmp_path):
    old, new = moved_and_renamed(tmp_path)
    project = Project(new, changes_since=str(old))
    listed = project.context["changes"]["list"]
    shown = {(c["kind"], c["item"], c["was"], c["now"]) for c in listed}
    assert ("renamed", "defect", "bug", "defect") in shown
    moved = [c for c in listed if c["kind"] == "moved"]
    assert [(c["was"], c["now"]) for c in moved] in ([(1, 2)], [(2, 1)])
    where = f"position {moved[0]['was']} → {moved[0]['now']}"
    page = project.render("html").data.decode()
    changes = page[page.index('id="changes"') :]
    changes = changes[: changes.index("</section>")]
    assert where in changes and "id bug → defect" in changes
    summary = pdf_text(project, tmp_path)
    summary = summary[summary.index("Summary of changes") :]
    assert where in summary and "id bug → defect" in summary
