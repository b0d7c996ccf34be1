"""A small master workbook and bank statements written by hand, for the end-to-end bank tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from suivi.cli import cli
from suivi.workbook.template import MasterData, build_master

TODAY = "2026-11-25"  # a Wednesday


def client(name: str, email: str) -> list:
    return [name, "Société", None, None, "1 rue du Port, 69001 Lyon", None, email,
            "04 00 00 00 00", "30 jours", None, "fr", "Oui", None]


CLIENTS = [
    client("Garage Martin", "compta@garage-martin.example"),
    client("Boulangerie Dupré SARL", "contact@dupre.example"),
    client("Traiteur Nguyen EURL", "nguyen@traiteur.example"),
    client("Pharmacie Centrale", "pharma@centrale.example"),
]


@dataclass
class Row:
    number: str
    issued: date
    client: str
    ttc: str
    due: date
    paid: str | None = None
    promise: date | None = None

    def cells(self) -> list:
        ttc = Decimal(self.ttc)
        ht = (ttc / Decimal("1.2")).quantize(Decimal("0.01"))
        cells = [self.number, self.issued, self.client, "Prestation", ht, ttc - ht, ttc,
                 "30 jours", self.due, Decimal(self.paid) if self.paid else None, None, None,
                 "émise"]
        cells += [None] * (24 - len(cells))
        cells[21] = self.promise
        return cells


#: Invoices of the tests: two overdue for Garage Martin, one for Boulangerie Dupré, two small
#: ones of Traiteur Nguyen, one of Pharmacie Centrale due in a few days.
ROWS = [
    Row("FAC2026-001", date(2026, 9, 10), "Garage Martin", "480.00", date(2026, 10, 10)),
    Row("FAC2026-002", date(2026, 9, 20), "Garage Martin", "350.50", date(2026, 10, 20)),
    Row("FAC2026-003", date(2026, 10, 1), "Boulangerie Dupré SARL", "1200.00",
        date(2026, 10, 31)),
    Row("FAC2026-004", date(2026, 10, 5), "Traiteur Nguyen EURL", "845.20", date(2026, 11, 4)),
    Row("FAC2026-005", date(2026, 10, 6), "Traiteur Nguyen EURL", "154.80", date(2026, 11, 5)),
    Row("FAC2026-006", date(2026, 10, 28), "Pharmacie Centrale", "310.00", date(2026, 11, 27)),
]

CONFIG = """\
[classeur]
fichier = "suivi_factures.xlsx"

[vendeur]
nom = "Atelier Dupré SARL"
adresse = ["12 rue des Lilas"]
code_postal = "69001"
ville = "Lyon"
email = "compta@atelier.example"
iban = "FR7630006000011234567890189"
bic = "AGRIFRPP"
"""


def write_book(folder: Path, rows: list[Row] | None = None, *, installments: list | None = None,
               config: str = "") -> Path:
    """The workbook (the template, with these rows) and its suivi.toml in `folder`."""
    data = MasterData()
    data.clients = [list(c) for c in CLIENTS]
    data.invoices = [r.cells() for r in (ROWS if rows is None else rows)]
    data.installments = installments or []
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "suivi_factures.xlsx"
    build_master(path, data)
    (folder / "suivi.toml").write_text(CONFIG + config, encoding="utf-8")
    return path


def csv_statement(path: Path, lines: list[tuple[str, str, str]]) -> Path:
    """A French bank CSV export (Société Générale style): account line above the table, `;`,
    decimal comma, cp1252. Lines are (jj/mm/aaaa, libellé, montant)."""
    days = sorted(day[6:] + day[3:5] + day[:2] for day, _, _ in lines)  # aaaammjj
    first, last = (f"{d[6:]}/{d[4:6]}/{d[:4]}" for d in (days[0], days[-1]))
    text = f'="00050123456789";{first};{last};\n'  # the account and the period
    text += "Date;Libellé;Montant;Devise;\n"
    text += "".join(f"{day};{label};{amount};EUR;\n" for day, label, amount in lines)
    path.write_bytes(text.encode("cp1252"))
    return path


def invoke(folder: Path, *args: object):
    """Run the CLI on the workbook of `folder` (its suivi.toml given with --config)."""
    argv = [str(a) for a in args] + ["--config", str(folder / "suivi.toml")]
    if "--date" not in argv:
        argv += ["--date", TODAY]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def flat(result) -> str:
    """The command's output on one line (the console wraps long lines)."""
    return " ".join(result.output.split())


def sheet(path: Path, name: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def invoice_cells(path: Path, number: str) -> dict[str, object]:
    rows = sheet(path, "Factures")
    header = rows[0]
    row = next(r for r in rows if r[0] == number)
    return dict(zip(header, row))
