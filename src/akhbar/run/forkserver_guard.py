"""Imported first by the process pool's fork server (``set_forkserver_preload``): on Linux the fork
server asks the kernel for SIGKILL when the driver that started it dies (``PR_SET_PDEATHSIG``).

Its workers ask the same of the fork server (``executors._init_worker``), so a ``kill -9`` of the
driver ends the whole pool at once, even a worker busy in C code that holds the GIL (its watchdog
thread could not run until that call returns). Imported anywhere else (the driver, a worker
importing akhbar), this module does nothing: it acts only when the import runs inside
``multiprocessing.forkserver.main``.
"""

from __future__ import annotations

import signal
import sys

PR_SET_PDEATHSIG = 1


def set_pdeathsig(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when the thread that forked it dies (Linux;
    False elsewhere or when the call fails)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _in_forkserver_main() -> bool:
    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_name == "main" and f.f_globals.get("__name__") == "multiprocessing.forkserver":
            return True
        f = f.f_back
    return False


if _in_forkserver_main():
    set_pdeathsig()
