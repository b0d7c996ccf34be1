"""Messages of reading trackers as teams build them (French, then English): formulas saved
without their values, text dates written month first, a status saying part was paid without
its amount, Paiements rows naming several invoices or none, dates after today; a workbook
saying nowhere what was paid, one client spelt several ways, rows marked by their look, other
sheets holding invoices."""
from __future__ import annotations

FR: dict[str, str] = {
    "date_facture_future": "Facture {invoice} : datée du {day:date}, après aujourd'hui "
                           "({today:date}) ; elle n'est pas relancée avant son échéance.",
    "date_facture_future.hint": "Vérifiez la date de facture (l'année surtout).",
    "reglement_futur": "Règlement de {amount:money} daté du {day:date}, après aujourd'hui "
                       "({today:date}) : il est compté comme reçu.",
    "reglement_futur.hint": "Vérifiez la date (l'année surtout). Un règlement attendu n'est pas "
                            "reçu : notez-le plutôt en promesse de paiement, la facture sera "
                            "relancée s'il n'arrive pas.",
    "paiement_illisible": "Le montant de ce règlement ({subject}) ne peut pas être lu : "
                          "tant qu'il ne l'est pas, suivi ne relance pas la facture qu'il règle "
                          "peut-être.",
    "paiement_illisible.hint": "Corrigez le montant de la ligne (un nombre, par exemple "
                               "1 234,56).",
    "paiement_sans_facture": "Règlement de {amount:money} de « {client} » sans n° de facture, "
                             "qui ne correspond à aucune de ses {count} facture(s) ouverte(s) ni "
                             "à leur total : il n'est compté pour aucune.",
    "paiement_sans_facture.hint": "Indiquez la facture réglée dans la colonne « N° facture » de "
                                  "la feuille Paiements (une ligne par facture).",
    "paiement_non_attribue": "Règlement de {amount:money} sans n° de facture ni client "
                             "(« {label} ») : il n'est compté pour aucune facture, et celle "
                             "qu'il règle peut être relancée.",
    "paiement_non_attribue.hint": "Indiquez la facture réglée dans une colonne « N° facture » "
                                  "de la feuille Paiements (ou dans le libellé), ou le client.",
    "paiement_reparti": "Règlement de {amount:money} pour « {number} » : plusieurs factures, "
                        "réglées dans l'ordre de leurs échéances ({parts:list}).",
    "paiement_reparti.part": "{amount:money} sur {invoice}",
    "paiement_reparti.hint": "Si ce n'est pas la bonne répartition, mettez une ligne par facture "
                             "dans la feuille Paiements.",
    "dates_mois_dabord": "Les dates écrites en texte de cette feuille mettent le mois d'abord "
                         "(« {example} » dans « {header} ») : suivi les lit toutes ainsi, "
                         "« 04/03/2026 » étant le 3 avril 2026.",
    "dates_mois_dabord.hint": "Rien à faire si c'est le cas. Sinon, corrigez la date "
                              "« {example} » ; mieux, tapez des dates Excel plutôt que du texte.",
    "reglement_partiel_sans_montant": "{invoice} : le statut « {status} » dit qu'une partie "
                                      "est réglée, mais aucun montant réglé n'est saisi. Elle "
                                      "n'est pas relancée tant que le montant reçu n'est pas "
                                      "indiqué (la relance réclamerait la totalité).",
    "reglement_partiel_sans_montant.hint": "Saisissez le montant reçu dans « {header} » (ou une "
                                           "ligne dans la feuille Paiements).",
    "lignes_detail": "{count} ligne(s) sans numéro, ni client, ni date (à partir de la ligne "
                     "{first}) : suivi ne les lit pas comme des factures (ni numérotées, ni "
                     "relancées, ni comptées dans les indicateurs).",
    "lignes_detail.under": "{count} ligne(s) sans numéro, ni client, ni date (à partir de la "
                           "ligne {first}), sous la facture {invoice} : lues comme ses lignes "
                           "de détail, pas comme des factures (ni numérotées, ni relancées, ni "
                           "comptées dans les indicateurs). Seul le montant de sa propre "
                           "ligne compte pour la facture.",
    "lignes_detail.hint": "Si la facture compte ces lignes, portez son total sur sa ligne (ou "
                          "décrivez ses lignes dans la feuille Lignes). Une nouvelle facture "
                          "demande au moins son client et sa date.",
    "reglement_ligne_detail": "{invoice} : la ligne {row}, sous elle, porte un règlement "
                              "(« {header} ») sans numéro de facture : ce qu'il paie n'est pas "
                              "connu, la facture n'est pas relancée.",
    "reglement_ligne_detail.hint": "Saisissez le montant réglé sur la ligne de la facture (ou "
                                   "une ligne dans la feuille Paiements avec son numéro), et "
                                   "videz-le de la ligne de détail.",
    "reglements_non_saisis": "La feuille « {sheet} » ne dit nulle part ce qui a été payé (ni "
                             "colonne « Montant réglé », « Date de règlement » ou « Reste dû », "
                             "ni feuille Paiements, ni statut « Payée ») : ses {count} "
                             "facture(s) échue(s) sont toutes lues comme impayées, et « suivi "
                             "run » retient leurs relances.",
    "reglements_non_saisis.hint": "Ajoutez ici une colonne « Montant réglé » et remplissez-la "
                                  "pour les factures payées (ou tapez « Payée » dans leur "
                                  "Statut, ou importez vos relevés avec « suivi bank »).",
    "client_ecrit_autrement": "« {client} » a la même adresse ({address}) que « {first} » "
                              "({first_cell:cell}) : ce sont deux clients pour suivi, et "
                              "chacun reçoit ses propres relances, le même jour.",
    "client_ecrit_autrement.hint": "S'il s'agit du même client, écrivez son nom de la même "
                                   "façon sur toutes ses factures (et une seule fois dans la "
                                   "feuille Clients) ; sinon, ignorez ce message.",
    "client_meme_adresse": "« {client} » a le même nom, à la forme juridique, aux majuscules "
                           "ou à la ponctuation près, et la même adresse ({address}) que "
                           "« {name} » ({first_cell:cell}) : suivi les lit comme un seul "
                           "client, « {name} », qui reçoit une seule relance pour toutes ses "
                           "factures.",
    "client_meme_adresse.words": "« {client} » et « {name} » ({first_cell:cell}) ont la même "
                                 "adresse ({address}), et l'un de ces noms contient l'autre : "
                                 "suivi les lit comme un seul client, « {name} », qui reçoit "
                                 "une seule relance pour toutes ses factures (pas deux messages "
                                 "le même jour dans la même boîte).",
    "client_meme_adresse.hint": "Si ce sont deux clients, donnez-leur des noms distincts ou "
                                "une feuille Clients.",
    "ligne_marquee": "Facture {invoice} : sa ligne est marquée dans la feuille, mais rien "
                     "n'y dit qu'elle est payée ({due:money} dû d'après les montants) : elle "
                     "n'est pas relancée tant que ce n'est pas clair.",
    "ligne_marquee.barree": "Facture {invoice} : sa ligne est barrée dans la feuille, mais rien "
                            "n'y dit qu'elle est payée ou annulée ({due:money} dû d'après les "
                            "montants) : elle n'est pas relancée tant que ce n'est pas clair.",
    "ligne_marquee.verte": "Facture {invoice} : sa ligne est sur fond vert dans la feuille, "
                           "mais rien n'y dit qu'elle est payée ({due:money} dû d'après les "
                           "montants) : elle n'est pas relancée tant que ce n'est pas clair.",
    "ligne_marquee.hint": "Si elle est payée, saisissez le montant réglé (ou « Payée » dans "
                          "son Statut ; « Annulée » si elle l'est) ; si l'argent est bien dû, "
                          "retirez la marque de sa ligne. Si vos couleurs veulent dire autre "
                          "chose, mettez couleurs = \"ignorer\" dans la section [classeur] "
                          "de suivi.toml.",
    "autre_feuille_factures": "La feuille « {sheet} » contient aussi des factures ({rows} "
                              "ligne(s)), mais son nom ne dit pas une période (« Mars », "
                              "« 2025 »…) : suivi ne la lit pas avec « {chosen} ». Ses "
                              "factures ne sont ni relancées, ni comptées dans les indicateurs, "
                              "et la numérotation ne voit pas leurs numéros.",
    "autre_feuille_factures.colonnes": "La feuille « {sheet} » contient aussi des factures "
                                       "({rows} ligne(s)), mais pas les colonnes qu'il faut "
                                       "pour la lire avec « {chosen} » (le n° de facture, le "
                                       "client, un montant, une date, et ce qui a été réglé) : "
                                       "ses factures ne sont ni relancées, ni comptées dans "
                                       "les indicateurs.",
    "autre_feuille_factures.copie": "La feuille « {sheet} » ({rows} ligne(s)) semble être une "
                                    "copie de « {chosen} » : {shared} de ses numéros de "
                                    "facture s'y trouvent aussi. suivi ne la lit pas.",
    "autre_feuille_factures.hint": "Si ce sont des factures à suivre, regroupez-les dans une "
                                   "seule feuille, ou donnez à chaque feuille le nom de sa "
                                   "période (« Janvier 2026 », « 2025 ») avec les mêmes "
                                   "colonnes. Sinon, choisissez la feuille à lire dans "
                                   "suivi.toml : [classeur] feuille = \"{chosen}\" (ce "
                                   "message disparaît alors).",
    "facture_reportee": "{count} facture(s) de la feuille « {sheet} » figurent aussi dans "
                        "« {kept} », à l'identique (client, montant, règlement) : {numbers:quoted}. "
                        "suivi les suit dans « {kept} », la feuille la plus récente ; leurs "
                        "lignes de « {sheet} » ne sont ni comptées deux fois ni mises à jour.",
    "facture_reportee.hint": "Saisissez les règlements de ces factures dans « {kept} ». Si "
                             "les deux lignes ne disent plus la même chose (l'une réglée, "
                             "l'autre non), la facture n'est plus relancée tant que ce n'est "
                             "pas clair.",
    "impaye_marque": "La colonne « {header} » marque d'une croix les factures impayées "
                     "({owed} marquée(s)) : suivi lit les {count} autre(s) facture(s) "
                     "numérotée(s) comme réglées en totalité.",
    "impaye_marque.hint": "Pour un règlement partiel, saisissez le montant réglé (ou une ligne "
                          "dans la feuille Paiements). Une facture impayée sans croix ne serait "
                          "pas relancée : marquez-la.",
    "relances_equipe": "Les colonnes {headers:quoted} notent les relances faites par l'équipe "
                       "({count} facture(s)) : suivi les compte comme faites, reprend à l'étape "
                       "suivante et n'y écrit pas ; il note ses propres relances dans « Niveau "
                       "de relance ».",
    "relances_equipe.hint": "Une date ou une croix par relance faite. Une date à venir est un "
                            "projet : elle n'est pas comptée, et suivi attend ce jour pour "
                            "relancer.",
    "client_rapproche": "Le client « {client} » n'est pas écrit ainsi dans la feuille Clients : "
                        "suivi le lit comme « {name} » (même nom, à la forme juridique, aux "
                        "majuscules ou à la ponctuation près), et ses factures sont relancées "
                        "à l'adresse de « {name} ».",
    "client_rapproche.hint": "Si ce n'est pas le même client, ajoutez « {client} » dans la "
                             "feuille Clients ; sinon, écrivez son nom comme dans la feuille "
                             "Clients.",
    "echeancier_sans_echeances": "Facture {invoice} : le statut dit un échéancier (« {text} »), "
                                 "mais la feuille Échéancier n'en a pas les échéances : ce "
                                 "qui est dû, et quand, n'est pas connu, suivi ne la relance "
                                 "pas.",
    "echeancier_sans_echeances.hint": "Saisissez ses échéances dans une feuille « Échéancier » "
                                      "(N° facture, Échéance, Montant) : suivi relancera "
                                      "alors chaque échéance manquée. Si l'échéancier n'est "
                                      "pas tenu, écrivez-le (« Échéancier non respecté »).",
    "facture_sur_plusieurs_lignes": "La facture {invoice} est écrite sur {count} lignes "
                                    "({rows:list}), une par ligne de facture : suivi les lit "
                                    "comme une seule facture de {total:money}.",
    "facture_sur_plusieurs_lignes.hint": "Si ce sont des factures différentes, donnez à "
                                         "chacune son numéro.",
    "date_sans_annee": "{count} date(s) tapée(s) sans année (« {value} », lue au {day:date}) : "
                       "suivi donne à chacune la première année qui la place après la date de "
                       "la facture.",
    "date_sans_annee.hint": "Tapez l'année (« {value}/2026 ») si ce n'est pas celle-là.",
    "email_autre_colonne": "{count} client(s) sans adresse dans « {main} » ({names:quoted}) : "
                           "suivi leur écrit à l'adresse de « {header} ».",
    "email_autre_colonne.hint": "Si cette adresse ne doit pas recevoir les relances, "
                                "remplissez « {main} » pour ces clients.",
    "facture_dans_payees": "{count} facture(s) de la feuille des factures sont aussi dans la "
                           "feuille « {sheet} » ({numbers:list}) : suivi les lit comme "
                           "réglées, et ne compte pas leur copie.",
    "facture_dans_payees.hint": "Si l'une d'elles n'est pas réglée, retirez-la de « {sheet} ».",
    "montant_ht_seul": "La feuille ne donne que des montants HT (« {header} ») : sans "
                       "[vendeur] dans suivi.toml, suivi ne sait pas si vous facturez la TVA, "
                       "et relance ces montants tels quels.",
    "montant_ht_seul.rate": "La feuille ne donne que des montants HT (« {header} ») : suivi y "
                            "ajoute la TVA à {rate:num} %, comme sur les factures qu'il produit "
                            "(taux_tva de suivi.toml), pour ce que chaque client doit.",
    "montant_ht_seul.hint": "Ajoutez une colonne « Montant TTC » ou « Taux TVA » ; en franchise "
                            "de TVA, indiquez mention_exoneration dans [vendeur].",
    "indicateurs_feuille_equipe": "La feuille « {sheet} » du classeur est la vôtre (elle "
                                  "commence par « {first} ») : suivi ne la remplace pas, et "
                                  "n'écrit pas ses indicateurs.",
    "indicateurs_feuille_equipe.hint": "Renommez votre feuille (par exemple « Mon tableau de "
                                       "bord ») : suivi ajoutera les siennes au prochain run.",
    "marque_partielle": "« {value} » dans « {header} » dit qu'une partie de la facture est "
                        "réglée, sans dire combien : elle n'est pas relancée tant que le "
                        "montant reçu n'est pas indiqué (la relance réclamerait le tout).",
    "marque_partielle.hint": "Saisissez le montant reçu à la place de « {value} » (ou une "
                             "ligne dans la feuille Paiements).",
    "feuille_clients_reconnue": "La feuille « {sheet} » est lue comme la feuille Clients : "
                                "elle nomme {count} des {total} client(s) des factures, avec "
                                "leurs adresses.",
    "feuille_clients_reconnue.hint": "Renommez-la « Clients » pour le dire ; si ce n'est pas la "
                                     "liste de vos clients, ajoutez une feuille « Clients ».",
    "client_particulier_civilite": "{count} client(s) dont le nom commence par une civilité "
                                   "({names:quoted}) sont lus comme des particuliers : pas "
                                   "d'indemnité forfaitaire de 40 € (réservée aux "
                                   "professionnels), un ton plus doux.",
    "client_particulier_civilite.hint": "Si c'est une entreprise, dites-le dans une colonne "
                                        "« Type » de la feuille Clients (« Société »).",
    "client_en_titre": "{count} nom(s) de client écrit(s) seul(s) sur sa ligne, au-dessus de "
                       "factures dont la case client est vide ({names:quoted}) : suivi lit "
                       "chacun comme le client des factures qui le suivent, jusqu'au nom "
                       "suivant.",
    "client_en_titre.hint": "Si une facture n'est pas à ce client, écrivez son client sur sa "
                            "ligne : il l'emporte sur le nom au-dessus.",
    "reglement_colonnes": "Les colonnes {headers:quoted} disent chacune une part de ce qui a été "
                          "réglé (un acompte, un versement) : suivi les additionne pour le "
                          "montant réglé de chaque facture.",
    "reglement_colonnes.hint": "Si l'une d'elles compte déjà les autres (un total), renommez "
                               "les autres sans « reçu », « versé » ni « réglé » (par exemple "
                               "« Acompte (pour mémoire) ») : suivi ne lira que le total.",
    "avoir_colonne": "Les colonnes {headers:quoted} donnent le montant d'un avoir sur la ligne "
                     "de la facture : suivi le retire de ce qu'elle doit.",
    "avoir_colonne.hint": "Si l'avoir a aussi sa propre ligne (montant négatif, facture "
                          "d'origine), suivi ne le déduit qu'une fois.",
    "avoir_deja_en_ligne": "Facture {invoice} : l'avoir de {amount:money} noté sur sa ligne "
                           "est aussi une ligne d'avoir de la feuille (qui la corrige) : suivi "
                           "ne le déduit qu'une fois.",
    "avoir_deja_en_ligne.hint": "Rien à faire si c'est le même avoir. Si ce sont deux avoirs, "
                                "le second a besoin de sa propre ligne.",
    "avoir_sans_montant": "Facture {invoice} : un avoir est noté sur sa ligne (« {value} ») "
                          "sans son montant, et aucune ligne d'avoir de la feuille ne la "
                          "corrige : ce qu'elle doit encore n'est pas connu, elle n'est pas "
                          "relancée.",
    "avoir_sans_montant.hint": "Saisissez l'avoir sur sa propre ligne (montant négatif, « Facture "
                               "d'origine » {invoice}), ou son montant dans une colonne « Montant "
                               "avoir ».",
}

