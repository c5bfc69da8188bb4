"""Numbers with units, the raw material of number conflicts."""

from storylens.text.quantities import find_quantities, normalise_unit, values_disagree


def _pairs(text):
    return [(q["value"], q["unit"]) for q in find_quantities(text)]


def test_counts_money_percent_and_words():
    assert _pairs("About 40 tonnes of solvent leaked.") == [(40.0, "tonne")]
    assert _pairs("Officials said twelve tonnes escaped.") == [(12.0, "tonne")]
    assert _pairs("Repairs cost $3.2 million and shares fell 8 percent.") == [(3.2e6, "USD"), (8.0, "%")]
    assert _pairs("Some 1,200 residents were evacuated.") == [(1200.0, "resident")]


def test_dates_and_times_are_not_quantities():
    assert _pairs("It began on March 2, 2026 at 9 a.m.") == []
    assert _pairs("The plant opened in 1998.") == []


def test_offsets_point_at_the_number():
    text = "Crews pumped 300 litres overnight."
    (q,) = find_quantities(text)
    assert text[q["start"] : q["end"]] == "300"


def test_units_and_tolerance():
    assert normalise_unit("people") == "person" and normalise_unit("tonnes") == "tonne"
    assert not values_disagree(100, 102)
    assert values_disagree(40, 12)


def test_thousands_separators_keep_the_cents() -> None:
    found = find_quantities("The retreat cost $5,687.75 and the dinner $466.30.")
    assert [q["value"] for q in found] == [5687.75, 466.3]
    assert found[0]["text"] == "$5,687.75"
