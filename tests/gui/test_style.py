"""The style sheet seen through every style it may meet (Fusion, which the application sets, and the
platform's own ones): drop-down lists highlight their row readably, spin boxes show their arrows, radio
buttons and check boxes show which one has the keyboard."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyleFactory,
    QStyleOptionSpinBox,
    QVBoxLayout,
    QWidget,
)

from dtdesktop.gui.style import apply_style
from dtdesktop.storage import assessments as A
from dtdesktop.units import find

UP, DOWN = QStyle.SubControl.SC_SpinBoxUp, QStyle.SubControl.SC_SpinBoxDown


def luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(image: QImage, rect: QRect) -> Counter:
    ratio = image.devicePixelRatio()
    area = QRect(
        round(rect.x() * ratio),
        round(rect.y() * ratio),
        round(rect.width() * ratio),
        round(rect.height() * ratio),
    ).intersected(image.rect())
    return Counter(
        image.pixel(x, y) for x in range(area.left(), area.right()) for y in range(area.top(), area.bottom())
    )


def strongest(counts: Counter) -> tuple[QColor, QColor]:
    """The most common colour (the background) and the one that stands out most against it (the ink)."""
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    ink = max((QColor.fromRgb(c) for c in counts), key=lambda c: contrast(c, background))
    return background, ink


@pytest.fixture
def styles(qapp):
    """Each style the platform has, set on the whole application in turn; the application's look after."""
    names = sorted(set(QStyleFactory.keys()) | {"Fusion"})
    yield names
    apply_style(qapp)


def each_style(qapp, names):
    for name in names:
        qapp.setStyle(QStyleFactory.create(name))
        QApplication.processEvents()
        yield name


@pytest.fixture
def forms(qtbot, window, store, catalog):
    """The officer's window on an assessment with a choice, and the other forms with drop-downs, spin boxes,
    radio buttons and check boxes, side by side in a window of their own."""
    from dtdesktop.gui.editor.evidence import CitationDialog
    from dtdesktop.gui.first_start import IdentityPage, UnitPage
    from dtdesktop.gui.new_assessment import NewAssessment

    window.open_assessment(A.create(store, catalog, find("15865"), 2025))
    window.editor.tree.select("CQS.02")
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    unit_page, identity_page = UnitPage(), IdentityPage(None)
    new, citation = NewAssessment(find("15865")), CitationDialog()
    for page in (unit_page, identity_page, new, citation):
        column.addWidget(page)
    host.show()
    return {
        "host": host,  # kept alive with the forms in it
        "province": unit_page.ui.provinceCombo,
        "catalog": new.ui.catalogCombo,
        "choice": window.editor.panel.input.combo,
        "filter": window.editor.tree.filter,
        "year": new.ui.periodSpin,
        "date": citation.ui.dateEdit,
        "old list": unit_page.ui.oldListCheck,
        "identity": identity_page.ui.fileRadio,
    }


def highlighted_row(combo) -> tuple[float, bool]:
    """The open list with its second row highlighted: the contrast of that row's text on its background,
    and whether that background differs from the first row's."""
    combo.showPopup()
    view = combo.view()
    first, second = combo.model().index(0, 0), combo.model().index(1, 0)
    view.selectionModel().setCurrentIndex(second, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    inner = view.visualRect(second).adjusted(4, 4, -4, -4)  # clear of frames and focus rectangles
    background, ink = strongest(colours(image, inner))
    plain, _ink = strongest(colours(image, view.visualRect(first).adjusted(4, 4, -4, -4)))
    combo.hidePopup()
    return contrast(ink, background), plain != background


def test_the_highlighted_row_of_every_drop_down_is_readable(qapp, window, forms, styles):
    combos = {name: forms[name] for name in ("province", "catalog", "choice", "filter")}
    for combo in combos.values():
        assert combo.count() >= 2
    seen = {}
    for style in each_style(qapp, styles):
        for name, combo in combos.items():
            seen[(style, name)] = highlighted_row(combo)
    unreadable = {k: round(ratio, 2) for k, (ratio, _shown) in seen.items() if ratio < 4.5}
    unmarked = [k for k, (_ratio, shown) in seen.items() if not shown]
    assert not unreadable and not unmarked, (unreadable, unmarked)


def test_spin_boxes_show_their_arrows(qapp, forms, styles):
    spins = {"year": forms["year"]}  # (the dates open a calendar: an arrow of their own, no up and down)
    forms["year"].setValue((forms["year"].minimum() + forms["year"].maximum()) // 2)  # both arrows enabled
    missing = []
    for style in each_style(qapp, styles):
        for name, spin in spins.items():
            option = QStyleOptionSpinBox()
            spin.initStyleOption(option)
            image = spin.grab().toImage()
            for label, part in (
                ("up", QStyle.SubControl.SC_SpinBoxUp),
                ("down", QStyle.SubControl.SC_SpinBoxDown),
            ):
                rect = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, spin)
                counts = colours(image, rect.adjusted(2, 2, -2, -2))
                background = QColor.fromRgb(counts.most_common(1)[0][0]) if counts else QColor()
                ink = [c for c in counts if contrast(QColor.fromRgb(c), background) >= 3]
                if rect.width() < 8 or rect.height() < 6 or sum(counts[c] for c in ink) < 6:
                    missing.append((style, name, label))
    assert not missing


def test_radio_buttons_and_check_boxes_show_the_keyboard_focus(qapp, qtbot, window, forms, styles):
    window.editor.tree.select("XHS.03")  # yes / no
    buttons = {
        "yes": window.editor.panel.input.yes,
        "old list": forms["old list"],
        "identity": forms["identity"],
    }
    unseen = []
    for style in each_style(qapp, styles):
        for name, button in buttons.items():
            button.window().activateWindow()
            qtbot.waitUntil(button.window().isActiveWindow, timeout=2000)
            button.clearFocus()
            QApplication.processEvents()
            before = button.grab().toImage()
            button.setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            assert button.hasFocus()
            if button.grab().toImage() == before:
                unseen.append((style, name))
    assert not unseen
