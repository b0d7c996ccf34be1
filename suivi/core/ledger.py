"""Balances and statuses, computed from the data and the day of the run.

Pure functions: `today` is always passed in.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from suivi.core.fastinit import fast_init
from suivi.core.models import CENT, ZERO, Invoice, InvoiceKind, Payment, Status
from suivi.core.status_amounts import fold, stated_amount


@fast_init
@dataclass(frozen=True, slots=True)
class StatusInfo:
    """A computed status, with the days late (0 when not overdue)."""

    status: Status
    days_late: int = 0

    @property
    def label(self) -> str:
        """French label as written in the Statut column: "en retard (12 j)"."""
        if self.status is Status.OVERDUE:
            return f"en retard ({self.days_late} j)"
        if self.status is Status.PARTIALLY_PAID and self.days_late > 0:
            return f"partiellement réglée, en retard ({self.days_late} j)"
        return self.status.value

    def label_en(self) -> str:
        names = {
            Status.TO_ISSUE: "to issue", Status.ISSUED: "issued", Status.DUE_TODAY: "due today",
            Status.OVERDUE: "overdue", Status.PARTIALLY_PAID: "partially paid",
            Status.PAID: "paid", Status.OVERPAID: "overpaid", Status.DISPUTED: "disputed",
            Status.CREDIT_NOTE: "credit note", Status.CANCELLED: "cancelled",
        }
        text = names[self.status]
        return f"{text} ({self.days_late} d late)" if self.days_late > 0 else text


_fold = fold  # the folding every reading of a Statut shares


#: Words of a Statut typed by a team that say the invoice is paid (folded: no accents, lower case).
_PAID_WORDS = frozenset({
    "regle", "reglee", "regles", "reglees", "paye", "payee", "payes", "payees", "paid",
    "solde", "soldee", "soldes", "soldees", "encaisse", "encaissee", "encaisses", "encaissees",
    "acquitte", "acquittee", "settled",
    # « Lettrée » (matched by the accountant with its payment), « Compensée » (settled against
    # a debt to the client), « Prélevé » (a direct debit taken), « Versé », « Clôturée »
    "lettree", "lettrees", "compense", "compensee", "compenses", "compensees", "preleve",
    "prelevee", "preleves", "prelevees", "verse", "versee", "cloturee", "cloturees", "cleared",
    "reconciled"})
#: « Lettré » (its accent kept: folded, it is « lettre », a letter sent).
_MATCHED = re.compile(r"(?i)(?<!\w)lettrée?s?(?!\w)")
#: A payment that came back: « Prélèvement rejeté », « Chèque sans provision », « Virement
#: retourné », « Chèque reçu puis rejeté »: owed again, whatever else the Statut says.
_BOUNCED = frozenset({"rejete", "rejetee", "rejetes", "rejetees", "rejet", "provision",
                      "retourne", "retournee", "refuse", "refusee", "bounced", "rejected",
                      "returned", "impaye", "impayee"})
#: « Paiement reçu », « Virement reçu le 12/10 », « Chèque reçu », « Payment received ».
_RECEIVED = frozenset({"recu", "recue", "recus", "received"})
_MEANS = frozenset({"paiement", "reglement", "virement", "cheque", "cb", "especes", "payment",
                    "transfer", "prelevement"})
#: Words that turn a « paid » word round: « non payée », « solde à payer », « en attente de
#: règlement », « partiellement réglée », « unpaid ».
_NOT_PAID = frozenset({"non", "pas", "not", "no", "unpaid", "impaye", "impayee", "attente",
                       "payer", "regler", "restant", "du", "due", "partiel", "partielle",
                       "partiellement", "partial", "partially", "part", "partie",
                       # a promise or the future: « Solde promis pour le 15/12 », « Va
                       # payer » (not « Payée, promesse tenue »)
                       "promis", "promet", "prevu", "prevue", "attendu", "attendue", "venir",
                       "doit", "devrait", "va", "will", "promised"})
_WORD = re.compile(r"[a-z0-9]+")
#: A Statut that is a tick alone. A paid invoice reminded is the worse error: one marked so
#: for another reason is named by `statut_regle_sans_paiement` (no reminder, a warning).
_TICKS = frozenset({"ok", "ok.", "ok !", "ok!", "✓", "✔", "☑", "✅", "✔️", "☑️", "🟢", "🟩"})
#: A payment on its way, which a reminder must not chase: « Chèque reçu non encaissé »,
#: « Chèque en attente d'encaissement », « Chèque envoyé », « Virement émis », « Paiement en
#: cours » (not « Chèque non reçu », « Virement en attente »: nothing is on its way).
_IN_TRANSIT = re.compile(
    r"\bcheques? (?:recus?|recue|envoyes?|postes?|deposes?|remis|a encaisser"
    r"|en (?:attente|cours) d encaissement)\b"
    r"|\b(?:virement|paiement|reglement|prelevement|transfer|payment)s? (?:emis|effectues?"
    r"|envoyes?|en cours|programmes?|sent|in progress)\b|\b(?:en cours d|a l) encaissement\b"
    # a bill of exchange the client accepted or the bank holds: paid by the bank on the day
    r"|\b(?:lcr|traites?|effets?|billets? a ordre) (?:acceptee?s?|remise?s?|domiciliee?s?"
    r"|a l encaissement|en cours)\b")
#: A row the team marked as no longer the invoice: « Doublon », « En double », « Remplacée
#: par F12 », « Refacturée en F12 » (not « Annule et remplace F12 », the row that replaces).
_VOID = re.compile(r"\b(?:doublon|duplicate|en double|refacturee?s?|remplacee?s? par"
                   r"|remplacee|replaced by)\b")
#: Words of a Statut that take the invoice out of friendly reminders, as a dispute does: a
#: dispute, a case at law or with a bailiff or a collection agency (« Contentieux »,
#: « Huissier », « En recouvrement », « Injonction de payer »), a debt written off
#: (« Irrécouvrable », « Passée en perte », « Perdue »), a client under insolvency proceedings
#: (« Redressement judiciaire », « Liquidation », « Procédure collective », « Déclarée au
#: mandataire »): from the opening judgment on, the client may not pay its earlier debts
#: (Code de commerce, L622-7) and proceedings stop (L622-21): the debt is declared to the
#: mandataire judiciaire (L622-24), not claimed from the client.
_HELD_WORDS = ("litig", "disput", "contest", "contentieu", "huissier", "recouvrement",
               "injonction", "tribunal", "avocat", "irrecouvrable", "perte", "collection",
               "liquidation", "redressement", "mandataire", "insolv", "bankrupt",
               "receivership")
_HELD_EXACT = frozenset({"perdue", "perdu", "abandonnee", "abandonne"})
_HELD_PHRASES = ("written off", "write off", "procedure collective", "procedure de sauvegarde",
                 "plan de sauvegarde")
#: An invoice sold to a factor (« Affacturée », « Cédée au factor », « Cession Dailly »):
#: the client pays the factor, who collects; a reminder from the seller would claim a debt
#: that is no longer its own. Held from reminders, as a dispute is.
_FACTORED = re.compile(r"\b(?:affactur\w*|factor|factoring|factored|dailly|cedee?s? (?:a|au) "
                       r"\w+|cession (?:de creance|dailly)|mobilisee?s?)\b")
#: « Réclamation », « Réclamation client »: the client objects, as in a dispute.
_HELD_EXACT_WORDS = frozenset({"reclamation", "reclamations", "complaint"})


#: « Partiellement payée », « Paiement partiel », « Réglée en partie », « Acompte reçu »: part of
#: the invoice was paid (how much, the amounts must say).
_PARTLY = frozenset({"partiel", "partielle", "partiels", "partielles", "partiellement",
                     "partial", "partially"})
_DEPOSIT = frozenset({"acompte", "acomptes", "deposit"})
_RECEIVED_PART = _RECEIVED | _PAID_WORDS | frozenset({"verse", "versee", "percu", "percue"})


@lru_cache(maxsize=1024)
def says_partly_paid(text: str | None) -> bool:
    """Whether a user-typed Statut says part of the invoice was paid (« Partiellement payé »,
    « Paiement partiel », « Réglée en partie », « Acompte reçu »)."""
    folded = _fold(text)
    words = set(_WORD.findall(folded))
    if not words or words & {"non", "pas", "not", "no", "unpaid", "attente"}:
        return False
    return bool(words & _PARTLY or "en partie" in folded
                or words & _DEPOSIT and words & _RECEIVED_PART)


#: « Ne pas relancer », « Pas de relance », « Stop relance », « Relances suspendues »… (folded)
_NO_REMINDER = re.compile(
    r"\b(?:ne pas|ne plus|pas de|sans|stop|stopper les|exclu(?:re|e|s|es)? des|suspendre les"
    r"|bloquer les) relance[rs]?\b|\brelances? (?:bloquees?|suspendues?|stoppees?|arretees?)\b"
    r"|\b(?:do not|don t|dont) remind\b|\bno reminders?\b")


@lru_cache(maxsize=1024)
def says_no_reminder(text: str | None) -> bool:
    """Whether a user-typed Statut (or note) says the invoice is not to be reminded: « Ne pas
    relancer », « Pas de relance (client ami) », « Relances suspendues », « Stop relance »."""
    folded = " ".join(_WORD.findall(_fold(text)))
    return bool(folded) and _NO_REMINDER.search(folded) is not None


#: Words teams type (folded) for the statuses suivi computes, beside suivi's own words.
_TEAM_WORDS: dict[Status, frozenset[str]] = {
    Status.ISSUED: frozenset({
        "emise", "envoyee", "envoye", "en attente", "en attente de paiement",
        "en attente de reglement", "attente paiement", "attente reglement", "a payer",
        "a regler", "non payee", "non paye", "non reglee", "non regle", "en cours", "ouverte",
        "a encaisser", "issued", "sent", "pending", "open", "unpaid"}),
    Status.DUE_TODAY: frozenset({"echue aujourd'hui", "echeance aujourd'hui", "due today"}),
    Status.OVERDUE: frozenset({
        "en retard", "retard", "impayee", "impaye", "echue", "echu", "en retard de paiement",
        "retard de paiement", "depassee", "overdue", "late"}),
    Status.PARTIALLY_PAID: frozenset({
        "partiellement reglee", "partiellement payee", "partiellement paye", "reglee en partie",
        "payee en partie", "paiement partiel", "reglement partiel", "partially paid"}),
    Status.OVERPAID: frozenset({"trop-percu", "trop percu", "overpaid"}),
}


@lru_cache(maxsize=1024)
def status_meant(text: str) -> Status | None:
    """The status a word of the Statut column stands for: what `status_hint` reads, or a
    team's word for a status suivi computes (« En attente », « Impayée », « En retard »)."""
    hint = status_hint(text)
    if hint is Status.CREDIT_NOTE and (made := credit_note_made(text)) is not None:
        return Status.CANCELLED if made else Status.DISPUTED  # « Avoir émis » on an invoice
    if hint is not None:
        return hint
    folded = _fold(text)
    return next((status for status, words in _TEAM_WORDS.items() if folded in words), None)


