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
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

PACKAGE = "rapidocr_onnxruntime"
MODEL = "models/ch_PP-OCRv4_rec_infer.onnx"
HEIGHT = 48  # the network's input height
DATE_CHARS = "0123456789/-."
# an asset's name: letters, digits, a space and the punctuation names and bonds are printed with
NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,&'-/()%@$#:+*"  # no ';': it
# separates the parts of a row's review_reason
LINE_MIN = 8  # px: a band of ink shorter than this is a speck or a ruling's stub, not a line of writing


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


def _pieces(gray: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """The connected pieces of ink in a cell (Otsu's threshold) and those at least 5 px tall
    and of 10 px or more: writing, not specks. None kept when nothing in the cell is dark
    (Otsu would split the paper's own grain)."""
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    n, _, stats, _ = cv2.connectedComponentsWithStats((bw > 0).astype(np.uint8), connectivity=8)
    if gray.min() > 160:
        return stats, []
    return stats, [i for i in range(1, n) if stats[i, cv2.CC_STAT_HEIGHT] >= 5 and stats[i, cv2.CC_STAT_AREA] >= 10]


def _around(gray: np.ndarray, stats: np.ndarray, keep: list[int], y0: int, y1: int) -> np.ndarray:
    """``gray`` cropped to the box of the pieces ``keep`` (rows ``y0``-``y1``), with a margin of
    a fifth of that height (3 px at least)."""
    x0 = min(stats[i, cv2.CC_STAT_LEFT] for i in keep)
    x1 = max(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH] for i in keep)
    m = max(3, int(y1 - y0) // 5)
    h, w = gray.shape
    return gray[max(0, y0 - m):min(h, y1 + m), max(0, x0 - m):min(w, x1 + m)]


def text_box(gray: np.ndarray) -> np.ndarray:
    """The writing in a cell, cropped close (the network reads lines cut out by a text
    detector, the letters filling most of the height): the box around the pieces of ink at
    least 5 px tall, with a margin of a fifth of their height. The cell as given when it holds
    no such ink."""
    if gray.size == 0:
        return gray
    stats, keep = _pieces(gray)
    if not keep:
        return gray
    y0 = min(stats[i, cv2.CC_STAT_TOP] for i in keep)
    y1 = max(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] for i in keep)
    return _around(gray, stats, keep, int(y0), int(y1))


def _ruling_stub(stat: np.ndarray, width: int) -> bool:
    """A piece of ink at most 4 px wide touching the cell's left or right edge: what is left of
    the column's ruling (PP-OCR reads it as a 1, I or J before the name: "1 SP NASDAQ INC. CMN")."""
    x0, w = int(stat[cv2.CC_STAT_LEFT]), int(stat[cv2.CC_STAT_WIDTH])
    return w <= 4 and (x0 <= 3 or x0 + w >= width - 3)


