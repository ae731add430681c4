"""The app's few plain settings, in one INI file beside Tend's other config.

Only values that say nothing about what the person writes belong here: how soon
to lock, the theme, the editor's font, where the journal file is, the country or
region whose help lines Support shows, and the window's size. Entries, titles,
tags, searches, drafts and even which entry was open stay inside the encrypted
vault or in memory, never here.
"""

from __future__ import annotations

from pathlib import Path
from typing import SupportsInt

from PySide6.QtCore import QByteArray, QSettings

from journal_app import paths
from journal_app.journal.backup import BackupPolicy
from journal_app.ui.common.country import is_country_code, system_country
from journal_app.ui.common.theme import DEFAULT_ZOOM, ZOOM_STEPS, ThemeMode

SETTINGS_FILE_NAME = "settings.ini"

AUTO_LOCK_CHOICES_MINUTES = (1, 2, 5, 10, 15, 30, 60)
DEFAULT_AUTO_LOCK_MINUTES = 5
DEFAULT_EDITOR_FONT_SIZE = 13
MIN_EDITOR_FONT_SIZE = 8
MAX_EDITOR_FONT_SIZE = 36


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE_NAME


class AppSettings:
    """Typed access to Tend's settings; every read falls back to a safe default."""

    AUTO_LOCK = "privacy/auto_lock_minutes"
    THEME = "appearance/theme"
    EDITOR_FONT_FAMILY = "editor/font_family"
    EDITOR_FONT_SIZE = "editor/font_size"
    VAULT_PATH = "journal/vault_path"
    SUGGEST_PROMPT = "prompts/suggest_on_new_entry"
    GEOMETRY = "window/geometry"
    LIST_SHOWN = "window/list_shown"
    TEXT_ZOOM = "appearance/text_zoom"  # percent of the system's text size
    BACKUP_FREQUENCY = "backup/frequency"  # off, daily (unset: daily) or weekly
    BACKUP_KEEP = "backup/keep"
    BACKUP_FOLDER = "backup/folder"  # a folder path; it names no content
    COUNTRY = "help/country"  # "GB", or "" for a place with no lines: not content
    FOLDERS = "folders"  # the last folder chosen per purpose; never a file's name

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            path = settings_path()
            qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self._s = qsettings

    @property
    def file_name(self) -> str:
        return self._s.fileName()

    def _bool(self, key: str, default: bool) -> bool:
        """A yes/no setting; an INI file gives it back as text."""
        value = self._s.value(key, default)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return value is True

    def _int(self, key: str, default: int) -> int:
        value = self._s.value(key, default)
        if isinstance(value, QByteArray):  # a value written as bytes reads back so
            value = value.data()
        if not isinstance(value, str | bytes | SupportsInt):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def _str(self, key: str, default: str = "") -> str:
        value = self._s.value(key, default)
        return value if isinstance(value, str) else default

    # ----------------------------------------------------------------- privacy

    @property
    def auto_lock_minutes(self) -> int:
        minutes = self._int(self.AUTO_LOCK, DEFAULT_AUTO_LOCK_MINUTES)
        return minutes if minutes in AUTO_LOCK_CHOICES_MINUTES else DEFAULT_AUTO_LOCK_MINUTES

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, minutes: int) -> None:
        if minutes not in AUTO_LOCK_CHOICES_MINUTES:
            raise ValueError(f"auto-lock must be one of {AUTO_LOCK_CHOICES_MINUTES} minutes")
        self._s.setValue(self.AUTO_LOCK, int(minutes))

    @property
    def auto_lock_ms(self) -> int:
        return self.auto_lock_minutes * 60_000

    # -------------------------------------------------------------- appearance

    @property
    def theme(self) -> ThemeMode:
        try:
            return ThemeMode(self._str(self.THEME, ThemeMode.SYSTEM.value))
        except ValueError:
            return ThemeMode.SYSTEM

    @theme.setter
    def theme(self, mode: ThemeMode | str) -> None:
        self._s.setValue(self.THEME, ThemeMode(mode).value)

    @property
    def text_zoom(self) -> int:
        """Tend's own text size, in percent of the system's (View > Bigger text)."""
        zoom = self._int(self.TEXT_ZOOM, DEFAULT_ZOOM)
        return min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

    @text_zoom.setter
    def text_zoom(self, zoom: int) -> None:
        self._s.setValue(self.TEXT_ZOOM, min(max(int(zoom), ZOOM_STEPS[0]), ZOOM_STEPS[-1]))

    @property
    def editor_font_family(self) -> str:
        """The editor's font family, or "" for the system's own."""
        return self._str(self.EDITOR_FONT_FAMILY)

    @editor_font_family.setter
    def editor_font_family(self, family: str) -> None:
        self._s.setValue(self.EDITOR_FONT_FAMILY, family)

    @property
    def editor_font_size(self) -> int:
        size = self._int(self.EDITOR_FONT_SIZE, DEFAULT_EDITOR_FONT_SIZE)
        return min(max(size, MIN_EDITOR_FONT_SIZE), MAX_EDITOR_FONT_SIZE)

    @editor_font_size.setter
    def editor_font_size(self, size: int) -> None:
        self._s.setValue(
            self.EDITOR_FONT_SIZE, min(max(int(size), MIN_EDITOR_FONT_SIZE), MAX_EDITOR_FONT_SIZE)
        )

    # ----------------------------------------------------------------- prompts

    @property
    def suggest_prompt(self) -> bool:
        """Show a prompt with each new entry. Off unless the person turns it on."""
        return self._bool(self.SUGGEST_PROMPT, False)

    @suggest_prompt.setter
    def suggest_prompt(self, on: bool) -> None:
        self._s.setValue(self.SUGGEST_PROMPT, bool(on))

    @property
    def list_shown(self) -> bool:
        """Whether the list of entries is shown beside the editor (View > Show the list)."""
        return self._bool(self.LIST_SHOWN, True)

    @list_shown.setter
    def list_shown(self, shown: bool) -> None:
        self._s.setValue(self.LIST_SHOWN, bool(shown))

    # ----------------------------------------------------------------- journal

    @property
    def vault_path(self) -> Path | None:
        """The journal file last opened, if it is not the default one."""
        value = self._str(self.VAULT_PATH)
        return Path(value) if value else None

    @vault_path.setter
    def vault_path(self, path: Path | None) -> None:
        if path is None or Path(path) == paths.default_vault_path():
            self._s.remove(self.VAULT_PATH)
        else:
            self._s.setValue(self.VAULT_PATH, str(Path(path)))

    # ----------------------------------------------------------------- backups

    @property
    def backup_policy(self) -> BackupPolicy:
        """Automatic backups: how often, how many to keep, where (daily, beside the
        journal, for anyone who never chose)."""
        return BackupPolicy.from_dict(
            {
                "frequency": self._str(self.BACKUP_FREQUENCY, BackupPolicy().frequency.value),
                "keep": self._int(self.BACKUP_KEEP, BackupPolicy().keep),
                "folder": self._str(self.BACKUP_FOLDER),
            }
        )

    @backup_policy.setter
    def backup_policy(self, policy: BackupPolicy) -> None:
        data = policy.to_dict()
        self._s.setValue(self.BACKUP_FREQUENCY, data["frequency"])
        self._s.setValue(self.BACKUP_KEEP, int(data["keep"]))
        if data["folder"]:
            self._s.setValue(self.BACKUP_FOLDER, data["folder"])
        else:
            self._s.remove(self.BACKUP_FOLDER)

    # ----------------------------------------------------------------- support

    @property
    def country(self) -> str:
        """Where Support and the plan find help: the place chosen, else the system's."""
        value = self._s.value(self.COUNTRY)
        if isinstance(value, str) and is_country_code(value):
            return value
        return system_country()

    @country.setter
    def country(self, code: str) -> None:
        code = code.strip().upper()
        if not is_country_code(code):
            raise ValueError("a country is a two-letter code like GB, or empty")
        self._s.setValue(self.COUNTRY, code)

    @property
    def country_chosen(self) -> bool:
        """True once the person has chosen (on the welcome page, Support or Settings)."""
        value = self._s.value(self.COUNTRY)
        return isinstance(value, str) and is_country_code(value)

    # ------------------------------------------------------------------ window

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value(self.GEOMETRY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, geometry: QByteArray) -> None:
        self._s.setValue(self.GEOMETRY, geometry)

    # ----------------------------------------------------------------- folders

    def last_folder(self, purpose: str) -> Path | None:
        """The folder last chosen for ``purpose`` (export, import, backup), if any.

        Only the folder is kept, never a file's name: a name may be the person's words.
        """
        value = self._s.value(f"{self.FOLDERS}/{purpose}")
        return Path(value) if isinstance(value, str) and value else None

    def set_last_folder(self, purpose: str, folder: Path) -> None:
        self._s.setValue(f"{self.FOLDERS}/{purpose}", str(folder))

    def sync(self) -> None:
        self._s.sync()

    def keys(self) -> list[str]:
        return list(self._s.allKeys())
