"""The reviewer's window: a navigation list on the left (inbox, the submission open, the area, trust,
criteria), the page on the right, the message bar above. Each page is built on its own from the shared
context; the window only places them, routes between them and gives their actions a menu and a toolbar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dtdesktop import profile as profiles
from dtdesktop.gui.app import switch_language
from dtdesktop.gui.guide import open_guide, show_about
from dtdesktop.gui.icons import icon
from dtdesktop.gui.notice import NoticeBar
from dtdesktop.gui.retranslate import Retranslating
from dtdesktop.gui.reviewer.context import ReviewerContext
from dtdesktop.i18n import N_, _, current_language
from dtdesktop.storage import Store
from dtdesktop.units import find, unit_list


@dataclass(frozen=True)
class PageSpec:
    """A page of the window: its key, its name in the navigation (marked for translation), and how to
    build it from the context."""

    key: str
    label: str
    make: Callable[[ReviewerContext], QWidget]


def _inbox(ctx: ReviewerContext) -> QWidget:
    from dtdesktop.gui.reviewer.inbox import InboxPage

    return InboxPage(ctx)


def _submission(ctx: ReviewerContext) -> QWidget:
    from dtdesktop.gui.reviewer.submission import SubmissionPage

    return SubmissionPage(ctx)


def _area(ctx: ReviewerContext) -> QWidget:
    from dtdesktop.gui.reviewer.area import AreaPage

    return AreaPage(ctx)


def _trust(ctx: ReviewerContext) -> QWidget:
    from dtdesktop.gui.reviewer.trust_page import TrustPage

    return TrustPage(ctx)


def _criteria(ctx: ReviewerContext) -> QWidget:
    from dtdesktop.gui.reviewer.criteria_page import CriteriaPage

    return CriteriaPage(ctx)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("inbox", N_("Inbox"), _inbox),
    PageSpec("submission", N_("The submission open"), _submission),
    PageSpec("area", N_("The area"), _area),
    PageSpec("trust", N_("Certificates"), _trust),
    PageSpec("criteria", N_("Criteria sets"), _criteria),
)
ICONS = {"inbox": "list", "submission": "open-file", "area": "print", "trust": "sign", "criteria": "new"}


SHOWN_WHEN_REFRESHED = frozenset({"area"})  # pages read again only once they are in view


class ReviewerWindow(Retranslating, QMainWindow):
    """`switch_role` asks the program to open the officer's window instead (after this one closes)."""

    switch_role = Signal(str)

    def __init__(self, store: Store, profile: profiles.Profile, pages: Sequence[PageSpec] = PAGES) -> None:
        super().__init__()
        self.store, self.profile = store, profile
        self.switch_to = ""
        self._stale: set[str] = set()  # pages to read the store again when next shown
        self.notice = NoticeBar()
        self.ctx = ReviewerContext(store, profile, tell=self.tell)
        self.worker = self.ctx.worker
        self.worker.submit(unit_list)  # every page names communes: read the national list before it is asked
        self.setWindowIcon(icon("app"))
        self.specs = list(pages)
        self.pages: dict[str, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("reviewerNav")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setWordWrap(True)
        self.stack = QStackedWidget()
        for spec in self.specs:
            page = spec.make(self.ctx)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(icon(ICONS.get(spec.key, "list")), "")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        notice_row = QVBoxLayout()
        notice_row.setContentsMargins(6, 6, 6, 0)
        notice_row.addWidget(self.notice)
        column.addLayout(notice_row)
        row = QHBoxLayout()
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self.statusBar()
        self._make_actions()
        self._make_menus()
        self._connect_pages()
        self.nav.currentRowChanged.connect(self._page_changed)
        self.setAcceptDrops(True)  # submissions dropped anywhere on the window go to the inbox
        self.retranslate()
        self.resize(1280, 760)
        self.nav.setCurrentRow(0)

    # --- pages

    def page(self, key: str) -> QWidget | None:
        return self.pages.get(key)

    def show_page(self, key: str) -> None:
        keys = [s.key for s in self.specs]
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def _connect_pages(self) -> None:
        """The few routes between pages: open a submission from the inbox or the area, and refresh the
        inbox and the area once something was decided or imported."""
        inbox, submission, area = self.page("inbox"), self.page("submission"), self.page("area")
        if inbox is not None and submission is not None and hasattr(inbox, "opened"):
            inbox.opened.connect(self.open_submission)
        if submission is not None and hasattr(submission, "decided"):
            submission.decided.connect(lambda _id: self._refresh("inbox", "area"))
        if submission is not None and hasattr(submission, "closed"):
            submission.closed.connect(lambda: self.show_page("inbox"))
        if inbox is not None and hasattr(inbox, "imported"):
            inbox.imported.connect(lambda *_a: self._refresh("area"))
        if area is not None and inbox is not None and hasattr(area, "open_units"):
            area.open_units.connect(self.show_units)
        for key in ("trust", "criteria"):  # whom to trust or which sets are known changes what can be decided
            page = self.page(key)
            if page is not None and hasattr(page, "changed"):
                page.changed.connect(lambda *_a: self._refresh("inbox", "area"))

    def show_units(self, codes: list[str]) -> None:
        """The communes a figure of the area stands for, in the inbox (to open, approve or return)."""
        inbox = self.page("inbox")
        if inbox is not None and hasattr(inbox, "show_units"):
            inbox.show_units(codes)
            self.show_page("inbox")

    def open_submission(self, submission_id: int) -> None:
        page = self.page("submission")
        if page is not None and hasattr(page, "show_submission"):
            page.show_submission(submission_id)
            self.show_page("submission")

    def _refresh(self, *keys: str) -> None:
        """Read the store again. The area, costly to build, does so when it is next shown if it is not in
        view (building it while a large import ends would only slow the page the reviewer is looking at)."""
        for key in keys:
            page = self.page(key)
            if page is None or not hasattr(page, "refresh"):
                continue
            if key not in SHOWN_WHEN_REFRESHED or page is self.stack.currentWidget():
                page.refresh()
            else:
                self._stale.add(key)

    def _page_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        if key in self._stale:
            self._stale.discard(key)
            self.pages[key].refresh()
        self._fill_page_actions()

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    # --- actions and menus

    def _action(self, name: str, slot, shortcut=None, icon_name: str | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _make_actions(self) -> None:
        a = self._action
        self.act_quit = a("quit", self.close, QKeySequence.StandardKey.Quit)
        self.act_switch = a("switch_role", self._switch_to_officer)
        self.act_profile = a("profile", self.change_profile)
        self.act_guide = a("guide", self.show_guide, "F1")
        self.act_about = a("about", self.about)
        self.go_actions: dict[str, QAction] = {}
        for n, spec in enumerate(self.specs, 1):
            act = a(f"go_{spec.key}", lambda key=spec.key: self.show_page(key), f"Ctrl+{n}")
            self.go_actions[spec.key] = act
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, label in (("vi", "Tiếng Việt"), ("en", "English")):
            act = a(f"lang_{lang}", lambda lang=lang: self.set_language(lang))
            act.setText(label)
            act.setCheckable(True)
            act.setChecked(lang == current_language())
            self.language_group.addAction(act)
            self.language_actions[lang] = act

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_actions = bar.addMenu("")  # the current page's own actions
        self.menu_go = bar.addMenu("")
        for act in self.go_actions.values():
            self.menu_go.addAction(act)
        self.menu_tools = bar.addMenu("")
        self.menu_tools.addAction(self.act_profile)
        self.menu_tools.addAction(self.act_switch)
        self.menu_language = bar.addMenu("")
        for act in self.language_actions.values():
            self.menu_language.addAction(act)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_guide)
        self.menu_help.addAction(self.act_about)
        self._fill_file_menu()  # no toolbar: every page has its own buttons, where the eye already is

    def _page_actions(self, key: str) -> list[QAction]:
        page = self.page(key)
        return list(page.actions()) if page is not None else []  # a page's own, as Qt keeps them

    def _fill_file_menu(self) -> None:
        """File: the inbox's imports and the area's exports wherever the reviewer is, then quit."""
        self.menu_file.clear()
        for key in ("inbox", "area"):
            acts = self._page_actions(key)
            for act in acts:
                self.menu_file.addAction(act)
            if acts:
                self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)

    def _fill_page_actions(self) -> None:
        self.menu_actions.clear()
        acts = self._page_actions(self.current_key())
        for act in acts:
            self.menu_actions.addAction(act)
        self.menu_actions.menuAction().setVisible(bool(acts))

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self.menu_file.setTitle(_("&File"))
        self.menu_actions.setTitle(_("&Actions"))
        self.menu_go.setTitle(_("&Go"))
        self.menu_tools.setTitle(_("&Tools"))
        self.menu_language.setTitle(_("&Language"))
        self.menu_help.setTitle(_("&Help"))
        self.act_quit.setText(_("&Quit"))
        self.act_switch.setText(_("Switch to the commune officer's window"))
        self.act_profile.setText(_("Your province and signing identity…"))
        self.act_guide.setText(_("&User guide"))
        self.act_about.setText(_("&About dtdesktop"))
        for n, spec in enumerate(self.specs):
            self.nav.item(n).setText(_(spec.label))
            self.go_actions[spec.key].setText(_(spec.label))
        self._fit_nav()
        self._fill_file_menu()
        self._fill_page_actions()

    def _fit_nav(self) -> None:
        """As wide as its longest name in the language shown, within a fifth of a small laptop's screen."""
        widest = self.nav.sizeHintForColumn(0)  # the icon and the longest name
        frame = 2 * self.nav.frameWidth() + 12
        self.nav.setFixedWidth(min(max(widest + frame, 150), 250))

    def _title(self) -> str:
        unit = find(self.profile.reviewer_unit) if self.profile.reviewer_unit else None
        where = unit.full_name if unit is not None else ""
        return _("Reviewing the reports of {province}").format(province=where) if where else ""

    # --- messages

    def tell(self, sentence: str, level: str = "info") -> None:
        """A result or a problem in the window itself (and in the status bar, for the record)."""
        self.notice.tell(sentence, level)
        self.statusBar().showMessage(sentence, 10000)

    # --- drops: files for the inbox

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self.page("inbox") is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        inbox = self.page("inbox")
        if paths and inbox is not None and hasattr(inbox, "import_paths"):
            self.show_page("inbox")
            inbox.import_paths(paths)
            event.acceptProposedAction()

    # --- start, profile, language, role

    def start(self) -> bool:
        """Ask the reviewer's first-start questions if they were never answered; then show the inbox."""
        if not self.profile.reviewer_complete and not self.change_profile():
            return False
        self._refresh(*self.pages)
        return True

    def change_profile(self) -> bool:
        from dtdesktop.gui.reviewer.setup import ReviewerSetup

        wizard = ReviewerSetup(self.profile, self)
        try:
            if wizard.exec() != ReviewerSetup.DialogCode.Accepted:
                return False
            self._set_profile(wizard.result_profile())
        finally:
            wizard.deleteLater()
        return True

    def _set_profile(self, profile: profiles.Profile) -> None:
        self.profile = profile
        self.ctx.profile = profile
        profiles.save(profile)
        self.setWindowTitle(self._title())

    def set_language(self, lang: str) -> None:
        switch_language(lang)
        self.language_actions[lang].setChecked(True)
        self._set_profile(self.profile.with_changes(language=lang))

    def _switch_to_officer(self) -> None:
        self.switch_to = "officer"
        self._set_profile(self.profile.with_changes(role="officer"))
        self.switch_role.emit("officer")
        self.close()

    def show_guide(self) -> None:
        open_guide(self, "reviewer")

    def about(self) -> None:
        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        inbox = self.pages.get("inbox")
        if hasattr(inbox, "stop_importing"):
            inbox.stop_importing()  # what was filed stays; the window closes after the file being filed
        self.worker.wait()
        event.accept()
