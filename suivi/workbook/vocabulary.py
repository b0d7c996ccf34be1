"""The column vocabulary: which header texts mean which field, in French and English.

Headers are compared after folding: accents removed, case folded, camelCase and snake_case split,
punctuation and units such as "(€)" or "(RM)" dropped, and the usual abbreviations of "numéro"
("N°", "No", "#", "num", "ID") unified. "N° facture", "numéro de facture", "Invoice #" and
"InvoiceID" all fold to a form containing "num facture"/"invoice num".
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: Headers of a column of marks that say « do not remind » (the client, or the invoice): read
#: the other way round from « Relances » (Oui / Non), whose words they share.
NO_REMINDER = ("Ne pas relancer", "pas de relance", "pas de relances", "sans relance",
               "sans relances", "exclure des relances", "exclu des relances",
               "exclus des relances", "stop relance", "stop relances", "relances bloquées",
               "relance bloquée", "bloquer les relances", "ne plus relancer", "do not remind",
               "no reminders", "no reminder")

#: Everyday headers of the client's e-mail, in the invoice sheet as in Clients.
EMAIL_WORDS = ("adresse mail", "adresse e-mail", "adresse électronique", "adresse de courriel",
               "emails", "e-mails", "courriels", "e-mail contact", "email contact",
               "contact email", "mail contact", "email du contact", "email relance",
               "email de relance", "mail relance", "mail de relance", "email comptabilité",
               "mail comptabilité", "email compta", "mail facturation", "email facture",
               "email factures")
#: The client named as a company (« Société », « Entreprise »), in both sheets.
COMPANY_WORDS = ("société", "entreprise", "enseigne", "nom de la société",
                 "nom de l'entreprise", "nom société")

# field → (label used in messages, synonyms). The first synonym is the suivi template's header.
INVOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("N° facture", "numéro de facture", "numero facture", "num facture", "facture n°",
               "invoice #", "invoice id", "invoice number", "invoice no", "invoice", "n° de facture",
               "référence facture", "ref facture", "facture", "pièce", "n° pièce", "document number"),
    "issue_date": ("Date facture", "date de facture", "date d'émission", "date emission",
                   "invoice date", "issue date", "date of issue", "date de la facture", "date",
                   "émise le", "billing date", "date fact", "dt fact", "date fac",
                   "date de fact"),
    "client": ("Client", "nom du client", "nom client", "raison sociale", "customer",
               "customer name", "client name", "débiteur", "acheteur", "buyer", "bill to",
               "société cliente", "destinataire", "donneur d'ordre", "client facturé",
               *COMPANY_WORDS),
    "description": ("Désignation", "description", "objet", "libellé", "prestation", "intitulé",
                    "details", "item", "produit"),
    "amount_ht": ("Montant HT", "total ht", "ht", "montant hors taxes", "prix ht", "net amount",
                  "amount excl vat", "amount excluding vat", "subtotal", "sub total",
                  "net", "amount before tax", "base ht"),
    "vat": ("TVA", "montant tva", "total tva", "vat", "vat amount", "tax", "tax amount", "taxes"),
    "amount_ttc": ("Montant TTC", "total ttc", "ttc", "montant", "amount", "total", "invoice amount",
                   "total amount", "montant facture", "montant total", "grand total",
                   "amount incl vat", "gross amount", "total due", "prix ttc", "prix",
                   "prix total", "somme", "somme ttc", "montant de la facture", "total facture",
                   "total de la facture"),
    "payment_terms": ("Conditions de paiement", "conditions", "conditions de règlement",
                      "délai de paiement", "délai de règlement", "payment terms", "terms",
                      "délai", "délais"),
    "due_date": ("Échéance", "date d'échéance", "date échéance", "due date", "payment due",
                 "due", "date limite de paiement", "à payer avant", "payable le",
                 "payment due date", "due on", "date ech", "ech", "date d ech"),
    "amount_paid": ("Montant réglé", "réglé", "montant payé", "payé", "montant encaissé",
                    "encaissé", "paid", "amount paid", "paid amount", "payments received",
                    "payment amount", "déjà réglé", "acompte versé", "montant du règlement",
                    "montant du paiement", "montant reçu", "somme reçue", "somme versée",
                    "somme encaissée", "somme payée", "montant versé", "montant acquitté",
                    "versement", "versements", "encaissement", "règlement reçu",
                    "solde reçu", "solde versé", "solde réglé", "solde payé", "solde encaissé",
                    "solde perçu", "règlement du solde", "paiement du solde",
                    "versement du solde",
                    "total réglé", "total encaissé", "amount received", "payment received",
                    # a column of marks or dates (« oui », « x », « 12/10 »): see _paid_marks
                    "payée", "réglée", "encaissée", "reçu", "reçue", "versé", "versée",
                    "acquitté", "acquittée", "soldé", "soldée"),
    "payment_date": ("Date de règlement", "date règlement", "date de paiement", "date paiement",
                     "date d'encaissement", "payment date", "date paid", "paid date", "paid on",
                     "réglé le", "payé le", "date du versement", "date de versement",
                     "date de réception du paiement", "date de réception du règlement",
                     "date received", "received on", "date de virement", "date du virement",
                     "date virement", "viré le", "virement reçu le", "date encaissement",
                     "date de l'encaissement", "date du paiement", "encaissé le",
                     "date rglt", "date reglt", "date regl", "rglt le"),
    "currency": ("Devise", "currency", "monnaie", "devise de facturation", "curr"),
    "balance": ("Reste dû", "reste à payer", "restant dû", "solde", "solde dû", "balance",
                "outstanding", "amount due", "balance due", "open amount", "remaining",
                # what is NOT paid, though its words are those of a payment
                "non réglé", "non réglée", "non payé", "non payée", "montant non réglé",
                "montant non payé", "impayé", "impayée", "impayés", "impayées",
                "montant impayé", "facture impayée", "reste à encaisser",
                "restant à encaisser", "à encaisser", "reste", "restant", "montant restant",
                "encours", "unpaid", "amount unpaid"),
    "status_text": ("Statut", "status", "état", "statut de la facture", "invoice status",
                    "etat de la facture", "situation"),
    "reminder_step": ("Niveau de relance", "relance", "niveau relance", "nb relances",
                      "nombre de relances", "reminder level", "dunning level", "reminders"),
    "last_action": ("Dernière action", "derniere action", "last action"),
    "last_action_date": ("Date dernière action", "date de la dernière action", "last action date",
                         "date derniere relance", "date dernière relance", "last reminder date"),
    "next_action": ("Prochaine action", "next action"),
    "next_action_date": ("Date prochaine action", "date de la prochaine action", "next action date"),
    "sales_rep": ("Commercial", "vendeur", "responsable", "chargé de compte", "sales rep",
                  "salesperson", "account manager", "owner"),
    "po_reference": ("N° bon de commande", "bon de commande", "n° commande", "référence commande",
                     "ref commande", "commande", "purchase order", "po number", "po", "order number"),
    "dispute": ("Litige", "en litige", "contestation", "dispute", "disputed"),
    "promise_date": ("Promesse de paiement", "date promesse", "promesse", "date de promesse",
                     "payment promise", "promise date", "promised date", "promised on"),
    "reminders_off": NO_REMINDER,
    # « Relancer ? » Oui / Non: the other way round, « Non » holds the invoice's reminders
    "reminders_on": ("Relancer ?", "relancer", "relance o n", "relance o num", "relances",
                     "relance oui non", "relances oui non", "relance auto", "relances auto",
                     "relance automatique", "relances automatiques", "send reminders"),
    "notes": ("Notes", "note", "commentaire", "commentaires", "remarque", "remarques",
              "observations", "comments", "comment", "memo"),
    "pdf_file": ("Fichier facture", "fichier", "pdf", "lien facture", "invoice file", "file"),
    "client_email": ("Email client", "email", "e mail", "mail", "courriel", "client mail",
                     "client email", "customer email", "adresse email", "email facturation",
                     *EMAIL_WORDS),
    "client_phone": ("Téléphone client", "téléphone", "tel", "phone", "customer phone",
                     "phone number"),
    "vat_rate": ("Taux TVA", "taux de tva", "vat rate", "tax rate", "taux"),
    "kind": ("Type de pièce", "type de document", "nature de la pièce", "document type"),
    "delivery_date": ("Date de prestation", "date de la prestation", "date de livraison",
                      "date d'exécution", "date de réalisation", "date de la vente",
                      "date d'intervention", "livré le", "réalisé le", "delivery date",
                      "service date"),
    "original_number": ("Facture d'origine", "facture liée", "facture d'origine n°",
                        "original invoice", "facture avoir"),
    # Optional columns read into the invoice documents (docs/factures.md)
    "printed_mention": ("Mention facture", "mention sur facture", "mention client",
                        "texte facture", "message facture", "note publique", "public note",
                        "message on invoice", "customer message", "note to customer",
                        "invoice note"),
    "nature": ("Nature", "nature de l'opération", "type d'opération", "bien ou service",
               "biens ou services", "goods or services", "supply type"),
    "commitment_number": ("N° d'engagement", "numéro d'engagement", "engagement",
                          "engagement juridique", "n° engagement juridique",
                          "commitment number", "legal commitment"),
    "billing_period": ("Période facturée", "période de facturation", "période de prestation",
                       "billing period", "service period", "invoice period"),
    "exemption_reason": ("Exonération TVA", "motif d'exonération", "mention d'exonération",
                         "motif exonération tva", "vat exemption reason", "exemption reason",
                         "tax exemption reason"),
}

CLIENT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("Client", "nom", "nom du client", "raison sociale", "customer", "customer name",
             "client name", "name", *COMPANY_WORDS),
    "type": ("Type", "type de client", "catégorie", "client type", "category"),
    "siren": ("SIREN", "n° siren", "siren siret", "company id", "registration number"),
    "siret": ("SIRET", "n° siret", "numéro siret", "siret établissement",
              "siret de l'établissement"),
    "service_code": ("Code service", "code service exécutant", "service exécutant",
                     "code service chorus", "service code"),
    "service_code_required": ("Code service obligatoire", "service code required"),
    "commitment_required": ("Engagement obligatoire", "n° d'engagement obligatoire",
                            "engagement juridique obligatoire", "commitment required"),
    "vat_number": ("N° TVA", "numéro de tva", "tva intracommunautaire", "n° tva intracom",
                   "vat number", "vat id", "tva intra"),
    "address": ("Adresse", "adresse de facturation", "address", "billing address"),
    "delivery_address": ("Adresse de livraison", "livraison", "delivery address",
                         "shipping address"),
    "email": ("Email facturation", "email", "e mail", "mail", "courriel", "billing email",
              "client mail", "adresse email", *EMAIL_WORDS),
    "phone": ("Téléphone", "tel", "phone", "phone number", "portable", "mobile"),
    "payment_terms": ("Conditions de paiement", "conditions", "délai de paiement", "payment terms",
                      "terms", "délai", "délais"),
    "credit_limit": ("Plafond d'encours", "plafond", "encours max", "encours autorisé",
                     "credit limit"),
    "language": ("Langue", "language", "lang"),
    "reminders_enabled": ("Relances", "relances oui non", "relance auto", "reminders",
                          "send reminders"),
    "reminders_disabled": NO_REMINDER,
    "template": ("Modèle", "modele de facture", "template", "invoice template"),
    "contact": ("Contact", "interlocuteur", "contact name"),
    # the team's remarks on the client (« Client en liquidation », « Ne plus relancer »)
    "notes": ("Remarques", "remarque", "notes", "note", "commentaire", "commentaires",
              "observations", "comments", "comment"),
    # invoices may name their client by its code (« C001 », « 411ALPHA »)
    "code": ("Code client", "code", "n° client", "numéro client", "numéro de client",
             "réf client", "référence client", "id client", "identifiant client", "client id",
             "customer id", "customer code", "customer number", "compte client", "code tiers",
             "compte tiers", "n° de compte client"),
    # the address in several columns: put together for the invoice (`_full_address`)
    "address_2": ("Adresse 2", "complément d'adresse", "complement adresse", "complément",
                  "adresse ligne 2",
                  "address line 2", "address 2"),
    "postal_code": ("Code postal", "cp", "postal code", "zip", "zip code"),
    "city": ("Ville", "commune", "localité", "city", "town"),
    "country": ("Pays", "country"),
}

LINE_FIELDS: dict[str, tuple[str, ...]] = {
    "invoice_number": ("N° facture", "numéro de facture", "facture", "invoice", "invoice number"),
    "description": ("Désignation", "description", "libellé", "article", "item"),
    "quantity": ("Quantité", "qté", "qte", "quantity", "qty"),
    "unit_price": ("Prix unitaire HT", "prix unitaire", "pu ht", "pu", "unit price"),
    "vat_rate": ("Taux TVA", "taux de tva", "tva", "vat rate", "vat"),
    "unit": ("Unité", "unit"),
    "nature": ("Nature", "bien ou service", "type de produit", "type", "goods or services"),
    "exemption_reason": ("Exonération TVA", "motif d'exonération", "mention d'exonération",
                         "vat exemption reason", "exemption reason"),
}

PAYMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("Date", "date de règlement", "date de paiement", "payment date", "date valeur",
             "date encaissement", "date d'encaissement", "date de l'encaissement", "encaissé le",
             "reçu le", "date de réception", "date du règlement", "date du virement",
             "date opération", "date d'opération", "date de l'opération"),
    "amount": ("Montant", "montant réglé", "amount", "montant payé", "crédit", "credit",
               "somme", "somme reçue", "montant reçu", "montant encaissé", "encaissement",
               "encaissements", "montant du règlement", "montant du paiement"),
    "invoice_number": ("N° facture", "facture", "numéro de facture", "invoice", "invoice number",
                       "factures", "facture(s)", "n° factures", "facture réglée",
                       "factures réglées", "facture concernée"),
    "client": ("Client", "customer", "payeur", "payer", "société", "entreprise"),
    "method": ("Mode de règlement", "mode", "moyen de paiement", "payment method", "method"),
    "reference": ("Référence", "ref", "libellé", "reference", "label"),
    "statement": ("Relevé", "relevé bancaire", "fichier relevé", "statement", "bank statement"),
    "transaction_id": ("Id opération", "identifiant opération", "identifiant de l'opération",
                       "id transaction", "transaction id", "operation id"),
}

JOURNAL_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("Date", "date de l'action"),
    "invoice_numbers": ("Facture(s)", "factures", "n° facture", "facture", "invoices"),
    "client": ("Client", "customer"),
    "step": ("Étape", "etape", "niveau", "step"),
    "channel": ("Canal", "channel", "moyen"),
    "recipient": ("Destinataire", "recipient", "to"),
    "result": ("Résultat", "resultat", "result", "statut"),
    "file": ("Fichier", "file", "pièce jointe"),
}

from .export_headers import EXPORT_HEADERS  # noqa: E402 (added to the fields above)

for _fields, _extra in ((INVOICE_FIELDS, EXPORT_HEADERS["invoices"]),
                        (CLIENT_FIELDS, EXPORT_HEADERS["clients"]),
                        (LINE_FIELDS, EXPORT_HEADERS["lines"]),
                        (PAYMENT_FIELDS, EXPORT_HEADERS["payments"])):
    for _field, _synonyms in _extra.items():
        _fields[_field] += tuple(x for x in _synonyms if x not in _fields[_field])

REQUIRED_INVOICE_FIELDS = ("client",)
# at least one amount field must exist
AMOUNT_FIELDS = ("amount_ttc", "amount_ht", "balance")

FIELD_LABELS_FR = {field: synonyms[0] for field, synonyms in INVOICE_FIELDS.items()}

# French keys accepted in [classeur.colonnes], beside the English field names.
COLUMN_KEYS_FR = {
    "numero": "number", "date": "issue_date", "date_facture": "issue_date", "client": "client",
    "designation": "description", "montant_ht": "amount_ht", "tva": "vat",
    "montant_ttc": "amount_ttc", "conditions": "payment_terms",
    "conditions_paiement": "payment_terms", "echeance": "due_date", "montant_regle": "amount_paid",
    "date_reglement": "payment_date", "reste_du": "balance", "statut": "status_text",
    "niveau_relance": "reminder_step", "derniere_action": "last_action",
    "date_derniere_action": "last_action_date", "prochaine_action": "next_action",
    "date_prochaine_action": "next_action_date", "commercial": "sales_rep",
    "bon_de_commande": "po_reference", "litige": "dispute", "promesse": "promise_date",
    "promesse_paiement": "promise_date", "notes": "notes", "fichier": "pdf_file",
    "fichier_facture": "pdf_file", "email": "client_email", "telephone": "client_phone",
    "taux_tva": "vat_rate", "type": "kind", "facture_origine": "original_number",
    "mention_facture": "printed_mention", "nature": "nature", "engagement": "commitment_number",
    "numero_engagement": "commitment_number", "periode_facturee": "billing_period",
    "exoneration": "exemption_reason", "devise": "currency", "relancer": "reminders_on",
    "ne_pas_relancer": "reminders_off",
}
#: field → the [classeur.colonnes] key a user writes to point suivi at that column
CONFIG_KEYS: dict[str, str] = {}
for _key, _field in COLUMN_KEYS_FR.items():
    CONFIG_KEYS.setdefault(_field, _key)
CONFIG_KEYS["issue_date"] = "date_facture"
FIELD_LABELS_FR.update({"vat_split": "TVA par taux"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_UNITS = re.compile(r"\((?:[^()]*?)\)|\[(?:[^\[\]]*?)\]")
_NUM_WORDS = {"n", "no", "nº", "n°", "num", "numero", "number", "nr", "nbr", "id", "ref", "reference"}


def fold_header(text: object) -> str:
    """Normalise a header for comparison: "Montant TTC (€)" → "montant ttc"."""
    if text is None:
        return ""
    raw = str(text).strip()
    if not raw:
        return ""
    raw = raw.replace("N°", "n ").replace("n°", "n ").replace("Nº", "n ").replace("#", " num ")
    raw = raw.replace("dû", " due ").replace("Dû", " due ")  # « montant dû » is not « montant »
    raw = _CAMEL.sub(" ", raw)
    raw = _UNITS.sub(lambda m: _keep_meaningful(m.group(0)), raw)
    raw = unicodedata.normalize("NFKD", raw)
    raw = "".join(ch for ch in raw if not unicodedata.combining(ch))
    raw = raw.casefold().replace("œ", "oe").replace("’", "'")
    raw = re.sub(r"[€$£%]", " ", raw)
    raw = re.sub(r"[^a-z0-9]+", " ", raw)
    words = ["num" if w in _NUM_WORDS else w for w in raw.split()]
    # French articles and linking words carry no meaning for matching
    words = [w for w in words if w not in {"de", "du", "la", "le", "les", "l", "d", "des", "en",
                                             "the", "of", "a"}]
    return " ".join(words)


def _keep_meaningful(group: str) -> str:
    """Keep "(HT)"/"(TTC)"/"(excl. tax)" style qualifiers; drop units like "(€)", "(RM)",
    "(EUR)"."""
    inner = group[1:-1].strip().casefold()
    if inner in {"ht", "ttc", "tva"}:
        return " " + inner + " "
    if re.search(r"tva|vat|tax|\bexcl|\bincl|\bhors\b|\bht\b|\bttc\b", inner):
        return " " + group[1:-1] + " "
    return " "


@dataclass(frozen=True, slots=True)
class Match:
    field: str
    score: int


_VAT_SPLIT = re.compile(r"^(?:montant |total )?(?:tva|vat|tax)\s*(\d+(?: \d+)?)\s*$|"
                        r"^(?:montant |total )?(?:tva|vat|tax) (?:a )?(\d+(?: \d+)?)$")


def vat_split_rate(header: object) -> str | None:
    """"montant TVA 20%" → "20", "TVA 5,5 %" → "5.5"; None when not a per-rate VAT column."""
    folded = fold_header(header)
    m = _VAT_SPLIT.match(folded)
    if not m:
        return None
    rate = (m.group(1) or m.group(2)).replace(" ", ".")
    return rate


#: Words that say money was received: « Montant du règlement », « Date du versement »…
PAID_WORDS = frozenset({
    "recu", "recue", "recus", "recues", "encaisse", "encaissee", "encaisses", "encaissement",
    "encaissements", "verse", "versee", "verses", "versement", "versements", "paye", "payee",
    "payes", "payees", "paiement", "paiements", "regle", "reglee", "regles", "reglees",
    "reglement", "reglements", "acquitte", "acquittee", "percu", "percue", "received", "paid",
    "payment", "payments"})
#: …unless another word says it is not done yet, or is about something else.
NOT_PAID_WORDS = frozenset({
    "prevu", "prevue", "prevus", "prevues", "attendu", "attendue", "limite", "avant", "due",
    "restant", "reste", "mode", "moyen", "conditions", "condition", "delai", "terms", "method",
    "relance", "payer", "regler", "expected", "planned", "promis", "promise", "echeance",
    "impaye", "impayee", "impayes", "impayees", "unpaid"})
#: One generic word a header is matched by when nothing longer explains it.
_GENERIC = {frozenset({"montant"}): "amount_paid", frozenset({"amount"}): "amount_paid",
            frozenset({"total"}): "amount_paid", frozenset({"date"}): "payment_date"}


def says_paid(folded_words: set[str] | frozenset[str]) -> bool:
    """Whether a header's words say money was received (and nothing turns that round)."""
    return bool(folded_words & PAID_WORDS) and not folded_words & NOT_PAID_WORDS


