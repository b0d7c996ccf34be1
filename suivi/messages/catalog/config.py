"""Messages about suivi.toml (French, then English). Every error names the section, the key,
the value and what is expected."""
from __future__ import annotations

FR: dict[str, str] = {
    "smtp_en_clair": "[smtp] securite = \"aucune\" avec un utilisateur ({user}) : le mot de passe "
                     "et les relances partent en clair vers {host}, lisibles sur le réseau.",
    "smtp_en_clair.hint": "Mettez securite = \"starttls\" (port 587) ou \"ssl\" (port 465), "
                          "comme l'indique votre fournisseur de messagerie.",
    "config.invalid": "suivi.toml : [{section}] {key} = {value} : {expected}.",
    "config.not_a_table": "suivi.toml : [{section}] doit être une section (table TOML), pas "
                          "une valeur.",
    "config.not_found": "Fichier de configuration introuvable : « {path} ».",
    "config.not_utf8": "« {path} » n'est pas enregistré en UTF-8 : réenregistrez-le en UTF-8 "
                       "(Bloc-notes : Enregistrer sous, Codage UTF-8).",
    "config.unreadable": "« {path} » ne peut pas être lu ({reason}).",
    "config.toml_syntax": "« {path} » n'est pas un fichier TOML valide : {detail}. Corrigez la "
                          "ligne indiquée (les textes doivent être entre guillemets).",
    "config.toml.at": "{problem} (ligne {line}, colonne {column})",
    "config.toml.at_end": "{problem} (à la fin du fichier)",
    "config.toml.backslash": "une barre oblique inverse « \\ » dans un texte entre guillemets "
                             "doit être doublée : écrivez 'C:\\Compta' entre apostrophes, ou "
                             "\"C:\\\\Compta\"",
    "config.toml.equals": "« = » manque après le nom du réglage (écrivez nom = valeur)",
    "config.toml.table_end": "le nom de section n'est pas fermé : il manque « ] »",
    "config.toml.value": "valeur illisible : un texte doit être entre guillemets, un nombre "
                         "s'écrit avec un point (1.5), un oui/non s'écrit true ou false",
    "config.toml.unterminated": "texte non fermé : il manque le guillemet de fin",
    "config.toml.array": "liste non fermée : il manque « ] » (les éléments sont séparés par "
                         "des virgules)",
    "config.toml.inline_table": "accolades non fermées : il manque « }} »",
    "config.toml.statement": "ligne illisible : une ligne est une [section], un réglage "
                             "nom = valeur ou un commentaire commençant par #",
    "config.toml.key": "nom de réglage illisible (lettres, chiffres, - et _ ; sinon entre "
                       "guillemets)",
    "config.toml.twice": "la section {name} figure deux fois : réunissez ses réglages sous "
                         "une seule",
    "config.toml.overwrite": "ce réglage est déjà défini plus haut dans la même section",
    "config.toml.date": "date illisible : écrivez-la AAAA-MM-JJ",
    "config.toml.newline": "un seul réglage par ligne : ce qui suit la valeur est de trop (un "
                           "commentaire commence par #)",
    "config.toml.character": "caractère inattendu {char}",
    "config.toml.expected": "{char} attendu ici",
    "config.policy": "suivi.toml : {problem}.",
    "config.secret": "suivi.toml : [{section}] {key} : le mot de passe ne doit jamais figurer "
                     "dans suivi.toml. Supprimez cette ligne et utilisez la variable "
                     "d'environnement SUIVI_SMTP_PASSWORD ou le trousseau du système (keyring).",
    "config.unknown_key": "suivi.toml : [{section}] clé « {key} » inconnue. Clés possibles : "
                          "{known:list}.",
    "config.unknown_key_close": "suivi.toml : [{section}] clé « {key} » inconnue. Vouliez-vous "
                                "dire « {close} » ?",
    "config.unknown_section": "suivi.toml : section [{section}] inconnue. Sections possibles : "
                              "{known:list}.",
    "config.unknown_section_close": "suivi.toml : section [{section}] inconnue. Vouliez-vous "
                                    "dire [{close}] ?",
    "config.expect.text": "un texte entre guillemets est attendu",
    "config.expect.one_line": "un texte sur une seule ligne est attendu",
    "config.expect.choice": "choisissez {choices:list}",
    "config.expect.bool": "true ou false est attendu",
    "config.expect.int": "un nombre entier est attendu",
    "config.expect.int_range": "un nombre entier entre {low} et {high} est attendu",
    "config.expect.number": "un nombre est attendu",
    "config.expect.number_range": "un nombre entre {low:num} et {high:num} est attendu",
    "config.expect.decimal": "un nombre est attendu (par exemple \"12.5\")",
    "config.expect.decimal_range": "un nombre entre {low:num} et {high:num} est attendu",
    "config.expect.decimal_min": "un nombre d'au moins {low:num} est attendu",
    "config.expect.date": "une date AAAA-MM-JJ est attendue (par exemple \"2026-12-24\")",
    "config.expect.date_list": "une liste de dates AAAA-MM-JJ est attendue, par exemple "
                               "[\"2026-12-24\"]",
    "config.expect.email": "une adresse e-mail valide est attendue",
    "config.expect.email_list": "une liste d'adresses e-mail valides est attendue, par exemple "
                                "[\"compta@exemple.fr\"]",
    "config.expect.text_list": "un texte ou une liste de textes est attendu, par exemple "
                               "[\"ligne 1\", \"ligne 2\"]",
    "config.expect.column": "un en-tête ou une lettre de colonne entre guillemets est attendu, "
                            "par exemple \"C\"",
    "config.expect.env_name": "un nom de variable d'environnement est attendu (lettres, "
                              "chiffres et _)",
    "config.expect.host": "un nom de serveur est attendu (par exemple \"smtp.exemple.fr\")",
    "config.expect.calendar": "pays ou subdivision inconnus du calendrier des jours fériés "
                              "(par exemple pays = \"FR\", subdivision = \"57\")",
    "config.expect.smtp_host_first": "renseignez d'abord [smtp] hote (le serveur d'envoi)",
    "config.expect.team_first": "renseignez d'abord [relances] equipe (les adresses de "
                                "l'équipe)",
    "config.expect.offsets": "une table de jours est attendue, par exemple { relance1 = 1, "
                             "relance2 = 7 }",
    "config.expect.step": "étape inconnue (étapes possibles : {steps:list})",
    "config.expect.steps": "une liste d'étapes est attendue, parmi {steps:list}",
    "config.expect.rates": "une liste [date, taux] est attendue, par exemple "
                           "[[\"2025-06-11\", \"2.15\"]] (dates AAAA-MM-JJ, taux en %)",
    "config.expect.rates_unique": "deux taux ne peuvent pas avoir la même date d'effet",
    "config.expect.bce_table": "la table des taux BCE ne peut pas être vide sans taux "
                               "contractuel",
    "config.expect.amount": "un montant est attendu (par exemple \"10 000 €\")",
    "config.expect.folder": "un dossier est attendu (relatif au classeur ou absolu), sans « .. »",
    "config.expect.valid_siren": "un SIREN valide est attendu (9 chiffres avec clé de "
                                 "contrôle)",
    "config.expect.valid_siret": "un SIRET valide est attendu (14 chiffres avec clé de "
                                 "contrôle)",
    "config.expect.valid_tva": "un numéro de TVA intracommunautaire valide est attendu (par "
                               "exemple \"FR27552032534\")",
    "config.expect.valid_iban": "un IBAN valide est attendu (clé de contrôle)",
    "config.expect.valid_bic": "un BIC valide est attendu (8 ou 11 caractères)",
    "config.expect.siret_of_siren": "le SIRET doit commencer par le SIREN {siren}",
    "config.expect.link_pattern": "un lien avec les variables {{numero}}, {{montant}} et "
                                  "{{client}} est attendu",
    "config.expect.template_value": "couleur #RRVVBB et police dejavu-sans ou dejavu-serif "
                                    "attendues",
    "config.expect.aging_bounds": "une liste de nombres de jours croissants est attendue, par "
                                  "exemple [30, 60, 90] (au plus 8 tranches)",
    "config.expect.bank_thresholds": "un nombre au moins égal à seuil_nom_douteux ({weak}) "
                                     "est attendu",
    "config.expect.bank_separator": "choisissez \";\", \",\", \"tab\" ou \"|\"",
    "config.expect.bank_header_row": "un numéro de ligne est attendu (1 = première ligne, "
                                     "0 = pas de ligne d'en-tête)",
    "config.expect.bank_decimal": "choisissez \",\" ou \".\"",
    "config.expect.bank_column": "l'en-tête exact de la colonne entre guillemets, ou son "
                                 "numéro (1 = première colonne), est attendu",
    "numbering.one_counter": "le modèle de numéro « {pattern} » doit contenir exactement un "
                             "compteur {{NNN}}",
    "numbering.unknown_token": "le modèle de numéro « {pattern} » contient {token} inconnu : "
                               "utilisez {{AAAA}}, {{AA}}, {{MM}} et {{NNN}}",
    "numbering.unsafe_chars": "le modèle « {pattern} » ne peut contenir que des lettres, des "
                              "chiffres et les séparateurs - _ / . # (ni « .. » ni séparateur "
                              "au début)",
    "numbering.no_year": "le modèle « {pattern} » n'a pas d'année : avec la remise à zéro "
                         "annuelle, deux années auraient les mêmes numéros ; ajoutez {{AAAA}} "
                         "ou mettez remise_a_zero_annuelle = false",
    "penalties.contract_rate_positive": "le taux contractuel doit être positif (reçu {rate} %)",
    "penalties.contract_rate_floor": "le taux contractuel de {rate} % est inférieur au minimum "
                                     "légal de {floor} % (3 × le taux d'intérêt légal de "
                                     "{legal} % en vigueur depuis le {since:date}, art. L441-10 "
                                     "du Code de commerce)",
    "dunning.ladder_none": "[{section}] : l'étape « aucune » ne peut pas figurer dans l'échelle",
    "dunning.ladder_courtesy_after": "[{section}] jours.avis = {days} : l'avis d'échéance se "
                                     "place avant l'échéance (valeur négative ou 0, par "
                                     "exemple -5)",
    "dunning.ladder_before_due": "[{section}] jours.{step} = {days} : une relance se place "
                                 "après l'échéance (au moins 1 jour)",
    "dunning.ladder_order": "[{section}] jours.{step} = {days} doit être plus grand que "
                            "jours.{previous} = {previous_days} (les étapes se suivent dans "
                            "l'ordre)",
    "dunning.ladder_too_short": "[{section}] : l'échelle ne compte que {count} relance(s) avant "
                                "la mise en demeure ou le recouvrement, il en faut au moins "
                                "{needed} (relances_avant_mise_en_demeure)",
}

