"""The person's own help: "My people" and "My plan for hard moments".

Both are the person's words, so both live inside the vault, sealed like entries:
the list of people as one record of kind ``people`` and the plan as one record of
kind ``plan`` (one record each, so not even the number of people shows in the
file). There are no scores, dates or counts in them, and nothing here ever sends
or shares anything; saving a copy outside the vault is the person's own act, in
the GUI, after a plain warning.

The blank template (section titles, gentle descriptions, example ideas) and the
short list of relationships are data, in ``resources/help/personal.toml``.

Plain Python: never imports Qt.
"""

from __future__ import annotations

import json
import re
import secrets
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from journal_app.assets import read_text
from journal_app.vault import ReadResult, Vault
from journal_app.vault.store import new_record_id

PEOPLE_KIND = "people"
PLAN_KIND = "plan"
FORMAT = 1

PLAN_TITLE = "My plan for hard moments"
PEOPLE_TITLE = "My people"
DEFAULT_RELATIONSHIP = "friend"

# "Making my space feel safer" holds the person's own words only. Tend never
# suggests anything for it: no ideas, no examples, no placeholder that names a
# thing, because any example could name a method (CONTENT.md rule 1). Do not add
# one; ``parse_template`` refuses a template that does.
WORDS_ONLY_SECTIONS = frozenset({"space"})

# Generous limits, so that a pasted book cannot make a record unwieldy.
MAX_FIELD_CHARS = 2_000
MAX_NOTE_CHARS = 20_000
MAX_SECTION_CHARS = 50_000


class PersonalDataError(ValueError):
    """The template file is malformed; the message says where and how."""


# ---------------------------------------------------------------- the template


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class PlanSection:
    """One part of the blank plan: its heading, a gentle line, and ideas to pick from."""

    id: str
    title: str
    description: str
    placeholder: str
    ideas: tuple[str, ...] = ()
    # People are picked here from My people (kept as references, so a number is
    # typed once and follows every edit in My people), beside the person's words.
    picks_people: bool = False
    shows_help_lines: bool = False  # the chosen country's lines, one click away


@dataclass(frozen=True, slots=True)
class PersonalTemplate:
    relationships: tuple[Relationship, ...]
    sections: tuple[PlanSection, ...]

    def relationship(self, relationship_id: str) -> Relationship | None:
        return next((r for r in self.relationships if r.id == relationship_id), None)

    def relationship_label(self, relationship_id: str) -> str:
        found = self.relationship(relationship_id)
        return found.label if found is not None else ""

    def section(self, section_id: str) -> PlanSection | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sections)

    def all_texts(self) -> list[str]:
        """Every string the template can show, for the wording checks."""
        texts = [r.label for r in self.relationships]
        for section in self.sections:
            texts += [section.title, section.description, section.placeholder, *section.ideas]
        return texts


