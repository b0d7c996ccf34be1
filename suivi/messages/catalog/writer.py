"""Messages of the lossless writer (French, then English). Keys are stable codes.

Every error names the file (and the sheet, the cell) and ends with what to do. `{names:«»}`
lists sheet names between guillemets, `{names:''}` between quotes (see `xlsx_markup.SheetNames`).
"""
from __future__ import annotations

_SHEET_FR = "Feuille « {sheet} » de « {file} »"
_SHEET_EN = "Sheet '{sheet}' of '{file}'"

FR: dict[str, str] = {
    # --- the worksheet being patched (xlsx_stream, xlsx_rows, xlsx_sheet) ---
    "writer.sheet_data_missing": _SHEET_FR + " : balise <sheetData> introuvable ; la feuille "
    "semble endommagée. Ouvrez-la dans Excel et enregistrez-la.",
    "writer.sheet_truncated": _SHEET_FR + " : la balise </sheetData> manque ; la feuille semble "
    "tronquée. Ouvrez-la dans Excel et enregistrez-la.",
    "writer.sheet_xml_comments": _SHEET_FR + " : la zone des cellules contient des commentaires "
    "XML ou des sections CDATA, que suivi ne sait pas modifier sans risque. Ouvrez le classeur "
    "dans Excel et enregistrez-le.",
    "writer.array_formula": _SHEET_FR + " : la cellule {cell} fait partie d'une formule "
    "matricielle ({area}) ; suivi ne peut pas en modifier une seule cellule. Déplacez la formule "
    "ou choisissez une autre colonne.",
    "writer.row_unreadable": _SHEET_FR + " : la ligne {row} est illisible. Ouvrez le classeur "
    "dans Excel et enregistrez-le.",
    "writer.invalid_xml": _SHEET_FR + " : le XML produit est invalide ({detail}) ; rien n'a été "
    "écrit. Signalez ce problème avec le classeur.",
    # --- the package (write_package, xlsx_parts, xlsx_edits, xlsx_owned) ---
    "writer.duplicate_parts": "« {file} » contient des parties en double ; ouvrez-le dans Excel "
    "et enregistrez-le, puis relancez suivi.",
    "writer.no_workbook_in_archive": "« {file} » : ce fichier n'est pas un classeur Excel "
    "(.xlsx/.xlsm) : l'archive ne contient pas de classeur.",
    "writer.workbook_part_missing": "« {file} » : ce fichier n'est pas un classeur Excel "
    "(.xlsx/.xlsm) : la partie du classeur est introuvable.",
    "writer.xlsb": "« {file} » est un classeur binaire (.xlsb), que suivi ne sait pas modifier. "
    "Enregistrez-le au format .xlsx dans Excel.",
    "writer.damaged_package": "« {file} » : ce fichier n'est pas un classeur Excel (.xlsx/.xlsm),"
    " ou il est endommagé. Ouvrez-le dans Excel et enregistrez-le.",
    "writer.too_large": "« {file} » dépasse la taille qu'un classeur .xlsx peut avoir (4 Gio) ; "
    "suivi ne l'écrit pas.",
    "writer.output_incomplete": "« {file} » : le fichier produit est incomplet ; rien n'a été "
    "écrit. Signalez ce problème avec le classeur.",
    "writer.sheet_not_found": "La feuille « {sheet} » n'existe pas dans « {file} » (feuilles : "
    "{names:«»}). Vérifiez le nom de la feuille dans suivi.toml.",
    "writer.chart_sheet": "La feuille « {sheet} » de « {file} » est une feuille graphique (ou une "
    "feuille spéciale) : suivi ne peut pas y écrire de cellules. Choisissez une feuille de "
    "calcul.",
    "writer.sheet_part_missing": "La feuille « {sheet} » de « {file} » est introuvable dans le "
    "fichier (classeur endommagé). Ouvrez-le dans Excel et enregistrez-le.",
    "writer.put_not_worksheet": "La feuille « {sheet} » de « {file} » n'est pas une feuille de "
    "calcul : suivi ne peut pas la remplacer. Renommez-la ou supprimez-la.",
    "writer.protected_sheet": "La feuille « {sheet} » de « {file} » est protégée : suivi ne peut "
    "pas y écrire. Ôtez la protection (Révision > Ôter la protection de la feuille), puis "
    "relancez suivi.",
    "writer.table_totals": "Le tableau « {table} » de la feuille « {sheet} » ({file}) a une ligne "
    "de totaux : suivi ne peut pas ajouter de lignes dessous sans la casser. Désactivez la ligne "
    "des totaux (Création de tableau > Ligne des totaux) ou déplacez les totaux hors du tableau, "
    "puis relancez suivi.",
    "writer.bad_value": "Valeur refusée pour {sheet}!{cell} dans « {file} » : {problem}.",
    "writer.import_failed": "Impossible d'installer la feuille « {sheet} » dans « {file} » : "
    "{problem}.",
    # --- a sheet imported from another workbook (xlsx_import) ---
    "writer.import_not_xlsx": "le classeur source de la feuille n'est pas un fichier .xlsx",
    "writer.import_sheet_missing": "la feuille « {sheet} » est absente du classeur source",
    "writer.import_no_sheet": "le classeur source ne contient aucune feuille",
    "writer.import_not_worksheet": "la feuille « {sheet} » du classeur source n'est pas une "
    "feuille de calcul",
    "writer.import_unsupported": "la feuille « {sheet} » à importer contient un élément non pris "
    "en charge ({kind}) ; seuls les graphiques, images, commentaires et liens le sont",
    "writer.import_part_missing": "la feuille « {sheet} » à importer : la partie {part} manque "
    "dans le classeur source",
    # --- values a cell cannot hold (xlsx_values.BadValue) ---
    "writer.value_before_1904": "la date {day} est antérieure au 1er janvier 1904, première date "
    "de ce classeur (calendrier 1904)",
    "writer.value_before_1900": "la date {day} est antérieure au 1er janvier 1900, première date "
    "qu'Excel sait afficher",
    "writer.value_not_finite": "la valeur {value} n'est pas un nombre fini",
    "writer.text_too_long": "le texte fait {length} caractères ; une cellule Excel en accepte au "
    "plus {limit}",
    "writer.unsupported_type": "type de valeur non pris en charge : {type} ({value}) ; utilisez "
    "du texte, un nombre, une date, un booléen ou None",
    # --- sheet names (xlsx_package.sheet_name_problem) ---
    "writer.sheet_name_empty": "le nom de feuille est vide",
    "writer.sheet_name_too_long": "le nom de feuille « {name} » dépasse 31 caractères",
    "writer.sheet_name_forbidden": "le nom de feuille « {name} » contient un caractère interdit "
    "([ ] : * ? / \\)",
    "writer.sheet_name_quote": "le nom de feuille « {name} » commence ou finit par une "
    "apostrophe",
    "writer.sheet_name_reserved": "le nom de feuille « History » est réservé par Excel",
    # --- the commit (write.py) ---
    "writer.bad_ref": "Référence de cellule invalide « {ref} » pour la feuille « {sheet} » : "
    "attendu une référence comme « M12 ».",
    "writer.append_row_text": "append_rows(« {sheet} ») : la ligne {row} doit être une séquence "
    "de valeurs, pas du texte.",
    "writer.value_refused": "Valeur refusée pour {sheet}!{where} : {problem}.",
    "writer.bad_sheet_name": "Nom de feuille invalide : {problem}. Choisissez un autre nom.",
    "writer.write_failed": "Écriture impossible à côté du classeur « {file} » ({reason}) ; le "
    "classeur n'a pas été modifié. Vérifiez l'espace disque et vos droits sur le dossier "
    "{folder}, puis relancez suivi.",
    "writer.changed_since_read": "Le classeur « {file} » a été modifié depuis sa lecture par suivi"
    " (quelqu'un l'a enregistré entre-temps) : rien n'a été écrit. Relancez suivi pour repartir "
    "de la version actuelle.",
    "writer.read_only": "Le classeur « {file} » est en lecture seule : suivi ne le modifie pas. "
    "Retirez l'attribut lecture seule (Propriétés du fichier), puis relancez suivi.",
    "writer.changed_during_write": "Le classeur « {file} » a été modifié pendant l'écriture de "
    "suivi : rien n'a été écrit. Relancez suivi.",
}

