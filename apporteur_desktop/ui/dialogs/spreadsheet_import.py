"""« Importer un tableur… »: contacts, introductions, engagements or revenue from a CSV or .xlsx.

Step 1 chooses what to import and the file; step 2 maps the file's columns to what the import
needs, shows the rows as they will be imported with every problem at its cell, and imports them
all, or none when anything is wrong. Reading, checking and importing run through the task runner:
a large workbook never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Problem, Refused
from ...exchange.spreadsheet import Table, column_letter, read_table
from ...i18n import N_
from ...services.context import AppContext
from ...services.spreadsheet_fields import TARGET_NAMES, TARGETS, TargetField
from ...services.spreadsheet_import import (
    TARGET_FIELDS,
    ImportDone,
    ImportPreview,
    apply_import,
    guess_mapping,
    preview_import,
    problem_place,
    word_import_done,
    word_row_notice,
    word_row_problem,
)
from ...services.wording import word_failure
from ..feedback import show_failure
from ..models.spreadsheet_preview import PreviewModel
from ..progress import start_with_progress
from ..qt_setup import APPLICATION, ORGANISATION
from ..tasks import TaskRunner
from ..widgets.field_errors import FieldErrors

FileChooser = Callable[[QWidget, str, str, str], tuple[str, str]]
SPLITTER_KEY = "spreadsheetImport/splitter"
GEOMETRY_KEY = "spreadsheetImport/geometry"
FOLDER_KEY = "spreadsheetImport/folder"
TARGET_HINTS = {
    "contacts": N_("Providers, clients and introducers, with their identity and address."),
    "introductions": N_("Clients introduced under an agreement, on a date; new clients are added."),
    "engagements": N_("Trials, long-term contracts and one-off missions of introduced clients."),
    "revenue": N_("What each provider billed each client, month by month, excluding VAT."),
}


class SpreadsheetImportDialog(QDialog):
    """Imports one spreadsheet; ``imported`` carries the :class:`ImportDone` when it is done."""

    imported = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        choose_file: FileChooser = QFileDialog.getOpenFileName,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.tasks, self._choose_file = ctx, tasks, choose_file
        self._ = ctx.translator.gettext
        self.path: Path | None = None
        self.table: Table | None = None
        self.preview: ImportPreview | None = None
        self.outcome: ImportDone | None = None
        self._checked: tuple[str, dict[str, int | None]] | None = None  # what the preview shows
        self._waiting: Callable[[], None] | None = None  # work to start when the runner is free
        self._importing = False
        self._built: tuple[str, Table] | None = None  # what the column choices were made for
        self.combos: dict[str, QComboBox] = {}
        self.setObjectName("spreadsheetImportDialog")
        self.setWindowTitle(self._("Import a spreadsheet"))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._mapping_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        tasks.busy_changed.connect(self._runner_free)
        self._restore()

    # --- step 1: what and which file --------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        _ = self._
        page = QWidget(self, objectName="choosePage")
        box = QGroupBox(_("What do you want to import?"), page)
        self.kinds = QButtonGroup(self)
        column = QVBoxLayout(box)
        for index, target in enumerate(TARGETS):
            radio = QRadioButton(_(TARGET_NAMES[target]), box, objectName=f"target_{target}")
            radio.setToolTip(_(TARGET_HINTS[target]))
            hint = QLabel(_(TARGET_HINTS[target]), box, wordWrap=True)
            hint.setContentsMargins(24, 0, 0, 6)
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.kinds.addButton(radio, index)
            column.addWidget(radio)
            column.addWidget(hint)
        self.kinds.button(0).setChecked(True)
        self.file_field = QLineEdit(page, objectName="fileField", readOnly=True)
        self.file_field.setPlaceholderText(_("No file chosen"))
        self.file_errors = FieldErrors()
        self.choose_button = QPushButton(_("&Choose a file…"), page, objectName="chooseButton")
        self.choose_button.setToolTip(_("Choose a CSV file or an Excel workbook (.xlsx)."))
        self.choose_button.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_errors.wrap("file", self.file_field), 1)
        file_row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, page)
        buttons.rejected.connect(self.reject)
        self.next_button = buttons.addButton(_("&Next"), QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.setObjectName("nextButton")
        self.next_button.setToolTip(_("Map the file's columns and check its rows."))
        self.next_button.setEnabled(False)
        self.next_button.clicked.connect(self._to_mapping)
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addWidget(QLabel(_("File:"), page))
        layout.addLayout(file_row)
        how = QLabel(
            _(
                "The first row of the sheet must name its columns. Next, you say which column "
                "holds what, and see every row as it will be imported before anything is saved."
            ),
            page,
            wordWrap=True,
        )
        how.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(how)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def target(self) -> str:
        return TARGETS[max(self.kinds.checkedId(), 0)]

    def _choose(self) -> None:
        _ = self._
        settings = QSettings(ORGANISATION, APPLICATION)
        folder = str(settings.value(FOLDER_KEY, str(Path.home())))
        chosen, _kind = self._choose_file(
            self, _("Choose a spreadsheet"), folder, _("Spreadsheets (*.csv *.xlsx)")
        )
        if not chosen:
            return
        self.path = Path(chosen)
        settings.setValue(FOLDER_KEY, str(self.path.parent))
        self.file_field.setText(str(self.path))
        self._read(None)

    def _read(self, sheet: str | None) -> None:
        path = self.path
        assert path is not None
        self.file_errors.clear_all()
        self.next_button.setEnabled(False)
        self._start(partial(read_table, path, sheet), self._read_done, self._read_failed)

    def _read_done(self, table: Table) -> None:
        self.table = table
        self.next_button.setEnabled(True)
        self._to_mapping()

    def _read_failed(self, failure: BaseException) -> None:
        lines = word_failure(self.ctx.translator, failure)
        if lines is None:
            raise failure
        self.table = None
        self.pages.setCurrentIndex(0)
        self.file_errors.show("file", "\n".join(lines))

    # --- step 2: the mapping, the rows, the problems -------------------------------------------

    def _mapping_page(self) -> QWidget:
        _ = self._
        page = QWidget(self, objectName="mappingPage")
        self.file_label = QLabel(page, objectName="fileLabel")
        self.sheet_label = QLabel(_("Sheet:"), page)
        self.sheet_combo = QComboBox(page, objectName="sheetCombo")
        self.sheet_combo.setToolTip(_("The sheet of the workbook to import."))
        self.sheet_combo.activated.connect(lambda _i: self._read(self.sheet_combo.currentText()))
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        self.mapping_box = QGroupBox(page, objectName="mappingBox")
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.model = PreviewModel(self.ctx.translator, self)
        self.table_view = QTableView(page, objectName="previewTable")
        self.table_view.setModel(self.model)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setWordWrap(False)
        self.table_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.table_view.horizontalHeader().setStretchLastSection(True)
        self.table_view.setToolTip(_("The rows as they will be imported; problems in red."))
        self.problem_list = QListWidget(page, objectName="problemList")
        self.problem_list.setToolTip(_("Select a problem to see its cell."))
        self.problem_list.currentItemChanged.connect(lambda item, _old: self._go_to(item))
        self.problem_list.itemClicked.connect(self._go_to)
        self.splitter = QSplitter(Qt.Orientation.Vertical, page, objectName="importSplitter")
        self.splitter.addWidget(self.table_view)
        self.splitter.addWidget(self.problem_list)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.status = QLabel(page, objectName="importStatus", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, page)
        self.buttons.rejected.connect(self.reject)
        back = self.buttons.addButton(_("&Back"), QDialogButtonBox.ButtonRole.ResetRole)
        back.setObjectName("backButton")
        back.setToolTip(_("Choose another kind of data or another file."))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.import_button = self.buttons.addButton(
            _("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(
            _("Import every row at once; possible only when no problem is left.")
        )
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self._import)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        return page

    def _to_mapping(self) -> None:
        table = self.table
        if table is None:
            return
        _ = self._
        name = self.path.name if self.path else ""
        self.file_label.setText(_("File: {name}").format(name=name))
        several = len(table.sheets) > 1
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(table.sheets))
        self.sheet_combo.setCurrentText(table.sheet)
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        target = self.target()
        self.mapping_box.setTitle(
            _("Which column holds what — {what}").format(what=_(TARGET_NAMES[target]))
        )
        if self._built is None or self._built[0] != target or self._built[1] is not table:
            self._fill_mapping(target, table, guess_mapping(target, table.headers))
            self._built = (target, table)
        self.pages.setCurrentIndex(1)
        self._check()

    def _fill_mapping(self, target: str, table: Table, mapping: dict[str, int | None]) -> None:
        _ = self._
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = {}
        fields = TARGET_FIELDS[target]
        half = (len(fields) + 1) // 2
        names = self._column_names(table)
        for n, field in enumerate(fields):
            label = QLabel(self._field_label(field), self.mapping_box)
            combo = QComboBox(self.mapping_box, objectName=f"column_{field.key}")
            combo.addItem(_("(none)"), None)
            for index, name in enumerate(names):
                combo.addItem(name, index)
            combo.setCurrentIndex(combo.findData(mapping.get(field.key)))
            combo.setToolTip(
                _("The file's column that holds « {field} »").format(field=_(field.label))
            )
            label.setBuddy(combo)
            combo.activated.connect(lambda _i: self._check())
            row, pair = n % half, n // half
            self.mapping_grid.addWidget(label, row, pair * 2)
            self.mapping_grid.addWidget(combo, row, pair * 2 + 1)
            self.combos[field.key] = combo
        for pair in (1, 3):
            self.mapping_grid.setColumnStretch(pair, 1)
        required = QLabel(_("* required"), self.mapping_box)
        required.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.mapping_grid.addWidget(required, half, 0, 1, 4)

    def _field_label(self, field: TargetField) -> str:
        text = self._(field.label)
        return f"{text} *" if field.required else text

    @staticmethod
    def _column_names(table: Table) -> list[str]:
        """The headings, with the column's letter where two headings read the same."""
        twice = {h for h in table.headers if table.headers.count(h) > 1}
        return [
            f"{h} ({column_letter(i)})" if h in twice else h for i, h in enumerate(table.headers)
        ]

    def _sources(self) -> dict[str, str]:
        return {
            key: combo.currentText() for key, combo in self.combos.items() if combo.currentIndex()
        }

    def mapping(self) -> dict[str, int | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def _check(self) -> None:
        """Check the rows under the mapping shown (again, when it changed meanwhile)."""
        table = self.table
        if table is None:
            return
        wanted = (self.target(), self.mapping())
        self.import_button.setEnabled(False)
        self.status.setText(self._("Checking the rows…"))
        work = partial(preview_import, self.ctx, wanted[0], table, wanted[1])
        self._start(work, partial(self._checked_rows, wanted), self._failed)

    def _checked_rows(
        self, asked: tuple[str, dict[str, int | None]], preview: ImportPreview
    ) -> None:
        if asked != (self.target(), self.mapping()):
            self._check()  # the user changed a column while it ran: this one is stale
            return
        self._checked, self.preview = asked, preview
        self._show(preview.problems, preview)

    def _show(self, problems: Sequence[Problem], preview: ImportPreview) -> None:
        tr = self.ctx.translator
        target = preview.target
        self.model.show(preview, problems, self.palette(), self._sources())
        self.problem_list.clear()
        for problem in problems:
            item = QListWidgetItem(word_row_problem(tr, target, problem), self.problem_list)
            item.setData(Qt.ItemDataRole.UserRole, problem_place(problem))
        for notice in preview.notices:
            item = QListWidgetItem("⚠ " + word_row_notice(tr, notice), self.problem_list)
            if isinstance(row := notice.params.get("row"), int):
                item.setData(Qt.ItemDataRole.UserRole, (row, ""))
        count = len(preview.rows)
        if problems:
            text = tr.ngettext(
                "{n} problem to fix, in the file or in the columns chosen, before importing.",
                "{n} problems to fix, in the file or in the columns chosen, before importing.",
                len(problems),
            ).format(n=len(problems))
        else:
            text = tr.ngettext(
                "{n} row ready to import.", "{n} rows ready to import.", count
            ).format(n=count)
        self.status.setText(text)
        self.import_button.setEnabled(preview.ready and not problems and not self.tasks.busy)

    def _go_to(self, item: QListWidgetItem | None) -> None:
        """Show the problem's cell, or the column choice it is about."""
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        row, key = item.data(Qt.ItemDataRole.UserRole)
        index = self.model.index_of(row, key) if row is not None else None
        if index is not None and index.isValid():
            self.table_view.setCurrentIndex(index)
            self.table_view.scrollTo(index)
        elif key in self.combos:
            self.combos[key].setFocus()

    # --- importing ---------------------------------------------------------------------------

    def _import(self) -> None:
        if self.table is None or self._checked is None or not self.import_button.isEnabled():
            return
        target, mapping = self._checked
        work = partial(apply_import, self.ctx, target, self.table, mapping)
        label = self._("Importing…")
        self._importing = True
        self.import_button.setEnabled(False)
        if (
            start_with_progress(self, self.tasks, label, work, self._imported, self._refused)
            is None
        ):
            self._importing = False
            self.status.setText(self._("Another task is running: try again when it has finished."))

    def _imported(self, done: ImportDone) -> None:
        tr = self.ctx.translator
        self._importing = False
        self.outcome = done
        lines = [word_import_done(tr, done.counts), *(word_row_notice(tr, n) for n in done.notices)]
        self.status.setText("\n".join(lines))
        self.imported.emit(done)
        box = QMessageBox(
            QMessageBox.Icon.Information, self._("Import a spreadsheet"), lines[0], parent=self
        )
        box.setObjectName("importDoneMessage")
        if len(lines) > 1:
            box.setInformativeText("\n".join(lines[1:]))
        box.finished.connect(lambda _r: self.accept())
        box.open()

    def _refused(self, failure: BaseException) -> None:
        self._importing = False
        if isinstance(failure, Refused) and self.preview is not None:
            self._show(failure.problems, self.preview)
            self.status.setText(
                self._("Nothing was imported: the ledger changed since the check.")
                + "\n"
                + self.status.text()
            )
            return
        self._failed(failure)

    def _failed(self, failure: BaseException) -> None:
        self.status.setText(self._("Nothing was imported."))
        show_failure(self, self.ctx.translator, failure)

    # --- the task runner, shared with the rest of the window ------------------------------------

    def _start(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        error: Callable[[BaseException], None],
    ) -> None:
        alive = self.import_button  # the dialog may be gone when the answer comes back

        def start() -> None:
            self.tasks.start(
                work,
                lambda result: shiboken6.isValid(alive) and done(result),
                lambda failure: shiboken6.isValid(alive) and error(failure),
            )

        if self.tasks.busy:
            self._waiting = start  # the latest request replaces an earlier one
        else:
            start()

    def _runner_free(self, busy: bool) -> None:
        if not busy and self._waiting is not None:
            waiting, self._waiting = self._waiting, None
            waiting()

    # --- closing and remembered sizes -----------------------------------------------------------

    def _restore(self) -> None:
        settings = QSettings(ORGANISATION, APPLICATION)
        geometry, splitter = settings.value(GEOMETRY_KEY), settings.value(SPLITTER_KEY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(980, 720)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def done(self, result: int) -> None:  # type: ignore[override]
        settings = QSettings(ORGANISATION, APPLICATION)
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        super().done(result)

    def reject(self) -> None:
        # While the import runs, leaving would hide whether it happened.
        if not self._importing:
            super().reject()
