"""Demo data: a realistic master workbook for a fictional French SME, relative to a given day.

`build_demo_data(today)` is deterministic for a given day: 18 months of invoices (about 160),
22 clients of the four types, partial payments, disputes, a payment promise, credit notes,
deposits, line items, a recurring contract, rows still to issue, and overdue invoices at every
step of the reminder ladder with the Journal history that led there.
All names, identifiers and addresses are fictional (identifiers have valid check digits).
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from stdnum import luhn
from stdnum.fr import siren as fr_siren

from suivi.core.steps import STEP_LABELS_FR, Step
from suivi.core.terms import parse_terms
from suivi.demo_bank import write_demo_statements
from suivi.demo_clients import CLIENTS, GOODS, SALES_REPS, SERVICES, DemoClient
from suivi.demo_showcase import (
    BOOK,
    BOOK_RATE,
    TOWN_HALL_SERVICE,
    Showcase,
    by_name,
    commitment_number,
    credited_line,
    random_lines,
    showcases,
)
from suivi.workbook.template import MasterData, build_master

Row = dict[str, Any]  # one demo invoice row, by field

CENT = Decimal("0.01")
DEMO_SEED = 20261125


def _siren(rng: random.Random) -> str:
    body = f"{rng.randint(30000000, 89999999)}"
    return body + luhn.calc_check_digit(body)


# Overdue invoices staged so that the first run meets every step of the ladder:
# (client index, days relative to the due date on the demo day, step already reached).
STAGED = (
    (0, -5, Step.NONE),            # due in 5 days → courtesy notice
    (3, 1, Step.COURTESY),         # 1 day late → first reminder
    (10, 7, Step.REMINDER_1),      # 7 days late → second reminder
    (7, 15, Step.REMINDER_2),      # 15 days late → phone call
    (4, 30, Step.PHONE_CALL),      # 30 days late → formal notice
    (8, 46, Step.FORMAL_NOTICE),   # 46 days late → collection
    (12, 8, Step.REMINDER_1),      # a consumer, 8 days late → second reminder (gentle)
    (19, 31, Step.PHONE_CALL),     # a public buyer, 31 days late → formal notice (moratory)
    (16, 2, Step.COURTESY),        # an association, 2 days late → first reminder
)

# step reached → days relative to the due date when it was reached (for the Journal history)
STEP_DAY = {Step.COURTESY: -5, Step.REMINDER_1: 1, Step.REMINDER_2: 7, Step.PHONE_CALL: 15,
            Step.FORMAL_NOTICE: 30}
STEP_CHANNEL = {Step.COURTESY: "email", Step.REMINDER_1: "email", Step.REMINDER_2: "email",
                Step.PHONE_CALL: "téléphone", Step.FORMAL_NOTICE: "courrier"}


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _due(issue: date, terms: str) -> date:
    parsed = parse_terms(terms)
    return parsed.due_date(issue) if parsed else issue + timedelta(days=30)


def _issue_for_due(terms: str, target_due: date) -> date:
    """The latest issue date whose terms give a due date on or before `target_due`: the demo's
    staged invoices are as late as the ladder needs, and their due dates follow their terms
    (« 45 jours fin de mois » always falls at a month's end)."""
    issue = target_due
    while _due(issue, terms) > target_due:
        issue -= timedelta(days=1)
    return issue


TOWN_HALL = "Mairie de Saint-Priest-les-Vignes"
SHOWCASES = showcases(by_name([c.name for c in CLIENTS]))


def build_demo_data(today: date) -> MasterData:
    rng = random.Random(DEMO_SEED)
    data = MasterData()
    _add_clients(data, rng)
    counters: dict[int, int] = {}
    invoices: list[Row] = []
    staged_rows: dict[int, tuple[int, int, Step]] = {}
    for issue, plan in _invoice_days(today, rng):
        client_index = (plan[1] if isinstance(plan, tuple) else plan.client
                        if isinstance(plan, Showcase) else rng.randrange(len(CLIENTS)))
        client = CLIENTS[client_index]
        counters[issue.year] = counters.get(issue.year, 0) + 1
        row = _invoice_row(f"FAC{issue.year}-{counters[issue.year]:03d}", issue, client, rng)
        if isinstance(plan, tuple):
            row["step"] = int(plan[3])
            staged_rows[len(invoices)] = (plan[1], plan[2], plan[3])
        elif isinstance(plan, Showcase):
            plan.fill(row, today)
        elif plan != "recent":
            _settle(row, client, today, rng)
        invoices.append(row)
    _add_special_cases(invoices, staged_rows, today)
    _choose_lines(invoices, rng)
    _add_credit_note(invoices, counters, today, rng)
    for r in invoices:
        if r["paid"] is not None and r["paid"] >= r["ttc"]:
            r["status"] = "réglée"
        elif r["paid"]:
            r["status"] = "partiellement réglée"
    invoices.extend(_rows_to_issue(today, rng))
    _add_sheet_rows(data, invoices, rng)
    _add_history(data, invoices, staged_rows, today)
    data.contracts.append([
        CLIENTS[9].name, "Maintenance informatique – contrat annuel", Decimal("450"), Decimal("20"),
        "mensuelle", date(today.year, 1, 1), date(today.year, 12, 31), None,
        _previous_month(today),
    ])
    return data


def _add_clients(data: MasterData, rng: random.Random) -> None:
    """Clients with valid identifiers; public buyers with the SIRET Chorus Pro routes their
    invoices by (the town hall also with a service code, and commitment numbers required)."""
    for c in CLIENTS:
        siren = None if c.type == "Particulier" else _siren(rng)
        address = f"{c.street}, {c.postcode} {c.city}"
        public = c.type == "Administration"
        data.clients.append([
            c.name, c.type, siren,
            "FR" + fr_siren.to_tva(siren) if siren and c.type == "Société" else None,
            address, c.delivery or None, c.email, c.phone, c.terms, c.credit_limit, c.language,
            c.reminders, None, _siret(siren) if siren and public else None,
            TOWN_HALL_SERVICE if c.name == TOWN_HALL else None,
            "Oui" if c.name == TOWN_HALL else None,
        ])


def _siret(siren: str) -> str:
    """The SIRET of an establishment (NIC 00011) of `siren`, with its check digit."""
    body = siren + "0001"
    return body + luhn.calc_check_digit(body)


Plan = tuple[date, int, int, Step] | Showcase | str | None


def _invoice_days(today: date, rng: random.Random) -> list[tuple[date, Plan]]:
    """The issue days of the demo's invoices, in order: about nine a month over 18 months, the
    staged invoices (each at one step of the ladder), and recent ones not yet due."""
    start = date(today.year, today.month, 1) - timedelta(days=540)
    day = date(start.year, start.month, 1)
    dates: list[date] = []
    while day < today - timedelta(days=50):
        day += timedelta(days=rng.choice((1, 2, 3, 3, 4)))
        if day.weekday() < 5:
            dates.append(day)
    staged: list[tuple[date, Plan]] = []
    for client_index, days_late, step in STAGED:
        # the latest issue date whose terms make the invoice at least `days_late` days late
        issue = _issue_for_due(CLIENTS[client_index].terms, today - timedelta(days=days_late))
        staged.append((issue, (issue, client_index, days_late, step)))
    recent = [today - timedelta(days=d) for d in (44, 40, 33, 27, 23, 19, 12, 9, 6, 3)]
    days: list[tuple[date, Plan]] = [(d, None) for d in dates] + staged
    days += [(d, "recent") for d in recent if d.weekday() < 5]
    days += [(today - timedelta(days=s.days_ago), s) for s in SHOWCASES
             if s.days_ago is not None]
    return sorted(days, key=lambda t: t[0])


def _invoice_row(number: str, issue: date, client: DemoClient, rng: random.Random) -> Row:
    nature = None
    if rng.random() < 0.2:
        label, unit = rng.choice(GOODS)
        qty = Decimal(rng.randint(1, 4))
        nature = "biens"
    else:
        label, unit = rng.choice(SERVICES)
        qty = Decimal(1)
    ht = _q(unit * qty * Decimal(rng.choice(("1", "1", "1.1", "0.9", "1.25"))))
    rate = BOOK_RATE if label == BOOK else Decimal("20")
    vat = _q(ht * rate / 100)
    return {
        "rate": rate, "nature": nature, "kind": None, "mention": None, "period": None,
        "commitment": commitment_number(rng) if client.name == TOWN_HALL else None,
        "number": number, "issue": issue, "client": client.name, "label": label, "ht": ht,
        "vat": vat, "ttc": ht + vat, "terms": client.terms, "due": _due(issue, client.terms),
        "paid": None, "paid_on": None, "status": "émise", "step": None, "last": None,
        "last_date": None, "next": None, "next_date": None, "rep": rng.choice(SALES_REPS),
        "po": (f"BC-{rng.randint(10000, 99999)}"
               if client.type != "Particulier" and rng.random() < 0.5 else None),
        "dispute": None, "promise": None, "notes": None, "qty": qty, "unit": unit,
    }


def _add_special_cases(invoices: list[Row], staged_rows: dict[int, tuple[int, int, Step]],
                       today: date) -> None:
    """A dispute, a payment promise, and a partial payment still open."""
    open_rows = [i for i, r in enumerate(invoices) if r["paid"] is None and i not in staged_rows
                 and r["due"] < today - timedelta(days=20)]
    if len(open_rows) >= 2:
        invoices[open_rows[0]]["dispute"] = "Oui"
        invoices[open_rows[0]]["notes"] = ("Le client conteste la quantité livrée (appel du 3 du "
                                           "mois).")
        invoices[open_rows[1]]["promise"] = today + timedelta(days=6)
        invoices[open_rows[1]]["notes"] = "Promesse de paiement par virement."
    overdue = [i for i, r in enumerate(invoices) if r["paid"] is None and i not in staged_rows
               and i not in open_rows[:2] and r["due"] < today - timedelta(days=3)]
    if overdue:
        # a partial payment on an overdue invoice: 40 % paid, the rest still owed
        partial = invoices[overdue[0]]
        first = _q(partial["ttc"] * Decimal("0.4"))
        paid_on = partial["due"] + timedelta(days=3)
        partial["payments"] = [(paid_on, first)]
        partial["paid"], partial["paid_on"] = first, paid_on
        partial["notes"] = "Acompte de 40 % reçu, solde promis oralement."


def _rows_to_issue(today: date, rng: random.Random) -> list[Row]:
    """Rows the team typed today, still to be numbered and produced (the month's maintenance
    comes from the Contrats sheet)."""
    rows = []
    for client, label, ht in ((CLIENTS[1], "Audit de sécurité du système d'information",
                               Decimal("1850")),
                              (CLIENTS[17], "Formation des bénévoles à la bureautique",
                               Decimal("600"))):
        rows.append(_blank_row(client, today, label, ht, rng))
    for showcase in SHOWCASES:
        if showcase.days_ago is None:
            row = _blank_row(CLIENTS[showcase.client], today, "", Decimal(0), rng)
            showcase.fill(row, today)
            rows.append(row)
    return rows


def _blank_row(client: DemoClient, today: date, label: str, ht: Decimal,
               rng: random.Random) -> Row:
    vat = _q(ht * Decimal("0.2"))
    return {
        "number": None, "issue": today, "client": client.name, "label": label, "ht": ht,
        "vat": vat, "ttc": ht + vat, "terms": client.terms, "due": None, "paid": None,
        "paid_on": None, "status": "à émettre", "step": None, "last": None,
        "last_date": None, "next": None, "next_date": None, "rep": rng.choice(SALES_REPS),
        "po": None, "dispute": None, "promise": None, "notes": None, "qty": Decimal(1),
        "unit": ht, "rate": Decimal("20"), "nature": None, "kind": None, "mention": None,
        "period": None, "commitment": None,
    }


def _choose_lines(invoices: list[Row], rng: random.Random) -> None:
    """Line items (« Lignes ») for goods sold by the piece and some services."""
    for r in invoices:
        if r["number"] and "lines" not in r and (r["qty"] > 1 or rng.random() < 0.15):
            r["lines"] = random_lines(r, rng)


def _add_sheet_rows(data: MasterData, invoices: list[Row], rng: random.Random) -> None:
    for r in invoices:
        data.invoices.append([
            r["number"], r["issue"], r["client"], r["label"], r["ht"], r["vat"], r["ttc"],
            r["terms"], r["due"], r["paid"], r["paid_on"], None, r["status"], r["step"], r["last"],
            r["last_date"], r["next"], r["next_date"], r["rep"], r["po"], r["dispute"],
            r["promise"], r["notes"], None, r.get("kind"),
            None if r.get("lines") else r.get("nature"), r.get("mention"), r.get("commitment"),
            r.get("period"),
        ])
        for label, qty, unit, price, rate, nature in r.get("lines") or ():
            data.lines.append([r["number"], label, qty, unit, price, rate, None, nature])
        if r["paid"]:
            for when, amount in r.get("payments", [(r["paid_on"], r["paid"])]):
                data.payments.append([when, amount, r["number"], r["client"],
                                      rng.choice(("Virement", "Virement", "Chèque", "Carte")),
                                      f"VIR {r['client'][:20].upper()} {r['number']}"])


def _previous_month(today: date) -> str:
    """The contract was billed up to last month: this run bills the current month, once."""
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year}-{first.month:02d}"


