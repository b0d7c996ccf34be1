"""Every message code the source of suivi can produce, found by reading the code (AST).

A code is a string literal passed where a catalogue code is expected:
- `Message.of("code", …)`, `Issue.of(where, "code", severity, variant="v", …)` (→ code and
  code.variant), `report.fail("code")`, `report.note("code")`, `msg("code")`;
- an exception raised as `SomeError("code", …)` when SomeError derives from SuiviError, and the
  class attribute `code = "…"` of such classes;
- prefixes built at run time (`f"smtp.{kind}"`, `f"digest.section.{name}"`…) are listed in
  `DYNAMIC` with the values they take, read from the code that defines them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "suivi"
CALLS = {"of", "fail", "note", "msg"}
#: calls whose argument is the end of a code: expect("int") → config.expect.int…
PREFIXED_CALLS = {
    "expect": "config.expect.",
    "skip": "plan.",
    "ValueProblem": "values.",
    "Failure": "smtp.",
    "progress": "progress.",
}


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _literals(node: ast.AST | None) -> list[str]:
    """The string values an argument can take: a literal, or both sides of `a if c else b`."""
    if node is None:
        return []
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    value = _literal(node)
    return [value] if value else []


def _suivi_errors(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of classes deriving (transitively) from SuiviError."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {
                    b.id
                    if isinstance(b, ast.Name)
                    else b.attr
                    if isinstance(b, ast.Attribute)
                    else ""
                    for b in node.bases
                }
    errors = {"SuiviError"}
    changed = True
    while changed:
        changed = False
        for name, parents in bases.items():
            if name not in errors and parents & errors:
                errors.add(name)
                changed = True
    return errors


def source_codes() -> dict[str, list[str]]:
    """code → places ("file:line") where it is used."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in ROOT.rglob("*.py")}
    errors = _suivi_errors(trees)
    found: dict[str, list[str]] = {}

    def add(code: str | None, path: Path, node: ast.AST, dotted: bool = True) -> None:
        if code and (not dotted or "." in code) and " " not in code:
            found.setdefault(code, []).append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")

    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in errors:
                for item in node.body:
                    if (
                        isinstance(item, ast.Assign)
                        and len(item.targets) == 1
                        and isinstance(item.targets[0], ast.Name)
                        and item.targets[0].id == "code"
                    ):
                        add(_literal(item.value), path, item)
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in errors and node.args:
                for code in _literals(node.args[0]):
                    add(code, path, node)
            prefix = PREFIXED_CALLS.get(name)
            if prefix is not None:
                position = {"skip": 2, "Failure": 2}.get(name, 0)
                if len(node.args) > position:
                    for code in _literals(node.args[position]):
                        add(prefix + code, path, node)
                continue
            if name not in CALLS:
                continue
            owner = (
                func.value.id
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                else ""
            )
            if name == "of" and owner == "Issue" and len(node.args) >= 2:
                keyword = next((k.value for k in node.keywords if k.arg == "variant"), None)
                if keyword is None and len(node.args) >= 4:
                    keyword = node.args[3]
                variants = [""] if keyword is None else _literals(keyword)
                for code in _literals(node.args[1]):
                    for variant in variants:
                        add(f"{code}.{variant}" if variant else code, path, node, dotted=False)
            elif node.args:
                for code in _literals(node.args[0]):
                    add(code, path, node)
    return found


def dynamic_codes() -> set[str]:
    """Codes built at run time from a prefix and a known set of values."""
    from suivi.core.models import Severity
    from suivi.mail.digest import SECTIONS

    codes = {f"cli.severity_{s.value}" for s in Severity}
    codes |= {f"digest.section.{name}" for name, _ in SECTIONS}
    codes |= {f"digest.help.{name}" for name, helped in SECTIONS if helped}
    codes |= {f"dunning.send_{status}" for status in ("failed", "refused", "uncertain")}
    codes |= {"smtp.error", "smtp.uncertain"}
    codes |= {f"date_improbable.{v}" for v in ("future", "series", "old")}
    return codes


def all_codes() -> set[str]:
    return set(source_codes()) | dynamic_codes()
