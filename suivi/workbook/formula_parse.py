"""Reading spreadsheet formulas: tokens, a syntax tree, the cells a formula refers to, and the
formula of a shared-formula dependent (references moved). Pure.

suivi reads formulas for one purpose: when it writes a cell, the cached results of the formulas
that depend on it must follow (`formula_eval` computes those it can, the writer drops the
others). The grammar covers what row formulas use — numbers, texts, booleans, errors, cell
references and ranges (with or without a sheet), operators, function calls. Anything else (a
defined name, a structured reference `Table[Col]`, an array constant) still yields the
references that can be read, with `opaque` set: the formula may depend on anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .xlsx_values import MAX_COL, MAX_ROW, CellRange, column_index, column_letters

_SHEET = r"(?:'(?:[^']|'')+'|[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff]*)!"
_CELL = r"\$?[A-Za-z]{1,3}\$?\d{1,7}"
_REF_RE = re.compile(
    rf"(?P<sheet>{_SHEET})?(?P<ref>{_CELL}(?::{_CELL})?|\$?[A-Za-z]{{1,3}}:\$?[A-Za-z]{{1,3}}"
    r"|\$?\d{1,7}:\$?\d{1,7})(?![\w(\[!.])")
_NAME_RE = re.compile(r"[A-Za-z_\\\u00c0-\uffff][\w.\u00c0-\uffff]*")
_NUMBER_RE = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_ERROR_RE = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!)")
_OPERATORS = ("<>", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "^", "&", "%", "(", ")", ",")
_PART_RE = re.compile(r"(\$?)([A-Za-z]{1,3})?(\$?)(\d{1,7})?")


class Unsupported(ValueError):
    """A formula outside the grammar: its references are still read, `opaque`."""


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num, str, bool, err, ref, func, name, op
    text: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference: its sheet (None: the formula's own), its area, as written."""

    sheet: str | None
    area: CellRange
    text: str


@dataclass(frozen=True, slots=True)
class Node:
    """A syntax tree node: `kind` is num, str, bool, err, ref, call, neg, pct or an operator;
    `value` the literal, function name or Ref; `args` the operands."""

    kind: str
    value: object = None
    args: tuple[Node, ...] = ()


def _sheet_name(raw: str | None) -> str | None:
    if not raw:
        return None
    name = raw[:-1]
    return name[1:-1].replace("''", "'") if name.startswith("'") else name


def _bound(part: str, last: bool) -> tuple[int, int]:
    """(row, col) of one end of a reference; a missing row or column spans the sheet."""
    m = _PART_RE.fullmatch(part)
    if m is None:
        raise Unsupported(part)
    col = column_index(m.group(2)) if m.group(2) else (MAX_COL if last else 1)
    row = int(m.group(4)) if m.group(4) else (MAX_ROW if last else 1)
    return row, col


def parse_ref(sheet: str | None, text: str) -> Ref:
    first, _, second = text.partition(":")
    r1, c1 = _bound(first, False)
    r2, c2 = _bound(second or first, bool(second))
    if not second:
        r2, c2 = r1, c1
    return Ref(_sheet_name(sheet), CellRange(min(r1, r2), min(c1, c2), max(r1, r2),
                                             max(c1, c2)), text)


