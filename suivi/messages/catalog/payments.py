"""Messages of payments in the daily work (French, then English): importing statements into the
workbook (`suivi bank`, `suivi run`), the Rapprochement sheet, installment plans, payment
promises and stale bank data. The words of reading statements and of matching are in
`bank.py`."""
from __future__ import annotations

FR: dict[str, str] = {
    "paiement_sans_montant": "Ce règlement ({subject}, du {day:date}) n'a pas de montant : "
                             "tant qu'il n'en a pas, suivi ne relance pas la facture qu'il "
                             "règle peut-être.",
    "paiement_sans_montant.hint": "Saisissez le montant reçu, ou effacez la ligne si rien n'a "
                                  "été reçu.",
    # --- importing statements ------------------------------------------------------------------
    "bank.statement_refused": "Relevé refusé, laissé dans {folder} : {problem}",
    "bank.statement_refused.hint": "Corrigez ou remplacez le fichier (voir docs/banque.md, "
                                   "« Quand le format de la banque n'est pas reconnu ») ; il "
                                   "sera importé au prochain passage.",
    "bank.move_failed": "{file} importé mais pas rangé dans {folder} ({reason}) : il reste "
                        "dans le dossier des relevés ; ses opérations ne seront pas comptées "
                        "deux fois.",
    "bank.summary": "Banque : {statements} relevé(s) lu(s), {applied} paiement(s) appliqué(s), "
                    "{review} opération(s) à vérifier dans la feuille Rapprochement, {known} "
                    "déjà importée(s).",
    "bank.review_sheet_taken": "Une feuille « Rapprochement » existe déjà et n'est pas celle "
                               "de suivi : les {count} opération(s) à vérifier n'y sont pas "
                               "écrites.",
    "bank.review_sheet_taken.hint": "Renommez votre feuille « Rapprochement » ; suivi créera "
                                    "la sienne au prochain passage.",
    "bank.sheet.validate_help": "Oui : appliquer ce paiement (indiquez la facture dans "
                                "Facture(s) s'il y a plusieurs candidats ou aucun). Non : ce "
                                "n'est pas le paiement d'une facture, la ligne sera retirée.",
    "bank.sheet.note": "Opérations bancaires que suivi n'a pas pu affecter seul. Pour chaque "
                       "ligne : « Oui » dans Valider applique le paiement à la facture "
                       "proposée, ou à celles écrites dans Facture(s) ; « Non » retire la "
                       "ligne (ce n'est pas un paiement de facture). Le prochain « suivi bank » "
                       "ou « suivi run » applique vos décisions.",
    "rapprochement_incomplet": "{sheet}, ligne {row} : date, montant ou Id opération manquant, "
                               "ligne ignorée.",
    "rapprochement_incomplet.hint": "Ne modifiez que les colonnes Valider et Facture(s) de la "
                                    "feuille Rapprochement.",
    "rapprochement_copie": "{sheet}, ligne {row} : même opération que la ligne {first} (même Id "
                           "opération), avec une autre décision : rien n'est appliqué, "
                           "l'opération reste à décider.",
    "rapprochement_copie.hint": "Gardez une seule ligne par opération (supprimez la copie), "
                                "choisissez Valider et Facture(s), puis relancez.",
    # --- holding reminders back ----------------------------------------------------------------
    "plan.held": "relance retenue : {why}",
    "bank.hold_stale": "Relances retenues : le dernier relevé importé s'arrête au "
                       "{newest:date}, il y a {age} jours ouvrés (plus de {limit}) ; un client "
                       "a peut-être payé depuis. Importez un relevé récent (déposez-le dans "
                       "{folder} ou lancez « suivi bank RELEVÉ »), puis relancez « suivi run ». "
                       "Si vos paiements sont saisis à la main, mettez [banque] obsolete = "
                       "\"ignorer\" dans suivi.toml.",
    "plan.hold_no_payments": "Relances retenues : la feuille « {sheet} » ne dit nulle part ce "
                             "qui a été payé (ni colonne « Montant réglé », « Date de "
                             "règlement » ou « Reste dû », ni feuille Paiements, ni statut "
                             "« Payée ») ; une relance pourrait réclamer une facture déjà "
                             "réglée. Ajoutez une colonne « Montant réglé » et remplissez-la "
                             "pour les factures payées (ou tapez « Payée » dans leur Statut, ou "
                             "importez vos relevés avec « suivi bank »), puis relancez « suivi "
                             "run ».",
    "bank.hold_refused": "Relances retenues : le relevé {files:list} n'a pas pu être importé ; "
                         "un client a peut-être payé. Corrigez ou remplacez le fichier dans "
                         "{folder}, puis relancez « suivi run ».",
    # --- installments and promises -------------------------------------------------------------
    "echeance_incomplete": "{sheet}, ligne {row} : il faut une facture, une date et un montant ; "
                           "ligne ignorée.",
    "bank.installment_unknown": "Échéancier : la facture {number} n'existe pas dans le "
                                "classeur.",
    "bank.installment_unknown.hint": "Vérifiez le numéro (tel qu'il est écrit dans la colonne "
                                     "N° facture de Factures).",
    "bank.promise_broken": "Facture {invoice} ({client}) : la promesse de paiement du "
                           "{promise:date} n'a pas été tenue, il reste {balance:money} dû ; "
                           "les relances ont repris.",
    "bank.promise_broken.hint": "Appelez le client ; effacez la date de promesse ou mettez-en "
                                "une nouvelle.",
    # --- digest --------------------------------------------------------------------------------
    "digest.section.payments": "Paiements et rapprochement ({count})",
    "digest.help.payments": "Trop-perçus : remboursez le client ou imputez-les sur une autre "
                            "facture. Opérations à vérifier : feuille Rapprochement, colonnes "
                            "Valider et Facture(s).",
    "bank.digest.overpayment": "trop-perçu",
    "bank.digest.overpayment_detail": "reçu le {day:date}",
    "bank.digest.installment_missed": "échéance du {day:date} non réglée",
    "bank.digest.installment_resumed": "{count} échéance(s) manquée(s) : relances reprises",
    "bank.digest.promise_broken": "promesse du {day:date} non tenue",
    "bank.digest.promise_detail": "relances reprises",
    "bank.digest.review": "{count} opération(s) bancaire(s) à vérifier",
    "bank.digest.review_detail": "feuille Rapprochement",
    # --- suivi bank ----------------------------------------------------------------------------
    "bank.cli.title": "Import des relevés bancaires — {day:date}",
    "bank.cli.statement": "{file} ({format}{account}) : {credits} crédit(s), dont {new} "
                          "nouveau(x) ; {skipped}",
    "bank.cli.account": ", compte {account}",
    "bank.cli.period": "relevé jusqu'au {day:date}",
    "bank.cli.skipped": "{count} {kind}",
    "bank.cli.nothing_skipped": "aucune autre opération",
    "bank.cli.list": "{items:list}",
    "bank.cli.applied_title": "Paiements appliqués ({count})",
    "bank.cli.review_title": "À vérifier dans la feuille Rapprochement ({count})",
    "bank.cli.validated_title": "Décisions de la feuille Rapprochement appliquées ({count})",
    "bank.cli.dismissed": "{count} ligne(s) marquée(s) « Non » retirée(s) de la feuille "
                          "Rapprochement.",
    "bank.cli.overpayments_title": "Trop-perçus ({count})",
    "bank.cli.no_statement": "Aucun relevé à importer.",
    "bank.cli.no_statement_in": "Aucun relevé à importer dans « {folder} » (déposez-y les "
                                "relevés CSV, OFX ou CAMT.053 de la banque).",
    "bank.cli.nothing_new": "Rien de nouveau : toutes les opérations de ces relevés sont déjà "
                            "importées.",
    "bank.cli.no_credit": "Aucun crédit à rapprocher dans ces relevés (seulement des débits, "
                          "des opérations en attente ou annulées).",
    "bank.cli.other_issues": "{count} autre(s) problème(s) dans le classeur : « suivi check » "
                             "les détaille.",
    "bank.cli.review_line": "{amount:money} du {day:date} « {label} » — {explanation}",
}

