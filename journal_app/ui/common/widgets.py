"""Small building blocks shared by the pages: labelled controls, banners, a busy bar.

Every control made here gets an accessible name and a tooltip, so that screen
readers and keyboard users meet the same words as everyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal, SignalInstance, Slot
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from journal_app import assets
from journal_app.journal.passphrase import Strength, assess
from journal_app.ui.common.theme import current_colors, set_role

PAGE_WIDTH = 500


def app_icon() -> QIcon:
    """Tend's leaf: the desktop theme's "tend" icon if installed, else the bundled one."""
    bundled = QIcon()
    source = assets.resource("icons", "tend.svg")
    if isinstance(source, Path):
        bundled.addFile(str(source))
    if bundled.isNull():  # resources inside a zip: no file path, so read the bytes
        pixmap = QPixmap()
        pixmap.loadFromData(source.read_bytes(), "SVG")
        bundled = QIcon(pixmap)
    return QIcon.fromTheme("tend", bundled)


_DARK_TILE = {"#e9f0e6": "#34402f", "#5b7f5a": "#9cc394", "#86ab7f": "#86ab7f"}


def leaf_pixmap(size: int, dark: bool, ratio: float = 1.0) -> QPixmap:
    """The leaf drawn for a page: on a dark tile in the dark theme, so it does not glare."""
    source = assets.resource("icons", "tend.svg").read_text(encoding="utf-8")
    if dark:
        for light, deep in _DARK_TILE.items():
            source = source.replace(light, deep)
    renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def themed_icon(name: str, fallback: QIcon | None = None) -> QIcon:
    return QIcon.fromTheme(name, fallback or QIcon())


def label(text: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(widget, role)
    return widget


class PushButton(QPushButton):
    """A push button that Enter presses while it has the focus, as Space does.

    Qt's button answers Enter only as a dialog's (auto-)default; but an auto-default
    button in a dialog becomes the default whenever it has had the focus, so Enter in
    a field would press whichever button was last visited. Tend's buttons stay out of
    that (``autoDefault`` off) and take Enter themselves, and only when focused.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.isEnabled()
        ):
            event.accept()
            self.animateClick()
            return
        super().keyPressEvent(event)


def button(
    text: str,
    tooltip: str,
    *,
    role: str | None = None,
    accessible_name: str | None = None,
    on_click: Callable[[], object] | SignalInstance | None = None,
) -> QPushButton:
    """A button with its words, tooltip and accessible name, which Enter presses
    while it has the focus (see :class:`PushButton`)."""
    widget = PushButton(text)
    widget.setToolTip(tooltip)
    widget.setAccessibleName(accessible_name or text.replace("&", "").rstrip("…. "))
    widget.setAccessibleDescription(tooltip)
    widget.setAutoDefault(False)
    if role:
        set_role(widget, role)
    if on_click is not None:
        widget.clicked.connect(on_click)
    return widget


