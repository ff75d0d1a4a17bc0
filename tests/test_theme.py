"""The theme search path, overrides, the sandbox and how template errors are reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from csmanual.project import Project
from csmanual.theme import Theme, ThemeError, default_theme_dir

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"


@pytest.fixture(scope="module")
def context() -> dict:
    project = Project(EXAMPLE, Theme.locate())
    assert project.validation.ok, project.validation.diagnostics
    return project.context


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_default_theme_is_the_checkouts_templates_folder():
    assert (default_theme_dir() / "html" / "manual.html.j2").is_file()
    assert Theme.locate().folders == [default_theme_dir().resolve()]


def test_override_folder_comes_first_and_may_hold_a_single_file(tmp_path, context):
    write(tmp_path, "html/manual.html.j2", "<p>{{ manual.meta.title }} 덮어씀</p>")
    theme = Theme.locate(tmp_path)
    assert theme.folders[0] == tmp_path.resolve()
    assert theme.render("html/manual.html.j2", context) == "<p>고객응대 매뉴얼 덮어씀</p>"
    # a file the override lacks still comes from the default theme
    assert theme.find("labels.yaml").parent == default_theme_dir().resolve()


def test_override_extends_the_original_and_replaces_one_block(tmp_path, context):
    original = Theme.locate().render("html/manual.html.j2", context)
    write(
        tmp_path,
        "html/manual.html.j2",
        '{% extends "!default/html/manual.html.j2" %}{% block title %}맞춤 제목{% endblock %}',
    )
    overridden = Theme.locate(tmp_path).render("html/manual.html.j2", context)
    assert "<title>맞춤 제목</title>" in overridden
    assert "<title>맞춤 제목</title>" not in original
    # everything outside the block is inherited unchanged
    before, _, after = original.partition("<title>")
    assert overridden.startswith(before)
    assert overridden.endswith(after.partition("</title>")[2])


def test_project_templates_sit_between_theme_and_default(tmp_path):
    project, theme = tmp_path / "project", tmp_path / "theme"
    (project / "source").mkdir(parents=True)
    (project / "templates").mkdir()
    theme.mkdir()
    located = Project(project / "source" / "manual.yaml", theme).theme
    assert located.folders == [
        theme.resolve(),
        (project / "templates").resolve(),
        default_theme_dir().resolve(),
    ]


def test_missing_theme_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ThemeError) as raised:
        Theme.locate(tmp_path / "nope")
    [found] = raised.value.diagnostics
    assert (found.code, found.file) == ("E751", str(tmp_path / "nope"))


def test_undefined_variable_names_template_file_and_line(tmp_path, context):
    write(
        tmp_path,
        "broken.html.j2",
        "<h1>{{ manual.meta.title }}</h1>\n<p>{{ manual.meta.titel }}</p>\n",
    )
    with pytest.raises(ThemeError) as caught:
        Theme.locate(tmp_path).render("broken.html.j2", context)
    [found] = caught.value.diagnostics
    assert (found.code, found.file, found.line) == (
        "E750",
        str(tmp_path.resolve() / "broken.html.j2"),
        2,
    )
    assert "titel" in found.message("en") and "titel" in found.message("ko")


def test_syntax_error_names_file_and_line(tmp_path, context):
    write(tmp_path, "bad.html.j2", "ok\n{% if %}\n")
    with pytest.raises(ThemeError) as caught:
        Theme.locate(tmp_path).render("bad.html.j2", context)
    [found] = caught.value.diagnostics
    assert (found.code, found.file, found.line) == (
        "E750",
        str(tmp_path.resolve() / "bad.html.j2"),
        2,
    )


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''|attr('__class__') }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ manual.__class__ }}",
    ],
)
def test_sandbox_refuses_python_internals(tmp_path, context, payload):
    write(tmp_path, "evil.html.j2", payload)
    with pytest.raises(ThemeError, match="not allowed in a theme") as caught:
        Theme.locate(tmp_path).render("evil.html.j2", context)
    [found] = caught.value.diagnostics
    assert (found.code, found.file, found.line) == (
        "E750",
        str(tmp_path.resolve() / "evil.html.j2"),
        1,
    )


def test_template_symlinked_out_of_the_theme_is_refused(tmp_path, context):
    outside = write(tmp_path, "outside/secret.txt", "secret")
    theme = tmp_path / "theme"
    theme.mkdir()
    os.symlink(outside, theme / "leak.html.j2")
    with pytest.raises(ThemeError) as caught:  # Jinja's loader does not serve it
        Theme.locate(theme).render("leak.html.j2", context)
    [found] = caught.value.diagnostics
    assert (found.code, found.file) == ("E752", str(theme.resolve()))
    assert found.args["name"] == "leak.html.j2"
    with pytest.raises(ThemeError) as caught:
        Theme.locate(theme).find("leak.html.j2")
    [found] = caught.value.diagnostics
    assert (found.code, found.file) == ("E753", str(theme.resolve() / "leak.html.j2"))
    assert found.args["name"] == "leak.html.j2"


@pytest.mark.parametrize("name", ["../etc/passwd", "/etc/passwd", "html/../../x"])
def test_asset_paths_cannot_climb_out(name):
    with pytest.raises(ThemeError) as caught:
        Theme.locate().find(name)
    [found] = caught.value.diagnostics
    assert (found.code, found.file) == ("E753", str(default_theme_dir().resolve()))
    assert found.args["name"] == name


def test_a_file_no_theme_folder_has_is_named_with_the_folders_searched(tmp_path, context):
    theme = Theme.locate(tmp_path)
    with pytest.raises(ThemeError) as caught:
        theme.find("html/no-such.css")
    [found] = caught.value.diagnostics
    assert (found.code, found.file) == ("E752", str(tmp_path.resolve()))
    assert found.args == {"name": "html/no-such.css", "searched": theme.describe()}
    write(tmp_path, "page.html.j2", '{% include "parts/nowhere.html.j2" %}')
    with pytest.raises(ThemeError) as caught:
        theme.render("page.html.j2", context)
    [found] = caught.value.diagnostics
    assert (found.code, found.args["name"]) == ("E752", "parts/nowhere.html.j2")


def test_labels_override_single_words(tmp_path):
    write(tmp_path, "labels.yaml", "contents: {ko: 차례, en: Index}\n")
    theme = Theme.locate(tmp_path)
    assert theme.labels("ko")["contents"] == "차례"
    assert theme.labels("en")["contents"] == "Index"
    assert theme.labels("ko")["search"] == Theme.locate().labels("ko")["search"]


@pytest.mark.parametrize(
    "text,where,code",
    [
        ("contents: 차례\n", (1, 11), "E754"),
        ("contents: {kr: 차례}\n", (1, 12), "E755"),
        ("contents:\n  ko:\n  en: Index\n", (2, 3), "E756"),
        ("contents: {ko: [차례]}\n", (1, 12), "E756"),
        ("contents: {ko: yes}\n", (1, 12), "E756"),
        ("contents: {ko: [\n", (2, 1), "E004"),
    ],
)
def test_a_label_the_build_could_not_use_is_an_error_at_its_place(tmp_path, text, where, code):
    """A word given without its language, in an unknown language or as nothing would be
    passed over silently (or print "None"): the build stops at labels.yaml:line:col."""
    path = write(tmp_path, "labels.yaml", text)
    with pytest.raises(ThemeError) as raised:
        Theme.locate(tmp_path).labels("ko")
    assert str(raised.value).startswith(f"{path}:{where[0]}:{where[1]}: ")
    assert raised.value.diagnostics[0].code == code


# --- compiled templates kept between builds ------------------------------------------------


def cached_render(tmp_path: Path, monkeypatch, text: str) -> str:
    monkeypatch.setenv("CSMANUAL_CACHE_DIR", str(tmp_path / "cache"))
    theme = tmp_path / "theme"
    write(theme, "page.txt.j2", text)
    return Theme.locate(theme).render("page.txt.j2", {"name": "고객"})  # a new environment


def cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.cache"))


def test_compiled_templates_are_cached_and_a_changed_template_is_compiled_again(
    tmp_path, monkeypatch
):
    assert cached_render(tmp_path, monkeypatch, "안녕 {{ name }}") == "안녕 고객"
    [entry] = cache_files(tmp_path)
    assert entry.parent.stat().st_mode & 0o777 == 0o700  # nobody else can plant code
    stored, written = entry.read_bytes(), entry.stat().st_ino
    assert cached_render(tmp_path, monkeypatch, "안녕 {{ name }}") == "안녕 고객"
    # read, not compiled and written again (a rewrite replaces the file: a new inode)
    assert entry.stat().st_ino == written and entry.read_bytes() == stored
    assert cached_render(tmp_path, monkeypatch, "잘 가 {{ name }}") == "잘 가 고객"
    assert entry.read_bytes() != stored  # the same file, compiled again for the new text


def test_a_damaged_cache_entry_is_compiled_again(tmp_path, monkeypatch):
    cached_render(tmp_path, monkeypatch, "안녕 {{ name }}")
    [entry] = cache_files(tmp_path)
    for damage in (b"", entry.read_bytes()[:20], b"\x00garbage" * 100):
        entry.write_bytes(damage)
        assert cached_render(tmp_path, monkeypatch, "안녕 {{ name }}") == "안녕 고객"


def test_a_cache_others_can_write_to_or_switched_off_is_not_used(tmp_path, monkeypatch):
    from csmanual.theme import bytecode_cache

    monkeypatch.setenv("CSMANUAL_CACHE_DIR", str(tmp_path / "cache"))
    cache = bytecode_cache()
    assert cache is not None
    os.chmod(cache.directory, 0o777)
    assert bytecode_cache() is None
    monkeypatch.setenv("CSMANUAL_CACHE_DIR", "off")
    assert bytecode_cache() is None


def test_an_unwritable_cache_does_not_stop_a_render(tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    assert cached_render(tmp_path, monkeypatch, "안녕 {{ name }}") == "안녕 고객"
