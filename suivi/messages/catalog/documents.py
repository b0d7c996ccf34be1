"""Messages of the documents domain: payment terms, VAT per line, credit notes, Chorus Pro.

French first, then English; keys are stable codes. The codes are produced by
suivi.core.terms, suivi.core.vat, suivi.core.credit_notes, suivi.core.public_buyers and
suivi.documents.chorus.
"""
from __future__ import annotations

FR: dict[str, str] = {
    # Payment terms and due dates (suivi.core.terms)
    "terms.due_date_contradicts": (
        "Facture {number} : l'échéance saisie ({due:date}) ne correspond pas aux conditions "
        "« {terms} », qui donnent le {expected:date}."),
    "terms.due_date_contradicts.hint": (
        "Corrigez l'échéance (ou les conditions) : suivi relance d'après l'échéance."),
    "terms.beyond_legal_cap": (
        "Facture {number} : échéance au {due:date}, à {days:num} jours, au-delà du plafond légal "
        "(60 jours date de facture ou 45 jours fin de mois : au plus tard le {limit:date}, "
        "art. L441-10 du Code de commerce)."),
    "terms.beyond_legal_cap.hint": "Ramenez l'échéance au {limit:date} au plus tard.",
    "terms.beyond_public_cap": (
        "Facture {number} : échéance au {due:date}, à {days:num} jours ; un acheteur public "
        "paie sous 30 jours (art. R2192-10 du Code de la commande publique), soit le "
        "{limit:date}."),
    "terms.beyond_public_cap.hint": "Indiquez une échéance à 30 jours au plus.",
    # VAT per line (suivi.core.vat)
    "vat.category_unknown": (
        "{where:cell} : catégorie de TVA « {category} » inconnue."),
    "vat.category_unknown.hint": (
        "Utilisez S (taux normal ou réduit), Z (taux zéro), E (exonération), AE "
        "(autoliquidation), K (livraison intracommunautaire), G (export) ou O (hors champ)."),
    "vat.rate_unknown": (
        "{where:cell} : taux de TVA de {rate:pct} inconnu en France."),
    "vat.rate_unknown.hint": "Les taux français sont 20 %, 10 %, 5,5 %, 2,1 % et 0 %.",
    "vat.zero_needs_category": (
        "{where:cell} : TVA à 0 % sans motif : une ligne à 0 % est exonérée (E), "
        "autoliquidée (AE), intracommunautaire (K), exportée (G) ou hors champ (O)."),
    "vat.zero_needs_category.hint": (
        "Indiquez la catégorie et la mention d'exonération (par exemple « TVA non applicable, "
        "art. 293 B du CGI »)."),
    "vat.exempt_with_rate": (
        "{where:cell} : catégorie {category} (sans TVA) mais taux de {rate:pct}."),
    "vat.exempt_with_rate.hint": "Mettez le taux à 0 % ou changez la catégorie.",
    "vat.exemption_reason_missing": (
        "{where:cell} : ligne sans TVA (catégorie {category}) sans mention d'exonération."),
    "vat.exemption_reason_missing.hint": (
        "Ajoutez la mention qui justifie l'absence de TVA (article du CGI ou de la directive)."),
    "vat.zero_rated_with_reason": (
        "{where:cell} : une ligne au taux zéro (Z) ne porte pas de mention d'exonération."),
    "vat.zero_rated_with_reason.hint": "Retirez la mention, ou utilisez la catégorie E.",
    "vat.rate_to_confirm": (
        "{where:cell} : taux de {rate:pct} ; ce type de vente est habituellement à "
        "{usual:pct} ({basis})."),
    "vat.rate_to_confirm.hint": "Vérifiez le taux de cette ligne.",
    # Credit notes (suivi.core.credit_notes)
    "credit_note.exceeds_original": (
        "Avoir {number} : {credited:money} crédités au total sur la facture {original}, qui "
        "n'était que de {invoiced:money}."),
    "credit_note.exceeds_original.hint": (
        "Un avoir ne peut créditer plus que la facture qu'il corrige : vérifiez les montants."),
    "credit_note.line_not_invoiced": (
        "Avoir {number}, ligne {line} : « {description} » ne figure pas sur la facture "
        "{original}."),
    "credit_note.line_not_invoiced.hint": (
        "Un avoir ne crédite que ce qui a été facturé : reprenez la désignation et le taux de "
        "la facture d'origine."),
    "credit_note.line_exceeds": (
        "Avoir {number}, ligne {line} : « {description} » crédité pour {credited:money} HT, "
        "facturé {invoiced:money} HT sur {original}."),
    "credit_note.line_exceeds.hint": "Vérifiez la quantité et le prix crédités.",
    "credit_note.unallocated": (
        "Avoir {number} ({amount:money}) : il ne cite aucune facture de la feuille, il n'est "
        "donc déduit d'aucune. Les factures ouvertes de {client} ne sont pas relancées tant "
        "qu'on ne sait pas ce qu'il déduit."),
    "credit_note.unallocated.unknown": (
        "Avoir {number} ({amount:money}) : la facture qu'il cite, « {original} », n'est pas "
        "dans la feuille, il n'est donc déduit d'aucune. Les factures ouvertes de {client} ne "
        "sont pas relancées tant qu'on ne sait pas ce qu'il déduit."),
    "credit_note.unallocated.hint": (
        "Indiquez la facture qu'il corrige (colonne « Facture d'origine », ou « Avoir sur "
        "facture N° … » dans la désignation) ; s'il a été remboursé ou utilisé, écrivez-le dans "
        "son statut (« Avoir remboursé »)."),
    # Chorus Pro (suivi.core.public_buyers, suivi.documents.chorus)
    "chorus.siret_missing": (
        "{where:cell} : facture {number} à un acheteur public sans SIRET ; Chorus Pro "
        "identifie l'acheteur par son SIRET."),
    "chorus.siret_missing.hint": (
        "Renseignez le SIRET (14 chiffres) de la structure publique, donné par l'annuaire "
        "Chorus Pro."),
    "chorus.siret_invalid": (
        "{where:cell} : facture {number}, SIRET « {siret} » invalide (clé de contrôle)."),
    "chorus.siret_invalid.hint": "Vérifiez le SIRET dans l'annuaire Chorus Pro.",
    "chorus.service_code_missing": (
        "{where:cell} : facture {number} sans code service, exigé par cet acheteur public."),
    "chorus.service_code_missing.hint": (
        "Demandez le code service à votre client ou consultez l'annuaire Chorus Pro."),
    "chorus.service_code_too_long": (
        "{where:cell} : facture {number}, code service de plus de {limit:num} caractères."),
    "chorus.service_code_too_long.hint": "Vérifiez le code service.",
    "chorus.commitment_missing": (
        "{where:cell} : facture {number} sans numéro d'engagement, exigé par cet acheteur "
        "public."),
    "chorus.commitment_missing.hint": (
        "Le numéro d'engagement figure sur le bon de commande de l'acheteur public."),
    "chorus.number_too_long": (
        "{where:cell} : numéro de facture {number} de plus de {limit:num} caractères, "
        "refusé par Chorus Pro."),
    "chorus.number_too_long.hint": "Raccourcissez le format des numéros de facture.",
    "chorus.deposit_by_hand": (
        "Facture {number} : à déposer sur Chorus Pro (fichier {file}, SIRET {siret}, code "
        "service {service}, engagement {commitment})."),
    "chorus.check_status": (
        "Facture {number} : vérifiez son statut sur Chorus Pro avant de relancer."),
    # suivi check: due dates against terms (suivi.core.document_checks), naming both cells
    "terms.due_date_contradicts.to_issue": (
        "Facture {number} : l'échéance saisie en {due_cell:cell} ({due:date}) ne correspond "
        "pas aux conditions « {terms} » ({terms_cell:cell}), qui donnent le {expected:date} : "
        "la facture n'est ni numérotée ni produite."),
    "terms.due_date_contradicts.to_issue.hint": (
        "Mettez l'échéance au {expected:date}, ou videz la cellule pour que suivi la calcule, "
        "ou corrigez les conditions."),
    "terms.due_date_contradicts.issued": (
        "Facture {number} : l'échéance {due_cell:cell} ({due:date}) ne correspond pas aux "
        "conditions « {terms} » ({terms_cell:cell}), qui donnent le {expected:date}."),
    "terms.due_date_contradicts.issued.hint": (
        "La facture est émise : si l'échéance est fausse, faites un avoir et une nouvelle "
        "facture ; suivi relance d'après l'échéance saisie."),
    "chorus.siret_missing.client": (
        "{where:cell} : client « {client} » (acheteur public) sans SIRET ; Chorus Pro "
        "identifie l'acheteur par son SIRET. Ses factures ne sont pas produites."),
    "chorus.siret_invalid.client": (
        "{where:cell} : client « {client} » (acheteur public), SIRET « {siret} » invalide "
        "(clé de contrôle). Ses factures ne sont pas produites."),
    "chorus.service_code_missing.client": (
        "{where:cell} : client « {client} » (acheteur public) sans code service, exigé par "
        "sa fiche Chorus Pro. Ses factures ne sont pas produites."),
    "chorus.service_code_too_long.client": (
        "{where:cell} : client « {client} », code service de plus de {limit:num} caractères."),
    "nature_illisible": (
        "« {value} » : nature inconnue (attendu : biens ou services) ; l'unité ou le réglage "
        "[factures] nature décide."),
    "nature_illisible.hint": "Écrivez « biens » ou « services », ou videz la cellule.",
}

