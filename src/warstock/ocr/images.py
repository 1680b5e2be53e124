"""Page images for OCR: scanned PDF pages (rendered by PDFium) and GIF/PNG/TIFF page images,
all brought to 8-bit grayscale at one working resolution."""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np

WORK_DPI = 200  # cells of the paper forms are 0.2-0.3 in tall: 40-60 px here
LETTER_SHORT_IN = 8.5


class PageError(ValueError):
    """A page image that cannot be read."""


def pdf_pages(data: bytes, dpi: int = WORK_DPI) -> Iterator[tuple[int, np.ndarray | PageError]]:
    """(1-based page number, grayscale image or the reason it could not be rendered)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PageError(f"not a readable PDF: {exc}") from exc
    try:
        for i in range(len(pdf)):
            try:
                page = pdf[i]
                bitmap = page.render(scale=dpi / 72, grayscale=True)
                arr = bitmap.to_numpy()
                yield i + 1, np.ascontiguousarray(arr[:, :, 0] if arr.ndim == 3 else arr)
            except Exception as exc:  # one bad page must not lose the others
                yield i + 1, PageError(f"page {i + 1} cannot be rendered: {exc}")
    finally:
        pdf.close()


def scanned_pdf(data: bytes) -> list[tuple[int, np.ndarray | PageError]]:
    """Every page of a scanned PDF, or PageError saying why the file is not one (empty, not a
    PDF, unreadable)."""
    if not data:
        raise PageError("empty file (0 bytes)")
    if not data.startswith(b"%PDF"):
        raise PageError("not a PDF")
    return list(pdf_pages(data))


def image_page(data: bytes) -> np.ndarray:
    """A GIF/PNG/TIFF page image as grayscale, scaled so the short side is 8.5 in at WORK_DPI."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        raise PageError("empty image file (0 bytes)")
    try:
        im = Image.open(io.BytesIO(data))
        im.load()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise PageError(f"unreadable image: {exc}") from exc
    gray = np.asarray(im.convert("L"))
    short = min(gray.shape)
    target = int(LETTER_SHORT_IN * WORK_DPI)
    if short > target * 1.15:
        import cv2

        f = target / short
        gray = cv2.resize(gray, (round(gray.shape[1] * f), round(gray.shape[0] * f)), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(gray)
