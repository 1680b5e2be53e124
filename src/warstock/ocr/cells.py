"""A second reader for the date cells: PP-OCR's text-line recognition model (PaddleOCR's
PP-OCRv4 "rec" network, trained on printed and handwritten lines), run by ONNX Runtime on CPU.

The model ships inside the ``rapidocr-onnxruntime`` wheel (Apache-2.0); warstock uses only
its recognition network and the character list stored in the model, not RapidOCR's page
pipeline (detection, angle classification), because a form's date cell is already one line
of writing: one network pass per cell, about 10 ms on one core, where a whole page takes
RapidOCR ~9 s. The wheel is installed without its dependencies (``./ws`` does so), since
those would add a second OpenCV build beside ``opencv-python-headless``.

Decoding is greedy CTC restricted to the characters a date can hold (digits, ``/ - .``):
the network's choice among those only, each character with its probability, and the
runner-up character where the network hesitated (a slash read as a 1 is the common case,
which the date grammar in ``dates.py`` resolves).
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

PACKAGE = "rapidocr_onnxruntime"
MODEL = "models/ch_PP-OCRv4_rec_infer.onnx"
HEIGHT = 48  # the network's input height
DATE_CHARS = "0123456789/-."


class CellReaderUnavailable(RuntimeError):
    """ONNX Runtime or the PP-OCR recognition model is not installed."""


@lru_cache(maxsize=1)
def model_path() -> Path:
    spec = importlib.util.find_spec(PACKAGE)  # located without importing it (its page pipeline needs more)
    if spec is None or not spec.submodule_search_locations:
        raise CellReaderUnavailable(
            f"the PP-OCR recognition model (Python package {PACKAGE}) is not installed: "
            f"pip install --no-deps -c constraints.txt {PACKAGE}==1.4.4 (./ws does this)")
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL
    if not path.is_file():
        raise CellReaderUnavailable(f"{path} is missing from the installed {PACKAGE}")
    return path


def version() -> str:
    from importlib.metadata import version as dist_version

    import onnxruntime

    return f"onnxruntime {onnxruntime.__version__}; {PACKAGE} {dist_version(PACKAGE.replace('_', '-'))} " \
           f"({MODEL.rsplit('/', 1)[-1]})"


@dataclass(frozen=True, slots=True)
class CellRead:
    text: str
    confidence: float  # 0-100: the mean probability of the characters read (0 when none)
    chars: tuple[tuple[str, float, str, float], ...] = ()  # (char, p, runner-up char, its p) per character


def text_box(gray: np.ndarray) -> np.ndarray:
    """The writing in a cell, cropped close (the network reads lines cut out by a text
    detector, the letters filling most of the height): the box around the pieces of ink at
    least 5 px tall, with a margin of a fifth of their height. The cell as given when it holds
    no such ink."""
    if gray.size == 0:
        return gray
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if gray.min() > 160:  # nothing dark in the cell: Otsu would split the paper's own grain
        return gray
    n, _, stats, _ = cv2.connectedComponentsWithStats((bw > 0).astype(np.uint8), connectivity=8)
    keep = [i for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= 5 and stats[i, cv2.CC_STAT_AREA] >= 10]
    if not keep:
        return gray
    x0 = min(stats[i, cv2.CC_STAT_LEFT] for i in keep)
    y0 = min(stats[i, cv2.CC_STAT_TOP] for i in keep)
    x1 = max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in keep)
    y1 = max(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in keep)
    m = max(3, (y1 - y0) // 5)
    h, w = gray.shape
    return gray[max(0, y0 - m):min(h, y1 + m), max(0, x0 - m):min(w, x1 + m)]


class CellReader:
    """One ONNX Runtime session (one thread: warstock runs one reader per worker process)."""

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise CellReaderUnavailable(f"onnxruntime is not installed: {exc}") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self._session = ort.InferenceSession(str(model_path()), opts, providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name
        chars = self._session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self._labels = ["<blank>", *chars, " "]  # CTC: blank first, a space last (as PaddleOCR decodes)
        self._cache: dict[str, np.ndarray] = {}

    def _allowed(self, charset: str) -> np.ndarray:
        if charset not in self._cache:
            self._cache[charset] = np.array([0] + [i for i, c in enumerate(self._labels) if c in charset], np.int64)
        return self._cache[charset]

    def read(self, gray: np.ndarray, charset: str = DATE_CHARS) -> CellRead:
        return self.read_many([gray], charset)[0]

    def read_many(self, crops: list[np.ndarray], charset: str = DATE_CHARS) -> list[CellRead]:
        """Each grayscale crop (dark writing on light paper, one line) read as a line of
        ``charset`` characters. Crops are run together, padded to the widest."""
        out: list[CellRead] = [CellRead("", 0.0)] * len(crops)
        todo = [(i, c) for i, c in enumerate(crops) if c.size and c.shape[0] >= 4 and c.shape[1] >= 4]
        if not todo:
            return out
        allowed = self._allowed(charset)
        ratios = [c.shape[1] / c.shape[0] for _, c in todo]
        width = int(math.ceil(HEIGHT * max(ratios) / 8) * 8)
        batch = np.zeros((len(todo), 3, HEIGHT, width), np.float32)  # zero is mid grey after the scaling
        for k, ((_, crop), ratio) in enumerate(zip(todo, ratios, strict=True)):
            w = min(width, int(math.ceil(HEIGHT * ratio)))
            img = cv2.resize(crop, (w, HEIGHT), interpolation=cv2.INTER_AREA if crop.shape[0] > HEIGHT
                             else cv2.INTER_CUBIC).astype(np.float32)
            batch[k, :, :, :w] = img / 127.5 - 1.0
        probs = self._session.run(None, {self._input: batch})[0]  # (n, steps, labels)
        for k, (i, _) in enumerate(todo):
            out[i] = self._decode(probs[k][:, allowed], allowed)
        return out

    def _decode(self, p: np.ndarray, allowed: np.ndarray) -> CellRead:
        order = np.argsort(-p, axis=1)
        best = order[:, 0]
        chars: list[tuple[str, float, str, float]] = []
        prev = 0
        for t, j in enumerate(best):
            if j != 0 and j != prev:
                alt = order[t, 1] if order[t, 1] != 0 else order[t, 2]
                chars.append((self._labels[allowed[j]], float(p[t, j]), self._labels[allowed[alt]], float(p[t, alt])))
            elif j != 0 and chars and p[t, j] > chars[-1][1]:  # the same character held: keep its surest step
                c, _, a, pa = chars[-1]
                chars[-1] = (c, float(p[t, j]), a, pa)
            prev = j
        if not chars:
            return CellRead("", 0.0)
        text = "".join(c for c, _, _, _ in chars)
        return CellRead(text, 100.0 * float(np.mean([q for _, q, _, _ in chars])), tuple(chars))