def secret_field(accessible_name: str, tooltip: str, placeholder: str = "") -> QLineEdit:
    """A line edit for a passphrase or code: hidden, and kept from input-method memory."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setToolTip(tooltip)
    field.setPlaceholderText(placeholder)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
    )
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    set_role(field, "passphrase")
    return field


def row(*widgets: QWidget | None, stretch_first: bool = False, spacing: int = 10) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    if stretch_first:
        layout.addStretch(1)
    for widget in widgets:
        if widget is None:
            layout.addStretch(1)
        else:
            layout.addWidget(widget)
    return layout


class BusyBar(QWidget):
    """A thin, indeterminate progress bar with a quiet sentence beside it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Working")
        self.bar.setToolTip(text)
        self.text = label(text, "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.text)
        self.setVisible(False)

    def set_busy(self, busy: bool) -> None:
        self.setVisible(busy)


class Banner(QFrame):
    """A soft message box in the page: ``error`` (calm terracotta) or ``notice``."""

    action_triggered = Signal(str)

    def __init__(self, kind: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, kind)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = label("", "subheading")
        self.title.setVisible(False)
        self.message = label("")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Message")
        self._actions = QHBoxLayout()
        self._actions.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        self._actions.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self._actions)
        self.buttons: dict[str, QPushButton] = {}
        self.setVisible(False)

    def show_message(
        self,
        message: str,
        *,
        title: str = "",
        actions: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """Show ``message``; ``actions`` are (id, button text, tooltip) triples."""
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.message.setText(message)
        self.setAccessibleDescription(f"{title} {message}".strip())
        clear_layout(self._actions)
        self.buttons = {}
        for action_id, text, tooltip in actions:
            widget = button(text, tooltip)
            widget.clicked.connect(lambda _=False, a=action_id: self.action_triggered.emit(a))
            self._actions.addWidget(widget)
            self.buttons[action_id] = widget
        if actions:
            self._actions.addStretch(1)
        self.setVisible(True)

    def clear(self) -> None:
        self.title.clear()
        self.message.clear()
        clear_layout(self._actions)
        self.buttons = {}
        self.setVisible(False)


def _hide_and_delete(widget: QWidget) -> None:
    widget.hide()
    widget.deleteLater()


def clear_layout(layout: QLayout, dispose: Callable[[QWidget], None] = _hide_and_delete) -> None:
    """Empty ``layout``, and any layout inside it, handing each widget to ``dispose``.

    By default a widget is hidden at once and deleted when Qt next can (it may be in
    the middle of a signal of its own); a widget holding a person's words may need
    them taken off first, which a ``dispose`` of its own does.
    """
    while (item := layout.takeAt(0)) is not None:
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            dispose(widget)
        elif inner is not None:
            clear_layout(inner, dispose)
            inner.deleteLater()


class Page(QWidget):
    """A page of the main window: a centred column of comfortable reading width.

    In a window too short for it (a small screen, large text) the page scrolls rather
    than squeeze its words until lines are cut off.
    """

    def __init__(self, parent: QWidget | None = None, *, width: int = PAGE_WIDTH) -> None:
        super().__init__(parent)
        inner = QWidget()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(inner)
        holder = QVBoxLayout(self)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(self.scroll_area)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(2)
        middle = QHBoxLayout()
        middle.addStretch(1)
        self.column = QWidget()
        self.column.setMaximumWidth(width)
        self.column.setMinimumWidth(min(width, 360))
        self.column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        middle.addWidget(self.column, 100)
        middle.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(3)
        self.body = QVBoxLayout(self.column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(14)

    def add_icon(self, size: int = 64) -> QLabel:
        icon = QLabel()
        icon.setAccessibleName("Tend")
        icon.setFixedSize(size, size)
        self._icon = icon
        self._icon_size = size
        self._paint_icon()
        self.body.addWidget(icon)
        return icon

    def _paint_icon(self) -> None:
        icon = getattr(self, "_icon", None)
        if icon is not None:
            dark = current_colors().name == "dark"
            icon.setPixmap(leaf_pixmap(self._icon_size, dark, self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._paint_icon()
        super().changeEvent(event)

    def add(self, item: QWidget | QLayout, spacing_before: int = 0) -> None:
        if spacing_before:
            self.body.addSpacing(spacing_before)
        if isinstance(item, QLayout):
            self.body.addLayout(item)
        else:
            self.body.addWidget(item)

    def focus_first(self) -> None:
        """Give focus to the page's first field; pages override as needed."""


class NewPassphraseFields(QWidget):
    """A new passphrase typed twice, a Show toggle and feedback in words as it is typed."""

    submitted = Signal()
    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        first_label: str = "Passphrase",
        second_label: str = "Type it again",
    ) -> None:
        super().__init__(parent)
        self.first = secret_field(
            first_label, "Your passphrase: a few unrelated words work well", first_label
        )
        self.second = secret_field(
            second_label, "Type the same passphrase again, to be sure of it", second_label
        )
        self.show_toggle = QCheckBox("Show passphrase")
        self.show_toggle.setAccessibleName("Show passphrase")
        self.show_toggle.setToolTip("Show the passphrase as you type it")
        self.feedback = label("", "feedback")
        self.feedback.setAccessibleName("Passphrase feedback")
        self.feedback.setMinimumHeight(self.feedback.fontMetrics().lineSpacing() * 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.first)
        layout.addWidget(self.second)
        layout.addWidget(self.show_toggle)
        layout.addWidget(self.feedback)
        self.first.textChanged.connect(self._on_changed)
        self.second.textChanged.connect(self._on_changed)
        self.first.returnPressed.connect(self.second.setFocus)
        self.second.returnPressed.connect(self.submitted)
        self.show_toggle.toggled.connect(self._on_show)
        self.setTabOrder(self.first, self.second)
        self.setTabOrder(self.second, self.show_toggle)
        self._on_changed()

    @Slot(bool)
    def _on_show(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    @Slot()
    def _on_changed(self) -> None:
        self.feedback.setVisible(True)
        text = self.first.text()
        assessment = assess(text)
        if assessment.level is Strength.EMPTY:
            self.feedback.setText("A few unrelated words together are easy to remember.")
        else:
            self.feedback.setText(f"{assessment.label}. {assessment.message}")
        self.changed.emit()

    def passphrase(self) -> str:
        return self.first.text()

    def problem(self) -> str | None:
        """Why the passphrase cannot be used yet, in words; None when it can."""
        text = self.first.text()
        assessment = assess(text)
        if not assessment.acceptable:
            return assessment.message
        if self.second.text() != text:
            if not self.second.text():
                return "Please type the passphrase a second time, to be sure of it."
            return "The two passphrases are not the same yet. Please type them again."
        return None

    def refuse_in(self, banner: Banner) -> bool:
        """Say in ``banner`` why the passphrase cannot be used yet, and put the cursor
        where the problem is; False (and nothing shown) when it can be used.

        While the banner says it, the line under the fields steps aside.
        """
        problem = self.problem()
        if not problem:
            return False
        banner.show_message(problem)
        self.feedback.setVisible(False)
        field = self.second if assess(self.first.text()).acceptable else self.first
        field.setFocus()
        field.selectAll()
        return True

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.show_toggle.setChecked(False)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.first, self.second, self.show_toggle):
            widget.setEnabled(enabled)


def add_stretch(layout: QBoxLayout, factor: int = 1) -> None:
    layout.addStretch(factor)


class ElidedComboBox(QComboBox):
    """A combo box that shortens a long choice with "…" instead of cutting it off."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        room = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, max(0, room.width() - 2)
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
