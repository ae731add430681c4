"""The shipped help data, row by row: sourced, dated, well formed, and only what may ship.

The list of what must never appear (RESOURCES.md's "do not ship" rows, and the
numbers of its "check" rows) is data too: resources/help/excluded.toml.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date

import pytest

from journal_app.assets import read_text
from journal_app.journal.help import (
    INTERNATIONAL,
    KIND_TITLES,
    KINDS,
    HelpDataError,
    TextInstruction,
    digits,
    is_number,
    load_catalogue,
    parse_catalogue,
    parse_text_instruction,
)
from journal_app.journal.wording import check_text

CATALOGUE = load_catalogue()
RAW = read_text("help", "resources.toml")
# The file without its comments: what could be shown.
DATA = "\n".join(line.split("#", 1)[0] for line in RAW.splitlines())
EXCLUDED = tomllib.loads(read_text("help", "excluded.toml"))["excluded"]


def _numbers() -> list[str]:
    found = []
    for resource in CATALOGUE.resources:
        found += [n for n in (resource.phone, resource.text_number) if n]
    for numbers in CATALOGUE.emergency.values():
        found += list(numbers.numbers)
    return found


def test_the_six_kinds_have_the_issues_headings():
    assert set(KINDS) == set(KIND_TITLES)
    assert list(KIND_TITLES.values()) == [
        "In danger now",
        "Talk to someone now",
        "Text",
        "Information",
        "Living with pain",
        "Find a helpline",
    ]


@pytest.mark.parametrize("resource", CATALOGUE.resources, ids=lambda r: r.id)
def test_every_resource_is_sourced_dated_and_well_formed(resource):
    assert resource.source.strip()
    assert isinstance(resource.checked, date)
    assert date(2025, 1, 1) <= resource.checked <= date(2030, 1, 1)
    assert resource.kind in KINDS and resource.kind != "emergency"
    assert resource.name.strip() and resource.offers.strip()
    if resource.url:
        assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?", resource.url)
    if resource.phone:
        assert is_number(resource.phone), resource.phone
        # A star only before a short code dialled that way (Chile's *4141).
        assert re.fullmatch(r"[0-9 -]+", resource.phone) or resource.phone == "*4141"
    if resource.text:
        instruction = parse_text_instruction(resource.text)
        assert instruction is not None, resource.text
        assert is_number(instruction.number)
    if resource.email:
        assert re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.[a-z]{2,}", resource.email)
    if resource.kind == "directory":
        assert resource.country == INTERNATIONAL and resource.url
    else:
        assert resource.country != INTERNATIONAL
    if resource.kind in ("talk", "text"):
        assert resource.phone or resource.text, "a line to talk to needs a number"
    for text in (resource.name, resource.offers, resource.hours):
        assert check_text(text) == [], text


def test_text_instructions_are_read_sensibly():
    assert parse_text_instruction("Text SHOUT to 85258") == TextInstruction("85258", "SHOUT")
    assert parse_text_instruction("Text 988") == TextInstruction("988")
    assert parse_text_instruction("Text 0477 13 11 14") == TextInstruction("0477 13 11 14")
    assert parse_text_instruction("Text 9-8-8") == TextInstruction("9-8-8")
    for bad in ("SHOUT 85258", "Text SHOUT", "Text SHOUT to", "Text +44 85258", "Text 85258."):
        assert parse_text_instruction(bad) is None, bad
    shout = next(r for r in CATALOGUE.resources if r.id == "shout-gb")
    assert shout.text_number == "85258"


@pytest.mark.parametrize("number", ["116 123", "0800 58 58 58", "9-8-8", "000", "1800 55 1800"])
def test_good_numbers(number):
    assert is_number(number)


@pytest.mark.parametrize("number", ["", "+44 116 123", "116  123", "116-", "call 111", "111 (opt)"])
def test_bad_numbers(number):
    assert not is_number(number)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("phone", "+44 116 123", "digits, spaces and hyphens"),
        ("phone", "111 then option 2", "digits, spaces and hyphens"),
        ("text", "SHOUT to 85258", "Text SHOUT to 85258"),
        ("email", "jo at samaritans", "address"),
    ],
)
def test_malformed_contact_details_are_refused(field, value, words):
    text = f"""
