"""The story `entities` stage: one entity per referent across articles, tolerant of accents and spelling."""

from __future__ import annotations

from storylens.model import Article, Span, Story
from storylens.stages.article.nlp import annotate
from storylens.stages.story.entities import link_entities, name_key, similar


def article(article_id: str, mentions: list[tuple[str, str, str | None]]) -> Article:
    """An article whose text is the mention surfaces joined by ". "; (surface, label, in-article name)."""
    text, spans = "", []
    for surface, label, name in mentions:
        start = len(text)
        text += surface + ". "
        spans.append(Span(start, start + len(surface), label, {"name": name or surface}))
    art = Article(id=article_id, source=article_id, text=text)
    art.layers["entities"] = spans
    return art


def link(*articles: Article) -> list[dict]:
    return link_entities(Story("s", list(articles))).results["entities"]


def by_name(entities: list[dict], name: str) -> dict:
    return next(e for e in entities if e["name"] == name)


def test_name_key_folds_accents_and_case() -> None:
    assert name_key("Ana Rodríguez") == name_key("ANA RODRIGUEZ") == "ana rodriguez"


def test_similar_tolerates_transliteration_not_other_people() -> None:
    assert similar(["volodymyr", "zelenskyy"], ["volodymyr", "zelensky"])
    assert not similar(["john", "smith"], ["joan", "smith"])


def test_diacritics_and_transliteration_link_across_articles() -> None:
    entities = link(
        article("a1", [("Ana Rodríguez", "PERSON", None), ("Volodymyr Zelenskyy", "PERSON", None)]),
        article("a2", [("Ana Rodriguez", "PERSON", None), ("Volodymyr Zelensky", "PERSON", None)]),
        article("a3", [("Ana Rodríguez", "PERSON", None)]),
    )
    ana = by_name(entities, "Ana Rodríguez")
    assert ana["aliases"] == ["Ana Rodriguez"]
    assert [m["article"] for m in ana["mentions"]] == ["a1", "a2", "a3"]
    assert len([e for e in entities if "zelensk" in name_key(e["name"])]) == 1


def test_surname_only_joins_the_unique_full_name() -> None:
    entities = link(
        article("a1", [("Ines Calloway", "PERSON", None)]),
        article("a2", [("Calloway", "ORG", None), ("Calloway", "PERSON", None)]),
    )
    assert len(entities) == 1
    assert entities[0]["name"] == "Ines Calloway" and entities[0]["type"] == "PERSON"
    assert entities[0]["aliases"] == ["Calloway"]


def test_ambiguous_surname_stays_apart() -> None:
    entities = link(
        article("a1", [("Ines Calloway", "PERSON", None), ("Mark Calloway", "PERSON", None)]),
        article("a2", [("Calloway", "PERSON", None)]),
    )
    assert sorted(e["name"] for e in entities) == ["Calloway", "Ines Calloway", "Mark Calloway"]


def test_in_article_names_are_kept_and_surfaces_become_aliases() -> None:
    entities = link(article("a1", [("Ines Calloway", "PERSON", None), ("Calloway", "PERSON", "Ines Calloway")]))
    assert entities[0]["aliases"] == ["Calloway"] and len(entities[0]["mentions"]) == 2


def test_canonical_name_is_the_most_frequent_full_form() -> None:
    entities = link(
        article("a1", [("Ana Rodriguez", "PERSON", None)]),
        article("a2", [("Ana Rodríguez", "PERSON", None), ("Ana Rodríguez", "PERSON", None)]),
    )
    assert entities[0]["name"] == "Ana Rodríguez"


def test_short_company_name_joins_the_full_name() -> None:
    entities = link(article("a1", [("Kestral Holdings", "ORG", None)]), article("a2", [("Kestral", "ORG", None)]))
    assert [e["name"] for e in entities] == ["Kestral Holdings"]


