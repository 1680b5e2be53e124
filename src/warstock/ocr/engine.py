"""Tesseract, in process.

warstock drives Tesseract through tesserocr (the C++ API, one engine per worker process, so a
table cell costs milliseconds instead of a program start) with the language data of Debian's
``tesseract-ocr`` / ``tesseract-ocr-eng`` packages. ``./ws`` installs those packages when they
are missing. Tesseract's orientation detector (OSD) is not used: with Debian's osd model it
aborts the process on some scans, so orientation is decided by reading the page (see
``forms.orient``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from warstock.ocr.cells import CellReader

TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)


class OcrUnavailable(RuntimeError):
    """Tesseract or its English language data is not installed."""


@lru_cache(maxsize=1)
def tessdata_dir() -> str:
    env = os.environ.get("WARSTOCK_TESSDATA") or os.environ.get("TESSDATA_PREFIX")
    candidates = ([env] if env else []) + list(TESSDATA_CANDIDATES)
    for c in candidates:
        if c and (Path(c) / "eng.traineddata").is_file():
            return c.rstrip("/") + "/"
    raise OcrUnavailable(
        "Tesseract's English data (eng.traineddata) was not found in "
        f"{', '.join(candidates)}: install Debian's tesseract-ocr and tesseract-ocr-eng "
        "(./ws does this as root), or set WARSTOCK_TESSDATA")


def version() -> str:
    """The engine version and the language data it reads, for provenance."""
    import tesserocr

    data = tessdata_dir()
    cli = shutil.which("tesseract")
    cli_version = ""
    if cli:
        out = subprocess.run([cli, "--version"], capture_output=True, text=True, check=False)
        cli_version = (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else ""
    return f"tesserocr {tesserocr.__version__}; {tesserocr.tesseract_version().splitlines()[0]}; " \
           f"data {data}; cli {cli_version or 'absent'}"


@dataclass(frozen=True, slots=True)
class Read:
    text: str
    confidence: float  # mean word confidence 0-100; 0 when nothing was read


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    confidence: float
    x0: int
    y0: int
    x1: int
    y1: int


class Engine:
    """One Tesseract instance. Not thread-safe; make one per process."""

    def __init__(self) -> None:
        import tesserocr

        self._t = tesserocr
        self._api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="eng",
                                            oem=tesserocr.OEM.LSTM_ONLY)
        self._whitelist: str | None = None
        self._cells: CellReader | None = None

    @property
    def cells(self) -> CellReader:
        """The second reader for date and code cells (PP-OCR on ONNX Runtime), made on first use."""
        if self._cells is None:
            from warstock.ocr.cells import CellReader

            self._cells = CellReader()
        return self._cells

    def close(self) -> None:
        self._api.End()

    def read(self, gray: np.ndarray, *, psm: str = "block", whitelist: str | None = None) -> Read:
        """Text and mean word confidence of a grayscale image (uint8, dark ink on light)."""
        if gray.size == 0 or gray.shape[0] < 4 or gray.shape[1] < 4:
            return Read("", 0.0)
        mode = {"block": self._t.PSM.SINGLE_BLOCK, "line": self._t.PSM.SINGLE_LINE,
                "sparse": self._t.PSM.SPARSE_TEXT, "word": self._t.PSM.SINGLE_WORD}[psm]
        api = self._api
        api.SetPageSegMode(mode)
        if whitelist != self._whitelist:
            api.SetVariable("tessedit_char_whitelist", whitelist or "")
            self._whitelist = whitelist
        img = np.ascontiguousarray(gray, dtype=np.uint8)
        h, w = img.shape
        api.SetImageBytes(img.tobytes(), w, h, 1, w)
        api.SetSourceResolution(200)
        text = api.GetUTF8Text()
        confs = [c for c in api.AllWordConfidences() if c >= 0]
        return Read(" ".join(text.split()), float(np.mean(confs)) if confs else 0.0)

    def lines(self, gray: np.ndarray) -> list[list[Word]]:
        """The page's lines of words (read as one block of text, so a table row stays one
        line), each word with its confidence and box."""
        return self.read_lines(gray)[1]

    def read_lines(self, gray: np.ndarray, *, psm: str = "block", whitelist: str | None = None
                   ) -> tuple[Read, list[list[Word]]]:
        """``read``, and the words of that one recognition by line, each with its confidence
        and box (in the image's pixels)."""
        t = self._t
        out: list[list[Word]] = []
        r = self.read(gray, psm=psm, whitelist=whitelist)
        if not r.text:
            return r, out  # nothing recognised: the iterator would have no text to give
        it = self._api.GetIterator()
        if it is None:
            return r, out
        level = t.RIL.WORD
        while True:
            text = it.GetUTF8Text(level)
            box = it.BoundingBox(level)
            if text and box:
                if it.IsAtBeginningOf(t.RIL.TEXTLINE) or not out:
                    out.append([])
                out[-1].append(Word(text.strip(), float(it.Confidence(level)), *box))
            if not it.Next(level):
                break
        return r, [line for line in out if line]

    def words(self, gray: np.ndarray, *, psm: str = "sparse") -> list[tuple[str, float]]:
        """Each word with its confidence (for orientation votes), from one recognition."""
        if not self.read(gray, psm=psm).text:
            return []  # nothing recognised (an empty strip): tesserocr would print an error
        return [(w, float(c)) for w, c in self._api.MapWordConfidences()]


@contextmanager
def engine_for(engine: Engine | None) -> Iterator[Engine]:
    """The engine given (a worker's, kept for its next filing), or a new one closed afterwards."""
    if engine is not None:
        yield engine
        return
    own = Engine()
    try:
        yield own
    finally:
        own.close()
