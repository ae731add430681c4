"""The shipped help data against the rows RESOURCES.md marks verified, one by one.

The tables below are RESOURCES.md's verified rows (as of 2026-12-03), copied by
hand: what may ship, with the number, text and website it gives. The shipped file
must hold each of them exactly, and nothing else; a row still to check never ships.
"""

from __future__ import annotations

import pytest

from journal_app.journal.help import (
    DEFAULT_DOCTOR,
    LOCAL_EMERGENCY,
    EmergencyNumbers,
    HelpDataError,
    load_catalogue,
    parse_catalogue,
)

CATALOGUE = load_catalogue()
BY_ID = {r.id: r for r in CATALOGUE.resources}

# id: (country, kind, phone, text, url)
VERIFIED = {
    "samaritans-gb": ("GB", "talk", "116 123", "", "https://www.samaritans.org"),
    "shout-gb": ("GB", "text", "", "Text SHOUT to 85258", "https://giveusashout.org"),
    "nhs-111-gb": ("GB", "talk", "111", "", ""),
    "calm-gb": ("GB", "talk", "0800 58 58 58", "", "https://www.thecalmzone.net"),
    "mind-gb": ("GB", "information", "", "", "https://www.mind.org.uk"),
    "selfharmuk-gb": ("GB", "information", "", "", "https://www.selfharm.co.uk"),
    "pain-concern-gb": ("GB", "pain", "", "", "https://painconcern.org.uk"),
    "zero-suicide-alliance-gb": ("GB", "pain", "", "", "https://www.zerosuicidealliance.com"),
    "samaritans-ie": ("IE", "talk", "116 123", "", "https://www.samaritans.org"),
    "chronic-pain-ireland-ie": ("IE", "pain", "", "", "https://www.chronicpain.ie"),
    "988-lifeline-us": ("US", "talk", "988", "Text 988", "https://988lifeline.org"),
    "sirr-us": ("US", "information", "", "", "https://selfinjury.bctr.cornell.edu"),
    "us-pain-foundation-us": ("US", "pain", "", "", "https://uspainfoundation.org"),
    "988-ca": ("CA", "talk", "9-8-8", "Text 9-8-8", "https://988.ca"),
    "pain-canada-ca": ("CA", "pain", "", "", "https://www.paincanada.ca"),
    "lifeline-au": ("AU", "talk", "13 11 14", "Text 0477 13 11 14", "https://www.lifeline.org.au"),
    "kids-helpline-au": ("AU", "talk", "1800 55 1800", "", "https://kidshelpline.com.au"),
    "beyond-blue-au": ("AU", "talk", "1300 22 4636", "", "https://www.beyondblue.org.au"),
    "chronic-pain-australia-au": ("AU", "pain", "", "", "https://chronicpainaustralia.org.au"),
    "1737-nz": ("NZ", "talk", "1737", "Text 1737", ""),
    "12356-cn": ("CN", "talk", "12356", "", ""),
    "18111-hk": ("HK", "talk", "18111", "", ""),
    "samaritans-hk": ("HK", "talk", "2896 0000", "", ""),
    "sbhk-hk": ("HK", "talk", "2389 2222", "", ""),
    "1925-tw": ("TW", "talk", "1925", "", ""),
    "lifeline-tw": ("TW", "talk", "1995", "", ""),
    "tele-manas-in": ("IN", "talk", "14416", "", ""),
    "ncmh-ph": ("PH", "talk", "0917 899 8727", "", ""),
    "mindline-sg": ("SG", "talk", "1771", "", "https://www.mindline.sg"),
    "heal-my": ("MY", "talk", "15555", "", ""),
    "024-es": ("ES", "talk", "024", "", ""),
    "linea-de-la-vida-mx": ("MX", "talk", "800 911 2000", "", ""),
    "linea-106-co": ("CO", "talk", "106", "", ""),
    "4141-cl": ("CL", "talk", "*4141", "", ""),
    "3114-fr": ("FR", "talk", "3114", "", "https://3114.fr"),
    "yorisoi-jp": ("JP", "talk", "0120-279-338", "", ""),
    "kokoro-dial-jp": ("JP", "talk", "0570-064-556", "", ""),
    "inochi-jp": ("JP", "talk", "0120-783-556", "", ""),
    "mamorouyo-jp": ("JP", "information", "", "", "https://www.mhlw.go.jp/mamorouyokokoro/"),
    "109-kr": ("KR", "talk", "109", "", ""),
    "sjalvmordslinjen-se": ("SE", "talk", "90101", "", "https://mind.se"),
    "find-a-helpline": ("international", "directory", "", "", "https://findahelpline.com"),
    "befrienders-worldwide": ("international", "directory", "", "", "https://befrienders.org"),
}

