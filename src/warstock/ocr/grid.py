"""Table grids on scanned forms: ruling lines found by morphology, cells as line intervals.

Pure functions on numpy arrays (OpenCV for the morphology). A page's table is the region
where several long vertical rulings run side by side; its rows are the horizontal rulings
that cross most of that region.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink = 255, paper = 0 (Otsu)."""
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def _runs(mask: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Intervals [a, b) where a boolean 1-D mask is true, joining gaps up to ``gap``."""
    idx = np.flatnonzero(mask)
    if idx.size == 0:
        return []
    out: list[tuple[int, int]] = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev > gap + 1:
            out.append((start, prev + 1))
            start = i
        prev = i
    out.append((start, prev + 1))
    return out


@dataclass(frozen=True)
class Grid:
    xs: list[int]  # column rulings, left to right
    ys: list[int]  # row rulings, top to bottom
    shape: tuple[int, int]

    @property
    def columns(self) -> list[tuple[int, int]]:
        return list(zip(self.xs, self.xs[1:], strict=False))

    @property
    def rows(self) -> list[tuple[int, int]]:
        return list(zip(self.ys, self.ys[1:], strict=False))


def _open(img: np.ndarray, kw: int, kh: int, *, paper_outside: bool = False) -> np.ndarray:
    """Morphological opening with a kw x kh rectangle; ``paper_outside``: treat what lies beyond
    the crop as paper (OpenCV's default border would extend strokes that touch the edge)."""
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (kw, kh))
    if paper_outside:
        return np.asarray(cv2.morphologyEx(img, cv2.MORPH_OPEN, kernel, borderType=cv2.BORDER_CONSTANT,
                                           borderValue=0))
    return np.asarray(cv2.morphologyEx(img, cv2.MORPH_OPEN, kernel))


def line_masks(bw: np.ndarray, min_v: int, min_h: int, bridge: bool = False) -> tuple[np.ndarray, np.ndarray]:
    if not bridge:
        v = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_v)))
        h = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (min_h, 1)))
        v = cv2.dilate(v, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
        h = cv2.dilate(h, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
        return v, h
    # some scans draw rulings dotted: bridge the dots first (a gap of up to 10 px), and tolerate
    # a line that drifts by a pixel over its length (a scan is rarely square to the pixels)
    vb = cv2.dilate(bw, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    vb = cv2.morphologyEx(vb, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 11)))
    hb = cv2.dilate(bw, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    hb = cv2.morphologyEx(hb, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (11, 1)))
    v = cv2.morphologyEx(vb, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, min_v)))
    h = cv2.morphologyEx(hb, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (min_h, 1)))
    # a scan is rarely square to the pixel grid: close small breaks along each line
    v = cv2.dilate(v, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    h = cv2.dilate(h, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    return v, h


def find_table(bw: np.ndarray, *, bridge: bool = False) -> Grid | None:
    """The page's main ruled table, or None when there is none. ``bridge``: read dotted or
    dashed rulings as lines (bridging gaps of up to 10 px) instead of solid rulings only."""
    H, W = bw.shape
    min_v = max(60, H // 25)
    v, h = line_masks(bw, min_v, max(80, W // 25), bridge)
    # vertical rulings: columns of the mask with a long run
    col_ink = (v > 0).sum(axis=0)
    cand = [r for a, b in _runs(col_ink > min_v, gap=2) for r in _split_wide(col_ink, a, b)]
    xs_all = []
    for a, b in cand:
        x = (a + b) // 2
        spans = _runs(v[:, a:b].max(axis=1) > 0, gap=6)
        longest = max((y1 - y0 for y0, y1 in spans), default=0)
        if longest >= H * 0.12:
            top = min(y0 for y0, y1 in spans if y1 - y0 >= H * 0.05)
            bot = max(y1 for y0, y1 in spans if y1 - y0 >= H * 0.05)
            xs_all.append((x, top, bot, longest))
    if len(xs_all) < 6:
        return None
    # the table: the vertical span shared by most rulings
    bottoms = np.array([b for _, _, b, _ in xs_all])
    tops = np.array([t for _, t, _, _ in xs_all])
    bot = int(np.median(bottoms))
    top = int(np.median(tops))
    keep = [x for x, t, b, _ in xs_all if b >= bot - H * 0.05 and t <= bot - (bot - top) * 0.5]
    xs = _merge(sorted(keep), 10)
    if len(xs) < 6:
        return None
    x0, x1 = xs[0], xs[-1]
    # horizontal rulings crossing most of the table width
    band = h[:, x0:x1 + 1] > 0
    frac = band.sum(axis=1) / max(1, x1 - x0)
    ys = [(a + b) // 2 for a, b in _runs(frac > 0.55, gap=2)]
    ys = [y for y in _merge(ys, 8) if top - H * 0.02 <= y <= bot + H * 0.02]
    if not ys or abs(ys[-1] - bot) > 15:
        ys.append(bot)
    if abs(ys[0] - top) > 15 and top < ys[0]:
        ys.insert(0, top)
    ys = _merge(sorted(ys), 8)
    if len(ys) < 2:
        return None
    return Grid(xs, ys, (H, W))


def _split_wide(profile: np.ndarray, a: int, b: int, width: int = 14) -> list[tuple[int, int]]:
    """A run wider than a ruling (text stacked in a column bridged into a bar): keep its peaks."""
    if b - a <= width:
        return [(a, b)]
    seg = profile[a:b]
    top = seg.max()
    return [(a + p, a + q) for p, q in _runs(seg >= top * 0.9, gap=2) if q - p <= width]


def _merge(values: list[int], tol: int) -> list[int]:
    out: list[list[int]] = []
    for v in values:
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [round(sum(g) / len(g)) for g in out]


def cell(img: np.ndarray, x0: int, x1: int, y0: int, y1: int, inset: float = 0.0, px: int = 4) -> np.ndarray:
    """The inside of a cell, stepping in from its rulings."""
    dx = max(px, int((x1 - x0) * inset))
    dy = max(px, int((y1 - y0) * inset))
    return img[y0 + dy:y1 - dy, x0 + dx:x1 - dx]


def mark_ink(bw_cell: np.ndarray) -> int:
    """How much of a checkbox cell is a mark, in pixels (at 200 dpi): ink left after removing
    the straight strokes of a printed box, counted only in pieces at least ~1 mm across both
    ways (an X, a tick or a scribble; dust and the dots of a dotted ruling do not count)."""
    if bw_cell.size == 0:
        return 0
    h, w = bw_cell.shape
    # a printed box's sides run most of the cell (80-90% of its inside); the straight middle
    # of a bold X stays under 75%
    kv = max(8, int(h * 0.75))
    kh = max(8, int(w * 0.75))
    line = _open(bw_cell, 1, kv, paper_outside=True) | _open(bw_cell, kh, 1, paper_outside=True)
    straight = cv2.dilate(line, np.ones((3, 3), np.uint8))
    # only where the straight strokes are most of a piece of ink (a box side, a ruling, a box
    # with a mark touching it): the crossing of a bold typed X that fills a small cell can run
    # straight down most of its height, yet is a small part of the X
    n, labels = cv2.connectedComponents((bw_cell > 0).astype(np.uint8), connectivity=8)
    size = np.bincount(labels.ravel(), minlength=n)
    on_line = np.bincount(labels[line > 0], minlength=n)
    boxy = on_line >= 0.4 * np.maximum(size, 1)
    boxy[0] = False
    straight = np.where(boxy[labels], straight, 0).astype(np.uint8)
    rest = cv2.subtract(bw_cell, straight)
    n, _, stats, _ = cv2.connectedComponentsWithStats((rest > 0).astype(np.uint8), connectivity=8)
    total = 0
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_WIDTH] >= MARK_MIN_SIDE and stats[i, cv2.CC_STAT_HEIGHT] >= MARK_MIN_SIDE:
            total += int(stats[i, cv2.CC_STAT_AREA])
    return total


MARK_MIN_SIDE = 7  # px at 200 dpi: a typed lowercase x is 9-12 px across


def ink(bw_cell: np.ndarray) -> float:
    return float((bw_cell > 0).mean()) if bw_cell.size else 0.0


def clean_cell(gray_cell: np.ndarray) -> np.ndarray:
    """A text cell for OCR: rulings and box edges that run most of its height or width painted
    out, so a digit touching the ruling is not read with it."""
    if gray_cell.size == 0:
        return gray_cell
    bw = binarize(gray_cell)
    h, w = bw.shape
    # a horizontal stroke longer than 0.3 in (or half the cell) is a ruling's remnant, not a
    # letter; so is a vertical one running most of the cell's height at its left or right
    # edge, or anywhere when longer than a capital letter (in a short cell a letter's stem
    # runs most of its height too)
    vertical = _open(bw, 1, max(8, int(h * 0.7)), paper_outside=True)
    if h * 0.7 < 40:
        inner = vertical[:, 8:w - 8]
        inner[_open(np.ascontiguousarray(inner), 1, 40, paper_outside=True) == 0] = 0
    lines = vertical | _open(bw, max(8, min(int(w * 0.5), 60)), 1, paper_outside=True)
    out = gray_cell.copy()
    out[cv2.dilate(lines, np.ones((3, 3), np.uint8)) > 0] = 255
    # what is left of a broken ruling along the top or bottom edge: a band at most 4 px tall
    rest = binarize(out) if out.size else out
    prof = (rest > 0).sum(axis=1)
    runs = _runs(prof > 0, gap=1)
    for a, b in runs:
        if b - a <= 4 and (a <= 3 or b >= h - 3):
            out[a:b] = 255
    return out


def skew_angle(bw: np.ndarray, max_deg: float = 2.0, step: float = 0.1) -> float:
    """The small rotation (degrees, counter-clockwise) that makes the page's rulings and text
    lines level: the angle whose row profile is sharpest, tried on a quarter-size image."""
    small = cv2.resize(bw, (bw.shape[1] // 4, bw.shape[0] // 4), interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    for a in np.arange(-max_deg, max_deg + step / 2, step):
        m = cv2.getRotationMatrix2D(centre, float(a), 1.0)
        rot = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        prof = rot.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(prof)).sum())
        if score > best_score:
            best, best_score = float(a), score
    return round(best, 2)


def rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    """Turn a grayscale page by a small angle about its centre, filling with paper."""
    if abs(degrees) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return np.asarray(cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255))


def text_ink(bw_cell: np.ndarray) -> int:
    """Ink pixels in a text cell that could be writing: rulings painted out, and only pieces
    at least 6 px tall (dust and the stubs of a ruling do not count)."""
    if bw_cell.size == 0:
        return 0
    h, w = bw_cell.shape
    lines = _open(bw_cell, 1, max(8, int(h * 0.7)), paper_outside=True) | _open(bw_cell, max(8, int(w * 0.5)), 1,
                                                                              paper_outside=True)
    rest = cv2.subtract(bw_cell, cv2.dilate(lines, np.ones((3, 3), np.uint8)))
    n, _, stats, _ = cv2.connectedComponentsWithStats((rest > 0).astype(np.uint8), connectivity=8)
    return int(sum(stats[i, cv2.CC_STAT_AREA] for i in range(1, n)
                   if stats[i, cv2.CC_STAT_HEIGHT] >= 6 and stats[i, cv2.CC_STAT_AREA] >= 12))


def writing_ink(bw_cell: np.ndarray, margin: float = 0.15) -> int:
    """Ink pixels of writing in a cell, for a test that decides a value from emptiness (a blank
    owner cell is the filer): text_ink paints out every vertical run of 0.7 of the cell's
    height, and in a short row (a typed schedule's, ~20 px inside) a bold capital's stems are
    that tall, so "DC" could vanish with the rulings. Here only the rows' horizontal rulings
    are painted out, and the side margins (where a vertical ruling survives the cell's inset)
    are left out; pieces at least 6 px tall and 12 px in area count."""
    if bw_cell.size == 0:
        return 0
    h, w = bw_cell.shape
    m = int(w * margin)
    inner = np.ascontiguousarray(bw_cell[:, m:w - m])
    if inner.size == 0:
        return 0
    lines = _open(inner, max(8, int(inner.shape[1] * 0.5)), 1, paper_outside=True)
    rest = cv2.subtract(inner, cv2.dilate(lines, np.ones((3, 3), np.uint8)))
    n, _, stats, _ = cv2.connectedComponentsWithStats((rest > 0).astype(np.uint8), connectivity=8)
    return int(sum(stats[i, cv2.CC_STAT_AREA] for i in range(1, n)
                   if stats[i, cv2.CC_STAT_HEIGHT] >= 6 and stats[i, cv2.CC_STAT_AREA] >= 12))


def has_writing(bw_cell: np.ndarray) -> bool:
    """Whether a cell holds writing, by either test (text_ink, writing_ink): a cell both find
    blank is blank."""
    return text_ink(bw_cell) >= 40 or writing_ink(bw_cell) >= 40