def _settle(row: Row, client: DemoClient, today: date, rng: random.Random) -> None:
    """Decide how a past invoice was paid, from the client's behaviour."""
    ttc = row["ttc"]
    due = row["due"]
    behaviour = client.behaviour
    if behaviour == "good":
        delay = rng.randint(-10, 5)
    elif behaviour == "late":
        delay = rng.randint(5, 40)
    elif behaviour == "bad":
        delay = rng.randint(20, 90)
    else:
        delay = rng.randint(0, 30)
    paid_on = due + timedelta(days=delay)
    if paid_on >= today - timedelta(days=2):
        return  # not paid yet
    if paid_on < row["issue"]:
        paid_on = row["issue"] + timedelta(days=rng.randint(1, 5))
    if behaviour == "partial" and rng.random() < 0.5:
        first = _q(ttc * Decimal("0.4"))
        second_on = paid_on + timedelta(days=rng.randint(15, 45))
        if second_on < today - timedelta(days=2):
            row["payments"] = [(paid_on, first), (second_on, ttc - first)]
            row["paid"], row["paid_on"] = ttc, second_on
        else:
            row["payments"] = [(paid_on, first)]
            row["paid"], row["paid_on"] = first, paid_on
        return
    row["paid"], row["paid_on"] = ttc, paid_on


