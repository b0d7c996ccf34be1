"""Pipeline steps for invoices: recurring contracts → numbering → Factur-X PDFs.

- `contracts_step`: the Contrats sheet generates the period's invoice rows (appended to the
  invoice sheet in this run's commit, with the contract's "Dernière période facturée").
- `numbering_step`: rows with no number get the next one of their series (invoices or credit
  notes); rows marked « à émettre » keep the number they have. Numbers are recorded in
  `.suivi/numeros.jsonl` once the commit succeeded, so that none is ever given twice.
- `rendering_step`: the rows that need a PDF (just numbered, « à émettre », changed since suivi
  rendered them — known by a content hash in `.suivi/rendus.json` —, or open invoices without a
  PDF) are rendered as PDF/A-3 Factur-X, each validated against the official schematrons first.
  An invoice that fails gets no PDF and the run reports each failed rule with its id.

Nothing here runs when the seller is not configured ([vendeur] in suivi.toml): the run says so
once instead of producing invoices without the mandatory mentions.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from suivi.config import ConfigError
from suivi.fileio import write_atomic
from suivi.core.contracts import ContractInvoice, due_contract_invoices, read_contracts
from suivi.core.ledger import final_deposits, status_hint
from suivi.core.models import (
    ZERO,
    Client,
    ClientType,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    Issue,
    Severity,
    Status,
    normalise_name,
)
from suivi.core.numbering import NumberPattern, PatternError, assign_numbers
from suivi.core.terms import parse_terms
from suivi.pipeline import Run

CENT = Decimal("0.01")
COMMON_RATES = (Decimal("20"), Decimal("10"), Decimal("8.5"), Decimal("5.5"), Decimal("2.1"),
                Decimal("0"))
REGISTRY = "numeros.jsonl"
RENDERED = "rendus.json"

# [vendeur] keys → Seller fields
SELLER_KEYS = {
    "nom": "name", "forme_juridique": "legal_form", "capital": "capital", "adresse": "address_lines",
    "code_postal": "postcode", "ville": "city", "pays": "country_code", "siren": "siren",
    "siret": "siret", "tva": "vat_number", "rcs": "rcs", "email": "email", "telephone": "phone",
    "iban": "iban", "bic": "bic", "logo": "logo_path", "adresse_cheques": "cheque_address",
    "lien_paiement": "payment_link_pattern", "tva_sur_debits": "vat_on_debits",
    "mention_exoneration": "vat_exemption_text", "escompte": "early_payment_discount",
    "site": "website", "adresse_electronique": "electronic_address",
}
# [modeles.<nom>] keys → TemplateSettings fields
TEMPLATE_KEYS = {
    "couleur": "primary_color", "couleur_accent": "accent_color", "logo": "logo_path",
    "police": "font_family", "pied_de_page": "footer_text", "mentions": "extra_mentions",
    "dossier_textes": "text_dir", "qr_code": "show_qr",
}


# --------------------------------------------------------------------------- configuration


def seller_from_config(section: Mapping[str, Any], base: Path):
    """[vendeur] → documents.model.Seller, or None when no seller is configured."""
    from suivi.documents.model import Seller

    unknown = [k for k in section if k not in SELLER_KEYS]
    if unknown:
        raise ConfigError(f"suivi.toml : [vendeur] clé « {unknown[0]} » inconnue. Clés possibles : "
                          f"{', '.join(SELLER_KEYS)}.")
    values: dict[str, Any] = {}
    for key, fld in SELLER_KEYS.items():
        if key not in section:
            continue
        value = section[key]
        if fld == "address_lines":
            value = tuple(value) if isinstance(value, list) else tuple(str(value).split("\n"))
        elif fld == "capital":
            from suivi.core.values import ValueProblem, parse_amount

            try:
                value = parse_amount(value) if value not in ("", None) else None
            except ValueProblem as exc:
                raise ConfigError(f"suivi.toml : [vendeur] capital : {exc}.") from exc
        elif fld == "logo_path":
            value = (base / value) if value else None
        elif fld == "vat_on_debits":
            value = bool(value)
        elif isinstance(value, str):
            value = value.strip() or None
        values[fld] = value
    if not values.get("name"):
        return None
    if values.get("siren"):
        values["siren"] = re.sub(r"\D", "", values["siren"])
    if values.get("siret"):
        values["siret"] = re.sub(r"\D", "", values["siret"])
    if values.get("iban"):
        values["iban"] = values["iban"].replace(" ", "").upper()
    if values.get("payment_link_pattern"):
        from decimal import Decimal as _D

        from suivi.documents.texts import link_values

        try:
            values["payment_link_pattern"].format_map(link_values("FAC", _D(1), "Client"))
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(
                f"suivi.toml : [vendeur] lien_paiement : variable inconnue {exc}. Utilisez "
                f"{{numero}}, {{montant}} et {{client}}.") from exc
    return Seller(**{k: v for k, v in values.items() if v is not None})


def templates_from_config(raw: Mapping[str, Any], base: Path):
    """[modeles.<nom>] sections → the registry of named invoice templates."""
    from suivi.documents.settings import InvalidTemplate, TemplateSettings, template_registry

    extra = {}
    for name, section in (raw.get("modeles") or {}).items():
        if not isinstance(section, Mapping):
            raise ConfigError(f"suivi.toml : [modeles.{name}] doit être une section.")
        values: dict[str, Any] = {"name": name}
        for key, value in section.items():
            if key not in TEMPLATE_KEYS:
                raise ConfigError(f"suivi.toml : [modeles.{name}] clé « {key} » inconnue. Clés "
                                  f"possibles : {', '.join(TEMPLATE_KEYS)}.")
            fld = TEMPLATE_KEYS[key]
            if fld in ("logo_path", "text_dir"):
                value = base / value
            elif fld == "extra_mentions":
                value = tuple(value) if isinstance(value, list) else (str(value),)
            values[fld] = value
        try:
            extra[name] = TemplateSettings(**values)
        except (InvalidTemplate, TypeError) as exc:
            raise ConfigError(f"suivi.toml : [modeles.{name}] : {exc}") from exc
    return template_registry(extra)


def _state_file(run: Run, name: str) -> Path:
    return run.settings.state_dir / name


# --------------------------------------------------------------------------- contracts


def contracts_step(run: Run) -> None:
    """Append the invoice rows that recurring and milestone contracts owe up to today."""
    assert run.master is not None
    rows = next((r for name, r in run.master.owned_rows.items() if name.casefold() == "contrats"), None)
    if not rows:
        return
    contracts, issues = read_contracts(rows)
    run.report.add_issues(issues)
    sheet = next(n for n in run.master.owned_rows if n.casefold() == "contrats")
    header = [str(h).strip().casefold() for h in rows[0]]
    last_col = header.index("dernière période facturée") + 1 if "dernière période facturée" in header else None
    created: list[ContractInvoice] = []
    for contract in contracts:
        due = due_contract_invoices(contract, run.today)
        if not due:
            continue
        created.extend(due)
        if last_col is not None:
            from suivi.core.models import column_letter

            run.cell(sheet, f"{column_letter(last_col)}{contract.row}", due[-1].period)
    for item in created:
        client = run.master.clients.get(normalise_name(item.client))
        terms = client.payment_terms if client else None
        # issued today (numbers follow the dates); the description names the period billed
        run.add_invoice(Invoice(
            sheet=run.master.layout.sheet, row=0, number=None, issue_date=run.today,
            client=item.client, description=item.description, amount_ht=item.amount_ht,
            vat=item.vat, amount_ttc=item.amount_ht + item.vat, payment_terms=terms,
            status_text=Status.TO_ISSUE.value, vat_rate=item.vat_rate))
    if created:
        run.report.note(f"{len(created)} facture(s) créée(s) d'après les contrats "
                        f"(feuille {sheet}).")


# --------------------------------------------------------------------------- numbering


def _registry(run: Run) -> list[str]:
    path = _state_file(run, REGISTRY)
    if not path.exists():
        return []
    numbers = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            numbers.append(json.loads(line)["number"])
        except (ValueError, KeyError, TypeError):
            continue  # a torn last line after a crash: ignore it
    return numbers


def _record_numbers(path: Path, numbers: list[tuple[str, int, date]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        for number, row, day in numbers:
            fh.write(json.dumps({"number": number, "row": row, "date": day.isoformat()},
                                ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def needs_number(invoice: Invoice) -> bool:
    return not invoice.number and status_hint(invoice.status_text) is not Status.CANCELLED


def numbering_step(run: Run) -> None:
    """Give the next number of its series to every row that has none."""
    assert run.master is not None
    pending = [inv for inv in run.invoices if needs_number(inv) and inv.client]
    if not pending:
        return
    inv_settings = run.settings.invoicing
    try:
        patterns = {
            InvoiceKind.INVOICE: NumberPattern(inv_settings.number_pattern, inv_settings.yearly_reset),
            InvoiceKind.CREDIT_NOTE: NumberPattern(inv_settings.credit_note_pattern,
                                                   inv_settings.yearly_reset),
        }
    except PatternError as exc:
        raise ConfigError(f"suivi.toml : [factures] {exc}") from exc
    used = [inv.number for inv in run.invoices if inv.number] + _registry(run)
    assigned: list[tuple[str, int, date]] = []
    numbered_invoices: list[Invoice] = []
    pending.sort(key=lambda inv: (inv.issue_date or run.today, inv.row))
    for kind in (InvoiceKind.INVOICE, InvoiceKind.CREDIT_NOTE):
        group = [inv for inv in pending if (inv.kind is InvoiceKind.CREDIT_NOTE) == (kind is InvoiceKind.CREDIT_NOTE)]
        days = [inv.issue_date or run.today for inv in group]
        numbers = assign_numbers(patterns[kind], days, used)
        used.extend(numbers)
        for inv, number, day in zip(group, numbers, days):
            due = inv.due_date
            if due is None or inv.due_date_derived:
                terms = parse_terms(inv.payment_terms) or parse_terms(_client_terms(run, inv)) \
                    or parse_terms(run.settings.default_terms)
                due = terms.due_date(day) if terms else day
            numbered_invoices.append(replace(inv, number=number, issue_date=day, due_date=due,
                                             due_date_derived=False))
            run.update(inv.row, "number", number)
            if inv.issue_date is None:
                run.update(inv.row, "issue_date", day)
            if inv.due_date is None or inv.due_date_derived:
                run.update(inv.row, "due_date", due)
            assigned.append((number, inv.row, day))
    run.replace_invoices(numbered_invoices)
    run.sections.setdefault("numbered", []).extend(n for n, _, _ in assigned)
    run.report.note(f"{len(assigned)} facture(s) numérotée(s) : "
                    f"{', '.join(n for n, _, _ in assigned[:8])}{' …' if len(assigned) > 8 else ''}")
    if not run.dry_run:
        path = _state_file(run, REGISTRY)
        run.after_commit.append(lambda: _record_numbers(path, assigned))


def _client_terms(run: Run, invoice: Invoice) -> str | None:
    assert run.master is not None
    client = run.master.clients.get(normalise_name(invoice.client))
    return client.payment_terms if client else None


# --------------------------------------------------------------------------- documents


_POSTCODE = re.compile(r"^(.*?)[,\s]+(\d{5})\s+(.+)$", re.S)


def split_address(text: str | None) -> tuple[tuple[str, ...], str, str]:
    """"12 rue X, 69002 Lyon" → (("12 rue X",), "69002", "Lyon")."""
    if not text:
        return (), "", ""
    text = " ".join(text.replace("\r", "\n").split("\n")).strip()
    m = _POSTCODE.match(text)
    if not m:
        return tuple(p.strip() for p in text.split(",") if p.strip()), "", ""
    street = tuple(p.strip() for p in m[1].split(",") if p.strip())
    return street, m[2], m[3].strip()


def buyer_party(client: Client | None, name: str):
    from suivi.documents.model import Party

    if client is None:
        return Party(name=name)
    lines, postcode, city = split_address(client.address)
    siren = re.sub(r"\D", "", client.siren or "") or None
    return Party(name=client.name, address_lines=lines, postcode=postcode, city=city,
                 siren=siren[:9] if siren else None,
                 siret=siren if siren and len(siren) == 14 else None,
                 vat_number=(client.vat_number or "").replace(" ", "") or None,
                 email=client.email, phone=client.phone)


def delivery_party(client: Client | None):
    from suivi.documents.model import Party

    if client is None or not client.delivery_address:
        return None
    lines, postcode, city = split_address(client.delivery_address)
    return Party(name=client.name, address_lines=lines, postcode=postcode, city=city)


BUYER_KINDS = {ClientType.COMPANY: "societe", ClientType.INDIVIDUAL: "particulier",
               ClientType.ASSOCIATION: "association", ClientType.PUBLIC: "administration"}


def _rate_of(invoice: Invoice, default: Decimal) -> Decimal:
    if invoice.vat_rate is not None:
        return invoice.vat_rate
    if invoice.amount_ht and invoice.vat is not None and invoice.amount_ht != 0:
        ratio = invoice.vat / invoice.amount_ht * 100
        return min(COMMON_RATES, key=lambda r: abs(r - ratio))
    return default


def doc_lines(invoice: Invoice, lines: list[InvoiceLine], seller, default_rate: Decimal):
    """Lines from the Lignes sheet, else one line from Désignation / Montant HT."""
    from suivi.documents.model import DocLine

    exempt = seller.vat_exemption_text

    def line(description, quantity, price, rate, unit="C62"):
        price = abs(price)
        if exempt:
            return DocLine(description, quantity, price, Decimal(0), "E", unit, exempt)
        category = "S" if rate > 0 else "Z"
        return DocLine(description, quantity, price, rate, category, unit)

    if lines:
        return tuple(line(l.description or invoice.description or "Prestation", abs(l.quantity),
                          l.unit_price, l.vat_rate, l.unit or "C62") for l in lines)
    ht = invoice.amount_ht
    if ht is None and invoice.amount_ttc is not None:
        ht = invoice.amount_ttc - (invoice.vat or ZERO)
    if ht is None:
        ht = ZERO
    return (line(invoice.description or "Prestation", Decimal(1), ht,
                 _rate_of(invoice, default_rate)),)


def document_for(invoice: Invoice, run: Run, seller, penalty_rate: Decimal, lang: str,
                 finals: Mapping[str, list[Invoice]] | None = None):
    """The InvoiceDocument of a workbook row. `finals`: `ledger.final_deposits` of the sheet."""
    from suivi.documents.model import Deposit, InvoiceDocument, PrecedingInvoice

    assert run.master is not None
    master = run.master
    client = master.clients.get(normalise_name(invoice.client))
    lines = [l for l in master.lines if l.invoice_number == invoice.number]
    finals = finals if finals is not None else final_deposits(master.invoices)
    kind = "invoice"
    preceding = None
    deposits: tuple = ()
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        kind = "credit_note"
        original = next((i for i in master.invoices if i.number and i.number == invoice.original_number), None)
        if original and original.issue_date:
            preceding = PrecedingInvoice(original.number, original.issue_date)
    elif invoice.kind is InvoiceKind.DEPOSIT:
        kind = "deposit"
    elif invoice.number in finals:
        kind = "final"
        deposits = tuple(Deposit(d.number, d.issue_date, abs(d.total)) for d in finals[invoice.number])
    buyer_kind = BUYER_KINDS[client.type if client else ClientType.COMPANY]
    terms = invoice.payment_terms or (client.payment_terms if client else None) or run.settings.default_terms
    notes = tuple(n for n in (invoice.notes,) if n and kind != "credit_note")
    from suivi.documents.model import BuyerKind

    return InvoiceDocument(
        kind=kind,
        number=invoice.number,
        issue_date=invoice.issue_date or run.today,
        due_date=invoice.due_date or invoice.issue_date or run.today,
        seller=seller,
        buyer=buyer_party(client, invoice.client),
        buyer_kind=BuyerKind(buyer_kind),
        lines=doc_lines(invoice, lines, seller, run.settings.invoicing.default_vat_rate),
        operation_nature=run.settings.invoicing.operation_nature,
        delivery_date=invoice.issue_date,
        delivery_address=delivery_party(client),
        po_reference=invoice.po_reference,
        sales_rep=invoice.sales_rep,
        deposits=deposits,
        preceding_invoice=preceding,
        payment_terms=terms,
        penalty_rate=penalty_rate,
        notes=notes,
        lang="en" if (client and client.language == "en") else lang,
    )


def content_hash(doc) -> str:
    """Stable hash of what the invoice row says (client, lines, amounts, dates, references), to
    re-render a PDF only when its row changed. The seller's settings and the template are left
    out on purpose: editing [vendeur] or a colour must not re-issue every past invoice."""
    parts = (doc.kind, doc.number, doc.issue_date, doc.due_date, doc.buyer, doc.buyer_kind,
             doc.lines, doc.delivery_address, doc.po_reference, doc.sales_rep, doc.deposits,
             doc.preceding_invoice, doc.payment_terms, doc.notes, doc.lang)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:16]


def pdf_path(run: Run, invoice: Invoice) -> Path:
    day = invoice.issue_date or run.today
    folder = run.settings.invoicing.folder.replace("{AAAA}", f"{day.year:04d}").replace(
        "{YYYY}", f"{day.year:04d}").replace("{MM}", f"{day.month:02d}")
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", invoice.number or f"ligne-{invoice.row}")
    return run.settings.folder / folder / f"{safe}.pdf"


def _penalty_rate(policy, day: date) -> Decimal:
    """The late-penalty rate printed on an invoice issued on `day`: the contractual rate, or the
    BCE rate of the half-year + the margin ([penalites])."""
    from suivi.core.penalties import reference_bce_rate

    if policy.contract_rate is not None:
        return policy.contract_rate
    bce = reference_bce_rate(policy.bce_rates, day)
    return (bce or Decimal(0)) + policy.margin


def _load_rendered(run: Run) -> dict[str, str]:
    path = _state_file(run, RENDERED)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_rendered(path: Path, data: dict[str, str]) -> None:
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8"))


def seller_or_note(run: Run):
    """The configured seller, or None after telling the user once how to configure it."""
    seller = seller_from_config(run.settings.section("vendeur"), run.settings.folder)
    if seller is None:
        run.report.add_issues([Issue(
            "suivi.toml", "vendeur_absent", Severity.WARNING,
            "Aucune facture PDF produite : la section [vendeur] de suivi.toml n'est pas renseignée.",
            "Indiquez au moins nom, adresse, SIREN, TVA et IBAN de votre entreprise.")])
    return seller


def needs_pdf(invoice: Invoice, rendered: Mapping[str, str], numbered: set[str],
              statuses) -> bool:
    if not invoice.number or not invoice.client:
        return False
    info = statuses.get(invoice.row)
    if info is not None and info.status is Status.CANCELLED:
        return False
    if invoice.number in numbered or status_hint(invoice.status_text) is Status.TO_ISSUE:
        return True
    if invoice.number in rendered:
        return True  # re-render only if its content changed (hash compared by the caller)
    if not invoice.pdf_file:
        return info is not None and (info.status.open or info.status is Status.CREDIT_NOTE)
    return False


def rendering_step(run: Run) -> None:
    """Render the PDFs the rows need, validated Factur-X, and write the paths back."""
    assert run.master is not None
    if not run.settings.invoicing.enabled:
        return
    seller = seller_or_note(run)
    if seller is None:
        return
    from suivi.documents.batch import render_batch
    from suivi.documents.settings import InvalidTemplate, pick_template

    registry = templates_from_config(run.settings.raw, run.settings.folder)
    rendered = _load_rendered(run)
    numbered = set(run.sections.get("numbered", []))
    from suivi.mail.config import penalty_policy_from_config

    policy = penalty_policy_from_config(run.settings.section("penalites"))
    statuses = run.statuses
    finals = final_deposits(run.invoices)
    jobs = []
    for inv in run.invoices:
        if not needs_pdf(inv, rendered, numbered, statuses):
            continue
        doc = document_for(inv, run, seller, _penalty_rate(policy, inv.issue_date or run.today),
                           run.lang, finals)
        digest = content_hash(doc)
        target = pdf_path(run, inv)
        if rendered.get(inv.number) == digest and target.exists() and inv.number not in numbered \
                and status_hint(inv.status_text) is not Status.TO_ISSUE:
            continue
        client = run.master.clients.get(normalise_name(inv.client))
        try:
            template = pick_template(registry, client.template if client else
                                     run.settings.invoicing.default_template)
        except InvalidTemplate as exc:
            run.report.add_issues([Issue(client.where if client else None, "modele_inconnu",
                                         Severity.ERROR, str(exc), "Corrigez la colonne Modèle.")])
            template = pick_template(registry, None)
        jobs.append((inv, doc, digest, target, template))
    if not jobs:
        return
    if run.dry_run:
        run.report.note(f"{len(jobs)} facture(s) PDF seraient produites (simulation).")
        run.sections["invoices"] = {"to_render": [inv.number for inv, *_ in jobs]}
        return
    templates = {id(doc): template for _, doc, _, _, template in jobs}
    progress = (lambda done, total: run.progress("Factures PDF", done, total)) if run.progress else None
    results = render_batch([doc for _, doc, _, _, _ in jobs], lambda d: templates[id(d)],
                           workers=2 if len(jobs) >= 12 else 1, progress=progress)
    made, refused, changed = [], [], []
    for (inv, doc, digest, target, _), result in zip(jobs, results):
        if not result.ok:
            refused.append(inv.number)
            for failure in result.failures:
                run.report.fail(f"Facture {inv.number} refusée (aucun PDF) : règle "
                                f"{failure.rule_id} – {failure.message}")
            if result.error:
                run.report.fail(f"Facture {inv.number} : erreur pendant la production du PDF "
                                f"({result.error}).")
            continue
        write_atomic(target, result.pdf)
        run.files.append(target)
        relative = target.relative_to(run.settings.folder).as_posix()
        rendered[inv.number] = digest
        if inv.pdf_file != relative:
            run.update(inv.row, "pdf_file", relative)
        status_text = inv.status_text
        if status_hint(inv.status_text) is Status.TO_ISSUE or inv.number in numbered:
            status_text = Status.ISSUED.value
            run.update(inv.row, "status_text", status_text)
        changed.append(replace(inv, pdf_file=relative, status_text=status_text))
        made.append(inv.number)
    run.replace_invoices(changed)
    path = _state_file(run, RENDERED)
    run.after_commit.append(lambda: _write_rendered(path, rendered))
    run.sections["invoices"] = {"rendered": made, "refused": refused}
    if made:
        run.report.note(f"{len(made)} facture(s) PDF Factur-X produite(s) dans "
                        f"{(run.settings.folder / run.settings.invoicing.folder.split('{')[0]).as_posix()}.")
