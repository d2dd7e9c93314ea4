"""One input widget per indicator type, each checking what is typed as it is typed.

Each emits `edited(value)` with a parsed value (None when emptied, unfinished or wrong), and
`problem(sentence)` ("" when all is well); `set_value` shows a stored value without emitting anything.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from dtdesktop.catalogs.model import Indicator
from dtdesktop.gui.keys import ComboBox, window_keys_first
from dtdesktop.gui.style import restyle
from dtdesktop.i18n import _, current_language
from dtdesktop.scoring.answers import AnswerError, AnswerValue, Ratio, parse_value
from dtdesktop.text import format_percent, format_plain, nfc, parse_decimal


def mark_invalid(edit: QWidget, invalid: bool) -> None:
    """Show a field as wrong (red border, from the style sheet) or as fine again."""
    restyle(edit, "invalid", invalid)


class AnswerInput(QWidget):
    """Each type's widget adds `set_value(value)`, which shows a stored value without emitting, sets its
    focus proxy (the field that takes the keyboard first) and says which fields Tab stops at."""

    edited = Signal(object)
    problem = Signal(str)

    def __init__(self, ind: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ind = ind
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def focus_first(self) -> None:
        self.setFocus(Qt.FocusReason.TabFocusReason)  # goes to the focus proxy

    def tab_stops(self) -> list[QWidget]:
        """The fields Tab stops at, in order."""
        proxy = self.focusProxy()
        return [proxy] if proxy is not None else []

    def submit(self, raw: object) -> bool:
        """Parse *raw* against the indicator; emit the value, or the sentence saying what is wrong. What is
        wrong is not an answer: the answer saved before it is taken back, so that the score and the file
        never count a figure the screen no longer shows."""
        try:
            value = None if raw is None else parse_value(self.ind, raw)
        except AnswerError as exc:
            self.edited.emit(None)
            self.problem.emit(exc.sentence)
            return False
        self.problem.emit("")
        self.edited.emit(value)
        return True


class BooleanInput(AnswerInput):
    def __init__(self, ind: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(ind, parent)
        self.yes, self.no = QRadioButton(_("&Yes")), QRadioButton(_("N&o"))
        self.group = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.group.addButton(button)
            self.row.addWidget(button)
        self.row.addStretch(1)
        self.group.buttonClicked.connect(lambda button: self.submit(button is self.yes))

    def set_value(self, value: AnswerValue | None) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self.group.setExclusive(True)

    def focus_first(self) -> None:
        self.tab_stops()[0].setFocus(Qt.FocusReason.TabFocusReason)

    def tab_stops(self) -> list[QWidget]:
        """One stop for the pair, as for any group of radio buttons: the arrow keys choose within it."""
        return [self.no if self.no.isChecked() else self.yes]


class NumberInput(AnswerInput):
    """A count, a whole number: 12, or 1.234 and 1,234 (thousands grouped either way)."""

    def __init__(self, ind: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(ind, parent)
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(220)
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        window_keys_first(self.edit)
        if ind.unit:
            self.row.addWidget(QLabel(ind.unit.get(current_language())))
        self.row.addStretch(1)
        self.edit.textChanged.connect(
            lambda text: mark_invalid(self.edit, not self.submit(text.strip() or None))
        )

    def set_value(self, value: AnswerValue | None) -> None:
        self.edit.blockSignals(True)
        self.edit.setText("" if value is None else format_plain(float(value), current_language()))  # type: ignore[arg-type]
        self.edit.blockSignals(False)
        mark_invalid(self.edit, False)

    def focus_first(self) -> None:
        self.edit.setFocus(Qt.FocusReason.TabFocusReason)
        self.edit.selectAll()


class PercentInput(AnswerInput):
    """A percentage as numerator and denominator (45 of 60), the percentage shown beside them."""

    def __init__(self, ind: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(ind, parent)
        self.numerator, self.denominator = QLineEdit(), QLineEdit()
        self.of_label = QLabel(_("of"))
        self.shown = QLabel()
        self.shown.setProperty("role", "percentShown")
        for edit in (self.numerator, self.denominator):
            edit.setMaximumWidth(150)
            edit.textChanged.connect(self._typed)
        window_keys_first(self.numerator, self.denominator)
        self.numerator.setPlaceholderText(_("numerator"))
        self.denominator.setPlaceholderText(_("denominator"))
        for w in (self.numerator, self.of_label, self.denominator, self.shown):
            self.row.addWidget(w)
        self.row.addStretch(1)

    def _typed(self) -> None:
        num, den = self.numerator.text().strip(), self.denominator.text().strip()
        self.shown.clear()
        if not num and not den:
            ok = self.submit(None)
        elif not num or not den:  # not wrong yet, only unfinished: not an answer until both are there
            self.edited.emit(None)
            self.problem.emit(
                _("Type both the numerator and the denominator; until then the indicator is not answered.")
            )
            ok = True
        else:
            ok = self.submit({"numerator": num, "denominator": den})
            if ok:
                self.shown.setText(
                    "= "
                    + format_percent(
                        Ratio(parse_decimal(num), parse_decimal(den)).percent, current_language()
                    )
                )
        for edit in (self.numerator, self.denominator):
            mark_invalid(edit, not ok)

    def set_value(self, value: AnswerValue | None) -> None:
        lang = current_language()
        if isinstance(value, float):  # a percentage typed directly (command line): p% is p of 100
            value = Ratio(value, 100.0)
        for edit, number in (
            (self.numerator, value.numerator if isinstance(value, Ratio) else None),
            (self.denominator, value.denominator if isinstance(value, Ratio) else None),
        ):
            edit.blockSignals(True)
            edit.setText("" if number is None else format_plain(number, lang))
            edit.blockSignals(False)
            mark_invalid(edit, False)
        self.shown.setText("= " + format_percent(value.percent, lang) if isinstance(value, Ratio) else "")

    def focus_first(self) -> None:
        self.numerator.setFocus(Qt.FocusReason.TabFocusReason)
        self.numerator.selectAll()

    def tab_stops(self) -> list[QWidget]:
        return [self.numerator, self.denominator]


class ChoiceInput(AnswerInput):
    def __init__(self, ind: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(ind, parent)
        self.combo = ComboBox()
        # As wide as the panel allows, never wider: a long choice is shown whole in the open list.
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self.combo.addItem(_("— not answered —"), None)
        lang = current_language()
        for c in ind.choices:
            self.combo.addItem(c.title.get(lang), c.code)
        self.row.addWidget(self.combo, 1)
        self.setFocusProxy(self.combo)
        self.combo.activated.connect(lambda _i: self.submit(self.combo.currentData()))

    def set_value(self, value: AnswerValue | None) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))
        self.combo.blockSignals(False)


class TextInput(AnswerInput):
    def __init__(self, ind: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(ind, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(120)
        self.row.addWidget(self.edit)
        self.setFocusProxy(self.edit)
        window_keys_first(self.edit)
        self.edit.textChanged.connect(self._typed)

    def _typed(self) -> None:
        text = nfc(self.edit.toPlainText())
        mark_invalid(self.edit, not self.submit(text if text.strip() else None))

    def set_value(self, value: AnswerValue | None) -> None:
        self.edit.blockSignals(True)
        self.edit.setPlainText("" if value is None else str(value))
        self.edit.blockSignals(False)


INPUTS: dict[str, type[AnswerInput]] = {
    "boolean": BooleanInput,
    "percent": PercentInput,
    "count": NumberInput,
    "choice": ChoiceInput,
    "text": TextInput,
}


def input_for(ind: Indicator, parent: QWidget | None = None) -> AnswerInput:
    return INPUTS[ind.type](ind, parent)
