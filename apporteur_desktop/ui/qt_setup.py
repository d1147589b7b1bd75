"""What the Qt application needs before the first window: fonts, Qt's own translations, names.

The bundled DejaVu Sans is registered so that text renders even on a system without fonts
(a bare container, the offscreen platform), and Qt's own strings (standard buttons, file
dialogs) follow the app's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..infra.resources import resource_file

ORGANISATION = "Apporteur"
APPLICATION = "Apporteur Desktop"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def configure_application(app: QApplication, language: str) -> None:
    """Names (for QSettings), the bundled font, and Qt's translations for ``language``."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    register_fonts(app)
    install_qt_translations(app, language)


def register_fonts(app: QApplication) -> None:
    families = []
    for name in FONT_FILES:
        with resource_file("fonts", name) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    # Where the system has no font of its own, the bundled one becomes the default.
    if families and app.font().family() not in QFontDatabase.families():
        app.setFont(QFont(families[0], 10))


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own words (« Annuler », « Enregistrer sous… ») in the app's language."""
    QLocale.setDefault(
        QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English)
    )
    if language == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
