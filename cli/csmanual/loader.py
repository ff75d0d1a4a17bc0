"""Read a manual source safely: bytes → plain Python tree + where every value stood.

The tree is built from YAML *events*, not from PyYAML's recursive composer, so that
hostile input cannot recurse (depth is counted), expand (anchors and aliases are
refused), run code (only the core tags are allowed) or hide problems (duplicate keys,
control characters and YAML 1.1 coercions are all reported with their position).
A file with more than MAX_PROBLEMS such problems is reported up to there.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from itertools import accumulate

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from csmanual.characters import BIDI, FORBIDDEN, INVISIBLE, describe, line_col, scan
from csmanual.diagnostics import Diagnostic, KeyPath
from csmanual.messages import L, value_kind, wording, yaml_problem

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_PROBLEMS = 100  # a file with more problems than this is reported up to here
# libyaml notices these mistakes later than where they were made (at the end of the file
# for an unclosed quote); the start of what it was reading is where to look
_OPENED_AT = {
    "while scanning a quoted scalar",
    "while scanning a simple key",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning an anchor",
    "while scanning an alias",
}

_CORE = "tag:yaml.org,2002:"
_COMMENT = re.compile(r"[ \t]+#")
_SCALAR_TAGS = {f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_TAG_OF_TYPE = {
    "int": "int",
    "float": "float",
    "bool": "bool",
    "NoneType": "null",
    "date": "timestamp",
    "datetime": "timestamp",
}


@dataclass(frozen=True)
class Span:
    line: int  # 1-based
    column: int  # 1-based, in characters


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written, kept for plain scalars YAML read as something else than text."""

    raw: str
    kind: str  # int, float, bool, null, timestamp


@dataclass
class Source:
    """A loaded source: its data and the position of every key and value in the file."""

    path: str
    data: dict
    values: dict[KeyPath, Span] = field(default_factory=dict)
    keys: dict[KeyPath, Span] = field(default_factory=dict)
    coerced: dict[KeyPath, Scalar] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)  # found while reading (W014)
    sha256: str | None = None  # of the bytes read: what the manifest vouches for
    text: str = field(default="", repr=False)  # as read, to place a problem inside a value

    def span(self, path: KeyPath, on_key: bool = False) -> Span:
        """Where `path` stands, or its nearest ancestor that exists (for a missing key)."""
        table = self.keys if on_key else self.values
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.values.get(path[:cut])
            if found:
                return found
        return Span(1, 1)

    def span_of(self, path: KeyPath, value: str, piece: str) -> Span:
        """Where `piece` of the text `value` at `path` is written, so that a problem inside
        a long text is shown at its own line and column; else the value's start. Searched
        from the value's start over what the value can span in the file (quotes, folds)."""
        start = self.span(path)
        lines = self.text.splitlines(keepends=True)
        offset = sum(len(line) for line in lines[: start.line - 1]) + start.column - 1
        end = offset + 2 * len(value) + 200
        found = self.text.find(piece, offset, end) if piece else -1
        return Span(*line_col(self.text, found)) if found >= 0 else start

    def at(self, code: str, path: KeyPath, on_key: bool = False, **args: object) -> Diagnostic:
        """A diagnostic located at `path` (at its key with on_key, e.g. an unknown key)."""
        span = self.span(path, on_key)
        return Diagnostic(code, self.path, span.line, span.column, self.named(path), args)

    def named(self, path: KeyPath) -> KeyPath:
        """`path` with its items named by their ids, as diagnostics print it."""
        return _named(self.data, path)


class LoadError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = diagnostics


def load(path: str | os.PathLike) -> Source:
    """Load a source file; raise LoadError with every problem found while reading it."""
    name = str(path)
    try:
        status = os.stat(path)
        size = status.st_size
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            # a pipe or a device would make the read wait for ever
            reason = wording("read.not_a_file")
            raise LoadError([Diagnostic("E001", name, args={"reason": reason})])
        if size > MAX_BYTES:
            raise _too_large(name, human_size(size))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except LoadError:
        raise
    except FileNotFoundError:
        raise LoadError(
            [Diagnostic("E001", name, args={"reason": wording("read.missing")})]
        ) from None
    except IsADirectoryError:
        raise LoadError(
            [Diagnostic("E001", name, args={"reason": wording("read.folder")})]
        ) from None
    except OSError as error:
        raise LoadError(
            [Diagnostic("E001", name, args={"reason": error.strerror or str(error)})]
        ) from None
    if len(raw) > MAX_BYTES:  # the file grew after stat
        raise _too_large(name, f"> {human_size(MAX_BYTES)}")
    return loads(raw, name)