EN: dict[str, str] = {
    "paiement_sans_montant": "This payment ({subject}, of {day:date}) has no amount: until it "
                             "has one, suivi does not remind the invoice it may pay.",
    "paiement_sans_montant.hint": "Type the amount received, or delete the row if nothing was "
                                  "received.",
    "bank.statement_refused": "Statement refused, left in {folder}: {problem}",
    "bank.statement_refused.hint": "Fix or replace the file (see docs/banque.md, 'when the "
                                   "bank's format is not recognised'); it is imported at the "
                                   "next run.",
    "bank.move_failed": "{file} imported but not filed into {folder} ({reason}): it stays in "
                        "the statements folder; its transactions will not be counted twice.",
    "bank.summary": "Bank: {statements} statement(s) read, {applied} payment(s) applied, "
                    "{review} transaction(s) to check in the Rapprochement sheet, {known} "
                    "already imported.",
    "bank.review_sheet_taken": "A sheet 'Rapprochement' exists and is not suivi's: the "
                               "{count} transaction(s) to check are not written there.",
    "bank.review_sheet_taken.hint": "Rename your 'Rapprochement' sheet; suivi creates its own "
                                    "at the next run.",
    "bank.sheet.validate_help": "Oui (yes): apply this payment (write the invoice in "
                                "Facture(s) when there are several candidates or none). Non "
                                "(no): not an invoice payment, the row is removed.",
    "bank.sheet.note": "Bank transactions suivi could not assign on its own. For each row: "
                       "'Oui' in Valider applies the payment to the proposed invoice, or to "
                       "those written in Facture(s); 'Non' removes the row (not an invoice "
                       "payment). The next 'suivi bank' or 'suivi run' applies your decisions.",
    "rapprochement_incomplet": "{sheet}, row {row}: date, amount or transaction id missing, "
                               "row ignored.",
    "rapprochement_incomplet.hint": "Only change the Valider and Facture(s) columns of the "
                                    "Rapprochement sheet.",
    "rapprochement_copie": "{sheet}, row {row}: same operation as row {first} (same Id "
                           "opération) with another decision: nothing is applied, the "
                           "operation waits for a decision.",
    "rapprochement_copie.hint": "Keep one row per operation (delete the copy), fill in Valider "
                                "and Facture(s), then run again.",
    "plan.held": "reminder held back: {why}",
    "bank.hold_stale": "Reminders held back: the newest statement imported ends on "
                       "{newest:date}, {age} business days ago (more than {limit}); a client "
                       "may have paid since. Import a recent statement (drop it into {folder} "
                       "or run 'suivi bank STATEMENT'), then run 'suivi run' again. If your "
                       "payments are typed by hand, set [banque] obsolete = \"ignorer\" in "
                       "suivi.toml.",
    "plan.hold_no_payments": "Reminders held back: sheet '{sheet}' says nowhere what was paid "
                             "(no 'Montant réglé', 'Date de règlement' or 'Reste dû' column, no "
                             "Paiements sheet, no 'Payée' status); a reminder could claim an "
                             "invoice already paid. Add a 'Montant réglé' column and fill it "
                             "for the invoices paid (or type 'Payée' in their Statut, or import "
                             "your statements with 'suivi bank'), then run 'suivi run' again.",
    "bank.hold_refused": "Reminders held back: the statement {files:list} could not be "
                         "imported; a client may have paid. Fix or replace the file in "
                         "{folder}, then run 'suivi run' again.",
    "echeance_incomplete": "{sheet}, row {row}: an invoice, a date and an amount are needed; "
                           "row ignored.",
    "bank.installment_unknown": "Échéancier: invoice {number} does not exist in the workbook.",
    "bank.installment_unknown.hint": "Check the number (as written in the N° facture column "
                                     "of Factures).",
    "bank.promise_broken": "Invoice {invoice} ({client}): the payment promised for "
                           "{promise:date} did not come, {balance:money} is still due; "
                           "reminders have resumed.",
    "bank.promise_broken.hint": "Call the client; clear the promise date or enter a new one.",
    "digest.section.payments": "Payments and reconciliation ({count})",
    "digest.help.payments": "Overpayments: refund the client or apply them to another "
                            "invoice. Transactions to check: Rapprochement sheet, columns "
                            "Valider and Facture(s).",
    "bank.digest.overpayment": "overpayment",
    "bank.digest.overpayment_detail": "received on {day:date}",
    "bank.digest.installment_missed": "installment of {day:date} unpaid",
    "bank.digest.installment_resumed": "{count} installment(s) missed: reminders resumed",
    "bank.digest.promise_broken": "promise of {day:date} broken",
    "bank.digest.promise_detail": "reminders resumed",
    "bank.digest.review": "{count} bank transaction(s) to check",
    "bank.digest.review_detail": "Rapprochement sheet",
    "bank.cli.title": "Bank statements import — {day:date}",
    "bank.cli.statement": "{file} ({format}{account}): {credits} credit(s), {new} new; "
                          "{skipped}",
    "bank.cli.account": ", account {account}",
    "bank.cli.period": "statement up to {day:date}",
    "bank.cli.skipped": "{count} {kind}",
    "bank.cli.nothing_skipped": "no other transaction",
    "bank.cli.list": "{items:list}",
    "bank.cli.applied_title": "Payments applied ({count})",
    "bank.cli.review_title": "To check in the Rapprochement sheet ({count})",
    "bank.cli.validated_title": "Decisions of the Rapprochement sheet applied ({count})",
    "bank.cli.dismissed": "{count} row(s) marked 'Non' removed from the Rapprochement sheet.",
    "bank.cli.overpayments_title": "Overpayments ({count})",
    "bank.cli.no_statement": "No statement to import.",
    "bank.cli.no_statement_in": "No statement to import in '{folder}' (put the bank's CSV, OFX "
                                "or CAMT.053 statements there).",
    "bank.cli.nothing_new": "Nothing new: every transaction of these statements was already "
                            "imported.",
    "bank.cli.no_credit": "No credit to reconcile in these statements (only debits, pending "
                          "or cancelled transactions).",
    "bank.cli.other_issues": "{count} other problem(s) in the workbook: 'suivi check' lists "
                             "them.",
    "bank.cli.review_line": "{amount:money} of {day:date} '{label}' — {explanation}",
}
