"""Masters for the daily-run benchmark (`bench_daily.py`), in the suivi template's layout.

    python benchmarks/daily_master.py OUT.xlsx [--rows 100000] [--late 1000] [--date 2026-11-25]

A company five years into its tracker: `rows` invoice rows in Factures (the last `new` of them
still to number today: no number, « à émettre »), 2,000 clients, every invoice issued more than
90 days ago paid (with its Paiements row), `late` invoices past due and unpaid (chosen among
those issued 30–90 days ago, then the most recent older ones), everything issued in the last
30 days open and not yet due. Invoices issued more than 90 days ago carry the PDF path an
earlier tool gave them (`factures/AAAA/N°.pdf`); recent ones have none, as in a tracker being
adopted. The Journal holds the first reminder of every invoice paid more than 15 days late.

Up to `TABLE_LIMIT` rows the sheets are Excel Tables with the template's formats (as
`suivi init` makes them); above it (the 1,048,576-row master) xlsxwriter's constant-memory mode
is used, which cannot write Tables: plain ranges with the same headers and formats.
"""
from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import xlsxwriter

from suivi.demo import demo_identity
from suivi.workbook.template import (
    CLIENT_COLUMNS,
    CONTRACT_COLUMNS,
    DATE_FORMAT,
    INVOICE_COLUMNS,
    JOURNAL_COLUMNS,
    LINE_COLUMNS,
    MONEY_FORMAT,
    PAYMENT_COLUMNS,
)

EXCEL_ROWS = 1_048_576
TABLE_LIMIT = 300_000
EPOCH = date(1899, 12, 30)
LABELS = ("Maintenance informatique mensuelle", "Audit de sécurité du système d'information",
          "Formation bureautique (2 jours)", "Hébergement et sauvegarde (trimestre)",
          "Développement module de réservation", "Intervention sur site – dépannage serveur")
CITIES = ("Lyon", "Grenoble", "Annecy", "Valence", "Chambéry", "Saint-Étienne", "Mâcon")
REPS = ("Claire", "Thomas", "Nadia")


@dataclass(frozen=True)
class MasterSpec:
    rows: int = 100_000          # invoice rows in Factures, new rows included
    late: int = 1_000
    clients: int = 2_000
    new: int = 100
    years: int = 5
    today: date = date(2026, 11, 25)
    seed: int = 20261125


@dataclass
class Counts:
    invoices: int = 0
    paid: int = 0
    late: int = 0
    not_due: int = 0
    new: int = 0
    payments: int = 0
    journal: int = 0
    late_numbers_with_pdf: list[str] = field(default_factory=list)


def serial(day: date) -> int:
    return (day - EPOCH).days


def client_rows(spec: MasterSpec) -> list[list]:
    from stdnum import luhn
    from stdnum.fr import siren as fr_siren

    rows = []
    for i in range(spec.clients):
        body = f"{30000000 + i * 7919 % 60000000:08d}"
        siren = body + luhn.calc_check_digit(body)
        city = CITIES[i % len(CITIES)]
        rows.append([f"Client {i:04d} SAS", "Société", siren, "FR" + fr_siren.to_tva(siren),
                     f"{1 + i % 120} rue de la République, 69002 {city}", None,
                     f"compta@client{i:04d}.example", "04 72 00 00 00", "30 jours", None, "fr",
                     "Oui", None])
    return rows


def late_indices(spec: MasterSpec, issue_days: list[date], rng: random.Random) -> set[int]:
    """Which of the dated invoices are past due and unpaid."""
    d = spec.today
    past_due = [i for i, day in enumerate(issue_days) if day < d - timedelta(days=30)]
    window = [i for i in past_due if issue_days[i] >= d - timedelta(days=90)]
    if spec.late <= len(window):
        return set(rng.sample(window, spec.late))
    older = [i for i in past_due if issue_days[i] < d - timedelta(days=90)]
    extra = spec.late - len(window)
    return set(window) | set(older[len(older) - extra:])


