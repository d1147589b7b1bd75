"""The one way to reach the files shipped in ``resources/`` (fonts, icons, translations).

The top-level ``resources/`` folder of the source tree is installed as the package
``apporteur_desktop.resources``, so the same calls work from an editable install and from a built
wheel; from a checkout that is not installed at all, the folder is read in place. Callers get a
:class:`~importlib.resources.abc.Traversable` (open it, read it) or, when a library insists on a
real file name, a path from :func:`resource_file`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

RESOURCES_PACKAGE = "apporteur_desktop.resources"

# The folder in a source checkout, used when the project is not installed (a bare PYTHONPATH).
_SOURCE_TREE_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def resource_root() -> Traversable:
    """The root of the shipped resources."""
    try:
        return files(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        if _SOURCE_TREE_RESOURCES.is_dir():
            return _SOURCE_TREE_RESOURCES
        raise


def resource_path(*parts: str) -> Traversable:
    """A shipped resource, named by its path parts under ``resources/``.

    >>> resource_path("locale", "fr", "LC_MESSAGES", "apporteur.mo").name
    'apporteur.mo'
    """
    location = resource_root()
    for part in parts:
        location = location.joinpath(part)
    return location


@contextmanager
def resource_file(*parts: str) -> Iterator[Path]:
    """A real file-system path to a shipped resource, valid inside the ``with`` block.

    From an installed package the path is the file itself; from a zipped distribution it is a
    temporary copy removed on exit.
    """
    with as_file(resource_path(*parts)) as path:
        yield path
