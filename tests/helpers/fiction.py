"""Small fictional news articles written for the reliability tests (invented towns, outlets, people)."""

from __future__ import annotations

from pathlib import Path

TOWNS = ("Portvale", "Eastbrook", "Linmoor", "Caddow", "Ferrisham", "Quillby")
OUTLETS = ("Harbor Post", "Bay Courier", "Moorland Echo", "Valley Ledger", "Ridge Daily")
PEOPLE = ("Ada Quill", "Tomas Vey", "Ines Ruel", "Marek Holt", "Sana Odell", "Pia Brannock")
EVENTS = ("a ferry ran aground", "a warehouse roof collapsed", "the river bridge closed",
          "a grain silo caught fire", "the tram depot flooded", "a crane toppled at the quay")


def fictional_article(n: int) -> str:
    """Plain-text article number `n`: front matter, headline, byline, dateline, quotes, dates, numbers."""
    town, outlet = TOWNS[n % len(TOWNS)], OUTLETS[n % len(OUTLETS)]
    person, event = PEOPLE[n % len(PEOPLE)], EVENTS[n % len(EVENTS)]
    day = 1 + n % 27
    return (
        f"---\noutlet: {outlet}\n---\nIn {town}, {event} (report {n})\n\nBy {PEOPLE[(n + 1) % len(PEOPLE)]}\n\n"
        f"{town.upper()}, March {day}, 2026 — Officials said {event} in {town} on Tuesday, and {n + 2} "
        f"people were moved to safety.\n\n"
        f"\"We expect the site to reopen by April {day}, 2026,\" {person} said. The council will meet "
        f"again next week, according to a statement.\n\nRepairs could cost {n + 3} million euros, "
        f"engineers estimated in report number {n}."
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    """Write `count` fictional articles as .txt files into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:03d}.txt"
        path.write_text(fictional_article(n), encoding="utf-8")
        paths.append(path)
    return paths