def status_words(typed: Iterable[str | None]) -> dict[Status, str]:
    """The team's word for each status, from the words its Statut column already holds: the
    most used one that stands for the status alone (no date, no note). suivi writes it, so a
    column kept in « Payée / En attente / En retard » (a drop-down list, the team's filters
    and pivot tables) is not filled with suivi's words. A status the team has no word for is
    written in suivi's, capitalised like most of the team's."""
    counts: dict[str, int] = defaultdict(int)
    for text, n in Counter(typed).items():  # counted in C, then a few distinct words
        if text:
            counts[text.strip()] += n
    best: dict[Status, tuple[int, str]] = {}
    upper = lower = 0
    for text, n in counts.items():
        if not text or len(text) > 40 or any(ch.isdigit() for ch in text) \
                or credit_note_made(text) is not None:
            continue  # « Avoir émis » is not the team's word for « annulée »
        status = status_meant(text)
        if status is None:
            continue
        upper, lower = (upper + n, lower) if text[0].isupper() else (upper, lower + n)
        if n > best.get(status, (0, ""))[0]:
            best[status] = (n, text)
    words = {status: text for status, (_, text) in best.items()}
    for status in Status:
        if status not in words and upper > lower:
            words[status] = status.value[0].upper() + status.value[1:]
    return words


