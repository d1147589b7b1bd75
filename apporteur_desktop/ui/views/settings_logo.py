"""The logo box of the Settings view: a preview, « Choisir un fichier… » and « Retirer ».

Unlike the form fields, a logo is saved as soon as it is chosen: it is a file picked in a
dialog, not text being typed, and the preview shows at once what the invoices will carry.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.problems import Refused
from ...services.context import AppContext
from ...services.invoice_settings import logo, set_logo
from ..feedback import show_failure
from ..tasks import TaskRunner
from ..widgets.field_errors import FieldErrors
from .settings_saving import BUSY

# The documents draw the logo 50 × 20 mm: the preview keeps that shape.
PREVIEW_WIDTH, PREVIEW_HEIGHT = 150, 60

FileChooser = Callable[[QWidget, str, str, str], tuple[str, str]]


class LogoBox(QGroupBox):
    """Shows the logo and changes it through the task runner.

    ``choose_file`` is ``QFileDialog.getOpenFileName``; tests replace it. ``reported`` is
    called with a sentence for the view's status line.
    """

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        reported: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        _ = ctx.translator.gettext
        super().__init__(_("Logo"), parent)
        self.ctx, self.tasks, self.reported = ctx, tasks, reported
        self.choose_file: FileChooser = QFileDialog.getOpenFileName
        self.errors = FieldErrors()
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.choose_button = QPushButton(_("Choose a file…"))
        self.choose_button.setObjectName("chooseLogo")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setObjectName("removeLogo")
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.errors.wrap("logo", self.preview, clear_on_edit=False))
        row.addLayout(buttons)
        row.addStretch(1)
        note = QLabel(_("PNG or JPEG, printed at the top left of the invoices issued from now on."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)

    def refresh(self) -> None:
        self.show_logo(logo(self.ctx))

    def show_logo(self, content: bytes | None) -> None:
        _ = self.ctx.translator.gettext
        self.errors.clear_all()
        pixmap = QPixmap()
        if content is not None and pixmap.loadFromData(content):
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_WIDTH - 4,
                    PREVIEW_HEIGHT - 4,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.clear()
            self.preview.setText(_("No logo"))
        self.remove_button.setEnabled(content is not None)

    def choose(self) -> None:
        _ = self.ctx.translator.gettext
        path, _filter = self.choose_file(
            self, _("Choose a logo"), str(Path.home()), _("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self._change(lambda: _read_and_set(self.ctx, Path(path)), _("Logo saved."))

    def remove(self) -> None:
        self._change(
            lambda: _set_and_return(self.ctx, None), self.ctx.translator.gettext("Logo removed.")
        )

    def _change(self, work: Callable[[], bytes | None], done_text: str) -> None:
        if not self.tasks.start(work, partial(self._changed, done_text), self._failed):
            self.reported(self.ctx.translator.gettext(BUSY))

    def _changed(self, done_text: str, content: bytes | None) -> None:
        self.show_logo(content)
        self.reported(done_text)

    def _failed(self, failure: BaseException) -> None:
        if isinstance(failure, Refused):
            left = self.errors.show_problems(self.ctx.translator, failure.problems)
            if not left:
                return
            failure = Refused(left)
        show_failure(self, self.ctx.translator, failure)


def _read_and_set(ctx: AppContext, path: Path) -> bytes:
    content = path.read_bytes()
    set_logo(ctx, content)
    return content


def _set_and_return(ctx: AppContext, content: bytes | None) -> bytes | None:
    set_logo(ctx, content)
    return content
