"""My plan in the shape clinicians use: people picked from My people, old plans kept."""

from __future__ import annotations

import json

import pytest

from journal_app.journal.personal import (
    PLAN_KIND,
    Person,
    PersonalDataError,
    PersonalStore,
    Plan,
    load_template,
    merge_plans,
    parse_template,
    person_line,
    picked_people,
    plan_sections,
)
from journal_app.journal.plan_markdown import plan_to_markdown
from journal_app.journal.wording import check_text
from journal_app.vault import Vault

# A plan record exactly as Tend wrote it before the plan had its six steps.
TODAYS_PAYLOAD = json.dumps(
    {
        "format": 1,
        "sections": {
            "calmer": "Tea on the back step\nMusic",
            "places": "The library",
            "people": "Maya",
            "matters": "My sister",
            "professionals": "Dr Shah",
        },
    },
    ensure_ascii=False,
).encode("utf-8")


def test_a_plan_saved_before_opens_with_every_word_in_its_part(vault: Vault):
    vault.put(PLAN_KIND, TODAYS_PAYLOAD)
    plan = PersonalStore(vault).plan()
    assert plan.people == ()
    rows = {section_id: (title, text) for section_id, title, text in plan.ordered(load_template())}
    assert rows["calmer"] == ("Things that help me feel calmer", "Tea on the back step\nMusic")
    assert rows["places"] == ("Places and activities that help", "The library")
    assert rows["people"] == ("People I can be with or reach", "Maya")
    assert rows["matters"][1] == "My sister" and rows["professionals"][1] == "Dr Shah"
    assert rows["signs"][1] == rows["space"][1] == rows["helpers"][1] == ""
    # Saved again with no one picked, it is written exactly as before.
    assert plan.to_payload() == TODAYS_PAYLOAD


def test_people_are_kept_as_references_and_follow_my_people(vault: Vault):
    store = PersonalStore(vault)
    maya = store.save_person(Person.new(name="Maya", relationship="friend", reach="07700 900 123"))
    shah = store.save_person(Person.new(name="Dr Shah", relationship="gp", reach="01632 960 001"))
    store.save_plan(Plan({"helpers": "Text first"}).with_people([shah.id, maya.id]))

    again = PersonalStore(vault)
    assert again.plan().people == (shah.id, maya.id)  # in the order picked
    assert b"07700" not in again.plan().to_payload()  # the number lives in My people only
    store.save_person(Person(maya.id, "Maya R.", "friend", "07700 900 999"))
    template = load_template()
    lines = [person_line(p, template) for p in picked_people(store.plan(), store.people())]
    assert lines == ["Dr Shah (GP or doctor): 01632 960 001", "Maya R. (Friend): 07700 900 999"]
    store.remove_person(shah.id)
    assert [p.id for p in picked_people(store.plan(), store.people())] == [maya.id]


def test_picked_people_come_first_in_their_part_on_paper():
    template = load_template()
    maya = Person("m1", "Maya", "friend", "07700 900 123")
    plan = Plan({"helpers": "Evenings are best"}, ("m1", "gone"))
    rows = {sid: text for sid, _title, text in plan_sections(plan, template, [maya])}
    assert rows["helpers"] == "Maya (Friend): 07700 900 123\nEvenings are best"
    text = plan_to_markdown(plan, template, people=[maya])
    assert "## People I can ask for help\n\nMaya (Friend): 07700 900 123  \nEvenings are best" in (
        text
    )
    assert "gone" not in text


def test_a_person_without_a_name_or_number_is_still_shown_plainly():
    template = load_template()
    no_name = Person("a", "", "friend", "07700 900 123")
    assert person_line(no_name, template) == "07700 900 123 (Friend)"
    assert person_line(Person("b", "Jo", "other", ""), template) == "Jo (Someone else)"


def test_picks_survive_a_round_trip_and_a_merge():
    plan = Plan({"signs": "Not sleeping"}, ("a", "b", "a"))
    assert plan.people == ("a", "b")
    assert Plan.from_payload(plan.to_payload()) == plan
    assert plan != Plan({"signs": "Not sleeping"})
    assert not Plan({}, ("a",)).is_empty
    assert plan.with_text("signs", "Tired").people == ("a", "b")
    assert merge_plans([plan, Plan({}, ("c", "a"))]).people == ("a", "b", "c")
    with pytest.raises(ValueError):
        Plan.from_payload(json.dumps({"sections": {}, "people": "a"}).encode())


def test_making_a_space_safer_refuses_any_idea():
    toml = (
        "[[relationship]]\nid='a'\nlabel='A'\n"
        "[[section]]\nid='space'\ntitle='S'\ndescription='d'\nplaceholder='p'\nideas=['x']\n"
    )
    with pytest.raises(PersonalDataError, match="own words only"):
        parse_template(toml)
    with pytest.raises(PersonalDataError, match="true or false"):
        parse_template(toml.replace("ideas=['x']", "picks_people='yes'"))


def test_every_new_part_follows_the_wording_rules():
    template = load_template()
    for section_id in ("signs", "helpers", "space"):
        section = template.section(section_id)
        for text in (section.title, section.description, section.placeholder, *section.ideas):
            assert check_text(text) == [], text
    professionals = template.section("professionals")
    for word in ("GP", "doctor", "family doctor"):
        assert check_text(professionals.description.replace("{doctor}", word)) == []