#: What a team types in a payment cell (« Date de règlement », « Montant réglé ») while
#: nothing is received yet: folded, whole words at the start of the cell.
NOT_YET = ("en attente", "attente", "non paye", "non payee", "non regle", "non reglee",
           "impaye", "impayee", "pas encore", "pas paye", "pas payee", "pas regle", "a venir",
           "en cours", "neant", "aucun", "aucune", "rien", "non recu", "pas recu", "relance",
           "relancee", "a relancer", "non", "nc", "n a", "na", "not yet", "pending", "unpaid",
           "none", "tbd")


def says_not_paid_yet(value: object) -> bool:
    """Whether a payment cell's text says nothing was received yet: « en attente »,
    « Non payé », « néant », « relancé le 12/10 », « - », « ? »… (not « payé », nor a day)."""
    if not isinstance(value, str) or not value.strip():
        return False
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", value.casefold())
                    if not unicodedata.combining(ch))
    folded = " ".join(re.findall(r"[a-z0-9]+", plain))
    if not folded:
        return True  # « - », « — », « / », « ? », « ... »
    return any(folded == word or folded.startswith(word + " ") for word in NOT_YET)


class Vocabulary:
    """Matches folded headers to fields of one sheet kind."""

    def __init__(self, fields: dict[str, tuple[str, ...]]):
        self.fields = fields
        # « Montant du virement reçu » is what was paid, not the invoice's total
        self._paid_fields = "amount_paid" in fields and "payment_date" in fields
        self._exact: dict[str, str] = {}
        self._tokens: list[tuple[str, frozenset[str], int]] = []
        #: each field's own header (« Montant réglé »), first of its synonyms
        self._own = {fold_header(synonyms[0]) for synonyms in fields.values() if synonyms}
        for field, synonyms in fields.items():
            for synonym in synonyms:
                folded = fold_header(synonym)
                self._exact.setdefault(folded, field)
                self._tokens.append((field, frozenset(folded.split()), len(folded)))

    def match(self, header: object) -> Match | None:
        """Best field for a header, with a score (exact synonym ≥ 100, contained synonym < 100)."""
        folded = fold_header(header)
        if not folded:
            return None
        if folded in self._exact:
            # "Montant TTC" beats "Montant" when both are present: longer exact headers win;
            # a field's own header beats its other synonyms (« Montant réglé » beside
            # « Acompte versé »: the first is the amount paid, the second a part of it)
            own = 5 if folded in self._own else 0
            return Match(self._exact[folded], 100 + min(len(folded), 30) // 3 + own)
        words = set(folded.split())
        best: Match | None = None
        best_tokens: frozenset[str] = frozenset()
        for field, tokens, length in self._tokens:
            if tokens and tokens <= words:
                # the more of the header the synonym explains, the better
                score = 40 + min(50, int(50 * length / max(len(folded), 1)))
                if best is None or score > best.score:
                    best, best_tokens = Match(field, score), tokens
        if best is not None and folded.split()[0] == "date" and "date" not in best.field \
                and best.field not in ("billing_period", "reminder_step"):
            return None  # « Date de prestation », « Date commande »: a day, not its thing
        if best is not None and folded.split()[0] == "montant" and "amount" not in best.field \
                and best.field not in ("balance", "vat", "credit_limit", "unit_price"):
            return None  # « Montant commande »: an amount, not the order's number
        if best is not None and folded.split()[0] == "total" and best.field not in _TOTALS:
            return None  # « Total facturé » was the invoice number: a total is an amount
        if best is not None and best.field in _TOTALS and "unit_price" not in self.fields \
                and (is_unit_price(folded) or words & _QUANTITY_WORDS):
            return None  # « Prix unitaire », « Total heures »: no amount of the invoice
        if best is not None and best.field == "vat_rate" and folded.split()[0] == "taux" \
                and not words & {"tva", "vat", "tax", "taxe"} and words - _RATE_WORDS:
            return None  # « Taux horaire », « Taux d'escompte »: a rate, not the VAT's
        if best is not None and self._paid_fields:
            if best_tokens in _GENERIC and says_paid(words):
                # only a generic word matched (« montant », « date »): the payment words decide
                return Match(_GENERIC[best_tokens], best.score)
            if best.field in _GENERIC.values() and words & NOT_PAID_WORDS:
                # « Date de paiement prévue », « Date relance paiement »: not money received
                return None
        return best


#: An invoice's amounts, which a unit price (`_UNIT_WORDS`) never is.
_TOTALS = frozenset({"amount_ttc", "amount_ht", "vat", "amount_paid", "balance"})
_UNIT_WORDS = frozenset({"unitaire", "unitaires", "pu", "unit", "pvu", "puht"})
_QUANTITY_WORDS = frozenset({"quantite", "qte", "qty", "quantity", "nombre", "nb", "heures",
                             "jours"})


def is_unit_price(header: object) -> bool:
    """« Prix unitaire », « PU HT », « P.U. »: the price of one unit."""
    folded = fold_header(header)
    return bool(set(folded.split()) & _UNIT_WORDS) or " p u " in f" {folded} "


def unit_total(headers: Sequence[object]) -> int | None:
    """The column of a unit price that is the invoice's amount, in a sheet with no other
    amount nor any quantity (one unit per invoice): its index, else None."""
    found = None
    for c, header in enumerate(headers):
        words = set(fold_header(header).split())
        if words & _QUANTITY_WORDS:
            return None
        if found is None and isinstance(header, str) and is_unit_price(header):
            found = c
    return found


#: Words beside « Taux » that leave it the VAT rate (« Taux appliqué », « Taux en % »).
_RATE_WORDS = frozenset({"taux", "de", "d", "la", "en", "applique", "applicable", "pct"})

INVOICE_VOCABULARY = Vocabulary(INVOICE_FIELDS)
CLIENT_VOCABULARY = Vocabulary(CLIENT_FIELDS)
LINE_VOCABULARY = Vocabulary(LINE_FIELDS)
PAYMENT_VOCABULARY = Vocabulary(PAYMENT_FIELDS)
JOURNAL_VOCABULARY = Vocabulary(JOURNAL_FIELDS)
