"""The help catalogue is data: loaded from TOML, checked, and only verified rows ship."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from journal_app.assets import read_text
from journal_app.journal.help import KINDS, HelpDataError, load_catalogue, parse_catalogue


def _all_text(catalogue) -> str:
    parts = []
    for resource in catalogue.resources:
        parts.extend([resource.name, resource.offers, resource.phone, resource.text, resource.url])
    return "\n".join(parts)


def test_loads_the_shipped_file():
    catalogue = load_catalogue()
    ids = {r.id for r in catalogue.resources}
    assert {"samaritans-gb", "shout-gb", "988-lifeline-us", "find-a-helpline"} <= ids
    assert {r.kind for r in catalogue.resources} <= set(KINDS)
    # RESOURCES.md was compiled on 2026-11-21 and grew on 2026-12-03.
    checked = {date(2026, 11, 21), date(2026, 12, 3)}
    assert all(r.checked in checked for r in catalogue.resources)
    assert all(not r.url or r.url.startswith("https://") for r in catalogue.resources)
    assert catalogue.emergency_for("GB").numbers == ("999",)
    assert catalogue.emergency_for("de").numbers == ("112",)
    assert catalogue.emergency_for("ZZ") is None
    assert [r.id for r in catalogue.directories()] == ["find-a-helpline", "befrienders-worldwide"]
    assert catalogue.for_country("GB")[0].id == "samaritans-gb"


def test_only_verified_entries_are_present():
    text = _all_text(load_catalogue())
    # "check" rows in RESOURCES.md: neither their numbers nor their names ship.
    for absent in (
        "741741",  # Crisis Text Line
        "Crisis Text Line",
        "Pieta",
        "50808",
        "Lifeline Aotearoa",
        "Samaritans of Singapore",
        "1767",
        "TelefonSeelsorge",
        "CVV",
        "Telefono Amico",
        "SADAG",
        "SURPIN",
        "S.A.F.E.",
        "Harmless",
        "LifeSIGNS",
        "Painline",
    ):
        assert absent not in text, absent
    # Mind ships with its website only: its number is not yet confirmed.
    mind = next(r for r in load_catalogue().resources if r.id == "mind-gb")
    assert mind.phone == "" and mind.url == "https://www.mind.org.uk"
    pain = next(r for r in load_catalogue().resources if r.id == "pain-concern-gb")
    assert pain.phone == ""


def test_the_shipped_file_is_plain_toml():
    data = tomllib.loads(read_text("help", "resources.toml"))
    assert isinstance(data["resource"], list)


GOOD = """
[emergency]
GB = { numbers = ["999"] }

[[resource]]
id = "x"
country = "GB"
kind = "talk"
name = "X"
offers = "Listening"
phone = "123"
source = "x.org"
checked = 2026-11-21
"""


def test_parse_a_small_file():
    catalogue = parse_catalogue(GOOD)
    assert catalogue.resources[0].phone == "123"
    assert catalogue.countries() == ["GB"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('kind = "talk"', 'kind = "chat"'), "'kind' must be one of"),
        (('country = "GB"', 'country = "Britain"'), "country"),
        (('phone = "123"', 'url = "http://x.org"'), "https://"),
        (('phone = "123"', ""), "needs a phone, text, email or url"),
        (("checked = 2026-11-21", 'checked = "soon"'), "checked"),
        (('name = "X"', 'name = ""'), "'name' must be non-empty"),
        (('offers = "Listening"', 'offers = "Listening"\ncolour = "red"'), "unknown field"),
        (('GB = { numbers = ["999"] }', "GB = 999"), "emergency number for GB"),
        (("[[resource]]", "[[resource]"), "not valid TOML"),
    ],
)
def test_malformed_files_are_refused_clearly(change, words):
    old, new = change
    with pytest.raises(HelpDataError, match=words):
        parse_catalogue(GOOD.replace(old, new))


def test_duplicate_ids_are_refused():
    twice = GOOD + GOOD.split("\n", 4)[-1].replace("[emergency]", "")
    with pytest.raises(HelpDataError, match="used twice"):
        parse_catalogue(GOOD + "\n" + GOOD[GOOD.index("[[resource]]") :])
    assert twice
