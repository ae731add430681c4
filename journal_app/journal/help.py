"""The help catalogue: helplines, directories and emergency numbers, kept as data.

The numbers live in ``resources/help/resources.toml`` so that adding or correcting
one is an edit to data, reviewed against its source, never a code change. This
module reads and checks that file; it never imports Qt and never goes online.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from journal_app.assets import read_text

INTERNATIONAL = "international"
KINDS = ("emergency", "talk", "text", "information", "pain", "directory")
# How Support names each kind, in the order it shows them: people to talk to first.
KIND_TITLES = {
    "emergency": "In danger now",
    "talk": "Talk to someone now",
    "text": "Text",
    "information": "Information",
    "pain": "Living with pain",
    "directory": "Find a helpline",
}
KIND_ORDER = {kind: index for index, kind in enumerate(KIND_TITLES)}

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A number as it is written locally: digits, with single spaces or hyphens between,
# and a star before a short code that is dialled that way (Chile's *4141).
_NUMBER = re.compile(r"^\*?[0-9]+(?:[ -][0-9]+)*$")
# "Text 988", "Text SHOUT to 85258": an optional word to send, then the number.
_TEXT = re.compile(r"^Text (?:(?P<keyword>[A-Za-z0-9]+) to )?(?P<number>[0-9][0-9 -]*)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
_REQUIRED = ("id", "country", "kind", "name", "offers", "source", "checked")
_OPTIONAL = ("phone", "text", "email", "url", "hours")


def is_number(text: str) -> bool:
    """Whether ``text`` is a well-formed phone number: digits, spaces, hyphens (and a
    leading star for a short code)."""
    return bool(_NUMBER.match(text))


def digits(text: str) -> str:
    """Only the digits of a number, for comparing "9-8-8" with "988"."""
    return "".join(c for c in text if c.isdigit())


@dataclass(frozen=True, slots=True)
class TextInstruction:
    """How to reach a service by text message: what to send (if anything), and where."""

    number: str
    keyword: str = ""


def parse_text_instruction(text: str) -> TextInstruction | None:
    """Read "Text SHOUT to 85258" or "Text 988"; None if it is not written that way."""
    match = _TEXT.match(text.strip())
    if match is None or not is_number(match["number"]):
        return None
    return TextInstruction(match["number"], match["keyword"] or "")


class HelpDataError(ValueError):
    """The help file is malformed; the message says where and how."""


@dataclass(frozen=True, slots=True)
class Resource:
    """One place to turn to, with the date its details were last confirmed."""

    id: str
    country: str  # ISO 3166-1 alpha-2, or "international"
    kind: str
    name: str
    offers: str
    source: str
    checked: date
    phone: str = ""
    text: str = ""
    email: str = ""
    url: str = ""
    hours: str = ""

    @property
    def is_international(self) -> bool:
        return self.country == INTERNATIONAL

    @property
    def text_number(self) -> str:
        """The number to text (from "Text SHOUT to 85258", "85258"), or ""."""
        instruction = parse_text_instruction(self.text) if self.text else None
        return instruction.number if instruction else ""


LOCAL_EMERGENCY = "your local emergency number"
DEFAULT_DOCTOR = "doctor"


@dataclass(frozen=True, slots=True)
class EmergencyNumbers:
    """A country's numbers to call in danger.

    ``local`` marks numbers known only from a phone-routing dataset, not from a
    government list: they are always said beside "or your local emergency number",
    so that the person is never left with one number that might not be the right one.
    """

    country: str
    numbers: tuple[str, ...]
    note: str = ""
    local: bool = False

    def spoken(self) -> str:
        """The numbers as a sentence would say them: "112 or 999 (ambulance)"."""
        text = " or ".join(self.numbers)
        text = f"{text} ({self.note})" if self.note else text
        return f"{text} or {LOCAL_EMERGENCY}" if self.local else text


@dataclass(frozen=True, slots=True)
class HelpCatalogue:
    resources: tuple[Resource, ...]
    emergency: Mapping[str, EmergencyNumbers]
    # What people in a country call the doctor they see first ("GP", "family doctor").
    doctors: Mapping[str, str] = field(default_factory=dict)

    def doctor_word(self, country: str | None) -> str:
        """The word for "your GP" where the person is; "doctor" where Tend has none."""
        return self.doctors.get(country.upper(), DEFAULT_DOCTOR) if country else DEFAULT_DOCTOR

    def for_country(self, country: str | None) -> list[Resource]:
        """The resources of one country in the order of KIND_TITLES (never directories)."""
        if not country:
            return []
        found = [r for r in self.resources if r.country == country.upper()]
        return sorted(found, key=lambda r: KIND_ORDER.get(r.kind, len(KIND_ORDER)))

    def directories(self) -> list[Resource]:
        """The international directories, offered in every country."""
        return [r for r in self.resources if r.is_international]

    def emergency_for(self, country: str | None) -> EmergencyNumbers | None:
        return self.emergency.get(country.upper()) if country else None

    def countries(self) -> list[str]:
        """Every country with a resource or an emergency number, as ISO codes."""
        codes = {r.country for r in self.resources if not r.is_international}
        return sorted(codes | set(self.emergency))

    def countries_with_lines(self) -> list[str]:
        return sorted({r.country for r in self.resources if not r.is_international})


def _string(row: Mapping[str, object], key: str, where: str, required: bool) -> str:
    value = row.get(key)
    if value is None:
        if required:
            raise HelpDataError(f"{where}: '{key}' is missing.")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise HelpDataError(f"{where}: '{key}' must be non-empty text.")
    return value.strip()


def _checked(value: object, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise HelpDataError(f"{where}: 'checked' must be a date like 2026-11-21.")


def _resource(row: object, index: int) -> Resource:
    where = f"resource {index + 1}"
    if not isinstance(row, dict):
        raise HelpDataError(f"{where}: each [[resource]] must be a table.")
    where = f"resource {index + 1} ({row.get('id', 'no id')})"
    unknown = set(row) - set(_REQUIRED) - set(_OPTIONAL)
    if unknown:
        raise HelpDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    fields = {key: _string(row, key, where, True) for key in _REQUIRED if key != "checked"}
    fields.update({key: _string(row, key, where, False) for key in _OPTIONAL})
    if not _ID.match(fields["id"]):
        raise HelpDataError(f"{where}: 'id' must be lowercase letters, digits and dashes.")
    country = fields["country"]
    if country != INTERNATIONAL and not _COUNTRY.match(country):
        raise HelpDataError(f"{where}: 'country' must be a code like GB, or 'international'.")
    if fields["kind"] not in KINDS:
        raise HelpDataError(f"{where}: 'kind' must be one of {', '.join(KINDS)}.")
    url = fields["url"]
    if url and (not url.startswith("https://") or any(c.isspace() for c in url)):
        raise HelpDataError(f"{where}: 'url' must start with https:// and have no spaces.")
    if not (fields["phone"] or fields["text"] or fields["email"] or url):
        raise HelpDataError(f"{where}: a resource needs a phone, text, email or url.")
    if fields["phone"] and not is_number(fields["phone"]):
        raise HelpDataError(f"{where}: 'phone' may hold only digits, spaces and hyphens.")
    if fields["text"] and parse_text_instruction(fields["text"]) is None:
        raise HelpDataError(f'{where}: write \'text\' as "Text 988" or "Text SHOUT to 85258".')
    if fields["email"] and not _EMAIL.match(fields["email"]):
        raise HelpDataError(f"{where}: 'email' must be an address like jo@samaritans.org.")
    return Resource(checked=_checked(row.get("checked"), where), **fields)


def _emergency(table: object) -> dict[str, EmergencyNumbers]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise HelpDataError("[emergency] must be a table of country codes.")
    result: dict[str, EmergencyNumbers] = {}
    for country, value in table.items():
        where = f"emergency number for {country}"
        if not _COUNTRY.match(country):
            raise HelpDataError(f"{where}: the key must be a country code like GB.")
        if not isinstance(value, dict) or set(value) - {"numbers", "note", "local"}:
            raise HelpDataError(f"{where}: write it as {{ numbers = [...], note = ... }}.")
        numbers = value.get("numbers")
        if (
            not isinstance(numbers, list)
            or not numbers
            or not all(isinstance(n, str) and is_number(n.strip()) for n in numbers)
        ):
            raise HelpDataError(f"{where}: 'numbers' must be a list of numbers as text.")
        note = value.get("note", "")
        if not isinstance(note, str):
            raise HelpDataError(f"{where}: 'note' must be text.")
        local = value.get("local", False)
        if not isinstance(local, bool):
            raise HelpDataError(f"{where}: 'local' must be true or false.")
        result[country] = EmergencyNumbers(country, tuple(n.strip() for n in numbers), note, local)
    return result


def _doctors(table: object) -> dict[str, str]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise HelpDataError("[doctor] must be a table of country codes.")
    for country, word in table.items():
        if not _COUNTRY.match(country) or not isinstance(word, str) or not word.strip():
            raise HelpDataError(f'[doctor] {country}: write it as GB = "GP".')
    return {country: word.strip() for country, word in table.items()}


def parse_catalogue(text: str) -> HelpCatalogue:
    """Parse and check the TOML text; raises :class:`HelpDataError` when malformed."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HelpDataError(f"The help file is not valid TOML: {exc}.") from None
    rows = data.get("resource", [])
    if not isinstance(rows, list):
        raise HelpDataError("Resources must be written as [[resource]] tables.")
    resources = tuple(_resource(row, index) for index, row in enumerate(rows))
    _check_unique(r.id for r in resources)
    return HelpCatalogue(resources, _emergency(data.get("emergency")), _doctors(data.get("doctor")))


def _check_unique(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for resource_id in ids:
        if resource_id in seen:
            raise HelpDataError(f"The id '{resource_id}' is used twice.")
        seen.add(resource_id)


def load_catalogue() -> HelpCatalogue:
    """The catalogue shipped with Tend (``resources/help/resources.toml``)."""
    return parse_catalogue(read_text("help", "resources.toml"))