def text_lines(gray: np.ndarray) -> list[np.ndarray]:
    """The lines of writing in a cell, top first, each cropped close as ``text_box`` crops one:
    the pieces of writing (``_pieces``) under 0.9 of the cell's height and not a ruling's stub
    at its edge, grouped into bands of rows that some piece covers, bands under LINE_MIN px
    dropped."""
    if gray.size == 0:
        return []
    stats, pieces = _pieces(gray)
    h, w = gray.shape
    keep = [i for i in pieces if stats[i, cv2.CC_STAT_HEIGHT] < 0.9 * h and not _ruling_stub(stats[i], w)]
    covered = np.zeros(h, bool)
    for i in keep:
        covered[stats[i, cv2.CC_STAT_TOP]:stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT]] = True
    edges = np.flatnonzero(np.diff(np.concatenate(([0], covered.astype(np.int8), [0]))))
    out = []
    for y0, y1 in zip(edges[::2], edges[1::2], strict=True):
        if y1 - y0 < LINE_MIN:
            continue
        inside = [i for i in keep if stats[i, cv2.CC_STAT_TOP] >= y0 and
                  stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT] <= y1]
        out.append(_around(gray, stats, inside, int(y0), int(y1)))
    return out


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
        allowed = self._allowed(charset)
        for i, p in self._probs(crops, allowed):
            out[i] = self._decode(p, allowed)
        return out

    def read_date(self, gray: np.ndarray) -> tuple[CellRead, np.ndarray | None]:
        """The cell read as ``read`` does, and the network's per-step probabilities over
        ``date_labels`` (None when the crop is too small to read), for ``DateTrie.scores``."""
        allowed = self._allowed(DATE_CHARS)
        got = self._probs([gray], allowed)
        if not got:
            return CellRead("", 0.0), None
        return self._decode(got[0][1], allowed), got[0][1]

    def read_name(self, gray: np.ndarray) -> CellRead:
        """A cell of one or more lines of writing (an asset's name) read line by line
        (``text_lines``) as ``NAME_CHARS``, the lines joined by a space; the confidence is the
        mean probability of every character read."""
        reads = [r for r in self.read_many(text_lines(gray), NAME_CHARS) if r.text.strip()]
        chars = tuple(c for r in reads for c in r.chars)
        if not chars:
            return CellRead("", 0.0)
        return CellRead(" ".join(" ".join(r.text.split()) for r in reads),
                        100.0 * float(np.mean([p for _, p, _, _ in chars])), chars)

    @property
    def date_labels(self) -> list[str]:
        """The characters of ``read_date``'s probabilities, the CTC blank first."""
        return [self._labels[a] for a in self._allowed(DATE_CHARS)]

    def _probs(self, crops: list[np.ndarray], allowed: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """(index, per-step probabilities over ``allowed``, the CTC blank first) of each crop
        big enough to read."""
        todo = [(i, c) for i, c in enumerate(crops) if c.size and c.shape[0] >= 4 and c.shape[1] >= 4]
        if not todo:
            return []
        ratios = [c.shape[1] / c.shape[0] for _, c in todo]
        width = int(math.ceil(HEIGHT * max(ratios) / 8) * 8)
        batch = np.zeros((len(todo), 3, HEIGHT, width), np.float32)  # zero is mid grey after the scaling
        for k, ((_, crop), ratio) in enumerate(zip(todo, ratios, strict=True)):
            w = min(width, int(math.ceil(HEIGHT * ratio)))
            img = cv2.resize(crop, (w, HEIGHT), interpolation=cv2.INTER_AREA if crop.shape[0] > HEIGHT
                             else cv2.INTER_CUBIC).astype(np.float32)
            batch[k, :, :, :w] = img / 127.5 - 1.0
        probs = self._session.run(None, {self._input: batch})[0]  # (n, steps, labels)
        return [(i, probs[k][:, allowed]) for k, (i, _) in enumerate(todo)]

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


# --- the date a cell most likely holds ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DateRead:
    value: date
    margin: float  # natural-log odds of the best path of this date over that of any other date
    cost: float  # natural-log odds of the network's own best path (any text) over this date's, per pass


class DateTrie:
    """Every way a date inside a window is written on the forms (month and day with or without
    a leading zero, a two- or four-digit year, ``/`` or ``-`` between, or no separator at all:
    ``053124``), as a trie of characters, to score each date by its likeliest CTC path through
    the network's output (a Viterbi pass over the trie's nodes, all nodes at once per step).
    This reads a cell as a date the way a person does: a stroke between two digits is a
    separator where a date needs one and a digit where it needs a digit, whichever the network
    found likelier, and a digit the network hesitated on is weighed against its runner-up."""

    def __init__(self, lo: date, hi: date, separators: str = "/-", run_on: bool = True) -> None:
        parent, char, end = [0], [""], [-1]  # node 0: the root
        children: list[dict[str, int]] = [{}]
        self.dates: list[date] = []
        d = lo
        while d <= hi:
            for text in _written(d, separators, run_on):
                n = 0
                for ch in text:
                    nxt = children[n].get(ch)
                    if nxt is None:
                        nxt = len(parent)
                        children[n][ch] = nxt
                        children.append({})
                        parent.append(n)
                        char.append(ch)
                        end.append(-1)
                    n = nxt
                end[n] = len(self.dates)
            self.dates.append(d)
            d += timedelta(days=1)
        self.parent = np.array(parent, np.int64)
        self.chars = char
        end_of = np.array(end, np.int64)
        self.ends = np.flatnonzero(end_of >= 0)
        self.end_date = end_of[self.ends]
        self._cols: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}

    def _columns(self, labels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Per node: the column of its character in ``labels`` (-1: the root), and whether it
        repeats its parent's character (a doubled character needs a blank between)."""
        if labels not in self._cols:
            col = {c: i for i, c in enumerate(labels)}
            idx = np.array([col.get(c, -1) if c else -1 for c in self.chars], np.int64)
            doubled = np.zeros(len(idx), bool)
            doubled[1:] = idx[1:] == idx[self.parent[1:]]
            self._cols[labels] = (idx, doubled)
        return self._cols[labels]

    def scores(self, probs: np.ndarray, labels: list[str]) -> np.ndarray:
        """Per date of ``self.dates``: the log-probability of its likeliest path (over its
        written forms) given the network's per-step probabilities over ``labels`` (blank first)."""
        idx, doubled = self._columns(tuple(labels))
        neg = -1e30
        logp = np.log(np.clip(probs, 1e-12, 1.0))
        logp = np.concatenate([logp, np.full((logp.shape[0], 1), neg)], axis=1)  # column -1: the root emits nothing
        n = len(self.parent)
        blank = np.full(n, neg)  # best path ending in a blank after the node's text
        blank[0] = 0.0
        char = np.full(n, neg)  # best path ending on the node's last character
        for t in range(probs.shape[0]):
            e = logp[t, idx]
            enter = np.maximum(blank[self.parent], np.where(doubled, neg, char[self.parent]))
            enter[0] = neg
            new_char = np.maximum(e + np.maximum(char, enter), neg)
            blank = np.maximum(logp[t, 0] + np.maximum(blank, char), neg)
            char = new_char
        out = np.full(len(self.dates), neg)
        np.maximum.at(out, self.end_date, np.maximum(char, blank)[self.ends])
        return out


def likeliest(trie: DateTrie, passes: list[np.ndarray], labels: list[str]) -> DateRead | None:
    """The date whose paths are likeliest over every reading of one cell (``passes``: the
    network's per-step probabilities over ``labels`` for the cell with its rulings cleared, and
    as scanned; their log-probabilities added), with its margin over the next date and its cost
    against what the network read freely (a date the network plainly did not see, such as a
    date written outside the window, costs much)."""
    if not passes or not trie.dates:
        return None
    total = np.sum([trie.scores(p, labels) for p in passes], axis=0)
    order = np.argsort(-total)
    second = float(total[order[1]]) if len(order) > 1 else -1e30
    free = float(sum(np.log(np.clip(p.max(axis=1), 1e-12, 1.0)).sum() for p in passes))  # the greedy paths
    return DateRead(trie.dates[int(order[0])], float(total[order[0]] - second),
                    max(0.0, (free - float(total[order[0]])) / len(passes)))


def _written(d: date, separators: str, run_on: bool) -> set[str]:
    months = {str(d.month), f"{d.month:02d}"}
    days = {str(d.day), f"{d.day:02d}"}
    years = {f"{d.year % 100:02d}", str(d.year)}
    out = {f"{m}{s}{dd}{s}{y}" for m in months for dd in days for y in years for s in separators}
    if run_on:
        out |= {f"{d.month:02d}{d.day:02d}{y}" for y in years}  # typed with no separator
    return out


@lru_cache(maxsize=64)
def date_trie(lo: date, hi: date, separators: str = "/-", run_on: bool = True) -> DateTrie:
    return DateTrie(lo, hi, separators, run_on)


def trie_for(lo: date, hi: date, texts: list[str]) -> DateTrie:
    """The trie of the ways of writing a date that what was read allows: dashes only when a
    reading holds one, a date run together (``053124``) only when no reading holds a slash or
    a dash (a smaller trie is a faster pass)."""
    dashed = any("-" in t for t in texts)
    slashed = any("/" in t for t in texts)
    return date_trie(lo, hi, "/-" if dashed else "/", not (dashed or slashed))
