"""Local web page and JSON API over an akhbar store (FastAPI, server-rendered Jinja2, RTL).

* :func:`create_app` ``(store_path) -> FastAPI``
* :func:`serve` ``(store_path, host="127.0.0.1", port=8000)``: run it with uvicorn.

Safe by default: binds to loopback, opens the store read-only, escapes all
article text, serves no script and loads nothing from outside (see akhbar.web.app).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(store_path: Path | str) -> FastAPI:
    """FastAPI app over the store at ``store_path`` (store file or refine output directory).

    Raises ``FileNotFoundError`` when no store is there.
    """
    from akhbar.web.app import create_app as _create

    return _create(store_path)


def serve(store_path: Path | str, host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info") -> None:
    """Serve the store on ``http://host:port/`` until interrupted (blocks).

    ``host`` defaults to loopback; pass ``0.0.0.0`` only on purpose (the page has no
    authentication). Raises ``FileNotFoundError`` when no store is there, ``OSError`` (one-line
    message) when ``host:port`` cannot be listened on (port outside 0-65535, address in use).
    """
    import logging

    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        logging.getLogger("akhbar.web").warning(
            "serving on %s: the page has no authentication; anyone who can reach this address can read the store",
            host,
        )
    app = create_app(store_path)
    _check_listen(host, port)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def _check_listen(host: str, port: int) -> None:
    """Raise ``OSError`` (one line: why) when ``host:port`` cannot be listened on (a port outside
    0-65535, an address in use or not of this machine), before uvicorn would log a traceback."""
    import socket

    if not 0 <= port <= 65535:
        raise OSError(f"port must be 0-65535, not {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise OSError(f"unknown address {host}: {e.strerror}") from None
    fam, typ, proto, _, addr = infos[0]
    with socket.socket(fam, typ, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            raise OSError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


__all__ = ["create_app", "serve"]
