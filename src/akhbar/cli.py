"""Command line: ``akhbar refine | show | stats | index | search | serve | stories | entities``.

A thin layer over the public API: every command calls library functions and prints.
Exit status: 0 on success (bad input records are reported, not fatal), 2 on usage
errors (typer's default, a bad option value or query), 1 for any other error (OUTDIR not
writable or already holding a run, not a refine output, no STORE, unknown id), 130 when a
run is interrupted (Ctrl-C). Every error is one line on standard error, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from akhbar.cli_common import console, err
from akhbar.cli_common import fail as _fail
from akhbar.cli_common import run_one_line_errors as _run_one_line_errors
from akhbar.cli_search import SEARCH_HELP, fast_search_args, search_impl


class _App(typer.Typer):
    """``typer.Typer`` with a fast path for ``akhbar search`` (see :func:`akhbar.cli_search.fast_search_args`)."""

    def __call__(self, *args: object, **kwargs: object) -> object:
        if not args and not kwargs and len(sys.argv) > 1 and sys.argv[1] == "search":
            parsed = fast_search_args(sys.argv[2:])
            if parsed is not None:
                try:
                    search_impl(**parsed)
                except typer.Exit as e:
                    sys.exit(e.exit_code)
                sys.exit(0)
        if args or kwargs:  # a caller that drives click itself (tests, embedding)
            return super().__call__(*args, **kwargs)
        sys.exit(_run_one_line_errors(super().__call__))


app = _App(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
           help="akhbar: refine raw Arabic news pages.")


@app.command(short_help="Refine raw pages into OUTDIR (Parquet, JSONL, search store).")
def refine(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., metavar="INPUT", help="Files, directories or - (standard input)."),
    outdir: Path = typer.Option(..., "-o", "--outdir", help="Output directory."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an earlier run's outputs."),
    resume: bool = typer.Option(False, "--resume", help="Finish an interrupted run."),
    executor: str = typer.Option(
        None, help="local, processes or ray.  [default: processes when --workers > 1, else local]"),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    ray_address: str | None = typer.Option(None, help="Ray cluster address."),
    entities: bool = typer.Option(
        False, "--entities", help="Recognize named entities (slow); '--entities accurate': the encoder "
                                  "tagger ('--entities fast': the default one)."
    ),
    dedup: bool = typer.Option(True, "--dedup/--no-dedup", help="Mark duplicates."),
    learn_furniture: bool = typer.Option(
        True, "--learn-furniture/--no-learn-furniture", help="Learn site furniture first.", show_default=False),
    stories: bool = typer.Option(True, "--stories/--no-stories", help="Cluster into stories."),
    quality: bool = typer.Option(True, "--quality/--no-quality", help="Quality filters."),
    mentioned_dates: bool = typer.Option(
        True, "--mentioned-dates/--no-mentioned-dates", help="List the dates the text mentions."),
    drop_duplicates: bool = typer.Option(False, "--drop-duplicates", help="Reject duplicates."),
    languages: str = typer.Option("ar", help="Languages to keep, comma-separated."),
    no_lines: bool = typer.Option(False, "--no-lines", help="Do not write lines.parquet."),
    index: bool = typer.Option(True, "--index/--no-index", help="Build the search store."),
    limit: int | None = typer.Option(None, min=0, help="Stop after N input records."),
    shard_size: int | None = typer.Option(None, min=1, help="Cut outputs every N records."),
    page_seconds: float = typer.Option(10.0, min=0, help="CPU seconds per page (0: no bound)."),
    html_engine: str = typer.Option(
        "trafilatura", "--html-engine",
        help="HTML pages: trafilatura (labels every line) or resiliparse (~10x faster, lower body F1; "
             "pip install 'akhbar[fast]')."),
) -> None:
    """Refine INPUTs into OUTDIR: articles.parquet, lines.parquet, rejected.jsonl,
    manifest.json and the search store akhbar.sqlite.

    An OUTDIR that already holds a run is refused unless --overwrite (its
    outputs, search store included, are removed first) or --resume.
    """
    from akhbar.pipeline import Settings
    from akhbar.run.local import RunOptions

    if executor is None:
        executor = "processes" if workers > 1 else "local"
    if executor not in ("local", "processes", "ray"):
        raise _fail(f"unknown executor {executor!r}: use local, processes or ray", 2)
    if executor == "local" and workers > 1:
        raise _fail(f"--workers {workers} needs --executor processes or ray: the local executor runs "
                    "in this one process", 2)
    if overwrite and resume:
        raise _fail("--overwrite and --resume exclude each other: --resume finishes a run, --overwrite starts afresh", 2)
    if drop_duplicates and not dedup:
        raise _fail("--drop-duplicates needs duplicates marked: it excludes --no-dedup", 2)
    tagger: bool | str = entities
    for mode in ("accurate", "fast"):
        if entities and mode in inputs and not Path(mode).exists():
            # "--entities accurate": the accurate (encoder) tagger; "--entities fast" or a bare --entities: the fast one
            inputs = [p for p in inputs if p != mode]
            tagger = "accurate" if mode == "accurate" else True
    for p in inputs:
        if p != "-" and not Path(p).exists():
            raise _fail(f"input not found: {p}", 2)
    if html_engine != "trafilatura":
        from akhbar.html.fast import EngineUnavailable, require

        try:
            require(html_engine)
        except (EngineUnavailable, ValueError) as e:  # not installed; unknown name
            raise _fail(str(e), 2) from None
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
        overwrite=overwrite,
        ray_address=ray_address,
        settings=Settings(
            languages=tuple(x.strip() for x in languages.split(",") if x.strip()),
            entities=tagger,
            quality=quality,
            mentioned_dates=mentioned_dates,
            max_page_cpu_seconds=page_seconds or None,
            html_engine=html_engine,
        ),
    )
    from akhbar.run.local import WORK_DIR, OutdirInUse

    if resume and not (Path(outdir) / WORK_DIR).is_dir() and (Path(outdir) / "manifest.json").is_file():
        console.print(f"{outdir} holds a finished run: nothing to resume (use --overwrite to run it again)",
                      soft_wrap=True)
        return
    try:
        res = _run_with_progress(inputs, outdir, opts)
    except OutdirInUse as e:
        if e.interrupted:
            raise _fail(f"{outdir} holds an interrupted run: finish it with --resume (same inputs and "
                        "options) or start afresh with --overwrite") from None
        raise _fail(f"{outdir} already holds a refine output: use --overwrite to replace it "
                    "(search store included) or another --outdir") from None
    except OSError as e:
        again = "; free space and finish it with --resume" if (Path(outdir) / WORK_DIR).is_dir() else ""
        raise _fail(f"cannot write to {outdir}: {e.strerror or e}{again}") from None
    except (ValueError, RuntimeError) as e:  # resume of another run's OUTDIR; ray not installed
        raise _fail(str(e)) from None
    except KeyboardInterrupt:
        if "-" in inputs:
            raise _fail(f"interrupted: the run in {outdir} is incomplete; standard input cannot be "
                        "resumed: run again with --overwrite", 130) from None
        raise _fail(f"interrupted: the run in {outdir} is incomplete; finish it with: "
                    f"{_resume_command(ctx)}", 130) from None
    from akhbar.cli_progress import summary_table

    if not res.records:
        err.print(f"warning: no input records found in {' '.join(inputs)}: the outputs are empty",
                  style="yellow", soft_wrap=True, markup=False, highlight=False)
    console.print(summary_table(res))
    console.print(f"output: {res.outdir.resolve()}")


def _resume_command(ctx: typer.Context) -> str:
    """The ``akhbar refine`` command line that finishes this interrupted run: the same inputs and
    options as given (defaults left out), ``--resume`` added."""
    import shlex

    parts = ["akhbar", "refine"]
    for prm in ctx.command.params:
        name = prm.name or ""
        v = ctx.params.get(name)
        source = ctx.get_parameter_source(name)
        if name in ("resume", "overwrite") or source is None or source.name == "DEFAULT":
            continue
        if prm.param_type_name == "argument":
            parts += [shlex.quote(str(x)) for x in (v or [])]
        elif getattr(prm, "is_flag", False):
            if v or prm.secondary_opts:
                parts.append(prm.opts[-1] if v else prm.secondary_opts[-1])
        elif v is not None:
            parts += [min(prm.opts, key=len), shlex.quote(str(v))]
    return " ".join([*parts, "--resume"])


def _run_with_progress(inputs, outdir, opts):
    """``refine_paths`` with its progress on standard error: a live bar on a terminal, a few plain
    lines elsewhere (``akhbar.cli_progress``); the bar is cleared when the run ends or is interrupted."""
    from akhbar.cli_progress import RefineDisplay
    from akhbar.run.local import refine_paths

    with RefineDisplay(err) as display:
        opts.status = display.status
        return refine_paths(inputs, outdir, opts, progress=display.progress)


@app.command(short_help="Print articles readably.")
def show(
    outdir: Path = typer.Argument(..., metavar="OUTDIR", help="A refine output directory."),
    id: str | None = typer.Option(None, "--id", help="Article, page or record id, or a record's source."),
    limit: int = typer.Option(5, min=1, help="Articles to show."),
) -> None:
    """Print articles readably: title, date, publisher, agencies, authors, tags, body."""
    from rich.text import Text

    rows = _read_articles(outdir)
    if id:
        rows = [r for r in rows if id in (r["id"], r["page_id"], r["record_id"], r.get("source"))]
        if not rows:
            rej = _find_rejected(outdir, id)
            if rej is not None:
                raise _fail(f"record {id} was rejected ({rej.get('reason')}: {rej.get('message')}); "
                            f"see {outdir / 'rejected.jsonl'}")
            raise _fail(f"no article with id {id} in {outdir}")
    for r in rows[:limit]:
        console.rule(Text(r["title"] or "", style="bold"))
        for k in ("id", "role", "published", "published_source", "title_source", "publisher", "section", "url"):
            if r.get(k):
                # soft_wrap: a long URL stays one line (copy-pastable)
                console.print(Text(f"{k}: ", style="dim") + Text(str(r[k])), soft_wrap=k == "url")
            elif k == "published" and r.get("crawl_date"):
                console.print(Text("published: ", style="dim") + Text("none on the page")
                              + Text(f" (crawl date {r['crawl_date']}, not a publication date)", style="dim"))
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


def _find_rejected(outdir: Path, rid: str) -> dict | None:
    """The rejected.jsonl entry of record ``rid`` (its id, or its full source), or None."""
    try:
        with open(outdir / "rejected.jsonl", encoding="utf-8") as f:
            for line in f:
                if rid in line:
                    try:
                        e = json.loads(line)
                    except ValueError:
                        continue
                    if rid in (e.get("id"), e.get("source")):
                        return e
    except OSError:
        return None
    return None


@app.command(short_help="Print a run's counts and per-stage statistics.")
def stats(outdir: Path = typer.Argument(..., metavar="OUTDIR", help="A refine output directory.")) -> None:
    """Print the run's counts and, per page stage, the pages it saw, rejected and its CPU seconds."""
    from rich.table import Table

    try:
        m = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        if (outdir / ".akhbar-work").is_dir():
            why = "it holds an interrupted run: finish it with akhbar refine ... --resume"
        elif not outdir.is_dir():
            why = "no such directory"
        else:
            why = "no manifest.json" if isinstance(e, FileNotFoundError) else "manifest.json is unreadable"
        err.print(f"{outdir} is not a finished refine output ({why})", soft_wrap=True)
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


