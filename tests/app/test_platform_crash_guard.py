"""Issue 10: PySide6 6.12.0 on Python < 3.12 loses a reference to None on every Python
paint override and aborts after some tens of thousands of paints. This guards the
combination the project installs: it fails on the crashing one (checked in a scratch venv
with PySide6-Essentials 6.12.0 on Python 3.11: refcount fell by one per paint)."""
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QWidget
from repo_paths import ROOT, TESTS

from lpdesk.platform_check import known_crash, parse_version

IMMORTAL_NONE = sys.version_info >= (3, 12)


class PaintedItem(QGraphicsItem):
    def __init__(self):
        super().__init__()
        self.paints = 0

    def boundingRect(self):  # noqa: N802
        return QRectF(0, 0, 10, 10)

    def paint(self, painter, option, widget=None):
        self.paints += 1
        painter.drawRect(self.boundingRect())


class PaintedWidget(QWidget):
    def __init__(self):
        super().__init__()
        self.paints = 0
        self.resize(20, 20)

    def paintEvent(self, event):  # noqa: N802
        self.paints += 1
        QPainter(self).end()


def paint_item(item, times):
    """Call the Python paint override through Qt, as a scene render does."""
    scene = item.scene()
    if scene is None:
        scene = QGraphicsScene()
        scene.addItem(item)
        item.keep_scene = scene  # the scene owns the item: keep both alive together
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for _ in range(times):
        scene.render(painter, QRectF(0, 0, 16, 16), QRectF(0, 0, 10, 10))
    painter.end()


@pytest.mark.skipif(IMMORTAL_NONE, reason="None is immortal on Python 3.12+")
def test_item_and_widget_paints_do_not_lose_references_to_none(qapp):
    item, widget = PaintedItem(), PaintedWidget()
    paint_item(item, 50)  # warm up caches
    before = sys.getrefcount(None)
    paint_item(item, 3000)
    for _ in range(300):
        widget.grab()
    after = sys.getrefcount(None)
    assert item.paints >= 3050 and widget.paints >= 300
    # A leak loses one reference per paint (about 3,300 here); allow small noise.
    assert after >= before - 50, f"None lost {before - after} references in 3,300 paints"


def test_survives_100000_item_paints_in_a_fresh_process():
    """A crashing combination aborts with 'none_dealloc' long before 100,000 paints."""
    script = textwrap.dedent("""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path[:0] = [%r, %r]  # lpdesk, and the helpers this test file imports
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from tests.app.test_platform_crash_guard import PaintedItem, paint_item
        item = PaintedItem()
        paint_item(item, 100_000)
        print("painted", item.paints)
    """) % (str(ROOT), str(TESTS))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr[-500:]
    assert "painted 100000" in result.stdout


def test_known_crash_table():
    assert known_crash("6.12.0", (3, 11)) is not None
    assert "pip install" in known_crash("6.12.0", (3, 11))
    assert known_crash("6.12.0", (3, 12)) is None
    assert known_crash("6.11.3", (3, 11)) is None
    assert parse_version("6.12.0rc1") == (6, 12, 0)


def test_installed_combination_is_not_known_to_crash():
    import PySide6
    assert known_crash(PySide6.__version__) is None


def test_app_refuses_to_start_on_a_crashing_combination(monkeypatch, qapp, capsys):
    import lpdesk.app as app_module
    monkeypatch.setattr("lpdesk.platform_check.current_problem",
                        lambda: known_crash("6.12.0", (3, 11)))
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical",
                        lambda *args: shown.append(args[2]))
    assert app_module.run() == 3
    assert shown and "6.12.0" in shown[0] and "pip install" in shown[0]
    assert "PySide6-Essentials" in capsys.readouterr().err
