"""Every folder Tend uses, resolved in one place.

Environment overrides (``TEND_DATA_DIR``, ``TEND_CONFIG_DIR``) let tests and
portable installs point Tend elsewhere; the command line's ``--vault`` wins over both.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from journal_app import APP_NAME

VAULT_FILE_NAME = "journal.tend"


def data_dir() -> Path:
    override = os.environ.get("TEND_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    override = os.environ.get("TEND_CONFIG_DIR")
    if override:
        return Path(override)
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def default_vault_path() -> Path:
    return data_dir() / VAULT_FILE_NAME


def backup_dir() -> Path:
    """Where automatic backups go unless the person chooses another folder.

    Beside the journal, so it guards against a damaged file or a mistake, not
    against losing the disk: the settings suggest a folder on another drive.
    """
    return data_dir() / "Backups"
