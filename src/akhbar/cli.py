"""Command line: ``akhbar refine | show | stats | index | search | serve | stories | entities``.

A thin layer over the public API: every command calls library functions and prints.
Exit status: 0 on success (bad input records are reported, not fatal), 2 on usage
errors (typer's default), 1 when OUTDIR cannot be written or a STORE is missing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="akhbar: refine raw Arabic news pages.")
console = Console()
err = Console(stderr=True)


@app.command()
def refine(
    inputs: list[str] = typer.Argument(..., help="Files, directories (recursive) or - for standard input."),
    outdir: Path = typer.Option(..., "-o", "--outdir", help="Output directory (created if missing)."),
    executor: str = typer.Option("local", help="local | processes | ray"),
    workers: int = typer.Option(1, min=1, help="Worker processes for processes/ray."),
    ray_address: str | None = typer.Option(None, help="Ray cluster address (ray executor)."),
    entities: bool = typer.Option(False, "--entities/--no-entities", help="Recognize PER/LOC/ORG/MISC entities."),
    dedup: bool = typer.Option(True, "--dedup/--no-dedup", help="Exact and near-duplicate detection."),
    learn_furniture: bool = typer.Option(
        True, "--learn-furniture/--no-learn-furniture",
        help="First pass: learn lines repeated across each site's pages and drop them from bodies.",
    ),
    stories: bool = typer.Option(True, "--stories/--no-stories", help="Cluster articles into stories."),
    quality: bool = typer.Option(True, "--quality/--no-quality", help="Reject pages failing quality filters."),
    drop_duplicates: bool = typer.Option(False, help="Reject duplicates instead of marking dup_of."),
    languages: str = typer.Option("ar", help="Comma-separated page languages to keep (others are rejected)."),
    no_lines: bool = typer.Option(False, "--no-lines", help="Do not write lines.parquet."),
    index: bool = typer.Option(True, "--index/--no-index", help="Build the SQLite search store in OUTDIR."),
    limit: int | None = typer.Option(None, help="Stop after this many input records."),
    shard_size: int | None = typer.Option(
        None, min=1, help="Cut outputs every N input records: articles-00000.parquet, ... (default: single files)."),
    resume: bool = typer.Option(False, "--resume", help="Finish an interrupted run in OUTDIR, reusing its done work units."),
) -> None:
    """Refine INPUTs into OUTDIR: articles.parquet, lines.parquet, rejected.jsonl, manifest.json."""
    from akhbar.pipeline import Settings
    from akhbar.run.local import RunOptions

    def _refine_status(p: dict) -> None:
        err.print(f"{p['records']:,} pages · {p['pages_per_second'] or 0:,.0f} pages/s · units "
                  f"{p['units_done']:,}/{p['units_total']:,} · shards done {p['shards_done']:,}", highlight=False)

    if executor not in ("local", "processes", "ray"):
        err.print(f"[red]unknown executor {executor!r}: use local, processes or ray[/red]")
        raise typer.Exit(2)
    for p in inputs:
        if p != "-" and not Path(p).exists():
            err.print(f"[red]input not found: {p}[/red]")
            raise typer.Exit(2)
    if ray_address:
        import os

        os.environ["RAY_ADDRESS"] = ray_address
    opts = RunOptions(
        learn_furniture=learn_furniture,
        executor=executor,
        workers=workers,
        write_lines=not no_lines,
        dedup=dedup,
        stories=stories,
        drop_duplicates=drop_duplicates,
        index=index,
        limit=limit,
        shard_size=shard_size,
        resume=resume,
        ray_address=ray_address,
        status=_refine_status if (executor != "local" or shard_size or resume) else None,
        settings=Settings(
            languages=tuple(x.strip() for x in languages.split(",") if x.strip()),
            entities=entities,
            quality=quality,
        ),
    )
    try:
        res = _run_with_progress(inputs, outdir, opts)
    except OSError as e:
        err.print(f"[red]cannot write to {outdir}: {e.strerror or e}[/red]")
        raise typer.Exit(1) from None
    except (ValueError, RuntimeError) as e:  # resume of another run's OUTDIR; ray not installed
        err.print(f"[red]{e}[/red]")
        raise typer.Exit(1) from None
    t = Table(title=f"akhbar refine → {res.outdir}", show_header=True)
    t.add_column("what")
    t.add_column("count", justify="right")
    t.add_row("input records", f"{res.records:,}")
    t.add_row("records with articles", f"{res.pages_with_articles:,}")
    t.add_row("rejected", f"{res.rejected:,}")
    for k, v in res.reasons.items():
        t.add_row(f"  rejected: {k}", f"{v:,}")
    t.add_row("articles", f"{res.articles:,}")
    for k, v in res.roles.items():
        t.add_row(f"  role: {k}", f"{v:,}")
    t.add_row("exact / near duplicates", f"{res.duplicates:,} / {res.near_duplicates:,}")
    t.add_row("seconds", f"{res.seconds:.1f}")
    t.add_row("pages/s", f"{res.records / res.seconds:,.0f}" if res.seconds else "-")
    pr = res.progress or {}
    if pr.get("units_total", 0) > 1 or pr.get("units_resumed"):
        t.add_row("work units (resumed)", f"{pr['units_total']:,} ({pr.get('units_resumed', 0):,})")
    if res.shards:
        t.add_row("shards", f"{len(res.shards):,}")
    console.print(t)
    console.print(f"output: {res.outdir.resolve()}")


def _run_with_progress(inputs, outdir, opts):
    from akhbar.run.local import refine_paths

    if not sys.stderr.isatty():
        return refine_paths(inputs, outdir, opts)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  transient=True) as prog:
        task = prog.add_task("refining", total=None)
        import time

        t0 = time.perf_counter()

        def cb(n: int, arts: int) -> None:
            if n % 200 == 0:
                dt = time.perf_counter() - t0
                prog.update(task, description=f"{n:,} pages · {arts:,} articles · {n / dt if dt else 0:,.0f} pages/s")

        return refine_paths(inputs, outdir, opts, progress=cb)


@app.command()
def show(
    outdir: Path = typer.Argument(..., help="A refine output directory."),
    id: str | None = typer.Option(None, "--id", help="Article id (or page id) to show."),
    limit: int = typer.Option(5, min=1, help="Articles to show."),
) -> None:
    """Print articles readably: title, date, publisher, agencies, authors, tags, body."""
    import pyarrow.parquet as pq
    from rich.text import Text

    path = _articles(outdir)
    rows = pq.read_table(path).to_pylist()
    if id:
        rows = [r for r in rows if r["id"] == id or r["page_id"] == id or r["record_id"] == id]
    for r in rows[:limit]:
        console.rule(Text(r["title"] or "", style="bold"))
        for k in ("id", "role", "published", "publisher", "section", "url"):
            if r.get(k):
                console.print(Text(f"{k}: ", style="dim") + Text(str(r[k])))
        for k in ("agencies", "authors", "tags"):
            if r.get(k):
                console.print(Text(f"{k}: ", style="dim") + Text("، ".join(r[k])))
        if r.get("dup_of"):
            console.print(Text("duplicate of: ", style="dim") + Text(r["dup_of"]))
        console.print()
        for para in r["body"]:
            console.print(Text(para))
            console.print()
        if r.get("related"):
            console.print("[dim]related:[/dim]")
            for x in r["related"]:
                console.print(Text(f"  • {x['title']}"))


@app.command()
def stats(outdir: Path = typer.Argument(..., help="A refine output directory.")) -> None:
    """Print the run's counts and, per page stage, the pages it saw, rejected and its CPU seconds."""
    from rich.table import Table

    try:
        m = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        err.print(f"{outdir} is not a refine output directory (no readable manifest.json: {e.__class__.__name__})",
                  soft_wrap=True)
        raise typer.Exit(1) from None
    console.print_json(json.dumps(m.get("counts", {}), ensure_ascii=False))
    stages = m.get("stages") or []
    if stages:
        t = Table(title="per-page stages (CPU seconds summed over workers)")
        for col in ("stage", "pages", "rejected", "CPU s", "ms/page"):
            t.add_column(col, justify="left" if col == "stage" else "right")
        for s in stages:
            ms = 1000 * s["cpu_seconds"] / s["pages"] if s["pages"] else 0.0
            t.add_row(s["name"], f"{s['pages']:,}", f"{s['rejected']:,}", f"{s['cpu_seconds']:.3f}", f"{ms:.3f}")
        console.print(t)


