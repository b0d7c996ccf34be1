"""Reminder messages: template context, jinja2 rendering, payment options, the EmailMessage.

Templates live in `suivi/templates/mail/<lang>/` and can be overridden by files of the same name
in the user's folder beside the workbook (`[relances] dossier_modeles`, default
`modeles/relances/`): the loader searches the user's folder first. For one step, the first
template that exists wins, most specific first:

    <lang>/<step>.<client template>.<part>.j2     (Clients sheet, column Modèle, e.g. "vip")
    <lang>/<step>.<client type>.<part>.j2          (societe, particulier, association, administration)
    <lang>/<step>.<part>.j2

with <step> in avis, relance1, relance2, mise_en_demeure and <part> in subject, txt, html
(and lettre for the formal-notice letter). Rendering uses StrictUndefined (a misspelt variable is
an error, not an empty string); HTML templates are autoescaped.

Header safety: every header value is built from cleaned text (control characters, CR and LF
removed) and every address is checked (`is_valid_email`); a bad address from the workbook is
refused and reported as an Issue naming its cell, it can never add a header.
"""
from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplatesNotFound,
    select_autoescape,
)
from stdnum import iban as stdiban
from stdnum.exceptions import ValidationError

from suivi.core.checks import valid_email as is_valid_email
from suivi.core.dunning import STEP_KEYS, type_key
from suivi.core.formats import format_date, format_money, format_rate
from suivi.core.models import CENT, ZERO, Client, ClientType, Issue, Severity
from suivi.core.penalties import PenaltyKind, PenaltyPolicy, PenaltyResult
from suivi.core.plan import PlannedItem, PlannedMessage
from suivi.core.steps import Step
from suivi.documents.model import Seller
from suivi.documents.qr import epc_qr, png_bytes
from suivi.messages import SuiviError

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "mail"
QR_CID = "qr-virement@suivi"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


class TemplateProblem(SuiviError):
    """A template is missing or cannot be rendered (the message names the template)."""

    code = "dunning.template"


# ---------------------------------------------------------------------------------------------
# formatting (French first)

def money(value: Decimal | None, lang: str = "fr") -> str:
    return format_money(value if value is not None else ZERO, lang)


def day_text(value: date | None, lang: str = "fr") -> str:
    return format_date(value, lang) if value is not None else ""


def rate_text(value: Decimal, lang: str = "fr") -> str:
    return format_rate(value, lang)


