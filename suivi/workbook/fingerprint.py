"""What the workbook looked like when suivi read it, to refuse writing over someone's save."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """Size, modification time and sha256 of the file. Content decides (copies and some
    network drives change the modification time alone); an unchanged size and time is taken
    as unchanged content without hashing again."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: Fingerprint) -> bool:
        return self.size == other.size and self.sha256 == other.sha256

    def still_matches(self, path: str | os.PathLike[str]) -> bool:
        """Whether the file at `path` still holds the content this fingerprint was taken of."""
        info = os.stat(path)
        if (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns):
            return True
        return info.st_size == self.size and fingerprint(path).sha256 == self.sha256


def fingerprint(path: str | os.PathLike[str]) -> Fingerprint:
    digest = hashlib.sha256()
    with open(Path(path), "rb") as handle:
        info = os.fstat(handle.fileno())
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return Fingerprint(info.st_size, info.st_mtime_ns, digest.hexdigest())
