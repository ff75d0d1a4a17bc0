"""The manual's schema: typed, frozen models; every list item has a stable `id`.

Two markers make rules declarative: `Ref("roles")` says a field holds the id of an item
of another section (checked by the validator, used by templates), and `Needed()` says an
optional field must still be filled in for the manual to be complete (rule E302): the
schema accepts a draft, the validator says what is missing in words a CS manager reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    StrictStr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from csmanual.catalogue.sections import FIELD_LABELS as FIELD_LABELS
from csmanual.catalogue.sections import ITEM_NOUNS as ITEM_NOUNS
from csmanual.catalogue.sections import NOT_SECTIONS, SECTIONS

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
VERSION_PATTERN = r"^\d+(?:\.\d+){0,3}$"
# 30s, 30m, 24h, 4bh (business hours), 3d, 2bd (business days), 1w, 6mo, 1y
PERIOD_PATTERN = r"^[1-9]\d{0,3}(?:s|m|h|bh|d|bd|w|mo|y)$"
# a deadline's time: a period, or `immediate` (at once: a face-to-face complaint)
DURATION_PATTERN = r"^(?:immediate|[1-9]\d{0,3}(?:s|m|h|bh|d|bd|w|mo|y))$"


@dataclass(frozen=True)
class Ref:
    """Marks a field that holds the id of an item in another section."""

    section: str


@dataclass(frozen=True)
class Needed:
    """Marks an optional field that a complete manual fills in (rule E302); `unless`
    names another field that, filled in, stands for it (`deadline` / `deadlines`)."""

    unless: str | None = None


# SECTIONS (catalogue.sections): every section's name, in the order the outputs present
# them, with its title; the Manual below has the same fields in the same order.
# `custom_sections` is not one section but the manual's own, each named by its id.
OPTIONAL_SECTIONS = tuple(name for name in SECTIONS if name not in NOT_SECTIONS)
DEFAULT_REQUIRED_SECTIONS = tuple(
    name for name in OPTIONAL_SECTIONS if name not in ("principles", "policies", "glossary")
)
SectionName = Literal[OPTIONAL_SECTIONS]  # type: ignore[valid-type]


Id = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN, max_length=64)]
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]
TextList = Annotated[list[Text], Field(min_length=1)]
Version = Annotated[StrictStr, StringConstraints(pattern=VERSION_PATTERN)]
Duration = Annotated[StrictStr, StringConstraints(pattern=DURATION_PATTERN)]
Period = Annotated[StrictStr, StringConstraints(pattern=PERIOD_PATTERN)]
# a built-in section's name or a custom section's id: any text to the schema, so that a
# misspelt name gets one message with "did you mean" (rule E206); editors still complete
# the built-in names
SectionKey = Annotated[
    StrictStr,
    StringConstraints(min_length=1, max_length=64),
    WithJsonSchema(
        {"anyOf": [{"enum": list(OPTIONAL_SECTIONS)}, {"type": "string", "pattern": ID_PATTERN}]}
    ),
]
RoleRef = Annotated[Id, Ref("roles")]
DeadlineRef = Annotated[Id, Ref("deadlines")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(Model):
    """A titled paragraph: a principle, a policy, a privacy rule, a feedback method …"""

    id: Id
    title: Text
    text: Text
    points: TextList | None = None


# --- document control --------------------------------------------------------------


# the manual's language: `ko` or `en`, or with the region its spelling follows (`en-GB`).
# `Meta.language` is the language alone (what messages, labels and durations are chosen
# by); `Meta.language_tag` the tag as given, which every output is tagged with
LANGUAGE_TAGS = ("ko", "en", "ko-KR", "en-GB", "en-US")


class Meta(Model):
    title: Text
    organization: Text
    document_id: Text
    version: Version
    effective_date: dt.date
    owner: Text
    language: Literal[LANGUAGE_TAGS] = "ko"  # type: ignore[valid-type]
    author: Text | None = None
    subtitle: Text | None = None
    keywords: TextList | None = None
    _tag: str | None = PrivateAttr(default=None)

    @field_validator("language")
    @classmethod
    def _language_only(cls, tag: str) -> str:
        return tag.split("-")[0]

    @model_validator(mode="wrap")
    @classmethod
    def _keep_the_tag(cls, data: object, handler):
        meta = handler(data)
        tag = data.get("language") if isinstance(data, dict) else None
        if isinstance(tag, str) and "-" in tag:
            meta._tag = tag
        return meta

    @property
    def language_tag(self) -> str:
        """The tag the source gave (`en-GB`), else the language alone (`en`)."""
        return self._tag or self.language


class Revision(Model):
    id: Id
    version: Version
    date: dt.date
    author: Text
    summary: Text
    changes: TextList | None = None


class Approval(Model):
    """A signature row. `action` says what the signer did (and drives the wording);
    name and date stay empty until signed, for a line to sign on paper."""

    id: Id
    role: Text
    action: Literal["written", "reviewed", "approved"] = "approved"
    name: Text | None = None
    date: dt.date | None = None
    meaning: Text | None = None
    version: Version | None = None


class Purpose(Model):
    summary: Text
    scope: Text
    benefits: TextList | None = None


# --- people, channels, deadlines ---------------------------------------------------


class Role(Model):
    id: Id
    name: Text
    description: Text | None = None
    responsibilities: Annotated[TextList | None, Needed()] = None
    escalates_to: RoleRef | None = None
    mediator: bool = False


DEADLINE_KINDS = ("reply", "result", "update", "limit")


class Deadline(Model):
    """A time the desk keeps. `kind`: reply (a first response), result (the outcome),
    update (recurring: `within` is the interval), limit (a time limit that is not a
    reply, such as a refund window). `applies_to` says when it applies (a severity …)."""

    id: Id
    name: Text
    within: Duration
    kind: Literal[DEADLINE_KINDS] = "reply"  # type: ignore[valid-type]
    applies_to: Text | None = None
    description: Text | None = None


class Channel(Model):
    id: Id
    name: Text
    description: Text | None = None
    deadline: Annotated[DeadlineRef | None, Needed(unless="deadlines")] = None
    deadlines: Annotated[list[DeadlineRef], Field(min_length=1)] | None = None
    guidance: TextList | None = None


class ComplaintCategory(Model):
    id: Id
    name: Text
    description: Text | None = None
    examples: TextList | None = None
    handling: Annotated[TextList | None, Needed()] = None
    compensation: Text | None = None
    owner: Annotated[RoleRef | None, Needed()] = None


class Segment(Model):
    id: Id
    name: Text
    description: Text | None = None
    approach: Annotated[TextList | None, Needed()] = None


class BehaviourType(Model):
    id: Id
    name: Text
    traits: Annotated[TextList | None, Needed()] = None
    do: Annotated[TextList | None, Needed()] = None
    dont_say: Annotated[TextList | None, Needed()] = None
    phrases: TextList | None = None
    escalate_when: Text | None = None
    escalate_to: RoleRef | None = None


# --- handling claims ---------------------------------------------------------------


class Stage(Model):
    id: Id
    name: Text
    description: Text | None = None


class InitialResponse(Model):
    importance: TextList
    flow: Annotated[list[Stage], Field(min_length=1)]
    points: Annotated[list[Stage], Field(min_length=1)]


class ClaimStep(Model):
    id: Id
    number: StrictInt
    name: Text
    summary: Text
    guidance: TextList | None = None
    owner: Annotated[RoleRef | None, Needed()] = None
    escalate_when: Text | None = None
    escalate_to: RoleRef | None = None


class FollowUp(Model):
    summary: Text
    statuses: Annotated[list[Stage], Field(min_length=1)]
    interim_contact: Text
    thanks: Text
    after_service: Text


# --- safeguards and upkeep ---------------------------------------------------------


class Privacy(Model):
    summary: Text
    rules: Annotated[list[Item], Field(min_length=1)]


class Feedback(Model):
    summary: Text
    methods: Annotated[list[Item], Field(min_length=1)]
    evaluation: Text | None = None


class Maintenance(Model):
    summary: Text
    review_cycle: Period
    owner: RoleRef
    triggers: Annotated[list[Item], Field(min_length=1)]


class Faq(Model):
    id: Id
    question: Text
    answer: Text


class Term(Model):
    id: Id
    term: Text
    definition: Text


# --- the manual's own sections ------------------------------------------------------


class Table(Model):
    columns: TextList
    rows: Annotated[list[TextList], Field(min_length=1)]


class CustomSection(Model):
    """A section the fixed list lacks (보상 기준, incident communication …): a title and
    any of prose, bullets, titled paragraphs and a table."""

    id: Id
    title: Text
    summary: Text | None = None
    points: TextList | None = None
    items: Annotated[list[Item], Field(min_length=1)] | None = None
    table: Table | None = None


class Settings(Model):
    """What this manual requires beyond the schema (a sensible default when absent), and
    its own titles (`{n}`: the section's count) and order of the sections."""

    required_sections: list[SectionKey] | None = None
    titles: dict[SectionKey, Text] | None = None
    order: list[SectionKey] | None = None


class Manual(Model):
    meta: Meta
    revisions: list[Revision] | None = None
    approvals: list[Approval] | None = None
    purpose: Purpose | None = None
    principles: list[Item] | None = None
    policies: list[Item] | None = None
    roles: list[Role] | None = None
    deadlines: list[Deadline] | None = None
    channels: list[Channel] | None = None
    complaint_categories: list[ComplaintCategory] | None = None
    segments: list[Segment] | None = None
    behaviour_types: list[BehaviourType] | None = None
    initial_response: InitialResponse | None = None
    claim_steps: list[ClaimStep] | None = None
    follow_up: FollowUp | None = None
    privacy: Privacy | None = None
    feedback: Feedback | None = None
    maintenance: Maintenance | None = None
    custom_sections: list[CustomSection] | None = None
    faqs: list[Faq] | None = None
    glossary: list[Term] | None = None
    settings: Settings | None = None


def item_model(section: str) -> type[Model] | None:
    """The model of one item of a list section (`roles` → Role), else None."""
    annotation = Manual.model_fields[section].annotation
    for arg in get_args(annotation):
        if get_origin(arg) is list:
            return get_args(arg)[0]
    return None


LIST_SECTIONS = tuple(name for name in SECTIONS if item_model(name) is not None)


# The field that names an item, for references and messages.
NAME_FIELDS = ("name", "title", "term", "question", "version")


def display_name(item: BaseModel) -> str:
    for name in NAME_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str):
            return value
    return getattr(item, "id", "")


def json_schema() -> dict:
    schema = Manual.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "csmanual source"
    return schema