def _text(table: Mapping[str, object], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PersonalDataError(f"{where}: '{key}' must be non-empty text.")
    return value.strip()


def _unique(ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise PersonalDataError(f"The {what} id '{item}' is used twice.")
        seen.add(item)


def parse_template(text: str) -> PersonalTemplate:
    """Parse and check the template's TOML; raises :class:`PersonalDataError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PersonalDataError(f"The template is not valid TOML: {exc}.") from None
    relationships = []
    for index, row in enumerate(data.get("relationship", [])):
        where = f"relationship {index + 1}"
        if not isinstance(row, dict):
            raise PersonalDataError(f"{where}: each [[relationship]] must be a table.")
        relationships.append(Relationship(_text(row, "id", where), _text(row, "label", where)))
    sections = []
    for index, row in enumerate(data.get("section", [])):
        where = f"section {index + 1}"
        if not isinstance(row, dict):
            raise PersonalDataError(f"{where}: each [[section]] must be a table.")
        sections.append(_section(row, where))
    if not relationships or not sections:
        raise PersonalDataError("The template needs at least one relationship and one section.")
    _unique((r.id for r in relationships), "relationship")
    _unique((s.id for s in sections), "section")
    return PersonalTemplate(tuple(relationships), tuple(sections))


def _section(row: Mapping[str, object], where: str) -> PlanSection:
    ideas = row.get("ideas", [])
    if not isinstance(ideas, list) or not all(isinstance(i, str) and i.strip() for i in ideas):
        raise PersonalDataError(f"{where}: 'ideas' must be a list of text.")
    flags = {key: row.get(key, False) for key in ("picks_people", "shows_help_lines")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise PersonalDataError(f"{where}: '{key}' must be true or false.")
    section_id = _text(row, "id", where)
    if section_id in WORDS_ONLY_SECTIONS and ideas:
        raise PersonalDataError(f"{where}: '{section_id}' is for the person's own words only.")
    return PlanSection(
        id=section_id,
        title=_text(row, "title", where),
        description=_text(row, "description", where),
        placeholder=_text(row, "placeholder", where),
        ideas=tuple(i.strip() for i in ideas),
        picks_people=bool(flags["picks_people"]),
        shows_help_lines=bool(flags["shows_help_lines"]),
    )


@lru_cache(maxsize=1)
def load_template() -> PersonalTemplate:
    """The template shipped with Tend (``resources/help/personal.toml``)."""
    return parse_template(read_text("help", "personal.toml"))


# ---------------------------------------------------------------- the records


def new_person_id() -> str:
    return secrets.token_hex(8)


_PHONE_IN_TEXT = re.compile(r"\+?[0-9][0-9 ()-]{4,}[0-9]")
_EMAIL_IN_TEXT = re.compile(r"[^@\s,;<>()]+@[^@\s,;<>()]+\.[A-Za-z]{2,}")


def contact_value(reach: str) -> str:
    """What "Copy" should copy from how to reach someone: the first number or address
    in it ("Call 07700 900 123 after six" gives "07700 900 123"), else all of it."""
    text = reach.strip()
    found = [m for m in (_PHONE_IN_TEXT.search(text), _EMAIL_IN_TEXT.search(text)) if m]
    if not found:
        return text
    return min(found, key=lambda m: m.start()).group(0).strip()


def _clip(value: object, limit: int) -> str:
    return str(value)[:limit] if value is not None else ""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone the person could reach out to, in their own words."""

    id: str
    name: str = ""
    relationship: str = DEFAULT_RELATIONSHIP
    reach: str = ""  # how to reach them: a number, an address, "at the café on Fridays"
    note: str = ""

    @classmethod
    def new(cls, **fields: str) -> Person:
        return cls(id=new_person_id(), **fields)

    @property
    def is_blank(self) -> bool:
        return not (self.name.strip() or self.reach.strip() or self.note.strip())

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "name": self.name,
            "relationship": self.relationship,
            "reach": self.reach,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Person:
        person_id = data["id"]
        if not isinstance(person_id, str) or not person_id:
            raise ValueError("a person needs an id")
        return cls(
            id=person_id,
            name=_clip(data.get("name", ""), MAX_FIELD_CHARS),
            relationship=_clip(data.get("relationship", ""), 64) or DEFAULT_RELATIONSHIP,
            reach=_clip(data.get("reach", ""), MAX_FIELD_CHARS),
            note=_clip(data.get("note", ""), MAX_NOTE_CHARS),
        )


@dataclass(frozen=True, slots=True)
class Plan:
    """The person's plan: section id -> their text, in the template's order, and the
    ids of the people they picked from My people to ask for help.

    Text under a section id the template does not know (written by a newer Tend)
    is kept and shown after the others: nothing the person wrote is dropped.
    People are kept as references, never copied, so a number is typed once (in My
    people) and every edit there shows here.
    """

    sections: Mapping[str, str] = field(default_factory=dict)
    people: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", MappingProxyType(dict(self.sections)))
        object.__setattr__(self, "people", tuple(dict.fromkeys(self.people)))

    def text(self, section_id: str) -> str:
        return self.sections.get(section_id, "")

    def with_text(self, section_id: str, text: str) -> Plan:
        sections = dict(self.sections)
        if text.strip():
            sections[section_id] = text[:MAX_SECTION_CHARS]
        else:
            sections.pop(section_id, None)
        return Plan(sections, self.people)

    def with_people(self, person_ids: Iterable[str]) -> Plan:
        return Plan(self.sections, tuple(person_ids))

    @property
    def is_empty(self) -> bool:
        return not self.people and not any(text.strip() for text in self.sections.values())

    def ordered(self, template: PersonalTemplate) -> list[tuple[str, str, str]]:
        """(section id, title, text) for the template's sections, then any others."""
        known = template.section_ids()
        rows = [(s.id, s.title, self.text(s.id)) for s in template.sections]
        rows += [(sid, sid, text) for sid, text in self.sections.items() if sid not in known]
        return rows

    def to_payload(self) -> bytes:
        """Still format 1: "people" is only added (and only when someone is picked),
        so a plan with no one picked is written exactly as before."""
        data: dict[str, object] = {"format": FORMAT, "sections": dict(self.sections)}
        if self.people:
            data["people"] = list(self.people)
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_payload(cls, payload: bytes) -> Plan:
        data = json.loads(payload)
        sections = data["sections"]
        people = data.get("people", [])
        if not isinstance(sections, dict):
            raise ValueError("plan sections must be a mapping")
        if not isinstance(people, list):
            raise ValueError("plan people must be a list")
        return cls(
            {str(key): _clip(value, MAX_SECTION_CHARS) for key, value in sections.items() if value},
            tuple(str(person_id) for person_id in people if person_id),
        )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Plan)
            and dict(self.sections) == dict(other.sections)
            and self.people == other.people
        )

    def __hash__(self) -> int:
        return hash((tuple(sorted(self.sections.items())), self.people))