EN: dict[str, str] = {
    "writer.sheet_data_missing": _SHEET_EN + ": no <sheetData> element; the sheet looks damaged. "
    "Open it in Excel and save it.",
    "writer.sheet_truncated": _SHEET_EN + ": the </sheetData> tag is missing; the sheet looks "
    "truncated. Open it in Excel and save it.",
    "writer.sheet_xml_comments": _SHEET_EN + ": the cell area holds XML comments or CDATA "
    "sections, which suivi cannot change safely. Open the workbook in Excel and save it.",
    "writer.array_formula": _SHEET_EN + ": cell {cell} belongs to an array formula ({area}); "
    "suivi cannot change one of its cells alone. Move the formula or choose another column.",
    "writer.row_unreadable": _SHEET_EN + ": row {row} cannot be read. Open the workbook in Excel "
    "and save it.",
    "writer.invalid_xml": _SHEET_EN + ": the XML produced is invalid ({detail}); nothing was "
    "written. Please report this problem with the workbook.",
    "writer.duplicate_parts": "'{file}' holds duplicate parts; open it in Excel and save it, then "
    "run suivi again.",
    "writer.no_workbook_in_archive": "'{file}' is not an Excel workbook (.xlsx/.xlsm): the "
    "archive holds no workbook.",
    "writer.workbook_part_missing": "'{file}' is not an Excel workbook (.xlsx/.xlsm): the "
    "workbook part cannot be found.",
    "writer.xlsb": "'{file}' is a binary workbook (.xlsb), which suivi cannot change. Save it as "
    ".xlsx in Excel.",
    "writer.damaged_package": "'{file}' is not an Excel workbook (.xlsx/.xlsm), or it is damaged."
    " Open it in Excel and save it.",
    "writer.too_large": "'{file}' is beyond the size an .xlsx workbook can have (4 GiB); suivi "
    "does not write it.",
    "writer.output_incomplete": "'{file}': the file produced is incomplete; nothing was written. "
    "Please report this problem with the workbook.",
    "writer.sheet_not_found": "There is no sheet '{sheet}' in '{file}' (sheets: {names:''}). "
    "Check the sheet name in suivi.toml.",
    "writer.chart_sheet": "Sheet '{sheet}' of '{file}' is a chart sheet (or a special sheet): "
    "suivi cannot write cells in it. Choose a worksheet.",
    "writer.sheet_part_missing": "Sheet '{sheet}' of '{file}' cannot be found in the file "
    "(damaged workbook). Open it in Excel and save it.",
    "writer.put_not_worksheet": "Sheet '{sheet}' of '{file}' is not a worksheet: suivi cannot "
    "replace it. Rename it or delete it.",
    "writer.protected_sheet": "Sheet '{sheet}' of '{file}' is protected: suivi cannot write in "
    "it. Unprotect it (Review > Unprotect Sheet), then run suivi again.",
    "writer.table_totals": "Table '{table}' of sheet '{sheet}' ({file}) has a totals row: suivi "
    "cannot add rows under it without breaking it. Turn the totals row off (Table Design > "
    "Total Row) or move the totals out of the table, then run suivi again.",
    "writer.bad_value": "Value refused for {sheet}!{cell} in '{file}': {problem}.",
    "writer.import_failed": "Cannot install sheet '{sheet}' in '{file}': {problem}.",
    "writer.import_not_xlsx": "the source workbook of the sheet is not an .xlsx file",
    "writer.import_sheet_missing": "there is no sheet '{sheet}' in the source workbook",
    "writer.import_no_sheet": "the source workbook holds no sheet",
    "writer.import_not_worksheet": "sheet '{sheet}' of the source workbook is not a worksheet",
    "writer.import_unsupported": "sheet '{sheet}' to import holds an element suivi does not "
    "support ({kind}); only charts, images, comments and links are supported",
    "writer.import_part_missing": "sheet '{sheet}' to import: part {part} is missing from the "
    "source workbook",
    "writer.value_before_1904": "the date {day} is before 1 January 1904, the first date of this "
    "workbook (1904 date system)",
    "writer.value_before_1900": "the date {day} is before 1 January 1900, the first date Excel "
    "can show",
    "writer.value_not_finite": "the value {value} is not a finite number",
    "writer.text_too_long": "the text is {length} characters long; an Excel cell holds at most "
    "{limit}",
    "writer.unsupported_type": "unsupported type of value: {type} ({value}); use text, a number, "
    "a date, a boolean or None",
    "writer.sheet_name_empty": "the sheet name is empty",
    "writer.sheet_name_too_long": "the sheet name '{name}' is longer than 31 characters",
    "writer.sheet_name_forbidden": "the sheet name '{name}' holds a forbidden character "
    "([ ] : * ? / \\)",
    "writer.sheet_name_quote": "the sheet name '{name}' starts or ends with an apostrophe",
    "writer.sheet_name_reserved": "the sheet name 'History' is reserved by Excel",
    "writer.bad_ref": "Invalid cell reference '{ref}' for sheet '{sheet}': expected a reference "
    "such as 'M12'.",
    "writer.append_row_text": "append_rows('{sheet}'): row {row} must be a sequence of values, "
    "not text.",
    "writer.value_refused": "Value refused for {sheet}!{where}: {problem}.",
    "writer.bad_sheet_name": "Invalid sheet name: {problem}. Choose another name.",
    "writer.write_failed": "Cannot write next to workbook '{file}' ({reason}); the workbook was "
    "not changed. Check the free disk space and your rights on the folder {folder}, then run "
    "suivi again.",
    "writer.changed_since_read": "Workbook '{file}' was changed since suivi read it (someone "
    "saved it meanwhile): nothing was written. Run suivi again to start from the current version.",
    "writer.read_only": "Workbook '{file}' is read-only: suivi does not change it. Clear the "
    "read-only attribute (file properties), then run suivi again.",
    "writer.changed_during_write": "Workbook '{file}' was changed while suivi was writing it: "
    "nothing was written. Run suivi again.",
}
