"""Hand-written fictional articles for the clustering tests: two warehouse fires two days apart."""

from __future__ import annotations

import json
from pathlib import Path

DUNMERE = [
    {"id": "dunmere-1", "outlet": "Valley Ledger", "published": "2026-02-03",
     "title": "Fire guts Kessling Logistics warehouse in Dunmere",
     "text": "A fire destroyed the Kessling Logistics warehouse on Mill Road in Dunmere early on Tuesday. "
             "Fire chief Maren Holt said 46 firefighters fought the blaze for seven hours.\n\n"
             "Holt said the fire started in a loading bay. Kessling Logistics said 38 workers had left "
             "the building before the roof collapsed."},
    {"id": "dunmere-2", "outlet": "Northfold Courier", "published": "2026-02-03",
     "title": "Dunmere warehouse blaze: Kessling roof collapses",
     "text": "The roof of the Kessling Logistics warehouse in Dunmere collapsed on Tuesday as 46 "
             "firefighters battled the flames, fire chief Maren Holt said.\n\n"
             "All 38 Kessling workers got out. Holt said investigators would examine the loading bay "
             "on Mill Road."},
    {"id": "dunmere-3", "outlet": "Dunmere Evening Post", "published": "2026-02-04",
     "title": "Kessling vows to rebuild Dunmere depot",
     "text": "Kessling Logistics will rebuild its Dunmere warehouse on Mill Road, its director Ilse Varga "
             "said on Wednesday, a day after the fire.\n\n"
             "Fire chief Maren Holt said the blaze began in a loading bay and that the 38 workers were safe."},
]
OAKHAVEN = [
    {"id": "oakhaven-1", "outlet": "Coastline Times", "published": "2026-02-05",
     "title": "Brightwell Storage warehouse burns in Oakhaven",
     "text": "Flames tore through the Brightwell Storage warehouse in Oakhaven's harbour district on "
             "Thursday. Fire commander Tobias Renn said 12 engines were sent to Quay Street.\n\n"
             "Renn said lithium batteries stored on the second floor may have caught fire."},
    {"id": "oakhaven-2", "outlet": "Harbourside Daily", "published": "2026-02-05",
     "title": "Oakhaven fire: batteries blamed at Brightwell",
     "text": "Lithium batteries may have started the fire at the Brightwell Storage warehouse on Quay "
             "Street in Oakhaven, fire commander Tobias Renn said on Thursday.\n\n"
             "Twelve engines fought the blaze; Brightwell said nobody was hurt."},
    {"id": "oakhaven-3", "outlet": "Coastline Times", "published": "2026-02-06",
     "title": "Quay Street reopens after Brightwell fire",
     "text": "Oakhaven reopened Quay Street on Friday, a day after the fire at the Brightwell Storage "
             "warehouse.\n\nFire commander Tobias Renn said the second floor, where lithium batteries "
             "were kept, would be examined by investigators."},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Write records as a .jsonl input file and return its path."""
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