EN: dict[str, str] = {
    "terms.due_date_contradicts": (
        "Invoice {number}: the due date entered ({due:date}) does not match the terms "
        "\"{terms}\", which give {expected:date}."),
    "terms.due_date_contradicts.hint": (
        "Correct the due date (or the terms): suivi sends reminders from the due date."),
    "terms.beyond_legal_cap": (
        "Invoice {number}: due on {due:date}, {days:num} days, beyond the legal cap (60 days "
        "from the invoice date or 45 days end of month: {limit:date} at the latest, French "
        "Commercial Code art. L441-10)."),
    "terms.beyond_legal_cap.hint": "Bring the due date back to {limit:date} at the latest.",
    "terms.beyond_public_cap": (
        "Invoice {number}: due on {due:date}, {days:num} days; a public buyer pays within 30 "
        "days (French Public Procurement Code art. R2192-10), that is {limit:date}."),
    "terms.beyond_public_cap.hint": "Set a due date within 30 days.",
    "vat.category_unknown": "{where:cell}: unknown VAT category \"{category}\".",
    "vat.category_unknown.hint": (
        "Use S (standard or reduced rate), Z (zero rated), E (exempt), AE (reverse charge), K "
        "(intra-EU supply), G (export) or O (outside the scope of VAT)."),
    "vat.rate_unknown": "{where:cell}: VAT rate of {rate:pct} does not exist in France.",
    "vat.rate_unknown.hint": "French rates are 20%, 10%, 5.5%, 2.1% and 0%.",
    "vat.zero_needs_category": (
        "{where:cell}: 0% VAT without a reason: a 0% line is exempt (E), reverse-charged "
        "(AE), an intra-EU supply (K), an export (G) or outside the scope of VAT (O)."),
    "vat.zero_needs_category.hint": (
        "Give the category and the exemption wording (for example \"TVA non applicable, art. "
        "293 B du CGI\")."),
    "vat.exempt_with_rate": (
        "{where:cell}: category {category} (no VAT) but a rate of {rate:pct}."),
    "vat.exempt_with_rate.hint": "Set the rate to 0% or change the category.",
    "vat.exemption_reason_missing": (
        "{where:cell}: line without VAT (category {category}) and no exemption wording."),
    "vat.exemption_reason_missing.hint": (
        "Add the wording that justifies the absence of VAT (article of the tax code or "
        "directive)."),
    "vat.zero_rated_with_reason": (
        "{where:cell}: a zero-rated line (Z) carries no exemption wording."),
    "vat.zero_rated_with_reason.hint": "Remove the wording, or use category E.",
    "vat.rate_to_confirm": (
        "{where:cell}: rate of {rate:pct}; this kind of sale usually carries {usual:pct} "
        "({basis})."),
    "vat.rate_to_confirm.hint": "Check the rate of this line.",
    "credit_note.exceeds_original": (
        "Credit note {number}: {credited:money} credited in all on invoice {original}, which "
        "was only {invoiced:money}."),
    "credit_note.exceeds_original.hint": (
        "A credit note cannot credit more than the invoice it corrects: check the amounts."),
    "credit_note.line_not_invoiced": (
        "Credit note {number}, line {line}: \"{description}\" is not on invoice {original}."),
    "credit_note.line_not_invoiced.hint": (
        "A credit note only credits what was invoiced: use the description and rate of the "
        "original invoice."),
    "credit_note.line_exceeds": (
        "Credit note {number}, line {line}: \"{description}\" credited for {credited:money} "
        "excl. VAT, invoiced {invoiced:money} excl. VAT on {original}."),
    "credit_note.line_exceeds.hint": "Check the quantity and price credited.",
    "credit_note.unallocated": (
        "Credit note {number} ({amount:money}) quotes no invoice of the sheet, so it is "
        "deducted from none. The open invoices of {client} are not dunned until it is known "
        "what it deducts."),
    "credit_note.unallocated.unknown": (
        "Credit note {number} ({amount:money}): the invoice it quotes, '{original}', is not in "
        "the sheet, so it is deducted from none. The open invoices of {client} are not dunned "
        "until it is known what it deducts."),
    "credit_note.unallocated.hint": (
        "Give the invoice it corrects (column 'Facture d'origine', or 'Avoir sur facture N° …' "
        "in the description); if it was refunded or used, say so in its status ('Avoir "
        "remboursé')."),
    "chorus.siret_missing": (
        "{where:cell}: invoice {number} to a public buyer without a SIRET; Chorus Pro "
        "identifies the buyer by its SIRET."),
    "chorus.siret_missing.hint": (
        "Enter the public body's SIRET (14 digits), as given by the Chorus Pro directory."),
    "chorus.siret_invalid": (
        "{where:cell}: invoice {number}, SIRET \"{siret}\" is invalid (check digit)."),
    "chorus.siret_invalid.hint": "Check the SIRET in the Chorus Pro directory.",
    "chorus.service_code_missing": (
        "{where:cell}: invoice {number} has no service code, which this public buyer "
        "requires."),
    "chorus.service_code_missing.hint": (
        "Ask your client for the service code or look it up in the Chorus Pro directory."),
    "chorus.service_code_too_long": (
        "{where:cell}: invoice {number}, service code longer than {limit:num} characters."),
    "chorus.service_code_too_long.hint": "Check the service code.",
    "chorus.commitment_missing": (
        "{where:cell}: invoice {number} has no commitment number, which this public buyer "
        "requires."),
    "chorus.commitment_missing.hint": (
        "The commitment number is on the public buyer's purchase order."),
    "chorus.number_too_long": (
        "{where:cell}: invoice number {number} is longer than {limit:num} characters, which "
        "Chorus Pro refuses."),
    "chorus.number_too_long.hint": "Shorten the invoice number format.",
    "chorus.deposit_by_hand": (
        "Invoice {number}: to deposit on Chorus Pro (file {file}, SIRET {siret}, service "
        "code {service}, commitment {commitment})."),
    "chorus.check_status": (
        "Invoice {number}: check its status on Chorus Pro before sending a reminder."),
    "terms.due_date_contradicts.to_issue": (
        "Invoice {number}: the due date in {due_cell:cell} ({due:date}) does not match the "
        "terms \"{terms}\" ({terms_cell:cell}), which give {expected:date}: the invoice is "
        "neither numbered nor produced."),
    "terms.due_date_contradicts.to_issue.hint": (
        "Set the due date to {expected:date}, or empty the cell for suivi to compute it, or "
        "correct the terms."),
    "terms.due_date_contradicts.issued": (
        "Invoice {number}: the due date {due_cell:cell} ({due:date}) does not match the terms "
        "\"{terms}\" ({terms_cell:cell}), which give {expected:date}."),
    "terms.due_date_contradicts.issued.hint": (
        "The invoice is issued: if its due date is wrong, issue a credit note and a new "
        "invoice; suivi sends reminders from the due date entered."),
    "chorus.siret_missing.client": (
        "{where:cell}: client '{client}' (public buyer) has no SIRET; Chorus Pro identifies "
        "the buyer by its SIRET. Its invoices are not produced."),
    "chorus.siret_invalid.client": (
        "{where:cell}: client '{client}' (public buyer), SIRET '{siret}' is invalid (check "
        "digit). Its invoices are not produced."),
    "chorus.service_code_missing.client": (
        "{where:cell}: client '{client}' (public buyer) has no service code, which its Chorus "
        "Pro entry requires. Its invoices are not produced."),
    "chorus.service_code_too_long.client": (
        "{where:cell}: client '{client}', service code longer than {limit:num} characters."),
    "nature_illisible": (
        "'{value}': unknown nature (expected: goods or services); the unit or the [factures] "
        "nature setting decides."),
    "nature_illisible.hint": "Write 'biens' (goods) or 'services', or empty the cell.",
}
