"""Messages of what a team states in its own words, and of its own formulas (French, then
English): an amount written in the Statut or a note (« Reste 200 € »), a note saying paid,
disputed or « ne pas relancer » on an invoice or a client, a negative amount paid, a row
still being typed, a column computed by the team's formulas."""
from __future__ import annotations

FR: dict[str, str] = {
    "montant_dans_statut": "Facture {invoice} : d'après le statut « {status} », {paid:money} "
                           "sont réglés sur {total:money} ; suivi relance pour le reste "
                           "({left:money}).",
    "montant_dans_statut.note": "Facture {invoice} : d'après la note « {status} » (colonne "
                                "« {header} »), {paid:money} sont réglés sur {total:money} ; "
                                "suivi relance pour le reste ({left:money}).",
    "montant_dans_statut.column": "{count} factures dont le statut (ou la note) dit ce qui "
                                  "est réglé ou ce qui reste (« Reste 200 € », « Payé 50 % ») "
                                  ": suivi compte ces montants comme réglés et relance pour "
                                  "le reste ({invoices}…).",
    "montant_dans_statut.hint": "Le montant reçu se saisit dans une colonne « Montant réglé » "
                                "(ajoutez-la s'il n'y en a pas) : ce qu'elle dit fait foi.",
    "note_lue.paid": "Facture {invoice} : la note « {note} » (colonne « {header} ») dit "
                     "qu'elle est réglée ; suivi ne la relance pas.",
    "note_lue.disputed": "Facture {invoice} : la note « {note} » (colonne « {header} ») dit "
                         "qu'elle est en litige ; suivi ne la relance pas.",
    "note_lue.off": "Facture {invoice} : la note « {note} » (colonne « {header} ») dit de ne "
                    "pas la relancer (ou qu'elle est annulée) ; suivi ne la relance pas.",
    "note_lue.column": "{count} factures dont la note (colonne « {header} ») dit réglée, en "
                       "litige ou à ne pas relancer : suivi ne les relance pas ({invoices}…).",
    "note_lue.hint": "Si la facture est à relancer, changez la note. Si elle est réglée, "
                     "saisissez le montant reçu (colonne « Montant réglé ») ou « Réglée » dans "
                     "le Statut.",
    "montant_regle_negatif": "Facture {invoice} : le montant réglé est négatif "
                             "({paid:money}) ; la relance réclamerait plus que la facture. "
                             "Elle n'est pas relancée.",
    "total_ttc_inatteignable": "Facture {invoice} : aucun montant HT ne donne {total:money} "
                               "TTC à {rate:num} % ({low_ht:money} HT donnent {low:money}, "
                               "{high_ht:money} HT donnent {high:money}). La facture dirait un "
                               "autre total que la ligne : elle n'est ni numérotée ni produite.",
    "total_ttc_inatteignable.hint": "Saisissez le montant HT (colonne « Montant HT ») ou un "
                                    "total TTC qu'un montant HT atteint ({low:money} ou "
                                    "{high:money}).",
    "total_ttc_inatteignable.copy": "Facture {invoice} : aucun montant HT ne donne "
                                    "{total:money} TTC à {rate:num} % ; suivi n'en fait pas de "
                                    "copie PDF, qui dirait {low:money}. Ses relances partent "
                                    "sans la facture jointe.",
    "reglement_autrement_colonne": "Les colonnes {headers:quoted} disent ce que la facture "
                                   "ne réclame plus sans qu'il ait été payé (escompte, écart "
                                   "de règlement, frais bancaires, perte, retenue de "
                                   "garantie) : suivi le retire de ce qu'elle doit, et ne le "
                                   "relance pas.",
    "lignes_total_different": "Facture {invoice} : ses lignes (feuille Lignes) font "
                              "{lines:money}, sa ligne de la feuille des factures "
                              "{row:money} : suivi n'en fait pas de copie PDF, qui dirait "
                              "{lines:money} quand les relances réclament {row:money}.",
    "lignes_total_different.to_issue": "Facture {invoice} : ses lignes (feuille Lignes) font "
                                       "{lines:money}, sa ligne de la feuille des factures "
                                       "{row:money} : la facture dirait un autre montant que "
                                       "les relances. Elle n'est ni numérotée ni produite.",
    "lignes_total_different.hint": "Corrigez les lignes ou le montant (suivi ne lit pas de "
                                   "colonne « Remise » dans Lignes : mettez le prix unitaire "
                                   "remisé).",
    "pays_inconnu": "Pays « {country} » inconnu de suivi : ce client est pris pour un client "
                    "français sur ses factures.",
    "pays_inconnu.hint": "Écrivez le pays en toutes lettres (« Belgique », « Suisse ») ou son "
                         "code à deux lettres (BE, CH).",
    "reglement_autrement_colonne.hint": "Une retenue de garantie se relance à la main, à la "
                                        "fin de la garantie.",
    "montant_regle_negatif.hint": "Saisissez ce qui a été reçu (0 si rien). Un paiement "
                                  "rejeté ou remboursé s'inscrit dans la feuille Paiements, "
                                  "après le paiement qu'il annule.",
    "note_client_lue": "Client « {client} » : la note « {note} » (colonne « {header} ») dit "
                       "de ne pas le relancer (litige, procédure collective ou « ne pas "
                       "relancer ») ; suivi ne relance aucune de ses factures.",
    "note_client_lue.hint": "Si ce client est à relancer, changez la note.",
    "formule_gardee": "La colonne « {header} » est calculée par vos formules ({count} "
                      "cellule(s) : {cells:list}…) : suivi ne les remplace pas, et ce qu'il y "
                      "aurait écrit n'y apparaît pas.",
    "formule_gardee.hint": "Rien à faire si c'est voulu. Pour que suivi y écrive, remplacez la "
                           "formule par une valeur, ou laissez-lui une colonne à lui.",
    "montant_absent.to_issue": "Facture {invoice} : aucun montant ; elle n'est ni numérotée "
                               "ni produite tant qu'il n'est pas saisi.",
    "relance_prevue_equipe": "La colonne « {header} » donne le jour où l'équipe prévoit la "
                             "prochaine relance ({count} facture(s)) : suivi ne relance pas "
                             "avant ce jour, ni avant ce que prévoient ses propres étapes, "
                             "et n'y écrit pas.",
    "relance_prevue_equipe.hint": "Une date passée ne retient plus rien. Effacez la date pour "
                                  "que suivi reprenne ses étapes.",
    "conditions_illisibles": "Facture {invoice} : les conditions de paiement « {terms} » ne "
                             "sont pas comprises ({count} facture(s) ainsi) ; l'échéance est "
                             "calculée avec « {default} », et la relance peut partir trop tôt.",
    "conditions_illisibles.client": "Client « {client} » : les conditions de paiement "
                                    "« {terms} » ne sont pas comprises ; l'échéance de ses "
                                    "factures qui n'en ont pas est calculée avec « {default} », "
                                    "et la relance peut partir trop tôt.",
    "conditions_illisibles.hint": "Écrivez-les comme suivi les lit : « 30 jours », « 45 jours "
                                  "fin de mois », « 60 jours date de facture », « à "
                                  "réception », « 30 jours fin de mois le 10 » (le moyen de "
                                  "paiement peut les entourer : « LCR à 60 jours »).",
    "delai_illegal.client": "Client « {client} » : les conditions « {terms} » dépassent le "
                            "plafond légal (60 jours date de facture ou 45 jours fin de mois, "
                            "art. L441-10 du Code de commerce).",
    "delai_illegal.client.hint": "Ramenez le délai à 60 jours maximum.",
    "colonne_reglement_ignoree.total": "« {main} » compte déjà ce que dit la colonne "
                                       "« {header} » (c'en est le total) ; sur {count} "
                                       "ligne(s), « {main} » est plus petit qu'elle : suivi y "
                                       "prend ce que « {header} » dit reçu.",
}

