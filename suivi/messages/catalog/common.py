"""Messages of the common domain (French, then English). Keys are stable codes."""
from __future__ import annotations

FR: dict[str, str] = {
}

EN: dict[str, str] = {
}