EN: dict[str, str] = {
    "smtp_en_clair": "[smtp] securite = \"aucune\" with a user ({user}): the password and the "
                     "reminders travel in clear to {host}, readable on the network.",
    "smtp_en_clair.hint": "Set securite = \"starttls\" (port 587) or \"ssl\" (port 465), as "
                          "your mail provider says.",
    "config.invalid": "suivi.toml: [{section}] {key} = {value}: {expected}.",
    "config.not_a_table": "suivi.toml: [{section}] must be a section (a TOML table), not a "
                          "value.",
    "config.not_found": "Configuration file not found: '{path}'.",
    "config.not_utf8": "'{path}' is not saved as UTF-8: save it again as UTF-8 (Notepad: Save "
                       "as, Encoding UTF-8).",
    "config.unreadable": "'{path}' cannot be read ({reason}).",
    "config.toml_syntax": "'{path}' is not a valid TOML file: {detail}. Fix the line shown "
                          "(texts must be in quotes).",
    "config.toml.at": "{problem} (line {line}, column {column})",
    "config.toml.at_end": "{problem} (at the end of the file)",
    "config.toml.backslash": "a backslash (\\) in a text between double quotes must be "
                             "doubled: write 'C:\\Compta' between single quotes, or "
                             "\"C:\\\\Compta\"",
    "config.toml.equals": "'=' is missing after the setting's name (write name = value)",
    "config.toml.table_end": "the section name is not closed: ']' is missing",
    "config.toml.value": "unreadable value: a text goes between quotes, a number is written "
                         "with a dot (1.5), a yes/no is written true or false",
    "config.toml.unterminated": "unterminated text: the closing quote is missing",
    "config.toml.array": "unclosed list: ']' is missing (items are separated by commas)",
    "config.toml.inline_table": "unclosed braces: '}}' is missing",
    "config.toml.statement": "unreadable line: a line is a [section], a setting name = value or "
                             "a comment starting with #",
    "config.toml.key": "unreadable setting name (letters, digits, - and _; otherwise in quotes)",
    "config.toml.twice": "section {name} appears twice: gather its settings",
    "config.toml.overwrite": "this setting is already set above in the same section",
    "config.toml.date": "unreadable date: write it YYYY-MM-DD",
    "config.toml.newline": "one setting per line: what follows the value is too much (a "
                           "comment starts with #)",
    "config.toml.character": "unexpected character {char}",
    "config.toml.expected": "{char} expected here",
    "config.policy": "suivi.toml: {problem}.",
    "config.secret": "suivi.toml: [{section}] {key}: a password must never be written in "
                     "suivi.toml. Remove this line and use the SUIVI_SMTP_PASSWORD environment "
                     "variable or the system keyring.",
    "config.unknown_key": "suivi.toml: [{section}] unknown key '{key}'. Known keys: "
                          "{known:list}.",
    "config.unknown_key_close": "suivi.toml: [{section}] unknown key '{key}'. Did you mean "
                                "'{close}'?",
    "config.unknown_section": "suivi.toml: unknown section [{section}]. Known sections: "
                              "{known:list}.",
    "config.unknown_section_close": "suivi.toml: unknown section [{section}]. Did you mean "
                                    "[{close}]?",
    "config.expect.text": "a text in quotes is expected",
    "config.expect.one_line": "a single-line text is expected",
    "config.expect.choice": "choose {choices:list}",
    "config.expect.bool": "true or false is expected",
    "config.expect.int": "a whole number is expected",
    "config.expect.int_range": "a whole number between {low} and {high} is expected",
    "config.expect.number": "a number is expected",
    "config.expect.number_range": "a number between {low:num} and {high:num} is expected",
    "config.expect.decimal": "a number is expected (for example \"12.5\")",
    "config.expect.decimal_range": "a number between {low:num} and {high:num} is expected",
    "config.expect.decimal_min": "a number of at least {low:num} is expected",
    "config.expect.date": "a YYYY-MM-DD date is expected (for example \"2026-12-24\")",
    "config.expect.date_list": "a list of YYYY-MM-DD dates is expected, for example "
                               "[\"2026-12-24\"]",
    "config.expect.email": "a valid e-mail address is expected",
    "config.expect.email_list": "a list of valid e-mail addresses is expected, for example "
                                "[\"accounts@example.com\"]",
    "config.expect.text_list": "a text or a list of texts is expected, for example "
                               "[\"line 1\", \"line 2\"]",
    "config.expect.column": "a header or a column letter in quotes is expected, for example "
                            "\"C\"",
    "config.expect.env_name": "an environment variable name is expected (letters, digits and _)",
    "config.expect.host": "a server name is expected (for example \"smtp.example.com\")",
    "config.expect.calendar": "country or subdivision unknown to the public-holiday calendar "
                              "(for example pays = \"FR\", subdivision = \"57\")",
    "config.expect.smtp_host_first": "set [smtp] hote (the sending server) first",
    "config.expect.team_first": "set [relances] equipe (the team's addresses) first",
    "config.expect.offsets": "a table of days is expected, for example { relance1 = 1, "
                             "relance2 = 7 }",
    "config.expect.step": "unknown step (known steps: {steps:list})",
    "config.expect.steps": "a list of steps is expected, among {steps:list}",
    "config.expect.rates": "a list of [date, rate] is expected, for example "
                           "[[\"2025-06-11\", \"2.15\"]] (YYYY-MM-DD dates, rates in %)",
    "config.expect.rates_unique": "two rates cannot take effect on the same date",
    "config.expect.bce_table": "the ECB rate table cannot be empty without a contractual rate",
    "config.expect.amount": "an amount is expected (for example \"10 000 €\")",
    "config.expect.folder": "a folder is expected (relative to the workbook, or absolute), "
                            "without '..'",
    "config.expect.valid_siren": "a valid SIREN is expected (9 digits with a check digit)",
    "config.expect.valid_siret": "a valid SIRET is expected (14 digits with a check digit)",
    "config.expect.valid_tva": "a valid EU VAT number is expected (for example "
                               "\"FR27552032534\")",
    "config.expect.valid_iban": "a valid IBAN is expected (check digits)",
    "config.expect.valid_bic": "a valid BIC is expected (8 or 11 characters)",
    "config.expect.siret_of_siren": "the SIRET must start with the SIREN {siren}",
    "config.expect.link_pattern": "a link using the variables {{numero}}, {{montant}} and "
                                  "{{client}} is expected",
    "config.expect.template_value": "a #RRGGBB colour and the font dejavu-sans or dejavu-serif "
                                    "are expected",
    "config.expect.aging_bounds": "a list of increasing numbers of days is expected, for "
                                  "example [30, 60, 90] (at most 8 buckets)",
    "config.expect.bank_thresholds": "a number at least equal to seuil_nom_douteux ({weak}) "
                                     "is expected",
    "config.expect.bank_separator": "choose \";\", \",\", \"tab\" or \"|\"",
    "config.expect.bank_header_row": "a line number is expected (1 = first line, 0 = no "
                                     "header line)",
    "config.expect.bank_decimal": "choose \",\" or \".\"",
    "config.expect.bank_column": "the exact header of the column in quotes, or its number "
                                 "(1 = first column), is expected",
    "numbering.one_counter": "number pattern '{pattern}' must hold exactly one counter {{NNN}}",
    "numbering.unknown_token": "number pattern '{pattern}' holds an unknown {token}: use "
                               "{{AAAA}}, {{AA}}, {{MM}} and {{NNN}}",
    "numbering.unsafe_chars": "pattern '{pattern}' may only hold letters, digits and the "
                              "separators - _ / . # (no '..' and no separator first)",
    "numbering.no_year": "pattern '{pattern}' has no year: with the yearly reset, two years "
                         "would get the same numbers; add {{AAAA}} or set "
                         "remise_a_zero_annuelle = false",
    "penalties.contract_rate_positive": "the contractual rate must be positive (got {rate}%)",
    "penalties.contract_rate_floor": "the contractual rate of {rate}% is below the legal "
                                     "minimum of {floor}% (3 × the legal interest rate of "
                                     "{legal}% in force since {since:date}, art. L441-10 of the "
                                     "French Commercial Code)",
    "dunning.ladder_none": "[{section}]: the step 'aucune' (none) cannot be in the ladder",
    "dunning.ladder_courtesy_after": "[{section}] jours.avis = {days}: the courtesy notice "
                                     "comes before the due date (a negative value or 0, for "
                                     "example -5)",
    "dunning.ladder_before_due": "[{section}] jours.{step} = {days}: a reminder comes after "
                                 "the due date (at least 1 day)",
    "dunning.ladder_order": "[{section}] jours.{step} = {days} must be greater than "
                            "jours.{previous} = {previous_days} (steps follow each other)",
    "dunning.ladder_too_short": "[{section}]: the ladder has only {count} reminder(s) before "
                                "the formal notice or collection, at least {needed} are needed "
                                "(relances_avant_mise_en_demeure)",
}
