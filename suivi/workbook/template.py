"""The master workbook template, built with xlsxwriter.

`build_master` writes a new workbook (it never touches an existing one: that is the lossless
writer's job). `suivi init` uses it empty; `suivi demo` fills it with demo data. The empty
template is also committed as `workbook_templates/suivi_factures.xlsx`; a test proves that the
committed file matches what this code builds.
"""
from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from suivi.core.models import Status

MONEY_FORMAT = '#,##0.00\\ "€"'
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = '0.0" %"'
FIXED_CREATED = datetime(2026, 1, 1, 0, 0, 0)

# (header, kind, width). Kinds: text, date, money, int, list:<name>, formula.
INVOICE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("N° facture", "text", 14),
    ("Date facture", "date", 12),
    ("Client", "text", 30),
    ("Désignation", "text", 36),
    ("Montant HT", "money", 13),
    ("TVA", "money", 12),
    ("Montant TTC", "money", 13),
    ("Conditions de paiement", "list:terms", 20),
    ("Échéance", "date", 12),
    ("Montant réglé", "money", 13),
    ("Date de règlement", "date", 13),
    ("Reste dû", "formula", 13),
    ("Statut", "list:status", 20),
    ("Niveau de relance", "int", 10),
    ("Dernière action", "text", 26),
    ("Date dernière action", "date", 13),
    ("Prochaine action", "text", 26),
    ("Date prochaine action", "date", 13),
    ("Commercial", "text", 14),
    ("N° bon de commande", "text", 16),
    ("Litige", "list:yesno", 8),
    ("Promesse de paiement", "date", 13),
    ("Notes", "text", 30),
    ("Fichier facture", "text", 28),
    ("Type de pièce", "list:kind", 12),
    ("Nature", "list:nature", 11),
    ("Mention facture", "text", 36),
    ("N° d'engagement", "text", 16),
    ("Période facturée", "text", 14),
)

CLIENT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Client", "text", 30),
    ("Type", "list:client_type", 14),
    ("SIREN", "text", 12),
    ("N° TVA", "text", 16),
    ("Adresse", "text", 40),
    ("Adresse de livraison", "text", 34),
    ("Email facturation", "text", 30),
    ("Téléphone", "text", 16),
    ("Conditions de paiement", "list:terms", 20),
    ("Plafond d'encours", "money", 14),
    ("Langue", "list:lang", 8),
    ("Relances", "list:yesno", 9),
    ("Modèle", "text", 12),
    ("SIRET", "text", 16),
    ("Code service", "text", 14),
    ("Engagement obligatoire", "list:yesno", 12),
)

LINE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("N° facture", "text", 14),
    ("Désignation", "text", 44),
    ("Quantité", "number", 10),
    ("Unité", "text", 8),
    ("Prix unitaire HT", "money", 15),
    ("Taux TVA", "percent", 9),
    ("Montant HT", "formula", 14),
    ("Nature", "list:nature", 11),
)

PAYMENT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Date", "date", 12),
    ("Montant", "money", 13),
    ("N° facture", "text", 14),
    ("Client", "text", 30),
    ("Mode de règlement", "list:method", 16),
    ("Référence", "text", 30),
    ("Relevé", "text", 22),
    ("Id opération", "text", 20),
)

INSTALLMENT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("N° facture", "text", 14),
    ("Échéance", "date", 12),
    ("Montant", "money", 13),
)

JOURNAL_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Date", "date", 12),
    ("Facture(s)", "text", 26),
    ("Client", "text", 28),
    ("Étape", "text", 20),
    ("Canal", "text", 12),
    ("Destinataire", "text", 30),
    ("Résultat", "text", 22),
    ("Fichier", "text", 40),
)

CONTRACT_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Client", "text", 30),
    ("Désignation", "text", 36),
    ("Montant HT", "money", 13),
    ("Taux TVA", "percent", 9),
    ("Fréquence", "list:frequency", 14),
    ("Début", "date", 12),
    ("Fin", "date", 12),
    ("Jalons", "text", 40),
    ("Dernière période facturée", "text", 16),
)

LISTS: dict[str, tuple[str, ...]] = {
    "status": tuple(s.value for s in Status),
    "client_type": ("Société", "Particulier", "Association", "Administration"),
    "yesno": ("Oui", "Non"),
    "lang": ("fr", "en"),
    "terms": ("À réception", "30 jours", "45 jours fin de mois", "60 jours"),
    "method": ("Virement", "Chèque", "Carte", "Prélèvement", "Espèces"),
    "frequency": ("mensuelle", "trimestrielle", "semestrielle", "annuelle", "jalons"),
    "kind": ("facture", "acompte", "avoir"),
    "nature": ("biens", "services"),
}

