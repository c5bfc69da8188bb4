"""Article stages that misbehave on purpose, for the stage time limit tests (never registered)."""

from __future__ import annotations

import os
import re
import signal

from storylens.model import Article


def misbehave(article: Article) -> Article:
    """Loop forever, backtrack forever, or crash the process, as the article's text asks."""
    if "SPIN" in article.text:
        while True:  # a pure-Python runaway loop
            pass
    if "BACKTRACK" in article.text:
        re.match(r"(a+)+$", "a" * 64 + "!")  # catastrophic backtracking inside the C regex engine
    if "SEGFAULT" in article.text:
        os.kill(os.getpid(), signal.SIGSEGV)
    return article
