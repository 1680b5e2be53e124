"""A real warehouse built from the synthetic folder (tests/synthetic.py), shared by the web tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from synthetic import add_bad_documents, make_shared
from warstock.cli import app as cli_app
from warstock.warehouse import db
from warstock.web.app import create_app
from warstock.web.data import in_memory_copy


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("web")
    data = make_shared(tmp)
    add_bad_documents(data)
    home = tmp / "home"
    result = CliRunner().invoke(cli_app, ["run", str(data), "--home", str(home), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the two broken documents fail, the rest load
    return home


@pytest.fixture(scope="session")
def client(home: Path) -> Iterator[TestClient]:
    src = db.connect(home / "warstock.duckdb", read_only=True)
    copy = in_memory_copy(src)
    src.close()
    with TestClient(create_app(copy, "Source: synthetic test warehouse", warm=False),
                    raise_server_exceptions=False) as c:
        yield c