@app.command("stages", short_help="List the per-page stages and the fields each fills.")
def stages_cmd(
    html: bool = typer.Option(False, "--html", help="The HTML route's stages instead of the text route's."),
    entities: bool = typer.Option(False, "--entities", help="As with refine --entities."),
    html_engine: str = typer.Option("trafilatura", "--html-engine", help="As with refine --html-engine."),
) -> None:
    """List the per-page stages in order, the fields each one fills and the module that holds it."""
    from rich.table import Table

    from akhbar.pipeline import Settings, pipeline_stages

    t = Table(title=f"{'html' if html else 'text'} route")
    for col in ("stage", "fills", "rejects", "module"):
        t.add_column(col, overflow="fold")
    try:
        stages = pipeline_stages(Settings(entities=entities, html_engine=html_engine), "html" if html else "text")
    except ValueError as e:  # an unknown engine
        raise _fail(str(e), 2) from None
    for s in stages:
        t.add_row(s.name, ", ".join(s.owns), ", ".join(s.rejects), s.module.replace("akhbar.stages.", "stages/") + ".py")
    console.print(t)


@app.command("index", short_help="Build or extend the SQLite search store.")
def index_cmd(
    outdirs: list[Path] = typer.Argument(..., metavar="OUTDIR...", help="Refine output directories, in order."),
    store: Path | None = typer.Option(None, help="Store file [default: OUTDIR/akhbar.sqlite]."),
) -> None:
    """Build or extend the SQLite search store from refine output directories (one indexed before and
    refined since replaces its earlier articles); print what was added as JSON (a list for several)."""
    import sqlite3

    from akhbar.store import build_index

    infos = []
    for outdir in outdirs:
        try:
            if err.is_terminal:  # a spinner while the store is built (about 13 s for 30,000 articles)
                with err.status(f"building the search store of {outdir}", spinner="dots"):
                    infos.append(build_index(outdir, store))
            else:
                infos.append(build_index(outdir, store))
        except FileNotFoundError:
            raise _fail(f"{outdir} is not a refine output directory (no articles.parquet): run akhbar refine first") from None
        except (OSError, sqlite3.Error) as e:
            raise _fail(f"cannot build the store {store or outdir}: {e}") from None
    sys.stdout.write(json.dumps(infos[0] if len(infos) == 1 else infos, ensure_ascii=False, indent=1) + "\n")


