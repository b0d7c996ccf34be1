"""Messages of dunning: the planner's reasons, composing and sending, the SMTP server's answers
and the team digest (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    # --- planner: why nothing is done today for an invoice
    "plan.paid": "facture réglée",
    "plan.closed": "{status} : rien à relancer",
    "plan.not_issued": "facture pas encore émise",
    "plan.unknown_client": "client « {client} » absent de la feuille Clients",
    "plan.opted_out": "relances désactivées pour le client « {client} »",
    "plan.opted_out_invoice": "« ne pas relancer » marqué sur la ligne de la facture",
    "plan.dispute": "litige en cours {detail} : relances suspendues",
    "plan.no_due_date": "échéance inconnue : relance impossible",
    "plan.promise": "promesse de paiement au {promise:date} : relances suspendues jusqu'au "
                    "{until:date} inclus",
    "plan.below_minimum": "reste dû {due:money} inférieur au minimum de relance "
                          "({minimum:money})",
    "plan.ladder_end": "dernière étape atteinte ({step:step})",
    "plan.no_step": "aucune étape applicable",
    "plan.prescribed": "prescrite depuis le {since:date} : plus relancée",
    "facture_prescrite": "Facture {invoice} ({client}) : échue le {due:date}, plus de cinq ans "
                         "avant aujourd'hui ; l'action en paiement est prescrite depuis le "
                         "{since:date} (Code de commerce, art. L110-4). suivi ne la relance "
                         "pas.",
    "facture_prescrite.consumer": "Facture {invoice} ({client}, particulier) : échue le "
                                  "{due:date}, plus de deux ans avant aujourd'hui ; l'action "
                                  "en paiement est prescrite depuis le {since:date} (Code de "
                                  "la consommation, art. L218-2). suivi ne la relance pas.",
    "facture_prescrite.public": "Facture {invoice} ({client}, administration) : échue le "
                                "{due:date} ; la dette est prescrite depuis le {since:date} "
                                "(prescription quadriennale, loi n° 68-1250). suivi ne la "
                                "relance pas.",
    "facture_prescrite.many": "{count} factures échues depuis plus longtemps que le délai de "
                              "prescription (5 ans entre professionnels, 2 ans pour un "
                              "particulier, 4 ans pour une administration) ne sont pas "
                              "relancées ({invoices:list}…).",
    "facture_prescrite.hint": "Si elle a été payée, saisissez le règlement. Si le délai a été "
                              "interrompu (reconnaissance de dette, action en justice), "
                              "relancez à la main ; sinon, voyez avec votre comptable "
                              "(créance irrécouvrable).",
    "plan.waiting": "{step:step} prévue le {day:date} ({offset:rel})",
    "plan.team_plan": "{step:step} prévue le {day:date}, jour choisi par l'équipe",
    "plan.team_plan_send": "l'équipe a prévu la prochaine relance le {day:date}",
    "plan.last_step_reached": "dernière étape atteinte",
    "plan.next_step_on": "prochaine étape le {day:date}",
    "plan.advancing": "{step:step} : {rel:rel} (échéance {due:date}, étape à {offset:rel}), "
                      "précédente : {previous:step} le {previous_day:date}",
    "plan.advancing_first": "{step:step} : {rel:rel} (échéance {due:date}, étape à "
                            "{offset:rel})",
    "plan.not_business_day": "jour non ouvré : aucun message aujourd'hui, prochain jour ouvré "
                             "le {day:date}",
    "plan.no_email": "aucune adresse e-mail pour « {client} »",
    "plan.min_interval": "dernier message au client le {last:date} : prochain message possible "
                         "le {day:date} (délai minimum de {days} jours)",
    # --- issues met while preparing and sending
    "dunning.unknown_client": "Facture {invoice} : client « {client} » absent de la feuille "
                              "Clients, relance impossible.",
    "dunning.unknown_client.hint": "Ajoutez le client (nom, e-mail, type) dans la feuille "
                                   "Clients.",
    "dunning.no_email": "Client « {client} » : aucune adresse e-mail, {count} facture(s) à "
                        "relancer.",
    "dunning.no_email.hint": "Renseignez l'e-mail du client (feuille Clients, ou colonne "
                             "« Email » de la feuille des factures).",
    "dunning.pdf_missing": "Facture {number} : fichier PDF « {file} » introuvable, relance sans "
                           "copie de la facture.",
    "dunning.letter_no_seller": "Mise en demeure : informations du vendeur absentes "
                                "([vendeur] de suivi.toml), pas de lettre PDF.",
    "dunning.letter_failed": "Mise en demeure de « {client} » : la lettre PDF n'a pas pu être "
                             "produite ({detail}) ; l'e-mail part sans lettre.",
    "dunning.bad_iban": "IBAN du vendeur invalide « {value} » : ni IBAN ni QR code dans les "
                        "relances.",
    "dunning.bad_iban.hint": "Corrigez l'IBAN dans la section [vendeur] de suivi.toml.",
    "dunning.qr": "QR code de virement impossible : {detail}.",
    "dunning.payment_link": "Lien de paiement « {pattern} » : variable inconnue {detail} "
                            "(utilisez {{numero}}, {{montant}}, {{client}}).",
    "dunning.name_cleaned": "Nom du client « {client} » : retours à la ligne ou caractères de "
                            "contrôle retirés dans l'en-tête du message.",
    "dunning.bad_email": "Adresse e-mail refusée pour « {client} » : « {address} » (caractères "
                         "interdits ou format invalide).",
    "dunning.bad_email.hint": "Corrigez l'adresse dans la feuille Clients.",
    "dunning.template": "Modèle {template} : {detail}",
    "dunning.template_missing": "Modèle de message introuvable : {template}",
    "dunning.template_empty": "Modèle {template} : objet ou texte vide",
    "dunning.template_failed": "Relance de {client} non préparée : {problem}.",
    "dunning.stale_plan": "Relance de {client} non préparée : {problem}.",
    "dunning.no_recipient": "Relance de {client} non préparée : aucune adresse e-mail valide.",
    "dunning.journal": "Journal des relances : {problem}.",
    "dunning.journal_torn": "{file}, ligne {line} : enregistrement incomplet ignoré (arrêt "
                            "brutal pendant l'écriture ?)",
    "dunning.journal_foreign": "{file}, ligne {line} : ligne ignorée, ce n'est pas un "
                               "enregistrement de suivi (fichier modifié à la main ?) ; le "
                               "reste du journal compte. Ne modifiez pas ce fichier.",
    "dunning.journal_busy": "Une autre exécution de suivi prépare ou envoie des relances "
                            "({lock}) : réessayez dans un instant.",
    "dunning.smtp_unavailable": "Envoi impossible : {problem}.",
    "dunning.send_failed": "Relance {id} ({client}) non envoyée : {problem} ; elle repartira au "
                           "prochain envoi.",
    "dunning.send_refused": "Relance {id} ({client}) refusée par le serveur : {problem}. Elle "
                            "ne repartira que si vous corrigez l'adresse (nouveau brouillon) ou "
                            "la renvoyez : suivi send --renvoie {id}.",
    "dunning.send_uncertain": "Relance {id} ({client}) : envoi incertain ({problem}). Elle ne "
                              "repartira pas d'elle-même : vérifiez, puis suivi send --confirme "
                              "{id} ou --renvoie {id}.",
    "dunning.send_stopped": "Envoi interrompu : {problem} ; {count} message(s) partiront au "
                            "prochain envoi.",
    "dunning.stale": "{problems:lines}",
    "dunning.stale_absent": "facture {number} absente du classeur",
    "dunning.stale_amount": "facture {number} : reste dû {now:money} au lieu de {drafted:money} "
                            "dans le brouillon (un règlement enregistré depuis) ; une relance "
                            "au bon montant sera préparée au prochain passage",
    "dunning.stale_duplicate": "le numéro {number} figure sur plusieurs lignes des factures "
                               "(numéro en double : corrigez d'abord la ligne copiée)",
    "dunning.stale_paid": "facture {number} réglée",
    "dunning.stale_closed": "facture {number} {status}",
    "dunning.stale_dispute": "facture {number} en litige",
    "dunning.stale_rule": "facture {number} : {why}",
    "dunning.stale_recipient": "l'adresse de {client} a changé depuis le brouillon ({drafted:list} "
                               "→ {now:list})",
    "dunning.stale_no_recipient": "{client} n'a plus d'adresse e-mail valide dans le classeur "
                                  "(le brouillon allait à {drafted:list})",
    "dunning.stale_errors": "facture {number} : sa ligne a une erreur à corriger d'abord (voir "
                            "ci-dessus)",
    "dunning.stale_currency": "facture {number} en {currency} : suivi ne réclame que des euros "
                              "(devise étrangère)",
    "dunning.stale_payment": "facture {number} : le client a un règlement qui ne dit pas "
                             "quelle facture il règle, ou dont le montant ne peut pas être lu",
    "dunning.stale_credit": "facture {number} : le client a un avoir qui ne cite aucune facture, "
                            "ce qu'il doit n'est pas connu",
    "dunning.draft_deleted": "brouillon supprimé ({file})",
    "dunning.draft_mismatch": "le fichier {file} ne correspond plus au brouillon {id}",
    "dunning.draft_bad_address": "adresse invalide « {address} » dans {file}",
    "dunning.draft_no_recipient": "aucun destinataire dans {file}",
    "dunning.no_sender": "aucune adresse d'expéditeur : renseignez [smtp] expediteur",
    "dunning.already_sent": "brouillon {id} déjà envoyé le {at} : pas de second envoi",
    "dunning.superseded": "brouillon {id} remplacé par {by} : envoyez celui-ci",
    "dunning.cancelled": "brouillon {id} annulé ({reason})",
    "dunning.unverified": "brouillon {id} à vérifier : un envoi a commencé sans réponse du "
                          "serveur ; vérifiez, puis suivi send --confirme {id} ou --renvoie {id}",
    "dunning.draft_state": "brouillon {id} : état {status}",
    "dunning.unknown_draft": "Brouillon « {id} » inconnu (voir brouillons.csv).",
    "dunning.not_pending": "{problem}.",
    "dunning.not_unverified": "« {id} » n'est pas un envoi à vérifier.",
    "dunning.not_resendable": "« {id} » n'est ni un envoi à vérifier ni un envoi refusé.",
    "dunning.unverified_pending": "{count} envoi(s) « à vérifier » : voir le résumé (suivi send "
                                  "--confirme ID ou --renvoie ID).",
    "dunning.resolved_sent": "{count} envoi(s) enregistré(s) comme envoyé(s).",
    "dunning.resolved_resend": "{count} envoi(s) remis en attente d'envoi.",
    "dunning.sent_count": "{count} relance(s) envoyée(s).",
    "dunning.held": "{count} facture(s) ouverte(s) non relancée(s) tant que les erreurs de leur "
                    "ligne ne sont pas corrigées : {numbers:list}.",
    "dunning.held_duplicate": "{count} facture(s) ouverte(s) non relancée(s) tant que leur "
                              "numéro figure sur plusieurs lignes des factures (corrigez la "
                              "ligne copiée) : {numbers:list}.",
    "dunning.held_currency": "{count} facture(s) ouverte(s) en devise étrangère non "
                             "relancée(s) (suivi ne réclame que des euros) : {numbers:list}.",
    "dunning.held_payment": "{count} facture(s) ouverte(s) non relancée(s) : leur client a un "
                            "règlement dans Paiements qui ne dit pas quelle facture il règle, "
                            "ou dont le montant ne peut pas être lu (voir l'avertissement sur "
                            "la ligne) : {numbers:list}.",
    "dunning.held_credit": "{count} facture(s) ouverte(s) non relancée(s) : leur client a un "
                           "avoir qui ne cite aucune facture (voir l'avertissement sur "
                           "l'avoir) : {numbers:list}.",
    "dunning.awaiting_decision": "{refused} relance(s) refusée(s) par le serveur et {unverified} "
                                 "envoi(s) à vérifier attendent votre décision (voir la liste "
                                 "ci-dessus) : elles ne partiront pas seules.",
    "dunning.awaiting_decision.hint": "Corrigez l'adresse dans la feuille Clients, ou « suivi "
                                      "send --renvoie ID » ; pour un envoi à vérifier, « suivi "
                                      "send --confirme ID » s'il est bien arrivé. Supprimer le "
                                      "brouillon .eml l'annule.",
    # --- the SMTP server
    "smtp.unavailable": "envoi impossible",
    "smtp.no_host": "aucun serveur d'envoi : renseignez [smtp] hote dans suivi.toml",
    "smtp.no_password": "mot de passe SMTP introuvable pour « {user} » : définissez la variable "
                        "d'environnement {env} ou enregistrez-le dans le trousseau du système "
                        "(keyring set {service} {user})",
    "smtp.non_ascii_login": "l'utilisateur ou le mot de passe SMTP contient des caractères non "
                            "ASCII (accents…), que l'authentification SMTP refuse",
    "smtp.auth": "authentification refusée par le serveur ({detail}) : vérifiez [smtp] "
                 "utilisateur et le mot de passe",
    "smtp.not_supported": "le serveur ne permet pas cette sécurité ([smtp] securite) : {detail}",
    "smtp.recipients": "destinataire(s) refusé(s) par le serveur : {detail}",
    "smtp.answer": "réponse du serveur {detail}",
    "smtp.disconnected": "connexion interrompue par le serveur ({detail})",
    "smtp.timeout": "délai dépassé en attendant le serveur",
    "smtp.tls": "erreur TLS avec le serveur : {detail}",
    "smtp.unreachable": "serveur injoignable ({detail})",
    "smtp.error": "erreur SMTP : {detail}",
    "smtp.uncertain": "connexion perdue après la transmission du message, avant la réponse du "
                      "serveur ({detail})",
    # --- digest
    "digest.title": "Relances du {day:date}",
    "digest.page_title": "À faire – relances du {day:date}",
    "digest.dry_run": " — simulation : rien n'a été écrit ni envoyé",
    "digest.dry_run_page": "Simulation : rien n'a été écrit ni envoyé.",
    "digest.not_business_day": "Jour non ouvré : aucun message n'est préparé ni envoyé "
                               "aujourd'hui.",
    "digest.reconciled": "{count} action(s) d'un passage précédent reportée(s) dans le classeur "
                         "(l'écriture avait échoué).",
    "digest.nothing": "Rien à faire aujourd'hui.",
    "digest.no_reminder": "Aucune relance aujourd'hui : rien à préparer, à envoyer ni à "
                          "vérifier.",
    "digest.no_reminder_errors": "Aucune relance préparée aujourd'hui : les erreurs ci-dessous "
                                 "retiennent peut-être des factures à relancer.",
    "digest.step": "{step:step}",
    "digest.amount": "{amount:money}",
    "digest.call": "appeler au {phone}",
    "digest.call_no_phone": "téléphone inconnu",
    "digest.call_detail": "appel de relance",
    "digest.letter": "lettre recommandée avec AR",
    "digest.letter_missing": "lettre PDF non produite : à rédiger",
    "digest.collection": "dossier prêt",
    "digest.prepared_on": "préparé le {day:date}",
    "digest.uncertain": "envoi commencé sans réponse du serveur",
    "digest.email_subject": "suivi – relances du {day:date}",
    "digest.section.errors": "Erreurs à corriger ({count})",
    "digest.section.unverified": "À vérifier : envoi incertain ({count})",
    "digest.section.refused": "Refusées par le serveur ({count})",
    "digest.section.sent": "Relances envoyées ({count})",
    "digest.section.drafted": "Brouillons préparés, à relire puis approuver (Oui) dans la "
                              "feuille « Relances à envoyer » avant « suivi send » ({count})",
    "digest.section.pending": "Brouillons en attente d'envoi ({count})",
    "digest.section.failed": "Envois en échec, à refaire au prochain envoi ({count})",
    "digest.section.cancelled": "Messages annulés ({count})",
    "digest.section.calls": "Clients à appeler aujourd'hui ({count})",
    "digest.section.letters": "Lettres de mise en demeure à poster en recommandé avec AR "
                              "({count})",
    "digest.section.collection": "Dossiers à transmettre au recouvrement ({count})",
    "digest.section.chorus": "À déposer sur Chorus Pro ({count})",
    "digest.help.chorus": "Factures à des acheteurs publics : déposez chaque fichier sur le "
                          "portail Chorus Pro (Factures émises › Déposer une facture, format "
                          "PDF Factur-X) ; ne les envoyez pas par e-mail.",
    "digest.chorus": "à déposer",
    "digest.chorus_check": "acheteur public : vérifiez d'abord sur Chorus Pro que la facture "
                           "n'est pas déjà mise en paiement – {recipients}",
    "digest.section.disputes": "Litiges en cours, relances suspendues ({count})",
    "digest.section.promises": "Promesses de paiement, relances suspendues ({count})",
    "digest.section.warnings": "Avertissements ({count})",
    "digest.help.unverified": "L'envoi a commencé mais suivi n'a pas reçu la réponse du serveur "
                              "(coupure, arrêt brutal). Ces messages ne seront PAS renvoyés "
                              "automatiquement. Regardez dans les « Envoyés » de la messagerie "
                              "(ou demandez au client), puis : « suivi send --confirme ID » "
                              "s'il est bien parti, « suivi send --renvoie ID » sinon.",
    "digest.help.refused": "Le serveur a refusé ces messages (adresse inexistante, message "
                           "rejeté…). Ils ne repartent pas tout seuls et l'étape n'est pas "
                           "comptée comme faite : corrigez l'adresse dans la feuille Clients "
                           "(un nouveau brouillon sera préparé), ou renvoyez-les tels quels "
                           "avec « suivi send --renvoie ID ».",
    "progress.invoices": "Factures PDF",
}

EN: dict[str, str] = {
    "plan.paid": "invoice paid",
    "plan.closed": "{status}: nothing to remind",
    "plan.not_issued": "invoice not issued yet",
    "plan.unknown_client": "client '{client}' missing from the Clients sheet",
    "plan.opted_out": "reminders disabled for client '{client}'",
    "plan.opted_out_invoice": "'do not remind' marked on the invoice's row",
    "plan.dispute": "dispute in progress {detail}: reminders paused",
    "plan.no_due_date": "no due date: no reminder possible",
    "plan.promise": "payment promised on {promise:date}: reminders paused until {until:date} "
                    "included",
    "plan.below_minimum": "balance {due:money} below the reminder minimum ({minimum:money})",
    "plan.ladder_end": "last step reached ({step:step})",
    "plan.no_step": "no applicable step",
    "plan.prescribed": "time-barred since {since:date}: no longer reminded",
    "facture_prescrite": "Invoice {invoice} ({client}): due on {due:date}, more than five years "
                         "ago; the action for payment is time-barred since {since:date} (Code "
                         "de commerce, art. L110-4). suivi does not remind it.",
    "facture_prescrite.consumer": "Invoice {invoice} ({client}, individual): due on {due:date}, "
                                  "more than two years ago; the action for payment is "
                                  "time-barred since {since:date} (Code de la consommation, "
                                  "art. L218-2). suivi does not remind it.",
    "facture_prescrite.public": "Invoice {invoice} ({client}, public body): due on {due:date}; "
                                "the debt is time-barred since {since:date} (four-year "
                                "limitation, loi n° 68-1250). suivi does not remind it.",
    "facture_prescrite.many": "{count} invoices due longer ago than the limitation period (5 "
                              "years between professionals, 2 years for an individual, 4 "
                              "years for a public body) are not reminded ({invoices:list}…).",
    "facture_prescrite.hint": "If it was paid, record the payment. If the period was "
                              "interrupted (an acknowledgement of the debt, a court action), "
                              "remind by hand; otherwise, see your accountant (a bad debt).",
    "plan.waiting": "{step:step} planned on {day:date} ({offset:rel})",
    "plan.team_plan": "{step:step} planned on {day:date}, the day the team chose",
    "plan.team_plan_send": "the team planned the next reminder on {day:date}",
    "plan.last_step_reached": "last step reached",
    "plan.next_step_on": "next step on {day:date}",
    "plan.advancing": "{step:step}: {rel:rel} (due {due:date}, step at {offset:rel}), previous: "
                      "{previous:step} on {previous_day:date}",
    "plan.advancing_first": "{step:step}: {rel:rel} (due {due:date}, step at {offset:rel})",
    "plan.not_business_day": "not a business day: no message today, next business day "
                             "{day:date}",
    "plan.no_email": "no e-mail address for '{client}'",
    "plan.min_interval": "last message to the client on {last:date}: next message possible on "
                         "{day:date} (minimum interval of {days} days)",
    "dunning.unknown_client": "Invoice {invoice}: client '{client}' missing from the Clients "
                              "sheet, no reminder possible.",
    "dunning.unknown_client.hint": "Add the client (name, e-mail, type) to the Clients sheet.",
    "dunning.no_email": "Client '{client}': no e-mail address, {count} invoice(s) to remind.",
    "dunning.no_email.hint": "Fill in the client's e-mail (Clients sheet, or the 'Email' column "
                             "of the invoice sheet).",
    "dunning.pdf_missing": "Invoice {number}: PDF file '{file}' not found, reminder sent "
                           "without a copy of the invoice.",
    "dunning.letter_no_seller": "Formal notice: no seller details ([vendeur] in suivi.toml), no "
                                "PDF letter.",
    "dunning.letter_failed": "Formal notice to '{client}': the PDF letter could not be produced "
                             "({detail}); the e-mail goes without the letter.",
    "dunning.bad_iban": "Invalid seller IBAN '{value}': neither IBAN nor QR code in reminders.",
    "dunning.bad_iban.hint": "Fix the IBAN in the [vendeur] section of suivi.toml.",
    "dunning.qr": "Transfer QR code impossible: {detail}.",
    "dunning.payment_link": "Payment link '{pattern}': unknown variable {detail} (use "
                            "{{numero}}, {{montant}}, {{client}}).",
    "dunning.name_cleaned": "Client name '{client}': line breaks or control characters removed "
                            "from the message header.",
    "dunning.bad_email": "E-mail address refused for '{client}': '{address}' (forbidden "
                         "characters or invalid format).",
    "dunning.bad_email.hint": "Fix the address in the Clients sheet.",
    "dunning.template": "Template {template}: {detail}",
    "dunning.template_missing": "Message template not found: {template}",
    "dunning.template_empty": "Template {template}: empty subject or text",
    "dunning.template_failed": "Reminder for {client} not prepared: {problem}.",
    "dunning.stale_plan": "Reminder for {client} not prepared: {problem}.",
    "dunning.no_recipient": "Reminder for {client} not prepared: no valid e-mail address.",
    "dunning.journal": "Reminder journal: {problem}.",
    "dunning.journal_torn": "{file}, line {line}: incomplete record ignored (hard stop while "
                            "writing?)",
    "dunning.journal_foreign": "{file}, line {line}: line ignored, it is not a suivi record "
                               "(file edited by hand?); the rest of the journal counts. Do not "
                               "edit this file.",
    "dunning.journal_busy": "Another suivi run is preparing or sending reminders ({lock}): try "
                            "again in a moment.",
    "dunning.smtp_unavailable": "Sending impossible: {problem}.",
    "dunning.send_failed": "Reminder {id} ({client}) not sent: {problem}; it goes again at the "
                           "next send.",
    "dunning.send_refused": "Reminder {id} ({client}) refused by the server: {problem}. It goes "
                            "again only if you fix the address (new draft) or resend it: suivi "
                            "send --renvoie {id}.",
    "dunning.send_uncertain": "Reminder {id} ({client}): uncertain delivery ({problem}). It will "
                              "not go again by itself: check, then suivi send --confirme {id} "
                              "or --renvoie {id}.",
    "dunning.send_stopped": "Sending stopped: {problem}; {count} message(s) will go at the next "
                            "send.",
    "dunning.stale": "{problems:lines}",
    "dunning.stale_absent": "invoice {number} missing from the workbook",
    "dunning.stale_amount": "invoice {number}: {now:money} due instead of {drafted:money} in the "
                            "draft (a payment recorded since); a reminder with the right amount "
                            "will be prepared on the next run",
    "dunning.stale_duplicate": "number {number} is on several invoice rows (duplicate number: "
                               "fix the copied row first)",
    "dunning.stale_paid": "invoice {number} paid",
    "dunning.stale_closed": "invoice {number} {status}",
    "dunning.stale_dispute": "invoice {number} disputed",
    "dunning.stale_rule": "invoice {number}: {why}",
    "dunning.stale_recipient": "the address of {client} changed since the draft ({drafted:list} "
                               "→ {now:list})",
    "dunning.stale_no_recipient": "{client} has no valid e-mail address in the workbook any more "
                                  "(the draft was to {drafted:list})",
    "dunning.stale_errors": "invoice {number}: its row has an error to fix first (see above)",
    "dunning.stale_currency": "invoice {number} in {currency}: suivi claims euros only "
                              "(foreign currency)",
    "dunning.stale_payment": "invoice {number}: the client has a payment that does not say "
                             "which invoice it pays, or whose amount cannot be read",
    "dunning.stale_credit": "invoice {number}: the client has a credit note that quotes no "
                            "invoice, what it owes is not known",
    "dunning.draft_deleted": "draft deleted ({file})",
    "dunning.draft_mismatch": "file {file} no longer matches draft {id}",
    "dunning.draft_bad_address": "invalid address '{address}' in {file}",
    "dunning.draft_no_recipient": "no recipient in {file}",
    "dunning.no_sender": "no sender address: set [smtp] expediteur",
    "dunning.already_sent": "draft {id} already sent on {at}: no second sending",
    "dunning.superseded": "draft {id} replaced by {by}: send that one",
    "dunning.cancelled": "draft {id} cancelled ({reason})",
    "dunning.unverified": "draft {id} to check: a sending started without the server's answer; "
                          "check, then suivi send --confirme {id} or --renvoie {id}",
    "dunning.draft_state": "draft {id}: state {status}",
    "dunning.unknown_draft": "Unknown draft '{id}' (see brouillons.csv).",
    "dunning.not_pending": "{problem}.",
    "dunning.not_unverified": "'{id}' is not an uncertain sending.",
    "dunning.not_resendable": "'{id}' is neither an uncertain nor a refused sending.",
    "dunning.unverified_pending": "{count} uncertain sending(s): see the digest (suivi send "
                                  "--confirme ID or --renvoie ID).",
    "dunning.resolved_sent": "{count} sending(s) recorded as sent.",
    "dunning.resolved_resend": "{count} sending(s) back in the queue.",
    "dunning.sent_count": "{count} reminder(s) sent.",
    "dunning.held": "{count} open invoice(s) not dunned until the errors on their row are "
                    "fixed: {numbers:list}.",
    "dunning.held_duplicate": "{count} open invoice(s) not dunned while their number is on "
                              "several invoice rows (fix the copied row): {numbers:list}.",
    "dunning.held_currency": "{count} open invoice(s) in another currency not dunned "
                             "(suivi claims euros only): {numbers:list}.",
    "dunning.held_payment": "{count} open invoice(s) not dunned: their client has a payment "
                            "in Paiements that does not say which invoice it pays, or whose "
                            "amount cannot be read (see the warning on its line): "
                            "{numbers:list}.",
    "dunning.held_credit": "{count} open invoice(s) not dunned: their client has a credit "
                           "note that quotes no invoice (see the warning on the credit note): "
                           "{numbers:list}.",
    "dunning.awaiting_decision": "{refused} reminder(s) refused by the server and {unverified} "
                                 "sending(s) to check wait for your decision (see the list "
                                 "above): they will not leave on their own.",
    "dunning.awaiting_decision.hint": "Fix the address in the Clients sheet, or 'suivi send "
                                      "--renvoie ID'; for a sending to check, 'suivi send "
                                      "--confirme ID' if it did arrive. Deleting the .eml draft "
                                      "cancels it.",
    "smtp.unavailable": "sending impossible",
    "smtp.no_host": "no sending server: set [smtp] hote in suivi.toml",
    "smtp.no_password": "SMTP password not found for '{user}': set the environment variable "
                        "{env} or store it in the system keyring (keyring set {service} {user})",
    "smtp.non_ascii_login": "the SMTP user or password holds non-ASCII characters (accents…), "
                            "which SMTP authentication refuses",
    "smtp.auth": "authentication refused by the server ({detail}): check [smtp] utilisateur and "
                 "the password",
    "smtp.not_supported": "the server does not allow this security ([smtp] securite): {detail}",
    "smtp.recipients": "recipient(s) refused by the server: {detail}",
    "smtp.answer": "server answer {detail}",
    "smtp.disconnected": "connection closed by the server ({detail})",
    "smtp.timeout": "timed out waiting for the server",
    "smtp.tls": "TLS error with the server: {detail}",
    "smtp.unreachable": "server unreachable ({detail})",
    "smtp.error": "SMTP error: {detail}",
    "smtp.uncertain": "connection lost after the message was transmitted, before the server's "
                      "answer ({detail})",
    "digest.title": "Reminders of {day:date}",
    "digest.page_title": "To do – reminders of {day:date}",
    "digest.dry_run": " — dry run: nothing was written or sent",
    "digest.dry_run_page": "Dry run: nothing was written or sent.",
    "digest.not_business_day": "Not a business day: no message is prepared or sent today.",
    "digest.reconciled": "{count} action(s) of an earlier run carried into the workbook (its "
                         "write had failed).",
    "digest.nothing": "Nothing to do today.",
    "digest.no_reminder": "No reminder today: nothing to prepare, send or check.",
    "digest.no_reminder_errors": "No reminder prepared today: the errors below may be holding "
                                 "invoices to remind.",
    "digest.step": "{step:step}",
    "digest.amount": "{amount:money}",
    "digest.call": "call {phone}",
    "digest.call_no_phone": "no known phone number",
    "digest.call_detail": "reminder call",
    "digest.letter": "registered letter with acknowledgement of receipt",
    "digest.letter_missing": "PDF letter not produced: to be written",
    "digest.collection": "file ready",
    "digest.prepared_on": "prepared on {day:date}",
    "digest.uncertain": "sending started without the server's answer",
    "digest.email_subject": "suivi – reminders of {day:date}",
    "digest.section.errors": "Errors to fix ({count})",
    "digest.section.unverified": "To check: uncertain sending ({count})",
    "digest.section.refused": "Refused by the server ({count})",
    "digest.section.sent": "Reminders sent ({count})",
    "digest.section.drafted": "Drafts prepared, to review then approve (Oui) in the sheet "
                              "'Relances à envoyer' before 'suivi send' ({count})",
    "digest.section.pending": "Drafts waiting to be sent ({count})",
    "digest.section.failed": "Failed sendings, retried at the next send ({count})",
    "digest.section.cancelled": "Messages cancelled ({count})",
    "digest.section.calls": "Clients to call today ({count})",
    "digest.section.letters": "Formal-notice letters to post, registered with acknowledgement "
                              "({count})",
    "digest.section.collection": "Files to hand over to collection ({count})",
    "digest.section.chorus": "To deposit on Chorus Pro ({count})",
    "digest.help.chorus": "Invoices to public buyers: deposit each file on the Chorus Pro "
                          "portal (Factures émises › Déposer une facture, PDF Factur-X "
                          "format); do not e-mail them.",
    "digest.chorus": "to deposit",
    "digest.chorus_check": "public buyer: first check on Chorus Pro that the invoice is not "
                           "already being paid – {recipients}",
    "digest.section.disputes": "Disputes in progress, reminders paused ({count})",
    "digest.section.promises": "Payment promises, reminders paused ({count})",
    "digest.section.warnings": "Warnings ({count})",
    "digest.help.unverified": "Sending started but suivi did not get the server's answer (line "
                              "cut, hard stop). These messages will NOT be sent again "
                              "automatically. Look in the mailbox's Sent folder (or ask the "
                              "client), then: 'suivi send --confirme ID' if it went out, "
                              "'suivi send --renvoie ID' if not.",
    "digest.help.refused": "The server refused these messages (unknown address, message "
                           "rejected…). They do not go again by themselves and the step does "
                           "not count as done: fix the address in the Clients sheet (a new "
                           "draft will be prepared), or resend them as they are with 'suivi "
                           "send --renvoie ID'.",
    "progress.invoices": "Invoice PDFs",
}