# country: (numbers, said beside "or your local emergency number")
EMERGENCY = {
    "GB": (("999",), False),
    "IE": (("112", "999"), False),
    "US": (("911",), False),
    "CA": (("911",), False),
    "AU": (("000",), False),
    "NZ": (("111",), False),
    "CN": (("120",), False),
    "HK": (("999",), False),
    "TW": (("119",), False),
    "IN": (("112",), True),
    "PH": (("911",), True),
    "ZA": (("112",), True),
    "SG": (("995",), True),
    "MY": (("999",), True),
    "NG": (("199",), True),
    "KE": (("999",), True),
    "MX": (("911",), True),
    "AR": (("911",), True),
    "CO": (("123",), True),
    "CL": (("131",), True),
    "JP": (("119",), True),
    "KR": (("119", "112"), True),
    "BR": (("192",), True),
}
EU = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]


def test_exactly_the_verified_rows_ship():
    assert set(BY_ID) == set(VERIFIED)


@pytest.mark.parametrize("resource_id", sorted(VERIFIED))
def test_each_verified_row_ships_as_sourced(resource_id):
    resource = BY_ID[resource_id]
    country, kind, phone, text, url = VERIFIED[resource_id]
    assert (resource.country, resource.kind) == (country, kind)
    assert (resource.phone, resource.text, resource.url) == (phone, text, url)
    assert resource.checked.isoformat() in ("2026-11-21", "2026-12-03")


def test_details_that_the_sources_limit():
    assert "Bogotá" in BY_ID["linea-106-co"].name  # Bogotá only, no national line
    assert BY_ID["linea-106-co"].email == "linea106@saludcapital.gov.co"
    assert "midnight" in BY_ID["heal-my"].hours  # not a 24-hour line
    assert not BY_ID["sjalvmordslinjen-se"].hours  # its hours are still to check
    assert "vary" in BY_ID["kokoro-dial-jp"].hours
    assert "French" in BY_ID["3114-fr"].offers
    # Languages are shown only where a source gives them.
    for resource_id in ("ncmh-ph", "heal-my", "024-es", "109-kr"):
        assert "language" not in BY_ID[resource_id].offers.casefold()


def test_every_emergency_number_is_as_listed():
    expected = dict(EMERGENCY)
    expected.update({country: (("112",), False) for country in EU})
    assert set(CATALOGUE.emergency) == set(expected)
    for country, (numbers, local) in expected.items():
        found = CATALOGUE.emergency_for(country)
        assert (found.numbers, found.local) == (numbers, local), country


def test_numbers_from_the_dataset_are_said_beside_the_local_number():
    assert CATALOGUE.emergency_for("JP").spoken() == f"119 (ambulance) or {LOCAL_EMERGENCY}"
    assert CATALOGUE.emergency_for("GB").spoken() == "999"
    assert EmergencyNumbers("XX", ("1",), local=True).spoken() == f"1 or {LOCAL_EMERGENCY}"


def test_a_country_with_only_an_emergency_number_is_offered():
    assert "ZA" in CATALOGUE.countries() and CATALOGUE.for_country("ZA") == []
    assert CATALOGUE.directories()


def test_the_word_for_a_doctor_follows_the_country():
    assert CATALOGUE.doctor_word("GB") == "GP"
    assert CATALOGUE.doctor_word("au") == "GP"
    assert CATALOGUE.doctor_word("CA") == "family doctor"
    assert CATALOGUE.doctor_word("US") == "doctor"
    assert CATALOGUE.doctor_word("FR") == DEFAULT_DOCTOR == "doctor"
    assert CATALOGUE.doctor_word("") == "doctor"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[emergency]\nGB = { numbers = ["999"], local = "yes" }', "'local'"),
        ('[doctor]\nGB = ""', r"\[doctor\]"),
        ('[doctor]\nBritain = "GP"', r"\[doctor\]"),
    ],
)
def test_malformed_emergency_and_doctor_data_is_refused(text, words):
    with pytest.raises(HelpDataError, match=words):
        parse_catalogue(text)
