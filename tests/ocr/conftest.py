from __future__ import annotations

import pytest

from warstock.ocr.engine import Engine, OcrUnavailable, tessdata_dir


@pytest.fixture(scope="module")
def engine() -> Engine:
    """One Tesseract engine per test module (./ws test installs Tesseract; a test that needs it
    skips without it)."""
    try:
        tessdata_dir()
    except OcrUnavailable as exc:
        pytest.skip(f"Tesseract not installed: {exc}")
    return Engine()
