"""Run `parallel_writes.py` in its own process on a new SQLite file: parallel requests on the
embedded default, with real threads and connections (the suite's in-memory SQLite cannot do that)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().parent / "parallel_writes.py"


def run_on_file_sqlite(directory: Path, *args: str) -> list[Any]:
    """The JSON result of `parallel_writes.py *args` on a new SQLite file in `directory`."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{directory / 'kring.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kring.settings.test",
        "PYTHONPATH": str(SCRIPT.parents[3]),
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: list[Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