class Sheets:
    """The workbook being written: formats, and one writer per sheet."""

    def __init__(self, path: Path, spec: MasterSpec) -> None:
        self.tables = spec.rows <= TABLE_LIMIT
        self.wb = xlsxwriter.Workbook(str(path), {
            "constant_memory": not self.tables, "strings_to_numbers": False,
            "strings_to_formulas": False, "strings_to_urls": False})
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.header = self.wb.add_format({**base, "bold": True, "font_color": "#FFFFFF",
                                          "bg_color": "#1F4E79", "text_wrap": True})
        self.formats = {"text": self.wb.add_format({**base, "num_format": "@"}),
                        "date": self.wb.add_format({**base, "num_format": DATE_FORMAT}),
                        "money": self.wb.add_format({**base, "num_format": MONEY_FORMAT}),
                        "int": self.wb.add_format({**base, "num_format": "0"})}

    def add(self, name: str, columns, n_rows: int):
        ws = self.wb.add_worksheet(name)
        ws.freeze_panes(1, 0)
        for c, (_, kind, width) in enumerate(columns):
            kind = "money" if kind in ("formula", "number", "percent") else kind
            ws.set_column(c, c, width, self.formats.get(kind, self.formats["text"]))
        headers = [header for header, _, _ in columns]
        if self.tables:
            ws.add_table(0, 0, max(n_rows, 1), len(columns) - 1, {
                "name": name, "style": "Table Style Medium 2",
                "columns": [{"header": h, "header_format": self.header} for h in headers]})
        else:
            ws.write_row(0, 0, headers, self.header)
        return ws


def amounts(rng: random.Random) -> tuple[int, int, int]:
    """HT, VAT at 20 % and TTC, in cents."""
    ht = rng.randint(10_000, 1_000_000)
    vat = (ht * 20 + 50) // 100
    return ht, vat, ht + vat


class MasterWriter:
    """Writes the rows of each sheet in order (constant-memory mode needs it)."""

    def __init__(self, path: Path, spec: MasterSpec, clients: list[list], n_payments: int):
        self.spec, self.clients = spec, clients
        self.rng = random.Random(spec.seed + 1)
        self.out = Sheets(path, spec)
        self.fm = self.out.formats
        self.factures = self.out.add("Factures", INVOICE_COLUMNS, spec.rows)
        self.clients_ws = self.out.add("Clients", CLIENT_COLUMNS, len(clients))
        self.out.add("Lignes", LINE_COLUMNS, 0)
        self.payments = self.out.add("Paiements", PAYMENT_COLUMNS, n_payments)
        self.journal: list[tuple] = []
        self.counts = Counts()
        self.counters: dict[int, int] = {}

    def common(self, r: int, issued: date, client: list, index: int, cents: tuple) -> None:
        ws, fm = self.factures, self.fm
        ht, vat, ttc = cents
        ws.write_number(r, 1, serial(issued), fm["date"])
        ws.write_string(r, 2, client[0], fm["text"])
        ws.write_string(r, 3, LABELS[index % len(LABELS)], fm["text"])
        ws.write_number(r, 4, ht / 100, fm["money"])
        ws.write_number(r, 5, vat / 100, fm["money"])
        ws.write_number(r, 6, ttc / 100, fm["money"])
        ws.write_string(r, 7, "30 jours", fm["text"])
        ws.write_string(r, 18, REPS[index % len(REPS)], fm["text"])

    def balance(self, r: int, status: str, rest: int) -> None:
        self.factures.write_formula(r, 11, f'=IF(G{r + 1}="","",G{r + 1}-N(J{r + 1}))',
                                    self.fm["money"], rest / 100)
        self.factures.write_string(r, 12, status, self.fm["text"])

    def dated(self, index: int, issued: date, late: bool) -> None:
        spec, fm, ws = self.spec, self.fm, self.factures
        self.counters[issued.year] = self.counters.get(issued.year, 0) + 1
        number = f"FAC{issued.year}-{self.counters[issued.year]:05d}"
        client = self.clients[self.rng.randrange(len(self.clients))]
        due = issued + timedelta(days=30)
        cents = amounts(self.rng)
        r = index + 1
        ws.write_string(r, 0, number, fm["text"])
        self.common(r, issued, client, index, cents)
        ws.write_number(r, 8, serial(due), fm["date"])
        paid = not late and due < spec.today
        if paid:
            self.paid(r, number, client, issued, due, cents[2])
        else:
            self.counts.late += late
            self.counts.not_due += not late
        self.balance(r, "réglée" if paid else "émise", 0 if paid else cents[2])
        if issued < spec.today - timedelta(days=90):
            ws.write_string(r, 23, f"factures/{issued.year}/{number}.pdf", fm["text"])
            if not paid:
                self.counts.late_numbers_with_pdf.append(number)

    def paid(self, r: int, number: str, client: list, issued: date, due: date, ttc: int) -> None:
        fm, today = self.fm, self.spec.today
        paid_on = min(max(due + timedelta(days=self.rng.randint(-20, 45)),
                          issued + timedelta(days=1)), today - timedelta(days=1))
        self.factures.write_number(r, 9, ttc / 100, fm["money"])
        self.factures.write_number(r, 10, serial(paid_on), fm["date"])
        self.counts.paid += 1
        p = self.counts.paid
        self.payments.write_number(p, 0, serial(paid_on), fm["date"])
        self.payments.write_number(p, 1, ttc / 100, fm["money"])
        self.payments.write_row(p, 2, [number, client[0], "Virement", f"VIR {number}"],
                                fm["text"])
        if paid_on > due + timedelta(days=15):
            self.journal.append((due + timedelta(days=10), number, client[0], client[6]))

    def to_number(self, r: int, index: int) -> None:
        client = self.clients[self.rng.randrange(len(self.clients))]
        cents = amounts(self.rng)
        self.common(r, self.spec.today, client, index, cents)
        self.balance(r, "à émettre", cents[2])

    def finish(self) -> Counts:
        fm = self.fm
        for r, row in enumerate(self.clients, start=1):
            for c, value in enumerate(row):
                if value is not None:
                    self.clients_ws.write_string(r, c, value, fm["text"])
        self.journal.sort()
        journal = self.out.add("Journal", JOURNAL_COLUMNS, len(self.journal))
        for r, (day, number, name, email) in enumerate(self.journal, start=1):
            journal.write_number(r, 0, serial(day), fm["date"])
            journal.write_row(r, 1, [number, name, "Relance 1", "email", email, "envoyé"],
                              fm["text"])
        self.out.add("Contrats", CONTRACT_COLUMNS, 0)
        self.out.wb.add_worksheet("Indicateurs").write(0, 0, "Indicateurs")
        self.out.wb.close()
        counts = self.counts
        counts.invoices, counts.new = self.spec.rows, self.spec.new
        counts.payments, counts.journal = counts.paid, len(self.journal)
        return counts