# Lists that users may extend (terms like "40 jours"): Excel only informs instead of refusing.
SOFT_LISTS = {"terms", "status"}
TEMPLATE_ROWS = 2000  # rows covered by validation and conditional formatting


@dataclass
class MasterData:
    """Rows to put in a new master (demo data). Values are Python objects; None = empty."""

    invoices: list[list[Any]] = field(default_factory=list)
    clients: list[list[Any]] = field(default_factory=list)
    lines: list[list[Any]] = field(default_factory=list)
    payments: list[list[Any]] = field(default_factory=list)
    journal: list[list[Any]] = field(default_factory=list)
    contracts: list[list[Any]] = field(default_factory=list)
    installments: list[list[Any]] = field(default_factory=list)


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.header = wb.add_format({**base, "bold": True, "font_color": "#FFFFFF",
                                     "bg_color": "#1F4E79", "text_wrap": True, "valign": "vcenter",
                                     "border": 1, "border_color": "#BFBFBF"})
        self.text = wb.add_format({**base, "num_format": "@"})
        self.plain = wb.add_format(base)
        self.date = wb.add_format({**base, "num_format": DATE_FORMAT, "align": "left"})
        self.money = wb.add_format({**base, "num_format": MONEY_FORMAT})
        self.int = wb.add_format({**base, "num_format": "0", "align": "center"})
        self.number = wb.add_format({**base, "num_format": "0.##"})
        self.percent = wb.add_format({**base, "num_format": PERCENT_FORMAT})
        self.title = wb.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E79"})
        self.note = wb.add_format({"italic": True, "font_color": "#595959", "text_wrap": True,
                                   "valign": "top"})
        self.red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        self.orange = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"})
        self.green = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})

    def for_kind(self, kind: str):
        if kind == "date":
            return self.date
        if kind in ("money", "formula"):
            return self.money
        if kind == "int":
            return self.int
        if kind == "number":
            return self.number
        if kind == "percent":
            return self.percent
        if kind == "text":
            return self.text
        return self.plain


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)  # xlsxwriter's API; the XML gets the shortest repr, exact for cents
    return value


def _write_table(wb: xlsxwriter.Workbook, fm: _Formats, name: str,
                 columns: Sequence[tuple[str, str, int]], rows: Sequence[Sequence[Any]],
                 formulas: dict[str, tuple[str, Any]] | None = None,
                 conditional: bool = False) -> xlsxwriter.worksheet.Worksheet:
    """A sheet holding one Excel Table with French headers, formats, widths and validations.

    `formulas` maps a header to (formula for row n with "{r}" placeholder, function row → value)
    so that formula cells carry a cached value readers can use before Excel recalculates.
    """
    ws = wb.add_worksheet(name)
    ws.freeze_panes(1, 0)
    ws.set_row(0, 30)
    formulas = formulas or {}
    n_rows = max(len(rows), 1)
    last_col = len(columns) - 1
    ws.add_table(0, 0, n_rows, last_col, {
        "name": name,
        "style": "Table Style Medium 2",
        "columns": [{"header": header, "header_format": fm.header} for header, _, _ in columns],
    })
    for c, (header, kind, width) in enumerate(columns):
        ws.set_column(c, c, width, fm.for_kind(kind))
        if kind.startswith("list:"):
            key = kind.split(":", 1)[1]
            options = {"validate": "list", "source": list(LISTS[key]),
                       "input_title": header, "input_message": "Choisissez dans la liste."}
            if key in SOFT_LISTS:
                options["error_type"] = "information"
                options["error_title"] = header
                options["error_message"] = "Valeur hors liste : vérifiez qu'elle est voulue."
            else:
                options["error_title"] = header
                options["error_message"] = "Choisissez une valeur de la liste."
            ws.data_validation(1, c, TEMPLATE_ROWS, c, options)
        if kind == "int":
            ws.data_validation(1, c, TEMPLATE_ROWS, c, {
                "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 6,
                "error_title": header, "error_message": "Niveau de relance : un nombre de 0 à 6."})
    header_index = {header: c for c, (header, _, _) in enumerate(columns)}
    for r, row in enumerate(rows, start=1):
        for c, (header, kind, _) in enumerate(columns):
            value = row[c] if c < len(row) else None
            fmt = fm.for_kind(kind)
            if header in formulas:
                formula, compute = formulas[header]
                ws.write_formula(r, c, formula.format(r=r + 1), fmt, _cell_value(compute(row)))
            elif value is None or value == "":
                continue
            elif isinstance(value, (date, datetime)):
                ws.write_datetime(r, c, value if isinstance(value, datetime)
                                  else datetime(value.year, value.month, value.day), fmt)
            elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                ws.write_number(r, c, _cell_value(value), fmt)
            else:
                ws.write_string(r, c, str(value), fmt)
    if conditional:
        _invoice_conditional_formats(ws, fm, header_index, last_col)
    return ws


