"""The reviewer's window as a frame: pages placed and reached from the list and Ctrl+1…5, routes between
them, a page's actions in the menus, files dropped go to the inbox, the reviewer's first start, the
role's first question, and switching to the officer's window and back."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QWidget

from dtdesktop import profile as profiles
from dtdesktop.gui.reviewer.window import PageSpec, ReviewerWindow


class FakeInbox(QWidget):
    opened = Signal(int)
    imported = Signal()

    def __init__(self, ctx) -> None:
        super().__init__()
        self.ctx, self.dropped, self.refreshed = ctx, [], 0
        self.act = QAction("Import files…", self)
        self.addAction(self.act)

    def import_paths(self, paths: list[Path]) -> None:
        self.dropped.extend(paths)

    def show_units(self, codes) -> None:
        self.units = list(codes)

    def refresh(self) -> None:
        self.refreshed += 1


class FakeSubmission(QWidget):
    decided = Signal(int)
    closed = Signal()

    def __init__(self, ctx) -> None:
        super().__init__()
        self.shown: list[int] = []

    def show_submission(self, submission_id: int) -> None:
        self.shown.append(submission_id)


class FakeArea(QWidget):
    open_units = Signal(list)

    def __init__(self, ctx) -> None:
        super().__init__()
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


PAGES = (
    PageSpec("inbox", "Inbox", FakeInbox),
    PageSpec("submission", "The submission open", FakeSubmission),
    PageSpec("area", "The area", FakeArea),
)


@pytest.fixture
def reviewer(identity_file):
    p = profiles.Profile(
        officer_name="Lê Văn Bình",
        officer_title="Chuyên viên Sở Khoa học và Công nghệ",
        identity=profiles.SigningIdentity("pkcs12", str(identity_file), subject="Lê Văn Bình"),
        role="reviewer",
        reviewer_unit="38",
    )
    profiles.save(p)
    return p


@pytest.fixture
def rwindow(qtbot, store, reviewer):
    from dtdesktop.gui.app import create_application, switch_language
    from dtdesktop.gui.style import apply_style

    apply_style(create_application())
    switch_language("vi")
    w = ReviewerWindow(store, reviewer, PAGES)
    w.show()
    assert w.start()
    yield w
    w.close()
    switch_language("vi")
    shiboken6.delete(w)


def test_pages_are_reached_from_the_list_and_the_keyboard(rwindow, qtbot):
    assert rwindow.current_key() == "inbox"
    assert [rwindow.nav.item(i).text() for i in range(3)] == ["Hộp thư đến", "Hồ sơ đang xem", "Toàn tỉnh"]
    qtbot.keyClick(rwindow, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert rwindow.stack.currentWidget() is rwindow.page("area")
    rwindow.nav.setCurrentRow(1)
    assert rwindow.stack.currentWidget() is rwindow.page("submission")
    assert "Thanh Hóa" in rwindow.windowTitle()


def test_opening_from_the_inbox_shows_the_submission_and_a_decision_refreshes_the_rest(rwindow):
    inbox, submission, area = (rwindow.page(k) for k in ("inbox", "submission", "area"))
    before = inbox.refreshed, area.refreshed
    inbox.opened.emit(42)
    assert submission.shown == [42] and rwindow.current_key() == "submission"
    submission.decided.emit(42)
    assert (inbox.refreshed, area.refreshed) == (before[0] + 1, before[1])  # the area once it is shown
    submission.closed.emit()
    assert rwindow.current_key() == "inbox"
    rwindow.show_page("area")
    assert area.refreshed == before[1] + 1
    rwindow.show_page("inbox")
    rwindow.show_page("area")
    assert area.refreshed == before[1] + 1  # read again only when something changed
    submission.decided.emit(42)
    assert area.refreshed == before[1] + 2  # in view: at once


def test_a_pages_actions_are_in_the_menus(rwindow):
    act = rwindow.page("inbox").act
    assert act in rwindow.menu_file.actions()
    assert act in rwindow.menu_actions.actions()
    rwindow.show_page("area")
    assert act not in rwindow.menu_actions.actions() and act in rwindow.menu_file.actions()


def test_every_name_of_the_navigation_is_whole(rwindow):
    nav = rwindow.nav
    for n in range(nav.count()):
        assert nav.visualItemRect(nav.item(n)).width() >= nav.fontMetrics().horizontalAdvance(
            nav.item(n).text()
        )
    assert nav.width() <= 250


def test_files_dropped_on_the_window_go_to_the_inbox(rwindow, tmp_path):
    rwindow.show_page("area")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "nop.pdf")), QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    rwindow.dropEvent(event)
    assert rwindow.page("inbox").dropped == [tmp_path / "nop.pdf", tmp_path]
    assert rwindow.current_key() == "inbox"


def test_switching_to_the_officer_saves_the_role_and_closes(rwindow):
    rwindow.act_switch.trigger()
    assert rwindow.switch_to == "officer" and not rwindow.isVisible()
    assert profiles.load().role == "officer" and profiles.load().reviewer_unit == "38"


def test_the_officer_window_offers_the_reviewers(window):
    assert window.act_switch in window.menu_tools.actions()
    window.act_switch.trigger()
    assert window.switch_to == "reviewer" and window.profile.role == "reviewer"


def test_the_reviewers_first_start_asks_the_province_not_a_commune(qtbot, identity_file):
    from dtdesktop.gui.reviewer.setup import ReviewerSetup

    wizard = ReviewerSetup(profiles.Profile())
    qtbot.addWidget(wizard)
    page = wizard.unit_page
    assert not page.isComplete() and page.ui.searchEdit.isHidden()
    page.ui.provinceCombo.setCurrentIndex(page.ui.provinceCombo.findData("38"))
    assert page.isComplete() and page.unit.level == "province"
    wizard.officer_page.ui.nameEdit.setText("Lê Văn Bình")
    chosen = profiles.SigningIdentity("pkcs12", str(identity_file), subject="Lê Văn Bình")
    wizard.identity_page.identity = chosen
    result = wizard.result_profile()
    assert (result.role, result.reviewer_unit, result.officer_name) == ("reviewer", "38", "Lê Văn Bình")
    assert result.officer_title.endswith("Sở Khoa học và Công nghệ") and result.reviewer_complete


def test_the_first_question_chooses_the_window(qtbot):
    from dtdesktop.gui.role import RoleDialog

    dialog = RoleDialog()
    qtbot.addWidget(dialog)
    dialog.reviewer.click()
    assert dialog.role == "reviewer" and dialog.result() == RoleDialog.DialogCode.Accepted


def test_a_profile_saved_before_roles_opens_the_officers_window(profile):
    assert profiles.load().window == "officer"
    assert profiles.Profile().window == ""


def test_communes_clicked_through_on_the_area_are_shown_in_the_inbox(rwindow):
    rwindow.show_page("area")
    rwindow.page("area").open_units.emit(["15865", "16279"])
    assert rwindow.page("inbox").units == ["15865", "16279"] and rwindow.current_key() == "inbox"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_f1_opens_the_reviewers_guide_and_every_key_it_names_works(rwindow, lang):
    """The reviewer's guide, not the officer's; each key it names is a shortcut of the window or one the
    inbox's table answers (J, K, Enter, A, R)."""
    import re

    from PySide6.QtGui import QKeySequence

    from dtdesktop.gui.app import switch_language
    from dtdesktop.gui.guide import GuideWindow, guide_path
    from dtdesktop.gui.reviewer import window as reviewer_window

    switch_language(lang)
    rwindow.act_guide.trigger()
    guide = rwindow.findChild(GuideWindow)
    assert guide is not None and guide.kind == "reviewer"
    assert "Ctrl+Shift+I" in guide.browser.toPlainText()
    real = reviewer_window.ReviewerWindow(rwindow.store, rwindow.profile)  # the real pages' shortcuts
    try:
        own = {k.toString(QKeySequence.SequenceFormat.PortableText) for a in real.findChildren(QAction)
               for k in a.shortcuts()}  # fmt: skip
    finally:
        real.close()
        shiboken6.delete(real)
    table_keys = {"J", "K", "Return", "A", "R", "Down", "Up"}
    text = guide_path(lang, "reviewer").read_text("utf-8")
    for key in re.findall(r"<kbd>(.*?)</kbd>", text):
        key = {"↓": "Down", "↑": "Up", "Enter": "Return"}.get(key, key)
        assert key in own or key in table_keys, key
