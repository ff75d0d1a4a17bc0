"""The consistency rules (E5xx/W5xx): what the text says against what the source defines.

Durations against the deadlines (E501, W502, E507), counts against the sections (E508),
the phrases a customer hears against their speech level and their type's don't-say list
(W512, W513, E514), repeated text and placeholders (W503, W504), and the deadlines' own
kinds (W505, E506). The prose is read by `csmanual.prose`; every finding points at the
words themselves, also inside a folded or literal block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from csmanual import refs
from csmanual.catalogue.consistency_rules import COUNT_NOUNS
from csmanual.diagnostics import Diagnostic, KeyPath, format_path
from csmanual.loader import Source
from csmanual.messages import L, wording
from csmanual.model import ITEM_NOUNS, SECTIONS, Deadline, Manual
from csmanual.model_walk import at, strings
from csmanual.prose import counts as count_prose
from csmanual.prose import durations as duration_prose
from csmanual.prose.places import diagnostic_at
from csmanual.prose.speech import endings

__all__ = [
    "counts",
    "deadline_kinds",
    "durations",
    "placeholders",
    "repeated_text",
    "speech_levels",
]

Found = Iterator[Diagnostic]

# texts that tell the past or configure the outputs: no claim about today's values
_NOT_PROSE = ("revisions", "settings")


def _prose(source: Source) -> Iterator[tuple[KeyPath, str]]:
    for path, text in strings(source.data):
        if path and path[0] not in _NOT_PROSE:
            yield path, text


# --- the deadlines' kinds ----------------------------------------------------------------


def deadline_kinds(manual: Manual, source: Source) -> Found:
    """An interval cannot be immediate (E506); a time limit is not a channel's response
    time (W505)."""
    kinds = {}
    for index, deadline in enumerate(manual.deadlines or ()):
        kinds[deadline.id] = deadline
        if deadline.kind == "update" and deadline.within == refs.IMMEDIATE:
            yield source.at("E506", ("deadlines", index, "within"), id=deadline.id)
    for index, channel in enumerate(manual.channels or ()):
        for path, deadline_id in _channel_deadlines(channel, index):
            deadline = kinds.get(deadline_id)
            if deadline is not None and deadline.kind == "limit":
                yield source.at(
                    "W505", path, deadline=deadline_id, name=deadline.name, channel=channel.name
                )


def _channel_deadlines(channel, index: int) -> list[tuple[KeyPath, str]]:
    if channel.deadlines is not None:
        return [(("channels", index, "deadlines", i), d) for i, d in enumerate(channel.deadlines)]
    if channel.deadline is not None:
        return [(("channels", index, "deadline"), channel.deadline)]
    return []


# --- durations -------------------------------------------------------------------------


def _values(deadline: Deadline) -> tuple:
    return duration_prose.comparable_of(deadline.within, deadline.kind == "update")


def durations(manual: Manual, source: Source) -> Found:
    """A duration the text states as a limit or an interval: one no deadline has is an
    error (E501), and so is one that differs from the deadlines of the sentence's subject
    (E507); one that matches asks for the reference (W502)."""
    deadlines = list(manual.deadlines or ())
    if not deadlines:
        return
    lang = manual.meta.language
    for path, text in _prose(source):
        for stated in duration_prose.stated(text):
            if _asks(text, stated.start):
                continue
            # an interval is an update deadline's; a limit any other's
            every = any(v[0] == duration_prose.EVERY for v in stated.values)
            kind = [d for d in deadlines if (d.kind == "update") == every]
            subject = _subject(manual, kind, path, _sentence(text, stated.start))
            if subject is not None and len(subject.deadlines) == len(deadlines):
                subject = None  # no deadline ruled out: nothing was assumed
            candidates = [*subject.deadlines, *subject.also] if subject else deadlines
            match = next((d for d in candidates if _values(d) in stated.values), None)
            if match is not None and _own_name(path, match, manual):
                continue  # "24시간 회신" naming the 24h deadline: a name, not a repetition
            if match is not None:
                assumed = wording("assumed.note", clue=subject.clue) if subject else L.same("")
                yield diagnostic_at(
                    source,
                    "W502",
                    path,
                    text,
                    stated.start,
                    literal=stated.literal,
                    deadline=match.id,
                    assumed=assumed,
                )
            elif subject is not None:
                yield diagnostic_at(
                    source,
                    "E507",
                    path,
                    text,
                    stated.start,
                    literal=stated.literal,
                    defined=_listing(subject.deadlines, lang),
                    clue=subject.clue,
                    first=subject.deadlines[0].id,
                )
            else:
                yield diagnostic_at(
                    source,
                    "E501",
                    path,
                    text,
                    stated.start,
                    literal=stated.literal,
                    defined=_listing(deadlines, lang),
                )


def _own_name(path: KeyPath, deadline: Deadline, manual: Manual) -> bool:
    listed = manual.deadlines or []
    return (
        len(path) == 3
        and path[0] == "deadlines"
        and path[2] == "name"
        and isinstance(path[1], int)
        and path[1] < len(listed)
        and listed[path[1]] is deadline
    )


def _listing(deadlines, lang: str) -> str:
    # "name (time); name (time)": a name and a value never run together
    return "; ".join(f"{d.name} ({refs.deadline_text(d, lang)})" for d in deadlines)


class _Subject:
    """The deadlines a sentence states, the `clue` that says why they were assumed, and
    `also` what it may state besides (a time limit, which belongs to no channel)."""

    def __init__(self, deadlines: list[Deadline], clue: L, also: tuple = ()):
        self.deadlines, self.clue, self.also = deadlines, clue, also


def _subject(
    manual: Manual, deadlines: list[Deadline], path: KeyPath, sentence: str
) -> _Subject | None:
    """The deadlines a sentence is about, from its words and its place, most telling
    first: a deadline it names, the deadline it describes, the channel it is written
    under or names; among `deadlines`, those of the stated duration's kind. None: any
    deadline may be meant."""
    by_id = {d.id: d for d in deadlines}
    named = _named_deadlines(deadlines, sentence)
    if named:
        names = ", ".join(d.name for d in named)
        return _Subject(named, wording("assumed.named", name=names))
    if len(path) > 2 and path[0] == "deadlines" and isinstance(path[1], int):
        every = manual.deadlines or []
        own = every[path[1]] if path[1] < len(every) else None
        if own is not None and own in deadlines:
            return _Subject([own], wording("assumed.deadline", name=own.name))
    channels = list(manual.channels or ())
    channel = None
    clue_key = "assumed.channel"
    if len(path) > 2 and path[0] == "channels" and isinstance(path[1], int):
        channel = channels[path[1]] if path[1] < len(channels) else None
    if channel is None:
        said = [c for c in channels if c.name in sentence]
        channel = said[0] if len(said) == 1 else None
        clue_key = "assumed.channel_named"
    if channel is None:
        return None
    own = [by_id[i] for _, i in _channel_deadlines(channel, 0) if i in by_id]
    if not own:
        return None
    # a time limit (a refund window) belongs to no channel: a channel's text may state it
    limits = tuple(d for d in deadlines if d.kind == "limit" and d not in own)
    return _Subject(own, wording(clue_key, name=channel.name), limits)


_WORDS = re.compile(r"[0-9A-Za-z가-힣]+")
_NAMED = 2  # one word of one deadline's name alone, or two shared ones ("서면 민원")


def _named_deadlines(deadlines: list[Deadline], sentence: str) -> list[Deadline]:
    """The deadlines whose names the sentence says most of, counting only the words that
    tell one deadline from another ("1차", "결과", "P1"; not a word every name has)."""
    if len(deadlines) < 2:
        return []
    words = {d.id: {w for w in _WORDS.findall(d.name.lower()) if _telling(w)} for d in deadlines}
    common = set.intersection(*words.values())
    said = _WORDS.findall(sentence.lower())
    scores = {}
    for deadline in deadlines:
        score = 0
        for word in words[deadline.id] - common:
            if any(s.startswith(word) for s in said):
                # a word of one name only names it; a word of several only helps
                shared = sum(1 for other in words.values() if word in other)
                score += 2 if shared == 1 else 1
        scores[deadline.id] = score
    best = max(scores.values())
    if best < _NAMED:
        return []
    return [d for d in deadlines if scores[d.id] == best]


def _telling(word: str) -> bool:
    """Not an English word too short to name anything ("a", "to", "of")."""
    return len(word) > 2 or not word.isascii() or not word.isalpha()


def _asks(text: str, start: int) -> bool:
    """The sentence at `start` is a question: it asks, it states no value."""
    ends = [e for e in (text.find(stop, start) for stop in ".!?\n") if e >= 0]
    return bool(ends) and text[min(ends)] == "?"


def _sentence(text: str, start: int) -> str:
    """The sentence around `start`: from the last stop before it to the next."""
    stops = ".!?\n"
    begin = max(text.rfind(stop, 0, start) for stop in stops) + 1
    ends = [e for e in (text.find(stop, start) for stop in stops) if e >= 0]
    return text[begin : min(ends) if ends else len(text)]


# --- counts -----------------------------------------------------------------------------


def counts(manual: Manual, source: Source) -> Found:
    """A count the text states of the manual's own items that the source contradicts
    (E508): "민원 처리 7단계" in a manual with five steps."""
    lang = manual.meta.language
    nouns = _count_nouns(manual, lang)
    if not nouns:
        return
    titles = (manual.settings.titles if manual.settings else None) or {}
    for path, text in _prose(source):
        bare = refs.REFERENCE.sub(lambda m: " " * len(m.group()), text)
        for found in count_prose.counts(bare, nouns, lang):
            actual = len(getattr(manual, found.section))
            # more than there are is always wrong; fewer only when it claims the whole
            if found.number == actual or (not found.total and found.number < actual):
                continue
            if _asks(bare, found.start):
                continue
            reference = f"[[{refs.COUNT}.{found.section}]]"
            example = re.sub(rf"{re.escape(found.written)}\s*", reference, found.literal, count=1)
            # what the section is called: its items in Korean, its title in English
            title = titles.get(found.section, "").replace("{n}", str(actual))
            called = L(
                (ITEM_NOUNS.get(found.section) or SECTIONS[found.section]).ko,
                title if lang == "en" and title else SECTIONS[found.section].en,
            )
            yield diagnostic_at(
                source,
                "E508",
                path,
                text,
                found.start,
                literal=found.literal,
                section=called,
                count=actual,
                name=found.section,
                example=example,
            )


def _count_nouns(manual: Manual, lang: str) -> dict[str, count_prose.Nouns]:
    """The nouns that count each section this manual fills, and the words of its titles
    that say whose a bare noun is."""
    titles = (manual.settings.titles if manual.settings else None) or {}
    nouns = {}
    for section, names in COUNT_NOUNS.items():
        if not getattr(manual, section, None):
            continue
        own = names.get(lang).split("|")
        item = ITEM_NOUNS.get(section) or SECTIONS[section]
        said = [SECTIONS[section].get(lang), item.get(lang), *own]
        if section in titles:
            said.append(titles[section].replace("{n}", " "))
        context = {w.lower() for text in said for w in _WORDS.findall(text)}
        context -= {w for name in own if " " not in name for w in [name]}
        context = {w for w in context if not w.isdigit()}
        nouns[section] = count_prose.Nouns(tuple(own), frozenset(context))
    return nouns


# --- what the customer hears --------------------------------------------------------------


def speech_levels(manual: Manual, source: Source) -> Found:
    """A phrase a type recommends ends in plain speech (W512), or mixes it with the polite
    speech of the type's other phrases (W513); it holds one of the type's don't-say
    phrases (E514). The don't-say phrases themselves and the traits (the customer's own
    words) are not read for their level."""
    korean = manual.meta.language == "ko"
    for index, kind in enumerate(manual.behaviour_types or ()):
        base = ("behaviour_types", index)
        phrases = [
            ((*base, "phrases", i), _raw(source, (*base, "phrases", i), p))
            for i, p in enumerate(kind.phrases or ())
        ]
        if korean:
            yield from _levels(source, kind.name, phrases)
        donts = [
            ((*base, "dont_say", i), _raw(source, (*base, "dont_say", i), d))
            for i, d in enumerate(kind.dont_say or ())
        ]
        for path, phrase in phrases:
            for dont_path, dont in donts:
                start = _contains(phrase, dont)
                if start is not None:
                    yield diagnostic_at(
                        source,
                        "E514",
                        path,
                        phrase,
                        start,
                        dont=dont.strip(),
                        line=source.span(dont_path).line,
                    )


def _levels(source: Source, name: str, phrases: list[tuple[KeyPath, str]]) -> Found:
    found = [(path, text, e) for path, text in phrases for e in endings(text)]
    polite = next((e.word for _, _, e in found if e.level == "polite"), None)
    for path, text, ending in found:
        if ending.level != "plain":
            continue
        if polite is None:
            yield diagnostic_at(source, "W512", path, text, ending.start, ending=ending.word)
        else:
            yield diagnostic_at(
                source,
                "W513",
                path,
                text,
                ending.start,
                type=name,
                ending=ending.word,
                polite=polite,
            )


def _raw(source: Source, path: KeyPath, fallback: str) -> str:
    value = at(source.data, path)
    return value if isinstance(value, str) else fallback


_LETTERS = re.compile(r"[0-9A-Za-z가-힣]")
_MIN_DONT = 2  # a one-letter don't-say ("네") is inside every phrase


def _contains(phrase: str, dont: str) -> int | None:
    """Where `phrase` holds `dont`, compared by letters only (spaces, punctuation and
    case aside): the offset in `phrase`, or None."""
    letters = [(i, c.lower()) for i, c in enumerate(phrase) if _LETTERS.match(c)]
    wanted = "".join(_LETTERS.findall(dont)).lower()
    if len(wanted) < _MIN_DONT:
        return None
    found = "".join(c for _, c in letters).find(wanted)
    return letters[found][0] if found >= 0 else None


# --- repeated text and placeholders --------------------------------------------------------

_MIN_REPEATED = 20  # shorter texts ("사과", "전화") repeat legitimately
# who someone is repeats legitimately: a role's name on a signature row, an author
_NAMING_FIELDS = ("name", "role", "author")


def repeated_text(manual: Manual, source: Source) -> Found:
    first: dict[str, KeyPath] = {}
    for path, text in strings(source.data):
        key = " ".join(text.split())
        if len(key) < _MIN_REPEATED or (path and path[-1] in _NAMING_FIELDS):
            continue
        if key in first:
            other = first[key]
            shown = format_path(source.named(other))
            yield source.at("W503", path, other=f"{shown} ({source.span(other).line})")
        else:
            first[key] = path


_PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|\?\?\?|미정|작성 예정")


def placeholders(manual: Manual, source: Source) -> Found:
    for path, text in strings(source.data):
        for match in _PLACEHOLDER.finditer(text):
            yield diagnostic_at(source, "W504", path, text, match.start(), marker=match.group())
