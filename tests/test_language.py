"""Article language: lingua limited to the handled languages; input wins; the page's lang is a hint."""

from __future__ import annotations

from storylens.cleaning.language import HANDLED, detect_language, html_lang
from storylens.ingest.readers import make_article
from storylens.stages.article.clean import clean_article

# Fictional paragraphs written for this test.
ENGLISH = ("The ferry line between Port Velm and Castra resumed on Monday after a nine-day strike. "
           "Union leaders said the crews had won a small rise in night-shift pay.")
GERMAN = ("Die Fähre zwischen Port Velm und Castra fährt seit Montag wieder, nachdem die Besatzung neun "
          "Tage gestreikt hatte. Die Gewerkschaft sprach von einem kleinen Erfolg bei den Nachtzuschlägen.")
UKRAINIAN = ("Поромна лінія між Порт-Вельмом і Кастрою відновила роботу в понеділок після дев'ятиденного "
             "страйку. Профспілка заявила, що екіпажі здобули невелике підвищення нічних доплат.")


def test_three_languages_detected():
    assert [detect_language(t) for t in (ENGLISH, GERMAN, UKRAINIAN)] == ["en", "de", "uk"]


def test_hint_breaks_close_calls_but_not_clear_text():
    assert detect_language("", "fr") == "fr"  # nothing to read: the declared language stands
    assert detect_language("2026 — 14:00", "pl") == "pl"
    assert detect_language(GERMAN, "en") == "de"  # a wrong lang attribute loses against clear text
    assert detect_language(ENGLISH, "xx") == "en"  # a language we do not handle is no hint
    assert detect_language("12 345") is None


def test_html_lang_attribute():
    assert html_lang('<!doctype html><html class="x" lang="de-AT"><head>') == "de"
    assert html_lang("<html><body>no lang</body></html>") is None
    assert set(HANDLED) >= {"en", "ru", "uk", "de", "fr", "es", "it", "pt", "pl"}


def test_clean_stage_sets_language_and_input_wins():
    page = make_article("velm.html", f"<html lang='uk'><body><article><p>{UKRAINIAN}</p></article></body></html>",
                        "html")
    assert clean_article(page).language == "uk"
    text = clean_article(make_article("velm.txt", GERMAN, "text"))
    assert text.language == "de"
    given = make_article("velm.txt", GERMAN, "text")
    given.language = "en"  # e.g. a record's "language" field
    assert clean_article(given).language == "en"
