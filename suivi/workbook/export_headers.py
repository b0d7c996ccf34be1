"""The headers of accounting and invoicing tools' exports, added to the vocabulary's fields
(`vocabulary.py`)."""
from __future__ import annotations

#: Headers found in the exports of accounting and invoicing tools and banks, French and English
#: (Dolibarr « Réf. », « Tiers », « Date facturation », « Date limite règlement », « Reste à
#: payer », « Note publique / privée »; Odoo « Partenaire », « Date de facturation », « Hors
#: taxes », « Total signé », « Montant dû », « Statut du paiement »; Sage, Ciel and EBP « N°
#: pièce », « Date pièce », « Net à payer », « Reste à régler »; Pennylane and Axonaut « Tiers »,
#: « Titre », « Montant restant »; QuickBooks « Num », « Open balance », « Memo/
#: Description »; Xero « ContactName », « InvoiceAmountPaid », « InvoiceAmountDue »,
#: « TaxTotal »; FreshBooks « Date Issued »; French bank statements « Date opération »,
#: « Libellé opération »), added to the fields above; the first synonym of each field (the
#: template's header) is unchanged.
EXPORT_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "invoices": {
        "number": ("num", "numéro de pièce", "n° document", "document n°", "numéro de document",
                   "transaction number", "doc number"),
        "issue_date": ("date facturation", "date de facturation", "date pièce",
                       "date du document", "date document", "txn date", "transaction date",
                       "date issued", "invoice issue date"),
        "client": ("tiers", "nom du tiers", "partenaire", "contact name",
                   "customer display name", "company name"),
        "description": ("titre", "memo description", "intitulé de la facture", "subject"),
        "amount_ht": ("hors taxes", "montant hors taxe", "total hors taxe", "total ht signé",
                      "montant ht signé", "untaxed amount", "tax excluded", "amount excl tax",
                      "total excl tax", "total excl vat"),
        "vat": ("tax total", "total taxes", "montant taxes", "tva collectée", "taxes signées"),
        "amount_ttc": ("total signé", "net à payer", "montant facturé", "total incl tax",
                       "amount incl tax", "amount inc tax", "invoice total", "total incl vat"),
        "payment_terms": ("condition de paiement", "condition de règlement", "payment term",
                          "terms of payment"),
        "due_date": ("date limite", "date limite règlement", "date limite de règlement",
                     "date d'échéance de paiement", "invoice due date", "date due"),
        "amount_paid": ("total payé", "déjà payé", "montant perçu", "invoice amount paid",
                        "total paid"),
        "balance": ("montant dû", "montant restant", "montant restant dû", "reste à régler",
                    "restant à payer", "solde restant", "montant dû signé", "open balance",
                    "invoice amount due", "amount outstanding", "balance outstanding"),
        "status_text": ("statut du paiement", "état du paiement", "état de paiement",
                        "payment status", "payment state"),
        "sales_rep": ("commerciale", "représentant", "sales person", "vendeur interne"),
        "po_reference": ("n° de commande", "numéro de commande", "order reference",
                         "purchase order number", "po no", "p o number"),
        "notes": ("note privée", "note interne", "commentaire interne", "private note",
                  "internal note"),
        "client_email": ("adresse e mail", "email address", "e mail client"),
    },
    "clients": {
        "name": ("tiers", "nom du tiers", "dénomination", "display name", "company name",
                 "nom de l'entreprise"),
        "vat_number": ("n° tva intracommunautaire", "numéro de tva intracommunautaire",
                       "tva intracom", "vat registration number", "vat no", "tax number"),
        "email": ("e mail de facturation", "adresse e mail", "email address"),
        "payment_terms": ("conditions de règlement", "délai de règlement", "payment term"),
        "phone": ("téléphone fixe", "telephone number"),
    },
    "lines": {
        "description": ("produit", "désignation article", "product", "item description",
                        "libellé article"),
        "unit_price": ("p u ht", "prix unitaire hors taxe", "unit amount", "unit price excl tax",
                       "price"),
        "quantity": ("quantité facturée", "qté facturée"),
    },
    "payments": {
        "date": ("date opération", "date d'opération", "date comptable", "booking date",
                 "value date"),
        "reference": ("libellé opération", "libellé de l'opération", "détail de l'opération",
                      "description"),
        "method": ("type d'opération", "moyen de règlement"),
    },
}