def _add_credit_note(invoices: list[Row], counters: dict[int, int], today: date,
                     rng: random.Random) -> None:
    """A credit note giving back one line (the travel costs) of an invoice paid a few months
    ago: the invoice was paid, so the credit note is refunded (docs/factures.md)."""
    candidates = [r for r in invoices if r["paid"] == r["ttc"] and r["rate"] == 20
                  and r["issue"] < today - timedelta(days=90) and not r.get("kind")]
    if not candidates:
        return
    original = next((r for r in reversed(candidates) if credited_line(r)), candidates[-1])
    if credited_line(original) is None:
        original["lines"] = random_lines({**original, "qty": Decimal(1)}, rng)
    line = credited_line(original)
    assert line is not None
    issue = original["issue"] + timedelta(days=12)
    earlier = sum(1 for r in invoices if (r["number"] or "").startswith(f"AV{issue.year}"))
    credit = _blank_row(next(c for c in CLIENTS if c.name == original["client"]), issue,
                        f"Avoir sur facture {original['number']} – frais de déplacement non dus",
                        Decimal(0), rng)
    ht = -_q(line[1] * line[3])
    vat = -_q(-ht * line[4] / 100)
    credit.update(number=f"AV{issue.year}-{earlier + 1:03d}", ht=ht, vat=vat, ttc=ht + vat,
                  terms=None, status="avoir", rep=original["rep"], kind="avoir",
                  lines=[line], notes=f"Facture d'origine : {original['number']}")
    invoices.append(credit)


