"""`storylens analyze`: analyse articles about one story and write the story JSON and/or the HTML report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

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
)
from storylens.outputs.terminal.story import print_story
from storylens.pipeline.build import build_profile
from storylens.pipeline.runner import analyse_story
from storylens.settings import (
    BRIEFING_WORDS,
    CLAIM_GROUPINGS,
    DEFAULT_GROUPING,
    DEFAULT_MAX_BYTES,
    DEFAULT_STAGE_TIMEOUT,
    RunOptions,
)
from storylens.stages.compare.nli import DEFAULT_THRESHOLD, ContradictionModelError, load_scorer


def analyse_to_outputs(inputs: Iterable[str], json_out: str | None, html_out: str | None, run: RunOptions,
                       options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Analyse inputs as one story and write the requested outputs; return the story JSON."""
    pipeline = build_profile("analyze")
    batch = run_batch(inputs, pipeline, run)
    with console.status("Comparing outlets..."):
        data = analyse_story(batch.articles, pipeline, run.story_id, options)
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
    words: Annotated[int, typer.Option("--words", min=10, help="Briefing length in words.")] = BRIEFING_WORDS,
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
    claim_grouping: Annotated[str, typer.Option(
        help="How claims are grouped into facts: pairs (default: the claim-pair model), rules (the older "
             "embedding rule: fewer shared facts found) or events (event coreference).")] = DEFAULT_GROUPING,
) -> None:
    """Analyse articles about one story: corroborated, single-source, contested claims, quotes, timeline."""
    options = story_options(words, model_url, model, contradiction_model, contradiction_threshold)
    if claim_grouping not in CLAIM_GROUPINGS:
        raise typer.BadParameter(f"one of {', '.join(CLAIM_GROUPINGS)}", param_hint="--claim-grouping")
    options["claim_grouping"] = claim_grouping
    run = RunOptions(db, story, dask, workers, limits_from(max_bytes, stage_timeout))
    data = analyse_to_outputs(inputs, json_out, html_out, run, options)
    if json_out != "-":
        print_story(console, data)


def register(app: typer.Typer) -> None:
    """Add the `analyze` command."""
    app.command()(analyze)
