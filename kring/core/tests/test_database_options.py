"""The database connection's options (kring/settings/base.py)."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.postgresql
@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_queries() -> None:
    """JIT compiling a list query over the national data set took longer than running it
    (docs/performance.md): Kring's connections turn it off."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
