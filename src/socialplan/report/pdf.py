"""The report as PDF, from the same HTML, with WeasyPrint (no browser, no network)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_pdf(html: str, path: Path) -> None:
    """Render *html* to *path*, whole or not at all; nothing is fetched but data: URIs."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        HTML(string=html, url_fetcher=fetcher).write_pdf(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)
