# Apporteur Desktop: set-up, run, test, translations.
#
#   make run        set up .venv if needed, then start the desktop app
#   make test       set up, make sure Qt can start offscreen, then lint, check imports and run the tests
#   make lint       ruff check, ruff format --check, lint-imports
#   make format     ruff format and the fixable lint rules
#   make catalogue  extract messages, update the fr and en catalogues, compile the .mo files
#   make screenshots  render every view and the main dialogs over a demo ledger to docs/screenshots
#   make clean      remove build outputs and caches (keeps .venv)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; the install runs again when the packaging files change.
STAMP := $(VENV)/.installed

LOCALE_DIR := resources/locale
DOMAIN := apporteur
POT := $(LOCALE_DIR)/$(DOMAIN).pot
LANGUAGES := fr en

# Prefix for the apt-get commands: nothing when running as root (CI), sudo otherwise.
AS_ROOT = $$( [ "$$(id -u)" = 0 ] || echo sudo ) env DEBIAN_FRONTEND=noninteractive

# System libraries PySide6 needs to start with QT_QPA_PLATFORM=offscreen (Debian package names):
# libQt6Gui links EGL, GL (and through it X11), xkbcommon, fontconfig/freetype and glib; QtDBus
# links libdbus; QtNetwork links brotli and GSSAPI. fonts-dejavu-core gives offscreen text a font.
QT_APT_PACKAGES := libegl1 libgl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 \
	libdbus-1-3 libglib2.0-0 libbrotli1 libgssapi-krb5-2 fonts-dejavu-core
QT_PROBE := QT_QPA_PLATFORM=offscreen $(BIN)/python -c \
	'import sys; from PySide6.QtWidgets import QApplication, QWidget; app = QApplication(sys.argv[:1]); QWidget().show()'

.PHONY: help setup run test lint format catalogue screenshots qt-deps clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# --- set-up -----------------------------------------------------------------------------------------

# Debian ships venv (ensurepip) separately from python3: install it when venv creation fails.
$(BIN)/python:
	@if ! $(PYTHON) -m venv $(VENV); then \
		rm -rf $(VENV); \
		if command -v apt-get >/dev/null; then \
			echo "python3 -m venv failed: installing python3-venv"; \
			$(AS_ROOT) apt-get update; \
			$(AS_ROOT) apt-get install -y --no-install-recommends python3-venv; \
			$(PYTHON) -m venv $(VENV); \
		else \
			echo "python3 -m venv failed; install the venv module of Python 3.11 or later" >&2; exit 1; \
		fi; \
	fi

$(STAMP): pyproject.toml constraints.txt setup.py | $(BIN)/python
	$(BIN)/pip install -c constraints.txt -e '.[dev]'
	touch $@

setup: $(STAMP)

qt-deps: $(STAMP)
	@if ! $(QT_PROBE) >/dev/null 2>&1; then \
		if ! command -v apt-get >/dev/null; then \
			echo "Qt cannot start offscreen and apt-get is not available; missing libraries:" >&2; \
			$(MAKE) --no-print-directory qt-missing >&2; exit 1; \
		fi; \
		echo "Qt cannot start offscreen: installing its system libraries"; \
		$(AS_ROOT) apt-get update; \
		$(AS_ROOT) apt-get install -y --no-install-recommends --no-upgrade $(QT_APT_PACKAGES); \
		if ! $(QT_PROBE); then \
			echo "Qt still cannot start offscreen; missing libraries:" >&2; \
			$(MAKE) --no-print-directory qt-missing >&2; exit 1; \
		fi; \
	fi

# Lists the shared libraries the Qt libraries used offscreen cannot find (diagnostics only).
.PHONY: qt-missing
qt-missing:
	@qt=$$($(BIN)/python -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))'); \
	for lib in $$qt/Qt/lib/libQt6{Core,Gui,Widgets,DBus,Network,Test}.so.6 \
		$$qt/Qt/plugins/platforms/libqoffscreen.so $$qt/Qt{Core,Gui,Widgets}.abi3.so; do \
		ldd $$lib | grep 'not found' || true; \
	done | sort -u

# --- everyday targets -------------------------------------------------------------------------------

run: $(STAMP)
	$(BIN)/apporteur-desktop

test: qt-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -n auto -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# --- translations -----------------------------------------------------------------------------------
# Message ids are English. The keywords that mark a message are in [tool.babel] of pyproject.toml
# (pybabel wants at least one on the command line once the defaults are off). The French catalogue
# is translated by hand; the English one is filled with the ids. The .mo files are committed.

catalogue: $(STAMP)
	$(BIN)/pybabel --quiet extract --mapping-file=pyproject.toml --no-default-keywords --keyword=N_ \
		--project="Apporteur Desktop" --copyright-holder="the Apporteur Desktop authors" --version="$$($(BIN)/python -c \
			'import apporteur_desktop; print(apporteur_desktop.__version__)')" \
		--sort-output --width=100 --output-file=$(POT) apporteur_desktop
	for lang in $(LANGUAGES); do \
		$(BIN)/pybabel --quiet update --input-file=$(POT) --output-dir=$(LOCALE_DIR) --domain=$(DOMAIN) \
			--locale=$$lang --init-missing --ignore-obsolete --width=100; \
	done
	$(BIN)/python tools/fill_english_catalogue.py $(LOCALE_DIR)/en/LC_MESSAGES/$(DOMAIN).po
	$(BIN)/pybabel compile --directory=$(LOCALE_DIR) --domain=$(DOMAIN) --statistics

screenshots: qt-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

# --- housekeeping -----------------------------------------------------------------------------------

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .hypothesis .import_linter_cache benchmarks/.data
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