EN: dict[str, str] = {
    "montant_dans_statut": "Invoice {invoice}: according to the status '{status}', {paid:money} "
                           "of {total:money} is paid; suivi reminds for the rest "
                           "({left:money}).",
    "montant_dans_statut.note": "Invoice {invoice}: according to the note '{status}' (column "
                                "'{header}'), {paid:money} of {total:money} is paid; suivi "
                                "reminds for the rest ({left:money}).",
    "montant_dans_statut.column": "{count} invoices whose status says what was paid or what "
                                  "is left ('Reste 200 €', 'Payé 50 %'): suivi counts these "
                                  "amounts as paid and reminds for the rest ({invoices}…).",
    "montant_dans_statut.hint": "The amount received belongs in a 'Montant réglé' column (add "
                                "one if there is none): what it says prevails.",
    "note_lue.paid": "Invoice {invoice}: the note '{note}' (column '{header}') says it is "
                     "paid; suivi does not remind it.",
    "note_lue.disputed": "Invoice {invoice}: the note '{note}' (column '{header}') says it is "
                         "disputed; suivi does not remind it.",
    "note_lue.off": "Invoice {invoice}: the note '{note}' (column '{header}') says not to "
                    "remind it (or that it is cancelled); suivi does not remind it.",
    "note_lue.column": "{count} invoices whose note (column '{header}') says paid, disputed or "
                       "not to remind: suivi does not remind them ({invoices}…).",
    "note_lue.hint": "If the invoice is to be reminded, change the note. If it is paid, type "
                     "the amount received ('Montant réglé' column) or 'Réglée' in the Statut.",
    "montant_regle_negatif": "Invoice {invoice}: the amount paid is negative ({paid:money}); "
                             "a reminder would claim more than the invoice. It is not "
                             "reminded.",
    "total_ttc_inatteignable": "Invoice {invoice}: no amount before VAT makes {total:money} "
                               "at {rate:num} % ({low_ht:money} makes {low:money}, "
                               "{high_ht:money} makes {high:money}). The invoice would state "
                               "another total than the row: it is neither numbered nor made.",
    "total_ttc_inatteignable.hint": "Type the amount before VAT (« Montant HT » column) or a "
                                    "total an amount before VAT reaches ({low:money} or "
                                    "{high:money}).",
    "total_ttc_inatteignable.copy": "Invoice {invoice}: no amount before VAT makes "
                                    "{total:money} at {rate:num} %; suivi makes no PDF copy of "
                                    "it, which would state {low:money}. Its reminders go "
                                    "without the invoice attached.",
    "reglement_autrement_colonne": "Columns {headers:quoted} say what the invoice no longer "
                                   "claims though it was not paid (an early-payment "
                                   "discount, a settlement difference, bank fees, a loss, a "
                                   "holdback): suivi takes it off what the invoice owes, and "
                                   "does not remind it.",
    "lignes_total_different": "Invoice {invoice}: its lines (Lignes sheet) make "
                              "{lines:money}, its row of the invoice sheet {row:money}: suivi "
                              "makes no PDF copy of it, which would state {lines:money} while "
                              "the reminders claim {row:money}.",
    "lignes_total_different.to_issue": "Invoice {invoice}: its lines (Lignes sheet) make "
                                       "{lines:money}, its row of the invoice sheet "
                                       "{row:money}: the invoice would state another amount "
                                       "than the reminders. It is neither numbered nor made.",
    "lignes_total_different.hint": "Correct the lines or the amount (suivi reads no "
                                   "« Remise » column in Lignes: type the discounted unit "
                                   "price).",
    "pays_inconnu": "Country '{country}' unknown to suivi: this client is taken for a French "
                    "client on its invoices.",
    "pays_inconnu.hint": "Write the country's name (« Belgique », « Switzerland ») or its "
                         "two-letter code (BE, CH).",
    "reglement_autrement_colonne.hint": "A holdback (retenue de garantie) is reminded by hand, "
                                        "when the guarantee ends.",
    "montant_regle_negatif.hint": "Type what was received (0 if nothing). A rejected or "
                                  "refunded payment goes in the Paiements sheet, after the "
                                  "payment it cancels.",
    "note_client_lue": "Client '{client}': the note '{note}' (column '{header}') says not to "
                       "remind it (a dispute, insolvency proceedings or 'do not remind'); "
                       "suivi reminds none of its invoices.",
    "note_client_lue.hint": "If this client is to be reminded, change the note.",
    "formule_gardee": "Column '{header}' is computed by your formulas ({count} cell(s): "
                      "{cells:list}…): suivi does not replace them, and what it would have "
                      "written there does not show.",
    "formule_gardee.hint": "Nothing to do if this is wanted. For suivi to write there, replace "
                           "the formula by a value, or leave suivi a column of its own.",
    "montant_absent.to_issue": "Invoice {invoice}: no amount; it is neither numbered nor "
                               "produced until one is typed.",
    "relance_prevue_equipe": "Column '{header}' gives the day the team plans the next "
                             "reminder ({count} invoice(s)): suivi does not remind before "
                             "that day, nor before its own steps allow, and does not write "
                             "there.",
    "relance_prevue_equipe.hint": "A past day holds nothing any more. Clear the day for suivi "
                                  "to follow its own steps again.",
    "conditions_illisibles": "Invoice {invoice}: payment terms '{terms}' are not understood "
                             "({count} invoice(s) so); the due date is reckoned with "
                             "'{default}', and the reminder may go too early.",
    "conditions_illisibles.client": "Client '{client}': payment terms '{terms}' are not "
                                    "understood; the due date of its invoices without one is "
                                    "reckoned with '{default}', and the reminder may go too "
                                    "early.",
    "conditions_illisibles.hint": "Write them as suivi reads them: '30 jours', '45 jours fin "
                                  "de mois', '60 jours date de facture', 'à réception', '30 "
                                  "jours fin de mois le 10' (the way of paying may surround "
                                  "them: 'LCR à 60 jours').",
    "delai_illegal.client": "Client '{client}': terms '{terms}' exceed the legal cap (60 days "
                            "from the invoice date or 45 days end of month, art. L441-10 of "
                            "the French Commercial Code).",
    "delai_illegal.client.hint": "Bring the terms down to 60 days at most.",
    "colonne_reglement_ignoree.total": "'{main}' already counts what column '{header}' says "
                                       "(it is its total); on {count} row(s), '{main}' is "
                                       "below it: suivi takes there what '{header}' says "
                                       "received.",
}
