"""For auditors: the semantic diff, unrecorded changes, the manifest and verify."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import diff
from csmanual.cli import main
from csmanual.loader import loads
from csmanual.validate import validate_source

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")

FLOW_OLD = """    - id: claim
      name: 클레임 발생
    - id: first-response
      name: 초기 대응"""
FLOW_SWAPPED = """    - id: first-response
      name: 초기 대응
    - id: claim
      name: 클레임 발생"""
NEW_FAQ = """
  - id: refund
    question: 환불은 어떻게 하나요?
    answer: 영수증을 확인한 뒤 환불 절차를 안내합니다.
"""


def manual(text: str):
    result = validate_source(loads(text))
    assert result.ok, result.diagnostics
    return result.manual


def test_identical_manuals_have_no_changes():
    assert diff.diff(manual(TEXT), manual(TEXT)) == []


def test_changed_field_reports_old_and_new_value():
    new = TEXT.replace("목소리를 낮추고", "목소리를 더 낮추고")
    [change] = diff.diff(manual(TEXT), manual(new))
    assert (change.kind, change.section, change.item, change.field) == (
        "changed",
        "behaviour_types",
        "loud-complainer",
        "do",
    )
    assert change.old == ["목소리를 낮추고 말을 천천히 이어 갑니다."]
    assert change.new == ["목소리를 더 낮추고 말을 천천히 이어 갑니다."]


def test_pure_reordering_is_a_move_not_a_content_change():
    changes = diff.diff(manual(TEXT), manual(TEXT.replace(FLOW_OLD, FLOW_SWAPPED)))
    assert [c.kind for c in changes] == ["moved"]
    assert changes[0].item in ("claim", "first-response")


def test_added_and_removed_items_are_matched_by_id():
    added = diff.diff(manual(TEXT), manual(TEXT + NEW_FAQ))
    assert [(c.kind, c.section, c.item) for c in added] == [("added", "faqs", "refund")]
    removed = diff.diff(manual(TEXT + NEW_FAQ), manual(TEXT))
    assert [(c.kind, c.item) for c in removed] == [("removed", "refund")]


def test_an_item_under_a_new_id_is_renamed_not_removed_and_added():
    renamed = TEXT + NEW_FAQ.replace("id: refund", "id: refunds")
    changes = diff.diff(manual(TEXT + NEW_FAQ), manual(renamed))
    assert [(c.kind, c.section, c.item, c.old, c.new) for c in changes] == [
        ("renamed", "faqs", "refunds", "refund", "refunds")
    ]
    report = diff.format_text(changes, "ko", "a", "b")
    assert "ID 변경: 환불은 어떻게 하나요? (refund → refunds)" in report
    # a new id and a new text: nothing says it is the same item
    edited = renamed.replace("환불 절차를", "환불 절차를 바로")
    changes = diff.diff(manual(TEXT + NEW_FAQ), manual(edited))
    assert sorted((c.kind, c.item) for c in changes) == [
        ("added", "refunds"),
        ("removed", "refund"),
    ]


def test_a_renamed_item_is_listed_in_the_manual_but_not_marked_in_place(tmp_path):
    from csmanual.context import _changes

    old = manual(TEXT + NEW_FAQ)
    new = manual(TEXT + NEW_FAQ.replace("id: refund", "id: refunds"))
    changes = _changes(new, old, "v1", "ko")
    assert changes["items"] == {}
    assert [(c["kind"], c["item"]) for c in changes["list"]] == [("renamed", "refunds")]


def test_text_report_groups_by_section_with_korean_labels():
    new = TEXT.replace("목소리를 낮추고", "목소리를 더 낮추고") + NEW_FAQ
    report = diff.format_text(diff.diff(manual(TEXT), manual(new)), "ko", "a", "b")
    assert "[고객 유형별 응대]" in report and "[자주 묻는 질문]" in report
    assert "- 목소리를 낮추고" in report and "+ 목소리를 {+더+} 낮추고" in report
    assert report.index("[고객 유형별 응대]") < report.index("[자주 묻는 질문]")


def write_pair(tmp_path: Path, new_text: str) -> tuple[str, str]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(TEXT, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return str(old), str(new)


def test_cli_exit_code_and_formats(tmp_path):
    runner = CliRunner()
    same = write_pair(tmp_path, TEXT)
    assert runner.invoke(main, ["diff", *same, "--exit-code"]).exit_code == 0
    changed = write_pair(tmp_path, TEXT.replace("목소리를 낮추고", "목소리를 더 낮추고"))
    result = runner.invoke(main, ["diff", *changed, "--exit-code"])
    assert result.exit_code == 1 and "목소리를 {+더+} 낮추고" in result.output
    assert runner.invoke(main, ["diff", *changed]).exit_code == 0
    data = json.loads(runner.invoke(main, ["diff", *changed, "--format", "json"]).output)
    assert data["changes"][0]["kind"] == "changed"
    md = runner.invoke(main, ["diff", *changed, "--format", "md"]).output
    assert "목소리를 **더** 낮추고 말을 천천히 이어 갑니다." in md
    page = runner.invoke(main, ["diff", *changed, "--format", "html"]).output
    assert "목소리를 <ins>더</ins> 낮추고 말을 천천히 이어 갑니다." in page


def test_cli_refuses_an_invalid_version(tmp_path):
    old, new = write_pair(tmp_path, TEXT.replace("name: 상담 담당자", "name: ''"))
    result = CliRunner().invoke(main, ["diff", old, new, "--exit-code"])
    assert result.exit_code == 2 and "E104" in result.output


@pytest.fixture
def repo(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "manual.yaml").write_text(TEXT, encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env=env, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "v1.0")
    git("tag", "v1.0")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_git_revisions_full_and_short_form(repo):
    source = repo / "source" / "manual.yaml"
    source.write_text(TEXT.replace("목소리를 낮추고", "목소리를 더 낮추고"), encoding="utf-8")
    runner = CliRunner()
    for old in ("HEAD", "v1.0", "HEAD:source/manual.yaml"):
        result = runner.invoke(main, ["diff", old, "--exit-code"])
        assert result.exit_code == 1, (old, result.output)
        assert "목소리를 {+더+} 낮추고" in result.output
    for flags in ([], ["--exit-code"]):  # an error is never read as "they differ" (1)
        missing = runner.invoke(main, ["diff", "no-such-rev", *flags])
        assert missing.exit_code == 2, missing.output
        assert "no such file, and not a git revision" in missing.output


def test_help_says_what_each_example_compares_and_the_exit_codes():
    text = CliRunner().invoke(main, ["diff", "--help"]).output
    examples = {
        line.split()[2]: line
        for line in text.splitlines()
        if line.strip().startswith("csmanual diff")
    }
    assert "uncommitted" in examples["HEAD"]
    assert "last commit" in examples["HEAD~1"] and "HEAD~1 HEAD" in examples["HEAD~1"]
    assert "2  " in text and "differ" in text


def test_validate_against_fails_on_an_unrecorded_change(repo):
    source = repo / "source" / "manual.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--against", "HEAD"]).exit_code == 0
    edited = TEXT.replace("목소리를 낮추고", "목소리를 더 낮추고")
    source.write_text(edited, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--against", "HEAD"])
    assert result.exit_code == 1 and "E601" in result.output
    recorded = edited.replace('version: "1.0"              #', 'version: "1.1"  #').replace(
        "    summary: 최초 작성\n",
        '    summary: 최초 작성\n  - id: v1-1\n    version: "1.1"\n    date: 2026-01-12\n'
        "    author: 홍길동\n    summary: 큰 소리 고객 응대 보완\n",
    )
    source.write_text(recorded, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--against", "HEAD"])
    assert result.exit_code == 0, result.output


def test_manifest_records_hashes_and_verify_checks_them(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(EXAMPLE), "--out", str(out)]).exit_code == 0
    data = json.loads((out / "manifest.json").read_text())
    import hashlib

    page = (out / "manual.html").read_bytes()
    assert data["outputs"]["manual.html"]["sha256"] == hashlib.sha256(page).hexdigest()
    assert data["source"]["sha256"] == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert len(data["theme"]["sha256"]) == 64
    ok = runner.invoke(main, ["verify", str(out / "manual.html"), "--source", str(EXAMPLE)])
    assert ok.exit_code == 0, ok.output
    other = tmp_path / "other.yaml"
    other.write_text(TEXT + "\n# edited\n", encoding="utf-8")
    wrong = runner.invoke(
        main, ["verify", str(out / "manual.html"), "--source", str(other), "--lang", "en"]
    )
    assert wrong.exit_code == 1 and "not built from" in wrong.output
    (out / "manual.html").write_bytes(page + b"<!-- tampered -->")
    tampered = runner.invoke(main, ["verify", str(out / "manual.html"), "--lang", "en"])
    assert tampered.exit_code == 1 and "changed after the build" in tampered.output


def test_builds_are_reproducible_across_cwd_tz_and_hash_seed(tmp_path):
    """Same inputs → byte-identical outputs, whatever the environment of the build."""
    digests = []
    for run, (tz, seed) in enumerate((("UTC", "1"), ("Asia/Seoul", "2"))):
        cwd = tmp_path / f"cwd{run}"
        cwd.mkdir()
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "csmanual",
                "build",
                str(EXAMPLE),
                "--out",
                "out",
                "--format",
                "html,pdf,pptx,card",
            ],
            cwd=cwd,
            env=env,
            check=True,
            capture_output=True,
        )
        digests.append(json.loads((cwd / "out" / "manifest.json").read_text())["outputs"])
    assert sorted(digests[0]) == ["cards.pdf", "manual.html", "manual.pdf", "manual.pptx"]
    assert digests[0] == digests[1]


def test_the_report_names_sections_by_the_manual_s_own_titles(tmp_path):
    hospital = Path(__file__).parent / "fixtures" / "orgs" / "hospital.ko.yaml"
    text = hospital.read_text("utf-8")
    changed = tmp_path / "new.yaml"
    changed.write_text(text.replace("summary: 끝까지 듣습니다.", "summary: 끝까지 듣고 적습니다."))
    for form in ("text", "md", "html"):
        result = CliRunner().invoke(main, ["diff", str(hospital), str(changed), "--format", form])
        assert result.exit_code == 0, result.output
        assert "민원 처리 5단계" in result.output, form
        assert "처리 단계" not in result.output.replace("민원 처리 5단계", ""), form


# --- what an auditor reads: the versions, the changed words, what was deleted -----------

DO_THREE = """    do:
      - 목소리를 낮추고 말을 천천히 이어 갑니다.
      - 고객의 말을 끊지 않고 끝까지 듣습니다.
      - 해결할 수 있는 일부터 차례로 안내합니다."""
DO_ONE = """    do:
      - 목소리를 낮추고 말을 천천히 이어 갑니다."""


def three_do(text: str = TEXT) -> str:
    return text.replace(DO_ONE, DO_THREE)


def test_a_word_changed_in_a_list_shows_that_element_and_its_words():
    old = three_do()
    new = old.replace("끝까지 듣습니다", "차분히 끝까지 듣습니다")
    [change] = diff.diff(manual(old), manual(new))
    text = diff.format_text([change], "ko", "a", "b")
    assert "목소리를 낮추고" not in text and "차례로" not in text  # the unchanged elements
    assert " / " not in text
    assert "      - 고객의 말을 끊지 않고 끝까지 듣습니다." in text
    assert "      + 고객의 말을 끊지 않고 {+차분히+} 끝까지 듣습니다." in text
    assert "2번째 항목" in text
    md = diff.format_text([change], "en", "a", "b", markdown=True)
    assert "고객의 말을 끊지 않고 **차분히** 끝까지 듣습니다." in md and "item 2" in md
    data = json.loads(diff.format_json([change], "a", "b"))
    [line] = data["changes"][0]["lines"]
    assert (line["old_position"], line["new_position"]) == (2, 2)
    assert {"mark": "ins", "text": "차분히"} in line["segments"]
    assert "".join(s["text"] for s in line["segments"] if s["mark"] != "ins") == (
        "고객의 말을 끊지 않고 끝까지 듣습니다."
    )


def test_words_changed_in_a_text_field_are_marked_on_both_sides():
    new = TEXT.replace("name: 큰 소리로 항의하는 고객", "name: 크게 항의하는 고객")
    changes = diff.diff(manual(TEXT), manual(new))
    text = diff.format_text(changes, "ko", "a", "b")
    assert "      - [-큰 소리로-] 항의하는 고객" in text
    assert "      + {+크게+} 항의하는 고객" in text


def test_a_list_element_added_or_removed_is_shown_alone():
    old = three_do()
    new = old.replace("      - 고객의 말을 끊지 않고 끝까지 듣습니다.\n", "")
    text = diff.format_text(diff.diff(manual(old), manual(new)), "en", "a", "b")
    assert "      - 고객의 말을 끊지 않고 끝까지 듣습니다." in text  # all of it: no marks
    assert "+" not in text.split("\n", 2)[2]  # nothing was added
    assert "차례로" not in text


def test_a_deleted_item_shows_what_was_deleted():
    removed = diff.diff(manual(TEXT + NEW_FAQ), manual(TEXT))
    text = diff.format_text(removed, "ko", "a", "b")
    assert "환불은 어떻게 하나요?" in text
    assert "영수증을 확인한 뒤 환불 절차를 안내합니다." in text
    md = diff.format_text(removed, "en", "a", "b", markdown=True)
    assert "~~영수증을 확인한 뒤 환불 절차를 안내합니다.~~" in md
    added = diff.format_text(diff.diff(manual(TEXT), manual(TEXT + NEW_FAQ)), "ko", "a", "b")
    assert "+ answer: 영수증을 확인한 뒤 환불 절차를 안내합니다." in added


def test_the_html_redline_marks_words_and_deleted_content(tmp_path):
    old = three_do() + NEW_FAQ
    new = three_do().replace("끝까지 듣습니다", "차분히 끝까지 듣습니다")
    pair = write_pair(tmp_path, new)
    Path(pair[0]).write_text(old, encoding="utf-8")
    page = CliRunner().invoke(main, ["diff", *pair, "--format", "html"]).output
    assert "고객의 말을 끊지 않고 <ins>차분히</ins> 끝까지 듣습니다." in page
    assert "목소리를 낮추고" not in page  # an unchanged element of the same list
    assert "<del>영수증을 확인한 뒤 환불 절차를 안내합니다.</del>" in page


def test_the_header_names_commit_version_and_date_of_both_sides(tmp_path, monkeypatch):
    from versions import Repo

    repo = Repo(tmp_path)
    first = repo.commit(TEXT, "첫 판")
    second = repo.commit(
        TEXT.replace('version: "1.0"    ', 'version: "1.1"    ')
        .replace("effective_date: 2026-01-15", "effective_date: 2026-02-01")
        .replace("name: 큰 소리로 항의하는 고객", "name: 크게 항의하는 고객")
        .replace(
            "    summary: 최초 작성\n",
            '    summary: 최초 작성\n  - id: v1-1\n    version: "1.1"\n    date: 2026-01-20\n'
            "    author: 홍길동\n    summary: 이름 다듬기\n",
        ),
        "Second edition",
    )
    monkeypatch.chdir(tmp_path)
    for form in ("text", "md", "json", "html"):
        result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--format", form])
        assert result.exit_code == 0, result.output
        out = result.output
        for expected in (first, "첫 판", "1.0", "2026-01-15", second, "Second edition", "1.1"):
            assert expected in out, (form, expected)
        assert "2026-02-01" in out, form
    md = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD", "--format", "md"]).output
    assert md.startswith(f'# HEAD~1 → HEAD\n\n- HEAD~1 · 커밋 {first} "첫 판" · 버전 1.0')
    data = json.loads(CliRunner().invoke(main, ["diff", "HEAD~1", "--format", "json"]).output)
    assert data["old"] == "HEAD~1" and data["old_version"]["commit"] == first
    assert data["new_version"] == {
        "name": "source/manual.yaml",
        "commit": None,
        "subject": None,
        "version": "1.1",
        "date": "2026-02-01",
    }


def test_the_report_s_words_follow_lang_the_section_titles_stay_the_manual_s(tmp_path):
    pair = write_pair(tmp_path, TEXT + NEW_FAQ)
    page = CliRunner().invoke(main, ["diff", *pair, "--format", "html", "--lang", "en"]).output
    assert "Change report" in page and ">Answer<" in page
    assert "자주 묻는 질문" in page  # the Korean manual's own section title


def test_a_section_without_items_is_named_in_the_manuals_language():
    """The meta section of an English manual is "Document", in the text report, in the
    context's changes and so in every format's change list; not the Korean "문서 정보"."""
    text = (EXAMPLE.parent / "manual.en.yaml").read_text(encoding="utf-8")
    old_date = next(line for line in text.splitlines() if "effective_date:" in line)
    new = text.replace(old_date, "  effective_date: 2030-01-01")
    [change] = diff.diff(manual(text), manual(new))
    assert (change.section, change.name) == ("meta", "Document")
