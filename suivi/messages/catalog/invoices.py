"""Messages of numbering and invoice rendering (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    "ttc_sous_ht": "Facture {invoice} : le TTC ({ttc:money}) est inférieur au HT ({ht:money}), "
                   "ce qui ne se peut pas. C'est souvent la valeur périmée d'une formule (un "
                   "classeur écrit par un programme qui enregistre 0 au lieu de calculer) : "
                   "la facture n'est ni relancée ni marquée réglée tant que ce n'est pas corrigé.",
    "ttc_sous_ht.hint": "Corrigez le montant, ou ouvrez le classeur dans Excel ou LibreOffice "
                        "et enregistrez-le pour que ses formules soient calculées.",
    "invoices.from_contracts": "{count} facture(s) créée(s) d'après les contrats (feuille "
                               "{sheet}).",
    "invoices.numbered": "{count} facture(s) numérotée(s) : {numbers:list}",
    "invoices.would_render": "{count} facture(s) PDF seraient produites (simulation).",
    "invoices.rendered": "{count} facture(s) PDF Factur-X produite(s) dans {folder}.",
    "caracteres_absents": "{invoice} : la police des factures ne sait pas dessiner « {chars} » "
                          "(émoji, écriture chinoise, japonaise…) : ces caractères manqueront "
                          "sur le PDF, mais restent dans les données Factur-X.",
    "caracteres_absents.hint": "Remplacez-les (par exemple par une transcription en lettres "
                               "latines) si le client doit les lire sur la facture.",
    "invoices.adopted": "{count} facture(s) avaient déjà leur PDF ({numbers:list}) : gardés "
                        "tels quels, jamais écrasés, et notés dans le classeur.",
    "facture_refusee.siren_client": "{invoice} : pas de PDF : le SIREN du client « {client} » "
                                    "manque ; une facture électronique entre professionnels "
                                    "doit le porter (règle(s) {rules:list}).",
    "facture_refusee.siren_client.hint": "Renseignez son SIREN (9 chiffres) dans la feuille "
                                         "Clients : le PDF sera produit au prochain passage. "
                                         "Un particulier : écrivez « Particulier » dans la "
                                         "colonne Type de sa fiche.",
    "facture_refusee.siren_no_sheet": "{invoice} : pas de PDF : le SIREN du client « {client} "
                                      "» manque ; une facture électronique entre "
                                      "professionnels doit le porter (règle(s) {rules:list}).",
    "facture_refusee.siren_no_sheet.hint": "Ajoutez une feuille « Clients » avec son SIREN (9 "
                                           "chiffres) et son adresse (« suivi init » en crée "
                                           "un modèle) : le PDF sera produit au prochain "
                                           "passage.",
    "facture_refusee.vendeur_tva": "{count} facture(s) sans PDF ({numbers:list}) : le n° de TVA "
                                   "intracommunautaire du vendeur manque (règle(s) "
                                   "{rules:list}).",
    "facture_refusee.vendeur_tva.hint": "Indiquez-le dans suivi.toml, section [vendeur] : "
                                        "tva = \"FR…\" ; les PDF seront produits au prochain "
                                        "passage, avec leurs numéros déjà donnés.",
    "facture_refusee.vendeur_siren": "{count} facture(s) sans PDF ({numbers:list}) : le SIREN "
                                     "du vendeur manque ou n'a pas 9 chiffres (règle(s) "
                                     "{rules:list}).",
    "facture_refusee.vendeur_siren.hint": "Indiquez-le dans suivi.toml, section [vendeur] : "
                                          "siren = \"…\" (9 chiffres) ; les PDF seront "
                                          "produits au prochain passage.",
    "invoices.refused_rule": "Facture {number} refusée (aucun PDF) : règle {rule} – {detail}",
    "invoices.render_error": "Facture {number} : erreur pendant la production du PDF "
                             "({detail}).",
    "numero_efface": "La ligne {row} (client « {client} ») n'a plus de numéro alors que la "
                     "facture a été émise (PDF, statut ou journal des numéros). suivi ne lui "
                     "donne pas de nouveau numéro.",
    "numero_efface.known": "La ligne {row} (client « {client} ») n'a plus de numéro : elle "
                           "portait le numéro {number}. suivi ne lui donne pas de nouveau "
                           "numéro.",
    "numero_efface.guess": "La ligne {row} (client « {client} ») n'a plus de numéro alors que "
                           "la facture a été émise : elle portait sans doute le numéro {number} "
                           "(celui qui manque entre ses voisines). suivi ne lui donne pas de "
                           "nouveau numéro.",
    "numero_efface.hint": "Remettez le numéro dans la cellule (ou défusionnez les cellules). "
                          "Une facture émise garde son numéro ; pour l'annuler, faites un "
                          "avoir. Rien n'est numéroté, produit, envoyé ni écrit d'ici là.",
    "date_improbable.future": "Ligne {row} : la date de facture ({day:date}) est dans le futur "
                              "(nous sommes le {today:date}) : la facture n'est pas numérotée.",
    "date_improbable.series": "Ligne {row} : la date de facture ({day:date}) précède la "
                              "première facture de la série ({first:date}) : la facture n'est "
                              "pas numérotée.",
    "date_improbable.old": "Ligne {row} : la date de facture ({day:date}) a plus de {days} "
                           "jours : la facture n'est pas numérotée.",
    "date_improbable.clock": "Ligne {row} : sans date de facture, elle prendrait celle de "
                             "l'ordinateur, le {today:date}, plus de {gap} jours après le "
                             "dernier passage ({last:date}) : la facture n'est pas numérotée.",
    "date_improbable.clock.hint": "Si l'horloge de l'ordinateur est fausse, corrigez-la. Si "
                                  "le {today:date} est bien la date du jour, lancez « suivi run "
                                  "--date {iso} », ou saisissez la date de la facture.",
    "date_improbable.hint": "Corrigez la date, ou confirmez-la avec « suivi run "
                            "--confirmer-dates » (ou « suivi invoices --confirmer-dates »).",
    "echeance_impossible": "Ligne {row} : l'échéance ne peut pas être calculée (date hors des "
                           "limites) : la facture n'est pas numérotée.",
    "echeance_impossible.hint": "Corrigez la date de facture ou les conditions de paiement.",
    "vendeur_absent": "Aucune facture PDF produite : la section [vendeur] de suivi.toml n'est "
                      "pas renseignée.",
    "vendeur_absent.hint": "Indiquez au moins nom, adresse, SIREN, TVA et IBAN de votre "
                           "entreprise dans la section [vendeur] de suivi.toml.",
    "modele_inconnu": "Modèle de facture inconnu « {name} » (disponibles : {known:list}) : le "
                      "modèle standard est utilisé.",
    "modele_inconnu.hint": "Corrigez la colonne Modèle de la feuille Clients, ou déclarez le "
                           "modèle dans suivi.toml ([modeles.{name}]).",
    "invoices.held": "Ligne {row} (client « {client} ») retenue : ni numérotée ni produite "
                     "tant que {count} erreur(s) restent en {cells:list} (voir ci-dessous).",
    "invoices.held_pdf": "Facture {number} (client « {client} ») retenue : son PDF n'est pas "
                         "produit tant que {count} erreur(s) restent en {cells:list} (voir "
                         "ci-dessous).",
    "numero_appris": "Les factures du classeur sont numérotées comme « {example} » : suivi "
                     "numérote les nouvelles à la suite, sur ce modèle (« {pattern} »), et non "
                     "sur le sien (« {default} »), qui ouvrirait une seconde série.",
    "numero_appris.hint": "Pour le fixer, indiquez-le dans suivi.toml : [factures] {key} = "
                          "\"{pattern}\" (ce message disparaît alors).",
    "numero_modele_inconnu": "Les dernières factures du classeur sont numérotées comme "
                             "« {example} », un modèle que suivi ne sait pas reprendre : les "
                             "{count} ligne(s) sans numéro ne sont pas numérotées (le modèle de "
                             "suivi, « {default} », ouvrirait une seconde série).",
    "numero_modele_inconnu.hint": "Indiquez votre modèle dans suivi.toml : [factures] {key} = "
                                  "\"…\" ({{AAAA}} pour l'année, {{MM}} le mois, {{NNN}} le "
                                  "compteur sur 3 chiffres ; voir docs/configuration.md).",
}

EN: dict[str, str] = {
    "ttc_sous_ht": "Invoice {invoice}: the total ({ttc:money}) is below the net amount "
                   "({ht:money}), which cannot be. It is often a formula's stale value (a "
                   "workbook written by a program that saves 0 instead of calculating): the "
                   "invoice is neither reminded nor marked paid until it is fixed.",
    "ttc_sous_ht.hint": "Fix the amount, or open the workbook in Excel or LibreOffice and save "
                        "it so that its formulas are calculated.",
    "invoices.from_contracts": "{count} invoice(s) created from the contracts (sheet {sheet}).",
    "invoices.numbered": "{count} invoice(s) numbered: {numbers:list}",
    "invoices.would_render": "{count} invoice PDF(s) would be produced (dry run).",
    "invoices.rendered": "{count} Factur-X invoice PDF(s) produced in {folder}.",
    "caracteres_absents": "{invoice}: the invoice font cannot draw '{chars}' (emoji, Chinese, "
                          "Japanese script…): these characters will be missing from the PDF, "
                          "but stay in the Factur-X data.",
    "caracteres_absents.hint": "Replace them (for instance with a Latin transcription) if the "
                               "client must read them on the invoice.",
    "invoices.adopted": "{count} invoice(s) already had their PDF ({numbers:list}): kept as "
                        "they are, never overwritten, and noted in the workbook.",
    "facture_refusee.siren_client": "{invoice}: no PDF: client '{client}' has no SIREN; an "
                                    "electronic invoice between businesses must show it "
                                    "(rules {rules:list}).",
    "facture_refusee.siren_client.hint": "Fill in its SIREN (9 digits) in the Clients sheet: "
                                         "the PDF is produced on the next run. A consumer: "
                                         "write 'Particulier' in the Type column of its row.",
    "facture_refusee.siren_no_sheet": "{invoice}: no PDF: client '{client}' has no SIREN; an "
                                      "electronic invoice between businesses must show it "
                                      "(rules {rules:list}).",
    "facture_refusee.siren_no_sheet.hint": "Add a 'Clients' sheet with its SIREN (9 digits) and "
                                           "address ('suivi init' creates a model): the PDF is "
                                           "produced on the next run.",
    "facture_refusee.vendeur_tva": "{count} invoice(s) without a PDF ({numbers:list}): the "
                                   "seller's VAT number is missing (rules {rules:list}).",
    "facture_refusee.vendeur_tva.hint": "Set it in suivi.toml, section [vendeur]: tva = "
                                        "\"FR…\"; the PDFs are produced on the next run, with "
                                        "the numbers already given.",
    "facture_refusee.vendeur_siren": "{count} invoice(s) without a PDF ({numbers:list}): the "
                                     "seller's SIREN is missing or not 9 digits (rules "
                                     "{rules:list}).",
    "facture_refusee.vendeur_siren.hint": "Set it in suivi.toml, section [vendeur]: siren = "
                                          "\"…\" (9 digits); the PDFs are produced on the "
                                          "next run.",
    "invoices.refused_rule": "Invoice {number} refused (no PDF): rule {rule} – {detail}",
    "invoices.render_error": "Invoice {number}: error while producing the PDF ({detail}).",
    "numero_efface": "Row {row} (client '{client}') has lost its number although the invoice "
                     "was issued (PDF, status or number journal). suivi does not give it a new "
                     "number.",
    "numero_efface.known": "Row {row} (client '{client}') has lost its number: it was "
                           "{number}. suivi does not give it a new number.",
    "numero_efface.guess": "Row {row} (client '{client}') has lost its number although the "
                           "invoice was issued: it was most likely {number} (the one missing "
                           "between its neighbours). suivi does not give it a new number.",
    "numero_efface.hint": "Put the number back in the cell (or unmerge the cells). An issued "
                          "invoice keeps its number; to cancel it, issue a credit note. Nothing "
                          "is numbered, produced, sent or written until then.",
    "date_improbable.future": "Row {row}: the invoice date ({day:date}) is in the future "
                              "(today is {today:date}): the invoice is not numbered.",
    "date_improbable.series": "Row {row}: the invoice date ({day:date}) is before the first "
                              "invoice of the series ({first:date}): the invoice is not "
                              "numbered.",
    "date_improbable.old": "Row {row}: the invoice date ({day:date}) is more than {days} days "
                           "old: the invoice is not numbered.",
    "date_improbable.clock": "Row {row}: without an invoice date, it would take the "
                             "computer's, {today:date}, more than {gap} days after the last "
                             "run ({last:date}): the invoice is not numbered.",
    "date_improbable.clock.hint": "If the computer's clock is wrong, fix it. If {today:date} "
                                  "is indeed today, run 'suivi run --date {iso}', or type the "
                                  "invoice date.",
    "date_improbable.hint": "Fix the date, or confirm it with 'suivi run --confirmer-dates' (or "
                            "'suivi invoices --confirmer-dates').",
    "echeance_impossible": "Row {row}: the due date cannot be computed (date out of range): "
                           "the invoice is not numbered.",
    "echeance_impossible.hint": "Fix the invoice date or the payment terms.",
    "vendeur_absent": "No invoice PDF produced: the [vendeur] section of suivi.toml is not "
                      "filled in.",
    "vendeur_absent.hint": "Give at least your company's name, address, SIREN, VAT number and "
                           "IBAN in the [vendeur] section of suivi.toml.",
    "modele_inconnu": "Unknown invoice template '{name}' (available: {known:list}): the "
                      "standard template is used.",
    "modele_inconnu.hint": "Fix the Modèle column of the Clients sheet, or declare the "
                           "template in suivi.toml ([modeles.{name}]).",
    "invoices.held": "Row {row} (client '{client}') held: neither numbered nor produced while "
                     "{count} error(s) remain in {cells:list} (see below).",
    "invoices.held_pdf": "Invoice {number} (client '{client}') held: its PDF is not produced "
                         "while {count} error(s) remain in {cells:list} (see below).",
    "numero_appris": "The workbook's invoices are numbered like '{example}': suivi numbers "
                     "new ones after them, in that pattern ('{pattern}'), not in its own "
                     "('{default}'), which would open a second series.",
    "numero_appris.hint": "To fix it, write it in suivi.toml: [factures] {key} = \"{pattern}\" "
                          "(this message then goes).",
    "numero_modele_inconnu": "The workbook's latest invoices are numbered like '{example}', a "
                             "pattern suivi cannot follow: the {count} row(s) without a number "
                             "are not numbered (suivi's own pattern, '{default}', would open a "
                             "second series).",
    "numero_modele_inconnu.hint": "Write your pattern in suivi.toml: [factures] {key} = \"…\" "
                                  "({{AAAA}} for the year, {{MM}} the month, {{NNN}} a 3-digit "
                                  "counter; see docs/configuration.md).",
}
