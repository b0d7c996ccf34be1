"""Work for the team that is not an e-mail: phone calls to make, collection files to hand over."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from suivi.core.models import ZERO
from suivi.core.plan import PlannedTask, TaskKind
from suivi.core.steps import Step

from . import drafts
from .job import DunningJob, money
from .journal import JournalState
from .recorder import Recorder
from .updates import CHANNEL_EMAIL


def carry_out_tasks(tasks: Sequence[PlannedTask], before: JournalState, recorder: Recorder,
                    job: DunningJob, day_dir: Path, files: list[Path]) -> list[str]:
    """Record the day's calls and collection hand-overs (exporting each collection file)."""
    done: list[str] = []
    for task in tasks:
        if task.kind is TaskKind.LETTER:
            continue
        ident = drafts.task_id(job.today, task.client_key, task.client, task.kind.value)
        if ident in before.tasks:
            continue
        export = None
        if task.kind is TaskKind.COLLECTION:
            target = day_dir / drafts.COLLECTION_DIR / drafts.slug(task.client, 40)
            export = target.relative_to(job.folder).as_posix()
            if not recorder.dry_run:
                files.extend(export_collection(task, target, before, job))
        recorder.append({
            "type": "task", "id": ident, "day": job.today, "kind": task.kind.value,
            "client": task.client, "client_key": task.client_key, "phone": task.phone,
            "step": int(max(i.step for i in task.items)), "file": export,
            "items": [{"number": i.number, "row": i.row, "step": int(i.step),
                       "advancing": i.advancing, "amount": str(i.amount_due),
                       "next_step": int(i.next_step) if i.next_step else None,
                       "next_date": i.next_date} for i in task.items],
        })
        done.append(ident)
    return done


def _fmt(day: object) -> str:
    return day.strftime("%d/%m/%Y") if hasattr(day, "strftime") else ""


def export_collection(task: PlannedTask, target: Path, state: JournalState,
                      job: DunningJob) -> list[Path]:
    """Invoice PDFs, reminder history (CSV) and proofs of sending, in one folder."""
    folder = job.folder
    target.mkdir(parents=True, exist_ok=True)
    numbers = set(task.numbers)
    index = job.invoice_index()
    written: list[Path] = []
    for number in sorted(numbers):
        invoice = index.get(number)
        if invoice is not None and invoice.pdf_file:
            source = Path(invoice.pdf_file)
            copied = drafts.copy_into(source if source.is_absolute() else folder / source,
                                      target)
            if copied:
                written.append(copied)
    history = _history_rows(numbers, state, job, target / "preuves", written)
    history_path = target / "historique_relances.csv"
    drafts.write_history_csv(history_path, history)
    readme = target / "LISEZMOI.txt"
    drafts.write_atomic(readme, _summary(task).encode("utf-8"))
    return [*written, history_path, readme]


def _history_rows(numbers: set[str], state: JournalState, job: DunningJob, proofs: Path,
                  written: list[Path]) -> list[tuple[str, ...]]:
    folder = job.folder
    history: list[tuple[str, ...]] = []
    for message in sorted(state.messages.values(), key=lambda m: (m.day, m.id)):
        if not numbers & set(message.numbers):
            continue
        history.append((_fmt(message.day), ", ".join(message.numbers), message.client,
                        Step(message.step).label, CHANNEL_EMAIL, ", ".join(message.recipients),
                        message.status + (f" le {message.sent_at}" if message.sent_at else ""),
                        message.file))
        eml = folder / message.file
        for candidate in (eml.with_suffix(".envoye.eml"), eml):
            copied = drafts.copy_into(candidate, proofs)
            if copied:
                written.append(copied)
                break
        if message.letter:
            copied = drafts.copy_into(folder / message.letter, proofs)
            if copied:
                written.append(copied)
    for entry in job.master.journal:
        if numbers & set(entry.invoice_numbers):
            history.append((_fmt(entry.date), ", ".join(entry.invoice_numbers),
                            entry.client or "", entry.step or "", entry.channel or "",
                            entry.recipient or "", entry.result or "", entry.file or ""))
    return history


def _summary(task: PlannedTask) -> str:
    """LISEZMOI.txt of a collection file (French: it goes to a French collection agency)."""
    total: Decimal = sum((i.amount_due for i in task.items), ZERO)
    lines = [f"Dossier de recouvrement : {task.client}", "", "Factures impayées :"]
    for item in task.items:
        lines.append(f"  - {item.number} : {money(item.amount_due)} restant dû, échéance "
                     f"{_fmt(item.due_date)} ({item.days_late} jours de retard)")
    lines += ["", f"Total : {money(total)}", "",
              "Contenu : copies des factures (PDF), historique_relances.csv, preuves/ (messages "
              "envoyés et lettres de mise en demeure)."]
    return "\n".join(lines) + "\n"
