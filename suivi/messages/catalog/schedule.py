"""Messages of the schedule domain (`suivi schedule`): French, then English."""
from __future__ import annotations

FR: dict[str, str] = {
    "schedule.error_prefix": "Erreur :",
    "schedule.error": "la tâche planifiée n'a pas pu être préparée.",
    "schedule.bad_time": (
        "--heure « {value} » : indiquez une heure entre 00:00 et 23:59, par exemple 08:00 ou "
        "8h30."),
    "schedule.bad_wait": (
        "--attendre « {value} » : indiquez une durée d'au plus {limit} heures, par exemple 2h, "
        "1h30, 45min ou 0 (ne pas attendre)."),
    "schedule.wait_note": (
        "Si le classeur est ouvert à cette heure-là (Excel, LibreOffice), suivi réessaie chaque "
        "minute pendant {wait} ; au-delà, il abandonne jusqu'au lendemain (code 3, dans le "
        "journal)."),
    "schedule.missing_time": (
        "indiquez l'heure de la tâche avec --heure, par exemple « suivi schedule --heure "
        "08:00 » (ou --supprimer pour retirer la tâche)."),
    "schedule.bad_day": (
        "--jours « {spec} » : « {value} » n'est pas un jour. Écrivez par exemple lun-ven, "
        "lun,mer,ven, sam-dim ou tous (en anglais : mon-fri)."),
    "schedule.no_entity": (
        "« {folder} » ne contient ni suivi.toml ni {workbook}, ni de sous-dossier avec un "
        "suivi.toml : indiquez le dossier de votre classeur (--dossier), ou lancez la commande "
        "dans ce dossier."),
    "schedule.no_entity.others": (
        "« {folder} » ne contient ni suivi.toml ni {workbook}, mais il contient {files:quoted} : "
        "la tâche lancera suivi dans ce dossier, qui doit savoir quel classeur suivre. Créez "
        "suivi.toml avec, dans la section [classeur] : fichier = \"{first}\", puis relancez "
        "la commande."),
    "schedule.not_a_folder": (
        "« {folder} » n'existe pas ou n'est pas un dossier : indiquez le dossier qui contient "
        "suivi.toml et le classeur."),
    "schedule.two_folders": (
        "deux dossiers indiqués (« {first} » et --dossier « {second} ») : n'en donnez qu'un."),
    "schedule.other_workbook": (
        "suivi.toml de « {folder} » désigne le classeur « {configured} », pas « {given} » : la "
        "tâche lancerait « suivi run » sur « {configured} ». Corrigez [classeur] fichier dans "
        "suivi.toml, ou mettez ce classeur dans son propre dossier."),
    "schedule.no_launcher": (
        "Lancer_suivi.bat est introuvable (cherché dans « {install} » et « {folder} ») : "
        "lancez d'abord Installer_suivi.bat, qui l'écrit, ou indiquez-le avec --lanceur."),
    "schedule.schtasks_failed": (
        "Windows a refusé de créer la tâche « {name} » (schtasks, code {status}) : {output}"),
    "schedule.schtasks_delete_failed": (
        "la tâche « {name} » n'a pas pu être supprimée (schtasks, code {status}) : {output}"),
    "schedule.crontab_failed": "votre crontab n'a pas pu être lue ou écrite : {reason}",
    "schedule.empty_password": (
        "mot de passe vide : la tâche ne pourrait pas s'exécuter sans session ouverte. "
        "Relancez et saisissez le mot de passe de {user}."),
    "schedule.password_prompt": "Mot de passe Windows de {user} (gardé par Windows pour la tâche)",
    "schedule.days_all": "tous les jours",
    "schedule.days_range": "du {first} au {last}",
    "schedule.days_list": "chaque {days}",
    "schedule.day0": "lundi",
    "schedule.day1": "mardi",
    "schedule.day2": "mercredi",
    "schedule.day3": "jeudi",
    "schedule.day4": "vendredi",
    "schedule.day5": "samedi",
    "schedule.day6": "dimanche",
    "schedule.task_description": (
        "Travail quotidien de suivi (suivi run) sur le dossier {folder}. Créée par « suivi "
        "schedule » ; pour la retirer : suivi schedule --supprimer."),
    "schedule.windows_created": (
        "Tâche planifiée « {name} » créée : {days} à {time}, sur le dossier « {folder} »."),
    "schedule.windows_interactive": (
        "Elle s'exécute seulement quand {user} a une session Windows ouverte (même "
        "verrouillée). Pour qu'elle s'exécute aussi quand personne n'est connecté, relancez "
        "avec --sans-session : Windows demandera votre mot de passe et le gardera pour la "
        "tâche."),
    "schedule.windows_without_session": (
        "Elle s'exécute même si personne n'est connecté, avec le compte {user} : Windows garde "
        "son mot de passe pour la tâche. Quand ce mot de passe change, relancez cette commande."),
    "schedule.windows_unc": (
        "Le lecteur réseau {drive} est remplacé par son chemin réseau « {unc} » : une tâche "
        "planifiée ne voit pas les lettres de lecteur réseau."),
    "schedule.windows_try": (
        "Pour l'essayer tout de suite : schtasks /Run /TN \"{name}\". Le résultat s'affiche "
        "dans le Planificateur de tâches (0 tout va bien, 1 problèmes trouvés, 2 classeur "
        "inutilisable, 3 classeur ouvert ailleurs)."),
    "schedule.windows_removed": "Tâche planifiée « {name} » supprimée.",
    "schedule.windows_command": "Commande : {command}",
    "schedule.cron_created": "Ligne ajoutée à votre crontab ({days} à {time}) :",
    "schedule.cron_replaced": "Elle remplace la ligne précédente de suivi pour ce dossier.",
    "schedule.cron_log": (
        "Chaque exécution ajoute son compte rendu à « {log} ». L'ordinateur doit être allumé "
        "à cette heure-là ; « crontab -l » montre la ligne."),
    "schedule.cron_removed": (
        "{count:num} ligne(s) de suivi retirée(s) de votre crontab pour « {folder} »."),
    "schedule.cron_none": "Aucune tâche suivi pour « {folder} » dans votre crontab.",
}

