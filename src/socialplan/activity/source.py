"""An export as the user hands it over: a zip file, a folder or a single file.

Importers see one interface whatever the container, with sizes checked before anything is read
so a zip bomb or a 30 GB file is refused with a clear error instead of filling memory.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from socialplan.errors import (
    FILE_NOT_FOUND,
    FILE_TOO_LARGE,
    NOT_READABLE,
    InputError,
    Problem,
    human_size,
)
from socialplan.i18n import N_

#: One file inside an export; real archives keep each JSON file well below this.
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024
#: All files together, uncompressed.
MAX_TOTAL_BYTES = 16 * 1024 * 1024 * 1024
#: Members up to this size are hashed whole for the fingerprint.
FULL_HASH_BYTES = 64 * 1024 * 1024
BAD_ZIP = N_("this zip file is damaged or not a zip file: {reason}")
EMPTY_EXPORT = N_("the export contains no files")


@dataclass(frozen=True)
class Member:
    """One file of an export: its path inside the export and its size."""

    name: str
    size: int

    @property
    def basename(self) -> str:
        """The file name without folders."""
        return PurePosixPath(self.name).name


class Source:
    """Read-only access to the files of an export."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)
        if not path.exists():
            raise InputError.one(self.label, FILE_NOT_FOUND)
        self._zip: zipfile.ZipFile | None = None
        try:
            if path.is_file() and zipfile.is_zipfile(path):
                self._zip = zipfile.ZipFile(path)
                members = [
                    Member(i.filename, i.file_size)
                    for i in self._zip.infolist()
                    if not i.is_dir() and not _hidden(i.filename)
                ]
            elif path.is_dir():
                members = [
                    Member(p.relative_to(path).as_posix(), p.stat().st_size)
                    for p in sorted(path.rglob("*"))
                    if p.is_file() and not _hidden(p.relative_to(path).as_posix())
                ]
            else:
                members = [Member(path.name, path.stat().st_size)]
        except zipfile.BadZipFile as exc:
            raise InputError.one(self.label, BAD_ZIP, reason=str(exc)) from None
        except OSError as exc:
            raise InputError.one(
                self.label, NOT_READABLE, reason=exc.strerror or str(exc)
            ) from None
        if not members:
            raise InputError.one(self.label, EMPTY_EXPORT)
        total = sum(m.size for m in members)
        if total > MAX_TOTAL_BYTES:
            raise InputError.one(
                self.label,
                FILE_TOO_LARGE,
                size=human_size(total),
                limit=human_size(MAX_TOTAL_BYTES),
            )
        self.members = members

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the zip file, if any."""
        if self._zip is not None:
            self._zip.close()

    def find(self, *basenames: str) -> list[Member]:
        """Members whose file name is one of *basenames* (case-insensitive)."""
        wanted = {b.lower() for b in basenames}
        return [m for m in self.members if m.basename.lower() in wanted]

    def glob(self, suffix: str) -> list[Member]:
        """Members whose path ends with *suffix* (case-insensitive)."""
        return [m for m in self.members if m.name.lower().endswith(suffix.lower())]

    def where(self, member: Member) -> str:
        """How errors name a member: ``export.zip:data/tweets.js``."""
        if self._zip is None and self.path.is_file():
            return self.label
        return f"{self.label}:{member.name}"

    def read_bytes(self, member: Member, limit: int | None = None) -> bytes:
        """The member's content, refusing members above *limit* (default: the module limit)."""
        limit = MAX_MEMBER_BYTES if limit is None else limit
        if member.size > limit:
            raise InputError.one(
                self.where(member),
                FILE_TOO_LARGE,
                size=human_size(member.size),
                limit=human_size(limit),
            )
        try:
            if self._zip is not None:
                with self._zip.open(member.name) as handle:
                    data = handle.read(limit + 1)
            elif self.path.is_dir():
                data = (self.path / member.name).read_bytes()
            else:
                data = self.path.read_bytes()
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise InputError.one(self.where(member), NOT_READABLE, reason=str(exc)) from None
        if len(data) > limit:
            raise InputError.one(
                self.where(member),
                FILE_TOO_LARGE,
                size=human_size(len(data)),
                limit=human_size(limit),
            )
        return data

    def peek(self, member: Member, size: int = 4096) -> bytes:
        """The first *size* bytes of a member, for cheap format detection."""
        try:
            if self._zip is not None:
                with self._zip.open(member.name) as handle:
                    return handle.read(size)
            path = self.path / member.name if self.path.is_dir() else self.path
            with path.open("rb") as handle:
                return handle.read(size)
        except (OSError, zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise InputError.one(self.where(member), NOT_READABLE, reason=str(exc)) from None

    def fingerprint(self) -> str:
        """A hash that is the same for the same export: names, sizes and content checksums.

        A zip already stores a CRC of every member, so nothing is decompressed; files in a
        folder are hashed, except large ones (photos and videos of an archive), whose size,
        first and last megabyte stand for them.
        """
        digest = hashlib.sha256()
        crcs = {i.filename: i.CRC for i in self._zip.infolist()} if self._zip else {}
        for member in sorted(self.members, key=lambda m: m.name):
            digest.update(f"{member.name}\0{member.size}\0".encode())
            if self._zip is not None:
                digest.update(str(crcs.get(member.name)).encode())
                continue
            path = self.path / member.name if self.path.is_dir() else self.path
            try:
                with path.open("rb") as handle:
                    if member.size <= FULL_HASH_BYTES:
                        digest.update(hashlib.sha256(handle.read()).digest())
                    else:
                        digest.update(handle.read(1 << 20))
                        handle.seek(-(1 << 20), 2)
                        digest.update(handle.read(1 << 20))
            except OSError as exc:
                raise InputError.one(
                    self.where(member), NOT_READABLE, reason=exc.strerror or str(exc)
                ) from None
        return digest.hexdigest()

    def iter_members(self) -> Iterator[Member]:
        """Every member, in path order."""
        yield from sorted(self.members, key=lambda m: m.name)

    def problem(
        self, member: Member, message: str, path: str | None = None, **args: object
    ) -> InputError:
        """An import error naming the member and, where known, the item inside it."""
        return InputError([Problem(file=self.where(member), message=message, args=args, path=path)])


def _hidden(name: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(name).parts)