def _add_history(data: MasterData, invoices: list[Row], staged: dict[int, tuple[int, int, Step]],
                 today: date) -> None:
    """Journal rows for the steps the staged invoices already went through."""
    for index, (client_index, _days_late, reached) in staged.items():
        row = invoices[index]
        client = CLIENTS[client_index]
        due = row["due"]
        last_date = None
        for step in Step:
            if step is Step.NONE or step > reached:
                continue
            when = due + timedelta(days=STEP_DAY[step])
            while when.weekday() >= 5:
                when += timedelta(days=1)
            channel = STEP_CHANNEL[step]
            recipient = client.phone if channel == "téléphone" else client.email
            data.journal.append([when, row["number"], client.name, STEP_LABELS_FR[step], channel,
                                 recipient, "envoyé" if channel == "email" else "fait", None])
            last_date = when
        if reached is not Step.NONE:
            data.invoices[index][14] = STEP_LABELS_FR[reached]
            data.invoices[index][15] = last_date
    data.journal.sort(key=lambda r: r[0])


DEMO_CONFIG = """\
# suivi.toml — configuration de la démonstration (entreprise fictive).
# Toutes les options sont décrites dans docs/configuration.md.

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
adresse_cheques = "Rhône Numérique Services, 24 rue de la Charité, 69002 Lyon"
lien_paiement = "https://paiement.rhone-numerique.example/{{numero}}"

[factures]
numero = "FAC{{AAAA}}-{{NNN}}"
avoir = "AV{{AAAA}}-{{NNN}}"
nature = "services"
"""


def demo_identity(seed: int = DEMO_SEED) -> dict[str, str]:
    """The demo seller's identifiers (valid check digits, fictional)."""
    rng = random.Random(seed + 1)
    siren = _siren(rng)
    nic = "0001"
    body = siren + nic
    siret = body + luhn.calc_check_digit(body)
    return {"siren": siren, "siret": siret, "tva": "FR" + fr_siren.to_tva(siren),
            "siren_spaced": f"{siren[:3]} {siren[3:6]} {siren[6:]}"}


def write_demo(folder: Path, today: date) -> tuple[Path, Path]:
    """Create the demo folder's workbook and suivi.toml. Refuses to overwrite them."""
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / "suivi_factures.xlsx"
    config = folder / "suivi.toml"
    build_master(workbook, build_demo_data(today))
    config.write_text(DEMO_CONFIG.format(**demo_identity()), encoding="utf-8")
    write_demo_statements(folder, workbook, today)  # releves/: imported by the demo's run
    return workbook, config