#: Words after « Avoir » in an invoice's Statut saying a credit note was made for it (in full
#: unless `_CREDIT_PENDING` says otherwise), not that the row is a credit note.
_CREDIT_MADE = frozenset({"emis", "emise", "fait", "faite", "etabli", "etablie", "envoye",
                          "envoyee", "accorde", "accordee", "cree", "creee", "total", "totale",
                          "partiel", "partielle", "demande", "demandee", "a", "en", "prevu",
                          "promis"})
#: …for part of the invoice, or not made yet: what the client owes is not known.
_CREDIT_PENDING = frozenset({"partiel", "partielle", "demande", "demandee", "a", "en", "prevu",
                             "promis"})


@lru_cache(maxsize=1024)
def credit_note_made(text: str | None) -> bool | None:
    """Whether an invoice's Statut says a credit note was made for it: « Avoir émis », « Avoir
    fait le 12/10 », « Avoir total » (True: the invoice is cancelled); « Avoir partiel de
    200 € », « Avoir à faire », « Avoir demandé » (False: owed, amount not known). None when
    it says nothing of the kind (« Avoir », « Avoir sur F3 »: the row is a credit note)."""
    words = _WORD.findall(_fold(text))
    if len(words) < 2 or words[0] != "avoir" or words[1] not in _CREDIT_MADE:
        return None
    return not _CREDIT_PENDING.intersection(words[1:3])


