"""Messages shared by every part of suivi (French, then English)."""
from __future__ import annotations

FR: dict[str, str] = {
    "error.generic": "Une erreur est survenue.",
}

EN: dict[str, str] = {
    "error.generic": "An error occurred.",
}