def picked_people(plan: Plan, people: Iterable[Person]) -> list[Person]:
    """The people picked in the plan, in the order picked, as My people has them now.

    Someone removed from My people is simply not shown (their id stays harmless).
    """
    by_id = {person.id: person for person in people}
    return [by_id[person_id] for person_id in plan.people if person_id in by_id]


def person_line(person: Person, template: PersonalTemplate) -> str:
    """One picked person as the plan shows and prints them: "Sam (Friend): 07700 900 123"."""
    name = person.name.strip() or person.reach.strip()
    relationship = template.relationship_label(person.relationship)
    line = f"{name} ({relationship})" if relationship and name else name
    reach = person.reach.strip()
    return f"{line}: {reach}" if reach and reach != name else line


def plan_sections(
    plan: Plan, template: PersonalTemplate, people: Iterable[Person] = ()
) -> list[tuple[str, str, str]]:
    """(section id, title, text) as shown on paper: the person's words, with the
    people they picked (name and number, as in My people now) first in their part."""
    chosen = [person_line(p, template) for p in picked_people(plan, people)]
    rows = []
    for section_id, title, text in plan.ordered(template):
        section = template.section(section_id)
        if chosen and section is not None and section.picks_people:
            text = "\n".join([*chosen, text.strip("\n")]).strip("\n")
        rows.append((section_id, title, text))
    return rows


def people_payload(people: Iterable[Person]) -> bytes:
    data = {"format": FORMAT, "people": [person.to_dict() for person in people]}
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def people_from_payload(payload: bytes) -> list[Person]:
    data = json.loads(payload)
    rows = data["people"]
    if not isinstance(rows, list):
        raise ValueError("people must be a list")
    return [Person.from_dict(row) for row in rows]


def merge_plans(plans: list[Plan]) -> Plan:
    """Two plans (two records after a copy of an old vault, or another journal's
    merged in): keep every word of both, each line once.

    A section's lines that the first plan lacks are added after its own, below a
    blank line, in the order the other plan has them; lines both have (ignoring
    spaces at their ends) are kept once.
    """
    merged: dict[str, str] = {}
    people = tuple(person_id for plan in plans for person_id in plan.people)
    for plan in plans:
        for section_id, text in plan.sections.items():
            before = merged.get(section_id, "")
            if not before.strip():
                merged[section_id] = text
                continue
            known = {line.strip() for line in before.splitlines()}
            new = [line for line in text.strip().splitlines() if line.strip() not in known]
            if any(line.strip() for line in new):
                merged[section_id] = before.rstrip() + "\n\n" + "\n".join(new).strip("\n")
    return Plan(merged, people)