@app.command(short_help="Search a store (Arabic-aware full text).", help=SEARCH_HELP)
def search(
    store: Path = typer.Argument(..., metavar="STORE", help="Store file or refine output directory."),
    query: str = typer.Argument(..., metavar="QUERY", help="Words, \"phrases\", OR, NOT/-word; '' browses."),
    date_from: str | None = typer.Option(None, "--from", metavar="DAY", help="From this day (YYYY-MM-DD)."),
    date_to: str | None = typer.Option(None, "--to", metavar="DAY", help="To this day (YYYY-MM-DD)."),
    publisher: str | None = typer.Option(None, metavar="NAME", help="Outlet: name, source id or host."),
    section: str | None = typer.Option(None, metavar="NAME", help="Section name, exactly."),
    entity: str | None = typer.Option(None, metavar="NAME", help="Entity name or spelling."),
    sort: str = typer.Option("relevance", metavar="KEY", help="relevance (default) or date."),
    limit: int = typer.Option(10, min=1, max=1000, help="Results to show."),
    as_json: bool = typer.Option(False, "--json", help="Print count and hits as JSON."),
) -> None:
    search_impl(store, query, date_from, date_to, publisher, section, entity, sort, limit, as_json)


@app.command(short_help="Serve the web page of a store.")
def serve(
    store: Path = typer.Argument(..., metavar="STORE", help="Store file or refine output directory."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the web page (search, articles, stories, entities, stats) on HOST:PORT."""
    import sqlite3

    from akhbar.web import serve as _serve

    try:
        _serve(store, host=host, port=port)
    except FileNotFoundError as e:
        raise _fail(str(e)) from None
    except sqlite3.Error as e:
        raise _fail(f"cannot read the store {store}: {e}") from None
    except OSError as e:
        raise _fail(str(e)) from None


@app.command(short_help="List story clusters across outlets.")
def stories(
    outdir: Path = typer.Argument(..., metavar="OUTDIR", help="A refine output directory."),
    limit: int = typer.Option(20, min=1, help="Stories to list."),
    timeline: bool = typer.Option(True, help="Print each multi-article story's timeline under the table."),
) -> None:
    """List story clusters: size, outlets, first report, first and last date, title; then the timeline of
    each listed story of two or more articles (rank, date, outlet, title; copies marked)."""
    from rich.text import Text

    from akhbar.corpus.storyview import story_table

    rows = _table(story_table, outdir)[:limit]
    t = Table(show_header=True)
    for c in ("size", "outlets", "first report", "first", "last", "title"):
        t.add_column(c)
    for r in rows:
        fs = r["first_seen"]
        t.add_row(str(r["size"]), "، ".join(r["outlets"]), fs["publisher"] or fs["id"], r.get("first_date") or "",
                  r.get("last_date") or "", r["title"] or "")
    console.print(t)
    if not timeline:
        return
    for r in rows:
        if r["size"] < 2:
            continue
        console.print(Text(f"\n{r['title'] or r['story_id']}", style="bold"))
        for e in r["timeline"]:
            copy = " (copy)" if e["dup_of"] else ""
            when = e["date"] or (f"{e['crawl_date']} (crawled)" if e.get("crawl_date") else "no date")
            console.print(f"  {e['rank']:>3}  {when}  {e['publisher'] or ''}{copy}  {e['title'] or ''}")


@app.command("entities", short_help="List entities with counts and spellings.")
def entities_cmd(
    outdir: Path = typer.Argument(..., metavar="OUTDIR", help="A refine output directory."),
    limit: int = typer.Option(30, min=1, help="Entities to list."),
    type: str = typer.Option(None, "--type", help="Only entities of this type: PER, LOC, ORG or MISC."),
) -> None:
    """List entities (most frequent spelling, majority type, count, spelling variants); God and
    currency names are left out."""
    from akhbar.entities import entity_table

    if type is not None and type.upper() not in ("PER", "LOC", "ORG", "MISC"):
        err.print(f"--type must be PER, LOC, ORG or MISC, not {type!r}")
        raise typer.Exit(2)
    rows = _table(entity_table, outdir)
    if not rows:
        err.print(f"no entities in {outdir}: entity recognition is off by default; run akhbar refine with --entities")
        return
    rows = [r for r in rows if type is None or r["type"] == type.upper()][:limit]
    t = Table(show_header=True)
    for c in ("entity", "type", "count", "variants"):
        t.add_column(c)
    for r in rows:
        t.add_row(r["name"], r["type"], str(r["count"]), "، ".join(r["variants"][:6]))
    console.print(t)


def _articles(outdir: Path):
    """``OUTDIR/articles.parquet``, or the list of its shards (``articles-00000.parquet`` ...)."""
    single = outdir / "articles.parquet"
    if single.exists():
        return single
    shards = sorted(outdir.glob("articles-*.parquet"))
    if shards:
        return [str(p) for p in shards]
    raise _fail(f"{outdir} is not a refine output directory (no articles.parquet): run akhbar refine first")


def _read_error(outdir: Path, e: Exception) -> typer.Exit:
    return _fail(f"cannot read the articles of {outdir}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")


def _read_articles(outdir: Path) -> list[dict]:
    """The article rows of a refine output directory (one-line error and exit 1 when unreadable)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = _articles(outdir)
    try:
        return pq.read_table(path).to_pylist()
    except (OSError, pa.ArrowException) as e:
        raise _read_error(outdir, e) from None


def _table(fn, outdir: Path) -> list[dict]:
    """``fn`` (``story_table``, ``entity_table``) over OUTDIR's articles, errors as one line."""
    import pyarrow as pa

    path = _articles(outdir)
    try:
        return fn(path)
    except (OSError, KeyError, pa.ArrowException) as e:
        raise _read_error(outdir, e) from None


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