def one_line(text: str | None) -> str:
    """Header-safe text: control characters (CR, LF, TAB…) become spaces, spaces collapse."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


# ---------------------------------------------------------------------------------------------
# templates

def template_environment(user_folder: Path | None = None) -> Environment:
    """jinja2 environment: user folder first, then the bundled templates; StrictUndefined."""
    paths = [str(user_folder)] if user_folder and Path(user_folder).is_dir() else []
    paths.append(str(PACKAGE_TEMPLATES))
    env = Environment(
        loader=FileSystemLoader(paths, encoding="utf-8"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html"),
                                     default_for_string=False, default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["montant"] = money
    env.filters["date_fr"] = day_text
    return env


def template_names(lang: str, step_key: str, part: str, client_type: ClientType,
                   custom: str | None = None) -> list[str]:
    names = []
    if custom:
        safe = re.sub(r"[^a-z0-9_-]", "", custom.casefold())
        if safe:
            names.append(f"{lang}/{step_key}.{safe}.{part}.j2")
    names.append(f"{lang}/{step_key}.{type_key(client_type)}.{part}.j2")
    names.append(f"{lang}/{step_key}.{part}.j2")
    return names


def render_part(env: Environment, names: Sequence[str], context: Mapping[str, Any]) -> str:
    try:
        template = env.select_template(list(names))
    except TemplatesNotFound:
        raise TemplateProblem("dunning.template_missing", template=names[-1]) from None
    try:
        return template.render(**context)
    except TemplateError as exc:
        raise TemplateProblem(template=template.name, detail=str(exc)) from None


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


def render_message(env: Environment, lang: str, step: Step, client_type: ClientType, custom: str | None,
                   context: Mapping[str, Any]) -> Rendered:
    """Subject, plain text and HTML of one message."""
    key = STEP_KEYS[step]
    subject = one_line(render_part(env, template_names(lang, key, "subject", client_type, custom),
                                   context))
    text = render_part(env, template_names(lang, key, "txt", client_type, custom), context)
    html = render_part(env, template_names(lang, key, "html", client_type, custom), context)
    if not subject:
        raise TemplateProblem("dunning.template_empty", template=f"{lang}/{key}.subject.j2")
    if not text.strip():
        raise TemplateProblem("dunning.template_empty", template=f"{lang}/{key}.txt.j2")
    return Rendered(subject, text, html)


def render_letter_text(env: Environment, lang: str, client_type: ClientType, custom: str | None,
                       context: Mapping[str, Any]) -> tuple[str, list[str]]:
    """Subject and paragraphs of the formal-notice letter (blank lines separate paragraphs)."""
    names = template_names(lang, STEP_KEYS[Step.FORMAL_NOTICE], "lettre", client_type, custom)
    text = render_part(env, names, context)
    lines = text.strip().splitlines()
    subject = one_line(lines[0]) if lines else ""
    body = "\n".join(lines[1:])
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", body) if block.strip()]
    return subject, paragraphs


# ---------------------------------------------------------------------------------------------
# context

@dataclass(frozen=True, slots=True)
class PaymentOptions:
    iban: str | None = None
    bic: str | None = None
    link: str | None = None
    qr_png: bytes | None = None
    reference: str = ""
    issues: tuple[Issue, ...] = ()


def payment_options(seller: Seller | None, amount: Decimal, numbers: Sequence[str],
                    client_name: str, want_qr: bool = True) -> PaymentOptions:
    """IBAN (validated with stdnum), EPC QR code PNG, payment link from the seller's pattern."""
    issues: list[Issue] = []
    reference = ("Factures " if len(numbers) > 1 else "Facture ") + ", ".join(numbers)
    reference = reference[:140]
    iban = bic = link = None
    qr = None
    raw_iban = getattr(seller, "iban", None)
    if raw_iban:
        try:
            iban = stdiban.validate(raw_iban)
        except ValidationError:
            issues.append(Issue.of("suivi.toml", "dunning.bad_iban", Severity.ERROR,
                                   value=raw_iban))
    bic = one_line(getattr(seller, "bic", None)) or None
    if iban and want_qr and CENT <= amount <= Decimal("999999999.99"):
        name = one_line(getattr(seller, "name", ""))[:70] or "Beneficiaire"
        try:
            code = epc_qr(name, iban, amount.quantize(CENT, rounding=ROUND_HALF_UP), reference,
                          bic)
            qr = png_bytes(code, scale=4, border=4)
        except ValueError as exc:
            issues.append(Issue.of("suivi.toml", "dunning.qr", Severity.WARNING,
                                   detail=str(exc)))
    pattern = getattr(seller, "payment_link_pattern", None)
    if pattern:
        values = {
            "numero": quote(",".join(numbers), safe=""), "number": quote(",".join(numbers), safe=""),
            "montant": f"{amount.quantize(CENT, rounding=ROUND_HALF_UP)}",
            "amount": f"{amount.quantize(CENT, rounding=ROUND_HALF_UP)}",
            "client": quote(client_name, safe=""),
        }
        try:
            link = one_line(pattern.format_map(values))
        except (KeyError, IndexError, ValueError) as exc:
            issues.append(Issue.of("suivi.toml", "dunning.payment_link", Severity.WARNING,
                                   pattern=pattern, detail=str(exc)))
    return PaymentOptions(iban and stdiban.format(iban), bic, link, qr, reference, tuple(issues))


