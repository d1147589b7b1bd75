"""The « Application » tab of the Settings view: the language and where the data lives.

The language belongs to this computer, not to the ledger, so it is kept in QSettings (read by
``ui.app`` at start-up) and saved as soon as it is picked; the window is built in one language,
so the choice applies at the next start.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import LANGUAGES
from ...services.context import AppContext
from ..qt_setup import APPLICATION, ORGANISATION

LANGUAGE_KEY = "language"
# Each language is named in itself, so that someone who cannot read the current one finds theirs.
ENDONYMS = {"fr": "Français", "en": "English"}


class ApplicationSection(QWidget):
    """The language picker and the data folder.

    ``open_url`` opens the data folder in the file manager; tests replace it.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        _ = ctx.translator.gettext
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in LANGUAGES:
            self.language.addItem(ENDONYMS[code], code)
        self.language.setCurrentIndex(self.language.findData(ctx.translator.language))
        self.language.activated.connect(self._language_picked)
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # One short sentence, not wrapped: the form keeps its fields at their size hint, and
        # a wrapping label's hint is a narrow column.
        language_note = QLabel(_("The new language applies the next time the app starts."))
        language_box = QGroupBox(_("Language"))
        language_form = QFormLayout(language_box)
        # Two short names: a combo as wide as the window would look like a text field.
        language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        language_form.addRow(_("Language of the app"), self.language)
        language_form.addRow("", language_note)

        self.data_dir = QLabel(str(ctx.paths.data_dir))
        self.data_dir.setObjectName("dataFolder")
        self.data_dir.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir.setWordWrap(True)
        self.open_button = QPushButton(_("Open the folder"))
        self.open_button.setObjectName("openDataFolder")
        self.open_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_dir, 1)
        folder_row.addWidget(self.open_button)
        data_note = QLabel(
            _(
                "Your ledger, its backups and your issued invoices are kept here, on this "
                "computer only. Copy the whole folder to keep a backup elsewhere."
            )
        )
        data_note.setWordWrap(True)
        data_box = QGroupBox(_("Data folder"))
        data_layout = QVBoxLayout(data_box)
        data_layout.addLayout(folder_row)
        data_layout.addWidget(data_note)

        layout = QVBoxLayout(self)
        layout.addWidget(language_box)
        layout.addWidget(data_box)
        layout.addStretch(1)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def _language_picked(self) -> None:
        QSettings(ORGANISATION, APPLICATION).setValue(LANGUAGE_KEY, self.chosen_language())

    def open_data_folder(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(self.ctx.paths.data_dir)))
