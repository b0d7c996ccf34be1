"""The team digest after each run: what went out, whom to call, what to post, what to check.

`Digest` is plain data (the CLI prints it with rich, `--json` serialises it); `render_text` is the
plain French rendering, `render_html` the "À faire" page written beside the drafts.
"""
from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class DigestLine:
    """One line of the digest: who, what, which invoices, how much, and a detail."""

    client: str
    text: str
    invoices: tuple[str, ...] = ()
    amount: str = ""
    detail: str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class Digest:
    day: date
    dry_run: bool = False
    business_day: bool = True
    direct: bool = False
    sent: tuple[DigestLine, ...] = ()
    drafted: tuple[DigestLine, ...] = ()
    pending: tuple[DigestLine, ...] = ()
    failed: tuple[DigestLine, ...] = ()
    cancelled: tuple[DigestLine, ...] = ()
    calls: tuple[DigestLine, ...] = ()
    letters: tuple[DigestLine, ...] = ()
    collection: tuple[DigestLine, ...] = ()
    disputes: tuple[DigestLine, ...] = ()
    promises: tuple[DigestLine, ...] = ()
    unverified: tuple[DigestLine, ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    reconciled: int = 0

    @property
    def empty(self) -> bool:
        return not any((self.sent, self.drafted, self.pending, self.failed, self.cancelled,
                        self.calls, self.letters, self.collection, self.disputes, self.unverified,
                        self.errors))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        return data


UNVERIFIED_HELP = (
    "L'envoi a commencé mais suivi n'a pas reçu la réponse du serveur (arrêt brutal, coupure). "
    "Ces messages ne seront PAS renvoyés automatiquement. Regardez dans le dossier « Envoyés » de "
    "la messagerie (ou demandez au client) puis indiquez le résultat : "
    "`suivi send --confirme ID` s'il est bien parti, `suivi send --renvoie ID` sinon.")

SECTIONS: tuple[tuple[str, str], ...] = (
    ("errors", "Erreurs à corriger"),
    ("unverified", "À vérifier (envoi incertain)"),
    ("sent", "Relances envoyées"),
    ("drafted", "Brouillons préparés (à relire puis `suivi send`)"),
    ("pending", "Brouillons en attente d'envoi"),
    ("failed", "Envois en échec"),
    ("cancelled", "Messages annulés"),
    ("calls", "Clients à appeler aujourd'hui"),
    ("letters", "Lettres de mise en demeure à poster (recommandé avec AR)"),
    ("collection", "Dossiers à transmettre au recouvrement"),
    ("disputes", "Litiges en cours (relances suspendues)"),
    ("promises", "Promesses de paiement (relances suspendues)"),
    ("warnings", "Avertissements"),
)


def _line_text(line: DigestLine) -> str:
    parts = [line.client, line.text]
    if line.invoices:
        parts.append(", ".join(line.invoices))
    if line.amount:
        parts.append(line.amount)
    text = " – ".join(p for p in parts if p)
    if line.detail:
        text += f" ({line.detail})"
    if line.id:
        text += f" [id {line.id}]"
    return text


def render_text(digest: Digest) -> str:
    """Plain French text of the digest."""
    title = f"Relances du {digest.day:%d/%m/%Y}"
    if digest.dry_run:
        title += " — simulation : rien n'a été écrit ni envoyé"
    lines = [title, "=" * len(title)]
    if not digest.business_day:
        lines.append("Jour non ouvré : aucun message n'est préparé ni envoyé aujourd'hui.")
    if digest.reconciled:
        lines.append(f"{digest.reconciled} action(s) d'un passage précédent reportée(s) dans le "
                     f"classeur (l'écriture avait échoué).")
    for attr, heading in SECTIONS:
        items = getattr(digest, attr)
        if not items:
            continue
        lines.append("")
        lines.append(f"{heading} ({len(items)})")
        for item in items:
            lines.append(f"  - {item if isinstance(item, str) else _line_text(item)}")
        if attr == "unverified":
            lines.append(f"    {UNVERIFIED_HELP}")
    if digest.empty:
        lines.append("")
        lines.append("Rien à faire aujourd'hui.")
    return "\n".join(lines) + "\n"


def render_html(digest: Digest) -> str:
    """The "À faire" page (a_faire.html)."""
    esc = html.escape
    title = f"À faire – relances du {digest.day:%d/%m/%Y}"
    body = [f"<h1>{esc(title)}</h1>"]
    if digest.dry_run:
        body.append("<p><strong>Simulation : rien n'a été écrit ni envoyé.</strong></p>")
    if not digest.business_day:
        body.append("<p>Jour non ouvré : aucun message n'est préparé ni envoyé aujourd'hui.</p>")
    for attr, heading in SECTIONS:
        items = getattr(digest, attr)
        if not items:
            continue
        body.append(f"<h2>{esc(heading)} ({len(items)})</h2><ul>")
        for item in items:
            text = item if isinstance(item, str) else _line_text(item)
            body.append(f"<li>{esc(text)}</li>")
        body.append("</ul>")
        if attr == "unverified":
            body.append(f"<p>{esc(UNVERIFIED_HELP)}</p>")
    if digest.empty:
        body.append("<p>Rien à faire aujourd'hui.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(title)}</title><style>body{{font-family:Arial,sans-serif}}</style>"
            "</head><body>\n" + "\n".join(body) + "\n</body></html>\n")
