"""Problems found in the workbook's data (checks and reader), French then English.

Keys are the issue codes (stable in `--json`), `code.variant` for a second wording, and
`.hint` for what to do.
"""
from __future__ import annotations

FR: dict[str, str] = {
    # --- cell values
    "values.not_amount": "« {value} » n'est pas un montant",
    "values.bad_number": "« {value} » n'est pas un nombre valide",
    "values.implausible_amount": "« {value} » est trop grand ou trop petit pour être un montant",
    "values.ambiguous_amount": "« {value} » est ambigu : le séparateur suivi de trois chiffres "
                               "peut être celui des milliers ou celui des décimales",
    "values.not_date": "« {value} » n'est pas une date",
    "values.implausible_date": "« {value} » n'est pas une date vraisemblable (suivi accepte les "
                               "dates de 1900 à 2199)",
    "values.invalid_date": "« {value} » n'est pas une date valide",
    "values.incomplete_date": "« {value} » n'est pas une date complète (jour, mois, année)",
    "values.not_integer": "« {value} » n'est pas un nombre entier",
    "values.milestones": "« {value} » : jalons illisibles (attendu : « 30 % 15/01/2026 ; 70 % "
                         "30/06/2026 »)",
    "values.milestones_total": "les jalons « {value} » ne totalisent pas 100 %",
    "contrat_illisible": "Contrat de « {client} » : {problem}.",
    "contrat_illisible.hint": "Corrigez la ligne du contrat.",
    "contrat_incomplet": "Contrat de « {client} » incomplet : il faut un montant HT, et une "
                         "fréquence avec une date de début, ou des jalons.",
    "contrat_incomplet.hint": "Complétez la ligne ; elle est ignorée en attendant.",
    "montant_illisible": "{problem} (colonne « {column} »).",
    "montant_illisible.hint": "Saisissez un nombre, par exemple 1 234,56.",
    "date_illisible": "{problem} (colonne « {column} »).",
    "date_illisible.hint": "Saisissez une date, par exemple 25/11/2026.",
    "taux_illisible": "{problem} (colonne « {column} »).",
    "taux_illisible.hint": "Saisissez un taux, par exemple 20 %.",
    "values.not_period": "« {value} » n'est pas une période (attendu : « 2026-11 », "
                         "« 2026-T4 » ou « 01/11/2026 – 30/11/2026 »)",
    "periode_illisible": "{problem} (colonne « {column} »).",
    "periode_illisible.hint": "Saisissez la période facturée, par exemple 2026-11 (novembre "
                              "2026) ou 01/11/2026 – 30/11/2026.",
    "valeur_erreur": "La cellule contient la valeur d'erreur Excel {value} (colonne « {column} ») : "
                     "suivi ne la lit pas comme vide.",
    "valeur_erreur.hint": "Corrigez la formule ou saisissez la valeur à la main.",
    "texte_trop_long": "Texte de {length:num} caractères (colonne « {column} ») : Excel n'en "
                       "accepte pas plus de 32 767.",
    "texte_trop_long.hint": "Raccourcissez le texte de la cellule (le fichier a été produit par "
                            "un autre outil qu'Excel). Rien n'est numéroté, produit, envoyé ni "
                            "écrit d'ici là.",
    "niveau_illisible": "Niveau de relance « {value} » non reconnu.",
    "niveau_illisible.hint": "Indiquez un nombre de 0 à 6 ou laissez vide.",
    "type_client_inconnu": "Type de client « {value} » inconnu : « Société » est retenu.",
    "type_client_inconnu.hint": "Choisissez Société, Particulier, Association ou Administration.",
    "client_en_double": "Le client « {client} » apparaît deux fois dans la feuille {sheet} (déjà "
                        "en {first:cell}).",
    "client_en_double.hint": "Gardez une seule ligne par client ; la première est utilisée.",
    "entetes_introuvables": "La feuille « {sheet} » n'a pas d'en-têtes reconnus : elle est "
                            "ignorée.",
    "entetes_introuvables.hint": "Ajoutez une ligne d'en-têtes (voir le modèle).",
    "colonne_absente": "Colonne obligatoire absente : « {label} ». Cherché : {synonyms:list}… "
                       "Trouvé : {found:quoted}.",
    "colonne_absente.hint": "Renommez l'en-tête de la colonne, ou indiquez-la dans suivi.toml : "
                            "[classeur.colonnes] {key} = \"…\" (l'en-tête ou la lettre de la "
                            "colonne). Rien n'est numéroté, produit, envoyé ni écrit tant que "
                            "la colonne manque.",
    "colonne_absente.date": "Aucune colonne de date (« Date facture » ou « Échéance ») trouvée. "
                            "Trouvé : {found:quoted}.",
    "colonne_absente.date.hint": "Ajoutez la date de facture, ou indiquez la colonne dans "
                                 "suivi.toml : [classeur.colonnes] date_facture = \"…\".",
    "feuille_clients_absente": "Le classeur n'a pas de feuille « Clients » alors que {count} "
                               "facture(s) sont à émettre : sans l'adresse du client, chaque "
                               "facture serait refusée.",
    "feuille_clients_absente.hint": "Remettez la feuille « Clients » (Ctrl+Z, ou la dernière "
                                    "sauvegarde dans .suivi/sauvegardes). Rien n'est numéroté, "
                                    "produit, envoyé ni écrit d'ici là.",
    "feuille_clients_absente.never": "Le classeur n'a pas de feuille « Clients » alors que "
                                     "{count} facture(s) sont à émettre (ligne(s) "
                                     "{rows:list}) : suivi y prend l'adresse du client, "
                                     "obligatoire sur la facture.",
    "feuille_clients_absente.never.hint": "Ajoutez une feuille « Clients » (Nom, Adresse, "
                                          "E-mail, SIREN ; « suivi init » en crée un modèle), "
                                          "ou, si ces factures sont faites ailleurs, saisissez "
                                          "leur numéro. Rien n'est numéroté, produit, envoyé ni "
                                          "écrit d'ici là.",
    "feuille_disparue": "La feuille « {sheet} » lue au dernier passage a disparu (supprimée ou "
                        "renommée).",
    "feuille_disparue.hint": "Remettez-la (Ctrl+Z, ou la dernière sauvegarde dans "
                             ".suivi/sauvegardes). Si c'est voulu, relancez avec "
                             "--accepter-structure. Rien n'est numéroté, produit, envoyé ni "
                             "écrit d'ici là.",
    "colonne_disparue": "La colonne « {label} » lue au dernier passage a disparu (supprimée ou "
                        "renommée) : sans elle, suivi se tromperait (par exemple, sans « Montant "
                        "réglé », il relancerait des factures payées).",
    "colonne_disparue.hint": "Remettez la colonne (Ctrl+Z, ou la dernière sauvegarde dans "
                             ".suivi/sauvegardes), ou indiquez son nouvel en-tête dans suivi.toml "
                             ": [classeur.colonnes] {key} = \"…\". Si c'est voulu, relancez "
                             "avec --accepter-structure.",
    "montant_decimales": "{invoice} : montant {value:num} avec plus de deux décimales ; il "
                         "apparaît arrondi à {rounded:money} sur la facture.",
    "montant_decimales.to_issue": "{invoice} : montant {value:num} avec plus de deux décimales : "
                                  "la facture n'est pas émise tant qu'il n'est pas arrondi (elle "
                                  "afficherait {rounded:money}).",
    "montant_decimales.hint": "Arrondissez le montant au centime (dans une formule : "
                              "=ARRONDI(…;2)).",
    "avoir_implicite": "Ligne {row} : montant négatif ({amount:money}) sur une facture à "
                       "émettre : erreur de signe, ou avoir ? Elle n'est pas émise.",
    "avoir_implicite.hint": "Pour un avoir, indiquez la facture qu'il corrige (colonne « Facture "
                            "d'origine ») ou « Avoir » dans la colonne « Type de pièce » ; "
                            "sinon, corrigez le signe.",
    "echeance_calculee": "Facture {invoice} sans échéance : échéance calculée au {due:date} "
                         "d'après les conditions {source} « {terms} ».",
    "echeance_calculee.hint": "Saisissez l'échéance si elle est différente.",
    "echeance_calculee.column": "La colonne « {header} » est vide pour {count} facture(s) "
                                "({cells:list}…) : leur échéance est calculée d'après les "
                                "conditions de paiement (du client, sinon « {terms} » par "
                                "défaut).",
    "echeance_calculee.column.hint": "Saisissez les échéances si elles sont différentes.",
    "echeance_calculee.sheet": "La feuille n'a pas de colonne « Échéance » : l'échéance de "
                               "{count} facture(s) est calculée d'après les conditions de "
                               "paiement (du client, sinon « {terms} » par défaut).",
    "echeance_calculee.sheet.hint": "Ajoutez une colonne « Échéance » ou « Conditions de "
                                    "paiement » pour plus de précision.",
    "terms.source_invoice": "de la facture",
    "terms.source_client": "du client",
    "terms.source_default": "par défaut",
    # --- checks
    "numero_en_double": "Le numéro {number} est déjà utilisé en {first:cell}.",
    "numero_en_double.hint": "Un numéro de facture est unique : corrigez l'une des deux lignes "
                             "(une facture émise s'annule par un avoir, jamais par un nouveau "
                             "numéro).",
    "numerotation_trou": "Numérotation discontinue dans la série « {series} » : il manque "
                         "{missing:list}.",
    "numerotation_trou.more": "Numérotation discontinue dans la série « {series} » : il manque "
                              "{missing:list} et {more} autre(s).",
    "numerotation_trou.hint": "La loi exige une suite chronologique continue : retrouvez la "
                              "facture manquante, ou documentez son annulation par un avoir.",
    "numerotation_chronologie": "La facture {number} est datée du {day:date}, avant la facture "
                                "{before} du {before_day:date} qui a un numéro plus petit.",
    "numerotation_chronologie.many": "La facture {number} est datée du {day:date}, avant la "
                                     "facture {before} du {before_day:date} qui a un numéro plus "
                                     "petit ({count} factures de la série « {series} » sont dans "
                                     "ce cas).",
    "numerotation_chronologie.hint": "Les numéros doivent suivre l'ordre des dates : vérifiez "
                                     "les dates.",
    "echeance_avant_date": "Facture {invoice} : l'échéance ({due:date}) précède la date de "
                           "facture ({day:date}).",
    "echeance_avant_date.hint": "Corrigez l'une des deux dates.",
    "total_incoherent": "Facture {invoice} : HT {ht:money} + TVA {vat:money} = {expected:money}, "
                        "mais le TTC indiqué est {ttc:money}.",
    "total_incoherent.hint": "Corrigez le montant HT, la TVA ou le TTC.",
    "delai_illegal.terms": "Facture {invoice} : les conditions « {terms} » dépassent le plafond "
                           "légal (60 jours date de facture ou 45 jours fin de mois, art. L441-10 "
                           "du Code de commerce).",
    "delai_illegal.terms.hint": "Ramenez le délai à 60 jours maximum.",
    "delai_illegal.date": "Facture {invoice} : échéance à {days} jours de la date de facture, "
                          "au-delà du plafond légal (60 jours, ou 45 jours fin de mois).",
    "delai_illegal.date.hint": "Vérifiez l'échéance : le délai convenu ne peut dépasser 60 "
                               "jours.",
    "trop_percu": "Facture {invoice} : réglé {paid:money} pour {total:money} dû, trop-perçu de "
                  "{excess:money}.",
    "trop_percu.hint": "Remboursez le client ou imputez le trop-perçu sur une autre facture.",
    "paiement_facture_inconnue": "Règlement de {amount:money} pour la facture « {number} », "
                                 "qui n'existe pas dans la feuille des factures : il n'est "
                                 "compté pour aucune facture.",
    "paiement_facture_inconnue.hint": "Corrigez le numéro (tel qu'il est écrit dans la colonne "
                                      "N° facture) : sinon la facture peut rester impayée, et "
                                      "être relancée.",
    "paiement_facture_inconnue.held": "Règlement de {amount:money} pour la facture "
                                      "« {number} », qui n'existe pas dans la feuille des "
                                      "factures : il n'est compté pour aucune facture, et les "
                                      "factures qu'il pourrait régler ne sont pas relancées "
                                      "tant que ce n'est pas clair.",
    "reglement_marque": "La colonne « {header} » marque {count} facture(s) comme réglées (« oui "
                        "», « x », « payé », une date) plutôt que par un montant : suivi les lit "
                        "comme réglées en totalité (à la date écrite, s'il y en a une).",
    "reglement_marque.hint": "Pour un règlement partiel, saisissez le montant réglé (ou une ligne "
                             "dans la feuille Paiements) : une marque vaut la facture entière.",
    "colonne_equipe": "La colonne « {header} » ne contient pas des dates (par exemple "
                      "« {example} ») : suivi la laisse telle quelle, sans la lire ni l'écrire, "
                      "et tient « {label} » dans une colonne à lui, ajoutée à droite du tableau.",
    "colonne_equipe.step": "La colonne « {header} » ne contient pas un niveau de relance (par "
                           "exemple « {example} ») : suivi la laisse telle quelle, sans la lire "
                           "ni l'écrire, et tient « {label} » dans une colonne à lui, ajoutée à "
                           "droite du tableau.",
    "colonne_equipe.step_header": "L'en-tête « {header} » dit une date, pas un niveau de "
                                  "relance : suivi laisse la colonne telle quelle, sans la lire "
                                  "ni l'écrire, et tient « {label} » dans une colonne à lui, "
                                  "ajoutée à droite du tableau.",
    "colonne_equipe.hint": "Si c'est bien « {label} », indiquez-la dans suivi.toml "
                           "([classeur.colonnes]) ; sinon, rien à faire.",
    "devise_etrangere": "{invoice} : montant en {currency}, or suivi ne tient que des euros. "
                        "Elle n'est pas relancée (une relance la réclamerait en euros), et elle "
                        "est laissée hors des indicateurs (comptée à part).",
    "devise_etrangere.to_issue": "{invoice} : montant en {currency}, or suivi ne produit que "
                                 "des factures en euros. Elle n'est pas émise.",
    "devise_etrangere.hint": "Suivez-la à part, ou saisissez-la en euros (montant converti) et "
                             "effacez la devise.",
    "reglement_date_seule": "La colonne « {header} » tient lieu de montant réglé (la feuille "
                            "n'a pas de colonne « Montant réglé ») : {count} facture(s) datées "
                            "sont lues comme réglées en totalité à cette date.",
    "reglement_date_seule.hint": "Pour un règlement partiel, ajoutez une colonne « Montant réglé » "
                                 "(ou une ligne dans la feuille Paiements).",
    "reglement_sans_montant": "{invoice} : « {date_header} » dit {day:date}, mais « {header} » "
                              "ne dit rien de réglé. Réglée en totalité, ou montant oublié ? "
                              "Elle n'est pas relancée tant que ce n'est pas clair.",
    "reglement_sans_montant.hint": "Saisissez le montant réglé (le total si elle est payée en "
                                   "entier), ou effacez la date si rien n'a été reçu.",
    "colonne_reglement_ignoree": "La colonne « {header} » semble parler de règlements, mais "
                                 "suivi ne sait pas la lire : ce qu'elle contient n'est compté "
                                 "pour aucune facture ({count} ligne(s) remplies).",
    "colonne_reglement_ignoree.hint": "Si elle dit ce qui a été payé, renommez-la « Montant "
                                      "réglé » (ou « Date de règlement »), ou indiquez-la dans "
                                      "suivi.toml : [classeur.colonnes] montant_regle = "
                                      "\"{header}\". Sinon, ignorez ce message.",
    "reglements_a_verifier": "{invoice} : « {header} » dit {paid:money}, la feuille Paiements "
                             "liste {listed:money} pour elle. Si ce sont deux règlements "
                             "différents ({both:money} réglés sur {total:money}), elle est "
                             "réglée : elle n'est pas relancée tant que ce n'est pas clair.",
    "reglements_a_verifier.hint": "Si les lignes de Paiements comprennent déjà ces "
                                  "{paid:money}, inscrivez {listed:money} dans « {header} » ; "
                                  "sinon ajoutez ce règlement à la feuille Paiements (ou inscrivez "
                                  "{both:money}).",
    "paiement_en_double": "L'opération bancaire « {id} » règle deux fois la facture {number} "
                          "({amount:money}), ici et en {first_cell:cell} : ce règlement est "
                          "compté deux fois.",
    "paiement_en_double.hint": "Supprimez la ligne copiée en double. Si la banque a vraiment "
                               "versé deux fois, gardez les deux lignes et donnez à l'une son "
                               "propre identifiant d'opération.",
    "statut_regle_sans_paiement": "Facture {invoice} : le statut dit « {status} » mais il reste "
                                  "{due:money} à payer d'après les montants. Aucune relance ne "
                                  "sera envoyée pour cette facture.",
    "statut_regle_sans_paiement.hint": "Renseignez le montant réglé et la date de règlement, ou "
                                       "corrigez le statut.",
    "doublon_probable": "La facture {number} ressemble à la facture {first} ({first_cell:cell}) "
                        ": même client, même montant ({amount:money}), même date.",
    "doublon_probable.hint": "Vérifiez qu'il ne s'agit pas d'une saisie en double.",
    "client_absent": "Facture {invoice} : le client n'est pas indiqué.",
    "client_absent.hint": "Saisissez le nom du client.",
    "date_absente": "Facture {invoice} : la date de facture est vide.",
    "date_absente.hint": "Saisissez la date d'émission de la facture.",
    "montant_absent": "Facture {invoice} : aucun montant.",
    "montant_absent.hint": "Saisissez le montant TTC (ou HT et TVA).",
    "email_invalide": "Client « {client} » : l'adresse e-mail « {address} » n'est pas valide.",
    "email_invalide.hint": "Corrigez l'adresse (une seule adresse par case, ou séparées par ;).",
    "tva_invalide": "Client « {client} » : le numéro de TVA intracommunautaire « {value} » n'est "
                    "pas valide (clé de contrôle).",
    "tva_invalide.hint": "Vérifiez le numéro sur la facture du client ou sur le site VIES.",
    "siren_absent": "Client « {client} » ({type}) : SIREN non renseigné.",
    "siren_absent.column": "{count} clients professionnels sans SIREN ({names:quoted}…) : "
                           "leurs factures électroniques ne peuvent pas être produites.",
    "siren_absent.hint": "Le SIREN du client professionnel est obligatoire sur les factures "
                         "électroniques : ajoutez-le dans la feuille Clients.",
    "siret_invalide": "Client « {client} » : le SIRET « {value} » n'est pas valide (clé de "
                      "contrôle).",
    "siret_invalide.hint": "Vérifiez le numéro sur annuaire-entreprises.data.gouv.fr.",
    "siren_invalide": "Client « {client} » : le SIREN « {value} » n'est pas valide (9 chiffres "
                      "avec clé de contrôle).",
    "siren_invalide.hint": "Vérifiez le numéro sur annuaire-entreprises.data.gouv.fr.",
    "client_inconnu": "Le client « {client} » n'existe pas dans la feuille Clients.",
    "client_inconnu.hint": "Ajoutez-le dans la feuille Clients (avec son e-mail et son type) ou "
                           "corrigez l'orthographe.",
}