EN: dict[str, str] = {
    "schedule.error_prefix": "Error:",
    "schedule.error": "the scheduled task could not be prepared.",
    "schedule.bad_time": (
        "--heure '{value}': give a time between 00:00 and 23:59, for example 08:00 or 8h30."),
    "schedule.bad_wait": (
        "--attendre '{value}': give a duration of at most {limit} hours, for example 2h, 1h30, "
        "45min or 0 (do not wait)."),
    "schedule.wait_note": (
        "If the workbook is open at that time (Excel, LibreOffice), suivi tries again every "
        "minute for {wait}; after that it gives up until the next day (code 3, in the log)."),
    "schedule.missing_time": (
        "give the time of the task with --heure, for example 'suivi schedule --heure 08:00' "
        "(or --supprimer to remove the task)."),
    "schedule.bad_day": (
        "--jours '{spec}': '{value}' is not a day. Write for example mon-fri, mon,wed,fri, "
        "sat-sun or all (in French: lun-ven)."),
    "schedule.no_entity": (
        "'{folder}' holds neither suivi.toml nor {workbook}, nor a sub-folder with a "
        "suivi.toml: give the folder of your workbook (--dossier), or run the command in that "
        "folder."),
    "schedule.no_entity.others": (
        "'{folder}' holds neither suivi.toml nor {workbook}, but it holds {files:quoted}: the "
        "task will start suivi in that folder, which must know which workbook to follow. "
        "Create suivi.toml with, in section [classeur]: fichier = \"{first}\", then run the "
        "command again."),
    "schedule.not_a_folder": (
        "'{folder}' does not exist or is not a folder: give the folder that holds suivi.toml "
        "and the workbook."),
    "schedule.two_folders": (
        "two folders given ('{first}' and --dossier '{second}'): give only one."),
    "schedule.other_workbook": (
        "suivi.toml in '{folder}' names the workbook '{configured}', not '{given}': the task "
        "would run 'suivi run' on '{configured}'. Fix [classeur] fichier in suivi.toml, or "
        "put this workbook in its own folder."),
    "schedule.no_launcher": (
        "Lancer_suivi.bat not found (looked in '{install}' and '{folder}'): run "
        "Installer_suivi.bat first, which writes it, or give it with --lanceur."),
    "schedule.schtasks_failed": (
        "Windows refused to create the task '{name}' (schtasks, code {status}): {output}"),
    "schedule.schtasks_delete_failed": (
        "the task '{name}' could not be deleted (schtasks, code {status}): {output}"),
    "schedule.crontab_failed": "your crontab could not be read or written: {reason}",
    "schedule.empty_password": (
        "empty password: the task could not run without a session. Run again and type the "
        "password of {user}."),
    "schedule.password_prompt": "Windows password of {user} (kept by Windows for the task)",
    "schedule.days_all": "every day",
    "schedule.days_range": "{first} to {last}",
    "schedule.days_list": "every {days}",
    "schedule.day0": "Monday",
    "schedule.day1": "Tuesday",
    "schedule.day2": "Wednesday",
    "schedule.day3": "Thursday",
    "schedule.day4": "Friday",
    "schedule.day5": "Saturday",
    "schedule.day6": "Sunday",
    "schedule.task_description": (
        "suivi's daily job (suivi run) on the folder {folder}. Created by 'suivi schedule'; "
        "to remove it: suivi schedule --supprimer."),
    "schedule.windows_created": (
        "Scheduled task '{name}' created: {days} at {time}, on the folder '{folder}'."),
    "schedule.windows_interactive": (
        "It runs only while {user} has a Windows session open (even locked). To make it run "
        "when nobody is logged on, run again with --sans-session: Windows will ask for your "
        "password and keep it for the task."),
    "schedule.windows_without_session": (
        "It runs even when nobody is logged on, as {user}: Windows keeps the password for "
        "the task. When that password changes, run this command again."),
    "schedule.windows_unc": (
        "The network drive {drive} is replaced by its network path '{unc}': a scheduled task "
        "does not see network drive letters."),
    "schedule.windows_try": (
        "To try it now: schtasks /Run /TN \"{name}\". The result shows in Task Scheduler "
        "(0 all good, 1 problems found, 2 workbook unusable, 3 workbook open elsewhere)."),
    "schedule.windows_removed": "Scheduled task '{name}' removed.",
    "schedule.windows_command": "Command: {command}",
    "schedule.cron_created": "Line added to your crontab ({days} at {time}):",
    "schedule.cron_replaced": "It replaces suivi's previous line for this folder.",
    "schedule.cron_log": (
        "Each run appends its report to '{log}'. The computer must be on at that time; "
        "'crontab -l' shows the line."),
    "schedule.cron_removed": (
        "{count:num} suivi line(s) removed from your crontab for '{folder}'."),
    "schedule.cron_none": "No suivi task for '{folder}' in your crontab.",
}