def build(path: Path, spec: MasterSpec) -> Counts:
    """Write the master to `path`; return what it holds."""
    rng = random.Random(spec.seed)
    dated = spec.rows - spec.new
    start = spec.today - timedelta(days=365 * spec.years)
    span = (spec.today - start).days
    issue_days = [start + timedelta(days=i * span // dated) for i in range(dated)]
    late = late_indices(spec, issue_days, rng)
    n_payments = sum(1 for i, day in enumerate(issue_days)
                     if i not in late and day < spec.today - timedelta(days=30))
    writer = MasterWriter(path, spec, client_rows(spec), n_payments)
    for i, issued in enumerate(issue_days):
        writer.dated(i, issued, i in late)
    for j in range(spec.new):
        writer.to_number(dated + j + 1, j)
    return writer.finish()


CONFIG = """\
# suivi.toml du banc d'essai bench_daily.py (entreprise fictive).
[classeur]
fichier = "suivi_factures.xlsx"

[vendeur]
nom = "Rhône Numérique Services"
forme_juridique = "SARL"
capital = "20 000 €"
adresse = ["24 rue de la Charité"]
code_postal = "69002"
ville = "Lyon"
pays = "FR"
siren = "{siren}"
siret = "{siret}"
tva = "{tva}"
rcs = "RCS Lyon {siren_spaced}"
email = "facturation@rhone-numerique.example"
telephone = "04 72 00 00 00"
iban = "FR7630006000011234567890189"
bic = "AGRIFRPP"

[factures]
numero = "FAC{{AAAA}}-{{NNNNN}}"
avoir = "AV{{AAAA}}-{{NNNNN}}"
nature = "services"
"""

# A one-page PDF standing for the files an earlier tool made (attached to reminders).
PLACEHOLDER_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n")


def write_config(folder: Path) -> Path:
    path = folder / "suivi.toml"
    path.write_text(CONFIG.format(**demo_identity()), encoding="utf-8")
    return path


def write_earlier_pdfs(folder: Path, numbers: list[str]) -> None:
    """The PDFs an earlier tool made for the old invoices still open (reminders attach them)."""
    for number in numbers:
        target = folder / "factures" / number[3:7] / f"{number}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(PLACEHOLDER_PDF)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=MasterSpec.rows)
    parser.add_argument("--late", type=int, default=MasterSpec.late)
    parser.add_argument("--date", type=date.fromisoformat, default=MasterSpec.today)
    args = parser.parse_args(argv)
    if not 1 < args.rows < EXCEL_ROWS:
        parser.error(f"--rows: between 2 and {EXCEL_ROWS - 1} (one row holds the headers)")
    counts = build(args.out, MasterSpec(rows=args.rows, late=args.late, today=args.date))
    import json

    print(json.dumps(counts.__dict__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
