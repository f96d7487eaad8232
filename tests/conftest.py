from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def scanner():
    from jdscan.scanner import Scanner

    return Scanner()


@pytest.fixture(scope="session")
def rules(scanner):
    return scanner.rules
