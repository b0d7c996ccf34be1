"""Running in production: several entities, the log beside the workbook, the alert e-mail to
the team, and the « Relances à envoyer » review sheet (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    # several entities (suivi.cli.entities)
    "entities.title": "Entité : {entity}",
    "entities.none_found": "aucune entité dans « {folder} » : aucun dossier n'y contient de "
                           "{config}, ni de {workbook}. Indiquez le dossier d'une entité (où "
                           "sont le classeur et {config}), ou un dossier qui en contient.",
    "entities.none_found.others": "aucune entité dans « {folder} » : aucun dossier n'y "
                                  "contient de {config}, ni de {workbook}, mais il contient "
                                  "{files:quoted}. Pour suivre un classeur, passez-le en "
                                  "argument (suivi run \"{first}\"), ou créez {config} avec, "
                                  "dans la section [classeur] : fichier = \"{first}\".",
    "entities.config_with_folder": "--config désigne la configuration d'un seul classeur : "
                                   "avec un dossier (« {folder} »), chaque entité utilise le "
                                   "suivi.toml de son dossier. Retirez --config.",
    "entities.all_and_id": "--tous et --id ne vont pas ensemble : choisissez l'un ou l'autre.",
    "entities.summary_title": "Résumé ({count} entités)",
    "entities.col_entity": "Entité",
    "entities.col_code": "Code",
    "entities.col_done": "Fait",
    "entities.col_problem": "Premier problème",
    "entities.quiet_line": "{entity} : code {exit} — {problem}",
    "entities.retry_at": "Classeur occupé ({entities}) : nouvel essai à {time}, jusqu'à {until} "
                         "au plus tard (--attendre).",
    "entities.done_run": "{numbered} numérotée(s), {rendered} PDF, {drafted} brouillon(s), "
                         "{sent} envoyée(s), {pending} relance(s) en attente",
    "entities.done_remind": "{drafted} brouillon(s), {pending} relance(s) en attente",
    "entities.done_send": "{sent} envoyée(s), {held} retenue(s), {failed} en échec",
    "entities.done_check": "{invoices} factures, {errors} erreur(s), {warnings} "
                           "avertissement(s)",
    "entities.done_bank": "{statements} relevé(s), {applied} paiement(s) enregistré(s), "
                          "{review} opération(s) à vérifier",
    "entities.done_kpi": "encours {receivables:money}, échu {overdue:money} ({late} "
                         "facture(s) en retard)",
    # the log beside the workbook (suivi.cli.runlog, suivi.pipeline.engine)
    "log.start": "début de « suivi {command} » sur {workbook} (suivi {version}, {who}, jour "
                 "{day:date})",
    "log.step": "étape {step} : {seconds:num} s",
    "log.stopped": "arrêt à l'étape {step}",
    "log.problem": "{problem}",
    "log.issue": "{where} : {problem}",
    "log.issue_hint": "{where} : {problem} — à faire : {hint}",
    "log.more_problems": "… et {count} autre(s) problème(s) : « suivi check » les montre tous.",
    "log.warnings": "{count} avertissement(s) : « suivi check » les montre.",
    "log.done": "fait : {done}",
    "log.retry": "nouvel essai n° {attempt} : le classeur était occupé",
    "log.busy_wait": "classeur occupé : suivi réessaie toutes les {every} jusqu'à {until} au plus "
                     "tard (--attendre)",
    "log.busy_gave_up": "toujours occupé après {wait} d'attente : rien n'a été fait "
                        "aujourd'hui ; fermez le classeur et relancez suivi",
    "log.end": "fin : code {code} ({meaning}) en {seconds:num} s",
    "log.code_ok": "tout va bien",
    "log.code_problems": "problèmes trouvés ou actions en échec",
    "log.code_unusable": "classeur ou configuration inutilisable",
    "log.code_busy": "classeur ouvert ailleurs ou autre exécution en cours",
    # the alert to the team (suivi.mail.alert)
    "alert.subject": "suivi — {workbook} : l'exécution du {day:date} s'est terminée avec le "
                     "code {code} ({meaning})",
    "alert.intro": "Bonjour,\n\nL'exécution planifiée de suivi sur « {workbook} » le "
                   "{day:date} s'est terminée avec le code {code} : {meaning}.",
    "alert.problems": "Problèmes ({count}) :",
    "alert.todo": "À faire : {hint}",
    "alert.more": "… et {count} autre(s) : lancez « suivi check » dans le dossier du classeur "
                  "pour tout voir.",
    "alert.log": "Le journal complet : {log}",
    "alert.digest": "Le résumé des relances du jour :",
    "alert.footer": "Message envoyé par suivi parce que [relances] alerte_equipe = true dans "
                    "suivi.toml.",
    "alert.no_sender": "alerte à l'équipe non envoyée : aucune adresse d'expéditeur ([smtp] "
                       "expediteur ou [vendeur] email).",
    "alert.failed": "alerte à l'équipe non envoyée : {detail}",
    "alert.sent": "alerte envoyée à l'équipe ({team:list})",
    # the review sheet (suivi.workbook.read.review, suivi.pipeline.steps)
    "review.no_header": "Feuille « {sheet} » : ligne d'en-têtes (« Identifiant », "
                        "« Envoyer ») introuvable ; ses choix sont ignorés.",
    "review.no_header.hint": "Laissez suivi réécrire la feuille : supprimez-la, puis lancez "
                             "« suivi remind » ou « suivi run ».",
    "review.bad_choice": "« Envoyer » vaut « {value} » : suivi attend Oui ou Non ; la relance "
                         "est gardée en attente.",
    "review.bad_choice.hint": "Choisissez Oui ou Non dans la liste de la cellule.",
    "review.recipient_edited": "Relance {id} : le destinataire a été changé dans la feuille "
                               "(« {typed} ») ; elle n'est pas envoyée, car suivi n'envoie "
                               "qu'à l'adresse que le classeur donne au client.",
    "review.recipient_edited.hint": "Corrigez l'adresse du client (feuille Clients, ou colonne "
                                    "e-mail des factures) : la relance sera refaite pour elle "
                                    "au prochain passage. Pour l'envoyer telle quelle, remettez "
                                    "l'adresse d'origine.",
    "review.conflicting_choice": "la relance {id} figure aussi en {first} avec un autre choix : "
                                 "elle est gardée en attente.",
    "review.conflicting_choice.hint": "Gardez une seule ligne par relance (supprimez la ligne "
                                      "copiée), choisissez Oui ou Non, puis relancez.",
    "review.no_sheet": "la feuille « {sheet} » est absente du classeur : rien n'a été envoyé. "
                       "Elle y est ajoutée avec les {count} relance(s) en attente : choisissez "
                       "Oui ou Non dans sa colonne « Envoyer », puis relancez « suivi send » "
                       "(ou « suivi send --tous » pour toutes les envoyer).",
    "review.held": "{count} relance(s) marquée(s) Non dans « {sheet} » : retenue(s), elles "
                   "restent en attente.",
    "review.gone": "{count} ligne(s) de « {sheet} » ne sont plus en attente (déjà envoyées, "
                   "annulées ou remplacées) : ignorées.",
    "review.none_approved": "aucune relance marquée Oui dans « {sheet} » : rien n'a été "
                            "envoyé.",
}

EN: dict[str, str] = {
    "entities.title": "Entity: {entity}",
    "entities.none_found": "no entity in '{folder}': no folder in it holds {config} or "
                           "{workbook}. Give an entity's folder (where the workbook and "
                           "{config} are), or a folder that holds some.",
    "entities.none_found.others": "no entity in '{folder}': no folder in it holds {config} "
                                  "or {workbook}, but it holds {files:quoted}. To follow a "
                                  "workbook, give it as an argument (suivi run \"{first}\"), "
                                  "or create {config} with, in section [classeur]: fichier = "
                                  "\"{first}\".",
    "entities.config_with_folder": "--config names the configuration of one workbook: with a "
                                   "folder ('{folder}'), each entity uses the suivi.toml of "
                                   "its folder. Remove --config.",
    "entities.all_and_id": "--tous and --id do not go together: choose one.",
    "entities.summary_title": "Summary ({count} entities)",
    "entities.col_entity": "Entity",
    "entities.col_code": "Code",
    "entities.col_done": "Done",
    "entities.col_problem": "First problem",
    "entities.quiet_line": "{entity}: code {exit} — {problem}",
    "entities.retry_at": "Workbook busy ({entities}): trying again at {time}, until {until} at "
                         "the latest (--attendre).",
    "entities.done_run": "{numbered} numbered, {rendered} PDF, {drafted} draft(s), {sent} "
                         "sent, {pending} reminder(s) waiting",
    "entities.done_remind": "{drafted} draft(s), {pending} reminder(s) waiting",
    "entities.done_send": "{sent} sent, {held} held, {failed} failed",
    "entities.done_check": "{invoices} invoices, {errors} error(s), {warnings} warning(s)",
    "entities.done_bank": "{statements} statement(s), {applied} payment(s) recorded, {review} "
                          "transaction(s) to check",
    "entities.done_kpi": "receivables {receivables:money}, overdue {overdue:money} ({late} "
                         "late invoice(s))",
    "log.start": "start of 'suivi {command}' on {workbook} (suivi {version}, {who}, day "
                 "{day:date})",
    "log.step": "step {step}: {seconds:num} s",
    "log.stopped": "stopped at step {step}",
    "log.problem": "{problem}",
    "log.issue": "{where}: {problem}",
    "log.issue_hint": "{where}: {problem} — to do: {hint}",
    "log.more_problems": "… and {count} more problem(s): 'suivi check' shows them all.",
    "log.warnings": "{count} warning(s): 'suivi check' shows them.",
    "log.done": "done: {done}",
    "log.retry": "attempt {attempt}: the workbook was busy",
    "log.busy_wait": "workbook busy: suivi tries again every {every} until {until} at the latest "
                     "(--attendre)",
    "log.busy_gave_up": "still busy after waiting {wait}: nothing was done today; close the "
                        "workbook and run suivi again",
    "log.end": "end: code {code} ({meaning}) in {seconds:num} s",
    "log.code_ok": "all is well",
    "log.code_problems": "problems found or actions failed",
    "log.code_unusable": "workbook or configuration unusable",
    "log.code_busy": "workbook open elsewhere or another run in progress",
    "alert.subject": "suivi — {workbook}: the run of {day:date} ended with code {code} "
                     "({meaning})",
    "alert.intro": "Hello,\n\nThe scheduled run of suivi on '{workbook}' on {day:date} ended "
                   "with code {code}: {meaning}.",
    "alert.problems": "Problems ({count}):",
    "alert.todo": "To do: {hint}",
    "alert.more": "… and {count} more: run 'suivi check' in the workbook's folder to see them "
                  "all.",
    "alert.log": "The full log: {log}",
    "alert.digest": "Today's reminder digest:",
    "alert.footer": "Sent by suivi because [relances] alerte_equipe = true in suivi.toml.",
    "alert.no_sender": "alert to the team not sent: no sender address ([smtp] expediteur or "
                       "[vendeur] email).",
    "alert.failed": "alert to the team not sent: {detail}",
    "alert.sent": "alert sent to the team ({team:list})",
    "review.no_header": "Sheet '{sheet}': header row ('Identifiant', 'Envoyer') not found; its "
                        "choices are ignored.",
    "review.no_header.hint": "Let suivi write the sheet again: delete it, then run 'suivi "
                             "remind' or 'suivi run'.",
    "review.bad_choice": "'Envoyer' is '{value}': suivi expects Oui or Non; the reminder is "
                         "kept waiting.",
    "review.bad_choice.hint": "Choose Oui or Non from the cell's list.",
    "review.recipient_edited": "Reminder {id}: the recipient was changed in the sheet "
                               "('{typed}'); it is not sent, as suivi only sends to the address "
                               "the workbook gives the client.",
    "review.recipient_edited.hint": "Mend the client's address (Clients sheet, or the invoices' "
                                    "e-mail column): the reminder is drafted again for it at the "
                                    "next run. To send it as it is, put the first address back.",
    "review.conflicting_choice": "reminder {id} is also in {first} with another choice: it is "
                                 "kept waiting.",
    "review.conflicting_choice.hint": "Keep one row per reminder (delete the copied row), "
                                      "choose Oui or Non, then run again.",
    "review.no_sheet": "the sheet '{sheet}' is missing from the workbook: nothing was sent. It "
                       "is added with the {count} reminder(s) waiting: choose Oui or Non in "
                       "its 'Envoyer' column, then run 'suivi send' again (or 'suivi send "
                       "--tous' to send them all).",
    "review.held": "{count} reminder(s) marked Non in '{sheet}': held, still waiting.",
    "review.gone": "{count} row(s) of '{sheet}' no longer wait (already sent, cancelled or "
                   "replaced): ignored.",
    "review.none_approved": "no reminder marked Oui in '{sheet}': nothing was sent.",
}
