"""Reading message files from an upload, a zip, or a folder (for the nightly run)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from .messages import MAX_MESSAGE_BYTES

MAX_ZIP_MEMBERS = 100_000


def from_upload(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """One XML file, or a zip of many (members that are not .xml are skipped)."""
    if name.lower().endswith(".zip"):
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if m.filename.lower().endswith(".xml")]
            for member in sorted(members, key=lambda m: m.filename)[:MAX_ZIP_MEMBERS]:
                if member.file_size > MAX_MESSAGE_BYTES:
                    # parse() refuses it by size without inflating a zip bomb.
                    yield member.filename, b"x" * (MAX_MESSAGE_BYTES + 1)
                    continue
                yield member.filename, archive.read(member)
    else:
        yield name, data


def from_path(path: Path) -> Iterator[tuple[str, bytes]]:
    """A file (XML or zip) or a folder of them, in name order."""
    paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in paths:
        if file.suffix.lower() in {".xml", ".zip"}:
            yield from from_upload(file.name, file.read_bytes())