def says_in_transit(text: str | None) -> bool:
    """Whether a Statut says a payment is on its way (« Chèque reçu non encaissé », « Virement
    émis »): held as paid from reminders, yet still open to the bank statement that shows it."""
    return bool(text) and _IN_TRANSIT.search(" ".join(_WORD.findall(_fold(text)))) is not None


@lru_cache(maxsize=1024)
def status_hint(text: str | None) -> Status | None:
    """What a user-typed Statut says, when it carries information suivi cannot compute.

    "à émettre", "annulée", "litige" and "avoir" are taken from the cell. A cell saying the
    invoice is paid ("réglée", "Payé le 12/10", "OK payé", "Paiement reçu", "Paid"…) is trusted
    even when the amounts do not show it, so that suivi never reminds a client about an invoice
    the team marked as paid (the checks report the inconsistency); "non payée", "solde à payer"
    or "partiellement réglée" are not. Overdue and partial payments are always recomputed.
    """
    folded = _fold(text)
    if not folded:
        return None
    if folded.startswith(("a emettre", "to issue", "brouillon", "draft")):
        return Status.TO_ISSUE
    words = _WORD.findall(folded)
    # « Annulée », « Facture annulée » — not « Payée, relance annulée »
    # (« Annule et remplace la facture F12 » is the row that replaces: the live invoice)
    if words and (words[0].startswith(("annul", "cancel", "void")) or words[0] in (
            "facture", "invoice") and len(words) > 1 and words[1].startswith(("annul", "cancel"))) \
            and "remplace" not in words[1:4] and "replaces" not in words[1:4]:
        return Status.CANCELLED
    plain = " ".join(words)
    if _VOID.search(plain):  # another row is the invoice: never reminded
        return Status.CANCELLED
    if any(w.startswith(_HELD_WORDS) for w in words) or _HELD_EXACT.intersection(words) \
            or _HELD_EXACT_WORDS.intersection(words) or _FACTORED.search(plain) \
            or any(phrase in folded for phrase in _HELD_PHRASES):
        return Status.DISPUTED
    if folded.startswith(("avoir", "credit note")):
        return Status.CREDIT_NOTE
    if folded in _TICKS:  # « OK », « ✓ » alone: the team's tick for a settled invoice
        return Status.PAID
    said = set(words)
    if said & _BOUNCED:  # « Chèque reçu puis rejeté »: the payment came back
        return None
    if _IN_TRANSIT.search(plain):  # a cheque received, a transfer sent: held as paid
        return Status.PAID
    if said & _NOT_PAID or said & _PARTLY or "en partie" in plain \
            or words[:1] == ["acompte"]:  # « Acompte payé »: part paid, the amounts say how much
        return None
    if said & _PAID_WORDS or (said & _RECEIVED and said & _MEANS) or _MATCHED.search(text or ""):
        # « Payé 300 € », « Payé 50 % »: how much, the amount says (`status_amounts`)
        return None if stated_amount(text) else Status.PAID
    return None