EN: dict[str, str] = {
    "values.not_amount": "'{value}' is not an amount",
    "values.bad_number": "'{value}' is not a valid number",
    "values.implausible_amount": "'{value}' is too large or too small to be an amount",
    "values.ambiguous_amount": "'{value}' is ambiguous: a separator followed by three digits "
                               "may separate thousands or decimals",
    "values.not_date": "'{value}' is not a date",
    "values.implausible_date": "'{value}' is not a plausible date (suivi accepts dates from 1900 "
                               "to 2199)",
    "values.invalid_date": "'{value}' is not a valid date",
    "values.incomplete_date": "'{value}' is not a complete date (day, month, year)",
    "values.not_integer": "'{value}' is not a whole number",
    "values.milestones": "'{value}': unreadable milestones (expected: '30 % 15/01/2026 ; 70 % "
                         "30/06/2026')",
    "values.milestones_total": "milestones '{value}' do not add up to 100 %",
    "contrat_illisible": "Contract of '{client}': {problem}.",
    "contrat_illisible.hint": "Fix the contract's row.",
    "contrat_incomplet": "Contract of '{client}' incomplete: it needs a net amount, and a "
                         "frequency with a start date, or milestones.",
    "contrat_incomplet.hint": "Complete the row; it is ignored meanwhile.",
    "montant_illisible": "{problem} (column '{column}').",
    "montant_illisible.hint": "Type a number, for example 1,234.56.",
    "date_illisible": "{problem} (column '{column}').",
    "date_illisible.hint": "Type a date, for example 25/11/2026.",
    "taux_illisible": "{problem} (column '{column}').",
    "taux_illisible.hint": "Type a rate, for example 20%.",
    "values.not_period": "'{value}' is not a period (expected: '2026-11', '2026-T4' or "
                         "'01/11/2026 – 30/11/2026')",
    "periode_illisible": "{problem} (column '{column}').",
    "periode_illisible.hint": "Type the billing period, for example 2026-11 (November 2026) "
                              "or 01/11/2026 – 30/11/2026.",
    "valeur_erreur": "The cell holds the Excel error value {value} (column '{column}'): suivi "
                     "does not read it as empty.",
    "valeur_erreur.hint": "Fix the formula or type the value.",
    "texte_trop_long": "Text of {length:num} characters (column '{column}'): Excel accepts at "
                       "most 32,767.",
    "texte_trop_long.hint": "Shorten the cell's text (the file was made by another tool than "
                            "Excel). Nothing is numbered, produced, sent or written until then.",
    "niveau_illisible": "Reminder step '{value}' not recognised.",
    "niveau_illisible.hint": "Type a number from 0 to 6 or leave it empty.",
    "type_client_inconnu": "Unknown client type '{value}': 'Société' (company) is used.",
    "type_client_inconnu.hint": "Choose Société, Particulier, Association or Administration.",
    "client_en_double": "Client '{client}' appears twice in sheet {sheet} (already at "
                        "{first:cell}).",
    "client_en_double.hint": "Keep one row per client; the first one is used.",
    "entetes_introuvables": "Sheet '{sheet}' has no recognised headers: it is ignored.",
    "entetes_introuvables.hint": "Add a header row (see the template).",
    "colonne_absente": "Required column missing: '{label}'. Looked for: {synonyms:list}… Found: "
                       "{found:quoted}.",
    "colonne_absente.hint": "Rename the column's header, or name it in suivi.toml: "
                            "[classeur.colonnes] {key} = \"…\" (the header or the column "
                            "letter). Nothing is numbered, produced, sent or written while the "
                            "column is missing.",
    "colonne_absente.date": "No date column ('Date facture' or 'Échéance') found. Found: "
                            "{found:quoted}.",
    "colonne_absente.date.hint": "Add the invoice date, or name the column in suivi.toml: "
                                 "[classeur.colonnes] date_facture = \"…\".",
    "feuille_clients_absente": "The workbook has no 'Clients' sheet while {count} invoice(s) "
                               "are to be issued: without the client's address every invoice "
                               "would be refused.",
    "feuille_clients_absente.hint": "Restore the 'Clients' sheet (Ctrl+Z, or the last backup in "
                                    ".suivi/sauvegardes). Nothing is numbered, produced, sent or "
                                    "written until then.",
    "feuille_clients_absente.never": "The workbook has no 'Clients' sheet while {count} "
                                     "invoice(s) are to be issued (row(s) {rows:list}): suivi "
                                     "takes the client's address from it, and an invoice must "
                                     "show it.",
    "feuille_clients_absente.never.hint": "Add a 'Clients' sheet (Name, Address, E-mail, "
                                          "SIREN; 'suivi init' creates a model), or, if these "
                                          "invoices are made elsewhere, type their number. "
                                          "Nothing is numbered, produced, sent or written until "
                                          "then.",
    "feuille_disparue": "The sheet '{sheet}' read on the last run is gone (deleted or renamed).",
    "feuille_disparue.hint": "Restore it (Ctrl+Z, or the last backup in .suivi/sauvegardes). If "
                             "this is intended, run again with --accepter-structure. Nothing is "
                             "numbered, produced, sent or written until then.",
    "colonne_disparue": "The column '{label}' read on the last run is gone (deleted or "
                        "renamed): without it suivi would go wrong (without 'Montant réglé', it "
                        "would dun paid invoices).",
    "colonne_disparue.hint": "Restore the column (Ctrl+Z, or the last backup in "
                             ".suivi/sauvegardes), or name its new header in suivi.toml: "
                             "[classeur.colonnes] {key} = \"…\". If this is intended, run again "
                             "with --accepter-structure.",
    "montant_decimales": "{invoice}: amount {value:num} has more than two decimals; the "
                         "invoice shows it rounded to {rounded:money}.",
    "montant_decimales.to_issue": "{invoice}: amount {value:num} has more than two decimals: "
                                  "the invoice is not issued until it is rounded (it would show "
                                  "{rounded:money}).",
    "montant_decimales.hint": "Round the amount to the cent (in a formula: =ROUND(…;2)).",
    "avoir_implicite": "Row {row}: negative amount ({amount:money}) on an invoice to issue: a "
                       "sign error, or a credit note? It is not issued.",
    "avoir_implicite.hint": "For a credit note, give the invoice it corrects (column 'Facture "
                            "d'origine') or 'Avoir' in the 'Type de pièce' column; otherwise "
                            "fix the sign.",
    "echeance_calculee": "Invoice {invoice} has no due date: due date computed as {due:date} "
                         "from the {source} terms '{terms}'.",
    "echeance_calculee.hint": "Type the due date if it differs.",
    "echeance_calculee.column": "Column '{header}' is empty for {count} invoice(s) "
                                "({cells:list}…): their due date is computed from the payment "
                                "terms (the client's, else '{terms}' by default).",
    "echeance_calculee.column.hint": "Type the due dates if they differ.",
    "echeance_calculee.sheet": "The sheet has no 'Échéance' (due date) column: the due date of "
                               "{count} invoice(s) is computed from the payment terms (the "
                               "client's, else '{terms}' by default).",
    "echeance_calculee.sheet.hint": "Add an 'Échéance' or 'Conditions de paiement' column for "
                                    "more precision.",
    "terms.source_invoice": "invoice's",
    "terms.source_client": "client's",
    "terms.source_default": "default",
    "numero_en_double": "Number {number} is already used at {first:cell}.",
    "numero_en_double.hint": "An invoice number is unique: fix one of the two rows (an issued "
                             "invoice is cancelled by a credit note, never by a new number).",
    "numerotation_trou": "Numbering gap in series '{series}': {missing:list} missing.",
    "numerotation_trou.more": "Numbering gap in series '{series}': {missing:list} and {more} "
                              "more missing.",
    "numerotation_trou.hint": "French law requires a continuous chronological sequence: find "
                              "the missing invoice, or document its cancellation with a credit "
                              "note.",
    "numerotation_chronologie": "Invoice {number} is dated {day:date}, before invoice {before} "
                                "of {before_day:date} which has a smaller number.",
    "numerotation_chronologie.many": "Invoice {number} is dated {day:date}, before invoice "
                                     "{before} of {before_day:date} which has a smaller number "
                                     "({count} invoices of series '{series}' are in this case).",
    "numerotation_chronologie.hint": "Numbers must follow the order of dates: check the dates.",
    "echeance_avant_date": "Invoice {invoice}: the due date ({due:date}) is before the invoice "
                           "date ({day:date}).",
    "echeance_avant_date.hint": "Fix one of the two dates.",
    "total_incoherent": "Invoice {invoice}: net {ht:money} + VAT {vat:money} = {expected:money}, "
                        "but the total says {ttc:money}.",
    "total_incoherent.hint": "Fix the net amount, the VAT or the total.",
    "delai_illegal.terms": "Invoice {invoice}: terms '{terms}' exceed the legal cap (60 days "
                           "from the invoice date or 45 days end of month, art. L441-10 of the "
                           "French Commercial Code).",
    "delai_illegal.terms.hint": "Bring the terms down to 60 days at most.",
    "delai_illegal.date": "Invoice {invoice}: due {days} days after the invoice date, beyond "
                          "the legal cap (60 days, or 45 days end of month).",
    "delai_illegal.date.hint": "Check the due date: agreed terms cannot exceed 60 days.",
    "trop_percu": "Invoice {invoice}: {paid:money} paid for {total:money} due, an overpayment "
                  "of {excess:money}.",
    "trop_percu.hint": "Refund the client or apply the overpayment to another invoice.",
    "paiement_facture_inconnue": "Payment of {amount:money} for invoice '{number}', which is "
                                 "not in the invoice sheet: it counts for no invoice.",
    "paiement_facture_inconnue.hint": "Fix the number (as written in the N° facture column): "
                                      "otherwise the invoice may stay unpaid, and be dunned.",
    "paiement_facture_inconnue.held": "Payment of {amount:money} for invoice '{number}', "
                                      "which is not in the invoice sheet: it counts for no "
                                      "invoice, and the invoices it may pay are not reminded "
                                      "until this is clear.",
    "reglement_marque": "Column '{header}' marks {count} invoice(s) as paid ('oui', 'x', "
                        "'payé', a date) rather than with an amount: suivi reads them as paid in "
                        "full (on the date written, if any).",
    "reglement_marque.hint": "For a partial payment, type the amount paid (or a row in the "
                             "Paiements sheet): a mark stands for the whole invoice.",
    "colonne_equipe": "Column '{header}' does not hold dates (for instance '{example}'): "
                      "suivi leaves it as it is, neither reading nor writing it, and keeps "
                      "'{label}' in a column of its own, added right of the table.",
    "colonne_equipe.step": "Column '{header}' does not hold a reminder step (for instance "
                           "'{example}'): suivi leaves it as it is, neither reading nor writing "
                           "it, and keeps '{label}' in a column of its own, added right of the "
                           "table.",
    "colonne_equipe.step_header": "Header '{header}' says a date, not a reminder step: suivi "
                                  "leaves the column as it is, neither reading nor writing it, "
                                  "and keeps '{label}' in a column of its own, added right of "
                                  "the table.",
    "colonne_equipe.hint": "If it is '{label}' after all, map it in suivi.toml "
                           "([classeur.colonnes]); otherwise, nothing to do.",
    "devise_etrangere": "{invoice}: amount in {currency}, but suivi handles euros only. It is "
                        "not dunned (a reminder would claim euros), and it is left out of the "
                        "indicators (counted apart).",
    "devise_etrangere.to_issue": "{invoice}: amount in {currency}, but suivi issues invoices "
                                 "in euros only. It is not issued.",
    "devise_etrangere.hint": "Follow it separately, or type it in euros (converted amount) and "
                             "clear the currency.",
    "reglement_date_seule": "Column '{header}' stands for the amount paid (the sheet has no "
                            "'Montant réglé' column): {count} dated invoice(s) read as paid in "
                            "full on that day.",
    "reglement_date_seule.hint": "For a partial payment, add a 'Montant réglé' column (or a row "
                                 "in the Paiements sheet).",
    "reglement_sans_montant": "{invoice}: '{date_header}' says {day:date}, but '{header}' says "
                              "nothing was paid. Paid in full, or the amount forgotten? It is "
                              "not dunned until this is clear.",
    "reglement_sans_montant.hint": "Type the amount paid (the total if paid in full), or clear "
                                   "the date if nothing was received.",
    "colonne_reglement_ignoree": "Column '{header}' seems to be about payments, but suivi cannot "
                                 "read it: what it holds counts for no invoice ({count} filled "
                                 "row(s)).",
    "colonne_reglement_ignoree.hint": "If it says what was paid, rename it 'Montant réglé' (or "
                                      "'Date de règlement'), or map it in suivi.toml: "
                                      "[classeur.colonnes] montant_regle = \"{header}\". "
                                      "Otherwise, ignore this message.",
    "reglements_a_verifier": "{invoice}: '{header}' says {paid:money}, the Paiements sheet "
                             "lists {listed:money} for it. If these are two different payments "
                             "({both:money} paid of {total:money}), it is paid: it is not "
                             "dunned until this is clear.",
    "reglements_a_verifier.hint": "If the Paiements rows already include these {paid:money}, "
                                  "write {listed:money} in '{header}'; otherwise add that "
                                  "payment to the Paiements sheet (or write {both:money}).",
    "paiement_en_double": "Bank operation '{id}' pays invoice {number} twice "
                          "({amount:money}), here and at {first_cell:cell}: this payment "
                          "counts twice.",
    "paiement_en_double.hint": "Delete the copied row. If the bank really paid twice, keep "
                               "both rows and give one its own operation id.",
    "statut_regle_sans_paiement": "Invoice {invoice}: the status says '{status}' but "
                                  "{due:money} is still due according to the amounts. No "
                                  "reminder will be sent for this invoice.",
    "statut_regle_sans_paiement.hint": "Enter the amount paid and the payment date, or fix the "
                                       "status.",
    "doublon_probable": "Invoice {number} looks like invoice {first} ({first_cell:cell}): same "
                        "client, same amount ({amount:money}), same date.",
    "doublon_probable.hint": "Check that it is not a duplicate entry.",
    "client_absent": "Invoice {invoice}: no client.",
    "client_absent.hint": "Type the client's name.",
    "date_absente": "Invoice {invoice}: the invoice date is empty.",
    "date_absente.hint": "Type the invoice's issue date.",
    "montant_absent": "Invoice {invoice}: no amount.",
    "montant_absent.hint": "Type the total (or the net amount and the VAT).",
    "email_invalide": "Client '{client}': e-mail address '{address}' is not valid.",
    "email_invalide.hint": "Fix the address (one address per cell, or separated by ;).",
    "tva_invalide": "Client '{client}': EU VAT number '{value}' is not valid (check digits).",
    "tva_invalide.hint": "Check the number on the client's invoices or on the VIES site.",
    "siren_absent": "Client '{client}' ({type}): no SIREN.",
    "siren_absent.column": "{count} professional clients without a SIREN ({names:quoted}…): "
                           "their e-invoices cannot be produced.",
    "siren_absent.hint": "A professional client's SIREN is required on e-invoices: add it in "
                         "the Clients sheet.",
    "siret_invalide": "Client '{client}': SIRET '{value}' is not valid (check digit).",
    "siret_invalide.hint": "Check the number on annuaire-entreprises.data.gouv.fr.",
    "siren_invalide": "Client '{client}': SIREN '{value}' is not valid (9 digits with a check "
                      "digit).",
    "siren_invalide.hint": "Check the number on annuaire-entreprises.data.gouv.fr.",
    "client_inconnu": "Client '{client}' is not in the Clients sheet.",
    "client_inconnu.hint": "Add it to the Clients sheet (with its e-mail and type) or fix the "
                           "spelling.",
}
