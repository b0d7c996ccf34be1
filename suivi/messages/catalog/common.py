"""Messages shared by every part of suivi (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    "error.generic": "Une erreur est survenue.",
    "os.disk_full": "Impossible d'écrire « {path} » : le disque est plein (ou le quota atteint). "
                    "Libérez de la place (les anciennes sauvegardes dans .suivi/sauvegardes, "
                    "« suivi purge »), puis relancez : rien n'a été envoyé, et ce qui a été "
                    "préparé sera repris sans doublon.",
    "os.denied": "Impossible d'écrire « {path} » : accès refusé (droits insuffisants, dossier en "
                 "lecture seule, ou fichier ouvert par un autre programme). Vérifiez les droits "
                 "sur ce dossier (ou fermez le fichier), puis relancez.",
    "os.not_dir": "Impossible de créer le dossier « {path} » : un fichier porte déjà ce nom. "
                  "Renommez ou déplacez ce fichier, ou choisissez un autre dossier dans "
                  "suivi.toml, puis relancez.",
    "os.other": "Impossible d'accéder à « {path} » : {reason}. Vérifiez le dossier (disque "
                "réseau déconnecté ?), puis relancez.",
}

EN: dict[str, str] = {
    "error.generic": "An error occurred.",
    "os.disk_full": "Cannot write '{path}': the disk is full (or the quota reached). Free some "
                    "space (old backups in .suivi/sauvegardes, 'suivi purge'), then run again: "
                    "nothing was sent, and what was prepared is taken up again without "
                    "duplicates.",
    "os.denied": "Cannot write '{path}': access denied (insufficient rights, read-only folder, "
                 "or file open in another program). Check the rights on this folder (or close "
                 "the file), then run again.",
    "os.not_dir": "Cannot create the folder '{path}': a file already has that name. Rename or "
                  "move that file, or choose another folder in suivi.toml, then run again.",
    "os.other": "Cannot access '{path}': {reason}. Check the folder (network drive "
                "disconnected?), then run again.",
}