def compute_status(invoice: Invoice, today: date, credited: Decimal = ZERO) -> StatusInfo:
    """The status of one invoice on `today`.

    `credited` is the amount of credit notes that reference this invoice: it counts as settled.
    Order of precedence: cancelled, credit note, to issue, paid/overpaid, dispute, then by the
    due date: overdue, due today, partially paid, issued.
    """
    hint = status_hint(invoice.status_text)
    if hint is Status.CANCELLED:
        return StatusInfo(Status.CANCELLED)
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        return StatusInfo(Status.CREDIT_NOTE)
    if hint is Status.CREDIT_NOTE:  # « Avoir émis » on an invoice: a credit note was made for it
        if credit_note_made(invoice.status_text):
            return StatusInfo(Status.CANCELLED)
        days = (today - invoice.due_date).days if invoice.due_date else 0
        return StatusInfo(Status.DISPUTED, max(days, 0))  # part of it, or not yet: held
    if hint is Status.TO_ISSUE or not invoice.number:
        return StatusInfo(Status.TO_ISSUE)
    total = invoice.total
    paid = invoice.amount_paid + credited
    if hint is Status.PAID and total - paid >= CENT:
        return StatusInfo(Status.PAID)
    if total > ZERO and paid - total >= CENT:
        return StatusInfo(Status.OVERPAID)
    if total > ZERO and total - paid < CENT:
        return StatusInfo(Status.PAID)
    if total <= ZERO and paid <= ZERO:
        # an invoice of zero: nothing is owed
        return StatusInfo(Status.PAID) if invoice.amount_ttc is not None else StatusInfo(Status.ISSUED)
    days_late = (today - invoice.due_date).days if invoice.due_date else 0
    days_late = max(days_late, 0)
    if invoice.dispute or hint is Status.DISPUTED:
        return StatusInfo(Status.DISPUTED, days_late)
    if paid > ZERO:
        return StatusInfo(Status.PARTIALLY_PAID, days_late)
    if days_late > 0:
        return StatusInfo(Status.OVERDUE, days_late)
    if invoice.due_date == today:
        return StatusInfo(Status.DUE_TODAY)
    return StatusInfo(Status.ISSUED)


def compute_statuses(invoices: Iterable[Invoice], today: date) -> dict[int, StatusInfo]:
    """Status of every invoice, keyed by its sheet row; credit notes are netted against the
    invoices they reference."""
    invoices = list(invoices)
    credits = credited_amounts(invoices)
    return {inv.row: compute_status(inv, today, credits.get(inv.number or "", ZERO))
            for inv in invoices}


