"""Messages of the bank domain (French, then English). Keys are stable codes.

Statement refusals (`suivi.bank.errors`), matching decisions (`suivi.core.matching`), what
applying does (`suivi.core.bank_apply`), and the words of the « Rapprochement » sheet.
"""
from __future__ import annotations

FR: dict[str, str] = {
    # --- refusals: the file cannot be imported -------------------------------------------------
    "bank.error": "{file} : ce relevé ne peut pas être importé.",
    "bank.file_not_found": "{file} : fichier introuvable.",
    "bank.file_not_found.hint": "Vérifiez le chemin du relevé.",
    "bank.file_unreadable": "{file} : fichier illisible ({detail}).",
    "bank.empty": "{file} : le fichier est vide.",
    "bank.empty.hint": "Téléchargez à nouveau le relevé depuis le site de la banque.",
    "bank.too_large": "{file} : fichier trop gros pour un relevé ({size:num} octets, "
                      "limite {limit:num}).",
    "bank.not_a_statement": "{file} : ce fichier n'est pas un relevé bancaire.",
    "bank.not_a_statement.hint": "Exportez les opérations depuis le site de la banque au "
                                 "format CSV, OFX ou CAMT.053.",
    "bank.unsupported_format": "{file} : format {format} non pris en charge. Téléchargez le "
                               "relevé depuis votre banque au format CSV, OFX ou CAMT.053 "
                               "(XML) ; un relevé ouvert dans Excel s'enregistre en CSV par "
                               "Fichier > Enregistrer sous > CSV (séparateur : point-virgule).",
    "bank.unsupported_format.hint": "Exportez les opérations au format CSV, OFX ou CAMT.053 "
                                    "(ISO 20022) ; la plupart des banques proposent au moins "
                                    "le CSV ou l'OFX.",
    "bank.malformed": "{file}, ligne {line} : relevé mal formé.",
    "bank.truncated": "{file}, ligne {line} : le fichier s'arrête avant la fin (relevé tronqué).",
    "bank.truncated.hint": "Le téléchargement a sans doute été interrompu : téléchargez à "
                           "nouveau le relevé.",
    "bank.unknown_encoding": "{file}, ligne {line} : caractères illisibles, l'encodage du "
                             "fichier n'est pas reconnu.",
    "bank.unknown_encoding.hint": "Enregistrez le fichier en UTF-8 ou en Windows-1252, ou "
                                  "indiquez son encodage dans suivi.toml : [banque.csv] "
                                  "encodage = \"…\".",
    "bank.encoding_unknown_name": "{file} : l'encodage « {encoding} » indiqué dans "
                                  "[banque.csv] n'existe pas.",
    "bank.encoding_unknown_name.hint": "Utilisez par exemple encodage = \"utf-8\", "
                                       "\"cp1252\" ou \"latin-1\".",
    "bank.encoding_mismatch": "{file}, ligne {line} : le fichier n'est pas encodé en "
                              "{encoding} comme l'indique [banque.csv].",
    "bank.encoding_mismatch.hint": "Retirez la clé encodage de [banque.csv] pour que suivi "
                                   "détecte l'encodage, ou corrigez-la.",
    "bank.unsafe_xml": "{file}, ligne {line} : ce XML déclare un DOCTYPE ou des entités ; "
                       "suivi le refuse par sécurité.",
    "bank.unsafe_xml.hint": "Un relevé CAMT.053 n'en contient jamais : redemandez le fichier "
                            "à la banque.",
    "bank.csv_columns_not_found": "{file}, ligne {line} : colonnes de date et de montant "
                                  "introuvables. En-têtes trouvés : {headers:list}.",
    "bank.csv_columns_not_found.hint": "Indiquez les colonnes dans suivi.toml, section "
                                       "[banque.csv] : colonne_date, colonne_libelle et "
                                       "colonne_montant (ou colonne_debit et colonne_credit), "
                                       "par leur en-tête ou leur numéro.",
    "bank.csv_mapped_column_missing": "{file} : la colonne « {column} » ({key} dans "
                                      "[banque.csv]) n'existe pas. En-têtes trouvés : "
                                      "{headers:list}.",
    "bank.csv_mapped_column_missing.hint": "Recopiez l'en-tête exact, ou donnez le numéro de "
                                           "la colonne (1 pour la première).",
    "bank.csv_header_row_missing": "{file} : pas de ligne {line} (ligne_entete dans "
                                   "[banque.csv]).",
    "bank.csv_bad_quotes": "{file}, ligne {line} : guillemets mal fermés.",
    "bank.csv_bad_date": "{file}, ligne {line} : « {value} » n'est pas une date.",
    "bank.csv_bad_date.hint": "Si la banque écrit les dates autrement, indiquez format_date "
                              "dans [banque.csv], par exemple format_date = \"jj/mm/aaaa\".",
    "bank.csv_bad_amount": "{file}, ligne {line} : « {value} » n'est pas un montant.",
    "bank.csv_bad_amount.hint": "Vérifiez separateur_decimal et les colonnes de montant dans "
                                "[banque.csv].",
    "bank.csv_short_row": "{file}, ligne {line} : {found} colonnes au lieu d'au moins "
                          "{expected}.",
    "bank.ofx_bad_header": "{file}, ligne {line} : en-tête OFX invalide ({detail}).",
    "bank.ofx_syntax": "{file}, ligne {line} : OFX mal formé ({detail}).",
    "bank.ofx_stray_end_tag": "{file}, ligne {line} : OFX mal formé, {tag} ne ferme aucun "
                              "élément ouvert.",
    "bank.ofx_no_statement": "{file} : ce fichier OFX ne contient aucun relevé de compte.",
    "bank.ofx_bad_value": "{file}, ligne {line}, {element} : valeur « {value} » illisible.",
    "bank.ofx_missing": "{file}, ligne {line} : {element} manquant.",
    "bank.xml_syntax": "{file}, ligne {line} : XML mal formé ({detail}).",
    "bank.xml_not_statement": "{file} : ce XML ({root}) n'est pas un relevé CAMT.053.",
    "bank.xml_not_statement.hint": "Exportez le relevé au format CAMT.053 (ISO 20022), OFX ou "
                                   "CSV.",
    "bank.camt_no_statement": "{file} : ce CAMT.053 ne contient aucun relevé (Stmt).",
    "bank.camt_bad_value": "{file}, ligne {line}, {element} : valeur « {value} » illisible.",
    "bank.camt_missing": "{file}, ligne {line} : {element} manquant.",
    "bank.config_invalid": "suivi.toml : [banque.csv] {key} = {value!r} n'est pas utilisable.",
    "bank.config_unknown_key": "suivi.toml : [banque.csv] clé « {key} » inconnue. Clés "
                               "possibles : {known:list}.",
    # --- decisions: credits applied ------------------------------------------------------------
    "bank.match.number": "{amount:money} du {day:date} (« {label} ») : n° {written:list} "
                         "trouvé → {invoices:list} ({client}), montant exact.",
    "bank.match.number_partial": "{amount:money} du {day:date} (« {label} ») : n° "
                                 "{written:list} trouvé → {invoices:list} ({client}, payeur "
                                 "ressemblant à {score} %) ; paiement partiel, il reste "
                                 "{difference:money} dû.",
    "bank.match.number_over": "{amount:money} du {day:date} (« {label} ») : n° "
                              "{written:list} trouvé → {invoices:list} ({client}, payeur "
                              "ressemblant à {score} %) ; {difference:money} de plus que dû "
                              "(trop-perçu).",
    "bank.match.name_amount": "{amount:money} du {day:date} : reste dû exact de {invoice} ; "
                              "payeur « {payer} » ressemblant à {client} ({score} %).",
    "bank.match.group": "{amount:money} du {day:date} : somme exacte des restes dus de "
                        "{invoices:list} ({client}) ; payeur « {payer} » ressemblant à "
                        "{score} %.",
    "bank.match.duplicate_number": "{amount:money} du {day:date} (« {label} ») : "
                                   "{numbers:list} figure sur plusieurs lignes des factures "
                                   "(numéro en double) : rien n'est appliqué avant correction.",
    "bank.match.amount_only": "{amount:money} du {day:date} (« {label} ») : seule {invoice} "
                              "({client}) a ce reste dû ; aucun nom de payeur à comparer.",
    "bank.match.manual": "{amount:money} du {day:date} (« {label} ») : affecté à "
                         "{invoices:list} sur validation (feuille Rapprochement).",
    "bank.apply.overpayment": "Trop-perçu de {amount:money} pour {client} (sur "
                              "{invoices:list}).",
    # --- decisions: credits to review ----------------------------------------------------------
    "bank.review.named_settled": "{amount:money} du {day:date} (« {label} ») : cite "
                                 "{numbers:list}, déjà réglée(s) ; double paiement ?",
    "bank.review.several_clients": "{amount:money} du {day:date} (« {label} ») : cite "
                                   "{invoices:list}, de clients différents.",
    "bank.review.amount_differs": "{amount:money} du {day:date} (« {label} ») : cite "
                                  "{invoices:list} ({client}) dont le reste dû est "
                                  "{due:money}, et le payeur ne ressemble au client qu'à "
                                  "{score} %.",
    "bank.review.same_amount_same_client": "{amount:money} du {day:date} : plusieurs "
                                           "factures de {client} ont ce reste dû "
                                           "({invoices:list}) ; laquelle ?",
    "bank.review.same_amount_several_clients": "{amount:money} du {day:date} : plusieurs "
                                               "factures de clients au nom proche ont ce "
                                               "reste dû ({invoices:list}).",
    "bank.review.weak_name": "{amount:money} du {day:date} : reste dû de {invoices:list} "
                             "({client}), mais le payeur « {payer} » ne lui ressemble qu'à "
                             "{score} %.",
    "bank.review.several_groups": "{amount:money} du {day:date} : {count} ensembles de "
                                  "factures de {client} font exactement ce montant.",
    "bank.review.group_bounded": "{amount:money} du {day:date} : somme exacte des restes dus de "
                                 "{invoices:list} ({client}), trouvée parmi ses {limit} "
                                 "factures les plus anciennes seulement ; à confirmer.",
    "bank.review.amount_several": "{amount:money} du {day:date} (« {label} ») : {count} "
                                  "factures ont ce reste dû, aucun nom ni numéro ne les "
                                  "départage ({invoices:list}…).",
    "bank.review.amount_other_payer": "{amount:money} du {day:date} : seule {invoice} "
                                      "({client}) a ce reste dû, mais le payeur « {payer} » "
                                      "ne ressemble pas au client ({score} %).",
    "bank.review.amount_only": "{amount:money} du {day:date} (« {label} ») : seule {invoice} "
                               "({client}) a ce reste dû ; à confirmer.",
    "bank.review.currency": "{amount:money} du {day:date} (« {label} ») : opération en "
                            "{currency}, les factures sont en euros.",
    "bank.review.nothing": "{amount:money} du {day:date} (« {label} ») : aucune facture "
                           "ouverte ne correspond.",
    "bank.review.choose": "Rapprochement, « {label} » : Valider = Oui, mais {count} "
                          "propositions ; indiquez la ou les factures dans Facture(s).",
    "bank.review.unknown_invoice": "Rapprochement, « {label} » : {number} n'est pas une "
                                   "facture ouverte.",
    "bank.review.duplicate_number": "Rapprochement, « {label} » : {numbers:list} figure sur "
                                    "plusieurs lignes des factures (numéro en double) ; "
                                    "corrigez la ligne copiée, puis relancez.",
    # --- words of the sheet and of summaries ---------------------------------------------------
    "bank.rule.number": "numéro de facture",
    "bank.rule.name_amount": "nom et montant",
    "bank.rule.client_group": "plusieurs factures du client",
    "bank.rule.amount": "montant seul",
    "bank.rule.manual": "validation manuelle",
    "bank.rule.none": "aucune",
    "bank.kind.credit": "crédit(s)",
    "bank.kind.debit": "débit(s)",
    "bank.kind.fee": "frais bancaire(s)",
    "bank.kind.card": "opération(s) carte",
    "bank.kind.other": "autre(s) (en attente, annulée(s))",
    "bank.kind.ignored": "ligne(s) sans opération",
    "bank.review.col.date": "Date",
    "bank.review.col.amount": "Montant",
    "bank.review.col.label": "Libellé",
    "bank.review.col.payer": "Payeur",
    "bank.review.col.candidates": "Candidats",
    "bank.review.col.rule": "Règle",
    "bank.review.col.explanation": "Explication",
    "bank.review.col.validate": "Valider",
    "bank.review.col.invoices": "Facture(s)",
    "bank.review.col.method": "Mode",
    "bank.review.col.reference": "Référence",
    "bank.review.col.statement": "Relevé",
    "bank.review.col.transaction": "Id opération",
}

