"""What every CLI command shares: the consoles and the one-line error exit."""

from __future__ import annotations

import typer
from rich.console import Console

console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as one line on standard error (never wrapped, no markup) and return the
    ``typer.Exit`` to raise: ``raise fail(...) from None``."""
    err.print(message, style="red", soft_wrap=True, markup=False, highlight=False)
    return typer.Exit(code)