def _invoice_conditional_formats(ws, fm: _Formats, col: dict[str, int], last_col: int) -> None:
    """Overdue rows in red, due within 7 days in orange, paid in green."""
    due = xl_col_to_name(col["Échéance"])
    rest = xl_col_to_name(col["Reste dû"])
    ttc = xl_col_to_name(col["Montant TTC"])
    rng = (1, 0, TEMPLATE_ROWS, last_col)
    ws.conditional_format(*rng, {
        "type": "formula", "format": fm.green, "stop_if_true": True,
        "criteria": f'=AND(${ttc}2<>"",N(${rest}2)<=0)'})
    ws.conditional_format(*rng, {
        "type": "formula", "format": fm.red, "stop_if_true": True,
        "criteria": f'=AND(N(${rest}2)>0,${due}2<>"",${due}2<TODAY())'})
    ws.conditional_format(*rng, {
        "type": "formula", "format": fm.orange,
        "criteria": f'=AND(N(${rest}2)>0,${due}2<>"",${due}2>=TODAY(),${due}2<=TODAY()+7)'})


def _balance(row: Sequence[Any]) -> Any:
    ttc, paid = row[6], row[9]
    if ttc in (None, ""):
        return ""
    return Decimal(str(ttc)) - Decimal(str(paid or 0))


def _line_net(row: Sequence[Any]) -> Any:
    qty, price = row[2], row[4]
    if price in (None, ""):
        return ""
    return (Decimal(str(qty or 1)) * Decimal(str(price))).quantize(Decimal("0.01"))


def build_master(target: str | os.PathLike | io.BytesIO, data: MasterData | None = None) -> None:
    """Write a new master workbook to `target` (a path that must not exist yet, or a buffer)."""
    data = data or MasterData()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
               "strings_to_urls": False}
    wb = xlsxwriter.Workbook(target, options)
    wb.set_properties({
        "title": "Suivi des factures clients",
        "subject": "Classeur maître suivi",
        "author": "suivi",
        "comments": "Créé par suivi. Ne renommez pas les feuilles Journal et Indicateurs.",
        "created": FIXED_CREATED,
    })
    wb.set_calc_mode("auto")
    fm = _Formats(wb)
    col = {h: xl_col_to_name(i) for i, (h, _, _) in enumerate(INVOICE_COLUMNS)}
    balance_formula = (f'=IF({col["Montant TTC"]}{{r}}="","",'
                       f'{col["Montant TTC"]}{{r}}-N({col["Montant réglé"]}{{r}}))')
    invoice_rows = data.invoices or [[None] * len(INVOICE_COLUMNS)]
    _write_table(wb, fm, "Factures", INVOICE_COLUMNS, invoice_rows,
                 formulas={"Reste dû": (balance_formula, _balance)}, conditional=True)
    _write_table(wb, fm, "Clients", CLIENT_COLUMNS, data.clients)
    line_formula = "=IF(E{r}=\"\",\"\",ROUND(IF(C{r}=\"\",1,C{r})*E{r},2))"
    line_rows = data.lines or [[None] * len(LINE_COLUMNS)]
    _write_table(wb, fm, "Lignes", LINE_COLUMNS, line_rows,
                 formulas={"Montant HT": (line_formula, _line_net)})
    _write_table(wb, fm, "Paiements", PAYMENT_COLUMNS, data.payments)
    _write_table(wb, fm, "Échéancier", INSTALLMENT_COLUMNS, data.installments)
    _write_table(wb, fm, "Journal", JOURNAL_COLUMNS, data.journal)
    _write_table(wb, fm, "Contrats", CONTRACT_COLUMNS, data.contracts)
    ws = wb.add_worksheet("Indicateurs")
    ws.set_column(0, 0, 60)
    ws.write(0, 0, "Indicateurs", fm.title)
    ws.write(2, 0, "Cette feuille est remplie par suivi à chaque exécution de « suivi run » : "
                   "encours, DSO, délais de paiement, balance âgée, prévisions d'encaissement.",
             fm.note)
    wb.get_worksheet_by_name("Factures").activate()
    wb.close()
    if isinstance(target, io.BytesIO):
        target.seek(0)


def master_bytes(data: MasterData | None = None) -> bytes:
    buffer = io.BytesIO()
    build_master(buffer, data)
    return buffer.getvalue()
