"""Paced breathing: a soft shape that grows while breathing in and shrinks while
breathing out, at a rhythm the person picks.

There is no score, no count of breaths and no clock: the shape keeps going while
the page is shown and stops when it is hidden. The words "Breathe in…" and
"Breathe out…" change with it and are told to screen readers, so the rhythm can
be followed without seeing the shape.

Qt 6 does not yet say whether the desktop asks for less motion, so the person
says it: "Keep the shape still" holds the shape at one size while the words go on
changing. The wish lasts while the window is open and holds nothing of theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, Qt, QTimer, QVariantAnimation, Slot
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRadialGradient,
    QShowEvent,
)
from PySide6.QtWidgets import QCheckBox, QComboBox, QSizePolicy, QVBoxLayout, QWidget

from journal_app.ui.common.announce import announce
from journal_app.ui.common.widgets import label, row
from journal_app.ui.support.comfort_parts import buddy_label

BREATHE_IN = "Breathe in…"
BREATHE_OUT = "Breathe out…"
SMALLEST = 0.45  # of the shape's full size, at the end of breathing out
STILL = 0.75  # the size the shape keeps when asked to stay still


@dataclass(frozen=True, slots=True)
class Rhythm:
    """Seconds in and out; a longer breath out is the calmer one."""

    name: str
    breathe_in: int
    breathe_out: int


RHYTHMS = (
    Rhythm("4 in, 6 out", 4, 6),
    Rhythm("4 in, 4 out", 4, 4),
    Rhythm("3 in, 5 out (a little quicker)", 3, 5),
)


class BreathingShape(QWidget):
    """The soft round shape, painted at ``scale`` of its full size."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale = STILL
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("A soft shape that grows and shrinks with the breath")
        self.setToolTip("Breathe in while it grows, and out while it shrinks")

    @property
    def scale(self) -> float:
        return self._scale

    def set_scale(self, value: object) -> None:
        self._scale = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - 8
        radius = side / 2 * self._scale
        centre = QPointF(self.width() / 2, self.height() / 2)
        accent = self.palette().color(QPalette.ColorRole.Accent)
        soft = QColor(accent)
        soft.setAlpha(90)
        edge = QColor(accent)
        edge.setAlpha(210)
        gradient = QRadialGradient(centre, max(radius, 1.0))
        gradient.setColorAt(0.0, soft)
        gradient.setColorAt(1.0, edge)
        painter.setPen(QPen(accent, 2))
        painter.setBrush(gradient)
        painter.drawEllipse(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        )
        painter.end()


class BreathingPane(QWidget):
    """The rhythm to pick, the shape, the words, and the wish for a still shape."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.breathing_in = True
        self.shape = BreathingShape()
        self.words = label(BREATHE_IN, "subheading")
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words.setAccessibleName("What to do now")
        self.rhythm_box = QComboBox()
        for rhythm in RHYTHMS:
            self.rhythm_box.addItem(rhythm.name)
        self.rhythm_box.setAccessibleName("Rhythm")
        self.rhythm_box.setToolTip("How many seconds to breathe in, and then out")
        self.rhythm_box.currentIndexChanged.connect(self._restart)
        self.still_box = QCheckBox("Keep the shape &still")
        self.still_box.setToolTip("Only the words change, for when movement is too much")
        self.still_box.toggled.connect(self._restart)
        self.animation = QVariantAnimation(self)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.animation.valueChanged.connect(self.shape.set_scale)
        self.phase_timer = QTimer(self)
        self.phase_timer.setSingleShot(True)
        self.phase_timer.timeout.connect(self._next_phase)
        layout = QVBoxLayout(self)
        layout.addWidget(
            label("Follow the shape, at your own pace. Stop whenever you like.", "muted")
        )
        layout.addLayout(
            row(buddy_label("Rh&ythm:", self.rhythm_box), self.rhythm_box, None, self.still_box)
        )
        layout.addWidget(self.shape, 1)
        layout.addWidget(self.words)

    @property
    def rhythm(self) -> Rhythm:
        return RHYTHMS[max(0, self.rhythm_box.currentIndex())]

    @property
    def running(self) -> bool:
        return self.phase_timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._restart()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.stop()

    def stop(self) -> None:
        self.phase_timer.stop()
        self.animation.stop()

    @Slot()
    def _restart(self, *_args: object) -> None:
        self.stop()
        self.breathing_in = False  # so that the next phase is breathing in
        if self.isVisible():
            self._next_phase()

    @Slot()
    def _next_phase(self) -> None:
        """Breathe in, then out, and so on, with the words and the shape together."""
        self.breathing_in = not self.breathing_in
        seconds = self.rhythm.breathe_in if self.breathing_in else self.rhythm.breathe_out
        words = BREATHE_IN if self.breathing_in else BREATHE_OUT
        self.words.setText(words)
        announce(self.words, words)
        self.animation.stop()
        if self.still_box.isChecked():
            self.shape.set_scale(STILL)
        else:
            self.animation.setStartValue(self.shape.scale)
            self.animation.setEndValue(1.0 if self.breathing_in else SMALLEST)
            self.animation.setDuration(seconds * 1000)
            self.animation.start()
        self.phase_timer.start(seconds * 1000)
