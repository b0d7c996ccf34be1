"""Messages of the formulas a workbook holds without a value suivi can trust: saved without
one, or with the 0 a program that does not calculate puts (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    "formule_sans_valeur": "La cellule contient une formule dont la valeur n'a jamais été "
                           "calculée (colonne « {column} ») : le classeur a été enregistré par "
                           "un programme qui ne calcule pas les formules. suivi ne la lit pas "
                           "comme vide : ce qui en dépend (la relance d'une facture, une "
                           "adresse, une ligne de facture) attend qu'elle ait une valeur.",
    "formule_sans_valeur.hint": "Ouvrez le classeur dans Excel ou LibreOffice et enregistrez-le : "
                                "les formules seront calculées.",
    "formules_calculees": "{count} formule(s) de la colonne « {column} » n'avaient pas de "
                          "valeur enregistrée (par exemple « {formula} ») : le classeur a été "
                          "enregistré par un programme qui ne calcule pas les formules. suivi "
                          "les a calculées comme Excel le fait.",
    "formules_calculees.hint": "Ouvrez le classeur dans Excel ou LibreOffice et enregistrez-le "
                               "pour que les valeurs y soient aussi.",
    "formule_zero_non_calculee": "La formule « {formula} » (colonne « {column} ») a 0 pour "
                                 "valeur enregistrée, mise par un programme qui écrit les "
                                 "formules sans les calculer (xlsxwriter, pandas…). suivi ne "
                                 "peut pas la calculer et ne se fie pas à ce 0 : ce qui en "
                                 "dépend (la relance d'une facture, une adresse, une ligne de "
                                 "facture) attend qu'elle ait une valeur.",
    "formule_zero_non_calculee.hint": "Ouvrez le classeur dans Excel et enregistrez-le (dans "
                                      "LibreOffice : Données > Calculer > Recalcul "
                                      "inconditionnel, puis enregistrez).",
    "formules_zero_calculees": "{count} formule(s) de la colonne « {column} » avaient 0 pour "
                               "valeur enregistrée par un programme qui ne les calcule pas "
                               "(par exemple « {formula} ») : suivi les a calculées comme Excel "
                               "le fait.",
    "formules_zero_calculees.hint": "Ouvrez le classeur dans Excel et enregistrez-le (dans "
                                    "LibreOffice : Données > Calculer > Recalcul "
                                    "inconditionnel) pour que les valeurs y soient aussi.",
}

EN: dict[str, str] = {
    "formule_sans_valeur": "The cell holds a formula whose value was never calculated (column "
                           "'{column}'): the workbook was saved by a program that does not "
                           "calculate formulas. suivi does not read it as empty: what depends "
                           "on it (an invoice's reminder, an address, an invoice line) waits "
                           "until it has a value.",
    "formule_sans_valeur.hint": "Open the workbook in Excel or LibreOffice and save it: the "
                                "formulas will be calculated.",
    "formules_calculees": "{count} formula(s) of column '{column}' had no saved value (for "
                          "example '{formula}'): the workbook was saved by a program that does "
                          "not calculate formulas. suivi calculated them as Excel does.",
    "formules_calculees.hint": "Open the workbook in Excel or LibreOffice and save it so that "
                               "the values are in it too.",
    "formule_zero_non_calculee": "The formula '{formula}' (column '{column}') has 0 as its "
                                 "saved value, put there by a program that writes formulas "
                                 "without calculating them (xlsxwriter, pandas…). suivi cannot "
                                 "calculate it and does not trust that 0: what depends on it (an "
                                 "invoice's reminder, an address, an invoice line) waits until "
                                 "it has a value.",
    "formule_zero_non_calculee.hint": "Open the workbook in Excel and save it (in LibreOffice: "
                                      "Data > Calculate > Hard Recalculate, then save).",
    "formules_zero_calculees": "{count} formula(s) of column '{column}' had 0 as their value, "
                               "saved by a program that does not calculate them (for example "
                               "'{formula}'): suivi calculated them as Excel does.",
    "formules_zero_calculees.hint": "Open the workbook in Excel and save it (in LibreOffice: "
                                    "Data > Calculate > Hard Recalculate) so that the values "
                                    "are in it too.",
}