EN: dict[str, str] = {
    "date_facture_future": "Invoice {invoice}: dated {day:date}, after today ({today:date}); "
                           "it is not reminded before its due date.",
    "date_facture_future.hint": "Check the invoice date (the year above all).",
    "reglement_futur": "Payment of {amount:money} dated {day:date}, after today "
                       "({today:date}): it is counted as received.",
    "reglement_futur.hint": "Check the date (the year above all). A payment expected is not "
                            "received: record it as a payment promise instead, and the invoice "
                            "will be reminded if it does not come.",
    "paiement_illisible": "The amount of this payment ({subject}) cannot be read: "
                          "until it can, suivi does not remind the invoice it may pay.",
    "paiement_illisible.hint": "Fix the amount of the row (a number, for example 1234.56).",
    "paiement_sans_facture": "Payment of {amount:money} from '{client}' without an invoice "
                             "number, matching none of its {count} open invoice(s) nor their "
                             "total: it counts for none.",
    "paiement_sans_facture.hint": "Name the invoice paid in the 'N° facture' column of the "
                                  "Paiements sheet (one line per invoice).",
    "paiement_non_attribue": "Payment of {amount:money} without an invoice number or a "
                             "client ('{label}'): it counts for no invoice, and the one it "
                             "pays may be reminded.",
    "paiement_non_attribue.hint": "Name the invoice paid in an 'N° facture' column of the "
                                  "Paiements sheet (or in the label), or the client.",
    "paiement_reparti": "Payment of {amount:money} for '{number}': several invoices, paid in "
                        "the order they fell due ({parts:list}).",
    "paiement_reparti.part": "{amount:money} on {invoice}",
    "paiement_reparti.hint": "If this is not the right split, put one line per invoice in the "
                             "Paiements sheet.",
    "dates_mois_dabord": "The dates typed as text in this sheet put the month first "
                         "('{example}' in '{header}'): suivi reads them all so, '04/03/2026' "
                         "being 3 April 2026.",
    "dates_mois_dabord.hint": "Nothing to do if so. Otherwise, fix the date '{example}'; "
                              "better, type Excel dates rather than text.",
    "reglement_partiel_sans_montant": "{invoice}: the status '{status}' says part of it was "
                                      "paid, but no amount paid is typed. It is not dunned "
                                      "until the amount received is given (the reminder would "
                                      "claim the whole total).",
    "reglement_partiel_sans_montant.hint": "Type the amount received in '{header}' (or a line "
                                           "in the Paiements sheet).",
    "lignes_detail": "{count} row(s) without an invoice number, a client or a date (from "
                     "row {first}): suivi does not read them as invoices (not numbered, not "
                     "reminded, not counted in the indicators).",
    "lignes_detail.under": "{count} row(s) without an invoice number, a client or a date (from "
                           "row {first}), under invoice {invoice}: read as its detail lines, not as "
                           "invoices (not numbered, not reminded, not counted in the "
                           "indicators). Only the amount on its own row counts for the "
                           "invoice.",
    "lignes_detail.hint": "If the invoice counts these lines, put its total on its row (or "
                          "describe its lines in the Lignes sheet). A new invoice needs at "
                          "least its client and its date.",
    "reglement_ligne_detail": "{invoice}: row {row}, under it, holds a payment ('{header}') "
                              "without an invoice number: what it pays is not known, the "
                              "invoice is not reminded.",
    "reglement_ligne_detail.hint": "Type the amount paid on the invoice's row (or a row in the "
                                   "Paiements sheet with its number), and clear it from the "
                                   "detail row.",
    "reglements_non_saisis": "Sheet '{sheet}' says nowhere what was paid (no 'Montant "
                             "réglé', 'Date de règlement' or 'Reste dû' column, no Paiements "
                             "sheet, no 'Payée' status): its {count} overdue invoice(s) all "
                             "read as unpaid, and 'suivi run' holds their reminders.",
    "reglements_non_saisis.hint": "Add a 'Montant réglé' column here and fill it for the "
                                  "invoices paid (or type 'Payée' in their Statut, or import "
                                  "your statements with 'suivi bank').",
    "client_ecrit_autrement": "'{client}' has the same address ({address}) as '{first}' "
                              "({first_cell:cell}): suivi sees two clients, and each gets "
                              "its own reminders, on the same day.",
    "client_ecrit_autrement.hint": "If it is the same client, write its name the same way on "
                                   "all its invoices (and once in the Clients sheet); "
                                   "otherwise, ignore this message.",
    "client_meme_adresse": "'{client}' has the same name, but for the legal form, case or "
                           "punctuation, and the same address ({address}) as '{name}' "
                           "({first_cell:cell}): suivi reads them as one client, '{name}', "
                           "which gets one reminder for all its invoices.",
    "client_meme_adresse.words": "'{client}' and '{name}' ({first_cell:cell}) have the same "
                                 "address ({address}), and one name holds the other: suivi "
                                 "reads them as one client, '{name}', which gets one reminder "
                                 "for all its invoices (not two messages the same day in one "
                                 "mailbox).",
    "client_meme_adresse.hint": "If they are two clients, give them distinct names or a "
                                "Clients sheet.",
    "ligne_marquee": "Invoice {invoice}: its row is marked in the sheet, but nothing there "
                     "says it is paid ({due:money} due from the amounts): it is not reminded "
                     "until this is clear.",
    "ligne_marquee.barree": "Invoice {invoice}: its row is struck through in the sheet, but "
                            "nothing there says it is paid or cancelled ({due:money} due from "
                            "the amounts): it is not reminded until this is clear.",
    "ligne_marquee.verte": "Invoice {invoice}: its row is filled green in the sheet, but "
                           "nothing there says it is paid ({due:money} due from the amounts): "
                           "it is not reminded until this is clear.",
    "ligne_marquee.hint": "If it is paid, type the amount paid (or 'Payée' in its Statut; "
                          "'Annulée' if it is cancelled); if the money is truly owed, take the "
                          "mark off its row. If your colours mean something else, set "
                          "couleurs = \"ignorer\" in the [classeur] section of suivi.toml.",
    "autre_feuille_factures": "Sheet '{sheet}' holds invoices too ({rows} row(s)), but its "
                              "name does not say a period ('March', '2025'…): suivi does not "
                              "read it with '{chosen}'. Its invoices are neither dunned nor "
                              "counted in the indicators, and numbering does not see their "
                              "numbers.",
    "autre_feuille_factures.colonnes": "Sheet '{sheet}' holds invoices too ({rows} row(s)), "
                                       "but not the columns needed to read it with "
                                       "'{chosen}' (the invoice number, the client, an "
                                       "amount, a date, and what was paid): its invoices are "
                                       "neither dunned nor counted in the indicators.",
    "autre_feuille_factures.copie": "Sheet '{sheet}' ({rows} row(s)) looks like a copy of "
                                    "'{chosen}': {shared} of its invoice numbers are there "
                                    "too. suivi does not read it.",
    "autre_feuille_factures.hint": "If these invoices are to be followed, put them in one "
                                   "sheet, or name each sheet after its period ('January "
                                   "2026', '2025') with the same columns. Otherwise choose the "
                                   "sheet to read in suivi.toml: [classeur] feuille = "
                                   "\"{chosen}\" (this message then goes).",
    "facture_reportee": "{count} invoice(s) of sheet '{sheet}' are in '{kept}' too, alike "
                        "(client, amount, payment): {numbers:quoted}. suivi follows them in "
                        "'{kept}', the latest sheet; their rows in '{sheet}' are neither "
                        "counted twice nor updated.",
    "facture_reportee.hint": "Type these invoices' payments in '{kept}'. If the two rows stop "
                             "saying the same (one paid, the other not), the invoice is not "
                             "dunned until it is clear.",
    "impaye_marque": "Column '{header}' marks the unpaid invoices with a cross ({owed} "
                     "marked): suivi reads the {count} other numbered invoice(s) as paid in "
                     "full.",
    "impaye_marque.hint": "For a partial payment, type the amount paid (or a row in the "
                          "Paiements sheet). An unpaid invoice without a cross would not be "
                          "dunned: mark it.",
    "relances_equipe": "Columns {headers:quoted} record the reminders the team sent ({count} "
                       "invoice(s)): suivi counts them as done, goes on from the next step and "
                       "does not write into them; it records its own in 'Niveau de relance'.",
    "relances_equipe.hint": "One date or a cross per reminder sent. A date still to come is a "
                            "plan: it is not counted, and suivi waits for that day to remind.",
    "client_rapproche": "Client '{client}' is not spelt so in the Clients sheet: suivi reads "
                        "it as '{name}' (the same name but for the legal form, case or "
                        "punctuation), and its invoices are dunned at the address of '{name}'.",
    "client_rapproche.hint": "If it is another client, add '{client}' to the Clients sheet; "
                             "otherwise, spell it as the Clients sheet does.",
    "echeancier_sans_echeances": "Invoice {invoice}: the status states a payment plan "
                                 "('{text}'), but the Échéancier sheet lacks its "
                                 "installments: what is due, and when, is not known, so suivi "
                                 "does not dun it.",
    "echeancier_sans_echeances.hint": "Type its installments in an 'Échéancier' sheet "
                                      "(invoice number, due date, amount): suivi will then dun "
                                      "each missed installment. If the plan is not kept, say "
                                      "so ('Échéancier non respecté').",
    "facture_sur_plusieurs_lignes": "Invoice {invoice} is written over {count} rows "
                                    "({rows:list}), one per invoice line: suivi reads them as "
                                    "one invoice of {total:money}.",
    "facture_sur_plusieurs_lignes.hint": "If they are different invoices, give each its own "
                                         "number.",
    "date_sans_annee": "{count} date(s) typed without a year ('{value}', read as {day:date}): "
                       "suivi gives each the first year that places it after the invoice's "
                       "date.",
    "date_sans_annee.hint": "Type the year ('{value}/2026') if it is not that one.",
    "email_autre_colonne": "{count} client(s) with no address in '{main}' ({names:quoted}): "
                           "suivi writes to the address in '{header}'.",
    "email_autre_colonne.hint": "If that address must not receive reminders, fill in "
                                "'{main}' for these clients.",
    "facture_dans_payees": "{count} invoice(s) of the invoice sheet are also in sheet "
                           "'{sheet}' ({numbers:list}): suivi reads them as paid, and does "
                           "not count their copy.",
    "facture_dans_payees.hint": "If one of them is not paid, remove it from '{sheet}'.",
    "montant_ht_seul": "The sheet gives amounts before VAT only ('{header}'): without "
                       "[vendeur] in suivi.toml, suivi does not know whether you charge VAT, "
                       "and dunns these amounts as they are.",
    "montant_ht_seul.rate": "The sheet gives amounts before VAT only ('{header}'): suivi adds "
                            "VAT at {rate:num} %, as on the invoices it makes (taux_tva in "
                            "suivi.toml), to what each client owes.",
    "montant_ht_seul.hint": "Add a 'Montant TTC' or 'Taux TVA' column; under the VAT "
                            "franchise, set mention_exoneration in [vendeur].",
    "indicateurs_feuille_equipe": "Sheet '{sheet}' of the workbook is yours (it starts with "
                                  "'{first}'): suivi does not replace it, and does not write "
                                  "its indicators.",
    "indicateurs_feuille_equipe.hint": "Rename your sheet (for example 'Mon tableau de bord'): "
                                       "suivi will add its own at the next run.",
    "marque_partielle": "'{value}' in '{header}' says part of the invoice is paid, not how "
                        "much: it is not dunned until the amount received is given (the "
                        "reminder would claim the whole).",
    "marque_partielle.hint": "Type the amount received instead of '{value}' (or a row in the "
                             "Paiements sheet).",
    "feuille_clients_reconnue": "Sheet '{sheet}' is read as the Clients sheet: it names "
                                "{count} of the invoices' {total} client(s), with their "
                                "addresses.",
    "feuille_clients_reconnue.hint": "Rename it 'Clients' to say so; if it is not the list of "
                                     "your clients, add a 'Clients' sheet.",
    "client_particulier_civilite": "{count} client(s) whose name starts with a civility "
                                   "({names:quoted}) are read as individuals: no 40 € "
                                   "fixed indemnity (for professionals only), a softer tone.",
    "client_particulier_civilite.hint": "If it is a company, say so in a 'Type' column of the "
                                        "Clients sheet ('Société').",
    "client_en_titre": "{count} client name(s) written alone on a row above invoices whose "
                       "client cell is empty ({names:quoted}): suivi reads each as the client "
                       "of the invoices below it, up to the next name.",
    "client_en_titre.hint": "If an invoice is another client's, type its client on its row: "
                            "it wins over the name above.",
    "reglement_colonnes": "Columns {headers:quoted} each hold a part of what was paid (a "
                          "deposit, an instalment): suivi adds them up for each invoice's "
                          "amount paid.",
    "reglement_colonnes.hint": "If one of them already counts the others (a total), rename "
                               "the others without « reçu », « versé » or « réglé » (for "
                               "instance « Acompte (pour mémoire) »): suivi will read the "
                               "total only.",
    "avoir_colonne": "Columns {headers:quoted} give the amount of a credit note on the "
                     "invoice's row: suivi takes it off what the invoice owes.",
    "avoir_colonne.hint": "If the credit note also has its own row (a negative amount, its "
                          "original invoice), suivi deducts it once.",
    "avoir_deja_en_ligne": "Invoice {invoice}: the {amount:money} credit note noted on its row "
                           "is also a credit note row of the sheet (which corrects it): suivi "
                           "deducts it once.",
    "avoir_deja_en_ligne.hint": "Nothing to do if it is the same credit note. If there are "
                                "two, the second needs its own row.",
    "avoir_sans_montant": "Invoice {invoice}: a credit note is noted on its row ('{value}') "
                          "without its amount, and no credit note row of the sheet corrects "
                          "it: what it still owes is not known, so it is not dunned.",
    "avoir_sans_montant.hint": "Enter the credit note on its own row (a negative amount, "
                               "'Facture d'origine' {invoice}), or its amount in a 'Montant "
                               "avoir' column.",
}
