"""Terminal rendering of a story analysis with rich (the readable summary `analyze` and `demo` print)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storylens.cleaning.outlet import display_name
from storylens.outputs.story_json import HEADING, statement_wording
from storylens.outputs.terminal import clip
from storylens.outputs.terminal.framing import print_briefing_extras, print_framing


def print_story(console: Console, data: dict[str, Any]) -> None:
    """Print the briefing, claim-group counts, conflicts, quotes and timeline of a story JSON."""
    outlets = {a["id"]: a.get("outlet") or display_name(a["source"]) for a in data["articles"]}
    title = (data.get("story") or {}).get("title") or "Story"
    console.rule(f"[bold]{escape(title)}")
    console.print(f"{len(data['articles'])} articles from {len(set(outlets.values()))} outlets")
    _print_summary(console, data, outlets)
    print_briefing_extras(console, data)
    _print_groups(console, data)
    print_framing(console, data)
    _print_conflicts(console, data, outlets)
    _print_quotes(console, data, outlets)
    _print_timeline(console, data, outlets)


def _cite(article_ids: list[str], outlets: dict[str, str]) -> str:
    return ", ".join(dict.fromkeys(outlets.get(a, a) for a in article_ids))


def _print_summary(console: Console, data: dict[str, Any], outlets: dict[str, str]) -> None:
    console.print("\n[bold]Briefing")
    for item in data["summary"]:
        console.print(f" • {escape(item['text'])} [dim]({escape(_cite(item['articles'], outlets))})")


def _print_groups(console: Console, data: dict[str, Any]) -> None:
    counts = Counter(g["status"] for g in data["claim_groups"])
    multi = [g for g in data["claim_groups"] if g["status"] == "corroborated"]
    claims = [c for c in data["claims"] if c.get("kind") != HEADING]  # headings are listed, not counted
    console.print(f"\n[bold]Claims[/]: {len(claims)} in {len(data['claim_groups'])} groups: "
                  f"[green]{counts['corroborated']} corroborated[/], "
                  f"[red]{counts['contested']} contested[/], {counts['single-source']} single-source")
    for group in sorted(multi, key=lambda g: -g["independent_sources"])[:5]:
        console.print(f" ✓ {escape(group.get('text', ''))} [dim]({group['independent_sources']} sources)")


def _print_conflicts(console: Console, data: dict[str, Any], outlets: dict[str, str]) -> None:
    console.print(f"\n[bold]Conflicts[/]: {len(data['conflicts'])}")
    for conflict in data["conflicts"]:
        console.print(f" ✗ [red]{conflict['kind']}[/]: {escape(conflict['explanation'])}")


def _print_quotes(console: Console, data: dict[str, Any], outlets: dict[str, str]) -> None:
    by_speaker = Counter(q["speaker"]["name"] or "unknown" for q in data["quotes"])
    console.print(f"\n[bold]Quotes[/]: {len(data['quotes'])} from {len(by_speaker)} speakers")
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("speaker")
    table.add_column("quotes", justify="right")
    for speaker, count in by_speaker.most_common(8):
        table.add_row(escape(speaker), str(count))
    console.print(table)
    carried = [s for s in data.get("statements") or [] if s["independent_sources"] > 1]
    if carried:
        console.print(f"\n[bold]Statements carried by several outlets[/]: {len(carried)}")
    quotes = {q["id"]: q for q in data["quotes"]}
    for statement in carried[:5]:
        speaker = statement["speaker"]["name"] or "unknown"
        text, kind = statement_wording(statement, quotes)
        shown = f"“{escape(clip(text, 100))}”" if kind == "direct" else f"(reported) {escape(clip(text, 100))}"
        console.print(f" {escape(speaker)}: {shown} [dim]({escape(_cite(statement['articles'], outlets))})")


def _print_timeline(console: Console, data: dict[str, Any], outlets: dict[str, str]) -> None:
    console.print(f"\n[bold]Timeline[/]: {len(data['timeline'])} entries")
    for entry in data["timeline"][:12]:
        console.print(f" {entry['when']:<12} {escape(clip(entry['text'], 100))} "
                      f"[dim]({escape(_cite(entry['articles'], outlets))})")
