"""What the command line says (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    "run.unchanged": "Rien n'a changé depuis le passage de {at} aujourd'hui (classeur, "
                     "configuration, journaux, relevés) : rien à faire. Le résumé de ce passage "
                     "est dans le dossier des relances du jour.",
    "run.day_back": "Passage pour le {today:date}, antérieur au {last:date} (dernier jour pour "
                    "lequel suivi a écrit le classeur) : les statuts et les indicateurs sont "
                    "écrits à la date du {today:date}.",
    "run.day_before_last": "le {today:date} est antérieur de plus de {days} jours au "
                           "{last:date}, dernier jour pour lequel suivi a écrit le classeur : "
                           "l'horloge de cet ordinateur est-elle juste (ou --date mal tapée) ? "
                           "Rien n'a été fait, pour ne pas récrire les statuts, les relances et "
                           "les indicateurs à une date passée. Pour voir ce jour-là sans rien "
                           "écrire : --dry-run. Si c'est le {last:date} qui était faux, "
                           "supprimez {file}.",
    "run.hold_clock": "Relances retenues : l'ordinateur indique le {today:date}, {gap} jours "
                      "après le dernier passage ({last:date}), plus de {days}. Si son horloge "
                      "est fausse, corrigez-la : rien ne part d'ici là. Si la date est juste, "
                      "saisissez d'abord les paiements reçus entre-temps, puis lancez « suivi "
                      "run --date {iso} » (ou supprimez {file}).",
    "retention.removed": "{count} fichier(s) ou dossier(s) ancien(s) supprimé(s) ([conservation]).",
    "retention.would_remove": "{count} fichier(s) ou dossier(s) ancien(s) seraient supprimé(s) "
                              "([conservation]).",
    "retention.path": "  - {path}",
    "retention.kept_pending": "{count} dossier(s) de relances anciens gardés : ils contiennent "
                              "un brouillon en attente, refusé ou à vérifier ({folders:list}).",
    "cli.error_line": "Erreur : {problem}",
    "cli.interrupted": "interrompu par l'utilisateur.",
    "cli.unexpected": "erreur inattendue ({kind} : {detail}). Les détails sont dans « {log} » : "
                      "joignez ce fichier à votre demande d'aide.",
    "cli.no_crash_log": "(journal d'erreur impossible à écrire)",
    "cli.date_format": "« {value} » : utilisez le format AAAA-MM-JJ, par exemple 2026-11-25.",
    "cli.date_invalid": "« {value} » n'est pas une date qui existe (le format AAAA-MM-JJ est "
                        "bon, mais ce jour n'existe pas dans le calendrier).",
    "cli.exists": "« {path} » existe déjà : suivi ne l'écrase pas. Choisissez un autre "
                  "dossier, ou déplacez ce fichier.",
    "cli.init_done": "Classeur créé : {workbook}\nConfiguration : {config}\nEnsuite : "
                     "renseignez la section [vendeur] de suivi.toml, saisissez vos clients et "
                     "factures, puis lancez « suivi check » et « suivi run » dans ce dossier.",
    "cli.no_problem": "Aucun problème trouvé.",
    "cli.problems_title": "Problèmes trouvés",
    "cli.col_cell": "Cellule",
    "cli.col_severity": "Gravité",
    "cli.col_problem": "Problème",
    "cli.col_todo": "À faire",
    "cli.severity_blocking": "bloquant",
    "cli.severity_error": "erreur",
    "cli.severity_warning": "attention",
    "cli.more_issues": "… et {count} autre(s) : utilisez --json (ou --verbose) pour tout voir.",
    "cli.check_header": "{file} — feuille « {sheet} », en-têtes en ligne {row}, {columns} "
                        "colonnes reconnues, {invoices} factures, {clients} clients.",
    "cli.check_header.sisters": "{file} — feuille « {sheet} » et {others:quoted}, en-têtes "
                                "en ligne {row}, {columns} colonnes reconnues, {invoices} "
                                "factures, {clients} clients.",
    "cli.check_summary": "{errors} erreur(s), {warnings} avertissement(s).",
    "cli.blocked": "Problème bloquant : rien n'a été numéroté, produit, envoyé ni écrit. "
                   "Corrigez-le, puis relancez.",
    "api.kpi_blocked": "Indicateurs non calculés : {problem} Tant qu'une colonne obligatoire "
                       "manque, ils seraient faux (des encours à zéro, par exemple).",
    "cli.kpi_blocked": "Indicateurs non calculés : tant qu'une colonne obligatoire manque, "
                       "ils seraient faux (des encours à zéro, par exemple). Corrigez "
                       "l'en-tête ou indiquez la colonne dans suivi.toml, puis relancez.",
    "cli.run_title": "suivi — {day:date}",
    "cli.dry_run_notice": "Simulation (--dry-run) : rien n'a été écrit ni envoyé.",
    "cli.statuses_title": "Factures par statut",
    "cli.col_status": "Statut",
    "cli.col_count": "Nombre",
    "cli.col_total": "Montant TTC",
    "cli.overdue_title": "Factures en retard ({count})",
    "cli.col_number": "N°",
    "cli.col_client": "Client",
    "cli.col_due_date": "Échéance",
    "cli.col_late": "Retard",
    "cli.col_balance": "Reste dû",
    "cli.days": "{days} j",
    "cli.more_lines": "… et {count} autre(s) (--verbose pour tout afficher).",
    "cli.more_lines_digest": "  … et {count} autre(s) : voir a_faire.html du jour (ou "
                             "--verbose).",
    "cli.total_overdue": "Total échu : {amount:money}",
    "cli.bullet": "• {line}",
    "cli.failure": "✗ {line}",
    "cli.workbook_updated": "Classeur mis à jour : {path}",
    "cli.no_invoice": "Aucune facture à produire.",
    "cli.nothing_pending": "Aucun brouillon en attente d'envoi.",
    "cli.confirm_and_resend": "un même envoi ne peut être à la fois --confirme et --renvoie.",
    "cli.bank_statements_one_entity": "des relevés nommés vont dans un seul classeur : "
                                      "indiquez un classeur (ou aucun, celui de suivi.toml), "
                                      "pas un dossier ni plusieurs classeurs. Pour plusieurs "
                                      "entités, déposez chaque relevé dans le dossier des "
                                      "relevés de son entité (« releves » par défaut) et lancez "
                                      "« suivi bank DOSSIER » sans nommer de relevé.",
    "cli.demo_ready": "Démonstration prête",
    "cli.demo_day": "Jour de démonstration : {day:date} (dernier jour ouvré).",
    "cli.demo_paths": "Dossier : {folder}\nClasseur : {workbook}\nConfiguration : {config}",
    "cli.demo_pdfs": "Factures PDF : {path}",
    "cli.demo_reminders": "Relances : {path}",
    "cli.demo_next": "Ouvrez le classeur dans Excel ou LibreOffice, puis relancez « suivi run » "
                     "dans ce dossier : rien ne sera envoyé deux fois.",
}

EN: dict[str, str] = {
    "run.unchanged": "Nothing changed since today's run at {at} (workbook, configuration, "
                     "journals, statements): nothing to do. That run's summary is in today's "
                     "reminders folder.",
    "run.day_back": "Run for {today:date}, before {last:date} (the last day suivi wrote the "
                    "workbook for): statuses and indicators are written as of {today:date}.",
    "run.day_before_last": "{today:date} comes more than {days} days before {last:date}, the "
                           "last day suivi wrote the workbook for: is this computer's clock "
                           "right (or --date mistyped)? Nothing was done, so as not to "
                           "rewrite statuses, reminders and indicators as of a past day. To "
                           "see that day without writing: --dry-run. If {last:date} was the "
                           "wrong one, delete {file}.",
    "run.hold_clock": "Reminders held back: the computer says {today:date}, {gap} days "
                      "after the last run ({last:date}), more than {days}. If its clock is "
                      "wrong, fix it: nothing goes out until then. If the date is right, first "
                      "type the payments received meanwhile, then run 'suivi run --date "
                      "{iso}' (or delete {file}).",
    "retention.removed": "{count} old file(s) or folder(s) removed ([conservation]).",
    "retention.would_remove": "{count} old file(s) or folder(s) would be removed "
                              "([conservation]).",
    "retention.path": "  - {path}",
    "retention.kept_pending": "{count} old reminder folder(s) kept: they hold a draft pending, "
                              "refused or to check ({folders:list}).",
    "cli.error_line": "Error: {problem}",
    "cli.interrupted": "interrupted by the user.",
    "cli.unexpected": "unexpected error ({kind}: {detail}). Details are in '{log}': attach this "
                      "file to your request for help.",
    "cli.no_crash_log": "(the error log could not be written)",
    "cli.date_format": "'{value}': use the YYYY-MM-DD format, for example 2026-11-25.",
    "cli.date_invalid": "'{value}' is not a day that exists (the YYYY-MM-DD format is right, "
                        "but the calendar has no such day).",
    "cli.exists": "'{path}' already exists: suivi does not overwrite it. Choose another folder, "
                  "or move the file.",
    "cli.init_done": "Workbook created: {workbook}\nConfiguration: {config}\nNext: fill in "
                     "[vendeur] in suivi.toml, enter clients and invoices, then run 'suivi "
                     "check' and 'suivi run' in this folder.",
    "cli.no_problem": "No problem found.",
    "cli.problems_title": "Problems found",
    "cli.col_cell": "Cell",
    "cli.col_severity": "Severity",
    "cli.col_problem": "Problem",
    "cli.col_todo": "What to do",
    "cli.severity_blocking": "blocking",
    "cli.severity_error": "error",
    "cli.severity_warning": "warning",
    "cli.more_issues": "… and {count} more: use --json (or --verbose) to see all.",
    "cli.check_header": "{file} — sheet '{sheet}', headers on row {row}, {columns} columns "
                        "recognised, {invoices} invoices, {clients} clients.",
    "cli.check_header.sisters": "{file} — sheet '{sheet}' and {others:quoted}, headers on "
                                "row {row}, {columns} columns recognised, {invoices} invoices, "
                                "{clients} clients.",
    "cli.check_summary": "{errors} error(s), {warnings} warning(s).",
    "cli.blocked": "Blocking problem: nothing was numbered, produced, sent or written. Fix it, "
                   "then run again.",
    "api.kpi_blocked": "Indicators not computed: {problem} While a required column is "
                       "missing they would be wrong (zero receivables, for instance).",
    "cli.kpi_blocked": "Indicators not computed: while a required column is missing they "
                       "would be wrong (receivables of zero, for instance). Fix the header "
                       "or name the column in suivi.toml, then run again.",
    "cli.run_title": "suivi — {day:date}",
    "cli.dry_run_notice": "Dry run (--dry-run): nothing was written or sent.",
    "cli.statuses_title": "Invoices by status",
    "cli.col_status": "Status",
    "cli.col_count": "Count",
    "cli.col_total": "Amount incl. VAT",
    "cli.overdue_title": "Overdue invoices ({count})",
    "cli.col_number": "No.",
    "cli.col_client": "Client",
    "cli.col_due_date": "Due",
    "cli.col_late": "Late",
    "cli.col_balance": "Due amount",
    "cli.days": "{days} d",
    "cli.more_lines": "… and {count} more (--verbose to show all).",
    "cli.more_lines_digest": "  … and {count} more: see the day's a_faire.html (or --verbose).",
    "cli.total_overdue": "Total overdue: {amount:money}",
    "cli.bullet": "• {line}",
    "cli.failure": "✗ {line}",
    "cli.workbook_updated": "Workbook updated: {path}",
    "cli.no_invoice": "No invoice to produce.",
    "cli.nothing_pending": "No draft waiting to be sent.",
    "cli.confirm_and_resend": "a message cannot be both --confirme and --renvoie.",
    "cli.bank_statements_one_entity": "statements named go into one workbook: give one "
                                      "workbook (or none, the one of suivi.toml), not a folder "
                                      "or several workbooks. For several entities, put each "
                                      "statement in its entity's statement folder (« releves » "
                                      "by default) and run 'suivi bank FOLDER' without naming "
                                      "a statement.",
    "cli.demo_ready": "Demo ready",
    "cli.demo_day": "Demo day: {day:date} (last business day).",
    "cli.demo_paths": "Folder: {folder}\nWorkbook: {workbook}\nConfiguration: {config}",
    "cli.demo_pdfs": "Invoice PDFs: {path}",
    "cli.demo_reminders": "Reminders: {path}",
    "cli.demo_next": "Open the workbook in Excel or LibreOffice, then run 'suivi run' in this "
                     "folder again: nothing is sent twice.",
}
