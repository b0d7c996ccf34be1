"""Zip plumbing for the lossless writer: raw member copy, streaming deflate, a small zip writer.

Untouched members are copied as their original compressed bytes (no decompress/recompress), so
their content is identical by construction and copying is as fast as the disk. Rewritten members
are deflated in a background thread (zlib releases the GIL) while the main thread produces them.

The writer emits classic (non-zip64) archives: an .xlsx never approaches 4 GiB or 65,535 parts;
if one did, ZipLimitExceeded is raised instead of writing a broken archive.
"""
from __future__ import annotations

import io
import queue
import struct
import threading
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO, cast

_LOCAL_SIG = b"PK\x03\x04"
_LOCAL_FMT = "<4s2B4HL2L2H"
_LOCAL_SIZE = struct.calcsize(_LOCAL_FMT)
_CENTRAL_FMT = "<4s4B4HL2L5H2L"
_END_FMT = "<4s4H2LH"
_LIMIT = 0xFFFFFFFF
_FLAG_DATA_DESCRIPTOR = 0x08
_FLAG_UTF8 = 0x800
COPY_CHUNK = 1 << 20


class ZipLimitExceeded(Exception):
    """The archive would need zip64 (a part ≥ 4 GiB or more than 65,535 parts)."""


@dataclass(frozen=True, slots=True)
class MemberMeta:
    """What the central directory says about one member (all a raw copy needs)."""

    name: str
    method: int
    flag_bits: int
    date_time: tuple[int, int, int, int, int, int]
    crc: int
    compress_size: int
    file_size: int
    external_attr: int
    internal_attr: int
    create_system: int
    header_offset: int


def meta_from_info(info: zipfile.ZipInfo) -> MemberMeta:
    return MemberMeta(info.filename, info.compress_type, info.flag_bits, info.date_time, info.CRC,
                      info.compress_size, info.file_size, info.external_attr, info.internal_attr,
                      info.create_system, info.header_offset)


def new_meta(name: str, like: MemberMeta | None = None) -> MemberMeta:
    """Metadata for a part written by suivi: copied from `like` (same name) or fresh."""
    if like is not None:
        return like
    now = time.localtime()[:6]
    stamp = (max(now[0], 1980), now[1], now[2], now[3], now[4], now[5])
    return MemberMeta(name, zipfile.ZIP_DEFLATED, 0, stamp, 0, 0, 0, 0o600 << 16, 0, 0, 0)


def raw_chunks(fp: BinaryIO, meta: MemberMeta) -> Iterator[bytes]:
    """The stored (compressed) bytes of a member, read after its local header."""
    fp.seek(meta.header_offset)
    header = fp.read(_LOCAL_SIZE)
    if len(header) != _LOCAL_SIZE or header[:4] != _LOCAL_SIG:
        raise zipfile.BadZipFile(f"bad local header for {meta.name}")
    fields = struct.unpack(_LOCAL_FMT, header)
    fp.seek(fields[-2] + fields[-1], io.SEEK_CUR)
    remaining = meta.compress_size
    while remaining:
        chunk = fp.read(min(COPY_CHUNK, remaining))
        if not chunk:
            raise zipfile.BadZipFile(f"truncated member {meta.name}")
        remaining -= len(chunk)
        yield chunk


