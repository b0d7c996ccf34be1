"""A team that numbered its invoices « F2026-001 »… for years adopts suivi. With no pattern in
suivi.toml, suivi numbered its next invoice « FAC2026-001 »: a second series beside the team's,
starting again at 1. New numbers now follow the workbook's own series, said in a warning; a
series suivi cannot reproduce stops the numbering, with the line of suivi.toml that fixes it."""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest
from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli
from suivi.core.numbering import learned_pattern

CLIENTS = [["Nom", "Adresse", "Code postal", "Ville", "Email", "SIREN"],
           ["Alpha", "1 rue de la Paix", "75002", "Paris", "compta@alpha.example", "732829320"]]
HEADER = ["N° facture", "Client", "Date facture", "Montant TTC", "Montant réglé"]


def numbered(numbers, *, unnumbered=1):
    """Alpha's invoices numbered by the team, all paid, then rows typed today, unnumbered."""
    rows = [[n, "Alpha", date(2026, 1, 5) + timedelta(days=7 * i), 100, 100]
            for i, n in enumerate(numbers)]
    rows += [[None, "Alpha", date(2026, 11, 30), 250, None]] * unnumbered
    return {"Factures": [HEADER, *rows], "Clients": CLIENTS}


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def numbers_in(book):
    return [r[0] for r in openpyxl.load_workbook(book)["Factures"].iter_rows(
        min_row=2, values_only=True)]


def test_new_invoices_follow_the_teams_own_series(in_folder):
    book = book_of(in_folder / "suivi.xlsx", numbered([f"F2026-{i:03d}" for i in range(1, 18)],
                                                       unnumbered=2))
    result = invoke("run", book, "--date", "2026-12-01")
    assert numbers_in(book)[-2:] == ["F2026-018", "F2026-019"], result.output
    said = " ".join(result.output.split())
    assert "numérotées comme « F2026-017 »" in said and "« F{AAAA}-{NNN} »" in said
    assert "FAC2026" not in said


def test_numbers_typed_as_numbers_go_on_as_numbers(in_folder):
    """1, 2, 3… typed as numbers: the next is the number 4, not the text « 4 » (Excel's
    « nombre stocké sous forme de texte », out of the team's sorts and lookups); a number
    with leading zeros stays text, as its zeros would be lost."""
    book = book_of(in_folder / "suivi.xlsx", numbered(list(range(1, 18)), unnumbered=2))
    result = invoke("run", book, "--date", "2026-12-01")
    assert numbers_in(book)[-2:] == [18, 19], result.output
    (in_folder / "zeros").mkdir()
    again = book_of(in_folder / "zeros" / "suivi.xlsx",
                    numbered([f"{i:04d}" for i in range(1, 4)]))
    invoke("run", again, "--date", "2026-12-01")
    assert numbers_in(again)[-1] == "0004"


def test_the_pattern_written_in_suivi_toml_wins(in_folder):
    book = book_of(in_folder / "suivi.xlsx", numbered([f"F2026-{i:03d}" for i in range(1, 6)]))
    (in_folder / "suivi.toml").write_text(
        '[classeur]\nfichier = "suivi.xlsx"\n[factures]\nnumero = "FA-{AAAA}-{NNNN}"\n',
        encoding="utf-8")
    result = invoke("run", "--config", in_folder / "suivi.toml", "--date", "2026-12-01")
    assert numbers_in(book)[-1] == "FA-2026-0001", result.output
    assert "numérotées comme" not in " ".join(result.output.split())


def test_a_series_suivi_cannot_follow_is_not_numbered_and_said(in_folder):
    """« F2026-11-017 » holds a month suivi would have to guess: nothing is numbered (a
    second series would be worse than waiting), an error names the cell and the fix."""
    book = book_of(in_folder / "suivi.xlsx",
                   numbered([f"F2026-{m:02d}-{i:03d}" for i, m in ((1, 1), (2, 3), (3, 6))]))
    result = invoke("run", book, "--date", "2026-12-01")
    assert numbers_in(book)[-1] is None, result.output
    said = " ".join(result.output.split())
    assert "« F2026-06-003 », un modèle que suivi ne sait pas reprendre" in said
    assert "Factures!A4" in said  # the latest number's cell
    assert '[factures] numero = "…"' in said
    assert result.exit_code == 1


def test_a_workbook_already_in_suivis_series_stays_in_it(in_folder):
    book = book_of(in_folder / "suivi.xlsx",
                   numbered([f"FAC2026-{i:03d}" for i in range(1, 4)]))
    result = invoke("run", book, "--date", "2026-12-01")
    assert numbers_in(book)[-1] == "FAC2026-004", result.output
    assert "numérotées comme" not in " ".join(result.output.split())


@pytest.mark.parametrize("numbers, pattern", [
    ([f"F2026-{i:03d}" for i in range(1, 18)], "F{AAAA}-{NNN}"),
    ([f"2026/{i:04d}" for i in range(1, 5)], "{AAAA}/{NNNN}"),
    ([f"FA-{i}" for i in range(117, 125)], "FA-{NNN}"),
    ([f"F2026-{i}" for i in range(5, 15)], "F{AAAA}-{N}"),
    ([f"FAC2026{i:03d}" for i in range(5, 15)], "FAC{AAAA}{NNN}"),
    ([f"FAC-2026-{i:03d}" for i in range(1, 9)], "FAC-{AAAA}-{NNN}"),
    ([f"F{i:03d}" for i in range(1, 9)], "F{NNN}"),
    ([f"F2026-11-{i:03d}" for i in range(5, 15)], None),  # a month, or a code: not guessed
    (["F2026-017", "2026-11-F3"], None),  # two shapes
    ([f"F2026-{i:03d}" for i in range(1, 5)] + ["F2026-0005"], None),  # two widths
    ([], None),
])
def test_the_pattern_of_a_teams_numbers(numbers, pattern):
    days = [date(2026, 1, 1) + timedelta(days=i) for i in range(len(numbers))]
    assert learned_pattern(zip(numbers, days)) == pattern


def test_the_counter_of_last_year_and_this_year(tmp_path):
    numbers = [(f"F2025-{i:03d}", date(2025, 12, i)) for i in range(1, 9)]
    numbers += [(f"F2026-{i:03d}", date(2026, 1, i)) for i in range(1, 4)]
    assert learned_pattern(numbers) == "F{AAAA}-{NNN}"