[[resource]]
id = "x"
country = "GB"
kind = "talk"
name = "X"
offers = "Listening"
{field} = "{value}"
source = "x.org"
checked = 2026-11-21
"""
    with pytest.raises(HelpDataError, match=words):
        parse_catalogue(text)


def test_every_listed_country_has_an_emergency_number():
    for country in CATALOGUE.countries_with_lines():
        numbers = CATALOGUE.emergency_for(country)
        assert numbers is not None and numbers.numbers, country
        assert all(is_number(n) for n in numbers.numbers)
    # RESOURCES.md's list, exactly.
    expected = {
        "GB": ("999",),
        "IE": ("112", "999"),
        "US": ("911",),
        "CA": ("911",),
        "AU": ("000",),
        "NZ": ("111",),
        "CN": ("120",),
        "HK": ("999",),
        "TW": ("119",),
        "FR": ("112",),
        "DE": ("112",),
    }
    for country, numbers in expected.items():
        assert CATALOGUE.emergency_for(country).numbers == numbers
    assert CATALOGUE.emergency_for("CN").note == "ambulance"
    assert CATALOGUE.emergency_for("TW").note == "ambulance"


def test_the_international_directories_are_always_there():
    names = [r.name for r in CATALOGUE.directories()]
    assert names == ["Find A Helpline", "Befrienders Worldwide"]


def test_resources_md_details_are_as_sourced():
    by_id = {r.id: r for r in CATALOGUE.resources}
    assert by_id["samaritans-gb"].email == "jo@samaritans.org"
    assert by_id["samaritans-ie"].email == "jo@samaritans.ie"
    assert by_id["samaritans-gb"].phone == by_id["samaritans-ie"].phone == "116 123"
    nhs = by_id["nhs-111-gb"]
    assert "choose the mental health option" in nhs.offers
    assert "option 2" not in RAW.replace('do not say "option 2"', "")
    assert "vary" in by_id["12356-cn"].hours
    assert {r.phone for r in CATALOGUE.for_country("HK")} == {"18111", "2896 0000", "2389 2222"}
    assert by_id["1925-tw"].phone == "1925"
    canada = by_id["988-ca"]
    assert canada.phone == "9-8-8" and "French" in canada.offers and "English" in canada.offers
    assert by_id["selfharmuk-gb"].url == "https://www.selfharm.co.uk"
    assert "Cornell" in by_id["sirr-us"].name
    pain = by_id["pain-concern-gb"]
    assert pain.kind == "pain" and not pain.phone and not pain.text and pain.url
    zsa = by_id["zero-suicide-alliance-gb"]
    assert zsa.kind == "pain" and not zsa.phone and "information" in zsa.source
    mind = by_id["mind-gb"]
    assert mind.kind == "information" and not mind.phone
    assert by_id["lifeline-au"].text_number == "0477 13 11 14"
    assert by_id["kids-helpline-au"].phone == "1800 55 1800"
    assert by_id["1737-nz"].phone == "1737" and by_id["1737-nz"].text_number == "1737"
    assert by_id["calm-gb"].phone == "0800 58 58 58"
    assert by_id["988-lifeline-us"].phone == "988"


def test_the_excluded_list_is_well_formed():
    statuses = {row["status"] for row in EXCLUDED}
    assert statuses == {"do not ship", "check"}
    for row in EXCLUDED:
        assert row["name"] and row["why"]
        assert row.get("names") or row.get("numbers")
        if row["status"] == "check":
            assert "names" not in row  # a "check" row's website may one day ship
    everything = " ".join(str(row) for row in EXCLUDED)
    for required in ("S.A.F.E.", "Harmless", "LifeSIGNS", "Action on Pain", "Painline", "Pain UK"):
        assert required in everything
    for number in ("741741", "50808", "1-800-91-4416", "0800 567 567", "1199", "188"):
        assert number in everything
    for name in ("Pieta", "Lifeline Aotearoa", "Beijing", "Painaustralia", "SADAG"):
        assert name in everything
    # Verified since (RESOURCES.md's second sources): they ship, so they left this list.
    for number in ("1995", "1300 22 4636"):
        assert number not in everything


@pytest.mark.parametrize("row", EXCLUDED, ids=lambda row: row["name"])
def test_nothing_excluded_ships(row):
    shipped = [
        " ".join((r.name, r.offers, r.url, r.source, r.email, r.text, r.phone))
        for r in CATALOGUE.resources
    ]
    for name in row.get("names", []):
        assert name.casefold() not in DATA.casefold(), name
        assert not any(name.casefold() in text.casefold() for text in shipped), name
    shipped_digits = {digits(number) for number in _numbers()}
    for number in row.get("numbers", []):
        assert number not in DATA, number
        assert digits(number) not in shipped_digits, number
        assert digits(number) not in {digits(n) for n in re.findall(r"[0-9][0-9 -]*", DATA)}