def _too_large(name: str, size: str) -> LoadError:
    return LoadError(
        [Diagnostic("E002", name, args={"size": size, "limit": human_size(MAX_BYTES)})]
    )


def loads(raw: bytes | str, name: str = "<string>") -> Source:
    """A source from the bytes (or text) read; its `sha256` is of exactly those bytes."""
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(data).hexdigest()
    text = _decode(raw, name) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    problems = scan(text, FORBIDDEN, "E009", name, MAX_PROBLEMS)
    if problems:  # raw control characters make the YAML reader stop at the first one
        raise LoadError(problems)
    source = _Builder(name).build(text)
    found = scan(text, INVISIBLE, "W014", name, MAX_PROBLEMS)
    source.warnings += found + scan(text, BIDI, "W015", name, MAX_PROBLEMS)
    source.sha256 = digest
    return source


def _decode(raw: bytes, name: str) -> str:
    body = raw.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 BOM is fine
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        before = body[: error.start].decode("utf-8")  # valid: the first bad byte is at start
        line, column = line_col(before, len(before))
        args = {"guess": _guess(raw)}
        raise LoadError([Diagnostic("E003", name, line, column, args=args)]) from None


def _guess(raw: bytes) -> L | str:
    """What a file that is not UTF-8 probably is (Windows Notepad's other choices)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return wording("read.utf16")
    try:
        raw.decode("cp949")
    except UnicodeDecodeError:
        return ""
    return wording("read.cp949")


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _span(mark) -> Span:
    return Span(mark.line + 1, mark.column + 1)


_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")  # YAML's line breaks (and splitlines')


# YAML's escapes of a double-quoted scalar, as the characters they stand for
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_ESCAPED = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "v": "\v",
    "f": "\f",
    "e": "\x1b",
    "N": "\x85",
    "L": "\u2028",
    "P": "\u2029",
}


def _escape_of(text: str, starts: list[int], span: Span, end: Span, char: str) -> Span | None:
    """Where the escape writing `char` stands in the double-quoted scalar from `span` to
    `end`; `starts` are the offsets where the lines of `text` begin."""
    stop = starts[min(end.line, len(starts)) - 1] + end.column - 1
    for match in _ESCAPE.finditer(text, starts[span.line - 1] + span.column, stop):
        code = match.group(1)
        if _ESCAPED.get(code) == char or (len(code) > 1 and int(code[1:], 16) == ord(char)):
            line = bisect_right(starts, match.start())
            return Span(line, match.start() - starts[line - 1] + 1)
    return None


def _inside(text: str, span: Span) -> Span:
    """`span`, or the end of the file if it lies below the last line: libyaml puts the end
    of a file without a final line break on the line after it."""
    lines = text.splitlines()
    if text.endswith(_BREAKS):
        return span if span.line <= len(lines) + 1 else Span(len(lines) + 1, 1)
    if span.line <= len(lines):
        return span
    return Span(len(lines), len(lines[-1]) + 1) if lines else Span(1, 1)


class _Frame:
    __slots__ = ("key", "key_lines", "path", "value")

    def __init__(self, path: KeyPath, value: dict | list):
        self.path = path
        self.value = value
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_lines: dict[str, int] = {}

    def wants_key(self) -> bool:
        return isinstance(self.value, dict) and self.key is None

    def child_path(self) -> KeyPath:
        last = len(self.value) if isinstance(self.value, list) else self.key
        return (*self.path, last)

    def attach(self, value) -> None:
        if isinstance(self.value, list):
            self.value.append(value)
        else:
            self.value.setdefault(self.key, value)  # a duplicate key is reported, the first kept
            self.key = None


class _Builder:
    """Turns the YAML event stream into a tree, recording positions and problems."""

    def __init__(self, name: str):
        self.source = Source(name, {})
        self.problems: list[Diagnostic] = []
        self.constructor = SafeConstructor()
        self.resolver = Resolver()
        self.text = ""
        self.tree: dict | list | None = None  # the outermost map or list, as far as read
        self._starts: list[int] | None = None
        self.merging = False  # after a `<<` key: its value is part of the same one problem

    def problem(self, code: str, span: Span, path: KeyPath = (), **args: object) -> None:
        self.problems.append(Diagnostic(code, self.source.path, span.line, span.column, path, args))
        if len(self.problems) >= MAX_PROBLEMS:  # e.g. 200,000 aliases: stop reading here
            raise LoadError(self.problems)

    def _syntax(self, span: Span, said: str) -> LoadError:
        from csmanual.indentation import wrong_indentation

        found = wrong_indentation(self.text, span.line, span.column, said)
        if found:  # shown where the line starts, not where libyaml noticed it
            problem, advice, column = found
            return self.fail("E004", Span(span.line, column), problem=problem, advice=advice)
        problem, advice = yaml_problem(said)
        return self.fail("E004", span, problem=problem, advice=advice)

    def fail(self, code: str, span: Span, path: KeyPath = (), **args: object) -> LoadError:
        self.problem(code, span, path, **args)
        return LoadError(self.problems)

    def _line_starts(self) -> list[int]:
        if self._starts is None:  # once, and only when an escape has to be located
            lengths = map(len, self.text.splitlines(keepends=True))
            self._starts = [0, *accumulate(lengths)]
        return self._starts

    def build(self, text: str) -> Source:
        try:
            return self._build(text)
        except LoadError as error:  # a path names the items it passes by their ids (E008)
            error.diagnostics = [
                replace(d, path=_named(self.tree, d.path)) if d.path else d
                for d in error.diagnostics
            ]
            raise

    def _build(self, text: str) -> Source:
        name = self.source.path
        self.text = self.source.text = text
        try:
            root = self._walk(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            if error.context in _OPENED_AT and error.context_mark:
                mark = error.context_mark  # where the quote, bracket or key began
            span = _inside(text, _span(mark)) if mark else Span(1, 1)
            if "maximum nesting depth" in (error.problem or ""):
                # libyaml's own limit (1000) can strike before ours, while it looks ahead
                raise self.fail("E005", span, limit=MAX_DEPTH) from None
            raise self._syntax(span, error.problem or error.context or "?") from None
        except yaml.YAMLError as error:
            raise self._syntax(Span(1, 1), str(error)) from None
        if self.problems:
            raise LoadError(self.problems)
        if root is None:
            raise LoadError([Diagnostic("E010", name, 1, 1)])
        if not isinstance(root, dict):
            if isinstance(root, list):
                found = wording("found.list")
            else:
                found = wording("found.single_value", value=f"{root!r:.40}")
            where = self.source.values.get((), Span(1, 1))  # after any leading comments
            raise LoadError(
                [Diagnostic("E011", name, where.line, where.column, args={"found": found})]
            )
        self.source.data = root
        return self.source

    @staticmethod
    def _events(text: str):
        # libyaml's parser is a state machine (no recursion); only its composer recurses,
        # and we never use it.
        parser = yaml.CSafeLoader(text) if yaml.__with_libyaml__ else yaml.SafeLoader(text)
        try:
            while parser.check_event():
                yield parser.get_event()
        finally:
            parser.dispose()

    def _walk(self, text: str):
        stack: list[_Frame] = []
        root = None
        documents = 0
        for event in self._events(text):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fail("E012", _span(event.start_mark))
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                value = stack.pop().value
            elif isinstance(event, yaml.NodeEvent):
                span = _span(event.start_mark)
                merged, self.merging = self.merging, False
                if event.anchor is not None and not (merged and isinstance(event, yaml.AliasEvent)):
                    token = ("*" if isinstance(event, yaml.AliasEvent) else "&") + event.anchor
                    self.problem("E006", span, token=token)
                if isinstance(event, yaml.AliasEvent):
                    value = None
                elif isinstance(event, yaml.ScalarEvent):
                    value = self._scalar(event, span, stack)
                else:
                    self._open(event, span, stack)
                    continue
                if stack and stack[-1].wants_key():
                    self._key(stack[-1], value, span, event)
                    continue
                self.source.values.setdefault(stack[-1].child_path() if stack else (), span)
            else:
                continue
            if stack:
                stack[-1].attach(value)
            else:
                root = value
        return root

    def _open(self, event, span: Span, stack: list[_Frame]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise self.fail("E005", span, limit=MAX_DEPTH)
        if stack and stack[-1].wants_key():
            raise self.fail(
                "E013",
                span,
                key=wording("key.list_or_map"),
                kind=wording("read_as.list_or_map"),
                raw="...",
            )
        expected = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
        if event.tag not in (None, "!", f"{_CORE}{expected}"):
            self.problem("E007", span, tag=event.tag)
        path = stack[-1].child_path() if stack else ()
        self.source.values.setdefault(path, span)
        stack.append(_Frame(path, {} if expected == "map" else []))
        if self.tree is None:
            self.tree = stack[-1].value

    def _scalar(self, event, span: Span, stack: list[_Frame]):
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
        if tag == f"{_CORE}merge" and stack and stack[-1].wants_key():
            self.problem("E014", span)  # one problem, not a tag, a key and an alias
            self.merging = True
            return "<<"
        if tag not in _SCALAR_TAGS:
            self.problem("E007", span, tag=tag)
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.yaml_constructors[tag](self.constructor, node)
        except Exception:  # e.g. !!bool maybe (KeyError), !!timestamp hello (AttributeError)
            if event.tag not in (None, "!"):
                self.problem("E007", span, tag=event.tag)
                return None
            # e.g. 2026-13-01 looks like a date but is none: the schema says why
            value = event.value
        if isinstance(value, str):
            if not unicodedata.is_normalized("NFC", value):
                # Hangul decomposed into jamo (text copied on a Mac) looks the same, but
                # comes out of the PDF as jamo and differs for diff and the rules
                value = unicodedata.normalize("NFC", value)
            bad = FORBIDDEN.search(value)  # written as an escape such as "\u0007"
            if bad:
                where = None
                if event.style == '"':
                    starts, end = self._line_starts(), _span(event.end_mark)
                    where = _escape_of(self.text, starts, span, end, bad.group())
                self.problem("E009", where or span, char=describe(bad.group()))
            if not event.style and " " in value.strip() and stack and not stack[-1].wants_key():
                self._comment_after_text(event)
        elif not event.style and event.value and stack and not stack[-1].wants_key():
            self.source.coerced[stack[-1].child_path()] = Scalar(event.value, tag.rsplit(":", 1)[1])
        return value

    def _comment_after_text(self, event) -> None:
        """`- Check the #p1 channel`: YAML reads ` #p1 channel` as a comment and the text
        ends at "the". A comment after words on their own line is most likely text lost."""
        end = event.end_mark.index
        line_end = self.text.find("\n", end)
        match = _COMMENT.match(self.text, end, line_end if line_end >= 0 else len(self.text))
        if match:
            at = Span(event.end_mark.line + 1, event.end_mark.column + match.end() - end)
            self.source.warnings.append(
                Diagnostic("W016", self.source.path, at.line, at.column, args={"text": event.value})
            )

    def _key(self, frame: _Frame, key, span: Span, event) -> None:
        if not isinstance(key, str):
            raw = getattr(event, "value", "") or ""
            name = type(key).__name__
            kind = value_kind(_TAG_OF_TYPE.get(name, name))
            self.problem("E013", span, key=repr(raw), kind=kind, raw=raw)
            key = str(raw)
        if key in frame.key_lines:
            self.problem("E008", span, (*frame.path, key), key=key, first_line=frame.key_lines[key])
        else:
            frame.key_lines[key] = span.line
        frame.key = key
        self.source.keys.setdefault((*frame.path, key), span)


def _named(data: object, path: KeyPath) -> KeyPath:
    # the model (pydantic, ~0.1 s to import) only when a problem is said: reading
    # csmanual.yaml for a no-op build must not pay for it
    from csmanual.model_walk import named

    return named(data, path)
