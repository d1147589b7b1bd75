"""The dependency direction that import-linter cannot see on its own.

import-linter (``lint-imports``, contracts in pyproject.toml) checks the static import graph. These
tests check what actually happens at import time, so that a lazy or dynamic import of Qt in the
core fails too, and they cover modules added later without a list to maintain.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "apporteur_desktop"

# Imports every module of the package except the ui (the one package allowed to use Qt), the
# entry point that starts it, and the Alembic scripts (Alembic loads them, with its own context).
IMPORT_CORE = textwrap.dedent(
    """
    import importlib
    import pkgutil
    import sys

    import apporteur_desktop

    EXCLUDED = (
        "apporteur_desktop.ui",
        "apporteur_desktop.__main__",
        "apporteur_desktop.storage.migrations",
    )
    QT = ("PySide6", "shiboken6")


    def excluded(name):
        return any(name == prefix or name.startswith(prefix + ".") for prefix in EXCLUDED)


    def qt_loaded():
        return sorted(m for m in sys.modules if m.split(".")[0] in QT)


    def walk(package):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if excluded(info.name):
                continue
            module = importlib.import_module(info.name)
            if qt_loaded():
                sys.exit(f"importing {info.name} loads Qt: {qt_loaded()[:5]}")
            yield info.name
            if info.ispkg:
                yield from walk(module)


    imported = list(walk(apporteur_desktop))
    for expected in ("domain", "engine", "storage", "services", "cli", "i18n", "infra.paths"):
        assert "apporteur_desktop." + expected in imported, expected
    assert not qt_loaded(), qt_loaded()
    print(len(imported))
    """
)


def test_the_core_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CORE],
        capture_output=True,
        text=True,
        check=False,
        cwd=PACKAGE_DIR.parent,
    )
    assert result.returncode == 0, result.stderr or result.stdout


def _imported_modules(source: Path, package: str) -> set[str]:
    """Absolute names of the modules ``source`` imports, relative imports resolved."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.add(node.module)
    return names


def test_the_domain_uses_only_the_standard_library() -> None:
    domain = PACKAGE_DIR / "domain"
    problems = []
    for source in sorted(domain.rglob("*.py")):
        module = ".".join(source.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if source.name == "__init__.py":
            package = module.removesuffix(".__init__")
        else:
            package = module.rpartition(".")[0]
        for name in sorted(_imported_modules(source, package)):
            top = name.split(".")[0]
            inside = name == "apporteur_desktop.domain" or name.startswith(
                "apporteur_desktop.domain."
            )
            if not (inside or top == "__future__" or top in sys.stdlib_module_names):
                problems.append(f"{source.relative_to(PACKAGE_DIR.parent)} imports {name}")
    assert not problems, "\n".join(problems)