def credited_amounts(invoices: Iterable[Invoice]) -> dict[str, Decimal]:
    """Amount already settled otherwise on each invoice number: credit notes that reference it,
    and, for a final invoice, the deposit invoices it deducts (see `final_deposits`)."""
    invoices = list(invoices)
    credits: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for inv in invoices:
        if inv.kind is InvoiceKind.CREDIT_NOTE and inv.original_number \
                and status_hint(inv.status_text) is not Status.CANCELLED:
            credits[inv.original_number] += abs(inv.total)
    for number, deposits in final_deposits(invoices).items():
        credits[number] += sum((abs(d.total) for d in deposits), ZERO)
    return dict(credits)


def final_deposits(invoices: Iterable[Invoice]) -> dict[str, list[Invoice]]:
    """Deposit invoices (acomptes) deducted by each final invoice, keyed by its number.

    A final invoice is an ordinary invoice with a purchase-order reference (N° bon de commande)
    for which deposit invoices of the same client and the same reference were issued on or
    before its date. Its Montant TTC is the whole amount; what the client still owes on it is
    that amount minus the deposits, which are invoiced, paid and reminded on their own rows.
    """
    invoices = list(invoices)
    deposits: dict[tuple[str, str], list[Invoice]] = defaultdict(list)
    for inv in invoices:
        if inv.kind is InvoiceKind.DEPOSIT and inv.number and inv.po_reference and inv.issue_date \
                and status_hint(inv.status_text) is not Status.CANCELLED:
            deposits[(_fold(inv.client), inv.po_reference)].append(inv)
    if not deposits:
        return {}
    found: dict[str, list[Invoice]] = {}
    for inv in invoices:
        if inv.kind is not InvoiceKind.INVOICE or not inv.number or not inv.po_reference \
                or inv.issue_date is None:
            continue
        linked = [d for d in deposits.get((_fold(inv.client), inv.po_reference), ())
                  if d.issue_date is not None and d.issue_date <= inv.issue_date
                  and d.number != inv.number]
        if linked:
            found[inv.number] = linked
    return found


def amount_due(invoice: Invoice, credited: Decimal = ZERO) -> Decimal:
    """What the client still owes on `invoice`: total − paid − credit notes, never below zero."""
    return max(invoice.balance - credited, ZERO)


def payments_by_invoice(payments: Iterable[Payment]) -> dict[str, list[Payment]]:
    """Payments of the Paiements sheet grouped by invoice number (unlinked ones left out)."""
    grouped: dict[str, list[Payment]] = defaultdict(list)
    for payment in payments:
        if payment.invoice_number:
            grouped[payment.invoice_number].append(payment)
    return dict(grouped)


def effective_payments(invoice: Invoice, linked: Mapping[str, list[Payment]]) -> list[Payment]:
    """The dated payments of an invoice.

    The Paiements sheet is used when it has rows for the invoice; otherwise the invoice's own
    Montant réglé / Date de règlement make one payment. When Montant réglé is larger than the sum
    of the Paiements rows, the difference is kept as an undated payment so totals agree with the
    Factures sheet.
    """
    rows = list(linked.get(invoice.number or "", ()))
    if rows:
        listed = rows[0].amount if len(rows) == 1 else sum((p.amount for p in rows), ZERO)
        if invoice.amount_paid - listed >= CENT:
            rows.append(Payment(date=invoice.payment_date, amount=invoice.amount_paid - listed,
                                invoice_number=invoice.number, client=invoice.client))
        elif len(rows) == 1:  # the common case: one payment, nothing to order
            return rows
        return sorted(rows, key=lambda p: (p.date is None, p.date or date.min))
    if invoice.amount_paid > ZERO:
        return [Payment(date=invoice.payment_date, amount=invoice.amount_paid,
                        invoice_number=invoice.number, client=invoice.client)]
    return []


def paid_on(invoice: Invoice, linked: Mapping[str, list[Payment]]) -> date | None:
    """The date the invoice became fully paid, or None while money is still owed."""
    running = ZERO
    for payment in effective_payments(invoice, linked):
        running += payment.amount
        if invoice.total - running < CENT:
            return payment.date or invoice.payment_date
    return None

