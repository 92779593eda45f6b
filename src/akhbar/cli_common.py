"""What every CLI command shares: the consoles, the one-line error exit and click's usage errors as one line."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print ``message`` as one line on standard error (never wrapped, no markup) and return the
    ``typer.Exit`` to raise: ``raise fail(...) from None``."""
    err.print(message, style="red", soft_wrap=True, markup=False, highlight=False)
    return typer.Exit(code)


def run_one_line_errors(call) -> int:
    """Run the click app with ``standalone_mode=False`` and turn click's usage errors into one line.

    click prints a usage error as three lines (usage, hint, error); akhbar prints
    ``akhbar refine: Missing argument 'INPUT'. (see 'akhbar refine --help')`` on stderr and
    exits 2 (click's status for usage errors); other click errors exit with their own status,
    Ctrl-C during parsing with 130. Returns the exit status (int) of a command that ran.
    """
    import click

    err = _click_error_classes()
    try:
        rv = call(standalone_mode=False, prog_name="akhbar")
    except err["NoArgsIsHelpError"] as e:
        click.echo(e.ctx.get_help() if e.ctx else e.format_message())
        return 2
    except err["UsageError"] as e:
        path = e.ctx.command_path if e.ctx else "akhbar"
        msg = " ".join(e.format_message().split())
        hint = ""
        if path.endswith("search") and msg.startswith("No such option: -") and not msg.startswith("No such option: --"):
            hint = "; a query starting with '-' goes after '--': akhbar search OUTDIR -- '-word'"
        click.echo(f"{path}: {msg}{hint} (see '{path} --help')", err=True)
        return e.exit_code
    except err["ClickException"] as e:
        click.echo("akhbar: " + " ".join(e.format_message().split()), err=True)
        return e.exit_code
    except (typer.Abort, click.Abort):
        click.echo("akhbar: interrupted", err=True)
        return 130
    return rv if isinstance(rv, int) else 0


def _click_error_classes() -> dict[str, tuple[type, ...]]:
    """click's error classes by name, from click and from the copy of click that typer >= 0.20 vendors."""
    import click.exceptions as ce

    # typer >= 0.20 parses with its own copy of click, already imported by the time an app runs
    mods = [m for m in (ce, sys.modules.get("typer._click.exceptions")) if m is not None]
    names = ("NoArgsIsHelpError", "UsageError", "ClickException")
    return {n: tuple(getattr(m, n) for m in mods if hasattr(m, n)) for n in names}
