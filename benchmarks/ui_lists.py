"""How quickly each list view first paints, and how long the UI thread stalls while scrolling it.

    .venv/bin/python benchmarks/ui_lists.py [VIEW…] [--gc-freeze]

Fills a ledger once a month with ``apporteur demo --scale 100`` (1,400 agreements, 5,300
introductions, 5,900 client contracts, 2,600 contacts), saves the commissions of its whole
history and issues the invoices of its last month (1,100), all through the command line, then
times each list view (or those named), three times, each time in a fresh process (offscreen,
French, no saved settings):

- a 1,280 × 800 main window is shown, then the view is built in it as a click in the sidebar
  builds it; from its construction, the first paint of its table (« frame ») and the first
  paint of its table with rows (« rows shown »: the views that read off the UI thread paint
  an empty table first). The commissions view shows nothing until a month is previewed: the
  benchmark clicks « Preview » once the frame is painted and times the rows from the click;
- then the table is scrolled a page at a time to the very end, the model fetching its pages
  as the view asks for them, until it can fetch no more and the last row shows, while a
  2 ms heartbeat on the UI thread records the longest gap between its beats: the longest
  stall. The longest stall while loading is printed too, and the longest pause of Python's
  garbage collector in each phase: a full collection stops every thread, the UI's included.

Prints the medians per view. The targets: under 100 ms for the first paint the user sees and
for the longest stall while scrolling. ``--gc-freeze`` freezes the objects alive once the
view's module is imported (``gc.freeze``), as a window could after building a view, to show
how much of the stalls the collector's full passes make.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data" / "ui_lists"
SCALE = 100
RUNS = 3
TARGET_MS = 100.0
HEARTBEAT_MS = 2
SCROLL_TICK_MS = 10  # a page every 10 ms: faster than anyone scrolls
VIEWS = (
    "introductions",
    "agreements",
    "engagements",
    "revenue",
    "commissions",
    "invoices",
    "contacts",
)


# --- the ledger ------------------------------------------------------------------------------


def prepare() -> Path:
    """The scale-100 demo ledger of this month, made once through the command line.

    The demo's history ends with the month before today, as the views' default month does, so
    a ledger is kept for the month it was made in; an older one is replaced.
    """
    folder = DATA / f"scale{SCALE}-{date.today():%Y-%m}"
    ready = folder / "ready"
    if ready.exists():
        return folder
    shutil.rmtree(DATA, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"building the demo --scale {SCALE} ledger (once a month, about 2 minutes)…", flush=True)
    started = time.perf_counter()
    _command(folder, "demo", "--scale", str(SCALE))
    first, last = _months(folder)
    _command(folder, "commissions", "--from", first, "--to", last)
    _command(folder, "invoice", "issue", "--period", last)
    ready.touch()
    print(f"  built in {time.perf_counter() - started:.0f} s\n", flush=True)
    return folder


def _command(folder: Path, *arguments: str) -> None:
    command = [sys.executable, "-m", "apporteur_desktop.cli.main", "--data-dir", str(folder)]
    with tempfile.TemporaryDirectory(prefix="apporteur-bench-config-") as config:
        subprocess.run(
            [*command, *arguments],
            check=True,
            cwd=ROOT,
            env=_env(config),
            stdout=subprocess.DEVNULL,
        )


def _months(folder: Path) -> tuple[str, str]:
    """The first and last months of revenue in the ledger (``YYYY-MM``)."""
    with sqlite3.connect(folder / "ledger.sqlite3") as db:
        first, last = db.execute(
            "SELECT min(period), max(period) FROM revenue_revisions"
        ).fetchone()
    return str(first), str(last)


def _counts(folder: Path) -> dict[str, int]:
    tables = ("agreements", "introductions", "engagements", "parties", "invoices")
    with sqlite3.connect(folder / "ledger.sqlite3") as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _env(config: str) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "fr_FR.UTF-8",
        "XDG_CONFIG_HOME": config,  # no column widths or layout from the user's settings
        "PYTHONPATH": str(ROOT),
    }


# --- one view, in a child process -----------------------------------------------------------


def child(key: str, data: str, freeze: bool) -> None:
    """Time one view and print its marks as one JSON line (seconds, ``time.perf_counter``)."""
    from contextlib import ExitStack

    from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

    from apporteur_desktop.i18n import Translator
    from apporteur_desktop.services.context import open_context
    from apporteur_desktop.ui.main_window import VIEWS as ENTRIES
    from apporteur_desktop.ui.qt_setup import configure_application
    from apporteur_desktop.ui.tasks import TaskRunner

    marks: dict[str, float] = {}
    asked: set[str] = set()  # the paints whose time is being taken
    stalls = {"last": 0.0, "longest": 0.0}

    def beat() -> None:
        now = time.perf_counter()
        if stalls["last"]:
            stalls["longest"] = max(stalls["longest"], now - stalls["last"])
        stalls["last"] = now

    def stall_so_far() -> float:
        """The longest gap until now, the one still open included; then start again."""
        beat()
        longest, stalls["longest"] = stalls["longest"], 0.0
        return longest

    collecting = {"started": 0.0, "longest": 0.0}

    def collected(phase: str, _info: dict[str, int]) -> None:
        """The longest pause of Python's garbage collector: part of a stall, or all of it."""
        if phase == "start":
            collecting["started"] = time.perf_counter()
        else:
            pause = time.perf_counter() - collecting["started"]
            collecting["longest"] = max(collecting["longest"], pause)

    def collection_so_far() -> float:
        longest, collecting["longest"] = collecting["longest"], 0.0
        return longest

    gc.callbacks.append(collected)

    app = QApplication(sys.argv[:1])
    configure_application(app, "fr")
    with ExitStack() as stack:
        ctx = stack.enter_context(open_context(data, os.environ, Translator("fr")))
        window = QMainWindow()
        window.resize(1280, 800)
        pages = QStackedWidget(window)
        pages.addWidget(QWidget(pages))  # the view shown before: the click comes from it
        window.setCentralWidget(pages)
        tasks = TaskRunner(window)
        window.show()
        QTest.qWaitForWindowExposed(window)
        QTest.qWait(100)
        heartbeat = QTimer(interval=HEARTBEAT_MS, timerType=Qt.TimerType.PreciseTimer)
        heartbeat.timeout.connect(beat)
        heartbeat.start()

        started = time.perf_counter()
        factory = next(entry for entry in ENTRIES if entry.key == key).factory()
        marks["import"] = time.perf_counter() - started
        if freeze:
            gc.freeze()  # see the module's docstring
        QTest.qWait(50)  # the import is not the view's: the heartbeat starts again after it
        stall_so_far()
        collection_so_far()

        class Painted(QObject):
            """Marks the first paint of the table, then its first paint with rows, each once
            the event loop is back (the paint and the window's flush done)."""

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    for mark, wanted in (("frame", True), ("rows", table.model().rowCount() > 0)):
                        if wanted and mark not in asked:
                            asked.add(mark)
                            QTimer.singleShot(0, lambda mark=mark: painted(mark))
                return False

        def painted(mark: str) -> None:
            marks[mark] = time.perf_counter() - start
            if mark == "frame" and key == "commissions":
                QTimer.singleShot(0, click_preview)
            if mark == "rows":
                QTimer.singleShot(200, scroll_from_top)  # queued reads and layouts settle

        def click_preview() -> None:
            marks["preview_at"] = time.perf_counter() - start
            view.refresh()

        start = time.perf_counter()
        view = factory(ctx, tasks, pages)
        table = view.table
        watcher = Painted()  # kept referenced: an event filter does not keep itself alive
        table.viewport().installEventFilter(watcher)
        pages.addWidget(view)
        pages.setCurrentWidget(view)

        ticks = [0]
        scroller = QTimer(interval=SCROLL_TICK_MS)

        def scroll_from_top() -> None:
            marks["load_stall"] = stall_so_far()
            marks["load_gc"] = collection_so_far()
            marks["scroll_started"] = time.perf_counter()
            scroller.timeout.connect(scroll_on)
            scroller.start()

        def at_end() -> bool:
            model, bar = table.model(), table.verticalScrollBar()
            rows = model.rowCount()
            if model.canFetchMore(QModelIndex()) or bar.value() < bar.maximum() or rows == 0:
                return False
            last = table.visualRect(model.index(rows - 1, 0))
            return last.isValid() and table.viewport().rect().intersects(last)

        def scroll_on() -> None:
            ticks[0] += 1
            if at_end():
                scroller.stop()
                QTimer.singleShot(100, finish)  # the last page's paint is timed too
                return
            bar = table.verticalScrollBar()
            if bar.value() >= bar.maximum():
                # At the bottom, the view fetches the next page itself; should it not have
                # (the rows arrived between two ticks), asking again does it.
                table.scrollToBottom()
            else:
                bar.setValue(bar.value() + bar.pageStep())

        def finish() -> None:
            marks["scroll_stall"] = stall_so_far()
            marks["scroll_gc"] = collection_so_far()
            marks["scroll_seconds"] = time.perf_counter() - marks["scroll_started"]
            marks["rows_at_end"] = table.model().rowCount()
            marks["ticks"] = ticks[0]
            app.quit()

        QTimer.singleShot(60_000, app.quit)  # a view that never shows rows ends the run
        app.exec()
        tasks.wait()
    print(json.dumps(marks), flush=True)
    os._exit(0)  # skip interpreter teardown: only the marks matter, and PySide6 may abort in it