EN: dict[str, str] = {
    "bank.error": "{file}: this statement cannot be imported.",
    "bank.file_not_found": "{file}: file not found.",
    "bank.file_not_found.hint": "Check the statement's path.",
    "bank.file_unreadable": "{file}: cannot read the file ({detail}).",
    "bank.empty": "{file}: the file is empty.",
    "bank.empty.hint": "Download the statement again from the bank's website.",
    "bank.too_large": "{file}: too large for a statement ({size:num} bytes, limit "
                      "{limit:num}).",
    "bank.not_a_statement": "{file}: this file is not a bank statement.",
    "bank.not_a_statement.hint": "Export the transactions from the bank's website as CSV, "
                                 "OFX or CAMT.053.",
    "bank.unsupported_format": "{file}: the {format} format is not supported. Download the "
                               "statement from your bank as CSV, OFX or CAMT.053 (XML); a "
                               "statement open in Excel is saved as CSV with File > Save As > "
                               "CSV.",
    "bank.unsupported_format.hint": "Export the transactions as CSV, OFX or CAMT.053 "
                                    "(ISO 20022); most banks offer at least CSV or OFX.",
    "bank.malformed": "{file}, line {line}: malformed statement.",
    "bank.truncated": "{file}, line {line}: the file stops before its end (truncated "
                      "statement).",
    "bank.truncated.hint": "The download was probably interrupted: download the statement "
                           "again.",
    "bank.unknown_encoding": "{file}, line {line}: unreadable characters, the file's encoding "
                             "is not recognised.",
    "bank.unknown_encoding.hint": "Save the file as UTF-8 or Windows-1252, or give its "
                                  "encoding in suivi.toml: [banque.csv] encodage = \"…\".",
    "bank.encoding_unknown_name": "{file}: the encoding \"{encoding}\" given in [banque.csv] "
                                  "does not exist.",
    "bank.encoding_unknown_name.hint": "Use for example encodage = \"utf-8\", \"cp1252\" or "
                                       "\"latin-1\".",
    "bank.encoding_mismatch": "{file}, line {line}: the file is not encoded in {encoding} as "
                              "[banque.csv] says.",
    "bank.encoding_mismatch.hint": "Remove the encodage key from [banque.csv] so that suivi "
                                   "detects the encoding, or correct it.",
    "bank.unsafe_xml": "{file}, line {line}: this XML declares a DOCTYPE or entities; suivi "
                       "refuses it for safety.",
    "bank.unsafe_xml.hint": "A CAMT.053 statement never has one: ask the bank for the file "
                            "again.",
    "bank.csv_columns_not_found": "{file}, line {line}: date and amount columns not found. "
                                  "Headers found: {headers:list}.",
    "bank.csv_columns_not_found.hint": "Name the columns in suivi.toml, section [banque.csv]: "
                                       "colonne_date, colonne_libelle and colonne_montant (or "
                                       "colonne_debit and colonne_credit), by header or by "
                                       "number.",
    "bank.csv_mapped_column_missing": "{file}: column \"{column}\" ({key} in [banque.csv]) "
                                      "does not exist. Headers found: {headers:list}.",
    "bank.csv_mapped_column_missing.hint": "Copy the exact header, or give the column's "
                                           "number (1 for the first).",
    "bank.csv_header_row_missing": "{file}: there is no line {line} (ligne_entete in "
                                   "[banque.csv]).",
    "bank.csv_bad_quotes": "{file}, line {line}: unbalanced quotes.",
    "bank.csv_bad_date": "{file}, line {line}: \"{value}\" is not a date.",
    "bank.csv_bad_date.hint": "If the bank writes dates differently, set format_date in "
                              "[banque.csv], for example format_date = \"jj/mm/aaaa\".",
    "bank.csv_bad_amount": "{file}, line {line}: \"{value}\" is not an amount.",
    "bank.csv_bad_amount.hint": "Check separateur_decimal and the amount columns in "
                                "[banque.csv].",
    "bank.csv_short_row": "{file}, line {line}: {found} columns instead of at least "
                          "{expected}.",
    "bank.ofx_bad_header": "{file}, line {line}: invalid OFX header ({detail}).",
    "bank.ofx_syntax": "{file}, line {line}: malformed OFX ({detail}).",
    "bank.ofx_stray_end_tag": "{file}, line {line}: malformed OFX, {tag} closes no open "
                              "element.",
    "bank.ofx_no_statement": "{file}: this OFX file holds no account statement.",
    "bank.ofx_bad_value": "{file}, line {line}, {element}: unreadable value \"{value}\".",
    "bank.ofx_missing": "{file}, line {line}: {element} missing.",
    "bank.xml_syntax": "{file}, line {line}: malformed XML ({detail}).",
    "bank.xml_not_statement": "{file}: this XML ({root}) is not a CAMT.053 statement.",
    "bank.xml_not_statement.hint": "Export the statement as CAMT.053 (ISO 20022), OFX or CSV.",
    "bank.camt_no_statement": "{file}: this CAMT.053 holds no statement (Stmt).",
    "bank.camt_bad_value": "{file}, line {line}, {element}: unreadable value \"{value}\".",
    "bank.camt_missing": "{file}, line {line}: {element} missing.",
    "bank.config_invalid": "suivi.toml: [banque.csv] {key} = {value!r} cannot be used.",
    "bank.config_unknown_key": "suivi.toml: [banque.csv] unknown key \"{key}\". Known keys: "
                               "{known:list}.",
    "bank.match.number": "{amount:money} on {day:date} (\"{label}\"): no. {written:list} "
                         "found → {invoices:list} ({client}), exact amount.",
    "bank.match.number_partial": "{amount:money} on {day:date} (\"{label}\"): no. "
                                 "{written:list} found → {invoices:list} ({client}, payer "
                                 "{score}% similar); partial payment, {difference:money} "
                                 "still due.",
    "bank.match.number_over": "{amount:money} on {day:date} (\"{label}\"): no. "
                              "{written:list} found → {invoices:list} ({client}, payer "
                              "{score}% similar); {difference:money} more than due "
                              "(overpayment).",
    "bank.match.name_amount": "{amount:money} on {day:date}: exactly what {invoice} still "
                              "owes; payer \"{payer}\" {score}% similar to {client}.",
    "bank.match.group": "{amount:money} on {day:date}: exactly what {invoices:list} "
                        "({client}) still owe together; payer \"{payer}\" {score}% similar.",
    "bank.match.duplicate_number": "{amount:money} on {day:date} (\"{label}\"): "
                                   "{numbers:list} is on several invoice rows (duplicate "
                                   "number): nothing applied until it is fixed.",
    "bank.match.amount_only": "{amount:money} on {day:date} (\"{label}\"): only {invoice} "
                              "({client}) owes this amount; no payer name to compare.",
    "bank.match.manual": "{amount:money} on {day:date} (\"{label}\"): applied to "
                         "{invoices:list} as validated (Rapprochement sheet).",
    "bank.apply.overpayment": "Overpayment of {amount:money} from {client} (on "
                              "{invoices:list}).",
    "bank.review.named_settled": "{amount:money} on {day:date} (\"{label}\"): names "
                                 "{numbers:list}, already settled; paid twice?",
    "bank.review.several_clients": "{amount:money} on {day:date} (\"{label}\"): names "
                                   "{invoices:list}, of different clients.",
    "bank.review.amount_differs": "{amount:money} on {day:date} (\"{label}\"): names "
                                  "{invoices:list} ({client}) which still owe {due:money}, and "
                                  "the payer is only {score}% similar to the client.",
    "bank.review.same_amount_same_client": "{amount:money} on {day:date}: several invoices of "
                                           "{client} owe this amount ({invoices:list}); "
                                           "which one?",
    "bank.review.same_amount_several_clients": "{amount:money} on {day:date}: invoices of "
                                               "clients with similar names owe this amount "
                                               "({invoices:list}).",
    "bank.review.weak_name": "{amount:money} on {day:date}: what {invoices:list} ({client}) "
                             "still owes, but payer \"{payer}\" is only {score}% similar.",
    "bank.review.several_groups": "{amount:money} on {day:date}: {count} sets of invoices of "
                                  "{client} add up to exactly this amount.",
    "bank.review.group_bounded": "{amount:money} on {day:date}: exactly what {invoices:list} "
                                 "({client}) still owe together, found among its {limit} "
                                 "oldest invoices only; to be confirmed.",
    "bank.review.amount_several": "{amount:money} on {day:date} (\"{label}\"): {count} "
                                  "invoices owe this amount, no name or number tells them "
                                  "apart ({invoices:list}…).",
    "bank.review.amount_other_payer": "{amount:money} on {day:date}: only {invoice} "
                                      "({client}) owes this amount, but payer \"{payer}\" is "
                                      "not similar to the client ({score}%).",
    "bank.review.amount_only": "{amount:money} on {day:date} (\"{label}\"): only {invoice} "
                               "({client}) owes this amount; to be confirmed.",
    "bank.review.currency": "{amount:money} on {day:date} (\"{label}\"): in {currency}, the "
                            "invoices are in euros.",
    "bank.review.nothing": "{amount:money} on {day:date} (\"{label}\"): no open invoice "
                           "matches.",
    "bank.review.choose": "Rapprochement, \"{label}\": Valider = Oui, but {count} proposals; "
                          "write the invoice(s) in Facture(s).",
    "bank.review.unknown_invoice": "Rapprochement, \"{label}\": {number} is not an open "
                                   "invoice.",
    "bank.review.duplicate_number": "Rapprochement, \"{label}\": {numbers:list} is on several "
                                    "invoice rows (duplicate number); fix the copied row, then "
                                    "run again.",
    "bank.rule.number": "invoice number",
    "bank.rule.name_amount": "name and amount",
    "bank.rule.client_group": "several invoices of the client",
    "bank.rule.amount": "amount only",
    "bank.rule.manual": "manual validation",
    "bank.rule.none": "none",
    "bank.kind.credit": "credit(s)",
    "bank.kind.debit": "debit(s)",
    "bank.kind.fee": "bank fee(s)",
    "bank.kind.card": "card transaction(s)",
    "bank.kind.other": "other(s) (pending, cancelled)",
    "bank.kind.ignored": "line(s) without a transaction",
    "bank.review.col.date": "Date",
    "bank.review.col.amount": "Amount",
    "bank.review.col.label": "Label",
    "bank.review.col.payer": "Payer",
    "bank.review.col.candidates": "Candidates",
    "bank.review.col.rule": "Rule",
    "bank.review.col.explanation": "Explanation",
    "bank.review.col.validate": "Validate",
    "bank.review.col.invoices": "Invoice(s)",
    "bank.review.col.method": "Method",
    "bank.review.col.reference": "Reference",
    "bank.review.col.statement": "Statement",
    "bank.review.col.transaction": "Transaction id",
}