#: « Facture n°101 », « Facture 101 », « Fact. 101 », « Invoice #12 » typed as the number:
#: the word the message already says (« Facture … du 01/08/2026 »), not « FAC2026-001 » nor
#: « FACT-2026-001 », whose letters are the number's.
_SAID_FIRST = re.compile(r"^\s*(?:facture|fact\.?|invoice)(?:\s*(?:n\s*[°º]|no\.|num[ée]ro|#|:)"
                         r"\s*|\s+)(?=\S*\d)", re.IGNORECASE)


def shown_number(number: str) -> str:
    """The invoice number as a message shows it after « Facture »: « Facture n°101 » → 101."""
    return _SAID_FIRST.sub("", number, count=1) or number


def invoice_rows_context(items: Sequence[PlannedItem], penalties: Mapping[str, PenaltyResult],
                         lang: str, pdf_names: Mapping[str, str]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        result = penalties.get(item.number)
        rows.append({
            "numero": shown_number(item.number),
            "date": day_text(item.issue_date, lang),
            "echeance": day_text(item.due_date, lang),
            "reste_du": money(item.amount_due, lang),
            "jours_retard": max(item.days_late, 0),
            "jours_avant_echeance": max(-item.days_late, 0),
            "en_retard": item.days_late > 0,
            "etape": item.step.label if lang == "fr" else item.step.label_en,
            "penalites": money(result.interest_cents, lang) if result else money(ZERO, lang),
            "indemnite": money(result.indemnity, lang) if result else money(ZERO, lang),
            "a_des_penalites": bool(result and (result.interest_cents or result.indemnity)),
            "a_indemnite": bool(result and result.indemnity),
            "taux": ", ".join(rate_text(r, lang) for r in result.rates) if result else "",
            "fichier_joint": pdf_names.get(item.number, ""),
        })
    return rows


@dataclass(frozen=True, slots=True)
class MessageInputs:
    """What one reminder's text is made of."""

    message: PlannedMessage
    client: Client
    seller: Seller | None
    today: date
    penalties: Mapping[str, PenaltyResult]
    payment: PaymentOptions
    pdf_names: Mapping[str, str]
    letter_attached: bool
    policy: PenaltyPolicy
    notice_delay: int = 8


def message_context(inputs: MessageInputs) -> dict[str, Any]:
    """Everything a template can use (French names, documented in docs/relances.md)."""
    message, client, seller, today = inputs.message, inputs.client, inputs.seller, inputs.today
    penalties, payment, pdf_names = inputs.penalties, inputs.payment, inputs.pdf_names
    policy = inputs.policy
    lang = message.language
    # a formal notice claims only the invoices that reached it: its sums leave the others out
    claimed, others = message.claimed, message.others
    claimed_numbers = {item.number for item in claimed}
    penalties = {n: p for n, p in penalties.items() if n in claimed_numbers}
    total_interest = sum((p.interest_cents for p in penalties.values()), ZERO)
    total_indemnity = sum((p.indemnity for p in penalties.values()), ZERO)
    overdue = [i for i in claimed if i.days_late > 0]
    kinds = {p.kind for p in penalties.values()} - {PenaltyKind.NONE}
    seller_lines = tuple(getattr(seller, "postal_lines", lambda: ())())
    return {
        "langue": lang,
        "date_du_jour": day_text(today, lang),
        "etape": {"numero": int(message.step), "cle": STEP_KEYS[message.step],
                  "libelle": message.step.label if lang == "fr" else message.step.label_en},
        "client": {"nom": client.name, "type": client.type.value,
                   "type_cle": type_key(client.type), "email": client.email or "",
                   "telephone": client.phone or ""},
        "particulier": client.type is ClientType.INDIVIDUAL,
        "administration": client.type is ClientType.PUBLIC,
        "association": client.type is ClientType.ASSOCIATION,
        "professionnel": client.type.professional,
        "vendeur": {"nom": getattr(seller, "name", ""), "adresse": seller_lines,
                    "email": getattr(seller, "email", None) or "",
                    "telephone": getattr(seller, "phone", None) or "",
                    "siren": getattr(seller, "siren", None) or ""},
        "factures": invoice_rows_context(claimed, penalties, lang, pdf_names),
        "nombre_factures": len(claimed),
        "nombre_en_retard": len(overdue),
        "total_du": money(message.claimed_due, lang),
        "autres_factures": invoice_rows_context(others, {}, lang, pdf_names),
        "total_autres": money(sum((i.amount_due for i in others), ZERO), lang),
        "total_penalites": money(total_interest, lang),
        "total_indemnites": money(total_indemnity, lang),
        "total_avec_penalites": money(message.claimed_due + total_interest + total_indemnity,
                                      lang),
        "a_des_penalites": bool(total_interest or total_indemnity),
        "nature_interets": (PenaltyKind.MORATORY_INTEREST if PenaltyKind.MORATORY_INTEREST in kinds
                            else PenaltyKind.LATE_PENALTIES),
        "majoration": f"{policy.margin.normalize():f}",
        "majoration_administration": f"{policy.public_margin.normalize():f}",
        "taux_contractuel": (rate_text(policy.contract_rate, lang)
                             if policy.contract_rate is not None else ""),
        "indemnite_forfaitaire": money(policy.indemnity, lang),
        "paiement": {"iban": payment.iban or "", "bic": payment.bic or "",
                     "lien": payment.link or "", "reference": payment.reference,
                     "qr": f"cid:{QR_CID}" if payment.qr_png else ""},
        "lettre_jointe": inputs.letter_attached,
        "delai_mise_en_demeure": inputs.notice_delay,
        "pieces_jointes": [name for name in pdf_names.values() if name],
    }


# ---------------------------------------------------------------------------------------------
# addresses

@dataclass(frozen=True, slots=True)
class Recipients:
    addresses: tuple[str, ...]
    display_name: str
    issues: tuple[Issue, ...] = ()


def clean_recipients(client: Client) -> Recipients:
    """The client's addresses that are safe to use, and a header-safe display name.

    An address with a control character, a space, a comma, brackets… is refused with an Issue
    naming the Clients cell; a name with CR/LF is cleaned (Issue as a warning).
    """
    where = client.where if client.where else "Clients"
    issues: list[Issue] = []
    name = one_line(client.name)
    if name != (client.name or "").strip():
        issues.append(Issue.of(where, "dunning.name_cleaned", Severity.WARNING, client=name))
    good: list[str] = []
    for raw in client.emails:
        address = (raw or "").strip()
        if is_valid_email(address):
            if address.casefold() not in (g.casefold() for g in good):
                good.append(address)
        else:
            shown = address.encode("unicode_escape").decode("ascii")
            issues.append(Issue.of(where, "dunning.bad_email", Severity.ERROR, client=name,
                                   address=shown))
    return Recipients(tuple(good), name, tuple(issues))


def address(display: str, addr: str) -> Address:
    user, _, domain = addr.rpartition("@")
    return Address(display_name=one_line(display)[:120], username=user, domain=domain)


# ---------------------------------------------------------------------------------------------
# the message

@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    maintype: str = "application"
    subtype: str = "pdf"


@dataclass(frozen=True, slots=True)
class Headers:
    to: tuple[Address, ...]
    message_id: str
    draft_id: str
    sent_date: datetime
    sender: Address | None = None
    reply_to: str | None = None
    bcc: tuple[str, ...] = ()
    read_receipt_to: str | None = None
    unsent: bool = True
    extra: Mapping[str, str] = field(default_factory=dict)


def build_email(rendered: Rendered, headers: Headers, attachments: Sequence[Attachment] = (),
                inline_png: bytes | None = None) -> EmailMessage:
    """multipart/mixed( alternative( text, related( html, QR png ) ), PDFs… )."""
    msg = EmailMessage()
    if headers.sender is not None:
        msg["From"] = headers.sender
    msg["To"] = headers.to
    if headers.bcc:
        msg["Bcc"] = ", ".join(headers.bcc)
    if headers.reply_to:
        msg["Reply-To"] = headers.reply_to
    if headers.read_receipt_to:
        msg["Disposition-Notification-To"] = headers.read_receipt_to
    msg["Subject"] = one_line(rendered.subject)
    msg["Date"] = format_datetime(headers.sent_date)
    msg["Message-ID"] = headers.message_id
    msg["X-Suivi-Id"] = one_line(headers.draft_id)
    for key, value in headers.extra.items():
        msg[key] = one_line(value)
    if headers.unsent:
        msg["X-Unsent"] = "1"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    if inline_png:
        html_part = cast(EmailMessage, msg.get_payload()[1])  # type: ignore[index]
        html_part.add_related(inline_png, maintype="image", subtype="png", cid=f"<{QR_CID}>",
                              filename="qr-virement.png")
    for attachment in attachments:
        msg.add_attachment(attachment.data, maintype=attachment.maintype,
                           subtype=attachment.subtype, filename=attachment.filename)
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    """Wire form (CRLF line ends, 78-column folding) — the form saved as .eml."""
    return msg.as_bytes(policy=SMTP_POLICY)


# An attachment name written as is in its part's header (the line stays within 78 columns);
# any other name goes through the email package, which encodes it (RFC 2231).
_PLAIN_FILENAME = re.compile(r"[A-Za-z0-9._-]{1,34}")


def email_bytes(rendered: Rendered, headers: Headers, attachments: Sequence[Attachment] = (),
                inline_png: bytes | None = None) -> bytes:
    """The wire form of `build_email(...)`, with the attachments' parts written directly.

    The email package spends most of a reminder's time on its attachments (a header object
    parsed for each of their headers, the base64 body folded line by line); their parts are
    plain — a type, base64, a file name — so they are written here with the very headers the
    package writes, after the package has written everything else (headers, text, HTML, QR).
    """
    if not attachments:
        return message_bytes(build_email(rendered, headers, (), inline_png))
    msg = build_email(rendered, headers, (), inline_png)
    msg.make_mixed()
    boundary = "=" * 15 + secrets.token_hex(12) + "=="
    msg.set_boundary(boundary)
    head = message_bytes(msg)
    closing = f"--{boundary}--".encode("ascii")
    if head.count(f"--{boundary}".encode("ascii")) != 2:  # the text holds the boundary
        return message_bytes(build_email(rendered, headers, attachments, inline_png))
    at = head.rindex(closing)
    pieces = [head[:at]]
    for attachment in attachments:
        pieces += [f"--{boundary}\r\n".encode("ascii"), _attachment_part(attachment), b"\r\n"]
    pieces.append(head[at:])
    return b"".join(pieces)


def _attachment_part(attachment: Attachment) -> bytes:
    """One attachment's MIME part: headers, blank line, base64 body (76-column lines)."""
    if not _PLAIN_FILENAME.fullmatch(attachment.filename):
        holder = EmailMessage()
        holder.add_attachment(attachment.data, maintype=attachment.maintype,
                              subtype=attachment.subtype, filename=attachment.filename)
        part = cast(EmailMessage, holder.get_payload()[0])  # type: ignore[index]
        return message_bytes(part)
    head = (f"Content-Type: {attachment.maintype}/{attachment.subtype}\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            f'Content-Disposition: attachment; filename="{attachment.filename}"\r\n'
            "MIME-Version: 1.0\r\n\r\n")
    return head.encode("ascii") + base64.encodebytes(attachment.data).replace(b"\n", b"\r\n")


def message_id_for(draft_id: str, sender: str | None) -> str:
    domain = (sender or "").rpartition("@")[2] or "suivi.local"
    safe = re.sub(r"[^A-Za-z0-9._-]", "", draft_id)
    return f"<{safe}.relance@{domain}>"