def tokenize(formula: str) -> list[Token]:
    """The tokens of a formula (without its leading "="); Unsupported outside the grammar."""
    tokens: list[Token] = []
    i, n = 0, len(formula)
    while i < n:
        ch = formula[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if ch == '"':
            end = i + 1
            while True:
                end = formula.find('"', end)
                if end < 0:
                    raise Unsupported("unterminated text")
                if formula.startswith('""', end):
                    end += 2
                    continue
                break
            tokens.append(Token("str", formula[i + 1:end].replace('""', '"')))
            i = end + 1
            continue
        if (m := _ERROR_RE.match(formula, i)) is not None:
            tokens.append(Token("err", m.group(0)))
        elif (m := _REF_RE.match(formula, i)) is not None and not (
                m.group("sheet") is None and formula[m.end():m.end() + 1] == "("):
            tokens.append(Token("ref", m.group(0)))
        elif ch.isdigit() or (ch == "." and formula[i + 1:i + 2].isdigit()):
            m = _NUMBER_RE.match(formula, i)
            assert m is not None
            tokens.append(Token("num", m.group(0)))
        elif (m := _NAME_RE.match(formula, i)) is not None:
            word = m.group(0)
            after = formula[m.end():m.end() + 1]
            if after == "(":
                tokens.append(Token("func", word.upper().removeprefix("_XLFN.")))
            elif word.upper() in ("TRUE", "FALSE"):
                tokens.append(Token("bool", word.upper()))
            else:
                raise Unsupported(f"name {word}")  # a defined name or a structured reference
        else:
            op = next((o for o in _OPERATORS if formula.startswith(o, i)), None)
            if op is None:
                raise Unsupported(f"character {ch!r}")
            tokens.append(Token("op", op))
            i += len(op)
            continue
        i = m.end()
    return tokens


class _Parser:
    """Precedence (low → high): comparison, &, + -, * /, ^, %, unary minus."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, op: str | None = None) -> Token:
        token = self.peek()
        if token is None or (op is not None and (token.kind != "op" or token.text != op)):
            raise Unsupported(f"expected {op or 'a value'}")
        self.i += 1
        return token

    def binary(self, level: int) -> Node:
        levels = (("=", "<>", "<", ">", "<=", ">="), ("&",), ("+", "-"), ("*", "/"), ("^",))
        if level == len(levels):
            return self.unary()
        node = self.binary(level + 1)
        while (token := self.peek()) is not None and token.kind == "op" \
                and token.text in levels[level]:
            self.i += 1
            node = Node(token.text, None, (node, self.binary(level + 1)))
        return node

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "op" and token.text in ("-", "+"):
            self.i += 1
            inner = self.unary()
            return Node("neg", None, (inner,)) if token.text == "-" else inner
        node = self.primary()
        while (token := self.peek()) is not None and token.kind == "op" and token.text == "%":
            self.i += 1
            node = Node("pct", None, (node,))
        return node

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "num":
            try:
                return Node("num", Decimal(token.text))
            except InvalidOperation:
                raise Unsupported(token.text) from None
        if token.kind in ("str", "err"):
            return Node(token.kind, token.text)
        if token.kind == "bool":
            return Node("bool", token.text == "TRUE")
        if token.kind == "ref":
            m = _REF_RE.fullmatch(token.text)
            assert m is not None
            return Node("ref", parse_ref(m.group("sheet"), m.group("ref")))
        if token.kind == "func":
            self.take("(")
            args: list[Node] = []
            if not self._at(")"):
                args.append(self.binary(0))
                while self._at(","):
                    self.take(",")
                    args.append(self.binary(0))
            self.take(")")
            return Node("call", token.text, tuple(args))
        if token.kind == "op" and token.text == "(":
            node = self.binary(0)
            self.take(")")
            return node
        raise Unsupported(f"unexpected {token.text}")

    def _at(self, op: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "op" and token.text == op


def parse_formula(formula: str) -> Node:
    """The syntax tree of a formula (with or without its leading "=")."""
    parser = _Parser(tokenize(formula.removeprefix("=")))
    node = parser.binary(0)
    if parser.peek() is not None:
        raise Unsupported("trailing tokens")
    return node


@dataclass(frozen=True, slots=True)
class Dependencies:
    """The references of a formula; `opaque`: it may also depend on cells not listed (names,
    structured references, INDIRECT/OFFSET, text not understood)."""

    refs: tuple[Ref, ...]
    opaque: bool


_OPAQUE_FUNCTIONS = frozenset({"INDIRECT", "OFFSET", "INDEX", "CELL", "INFO"})


def _walk(node: Node, refs: list[Ref]) -> bool:
    opaque = node.kind == "call" and node.value in _OPAQUE_FUNCTIONS
    if node.kind == "ref":
        assert isinstance(node.value, Ref)
        refs.append(node.value)
    for arg in node.args:
        opaque = _walk(arg, refs) or opaque
    return opaque


def dependencies(formula: str) -> Dependencies:
    """What a formula refers to; a formula outside the grammar gives the references found in
    its text (outside quoted texts), opaque."""
    return analyse(formula)[0]


def analyse(formula: str) -> tuple[Dependencies, Node | None]:
    """The references of a formula and its tree (None outside the grammar), parsed once."""
    try:
        tree = parse_formula(formula)
    except Unsupported:
        text = re.sub(r'"(?:[^"]|"")*"', '""', formula)
        found = tuple(parse_ref(m.group("sheet"), m.group("ref"))
                      for m in _REF_RE.finditer(text)
                      if not text[:m.start()].endswith(("_", ".")) and _is_ref_start(text, m))
        return Dependencies(found, True), None
    refs: list[Ref] = []
    opaque = _walk(tree, refs)
    return Dependencies(tuple(refs), opaque), tree


def _is_ref_start(text: str, m: re.Match[str]) -> bool:
    before = text[m.start() - 1:m.start()]
    return not (before.isalnum() or before in ("$", "'"))


def translate(formula: str, rows: int, cols: int) -> str:
    """The formula moved by `rows` and `cols`: relative references shift, `$` parts stay (how
    a shared formula's dependents read). Texts in quotes are left alone."""
    out: list[str] = []
    pos = 0
    for m in re.finditer(r'"(?:[^"]|"")*"|' + _REF_RE.pattern, formula):
        if m.group(0).startswith('"') or not _is_ref_start(formula, m):
            continue
        out.append(formula[pos:m.start()])
        sheet = m.group("sheet") or ""
        parts = [_shift(part, rows, cols) for part in m.group("ref").split(":")]
        out.append(sheet + ":".join(parts))
        pos = m.end()
    out.append(formula[pos:])
    return "".join(out)


def _shift(part: str, rows: int, cols: int) -> str:
    m = _PART_RE.fullmatch(part)
    if m is None:
        return part
    dollar_col, letters, dollar_row, digits = m.groups()
    text = ""
    if letters:
        col = column_index(letters) if dollar_col else column_index(letters) + cols
        text += dollar_col + column_letters(max(1, min(col, MAX_COL)))
    if digits:
        row = int(digits) if dollar_row else int(digits) + rows
        text += dollar_row + str(max(1, min(row, MAX_ROW)))
    return text