@app.command("stages")
def stages_cmd(
    html: bool = typer.Option(False, "--html", help="The HTML route's stages instead of the text route's."),
    entities: bool = typer.Option(False, "--entities", help="As with refine --entities."),
) -> None:
    """List the per-page stages in order, the fields each one fills and the module that holds it."""
    from rich.table import Table

    from akhbar.pipeline import Settings, pipeline_stages

    t = Table(title=f"{'html' if html else 'text'} route")
    for col in ("stage", "fills", "rejects", "module"):
        t.add_column(col, overflow="fold")
    for s in pipeline_stages(Settings(entities=entities), "html" if html else "text"):
        t.add_row(s.name, ", ".join(s.owns), ", ".join(s.rejects), s.module.replace("akhbar.stages.", "stages/") + ".py")
    console.print(t)


@app.command("index")
def index_cmd(
    outdir: Path = typer.Argument(..., help="A refine output directory."),
    store: Path | None = typer.Option(None, help="Store file (default OUTDIR/akhbar.sqlite)."),
) -> None:
    """Build or extend the SQLite search store from a refine output directory."""
    from akhbar.store import build_index

    console.print(build_index(outdir, store))


@app.command()
def search(
    store: Path = typer.Argument(..., help="Store file or refine output directory."),
    query: str = typer.Argument(...),
    date_from: str | None = typer.Option(None, "--from"),
    date_to: str | None = typer.Option(None, "--to"),
    publisher: str | None = typer.Option(None),
    section: str | None = typer.Option(None),
    entity: str | None = typer.Option(None),
    limit: int = typer.Option(10, min=1, max=1000),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Arabic-aware full-text search (hamza, alef maqsura, teh marbuta, diacritics, clitics folded)."""
    from rich.text import Text

    from akhbar.store import StoreError, open_store

    try:
        st = open_store(store)
        hits = st.search(query, date_from=date_from, date_to=date_to, publisher=publisher, section=section,
                         entity=entity, limit=limit)
    except FileNotFoundError as e:
        err.print(f"no store at {store}: {e}")
        raise typer.Exit(1) from None
    except StoreError as e:
        err.print(f"bad option: {e}")
        raise typer.Exit(2) from None
    if as_json:
        sys.stdout.write(json.dumps(hits, ensure_ascii=False, indent=1) + "\n")
        return
    for h in hits:
        head = Text(h.get("title") or "", style="bold")
        head.append(f"  {h.get('published') or ''} {h.get('publisher') or ''}", style="dim")
        console.print(head)
        snip = Text("  " + (h.get("snippet") or ""))
        for a, b in h.get("highlights") or []:
            snip.stylize("bold yellow", a + 2, b + 2)
        console.print(snip)
        console.print(Text(f"  {h.get('id')}", style="dim"))


@app.command()
def serve(
    store: Path = typer.Argument(..., help="Store file or refine output directory."),
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
) -> None:
    """Serve the web page (search, articles, stories, entities, stats) on HOST:PORT."""
    from akhbar.web import serve as _serve

    _serve(store, host=host, port=port)


@app.command()
def stories(outdir: Path = typer.Argument(...), limit: int = typer.Option(20, min=1)) -> None:
    """List story clusters: size, outlets, first and last date, representative title."""
    from akhbar.corpus.stories import story_table

    t = Table(show_header=True)
    for c in ("size", "outlets", "first", "last", "title"):
        t.add_column(c)
    for r in story_table(_articles(outdir))[:limit]:
        t.add_row(str(r["size"]), "، ".join(r["outlets"]), r.get("first_date") or "", r.get("last_date") or "", r["title"] or "")
    console.print(t)


@app.command("entities")
def entities_cmd(outdir: Path = typer.Argument(...), limit: int = typer.Option(30, min=1)) -> None:
    """List canonical entities with counts and spelling variants."""
    from akhbar.entities import entity_table

    rows = entity_table(_articles(outdir))[:limit]
    if not rows:
        err.print(f"no entities in {outdir}: entity recognition is off by default; run akhbar refine with --entities")
        return
    t = Table(show_header=True)
    for c in ("entity", "type", "count", "variants"):
        t.add_column(c)
    for r in rows:
        t.add_row(r.get("name") or r["canonical"], r["type"], str(r["count"]), "، ".join(r["variants"][:6]))
    console.print(t)


def _articles(outdir: Path):
    """``OUTDIR/articles.parquet``, or the list of its shards (``articles-00000.parquet`` ...)."""
    single = outdir / "articles.parquet"
    if single.exists():
        return single
    shards = sorted(outdir.glob("articles-*.parquet"))
    if shards:
        return [str(p) for p in shards]
    err.print(f"{single} not found: run akhbar refine first")
    raise typer.Exit(1)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
