"""How `kring serve` runs Kring: a web server and the background worker, started and stopped together.

Two paths (see docs/operations.md):

- the demo and local use: Django's development server (`runserver`), as `make run` does;
- production (`kring serve --production`, or the production settings): gunicorn with `kring.wsgi`.

In both the django-tasks worker (`db_worker`) runs beside the web server. The command lines are built
by plain functions (tested without starting anything); `run_together` starts them, stops both on
SIGINT/SIGTERM, and stops the other when one ends, so a supervisor (systemd) sees one service.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import FrameType

DEFAULT_ADDR = "127.0.0.1:8000"

# What the access log records per request: the client's address, the time, the method and the path
# WITHOUT its query string (a search like ?q=<name> must not end up in a log), the status, the size
# and how long the request took.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


def default_workers(cpu_count: int | None = None) -> int:
    """Gunicorn's rule of thumb: two workers per core, plus one."""
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 1)
    return 2 * max(cores, 1) + 1


@dataclass(frozen=True)
class WebOptions:
    """The production web server's settings; each has an environment variable (KRING_WEB_*)."""

    workers: int
    threads: int = 1
    timeout: int = 30
    graceful_timeout: int = 30
    max_requests: int = 1000
    max_requests_jitter: int = 100
    keep_alive: int = 5

    @classmethod
    def from_environment(
        cls,
        env: Mapping[str, str],
        *,
        cpu_count: int | None = None,
        workers: int | None = None,
        threads: int | None = None,
        timeout: int | None = None,
    ) -> WebOptions:
        """The options from the environment; the command's own flags (when given) win."""

        def number(name: str, given: int | None, default: int) -> int:
            if given is not None:
                return given
            value = env.get(name, "").strip()
            if not value:
                return default
            try:
                return int(value)
            except ValueError:
                raise ValueError(f"{name} moet een geheel getal zijn, niet {value!r}.") from None

        return cls(
            workers=number("KRING_WEB_WORKERS", workers, default_workers(cpu_count)),
            threads=number("KRING_WEB_THREADS", threads, 1),
            timeout=number("KRING_WEB_TIMEOUT", timeout, 30),
            graceful_timeout=number("KRING_WEB_GRACEFUL_TIMEOUT", None, 30),
            max_requests=number("KRING_WEB_MAX_REQUESTS", None, 1000),
            max_requests_jitter=number("KRING_WEB_MAX_REQUESTS_JITTER", None, 100),
            keep_alive=number("KRING_WEB_KEEP_ALIVE", None, 5),
        )


def is_production(flag: bool, production_settings: bool) -> bool:
    """The production server when asked for (`--production`) or when the settings are production's."""
    return flag or production_settings


def dev_server_command(addrport: str, python: str = sys.executable) -> list[str]:
    """Django's development server, without its reloader (the demo's `make run`)."""
    return [python, "-m", "kring.cli", "runserver", addrport, "--noreload"]


def gunicorn_command(addrport: str, web: WebOptions, python: str = sys.executable) -> list[str]:
    """Gunicorn serving `kring.wsgi`, its access log on standard output."""
    return [
        python,
        "-m",
        "gunicorn",
        "kring.wsgi:application",
        "--bind",
        addrport,
        "--workers",
        str(web.workers),
        "--threads",
        str(web.threads),
        "--timeout",
        str(web.timeout),
        "--graceful-timeout",
        str(web.graceful_timeout),
        "--max-requests",
        str(web.max_requests),
        "--max-requests-jitter",
        str(web.max_requests_jitter),
        "--keep-alive",
        str(web.keep_alive),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        "-",
        # No control socket: its default path (~/.gunicorn/gunicorn.ctl) is shared by every gunicorn
        # of the user; Kring is restarted through its supervisor (systemd) or a signal instead.
        "--no-control-socket",
    ]


def worker_command(python: str = sys.executable) -> list[str]:
    """The django-tasks worker that runs Kring's background tasks."""
    return [python, "-m", "kring.cli", "db_worker", "--interval", "2"]


def commands(addrport: str, *, production: bool, web: WebOptions | None = None) -> list[list[str]]:
    """The web server's command line and the worker's, in the order they start."""
    if production:
        if web is None:
            web = WebOptions.from_environment(os.environ)
        server = gunicorn_command(addrport, web)
    else:
        server = dev_server_command(addrport)
    return [server, worker_command()]


def run_together(
    command_lines: Sequence[Sequence[str]],
    *,
    stop_timeout: float = 40.0,
    poll: float = 0.2,
    reload_first_on_sighup: bool = False,
) -> int:
    """Run the commands side by side until a signal (SIGINT, SIGTERM) or until one of them ends.

    Then the others get SIGTERM (gunicorn and the worker finish their current request or task), and
    SIGKILL when they have not stopped after `stop_timeout` seconds. Returns 0 after a signal, else
    the exit code of the process that ended first (1 when it ended with 0: it should not end).
    With `reload_first_on_sighup`, SIGHUP is passed to the first command (gunicorn: a graceful
    reload, new workers with the new code while the old ones finish their requests).
    """
    stop_signal: list[int] = []

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        stop_signal.append(signum)

    processes: list[subprocess.Popen[bytes]] = []

    def pass_reload(signum: int, frame: FrameType | None) -> None:
        if processes and processes[0].poll() is None:
            processes[0].send_signal(signal.SIGHUP)

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    if reload_first_on_sighup:
        previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, pass_reload)
    try:
        for line in command_lines:
            processes.append(subprocess.Popen(list(line)))  # noqa: S603 (Kring's own command lines)
        ended: subprocess.Popen[bytes] | None = None
        while not stop_signal and ended is None:
            ended = next((p for p in processes if p.poll() is not None), None)
            if ended is None:
                time.sleep(poll)
        if ended is not None and not stop_signal:
            name = " ".join(command_lines[processes.index(ended)][2:4])
            print(
                f"kring serve: {name} stopte (code {ended.returncode}); de andere processen stoppen ook.",
                file=sys.stderr,
            )
    finally:
        _stop(processes, stop_timeout)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stop_signal:
        return 0
    assert ended is not None
    return ended.returncode or 1


def _stop(processes: Sequence[subprocess.Popen[bytes]], timeout: float) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
