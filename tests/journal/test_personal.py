"""My people and my plan: sealed in the vault, gone on lock, back on unlock, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal_app.journal import Journal
from journal_app.journal.personal import (
    PEOPLE_KIND,
    PLAN_KIND,
    PLAN_TITLE,
    Person,
    PersonalDataError,
    PersonalStore,
    Plan,
    load_template,
    merge_plans,
    parse_template,
    people_payload,
)
from journal_app.journal.plan_markdown import plan_to_markdown
from journal_app.journal.wording import check_text
from journal_app.vault import Vault
from tests.conftest import PASSPHRASE, edit_rows, find_canaries

CANARY_NAME = "Marisol Canarywood"
CANARY_REACH = "07700 900 461 canaryreach"
CANARY_PLAN = "Canaryplan: the lighthouse walk"


def test_the_template_is_data_with_the_six_steps_and_what_matters():
    template = load_template()
    # Today's gentle parts, with the six steps of a safety plan in plain words
    # (Stanley & Brown) and what matters from the values theme.
    assert [s.title for s in template.sections] == [
        "Signs that a hard time may be coming",
        "Things that help me feel calmer",
        "Places and activities that help",
        "People I can be with or reach",
        "People I can ask for help",
        "Professionals I can contact",
        "Making my space feel safer",
        "What matters to me and reasons to keep going",
    ]
    assert all(s.placeholder and s.description for s in template.sections)
    picking = [s.id for s in template.sections if s.picks_people]
    assert picking == ["helpers"] and not template.section("helpers").ideas
    assert [s.id for s in template.sections if s.shows_help_lines] == ["professionals"]
    # Words only: nothing suggested for making a space safer, ever.
    assert template.section("space").ideas == ()
    others = [s for s in template.sections if s.id not in ("helpers", "space")]
    assert all(s.ideas for s in others)
    labels = [r.label for r in template.relationships]
    assert "Friend" in labels and "Family" in labels
    assert any("GP" in label for label in labels) and any("Therapist" in x for x in labels)
    assert template.relationship_label("friend") == "Friend"
    assert template.relationship_label("nobody") == ""


def test_every_template_string_follows_the_wording_rules():
    problems = {t: check_text(t) for t in load_template().all_texts() if check_text(t)}
    assert problems == {}


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("[[relationship]]\nid='a'\nlabel='A'\n", "at least one"),
        ("[[section]]\nid='a'\ntitle='A'\ndescription='d'\nplaceholder='p'\n", "at least one"),
        ("[[relationship]]\nid='a'\nlabel=''\n", "'label' must be"),
        ("not toml [", "not valid TOML"),
        (
            "[[relationship]]\nid='a'\nlabel='A'\n[[relationship]]\nid='a'\nlabel='B'\n"
            "[[section]]\nid='s'\ntitle='S'\ndescription='d'\nplaceholder='p'\n",
            "used twice",
        ),
        (
            "[[relationship]]\nid='a'\nlabel='A'\n"
            "[[section]]\nid='s'\ntitle='S'\ndescription='d'\nplaceholder='p'\nideas=[1]\n",
            "'ideas' must be",
        ),
    ],
)
def test_a_malformed_template_is_refused_clearly(toml, words):
    with pytest.raises(PersonalDataError, match=words):
        parse_template(toml)


def test_people_are_sealed_in_one_record_of_their_own_kind(vault: Vault):
    store = PersonalStore(vault)
    assert store.people() == [] and store.plan().is_empty
    maya = store.save_person(Person.new(name="Maya", relationship="friend", reach="07700 900 123"))
    dr = store.save_person(Person.new(name="Dr Shah", relationship="gp", note="Surgery at 8"))
    assert [p.name for p in store.people()] == ["Maya", "Dr Shah"]
    assert vault.count(PEOPLE_KIND) == 1  # not even the number of people shows

    store.save_person(Person(maya.id, "Maya R.", "friend", "07700 900 123", "Evenings"))
    assert [p.name for p in store.people()] == ["Maya R.", "Dr Shah"]  # kept in place
    store.remove_person(dr.id)
    store.remove_person("not-there")
    assert [p.id for p in store.people()] == [maya.id]

    again = PersonalStore(vault)
    assert again.people() == store.people()
    assert again.person(maya.id).note == "Evenings"


def test_the_plan_is_one_record_and_unchanged_plans_are_not_rewritten(vault: Vault, monkeypatch):
    store = PersonalStore(vault)
    plan = store.save_plan_text("calmer", "Tea on the back step.")
    assert plan.text("calmer") == "Tea on the back step."
    assert vault.count(PLAN_KIND) == 1
    writes: list[str] = []
    real_put = vault.put
    monkeypatch.setattr(
        vault, "put", lambda kind, *a, **k: writes.append(kind) or real_put(kind, *a, **k)
    )
    assert store.save_plan(Plan({"calmer": "Tea on the back step."})) == plan
    person = store.save_person(Person.new(name="Maya"))
    store.save_person(person)
    assert writes == [PEOPLE_KIND]  # unchanged plan and person: not written again
    store.save_plan_text("calmer", "   ")
    assert store.plan().is_empty
    assert PersonalStore(vault).plan().is_empty


def test_lock_forgets_and_unlock_brings_back(vault_path: Path, fast_kdf):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        journal.personal.save_person(Person.new(name=CANARY_NAME, reach=CANARY_REACH))
        journal.personal.save_plan_text("matters", CANARY_PLAN)
        journal.lock()
        assert journal.personal.people() == [] and journal.personal.plan().is_empty
        report = journal.unlock(PASSPHRASE)
        assert report.damaged == ()
        assert [p.name for p in journal.personal.people()] == [CANARY_NAME]
        assert journal.personal.plan().text("matters") == CANARY_PLAN
        assert report.entries == 0  # people and plan are not entries
        assert journal.entries() == []
    with Journal.open(vault_path, PASSPHRASE) as journal:
        assert journal.personal.people()[0].reach == CANARY_REACH


def test_their_words_never_reach_the_disk_in_plaintext(vault_path: Path, fast_kdf, watched_tmpdir):
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        person = journal.personal.save_person(Person.new(name=CANARY_NAME, reach=CANARY_REACH))
        journal.personal.save_person(Person(person.id, CANARY_NAME, "family", CANARY_REACH, ""))
        journal.personal.save_plan_text("calmer", CANARY_PLAN)
        journal.personal.save_plan_text("calmer", CANARY_PLAN + " and back")
    hits = find_canaries(
        [vault_path.parent, watched_tmpdir], [CANARY_NAME, CANARY_REACH, CANARY_PLAN]
    )
    assert hits == []


def test_the_kind_is_bound_to_the_record(vault_path: Path, fast_kdf):
    """A people record relabelled as a plan does not open: it is listed as damaged."""
    with Journal.create(vault_path, PASSPHRASE, fast_kdf) as journal:
        journal.personal.save_person(Person.new(name="Maya"))
        record = journal.vault.read_all(PEOPLE_KIND).records[0].id
    assert edit_rows(vault_path, "UPDATE tend_record SET kind = ? WHERE id = ?", PLAN_KIND, record)
    with Journal.open(vault_path, PASSPHRASE) as journal:
        assert record in journal.report.damaged
        assert journal.personal.people() == [] and journal.personal.plan().is_empty


def test_a_damaged_record_is_listed_and_never_overwritten(vault: Vault):
    vault.put(PEOPLE_KIND, b"not json at all")
    vault.put(PLAN_KIND, json.dumps({"format": 1, "sections": ["no"]}).encode())
    store = PersonalStore(vault)
    assert len(store.damaged) == 2
    assert store.people() == [] and store.plan().is_empty
    store.save_person(Person.new(name="Maya"))
    store.save_plan_text("calmer", "Tea")
    # The damaged ones are still there, untouched, beside the new records.
    assert vault.count(PEOPLE_KIND) == 2 and vault.count(PLAN_KIND) == 2
    assert len(PersonalStore(vault).damaged) == 2


def test_two_records_of_a_kind_are_merged_without_losing_a_word(vault: Vault):
    a, b = Person.new(name="Maya"), Person.new(name="Sam")
    vault.put(PEOPLE_KIND, people_payload([a]))
    vault.put(PEOPLE_KIND, people_payload([b, a]))
    vault.put(PLAN_KIND, Plan({"calmer": "Tea", "places": "The park"}).to_payload())
    vault.put(PLAN_KIND, Plan({"calmer": "Music"}).to_payload())
    store = PersonalStore(vault)
    assert sorted(p.name for p in store.people()) == ["Maya", "Sam"]
    calmer = store.plan().text("calmer")
    assert "Tea" in calmer and "Music" in calmer
    assert store.plan().text("places") == "The park"
    store.save_person(Person.new(name="Ana"))
    store.save_plan_text("places", "The park, by the pond")
    assert vault.count(PEOPLE_KIND) == 1 and vault.count(PLAN_KIND) == 1
    again = PersonalStore(vault)
    assert sorted(p.name for p in again.people()) == ["Ana", "Maya", "Sam"]
    assert "Music" in again.plan().text("calmer")


def test_text_under_an_unknown_section_is_kept():
    plan = Plan.from_payload(
        json.dumps({"format": 2, "sections": {"calmer": "Tea", "future": "Kept"}}).encode()
    )
    rows = plan.ordered(load_template())
    assert ("calmer", "Things that help me feel calmer", "Tea") in rows
    assert rows[-1] == ("future", "future", "Kept")
    assert Plan.from_payload(plan.to_payload()) == plan


def test_markdown_keeps_their_lines_and_cannot_be_broken_by_them():
    plan = Plan({"calmer": "# not a heading\n---\nTea\nMusic\n\nA new paragraph"})
    text = plan_to_markdown(plan, load_template(), footer=["In danger: 999.", "Samaritans"])
    assert "\\# not a heading  \n\\---  \nTea  \nMusic\n\nA new paragraph\n" in text
    assert text.count("\n# ") == 0 and text.startswith("# ")
    assert text.endswith("---\n\nIn danger: 999.  \nSamaritans\n")


def test_markdown_has_every_heading_and_only_their_words():
    template = load_template()
    plan = Plan({"calmer": "Tea on the step\nMusic", "professionals": "Dr Shah, the surgery"})
    text = plan_to_markdown(plan, template, footer="If you are in danger now, call 999.")
    assert text.startswith(f"# {PLAN_TITLE}\n")
    for section in template.sections:
        assert f"## {section.title}" in text
        assert section.placeholder not in text
        assert not any(idea in text for idea in section.ideas)
    assert "Tea on the step  \nMusic" in text  # a hard line break: their lines stay lines
    assert text.rstrip().endswith("call 999.")
    assert plan_to_markdown(Plan(), template).count("## ") == len(template.sections)


def test_a_person_from_a_record_is_checked():
    with pytest.raises((KeyError, ValueError)):
        Person.from_dict({"name": "No id"})
    person = Person.from_dict({"id": "x", "name": "A" * 5000, "relationship": ""})
    assert len(person.name) == 2000 and person.relationship == "friend"
    assert Person("x").is_blank and not Person("x", note="hi").is_blank


def test_merged_plans_keep_each_line_once():
    mine = Plan({"calmer": "Tea\nMusic", "places": "The park"})
    theirs = Plan({"calmer": "Music \nA walk\n\nTea", "signs": "Tired"})
    merged = merge_plans([mine, theirs])
    assert merged.text("calmer") == "Tea\nMusic\n\nA walk"
    assert merged.text("places") == "The park"
    assert merged.text("signs") == "Tired"
    assert merge_plans([merged, theirs]) == merged
