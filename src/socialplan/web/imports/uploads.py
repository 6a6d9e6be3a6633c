"""Receiving uploads: streamed to disk, stopped at the size limit, kept under a name we chose.

The limit is ``UPLOAD_LIMIT_MB`` (``SOCIALPLAN_UPLOAD_LIMIT_MB``). The handler below stands
first in ``FILE_UPLOAD_HANDLERS`` so it sees every chunk before Django's temporary-file handler
writes it, and stops the upload as soon as the limit is passed: an oversized export never
reaches the disk, and the view tells the user why.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import IO

from django.conf import settings
from django.core.files.move import file_move_safe
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

#: Suffixes of the files importers read; any other suffix is dropped from the stored name.
SAFE_SUFFIXES = frozenset({".zip", ".json", ".js", ".csv", ".car", ".xlsx", ".xls"})
#: Room for the multipart envelope and the form's other fields around the file itself.
ENVELOPE_BYTES = 64 * 1024
_UNSAFE = re.compile(r"[^\w.-]", re.UNICODE)
_STEM_CHARS = 100


def upload_limit() -> int:
    """The largest upload accepted, in bytes."""
    return int(settings.UPLOAD_LIMIT_MB * 1024 * 1024)


class LimitedUploadHandler(FileUploadHandler):
    """Stops a request's uploads once they pass the limit; :func:`limit_exceeded` tells."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = upload_limit()
        self.received = 0
        self.exceeded = False

    def handle_raw_input(
        self,
        input_data: IO[bytes],
        META: dict[str, str],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        # A declared size far beyond the limit is refused at the first file, unread.
        if content_length > self.limit + ENVELOPE_BYTES:
            self.exceeded = True

    def new_file(
        self,
        field_name: str,
        file_name: str,
        content_type: str,
        content_length: int | None,
        charset: str | None = None,
        content_type_extra: dict[str, bytes] | None = None,
    ) -> None:
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        if self.exceeded:
            # Fields before the file (the CSRF token) are kept; the rest is read and dropped,
            # so the browser gets the page that explains, not a reset connection.
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        return None


def limit_exceeded(request: HttpRequest) -> bool:
    """Whether the request's upload was stopped at the size limit."""
    request.FILES  # noqa: B018 - parsing the body runs the upload handlers
    return any(
        isinstance(handler, LimitedUploadHandler) and handler.exceeded
        for handler in request.upload_handlers
    )


def safe_name(original: str) -> str:
    """A file name made from the user's: no folders, no hidden files, only plain characters.

    The name is kept (cleaned) rather than replaced because importers recognise single-file
    exports by it (``result.json``, ``outbox.json``, LinkedIn's ``<page>_content_<t>.xlsx``) and
    the store tells a re-upload by it; the folder around it is always one we generate.
    """
    base = PureWindowsPath(PurePosixPath(original).name).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}" if f".{suffix.lower()}" in SAFE_SUFFIXES else ""
    stem = _UNSAFE.sub("", stem.strip().replace(" ", "_")).lstrip(".")[:_STEM_CHARS]
    return (stem or "export") + suffix


def store_upload(uploaded: UploadedFile, data_dir: Path) -> Path:
    """Keep *uploaded* in a new folder under *data_dir*/uploads; the path relative to data_dir."""
    folder = Path("uploads") / uuid.uuid4().hex
    target = data_dir / folder / safe_name(uploaded.name or "")
    target.parent.mkdir(parents=True)
    if isinstance(uploaded, TemporaryUploadedFile):
        # Already on disk: move it rather than copy half a gigabyte.
        file_move_safe(uploaded.temporary_file_path(), str(target))
    else:
        with target.open("xb") as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
    return target.relative_to(data_dir)