class PersonalStore:
    """My people and my plan, sealed in the vault; loaded on unlock, forgotten on lock."""

    def __init__(self, vault: Vault, *, load: bool = True) -> None:
        self.vault = vault
        self._people: dict[str, Person] = {}
        self._people_records: list[str] = []  # the first is written; others merged in
        self._plan = Plan()
        self._plan_records: list[str] = []
        self.damaged: list[str] = []
        if load:
            self.load()

    def load(self, everything: ReadResult | None = None) -> None:
        """Read both kinds (from ``everything`` if the caller already read it all).

        A record that will not open is listed, never overwritten.
        """
        damaged: list[str] = []
        people: dict[str, Person] = {}
        people_records: list[str] = []
        result = self.vault.read_kind(PEOPLE_KIND, everything)
        damaged.extend(result.damaged)
        for record in result.records:
            try:
                found = people_from_payload(record.payload)
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged.append(record.id)
                continue
            people_records.append(record.id)
            for person in found:
                people.setdefault(person.id, person)
        plans: list[Plan] = []
        plan_records: list[str] = []
        result = self.vault.read_kind(PLAN_KIND, everything)
        damaged.extend(result.damaged)
        for record in result.records:
            try:
                plans.append(Plan.from_payload(record.payload))
            except (ValueError, KeyError, TypeError, AttributeError):
                damaged.append(record.id)
                continue
            plan_records.append(record.id)
        self._people = people
        self._people_records = people_records
        self._plan = merge_plans(plans)
        self._plan_records = plan_records
        self.damaged = damaged

    def clear(self) -> None:
        """Forget everything on lock; it comes back with the next unlock."""
        self._people = {}
        self._people_records = []
        self._plan = Plan()
        self._plan_records = []
        self.damaged = []

    # ------------------------------------------------------------------ people

    def people(self) -> list[Person]:
        """In the order the person added them."""
        return list(self._people.values())

    def person(self, person_id: str) -> Person | None:
        return self._people.get(person_id)

    def save_person(self, person: Person) -> Person:
        """Add or update one person (kept in place); sealed before this returns."""
        if self._people.get(person.id) == person and self._people_records:
            return person
        people = dict(self._people)
        people[person.id] = person
        self._write_people(people)
        return person

    def remove_person(self, person_id: str) -> None:
        if person_id not in self._people:
            return
        people = dict(self._people)
        del people[person_id]
        self._write_people(people)

    def _write_people(self, people: dict[str, Person]) -> None:
        record_id = self._people_records[0] if self._people_records else new_record_id()
        self.vault.put(PEOPLE_KIND, people_payload(people.values()), record_id)
        self._people = people
        extra, self._people_records = self._people_records[1:], [record_id]
        self.vault.delete(extra)  # their people are in the record just written

    # -------------------------------------------------------------------- plan

    def plan(self) -> Plan:
        return self._plan

    def save_plan(self, plan: Plan) -> Plan:
        """Keep the whole plan; an unchanged plan is not written again."""
        if plan == self._plan and self._plan_records:
            return self._plan
        record_id = self._plan_records[0] if self._plan_records else new_record_id()
        self.vault.put(PLAN_KIND, plan.to_payload(), record_id)
        self._plan = plan
        extra, self._plan_records = self._plan_records[1:], [record_id]
        self.vault.delete(extra)
        return plan

    def save_plan_text(self, section_id: str, text: str) -> Plan:
        return self.save_plan(self._plan.with_text(section_id, text))

    def records_with(
        self, more_people: Iterable[Person], plan: Plan | None
    ) -> list[tuple[str, bytes, str]]:
        """The records to write for these people added and this plan, not yet written.

        For a caller that writes them with other records in one transaction (a
        merge), then calls :meth:`load`. Each goes to the record it replaces.
        """
        items: list[tuple[str, bytes, str]] = []
        added = list(more_people)
        if added:
            people = [*self._people.values(), *added]
            record_id = self._people_records[0] if self._people_records else new_record_id()
            items.append((PEOPLE_KIND, people_payload(people), record_id))
        if plan is not None:
            record_id = self._plan_records[0] if self._plan_records else new_record_id()
            items.append((PLAN_KIND, plan.to_payload(), record_id))
        return items
