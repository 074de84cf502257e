"""The start page shown when lpdesk starts without a file: a new session, open a file, the
recent sessions, the sample session, and one screen on how a workshop runs.

It sits in front of the session (the main window's central widget becomes a stack of this
page and the usual agenda + activity), so nothing about the session changes by showing it;
choosing anything, or any other way of getting a session (File menu, a recovered session),
goes to the session. Light on purpose: it is the first screen, so only plain widgets; the
storage code and the sample session load when chosen."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lpdesk.content import resources_dir
from lpdesk.ui.style.text import plain_tip

# a toolbar or panel the start page hid (a property on it: the panel may be deleted meanwhile)
HIDDEN_BEHIND = "lpdesk_hidden_behind_start_page"

if TYPE_CHECKING:
    from lpdesk.ui.window.main_window import MainWindow


def workshop_text() -> str:
    """The 'how a workshop runs' screen (resources/help/workshop.html, our own text)."""
    try:
        return (resources_dir() / "help" / "workshop.html").read_text(encoding="utf-8")
    except OSError:
        return ""


class StartPage(QWidget):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("StartPage")
        self.setAccessibleName(self.tr("Start page"))
        title = QLabel(self.tr("Welcome to lpdesk"))
        title.setObjectName("StartTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("Run a live, offline workshop on how your client's "
                               "organisation learns at work."))
        intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("&New session"))
        self.new_button.setToolTip(self.tr("Start an empty session (Ctrl+N)"))
        self.open_button = QPushButton(self.tr("&Open a session..."))
        self.open_button.setToolTip(self.tr("Open a saved .lpdesk file (Ctrl+O)"))
        self.sample_button = QPushButton(self.tr("Try the &sample session"))
        self.sample_button.setToolTip(self.tr("A realistic workshop with twelve participants "
                                              "in three groups, to look around"))
        self.new_button.clicked.connect(self.start_new)
        self.open_button.clicked.connect(self.open_file)
        self.sample_button.clicked.connect(self.open_sample)
        recent_label = QLabel(self.tr("Re&cent sessions:"))
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("RecentSessions")
        self.recent_list.setAccessibleName(self.tr("Recent sessions"))
        self.recent_list.itemActivated.connect(self._recent_chosen)
        recent_label.setBuddy(self.recent_list)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(title)
        left.addWidget(intro)
        left.addSpacing(16)
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setMinimumHeight(40)
            left.addWidget(button)
        left.addSpacing(16)
        left.addWidget(recent_label)
        self.recent_list.setMaximumHeight(220)
        left.addWidget(self.recent_list)
        left.addStretch(1)
        self.how = QLabel(workshop_text())  # our own resource file: simple HTML
        self.how.setObjectName("HowAWorkshopRuns")
        self.how.setTextFormat(Qt.TextFormat.RichText)
        self.how.setWordWrap(True)
        self.how.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.how.setAccessibleName(self.tr("How a workshop runs"))
        self.how.setFrameShape(QFrame.Shape.StyledPanel)
        self.how.setAutoFillBackground(True)
        self.how.setBackgroundRole(self.how.backgroundRole().Base)
        self.how.setMargin(16)
        body = QWidget()
        body.setMaximumWidth(1200)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(40)
        row.addLayout(left, 2)
        row.addWidget(self.how, 3, Qt.AlignmentFlag.AlignTop)
        root = QHBoxLayout(self)
        root.setContentsMargins(32, 24, 32, 24)
        root.addStretch(1)
        root.addWidget(body, 20)  # as wide as the window allows, up to 1200 px, centred
        root.addStretch(1)
        self.fill_recent()

    def fill_recent(self) -> None:
        self.recent_list.clear()
        from lpdesk.ui.window.recent import recent_labels

        files = self.window_.recent_files()
        for path, label in zip(files, recent_labels(files), strict=True):
            item = QListWidgetItem(label)
            item.setToolTip(plain_tip(path))
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent_list.addItem(item)
        if self.recent_list.count() == 0:
            item = QListWidgetItem(self.tr("(no recent sessions yet)"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent_list.addItem(item)
        else:
            self.recent_list.setCurrentRow(0)

    # -- choices ---------------------------------------------------------------------
    def _pristine(self) -> bool:
        doc = self.window_.doc
        return doc is not None and doc.path is None and not doc.is_modified and \
            doc.undo_stack.count() == 0

    def start_new(self) -> None:
        if self._pristine():
            leave(self.window_)  # the window already holds a new, empty session
        else:
            self.window_.new_session()  # asks to save first; leaves on success

    def open_file(self) -> None:
        self.window_.ask_open()

    def open_sample(self) -> None:
        from lpdesk.demo import demo_session
        from lpdesk.document import SessionDocument

        if self.window_.maybe_save():
            self.window_.set_document(SessionDocument(demo_session()))

    def _recent_chosen(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path and not self.window_.open_path(path):
            self.fill_recent()  # a vanished file was forgotten: show the list without it


class _Front(QObject):
    """Keeps the stack of start page and session, and leaves the start page when a session
    arrives by any way (File > New or Open, the sample, a recovered session). Started
    without a file, the window has no session yet when the start page is made: it comes
    right after the first paint (MainWindow.build_session), behind the start page."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        session = window.takeCentralWidget()  # None: the session is not built yet
        self.stack = QStackedWidget()
        self.stack.setObjectName("FrontStack")
        self.page = StartPage(window, self.stack)
        self.session: QWidget | None = None
        self._bars_hidden = False
        # The start page first, so it is current from the start: made for show_start, it
        # is shown at once, and a switch of the stack before the window is shown costs
        # ~7 ms of start-up (show_start still hides the bars the first time).
        self.stack.addWidget(self.page)
        if session is not None:
            self.set_session(session)
        window.setCentralWidget(self.stack)
        self.page.installEventFilter(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.page, self.show_session,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_session(self, session: QWidget) -> None:
        """The session's agenda and pages, behind the start page; its toolbars and panels
        wait hidden while the start page is in front."""
        self.session = session
        self.stack.addWidget(session)
        self.window_.document_changed.connect(lambda _doc: self.show_session())
        if self.showing() and self._bars_hidden:
            self._hide_bars()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if obj is self.page and event.type() == QEvent.Type.Show:
            self.page.fill_recent()
        return False

    def showing(self) -> bool:
        return self.stack.currentWidget() is self.page

    def show_start(self) -> None:
        """The start page in front; the session's toolbars and panels wait behind it."""
        if self.showing() and self._bars_hidden:
            return
        self.stack.setCurrentWidget(self.page)
        self._hide_bars()
        self._bars_hidden = True
        self.page.new_button.setFocus()

    def _hide_bars(self) -> None:
        for bar in self._bars():
            # a bar made after the window was shown is hidden only until it is shown: it
            # was not hidden on purpose, so it comes back with the session too
            if not bar.isHidden() or not bar.testAttribute(
                    Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                bar.setProperty(HIDDEN_BEHIND, True)  # marked, not held: Close may delete it
                bar.hide()

    def _bars(self) -> list[QWidget]:
        from PySide6.QtWidgets import QDockWidget, QToolBar

        return [w for w in (*self.window_.findChildren(QToolBar),
                            *self.window_.findChildren(QDockWidget))
                if w.parent() is self.window_]

    def show_session(self) -> None:
        if not self.showing():
            return
        self.window_.build_session()  # if the first paint has not come yet
        self.window_.show_waiting_page()  # before the first paint's turn, if that is sooner
        self.stack.setCurrentWidget(self.session)
        for bar in self._bars():  # those still there (Close deletes a session's panels)
            if bar.property(HIDDEN_BEHIND):
                bar.setProperty(HIDDEN_BEHIND, None)
                bar.show()
        self._bars_hidden = False
        self.window_.agenda_list.setFocus()


def front_of(window: MainWindow) -> _Front | None:
    return window.findChild(_Front)


def front(window: MainWindow) -> _Front:
    existing = front_of(window)
    return existing if existing is not None else _Front(window)


def show_start_page(window: MainWindow) -> StartPage:
    """Put the start page in front of `window`'s session (File > Start page, or lpdesk
    started without a file)."""
    f = front(window)
    f.show_start()
    return f.page


def leave(window: MainWindow) -> None:
    """Go from the start page to the session."""
    front(window).show_session()


def start_page_shown(window: MainWindow) -> bool:
    f = window.findChild(_Front)
    return f is not None and f.showing()