def timed(key: str, data: Path, freeze: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", key, str(data)]
    # A settings folder of its own: the views remember column widths as they are resized.
    with tempfile.TemporaryDirectory(prefix="apporteur-bench-config-") as config:
        done = subprocess.run(
            [*command, *(["--gc-freeze"] if freeze else [])],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=_env(config),
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the report ------------------------------------------------------------------------------


def main(keys: list[str], freeze: bool) -> None:
    unknown = sorted(set(keys) - set(VIEWS))
    if unknown:
        raise SystemExit(f"unknown views: {', '.join(unknown)}; the list views: {', '.join(VIEWS)}")
    data = prepare()
    counts = _counts(data)
    print(f"ledger: demo --scale {SCALE} in {data}")
    print(", ".join(f"{table}: {count:,}" for table, count in counts.items()))
    print(f"runs: {RUNS} per view, each in a fresh process, offscreen, 1280×800; medians")
    if freeze:
        print("--gc-freeze: the objects alive once the view's module is imported are frozen")
    print()
    print(
        f"{'view':<14}{'rows':>6}{'frame':>7}{'rows shown':>12}{'load stall':>12}{'(GC)':>6}"
        f"{'scroll stall':>14}{'(GC)':>6}{'scroll':>8}{'import':>8}   target < {TARGET_MS:.0f} ms"
    )
    print(
        f"{'':<14}{'':>6}{'ms':>7}{'ms':>12}{'ms':>12}{'ms':>6}{'ms':>14}{'ms':>6}{'s':>8}{'ms':>8}"
    )
    for key in keys or VIEWS:
        runs = [timed(key, data, freeze) for _ in range(RUNS)]
        if any("rows" not in run for run in runs):
            print(f"{key:<14} no rows shown within a minute")
            continue

        def ms(mark: str, runs: list[dict[str, float]] = runs) -> float:
            return median(run[mark] for run in runs) * 1000

        rows = int(median(run["rows_at_end"] for run in runs))
        frame, shown, stall = ms("frame"), ms("rows"), ms("scroll_stall")
        if key == "commissions":  # from the Preview click, not from the construction
            shown = median(run["rows"] - run["preview_at"] for run in runs) * 1000
        first_paint = min(frame, shown)  # what the user sees first
        missed = [
            name
            for name, value in (("first paint", first_paint), ("stall", stall))
            if value >= TARGET_MS
        ]
        verdict = "met" if not missed else "NOT met: " + ", ".join(missed)
        if not missed and shown >= TARGET_MS:
            verdict += ", rows later"
        seconds = median(run["scroll_seconds"] for run in runs)
        print(
            f"{key:<14}{rows:>6,}{frame:>7.0f}{shown:>12.0f}{ms('load_stall'):>12.0f}"
            f"{ms('load_gc'):>6.0f}{stall:>14.0f}{ms('scroll_gc'):>6.0f}{seconds:>8.1f}"
            f"{ms('import'):>8.0f}   {verdict}"
        )
    print()
    for line in (
        "frame: from the view's construction to the first paint of its table;",
        "rows shown: to its first paint with rows (commissions: from the Preview click);",
        "load stall: the longest UI-thread gap from the construction until the rows show;",
        "scroll stall: the longest UI-thread gap while scrolling a page at a time to the end;",
        "(GC): the longest pause of Python's garbage collector in that time, on any thread;",
        "scroll: how long the scroll to the end took; import: the view's module, first shown.",
    ):
        print(line)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    freeze = "--gc-freeze" in arguments
    if "--child" in arguments:
        position = arguments.index("--child")
        child(arguments[position + 1], arguments[position + 2], freeze)
    else:
        main([word for word in arguments if word != "--gc-freeze"], freeze)
