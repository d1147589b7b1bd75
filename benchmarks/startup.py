"""How long the app takes to show its first view, against a bare PySide6 window.

    .venv/bin/python benchmarks/startup.py

Fills a ledger with ``apporteur demo --scale 10`` once, then starts, alternately and several
times each, in fresh processes (offscreen):

- the app as ``make run`` starts it: Qt, the bundled font, the catalogue, the ledger opened
  (and its schema checked), the main window with its first view, the dashboard; timed from
  the process start to the dashboard's first paint, then to its figures shown (they are read
  off the UI thread, after the first paint);
- a bare PySide6 main window holding a 1,000-row table, timed from the process start to the
  table's first paint.

Prints the medians and the ratio of the app's first paint to the bare window's (target: at
most 2.5×), and the modules a first paint does without (fpdf2, Alembic, pypdf…).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data" / "startup"
RUNS = 7
TARGET = 2.5
HEAVY = ("fpdf", "alembic", "pypdf", "facturx", "drafthorse", "lxml", "openpyxl", "PySide6.QtPdf")

# Each child prints one JSON line: seconds since the epoch at its first paint (and at the
# figures shown), so the parent can subtract the moment it started the process.
APP = """
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.context import open_context
from apporteur_desktop.ui.main_window import MainWindow
from apporteur_desktop.ui.qt_setup import configure_application
from contextlib import ExitStack

marks = {}
heavy = %(heavy)r

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in marks:
            marks["painted"] = time.time()
            marks["loaded_modules"] = [m for m in heavy if m in sys.modules]
            if "shown" in marks or not hasattr(view, "loaded"):
                QTimer.singleShot(0, app.quit)
        return False

def shown():
    marks.setdefault("shown", time.time())
    if "painted" in marks:
        app.quit()

app = QApplication(sys.argv[:1])
configure_application(app, "fr")
with ExitStack() as stack:
    ctx = stack.enter_context(open_context(%(data)r, os.environ, Translator("fr")))
    window = MainWindow(ctx)
    view = window.current_view()
    watcher = FirstPaint()
    view.installEventFilter(watcher)
    if hasattr(view, "loaded"):
        view.loaded.connect(shown)
    window.show()
    app.exec()
    window.tasks.wait()
print(json.dumps(marks), flush=True)
os._exit(0)  # skip interpreter teardown: only the marks matter, and PySide6 may abort in it
"""

BARE = """
import json, os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

marks = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted" not in marks:
            marks["painted"] = time.time()
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
model = QStandardItemModel(1000, 5)
for row in range(1000):
    for column in range(5):
        model.setItem(row, column, QStandardItem(f"{row}-{column}"))
window = QMainWindow()
table = QTableView()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1200, 760)
watcher = FirstPaint()  # kept referenced: an event filter does not keep itself alive
table.viewport().installEventFilter(watcher)
window.show()
app.exec()
print(json.dumps(marks), flush=True)
os._exit(0)  # skip interpreter teardown: only the marks matter, and PySide6 may abort in it
"""


def prepare() -> Path:
    """The scale-10 demo ledger, made once (``apporteur demo`` through its command)."""
    if not (DATA / "ledger.sqlite3").exists():
        DATA.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "apporteur_desktop.cli.main", "--data-dir", str(DATA)]
        subprocess.run([*command, "demo", "--scale", "10"], check=True, cwd=ROOT, env=_env())
    return DATA


def _env() -> dict[str, str]:
    config = tempfile.mkdtemp(prefix="apporteur-bench-config-")
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "fr_FR.UTF-8",
        "XDG_CONFIG_HOME": config,  # no window geometry or language from the user's settings
        "PYTHONPATH": str(ROOT),
    }


def timed(script: str) -> dict[str, float]:
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=_env()
    )
    marks = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        key: value - started if isinstance(value, float) else value for key, value in marks.items()
    }


def main() -> None:
    data = prepare()
    app_script = APP % {"data": str(data), "heavy": HEAVY}
    app_runs, bare_runs = [], []
    for _ in range(RUNS):
        bare_runs.append(timed(BARE))
        app_runs.append(timed(app_script))
    bare = median(run["painted"] for run in bare_runs)
    painted = median(run["painted"] for run in app_runs)
    shown = [run["shown"] for run in app_runs if "shown" in run]
    loaded = sorted({module for run in app_runs for module in run["loaded_modules"]})
    print(f"ledger: demo --scale 10 in {data}")
    print(f"runs: {RUNS} of each, alternately, offscreen; medians")
    print(f"bare PySide6 window, 1,000-row table, first paint: {bare * 1000:7.0f} ms")
    print(f"app, dashboard first paint:                       {painted * 1000:7.0f} ms")
    if shown:
        print(f"app, dashboard figures shown:                     {median(shown) * 1000:7.0f} ms")
    ratio = painted / bare
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"ratio app first paint / bare window: {ratio:.2f}x (target <= {TARGET}x: {verdict})")
    print(f"heavy modules loaded before the first paint: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