def test_places_do_not_join_people() -> None:
    entities = link(article("a1", [("Ines Calloway", "PERSON", None)]), article("a2", [("Calloway", "GPE", None)]))
    assert len(entities) == 2


def test_order_and_ids_are_deterministic() -> None:
    articles = [
        article("a1", [("Orlen Water", "ORG", None), ("Ines Calloway", "PERSON", None)]),
        article("a2", [("Ines Calloway", "PERSON", None), ("Brask", "GPE", None), ("Avel", "GPE", None)]),
    ]
    entities = link(*articles)
    assert [(e["id"], e["name"]) for e in entities] == [
        ("e0", "Ines Calloway"), ("e1", "Avel"), ("e2", "Brask"), ("e3", "Orlen Water"),
    ]
    assert entities == link(*articles)
    assert entities[0]["mentions"] == [{"article": "a1", "start": 13, "end": 26},
                                       {"article": "a2", "start": 0, "end": 13}]


def test_end_to_end_from_text() -> None:
    texts = {
        "a1": "Mayor Ines Calloway visited the plant in Orlen on Monday.",
        "a2": "Calloway’s deputy said Mayor Inés Calloway would return to Orlen on Friday.",
    }
    arts = []
    for article_id, text in texts.items():
        art = Article(id=article_id, source=article_id, text=text)
        art.layers["headings"] = []
        arts.append(annotate(art))
    entities = link(*arts)
    person = next(e for e in entities if e["type"] == "PERSON")
    assert name_key(person["name"]) == "ines calloway"
    assert {m["article"] for m in person["mentions"]} == {"a1", "a2"}
    assert len(person["mentions"]) == 3


def _annotated(texts: dict[str, str]) -> list[Article]:
    arts = []
    for article_id, text in texts.items():
        art = Article(id=article_id, source=article_id, text=text)
        art.layers["headings"] = []
        arts.append(annotate(art))
    return arts


def test_descriptions_in_apposition_are_kept_per_entity_with_their_source() -> None:
    texts = {
        "a1": "Anna Ivanova, a foreign policy expert who advises the ministry, said the talks would fail.",
        "a2": "The plan was criticised by Foreign Minister Anna Ivanova on Tuesday. Dov Anker, 54, a retired "
              "harbour pilot, said the plan was sound. Kestrine Chemicals, which makes solvents, declined to comment.",
    }
    arts = _annotated(texts)
    entities = link(*arts)
    ivanova, anker = by_name(entities, "Anna Ivanova"), by_name(entities, "Dov Anker")
    [described] = ivanova["descriptions"]
    assert described["text"] == "a foreign policy expert who advises the ministry"
    assert described["article"] == "a1"
    assert texts["a1"][described["start"]:described["end"]] == described["text"]
    assert ivanova["roles"] == ["Foreign Minister"]
    assert [d["text"] for d in anker["descriptions"]] == ["a retired harbour pilot"]  # "54" is an age
    company = next(e for e in entities if e["name"].startswith("Kestrine"))
    assert [d["text"] for d in company["descriptions"]] == ["which makes solvents"]


def test_a_restrictive_clause_or_a_following_place_is_not_a_description() -> None:
    arts = _annotated({"a1": "The inspector Ines Calloway met in Orlen said the river was clean. "
                             "Residents of Brennock, a town of 9,000, were told to wait."})
    entities = link(*arts)
    person = by_name(entities, "Ines Calloway")
    assert person["descriptions"] == []


def test_a_conjunction_swept_into_a_name_is_dropped_and_a_first_name_like_will_is_kept() -> None:
    # The small model reads "Plus Harris" as one person; "Will" of "Will Anker" is tagged as the auxiliary.
    [art] = _annotated({"a1": "The council took other steps. Plus Harris is nominating a director. "
                              "Will Anker said on Monday that the bridge was unsafe."})
    names = {name_key(e["name"]) for e in link(art) if e["type"] == "PERSON"}
    assert "harris" in names and "plus harris" not in names
    assert "will anker" in names