def _dos_stamp(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    year = min(max(year, 1980), 2107)
    return ((year - 1980) << 9 | month << 5 | day), (hour << 11 | minute << 5 | second // 2)


def _encode_name(name: str, flag_bits: int) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), flag_bits & ~_FLAG_UTF8
    except UnicodeEncodeError:
        return name.encode("utf-8"), flag_bits | _FLAG_UTF8


class ZipWriter:
    """Sequential zip writer: local header + data per member, central directory on close."""

    def __init__(self, fp: BinaryIO) -> None:
        self._fp = fp
        self._central: list[bytes] = []
        self._offset = fp.tell()

    def add(self, meta: MemberMeta, chunks: Iterable[bytes]) -> None:
        """Write one member whose crc/sizes in `meta` describe the (already compressed) chunks."""
        if max(meta.compress_size, meta.file_size, self._offset) >= _LIMIT:
            raise ZipLimitExceeded(meta.name)
        name, flags = _encode_name(meta.name, meta.flag_bits & ~_FLAG_DATA_DESCRIPTOR)
        dos_date, dos_time = _dos_stamp(meta.date_time)
        version = 20
        header = struct.pack(_LOCAL_FMT, _LOCAL_SIG, version, 0, flags, meta.method, dos_time,
                             dos_date, meta.crc, meta.compress_size, meta.file_size, len(name), 0)
        offset = self._offset
        self._fp.write(header)
        self._fp.write(name)
        written = 0
        for chunk in chunks:
            self._fp.write(chunk)
            written += len(chunk)
        if written != meta.compress_size:
            raise zipfile.BadZipFile(f"{meta.name}: wrote {written} bytes, "
                                     f"expected {meta.compress_size}")
        self._offset += len(header) + len(name) + written
        self._central.append(struct.pack(
            _CENTRAL_FMT, b"PK\x01\x02", version, meta.create_system, version, 0, flags,
            meta.method, dos_time, dos_date, meta.crc, meta.compress_size, meta.file_size,
            len(name), 0, 0, 0, meta.internal_attr, meta.external_attr, offset) + name)

    def add_bytes(self, meta: MemberMeta, data: bytes, level: int = 6) -> None:
        """Deflate `data` and write it under `meta` (name, dates, attributes)."""
        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        body = compressor.compress(data) + compressor.flush()
        self.add(replace(meta, method=zipfile.ZIP_DEFLATED, crc=zlib.crc32(data),
                         compress_size=len(body), file_size=len(data)), [body])

    def close(self, comment: bytes = b"") -> None:
        if len(self._central) > 0xFFFF:
            raise ZipLimitExceeded("too many parts")
        start = self._offset
        for record in self._central:
            self._fp.write(record)
        size = sum(len(r) for r in self._central)
        if start + size >= _LIMIT:
            raise ZipLimitExceeded("archive too large")
        comment = comment[:0xFFFF]
        self._fp.write(struct.pack(_END_FMT, b"PK\x05\x06", 0, 0, len(self._central),
                                   len(self._central), size, start, len(comment)) + comment)


@dataclass(frozen=True, slots=True)
class Deflated:
    """A member produced by DeflateSink: compressed chunks plus what the zip headers need."""

    chunks: list[bytes]
    crc: int
    file_size: int
    compress_size: int

    def meta(self, like: MemberMeta) -> MemberMeta:
        return replace(like, method=zipfile.ZIP_DEFLATED, crc=self.crc,
                       file_size=self.file_size, compress_size=self.compress_size)


_STOP = object()


class DeflateSink:
    """Accepts uncompressed bytes in order; deflates them in a worker thread.

    Small writes are gathered into ~1 MiB batches. `finish()` returns the Deflated result.
    Large parts use a fast compression level: a 100k-row sheet is ~85 MB of XML, and level 6
    would cost more than a second; level 1 costs ~30% more disk for a fraction of the time.
    """

    BATCH = 1 << 20

    def __init__(self, level: int) -> None:
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._queue: queue.Queue[object] = queue.Queue(maxsize=8)
        self._pending: list[bytes | memoryview] = []
        self._pending_size = 0
        self._out: list[bytes] = []
        self._crc = 0
        self._size = 0
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="suivi-deflate", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        compressor, out = self._compressor, self._out
        try:
            while True:
                item = self._queue.get()
                if item is _STOP:
                    out.append(compressor.flush())
                    return
                data = cast("bytes | memoryview", item)
                self._crc = zlib.crc32(data, self._crc)
                self._size += len(data)
                piece = compressor.compress(data)
                if piece:
                    out.append(piece)
        except BaseException as exc:
            self._error = exc
            while self._queue.get() is not _STOP:
                pass

    def write(self, data: bytes | memoryview) -> None:
        """Queue `data` (bytes or a memoryview, not modified afterwards) for compression."""
        size = len(data)
        if not size:
            return
        if size >= self.BATCH // 4:  # big pieces go as they are: joining would copy them
            self._flush_pending()
            self._queue.put(data)
            return
        self._pending.append(data)
        self._pending_size += size
        if self._pending_size >= self.BATCH:
            self._flush_pending()

    def _flush_pending(self) -> None:
        if self._pending:
            self._queue.put(b"".join(self._pending))
            self._pending, self._pending_size = [], 0

    def finish(self) -> Deflated:
        self._flush_pending()
        self._queue.put(_STOP)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return Deflated(self._out, self._crc, self._size, sum(len(c) for c in self._out))

    def abandon(self) -> None:
        """Stop the worker after an error in the producer."""
        self._pending = []
        self._queue.put(_STOP)
        self._thread.join()


def level_for(size_hint: int) -> int:
    """Compression level for a rewritten part of about `size_hint` uncompressed bytes."""
    return 6 if size_hint < 8 << 20 else 1

