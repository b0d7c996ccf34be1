"""Demo data: a realistic master workbook for a fictional French SME, relative to a given day.

`build_demo_data(today)` is deterministic for a given day: 18 months of invoices (about 160),
22 clients of the four types, partial payments, disputes, a payment promise, credit notes,
deposits, line items, a recurring contract, rows still to issue, and overdue invoices at every
step of the reminder ladder with the Journal history that led there.
All names, identifiers and addresses are fictional (identifiers have valid check digits).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from stdnum import luhn
from stdnum.fr import siren as fr_siren

from suivi.core.steps import Step
from suivi.demo_bank import write_demo_statements
from suivi.workbook.template import MasterData, build_master

Row = dict[str, Any]  # one demo invoice row, by field

CENT = Decimal("0.01")
DEMO_SEED = 20261125


@dataclass(frozen=True)
class DemoClient:
    name: str
    type: str
    city: str
    email: str
    phone: str
    terms: str
    behaviour: str  # "good", "late", "bad", "partial"
    credit_limit: Decimal | None = None
    language: str = "fr"
    reminders: str = "Oui"
    street: str = ""
    postcode: str = ""
    delivery: str = ""


def _siren(rng: random.Random) -> str:
    body = f"{rng.randint(30000000, 89999999)}"
    return body + luhn.calc_check_digit(body)


CLIENTS: tuple[DemoClient, ...] = (
    DemoClient("Boulangerie Martin & Fils", "Société", "Lyon", "compta@boulangerie-martin.example",
               "04 78 12 34 56", "30 jours", "good", Decimal("15000"), street="12 rue de la République",
               postcode="69002"),
    DemoClient("Transports Rhône-Alpes Logistique SAS", "Société", "Villeurbanne",
               "factures@tral-logistique.example", "04 72 33 10 20", "45 jours fin de mois", "late",
               Decimal("40000"), street="8 avenue Roger Salengro", postcode="69100",
               delivery="Entrepôt Nord, 140 rue du Dauphiné, 69003 Lyon"),
    DemoClient("Atelier Dubois Menuiserie", "Société", "Grenoble", "atelier.dubois@menuiserie-dubois.example",
               "04 76 45 67 89", "30 jours", "good", street="3 chemin des Alpes", postcode="38000"),
    DemoClient("Cabinet Lefèvre Expertise Comptable", "Société", "Annecy",
               "administratif@lefevre-expertise.example", "04 50 11 22 33", "30 jours", "late",
               street="27 quai Eustache Chappuis", postcode="74000"),
    DemoClient("Garage Moreau Automobiles", "Société", "Saint-Étienne", "garage.moreau@moreau-auto.example",
               "04 77 98 76 54", "30 jours", "bad", Decimal("8000"), street="55 boulevard Karl Marx",
               postcode="42000"),
    DemoClient("Hôtel du Parc SARL", "Société", "Chambéry", "direction@hotelduparc.example",
               "04 79 60 70 80", "30 jours", "partial", street="1 place du Palais de Justice",
               postcode="73000"),
    DemoClient("Pharmacie Centrale Girard", "Société", "Valence", "pharmacie.girard@pharma-girard.example",
               "04 75 44 55 66", "30 jours", "good", street="9 Grande Rue", postcode="26000"),
    DemoClient("Imprimerie Lambert Arts Graphiques", "Société", "Bourg-en-Bresse",
               "compta@imprimerie-lambert.example", "04 74 21 43 65", "60 jours", "late",
               Decimal("20000"), street="18 rue Teynière", postcode="01000"),
    DemoClient("Bâtiment Rousseau Construction", "Société", "Mâcon", "factures@rousseau-btp.example",
               "03 85 38 12 12", "45 jours fin de mois", "bad", Decimal("25000"),
               street="6 quai Lamartine", postcode="71000"),
    DemoClient("Informatique Fontaine Services", "Société", "Roanne", "admin@fontaine-services.example",
               "04 77 70 80 90", "30 jours", "good", street="42 rue Charles de Gaulle",
               postcode="42300"),
    DemoClient("Fromagerie des Monts du Lyonnais", "Société", "Saint-Symphorien-sur-Coise",
               "contact@fromagerie-monts.example", "04 78 44 00 11", "30 jours", "late",
               street="Lieu-dit Le Pavillon", postcode="69590"),
    DemoClient("Nordic Design GmbH (filiale France)", "Société", "Lyon", "accounts@nordic-design.example",
               "04 26 00 11 22", "30 jours", "good", language="en", street="99 cours Lafayette",
               postcode="69006"),
    DemoClient("Jeanne Dupont", "Particulier", "Lyon", "jeanne.dupont@courriel.example",
               "06 12 34 56 78", "À réception", "late", street="5 rue Victor Hugo", postcode="69002"),
    DemoClient("Marc Petit", "Particulier", "Vienne", "marc.petit@courriel.example", "06 98 76 54 32",
               "À réception", "good", street="14 cours Brillier", postcode="38200"),
    DemoClient("Sophie Bernard-Lemaire", "Particulier", "Écully", "sophie.bl@courriel.example",
               "07 11 22 33 44", "À réception", "bad", street="2 allée des Tilleuls", postcode="69130"),
    DemoClient("Lucas Garnier", "Particulier", "Oullins", "lucas.garnier@courriel.example",
               "06 55 44 33 22", "À réception", "good", reminders="Non", street="30 Grande Rue",
               postcode="69600"),
    DemoClient("Association Sportive Croix-Rousse", "Association", "Lyon",
               "tresorier@as-croixrousse.example", "04 78 28 00 01", "30 jours", "late",
               street="11 place de la Croix-Rousse", postcode="69004"),
    DemoClient("Les Amis du Patrimoine Dauphinois", "Association", "Grenoble",
               "contact@amis-patrimoine.example", "04 76 00 12 34", "30 jours", "good",
               street="4 rue Hector Berlioz", postcode="38000"),
    DemoClient("Restos Solidaires Rhône", "Association", "Lyon", "gestion@restos-solidaires.example",
               "04 72 10 20 30", "30 jours", "partial", street="20 rue Saint-Jean", postcode="69005"),
    DemoClient("Mairie de Saint-Priest-les-Vignes", "Administration", "Saint-Priest-les-Vignes",
               "finances@mairie-spv.example", "04 78 20 30 40", "30 jours", "late",
               street="Place de l'Hôtel de Ville", postcode="69800"),
    DemoClient("Communauté de communes du Val d'Azergues", "Administration", "Chessy",
               "comptabilite@cc-valdazergues.example", "04 74 01 02 03", "30 jours", "good",
               street="1 route de Lyon", postcode="69380"),
    DemoClient("Centre Hospitalier de la Vallée", "Administration", "Givors",
               "fournisseurs@ch-vallee.example", "04 78 07 30 30", "30 jours", "bad",
               street="9 avenue Professeur Fleming", postcode="69700"),
)

SERVICES = (
    ("Maintenance informatique mensuelle", Decimal("450")),
    ("Installation poste de travail et configuration réseau", Decimal("680")),
    ("Développement module de réservation en ligne", Decimal("3200")),
    ("Audit de sécurité du système d'information", Decimal("1850")),
    ("Formation bureautique (2 jours, 6 stagiaires)", Decimal("1400")),
    ("Hébergement et sauvegarde externalisée (trimestre)", Decimal("390")),
    ("Refonte du site internet vitrine", Decimal("2750")),
    ("Intervention sur site – dépannage serveur", Decimal("320")),
    ("Licence logiciel de caisse (annuelle)", Decimal("890")),
    ("Accompagnement migration messagerie", Decimal("1150")),
)

GOODS = (
    ("Ordinateur portable 14\" 16 Go", Decimal("1049")),
    ("Écran 27\" QHD", Decimal("289")),
    ("Onduleur 1500 VA", Decimal("245")),
    ("Imprimante laser multifonction", Decimal("419")),
    ("Ouvrage « Bien gérer sa trésorerie »", Decimal("28.50")),
)

SALES_REPS = ("Claire", "Thomas", "Nadia")

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
    from suivi.core.terms import parse_terms

    parsed = parse_terms(terms)
    return parsed.due_date(issue) if parsed else issue + timedelta(days=30)


def build_demo_data(today: date) -> MasterData:
    rng = random.Random(DEMO_SEED)
    data = MasterData()
    _add_clients(data, rng)
    counters: dict[int, int] = {}
    invoices: list[Row] = []
    staged_rows: dict[int, tuple[int, int, Step]] = {}
    for issue, plan in _invoice_days(today, rng):
        client_index = plan[1] if isinstance(plan, tuple) else rng.randrange(len(CLIENTS))
        client = CLIENTS[client_index]
        counters[issue.year] = counters.get(issue.year, 0) + 1
        row = _invoice_row(f"FAC{issue.year}-{counters[issue.year]:03d}", issue, client, rng)
        if isinstance(plan, tuple):
            row["due"] = today - timedelta(days=plan[2])
            row["step"] = int(plan[3])
            staged_rows[len(invoices)] = (plan[1], plan[2], plan[3])
        elif plan != "recent":
            _settle(row, client, today, rng)
        invoices.append(row)
    _add_special_cases(invoices, staged_rows, today)
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
    for c in CLIENTS:
        siren = None if c.type == "Particulier" else _siren(rng)
        address = f"{c.street}, {c.postcode} {c.city}"
        data.clients.append([
            c.name, c.type, siren,
            "FR" + fr_siren.to_tva(siren) if siren and c.type == "Société" else None,
            address, c.delivery or None, c.email, c.phone, c.terms, c.credit_limit, c.language,
            c.reminders, None,
        ])


Plan = tuple[date, int, int, Step] | str | None


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
        # issue date such that the due date falls `days_late` days before the demo day
        target_due = today - timedelta(days=days_late)
        issue = target_due if CLIENTS[client_index].terms == "À réception" \
            else target_due - timedelta(days=30)
        staged.append((issue, (issue, client_index, days_late, step)))
    recent = [today - timedelta(days=d) for d in (44, 40, 33, 27, 23, 19, 12, 9, 6, 3)]
    days: list[tuple[date, Plan]] = [(d, None) for d in dates] + staged
    days += [(d, "recent") for d in recent if d.weekday() < 5]
    return sorted(days, key=lambda t: t[0])


def _invoice_row(number: str, issue: date, client: DemoClient, rng: random.Random) -> Row:
    if rng.random() < 0.2:
        label, unit = rng.choice(GOODS)
        qty = Decimal(rng.randint(1, 4))
    else:
        label, unit = rng.choice(SERVICES)
        qty = Decimal(1)
    ht = _q(unit * qty * Decimal(rng.choice(("1", "1", "1.1", "0.9", "1.25"))))
    vat = _q(ht * Decimal("20") / 100)
    return {
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
    """Rows the team typed today, still to be numbered and produced."""
    rows = []
    for client, label, ht in ((CLIENTS[9], "Maintenance informatique – mois en cours",
                               Decimal("450")),
                              (CLIENTS[1], "Audit de sécurité du système d'information",
                               Decimal("1850")),
                              (CLIENTS[17], "Formation des bénévoles à la bureautique",
                               Decimal("600"))):
        vat = _q(ht * Decimal("0.2"))
        rows.append({
            "number": None, "issue": today, "client": client.name, "label": label, "ht": ht,
            "vat": vat, "ttc": ht + vat, "terms": client.terms, "due": None, "paid": None,
            "paid_on": None, "status": "à émettre", "step": None, "last": None,
            "last_date": None, "next": None, "next_date": None, "rep": rng.choice(SALES_REPS),
            "po": None, "dispute": None, "promise": None, "notes": None, "qty": Decimal(1),
            "unit": ht,
        })
    return rows


def _add_sheet_rows(data: MasterData, invoices: list[Row], rng: random.Random) -> None:
    for r in invoices:
        data.invoices.append([
            r["number"], r["issue"], r["client"], r["label"], r["ht"], r["vat"], r["ttc"],
            r["terms"], r["due"], r["paid"], r["paid_on"], None, r["status"], r["step"], r["last"],
            r["last_date"], r["next"], r["next_date"], r["rep"], r["po"], r["dispute"],
            r["promise"], r["notes"], None,
        ])
        if r["number"] and r["qty"] > 1 or (r["number"] and rng.random() < 0.15):
            _add_lines(data, r, rng)
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
    """A credit note cancelling part of a paid invoice from a few months ago."""
    candidates = [r for r in invoices if r["paid"] and r["issue"] < today - timedelta(days=90)]
    if not candidates:
        return
    original = candidates[-1]
    issue = original["issue"] + timedelta(days=12)
    earlier = sum(1 for r in invoices if (r["number"] or "").startswith(f"AV{issue.year}"))
    number = f"AV{issue.year}-{earlier + 1:03d}"
    ht = -_q(original["ht"] * Decimal("0.1"))
    vat = _q(ht * Decimal("0.2"))
    invoices.append({
        "number": number, "issue": issue, "client": original["client"],
        "label": f"Avoir sur facture {original['number']} – geste commercial 10 %", "ht": ht,
        "vat": vat, "ttc": ht + vat, "terms": None, "due": issue, "paid": None, "paid_on": None,
        "status": "avoir", "step": None, "last": None, "last_date": None, "next": None,
        "next_date": None, "rep": original["rep"], "po": None, "dispute": None, "promise": None,
        "notes": f"Facture d'origine : {original['number']}", "qty": Decimal(1), "unit": ht,
    })


def _add_lines(data: MasterData, row: Row, rng: random.Random) -> None:
    """Line items whose total is the invoice's HT amount."""
    ht = row["ht"]
    if row["qty"] > 1:
        unit = _q(ht / row["qty"])
        if unit * row["qty"] == ht:
            data.lines.append([row["number"], row["label"], row["qty"], "C62", unit, Decimal("20")])
            return
    first = _q(ht * Decimal("0.7"))
    data.lines.append([row["number"], row["label"], Decimal(1), "C62", first, Decimal("20")])
    data.lines.append([row["number"], "Frais de déplacement et de mise en service", Decimal(1),
                       "C62", ht - first, Decimal("20")])


def _add_history(data: MasterData, invoices: list[Row], staged: dict[int, tuple[int, int, Step]],
                 today: date) -> None:
    """Journal rows for the steps the staged invoices already went through."""
    from suivi.core.steps import STEP_LABELS_FR

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
