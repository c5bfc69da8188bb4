"""OpenBLAS is held to one thread for the encoder, unless the user set a thread count."""

from __future__ import annotations

import ctypes

import numpy as np

from storylens import blas


def _call(kind: str, *args: int) -> list[int]:
    """Call the get_/set_ function of every loaded OpenBLAS; return the results."""
    names = [name.replace("set_", f"{kind}_") for name in blas.SETTERS]
    out = []
    for path in blas._loaded_openblas():
        library = ctypes.CDLL(path)
        func = next((getattr(library, n) for n in names if hasattr(library, n)), None)
        if func is not None:
            out.append(func(*args))
    return out


def test_limit_sets_numpys_openblas_to_one_thread_and_respects_the_user(monkeypatch):
    np.ones((4, 4)) @ np.ones((4, 4))  # numpy's OpenBLAS is loaded
    for name in blas.USER_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    _call("set", 2)
    try:
        assert set(_call("get")) == {2}
        assert blas.limit_blas_threads(1) >= 1
        assert set(_call("get")) == {1}
        _call("set", 2)
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
        assert blas.limit_blas_threads(1) == 0
        assert set(_call("get")) == {2}
    finally:
        _call("set", 1)
