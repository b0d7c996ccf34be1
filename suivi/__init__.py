"""suivi: suivi des factures clients dans un classeur Excel maître."""

__version__ = "0.1.0"
