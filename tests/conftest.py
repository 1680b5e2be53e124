from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from warstock.settings import default_shared_data  # noqa: E402


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, read in place; the integration tier skips without it."""
    path = default_shared_data()
    if path is None:
        pytest.skip("../shared/data not found: integration tests read the real documents in place "
                    "(set WARSTOCK_SHARED_DATA to point elsewhere)")
    return path
