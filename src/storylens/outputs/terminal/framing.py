"""Terminal rendering of the briefing's extra sections, outlet framing side by side, and blind spots."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storylens.outputs.terminal import clip

QUOTED_KINDS = ("official", "expert", "media", "anonymous", "other")
MAX_LISTED = 5


def print_briefing_extras(console: Console, data: dict[str, Any]) -> None:
    """'What is disputed' and 'Claims from a single source' under the briefing."""
    briefing = data.get("briefing") or {}
    written = briefing.get("model_written")
    if written:
        label = f"{written['label']}; {written['model']}"
        console.print(f"\n[bold]Model-written briefing[/] [yellow]({escape(label)})")
        console.print(escape(written.get("text") or f"not available: {written.get('error')}"))
    if briefing.get("disputed"):
        console.print("\n[bold]What is disputed")
        for item in briefing["disputed"]:
            console.print(f" ✗ {escape(item['text'])} [dim]({item['conflict']})")
    # Single-source facts the briefing already shows (as the report does, by claim group) are not repeated.
    shown = {s.get("group") for s in briefing.get("sentences") or [] if s.get("section") == "single-source"}
    singles = [item for item in briefing.get("single_source") or [] if item.get("group") not in shown]
    if singles:
        console.print("\n[bold]Claims from a single source")
        for item in singles[:MAX_LISTED]:
            console.print(f" ? {escape(clip(item['text'], 140))} [dim]({escape(item['outlet'])})")


def print_framing(console: Console, data: dict[str, Any]) -> None:
    """One column per outlet: distinctive words, tone, hedging, own voice, whom it quotes, blind spots."""
    framing = data.get("framing") or []
    if not framing:
        return
    blind = (data.get("coverage") or {}).get("blind_spots", {})
    groups = {g["id"]: g for g in data.get("claim_groups", [])}
    table = Table(title="How each outlet frames it", show_header=True, header_style="bold", box=None)
    table.add_column("")
    for record in framing:
        table.add_column(escape(record["outlet"]), overflow="fold")
    rows = {
        "words": [", ".join(t["term"] for t in r["distinctive_terms"][:4]) for r in framing],
        "tone": [_tone(r) for r in framing],
        "hedged": [f"{r['hedged_rate']:.0%}" for r in framing],
        "own voice": [f"{r['own_voice_share']:.0%}" for r in framing],
        "quotes": [_quoted(r["quoted"]) for r in framing],
        "headline": [", ".join(r["headline"]["stressed"][:3]) for r in framing],
        "blind spots": [_blind(blind.get(r["outlet"], []), groups) for r in framing],
    }
    for label, cells in rows.items():
        table.add_row(f"[bold]{label}", *(escape(c) for c in cells))
    console.print()
    console.print(table)


def _tone(record: dict[str, Any]) -> str:
    return "; ".join(f"{t['name']} {t['score']:+.2f}" for t in record["tone"][:2])


def _quoted(quoted: dict[str, int]) -> str:
    return ", ".join(f"{quoted[kind]} {kind}" for kind in QUOTED_KINDS if quoted.get(kind))


def _blind(group_ids: list[str], groups: dict[str, dict[str, Any]]) -> str:
    texts = [clip(groups[g].get("text", g), 60) for g in group_ids[:2] if g in groups]
    more = f" (+{len(group_ids) - 2})" if len(group_ids) > 2 else ""
    return " | ".join(texts) + more if texts else "none"
