"""`kring serve` chooses its web server from plain functions: tested here without starting a server
(the production server itself: test_production_server.py)."""

from __future__ import annotations

import sys
import time

import pytest
from django.conf import settings

from kring.core import serving


def test_kring_serve_without_production_is_the_development_server_with_the_worker():
    # The demo's `make run`: the test settings, like the dev settings, are not production's.
    production = serving.is_production(False, settings.KRING_PRODUCTION)
    assert production is False
    server, worker = serving.commands("127.0.0.1:8000", production=production)
    assert server == [sys.executable, "-m", "kring.cli", "runserver", "127.0.0.1:8000", "--noreload"]
    assert worker == [sys.executable, "-m", "kring.cli", "db_worker", "--interval", "2"]


def test_the_flag_or_the_production_settings_choose_gunicorn():
    assert serving.is_production(True, False) is True
    assert serving.is_production(False, True) is True


def test_the_production_path_is_gunicorn_on_kring_wsgi_with_its_access_log_on_stdout():
    web = serving.WebOptions.from_environment({}, cpu_count=2)
    server, worker = serving.commands("0.0.0.0:9000", production=True, web=web)
    assert server[:4] == [sys.executable, "-m", "gunicorn", "kring.wsgi:application"]
    options = dict(zip(server[4::2], server[5::2], strict=False))
    assert options["--bind"] == "0.0.0.0:9000"
    assert options["--workers"] == "5"  # 2 x 2 cores + 1
    assert options["--threads"] == "1"
    assert options["--timeout"] == "30"
    assert options["--graceful-timeout"] == "30"
    assert options["--access-logfile"] == "-"
    assert "%(U)s" in options["--access-logformat"]  # the path, without its query string
    assert "%(r)s" not in options["--access-logformat"] and "%(q)s" not in options["--access-logformat"]
    assert worker[3] == "db_worker"


def test_worker_settings_come_from_the_environment_and_the_flags_win():
    env = {"KRING_WEB_WORKERS": "3", "KRING_WEB_THREADS": "4", "KRING_WEB_TIMEOUT": "60"}
    assert serving.WebOptions.from_environment(env, cpu_count=8) == serving.WebOptions(
        workers=3, threads=4, timeout=60
    )
    chosen = serving.WebOptions.from_environment(env, workers=7, threads=2, timeout=10)
    assert (chosen.workers, chosen.threads, chosen.timeout) == (7, 2, 10)
    assert serving.default_workers(1) == 3 and serving.default_workers(4) == 9


def test_a_worker_count_that_is_not_a_number_says_which_variable_is_wrong():
    with pytest.raises(ValueError, match="KRING_WEB_WORKERS"):
        serving.WebOptions.from_environment({"KRING_WEB_WORKERS": "veel"})


def test_when_one_process_ends_the_other_is_stopped_and_its_code_returned():
    started = time.monotonic()
    code = serving.run_together(
        [
            [sys.executable, "-c", "import time; time.sleep(60)"],
            [sys.executable, "-c", "raise SystemExit(3)"],
        ],
        stop_timeout=10,
    )
    assert code == 3
    assert time.monotonic() - started < 20  # the sleeper was stopped, not waited for
