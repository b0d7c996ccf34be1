"""Messages about the workbook file itself: opening, limits, locks, writing (French, then
English). Each names the file and says what to do."""
from __future__ import annotations

FR: dict[str, str] = {
    "workbook.error": "Le classeur ne peut pas être utilisé.",
    "workbook.not_found": "Le fichier « {path} » est introuvable. Vérifiez le chemin (ou le "
                          "paramètre « fichier » de la section [classeur] de suivi.toml) puis "
                          "relancez.",
    "workbook.not_found.others": "Le fichier « {path} » est introuvable. Ce dossier contient "
                                 "{files:quoted} : indiquez votre classeur, en argument "
                                 "(suivi run \"{first}\") ou dans suivi.toml (section "
                                 "[classeur] : fichier = \"{first}\"), puis relancez.",
    "workbook.is_folder": "« {path} » est un dossier, pas un classeur. Indiquez le fichier .xlsx.",
    "workbook.old_xls": "« {file} » est au format Excel 97-2003 (.xls), que suivi ne lit pas. "
                        "Ouvrez-le dans Excel, enregistrez-le au format .xlsx (ou .xlsm s'il "
                        "contient des macros), puis relancez.",
    "workbook.encrypted": "« {file} » est protégé par un mot de passe (classeur chiffré) : "
                          "suivi ne peut ni le lire ni l'écrire. Retirez le mot de passe dans "
                          "Excel (Fichier > Informations > Protéger le classeur > Chiffrer avec "
                          "mot de passe, videz le champ), enregistrez, puis relancez.",
    "workbook.not_a_workbook": "« {file} » n'est pas un classeur Excel (.xlsx ou .xlsm). "
                               "Vérifiez que vous avez choisi le bon fichier.",
    "workbook.damaged": "« {file} » est un classeur endommagé (archive illisible). Ouvrez-le "
                        "dans Excel, enregistrez-le à nouveau, ou reprenez la dernière "
                        "sauvegarde (.suivi/sauvegardes).",
    "workbook.dtd": "« {file} » contient une déclaration DTD (<!DOCTYPE>) dans « {part} », ce que "
                    "le format .xlsx interdit et qu'Excel refuse : le fichier a été modifié par "
                    "un autre outil, peut-être malveillant. suivi ne l'ouvre pas. Reprenez la "
                    "dernière sauvegarde (.suivi/sauvegardes) ou enregistrez-le à nouveau depuis "
                    "Excel.",
    "workbook.xlsb": "« {file} » est un classeur binaire (.xlsb), que suivi ne lit pas. "
                     "Enregistrez-le au format .xlsx dans Excel, puis relancez.",
    "workbook.ods": "« {file} » est un classeur OpenDocument (.ods, LibreOffice ou OpenOffice), "
                    "que suivi ne lit pas. Ouvrez-le dans LibreOffice, Fichier > Enregistrer "
                    "sous, type « Classeur Excel 2007-365 (.xlsx) », indiquez ce fichier .xlsx "
                    "dans suivi.toml ([classeur] fichier), puis relancez.",
    "workbook.too_large": "Le classeur dépasse les limites de suivi.",
    "workbook.part_too_large": "« {file} » : la partie {part} occuperait {size} Mo une fois "
                               "décompressée (limite {limit} Mo). suivi refuse de l'ouvrir : "
                               "un tel classeur est endommagé ou piégé. Vérifiez le fichier ; "
                               "s'il est sain mais très grand (des centaines de milliers de "
                               "lignes), relevez la limite dans suivi.toml : [classeur] "
                               "taille_max_mo = {suggested}.",
    "workbook.inflation": "« {file} » : la partie {part} se décompresse {ratio} fois (limite "
                          "{limit}), signe d'un fichier piégé (« bombe zip »). suivi refuse de "
                          "l'ouvrir. Vérifiez l'origine du fichier.",
    "workbook.calamine": "« {file} » n'a pas pu être lu comme un classeur Excel ({reason}). "
                         "Ouvrez-le dans Excel et enregistrez-le à nouveau au format .xlsx.",
    "workbook.date_out_of_range": "La feuille « {sheet} » contient, dans une cellule au format "
                                  "date, un nombre qui n'est aucune date possible (bien avant "
                                  "1900 ou après 9999) : {cells:list}. Corrigez la valeur ou "
                                  "le format de la cellule, enregistrez, puis relancez.",
    "workbook.sheet_unreadable": "La feuille « {sheet} » ne peut pas être lue ({reason}). "
                                 "Ouvrez le classeur dans Excel et enregistrez-le à nouveau.",
    "workbook.too_many_rows": "La feuille « {sheet} » a {rows:num} lignes, plus qu'Excel n'en "
                              "permet ({limit:num}) : le fichier est endommagé.",
    "workbook.too_many_columns": "La feuille « {sheet} » a {columns:num} colonnes, plus "
                                 "qu'Excel n'en permet ({limit:num}) : le fichier est "
                                 "endommagé.",
    "workbook.area_too_large": "La feuille « {sheet} » a une valeur en {cell}, loin du tableau : "
                               "suivi devrait lire {rows:num} lignes sur {columns:num} "
                               "colonnes. Videz cette cellule (Ctrl+Fin dans Excel montre la "
                               "dernière cellule utilisée), enregistrez, puis relancez.",
    "workbook.unreadable": "Les factures du classeur sont introuvables.",
    "workbook.no_sheet": "« {file} » ne contient aucune feuille de calcul. Vérifiez le fichier.",
    "workbook.empty_sheet": "La feuille « {sheet} » de « {file} » est vide. Ajoutez vos "
                            "factures (une ligne par facture, avec une ligne d'en-têtes) ou "
                            "créez un classeur modèle avec « suivi init ».",
    "workbook.header_not_found": "Aucune ligne d'en-têtes reconnue dans les {scan} premières "
                                 "lignes de la feuille « {sheet} » de « {file} ». Ajoutez des "
                                 "en-têtes comme « N° facture », « Client », « Date facture », "
                                 "« Montant TTC », « Échéance », ou indiquez les colonnes dans "
                                 "suivi.toml (section [classeur.colonnes]).",
    "workbook.configured_sheet_missing": "La feuille « {sheet} » (indiquée dans suivi.toml, "
                                         "[classeur] feuille) n'existe pas dans « {file} ». "
                                         "Feuilles présentes : {sheets:list}. Corrigez le "
                                         "paramètre « feuille ».",
    "workbook.no_invoice_sheet": "« {file} » n'a pas de feuille des factures : ses feuilles "
                                 "({sheets:list}) sont toutes des feuilles connues (Clients, "
                                 "Paiements, Journal…). Rien n'a été fait. Rétablissez la "
                                 "feuille Factures (ou reprenez la dernière sauvegarde de "
                                 ".suivi/sauvegardes), ou indiquez-la dans suivi.toml "
                                 "([classeur] feuille).",
    "workbook.open_by": "Le classeur « {file} » est ouvert par {owner} (Excel ou LibreOffice) : "
                        "suivi ne peut pas l'écrire sans risquer de perdre ses modifications. "
                        "Demandez-lui de fermer le classeur, puis relancez suivi. Si personne "
                        "ne l'a ouvert, supprimez le fichier « ~${file} » ou "
                        "« .~lock.{file}# » resté dans le dossier {folder}.",
    "workbook.open_by_unknown": "Le classeur « {file} » est ouvert par un utilisateur inconnu "
                                "(Excel ou LibreOffice) : suivi ne peut pas l'écrire sans "
                                "risquer de perdre ses modifications. Fermez le classeur, puis "
                                "relancez suivi. Si personne ne l'a ouvert, supprimez le "
                                "fichier « ~${file} » ou « .~lock.{file}# » resté dans le "
                                "dossier {folder}.",
    "workbook.busy": "Le classeur est occupé (ouvert ailleurs ou autre exécution en cours).",
    "workbook.locked": "Une autre exécution de suivi utilise déjà le classeur « {file} » "
                       "(verrou {lock}) depuis plus de {seconds:num} s ; réessayez dans "
                       "quelques minutes.",
    "workbook.write_error": "Le classeur n'a pas pu être écrit.",
    "workbook.replace_refused": "Le classeur « {file} » est verrouillé par un autre programme "
                                "(Excel, un antivirus, une synchronisation…) : suivi n'a pas pu "
                                "le remplacer. Fermez le classeur puis relancez suivi.",
    "workbook.read_only_folder": "Le dossier {folder} du classeur « {file} » n'est pas "
                                 "accessible en écriture : suivi ne peut pas y remplacer le "
                                 "classeur. Demandez les droits d'écriture, puis relancez.",
    "workbook.read_only_session": "« {file} » a été ouvert en lecture seule : rien n'est écrit.",
    "workbook.changed": "Le classeur « {file} » a été modifié depuis sa lecture par suivi "
                        "(quelqu'un l'a enregistré entre-temps) : rien n'a été écrit. Relancez "
                        "suivi pour repartir de la version actuelle.",
    "workbook.protected_sheet": "Une feuille à modifier est protégée.",
    "workbook.sheet_format": "Une feuille ne peut pas être modifiée sans risque.",
}

