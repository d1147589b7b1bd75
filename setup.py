"""Package list for setuptools; everything else lives in pyproject.toml.

pyproject.toml can either discover packages or list them, not both. The wheel needs both: every
package under apporteur_desktop/, plus the top-level resources/ folder shipped as the package
apporteur_desktop.resources (mapped in [tool.setuptools.package-dir]), its data folders included.
"""

from setuptools import find_namespace_packages, find_packages, setup

RESOURCES = "apporteur_desktop.resources"

setup(
    packages=[
        *find_packages(include=["apporteur_desktop", "apporteur_desktop.*"]),
        RESOURCES,
        *(
            f"{RESOURCES}.{folder}"
            for folder in find_namespace_packages(where="resources", exclude=["*__pycache__*"])
        ),
    ],
)
