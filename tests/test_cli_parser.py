"""The command line's shape (``journal_app.cli_parser``) names, without importing them,
what the commands need: each handler by ``"module:function"``, and the import
formats. These tests load them, so a name that went stale fails here and not in
front of a person typing the command."""

from __future__ import annotations

import argparse

import pytest

from journal_app.cli_parser import IMPORT_SOURCES, MERGE_FORMAT, build_parser, load_handler
from journal_app.journal.importers import FORMATS


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_names_a_handler_that_exists(name):
    target = _commands()[name].get_default("handler")
    assert isinstance(target, str)
    handler = load_handler(target)
    assert callable(handler)
    assert handler.__module__ == target.partition(":")[0]


def test_import_sources_are_the_importers_formats_and_tend():
    assert sorted(IMPORT_SOURCES) == sorted([*FORMATS, MERGE_FORMAT])


def test_init_without_key_options_takes_the_default_key_derivation():
    """The defaults are filled in by the command, not the parser (which must not load
    the cryptography): an ``init`` with no options still gets the full-strength KDF."""
    args = build_parser().parse_args(["init"])
    assert (args.kdf_memory_mib, args.kdf_iterations, args.kdf_lanes) == (None, None, None)
