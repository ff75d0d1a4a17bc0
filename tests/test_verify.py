"""`csmanual verify`: a file or a folder against its manifest, a source file or revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.cli import main
from versions import Repo

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    # a user's mistake ends in a message and an exit code, never in a traceback
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A repository with two commits of the source, the outputs built from the first."""
    repo = Repo(tmp_path)
    repo.commit(TEXT, "first version")
    monkeypatch.chdir(tmp_path)
    assert run("build", "--format", "html,card", "--out", "out").exit_code == 0
    repo.commit(TEXT.replace("목소리를 낮추고", "목소리를 더 낮추고"), "second version")
    return tmp_path / "out"


def test_source_takes_a_git_revision_like_diff(built):
    for source in ("HEAD~1", "HEAD~1:source/manual.yaml"):
        result = run("verify", "out/manual.html", "--source", source)
        assert result.exit_code == 0, result.output
        assert "OK" in result.output and "HEAD~1:source/manual.yaml" in result.output
    other = run("verify", "out/manual.html", "--source", "HEAD", "--lang", "en")
    assert other.exit_code == 1
    assert "was not built from HEAD:source/manual.yaml" in other.output


def test_a_bad_revision_is_an_error_not_a_failed_check(built):
    result = run("verify", "out/manual.html", "--source", "nosuchrev")
    assert result.exit_code == 2
    assert "not a git revision" in result.output


def test_a_missing_file_says_so_and_fails(built):
    result = run("verify", "out/nosuch.pdf", "--lang", "en")
    assert result.exit_code == 1
    assert "nosuch.pdf is not listed in" in result.output
    assert "(it lists: cards.pdf, manual.html)" in result.output  # what there is instead
    (built / "cards.pdf").unlink()
    gone = run("verify", "out/cards.pdf", "--lang", "en")
    assert gone.exit_code == 1 and "does not exist" in gone.output
    nowhere = run("verify", "elsewhere/manual.pdf", "--lang", "en")
    assert nowhere.exit_code == 1 and "no readable manifest.json" in nowhere.output


def test_a_folder_verifies_every_file_of_its_manifest(built):
    result = run("verify", "out", "--source", "HEAD~1")
    assert result.exit_code == 0, result.output
    assert "out/cards.pdf: OK" in result.output and "out/manual.html: OK" in result.output
    (built / "cards.pdf").write_bytes((built / "cards.pdf").read_bytes() + b"%tampered")
    tampered = run("verify", "out", "--lang", "en")
    assert tampered.exit_code == 1
    assert "out/manual.html: OK" in tampered.output
    assert "out/cards.pdf: cards.pdf was changed after the build" in tampered.output
    assert "1 of 2 files" in tampered.output


def test_json_report_for_scripts(built):
    (built / "cards.pdf").write_bytes(b"tampered")
    result = run("verify", "out", "--source", "HEAD~1", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False
    assert report["source"] == "HEAD~1:source/manual.yaml"
    files = {Path(entry["path"]).name: entry for entry in report["files"]}
    assert files["manual.html"] == {"path": "out/manual.html", "ok": True, "problems": []}
    [problem] = files["cards.pdf"]["problems"]
    assert problem["code"] == "changed" and "cards.pdf" in problem["message"]


def test_messages_in_korean_by_default(built):
    result = run("verify", "out/nosuch.pdf")
    assert "목록에 없습니다" in result.output


def test_a_folder_without_a_manifest_says_so(tmp_path):
    result = run("verify", str(tmp_path), "--lang", "en")
    assert result.exit_code == 1
    assert f"no readable manifest.json in {tmp_path}" in result.output


def test_help_says_the_default_language_verify_really_uses():
    text = run("verify", "--help").output
    assert "default: Korean" in text and "meta.language" not in text
