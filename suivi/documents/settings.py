"""Invoice layout settings: named templates the pipeline picks per client.

A :class:`TemplateSettings` sets colours, logo, font family, footer and extra mentions. Its
``text_dir`` points at a user folder of jinja2 text blocks (``fr/`` and ``en/`` sub-folders)
that override the package blocks of the same name; see :mod:`suivi.documents.texts`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")

#: Font families bundled in ``suivi/documents/fonts`` (see fonts/LICENSE.txt).
FONT_FAMILIES: tuple[str, ...] = ("dejavu-sans", "dejavu-serif")


class InvalidTemplate(ValueError):
    """A template setting cannot be used (unknown font family, malformed colour…)."""


@dataclass(frozen=True, slots=True)
class TemplateSettings:
    """Look of one invoice template.

    Colours are ``#RRGGBB`` strings. ``logo_path`` overrides the seller's logo. ``footer_text``
    is printed above the legal footer; ``extra_mentions`` are printed with the legal mentions.
    """

    name: str = "standard"
    primary_color: str = "#1F3A5F"
    accent_color: str = "#E9EEF5"
    logo_path: Path | None = None
    font_family: str = "dejavu-sans"
    footer_text: str | None = None
    extra_mentions: tuple[str, ...] = ()
    text_dir: Path | None = None
    show_qr: bool = True

    def __post_init__(self) -> None:
        if self.font_family not in FONT_FAMILIES:
            raise InvalidTemplate(
                f"Police inconnue « {self.font_family} » (choix : {', '.join(FONT_FAMILIES)}) / "
                f"unknown font family"
            )
        for colour in (self.primary_color, self.accent_color):
            parse_color(colour)


def parse_color(value: str) -> tuple[int, int, int]:
    """``#1F3A5F`` → ``(31, 58, 95)``; raise :class:`InvalidTemplate` when malformed."""
    match = _HEX.match(value.strip())
    if not match:
        raise InvalidTemplate(f"Couleur invalide « {value} » (attendu #RRVVBB) / invalid colour")
    digits = match.group(1)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


#: Templates shipped with suivi; the pipeline may add its own with :func:`template_registry`.
DEFAULT_TEMPLATES: Mapping[str, TemplateSettings] = {
    "standard": TemplateSettings(),
    "classique": TemplateSettings(
        name="classique",
        primary_color="#2F4F3A",
        accent_color="#EEF3EC",
        font_family="dejavu-serif",
    ),
    "sobre": TemplateSettings(
        name="sobre", primary_color="#333333", accent_color="#F0F0F0", show_qr=False
    ),
}


def template_registry(
    extra: Mapping[str, TemplateSettings] | None = None,
) -> dict[str, TemplateSettings]:
    """The default templates updated with ``extra`` (same name → replaced)."""
    registry = dict(DEFAULT_TEMPLATES)
    registry.update(extra or {})
    return registry


def pick_template(
    registry: Mapping[str, TemplateSettings], name: str | None
) -> TemplateSettings:
    """Template called ``name`` (``standard`` when empty); unknown names raise InvalidTemplate."""
    if not name:
        return registry.get("standard", TemplateSettings())
    if name not in registry:
        raise InvalidTemplate(
            f"Modèle de facture inconnu « {name} » (disponibles : {', '.join(sorted(registry))})"
            f" / unknown invoice template"
        )
    return registry[name]
