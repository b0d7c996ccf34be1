"""Review and approve from Excel: every run writes the reminders waiting to be sent to the sheet
« Relances à envoyer »; the team types Oui or Non in its « Envoyer » column; `suivi send` sends
exactly the rows marked Oui and holds the others (still pending, the decision in the journal)."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from production_helpers import (
    REVIEW,
    TODAY,
    add_toml,
    choose,
    invoke,
    overdue_book,
    review_rows,
    seller_config,
)
from test_mail_helpers import Collector, Server, free_port

from suivi.core.models import CellRef, Severity
from suivi.mail.journal import load_state
from suivi.messages import text
from suivi.workbook import update_workbook
from suivi.workbook.read.review import parse_choice, read_review

ALPHA_ID = "20261125-alpha-sarl-relance1-372d"
BETA_ID = "20261125-beta-sas-relance1-9e29"


def reminders(folder: Path, port: int, relances: str = "") -> Path:
    """Two overdue clients (Alpha, Beta), a seller, an SMTP server; returns suivi.toml."""
    overdue_book(folder)
    config = seller_config(folder, smtp=smtp_config_for(port))
    if relances:
        add_toml(config, "[relances]\n" + relances)
    return config


def smtp_config_for(port: int) -> dict:
    return {"hote": "127.0.0.1", "port": port, "securite": "aucune",
            "expediteur": "compta@atelier-dupre.fr", "nom_expediteur": "Atelier Dupré",
            "tentatives": 1, "pause": 0, "delai_connexion": 5, "trousseau": False}


def recipients(server: Server) -> list[str]:
    return sorted(r for m in server.received for r in m.rcpt_tos)


def test_remind_lists_the_drafts_for_review_each_at_non(tmp_path):
    config = reminders(tmp_path, free_port())
    assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
    book = tmp_path / "suivi_factures.xlsx"
    rows = review_rows(book)
    assert [row[:8] for row in rows] == [
        ["Alpha SARL", "Relance 1", "FAC2026-001", 1200.0, "compta@alpha.example",
         f"relances/2026-11-25/{ALPHA_ID}.eml", "Non", date(2026, 11, 25)],
        ["Beta SAS", "Relance 1", "FAC2026-002", 120.0, "jean@beta.example",
         f"relances/2026-11-25/{BETA_ID}.eml", "Non", date(2026, 11, 25)],
    ]
    assert [row[9] for row in rows] == [ALPHA_ID, BETA_ID]
    # the link is a cell hyperlink to the .eml, relative to the workbook's folder
    with zipfile.ZipFile(book) as package:
        rels = [package.read(n).decode() for n in package.namelist()
                if n.startswith("xl/worksheets/_rels/")]
    targets = [t for r in rels for t in re.findall(r'Target="([^"]+\.eml)" '
                                                   r'TargetMode="External"', r)]
    assert targets == [f"relances\\2026-11-25\\{ALPHA_ID}.eml",
                       f"relances\\2026-11-25\\{BETA_ID}.eml"]
    assert (tmp_path / "relances" / "2026-11-25" / f"{ALPHA_ID}.eml").is_file()


def test_send_sends_exactly_the_rows_marked_oui_and_holds_the_others(tmp_path):
    with Server() as server:
        config = reminders(tmp_path, server.port)
        book = tmp_path / "suivi_factures.xlsx"
        assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
        choose(book, {"Beta SAS": "Oui"})  # Alpha stays at Non

        result = invoke("send", "--config", config, "--date", TODAY)
        assert result.exit_code == 0, result.output
        assert recipients(server) == ["jean@beta.example"]
        assert "1 relance(s) marquée(s) Non dans « Relances à envoyer » : retenue(s), elles " \
               "restent en attente." in " ".join(result.output.split())

        # the decision is in the journal; the held draft is still pending, never cancelled
        state = load_state(tmp_path)
        alpha = state.messages[ALPHA_ID]
        assert alpha.pending and alpha.held_on == date(2026, 11, 25)
        assert [e["type"] for e in alpha.events] == ["held"]
        assert state.messages[BETA_ID].status == "envoyé"
        # the sheet now lists what still waits, with the team's choice and why
        [row] = review_rows(book)
        assert (row[0], row[6], row[8], row[9]) == ("Alpha SARL", "Non",
                                                    "retenue le 25/11/2026", ALPHA_ID)

        # sending again changes nothing; a later decision sends the held one
        again = invoke("send", "--config", config, "--date", TODAY)
        assert again.exit_code == 0 and recipients(server) == ["jean@beta.example"]
        assert [e["type"] for e in load_state(tmp_path).messages[ALPHA_ID].events] == ["held"]
        choose(book, {"Alpha SARL": "Oui"})
        later = invoke("send", "--config", config, "--date", "2026-11-26")
        assert later.exit_code == 0, later.output
        assert recipients(server) == ["compta@alpha.example", "jean@beta.example"]
    assert review_rows(book) == [["Aucune relance en attente d'envoi.", "", "", "", "", "", "",
                                  "", "", ""]]


def test_the_teams_choices_survive_a_second_run_the_same_day(tmp_path):
    config = reminders(tmp_path, free_port())
    book = tmp_path / "suivi_factures.xlsx"
    assert invoke("run", "--config", config, "--date", TODAY).exit_code == 0
    choose(book, {"Alpha SARL": "Oui"})
    with zipfile.ZipFile(book) as package:
        before = {n: package.read(n) for n in package.namelist()}
    again = invoke("run", "--config", config, "--date", TODAY)
    assert again.exit_code == 0, again.output
    assert [(row[0], row[6]) for row in review_rows(book)] == [("Alpha SARL", "Oui"),
                                                               ("Beta SAS", "Non")]
    with zipfile.ZipFile(book) as package:
        sheet = _review_part(package)
        assert package.read(sheet) == before[sheet]  # nothing changed: not rewritten


def _review_part(package: zipfile.ZipFile) -> str:
    workbook = package.read("xl/workbook.xml").decode()
    rid = re.search(r'<sheet name="Relances à envoyer" sheetId="\d+" r:id="(rId\d+)"',
                    workbook).group(1)
    rels = package.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).removeprefix("/xl/")


def test_send_id_and_send_tous_do_not_need_the_sheet(tmp_path):
    with Server() as server:
        config = reminders(tmp_path, server.port)
        assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
        one = invoke("send", "--id", ALPHA_ID, "--config", config, "--date", TODAY)
        assert one.exit_code == 0, one.output
        assert recipients(server) == ["compta@alpha.example"]
        rest = invoke("send", "--tous", "--config", config, "--date", TODAY)
        assert rest.exit_code == 0, rest.output
        assert recipients(server) == ["compta@alpha.example", "jean@beta.example"]
    assert not any(e["type"] == "held" for m in load_state(tmp_path).messages.values()
                   for e in m.events)


def test_a_choice_suivi_does_not_understand_holds_the_draft_and_names_the_cell(tmp_path):
    with Server() as server:
        config = reminders(tmp_path, server.port)
        book = tmp_path / "suivi_factures.xlsx"
        assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
        choose(book, {"Alpha SARL": "Peut-être", "Beta SAS": "oui"})
        result = invoke("send", "--config", config, "--date", TODAY, "--json")
        assert result.exit_code == 0
        assert recipients(server) == ["jean@beta.example"]
    warning = next(i for i in __import__("json").loads(result.stdout)["issues"]
                   if i["code"] == "review.bad_choice")
    assert warning["cell"] == "Relances à envoyer!G4"
    assert warning["message"] == ("« Envoyer » vaut « Peut-être » : suivi attend Oui ou Non ; "
                                  "la relance est gardée en attente.")
    assert load_state(tmp_path).messages[ALPHA_ID].held_on == date(2026, 11, 25)


def test_a_recipient_changed_in_the_sheet_holds_the_draft_and_says_where_to_mend_it(tmp_path):
    """A reviewer corrected Alpha's address in the « Destinataire » cell and said Oui: the
    draft went to the old address all the same. It is held and the cell named; the address
    is mended where suivi reads it (Clients), and the draft is then made again for it."""
    import json

    with Server() as server:
        config = reminders(tmp_path, server.port)
        book = tmp_path / "suivi_factures.xlsx"
        assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
        choose(book, {"Alpha SARL": "Oui", "Beta SAS": "Oui"})
        with update_workbook(book) as changes:
            changes.set_cell(REVIEW, "E4", "factures@alpha.example")
        result = invoke("send", "--config", config, "--date", TODAY, "--json")
        assert recipients(server) == ["jean@beta.example"], result.output
        warning = next(i for i in json.loads(result.stdout)["issues"]
                       if i["code"] == "review.recipient_edited")
        assert warning["cell"] == "Relances à envoyer!E4"
        assert "« factures@alpha.example »" in warning["message"]
        assert "feuille Clients" in warning["hint"]
        assert load_state(tmp_path).messages[ALPHA_ID].pending
        # mended in Clients: `send` cancels the old draft, the next run drafts it again for
        # the new address, and once approved it goes there
        with update_workbook(book) as changes:
            changes.set_cell("Clients", "G2", "factures@alpha.example")
        cancelled = invoke("send", "--config", config, "--date", "2026-11-26")
        assert recipients(server) == ["jean@beta.example"]
        assert "compta@alpha.example → factures@alpha.example" in " ".join(
            cancelled.output.split()), cancelled.output
        invoke("remind", "--config", config, "--date", "2026-11-26")
        assert [row[4] for row in review_rows(book)] == ["factures@alpha.example"]
        choose(book, {"Alpha SARL": "Oui"})
        invoke("send", "--config", config, "--date", "2026-11-26")
        assert recipients(server) == ["factures@alpha.example", "jean@beta.example"]


def test_without_the_sheet_send_sends_nothing_and_adds_it(tmp_path):
    import openpyxl

    with Server() as server:
        config = reminders(tmp_path, server.port)
        book = tmp_path / "suivi_factures.xlsx"
        assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
        workbook = openpyxl.load_workbook(book)  # the team deletes the sheet in Excel
        del workbook[REVIEW]
        workbook.save(book)
        result = invoke("send", "--config", config, "--date", TODAY)
        assert result.exit_code == 1
        assert server.received == []
    assert "la feuille « Relances à envoyer » est absente du classeur : rien n'a été envoyé" \
        in " ".join(result.output.split())
    assert [row[6] for row in review_rows(book)] == ["Non", "Non"]


def test_with_direct_sending_new_rows_start_at_oui_and_a_failed_send_waits(tmp_path):
    with Server(Collector(accept_limit=0)) as server:  # answers 421 "try later"
        config = reminders(tmp_path, server.port, 'envoi = "direct"')
        result = invoke("run", "--config", config, "--date", TODAY)
    assert result.exit_code == 1
    rows = review_rows(tmp_path / "suivi_factures.xlsx")
    # the first send failed (and stopped the batch): both wait, approved since envoi = direct
    assert [(row[0], row[6]) for row in rows] == [("Alpha SARL", "Oui"), ("Beta SAS", "Oui")]
    assert rows[0][8] == "dernier envoi en échec : 421 4.3.2 Service not available, try later"
    assert rows[1][8] == ""


def test_direct_sending_leaves_alone_a_draft_marked_non(tmp_path):
    port = free_port()
    config = reminders(tmp_path, port, 'envoi = "direct"')
    book = tmp_path / "suivi_factures.xlsx"
    assert invoke("run", "--config", config, "--date", TODAY).exit_code == 1  # server down
    choose(book, {"Alpha SARL": "Non"})
    with Server() as server:
        text_ = config.read_text("utf-8").replace(f"port = {port}", f"port = {server.port}")
        config.write_text(text_, encoding="utf-8")
        result = invoke("run", "--config", config, "--date", TODAY)
        assert result.exit_code == 0, result.output
        assert recipients(server) == ["jean@beta.example"]
    assert [(row[0], row[6]) for row in review_rows(book)] == [("Alpha SARL", "Non")]


def test_the_workbook_with_its_review_sheet_opens_in_libreoffice(tmp_path, soffice):
    config = reminders(tmp_path, free_port())
    assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
    sheets = soffice.sheets_as_csv(tmp_path / "suivi_factures.xlsx", tmp_path / "lo")
    review = sheets[REVIEW]
    assert review[2][:7] == ["Client", "Étape", "Factures", "Montant dû", "Destinataire",
                             "Brouillon", "Envoyer"]
    assert review[3][0] == "Alpha SARL" and review[3][6] == "Non"
    assert review[3][5] == f"relances/2026-11-25/{ALPHA_ID}.eml"
    flat = soffice.convert(tmp_path / "suivi_factures.xlsx", "fods", tmp_path / "flat")[0]
    links = re.findall(r'xlink:href="([^"]+\.eml)"', flat.read_text("utf-8"))
    # LibreOffice resolves the link from the workbook's folder
    assert [link.rsplit("relances/", 1)[1] for link in links] == [
        f"2026-11-25/{ALPHA_ID}.eml", f"2026-11-25/{BETA_ID}.eml"]


# --------------------------------------------------------------------------- the reader


@pytest.mark.parametrize("value, expected", [
    ("Oui", True), ("oui ", True), ("O", True), ("x", True), (1, True), (True, True),
    ("Yes", True), ("Non", False), ("", False), (None, False), (0, False), ("-", False),
    ("peut-être", None), (2, None),
    # a tick, or a checkbox (Excel stores TRUE / FALSE): the team's way of saying yes or no
    ("✓", True), ("✅", True), ("☑", True), ("❌", False), ("✗", False), (False, False),
])
def test_choices_are_read_as_people_type_them(value, expected):
    assert parse_choice(value) is expected


def test_the_reader_finds_the_header_and_reads_each_row_by_id():
    rows = [["Relances à envoyer", ""], [""], ["Client", "Envoyer", "Remarque", "Identifiant"],
            ["Alpha", "Oui", "", "id-1"], ["", "", "", ""], ["Beta", "bof", "note", "id-2"],
            ["Gamma", "Non", "", ""]]
    sheet = read_review(rows)
    assert [(c.id, c.send, c.where, c.note) for c in sheet.choices] == [
        ("id-1", True, CellRef(REVIEW, 4, "B"), ""),
        ("id-2", False, CellRef(REVIEW, 6, "B"), "note")]
    [issue] = sheet.issues
    assert issue.code == "review.bad_choice" and issue.severity is Severity.WARNING
    assert text(issue, "en") == "'Envoyer' is 'bof': suivi expects Oui or Non; the reminder " \
                                "is kept waiting."


def test_a_row_copied_with_another_choice_holds_the_draft_and_names_both_cells():
    """A row copied in Excel keeps its draft's id: Non in one copy and Oui in the other is a
    doubt, and a doubt never sends; copies that agree count once, silently."""
    rows = [["Relances à envoyer"], [""], ["Client", "Envoyer", "Remarque", "Identifiant"],
            ["Alpha", "Non", "", "id-1"], ["Beta", "Oui", "", "id-2"],
            ["Alpha", "Oui", "", "id-1"], ["Beta", "oui", "", "id-2"]]
    sheet = read_review(rows)
    assert [(c.id, c.send) for c in sheet.choices] == [("id-1", False), ("id-2", True)]
    [issue] = sheet.issues
    assert issue.code == "review.conflicting_choice" and issue.where == CellRef(REVIEW, 6, "B")
    assert text(issue, "fr") == ("la relance id-1 figure aussi en Relances à envoyer!B4 avec un "
                                 "autre choix : elle est gardée en attente.")
    reversed_rows = rows[:3] + [rows[5], rows[4], rows[3]]  # Oui first, the Non copy after
    assert [(c.id, c.send) for c in read_review(reversed_rows).choices] == [
        ("id-1", False), ("id-2", True)]


def test_send_does_not_send_a_draft_whose_copied_row_says_otherwise(tmp_path):
    with Server() as server:
        config = reminders(tmp_path, server.port)
        book = tmp_path / "suivi_factures.xlsx"
        assert invoke("remind", "--config", config, "--date", TODAY).exit_code == 0
        rows = review_rows(book)
        alpha = next(offset for offset, row in enumerate(rows) if row[0] == "Alpha SARL")
        with update_workbook(book) as changes:  # the team copies Alpha's row below, at Oui
            for column, value in zip("ABCDEFGHIJ", rows[alpha]):
                changes.set_cell(REVIEW, f"{column}{4 + len(rows)}", value or None)
            changes.set_cell(REVIEW, f"G{4 + len(rows)}", "Oui")
        choose(book, {"Beta SAS": "Oui"})
        result = invoke("send", "--config", config, "--date", TODAY)
        assert result.exit_code == 0, result.output
        assert recipients(server) == ["jean@beta.example"]
        assert "figure aussi en Relances à envoyer!G" in " ".join(result.output.split())
    assert load_state(tmp_path).messages[ALPHA_ID].pending


def test_a_sheet_without_its_header_is_reported_and_ignored():
    sheet = read_review([["Client", "Décision"], ["Alpha", "Oui"]])
    assert sheet.choices == ()
    assert [i.code for i in sheet.issues] == ["review.no_header"]
