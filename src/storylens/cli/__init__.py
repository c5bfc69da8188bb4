"""The `storylens` command line: a thin shell over the library (ingest, pipeline, store, outputs).

Exit codes: 0 done (some inputs may have failed, each reported on stderr); 1 nothing could be analysed;
2 usage error.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from storylens import store
from storylens.cli.common import (
    DaskOption,
    DbOption,
    Inputs,
    MaxBytesOption,
    StageTimeoutOption,
    WorkersOption,
    console,
    limits_from,
    run_batch,
    write_html,
    write_json,
    write_lines,
)
from storylens.outputs.story_json import extract_record, story_to_json
from storylens.outputs.terminal.story import print_story
from storylens.pipeline.build import build_pipeline
from storylens.pipeline.registry import ARTICLE_STAGES
from storylens.pipeline.runner import build_story
from storylens.settings import DEFAULT_MAX_BYTES, DEFAULT_STAGE_TIMEOUT, Limits
from storylens.stages.compare.nli import DEFAULT_THRESHOLD, ContradictionModelError, load_scorer
from storylens.stages.story.briefing import WORD_BUDGET

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
DEMO_DIR = Path(__file__).parents[1] / "demo" / "articles"

# Commands that live in their own modules; each module has `register(app)`.
COMMAND_MODULES: tuple[str, ...] = ("storylens.cli.story", "storylens.cli.check", "storylens.cli.serve",
                                     "storylens.cli.cluster")


def analyze_to_outputs(inputs: Iterable[str], json_out: str | None, html_out: str | None,
                       db: str | None, story_id: str | None, dask: str | None = None,
                       workers: int | None = None, limits: Limits | None = None,
                       options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Analyse inputs as one story and write the requested outputs; return the story JSON."""
    pipeline = build_pipeline()
    batch = run_batch(inputs, pipeline, db, story_id, dask, workers, limits=limits)
    with console.status("Comparing outlets..."):
        data = story_to_json(build_story(batch.articles, pipeline, story_id, options))
    if json_out:
        write_json(data, json_out)
    if html_out:
        write_html(data, html_out)
    return data


def story_options(words: int, model_url: str | None, model: str, contradiction_model: Path | None = None,
                  contradiction_threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """`Story.options` from the analyze options: briefing length, the optional model endpoint and the optional
    contradiction model (loaded here, so a bad path or a missing package fails before any article is read)."""
    options: dict[str, Any] = {"words": words}
    if model_url:
        options["model_endpoint"] = {"url": model_url, "model": model}
    if contradiction_model is not None:
        try:
            load_scorer(str(contradiction_model))
        except ContradictionModelError as exc:
            raise typer.BadParameter(str(exc), param_hint="--contradiction-model") from exc
        options["contradiction_model"] = {"path": str(contradiction_model), "threshold": contradiction_threshold}
    return options


@app.command()
def analyze(
    inputs: Inputs,
    json_out: Annotated[str | None, typer.Option("--json", help="Story JSON file (- = stdout).")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="Write the HTML report here.")] = None,
    db: DbOption = None,
    story: Annotated[str | None, typer.Option(help="Story id to file the articles under.")] = None,
    dask: DaskOption = None,
    workers: WorkersOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    stage_timeout: StageTimeoutOption = DEFAULT_STAGE_TIMEOUT,
    words: Annotated[int, typer.Option("--words", min=10, help="Briefing length in words.")] = WORD_BUDGET,
    model_url: Annotated[str | None, typer.Option(
        help="OpenAI-compatible endpoint (e.g. http://127.0.0.1:8080/v1) for an extra, model-written "
             "briefing; off by default. A key, if needed, comes from $STORYLENS_MODEL_KEY.")] = None,
    model: Annotated[str, typer.Option(help="Model name to ask at --model-url.")] = "default",
    contradiction_model: Annotated[Path | None, typer.Option(
        help="Local directory of a transformers NLI cross-encoder that also scores aligned claim pairs; pairs "
             "at or above --contradiction-threshold become conflicts of kind 'model'. Off by default; needs "
             "the nli extra (make install-nli).")] = None,
    contradiction_threshold: Annotated[float, typer.Option(
        min=0.0, max=1.0, help="Contradiction probability from which the model's verdict is a conflict.")
    ] = DEFAULT_THRESHOLD,
) -> None:
    """Analyse articles about one story: corroborated, single-source, contested claims, quotes, timeline."""
    options = story_options(words, model_url, model, contradiction_model, contradiction_threshold)
    data = analyze_to_outputs(inputs, json_out, html_out, db, story, dask, workers,
                              limits_from(max_bytes, stage_timeout), options)
    if json_out != "-":
        print_story(console, data)


@app.command()
def add(inputs: Inputs, db: DbOption = None,
        story: Annotated[str, typer.Option(help="Story id to file the articles under (default: each new "
                                                "article joins the best-matching stored story or a new one).")
                         ] = "auto-cluster",
        dask: DaskOption = None, workers: WorkersOption = None, max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
        stage_timeout: StageTimeoutOption = DEFAULT_STAGE_TIMEOUT) -> None:
    """Process articles and keep them in the store (re-adding the same article stores it once)."""
    from storylens.cli.cluster import AUTO_STORY, auto_file, filing_target

    db = db or store.DEFAULT_DB
    # keep=False: articles stream into the store and are not held in memory (flat memory for big batches).
    batch = run_batch(inputs, build_pipeline(), db, filing_target(db, story), dask, workers, keep=False,
                      limits=limits_from(max_bytes, stage_timeout))
    console.print(f"stored {batch.stored} new, {batch.reused} already stored, {len(batch.problems)} skipped")
    if story == AUTO_STORY:
        auto_file(db)


@app.command()
def extract(
    inputs: Inputs,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    stage_timeout: StageTimeoutOption = DEFAULT_STAGE_TIMEOUT,
) -> None:
    """Clean and annotate articles without story analysis; one JSON record per line."""
    stages = [s for s in ARTICLE_STAGES if s.name != "embed"]
    batch = run_batch(inputs, build_pipeline(stages, ()), None, None, limits=limits_from(max_bytes, stage_timeout))
    write_lines((extract_record(a) for a in batch.articles), out)


@app.command()
def export(
    db: DbOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One article record per line (the default).")] = True,
    out: Annotated[str, typer.Option(help="Output file (- = stdout).")] = "-",
) -> None:
    """Write every stored article record, one per line (backup, hand-off to other tools)."""
    engine = store.connect(db or store.DEFAULT_DB)
    write_lines((extract_record(a) for a in store.load_articles(engine)), out)


@app.command()
def demo(out: Annotated[Path, typer.Option(help="Where to write the report.")] = Path("demo-output")) -> None:
    """Analyse the bundled demo story; write report.json and report.html and print a summary."""
    json_path, html_path = out / "report.json", out / "report.html"
    data = analyze_to_outputs([str(DEMO_DIR)], str(json_path), str(html_path),
                              f"sqlite:///{out / 'storylens.db'}", "demo")
    print_story(console, data)
    console.print(f"\nWrote [bold]{json_path}[/] and [bold]{html_path}[/] (open it in a browser).")


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)

if __name__ == "__main__":
    app()