EN: dict[str, str] = {
    "workbook.error": "The workbook cannot be used.",
    "workbook.not_found": "File '{path}' not found. Check the path (or the 'fichier' key of the "
                          "[classeur] section of suivi.toml), then run again.",
    "workbook.not_found.others": "File '{path}' not found. This folder holds {files:quoted}: "
                                 "name your workbook, as an argument (suivi run \"{first}\") "
                                 "or in suivi.toml (section [classeur]: fichier = "
                                 "\"{first}\"), then run again.",
    "workbook.is_folder": "'{path}' is a folder, not a workbook. Give the .xlsx file.",
    "workbook.old_xls": "'{file}' is in the Excel 97-2003 format (.xls), which suivi does not "
                        "read. Open it in Excel, save it as .xlsx (or .xlsm if it has macros), "
                        "then run again.",
    "workbook.encrypted": "'{file}' is password-protected (encrypted): suivi can neither read "
                          "nor write it. Remove the password in Excel (File > Info > Protect "
                          "Workbook > Encrypt with Password, clear the field), save, then run "
                          "again.",
    "workbook.not_a_workbook": "'{file}' is not an Excel workbook (.xlsx or .xlsm). Check that "
                               "you chose the right file.",
    "workbook.damaged": "'{file}' is a damaged workbook (unreadable archive). Open it in Excel "
                        "and save it again, or take the last backup (.suivi/sauvegardes).",
    "workbook.dtd": "'{file}' holds a DTD declaration (<!DOCTYPE>) in '{part}', which the .xlsx "
                    "format forbids and Excel refuses: the file was changed by another tool, "
                    "perhaps a malicious one. suivi does not open it. Take the last backup "
                    "(.suivi/sauvegardes) or save it again from Excel.",
    "workbook.xlsb": "'{file}' is a binary workbook (.xlsb), which suivi does not read. Save it "
                     "as .xlsx in Excel, then run again.",
    "workbook.ods": "'{file}' is an OpenDocument spreadsheet (.ods, LibreOffice or OpenOffice), "
                    "which suivi does not read. Open it in LibreOffice, File > Save As, type "
                    "'Excel 2007-365 (.xlsx)', name that .xlsx file in suivi.toml ([classeur] "
                    "fichier), then run again.",
    "workbook.too_large": "The workbook exceeds suivi's limits.",
    "workbook.part_too_large": "'{file}': part {part} would take {size} MB once decompressed "
                               "(limit {limit} MB). suivi refuses to open it: such a workbook "
                               "is damaged or booby-trapped. Check the file; if it is sound "
                               "but very large (hundreds of thousands of rows), raise the "
                               "limit in suivi.toml: [classeur] taille_max_mo = {suggested}.",
    "workbook.inflation": "'{file}': part {part} decompresses {ratio} times (limit {limit}), "
                          "the sign of a booby-trapped file (a 'zip bomb'). suivi refuses to "
                          "open it. Check where the file comes from.",
    "workbook.calamine": "'{file}' could not be read as an Excel workbook ({reason}). Open it in "
                         "Excel and save it again as .xlsx.",
    "workbook.date_out_of_range": "Sheet '{sheet}' holds, in a date-formatted cell, a number "
                                  "that is no possible date (long before 1900 or after 9999): "
                                  "{cells:list}. Fix the value or the cell's format, save, then "
                                  "run again.",
    "workbook.sheet_unreadable": "Sheet '{sheet}' cannot be read ({reason}). Open the workbook "
                                 "in Excel and save it again.",
    "workbook.too_many_rows": "Sheet '{sheet}' has {rows:num} rows, more than Excel allows "
                              "({limit:num}): the file is damaged.",
    "workbook.too_many_columns": "Sheet '{sheet}' has {columns:num} columns, more than Excel "
                                 "allows ({limit:num}): the file is damaged.",
    "workbook.area_too_large": "Sheet '{sheet}' has a value in {cell}, far from the table: suivi "
                               "would have to read {rows:num} rows by {columns:num} columns. "
                               "Clear that cell (Ctrl+End in Excel shows the last cell used), "
                               "save, then run again.",
    "workbook.unreadable": "The workbook's invoices cannot be found.",
    "workbook.no_sheet": "'{file}' holds no worksheet. Check the file.",
    "workbook.empty_sheet": "Sheet '{sheet}' of '{file}' is empty. Add your invoices (one row "
                            "per invoice, with a header row) or create a template workbook with "
                            "'suivi init'.",
    "workbook.header_not_found": "No header row recognised in the first {scan} rows of sheet "
                                 "'{sheet}' of '{file}'. Add headers such as 'N° facture', "
                                 "'Client', 'Date facture', 'Montant TTC', 'Échéance', or name "
                                 "the columns in suivi.toml (section [classeur.colonnes]).",
    "workbook.configured_sheet_missing": "Sheet '{sheet}' (named in suivi.toml, [classeur] "
                                         "feuille) does not exist in '{file}'. Sheets: "
                                         "{sheets:list}. Fix the 'feuille' key.",
    "workbook.no_invoice_sheet": "'{file}' has no invoice sheet: its sheets ({sheets:list}) are "
                                 "all known ones (Clients, Paiements, Journal…). Nothing was "
                                 "done. Restore the Factures sheet (or take the last backup "
                                 "from .suivi/sauvegardes), or name it in suivi.toml "
                                 "([classeur] feuille).",
    "workbook.open_by": "Workbook '{file}' is open by {owner} (Excel or LibreOffice): suivi "
                        "cannot write it without risking their changes. Ask them to close it, "
                        "then run suivi again. If nobody has it open, delete the file "
                        "'~${file}' or '.~lock.{file}#' left in folder {folder}.",
    "workbook.open_by_unknown": "Workbook '{file}' is open by an unknown user (Excel or "
                                "LibreOffice): suivi cannot write it without risking their "
                                "changes. Close it, then run suivi again. If nobody has it open, "
                                "delete the file '~${file}' or '.~lock.{file}#' left in folder "
                                "{folder}.",
    "workbook.busy": "The workbook is busy (open elsewhere or another run in progress).",
    "workbook.locked": "Another suivi run has been using workbook '{file}' (lock {lock}) for "
                       "more than {seconds:num} s; try again in a few minutes.",
    "workbook.write_error": "The workbook could not be written.",
    "workbook.replace_refused": "Workbook '{file}' is locked by another program (Excel, an "
                                "antivirus, a sync tool…): suivi could not replace it. Close "
                                "the workbook, then run suivi again.",
    "workbook.read_only_folder": "Folder {folder} of workbook '{file}' is not writable: suivi "
                                 "cannot replace the workbook there. Ask for write access, then "
                                 "run again.",
    "workbook.read_only_session": "'{file}' was opened read-only: nothing is written.",
    "workbook.changed": "Workbook '{file}' was changed since suivi read it (someone saved it "
                        "meanwhile): nothing was written. Run suivi again to start from the "
                        "current version.",
    "workbook.protected_sheet": "A sheet to change is protected.",
    "workbook.sheet_format": "A sheet cannot be changed safely.",
}
