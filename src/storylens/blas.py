"""Keep numpy's OpenBLAS on one thread while the sentence encoder runs.

The encoder multiplies many small matrices. When other processes compete for the cores (Dask workers, the
stage guard's worker, other jobs), OpenBLAS spreading each product over threads spent 7-10x the CPU and wall
time for the same work on our 2-core machine (spin-waiting threads); alone on a quiet machine two threads
were only 1.3x faster (benchmarks/RESULTS.md). Parallelism comes from processes (`--workers`, `--dask`).
Dask's nanny sets OPENBLAS_NUM_THREADS=1 for its workers the same way; an explicit OPENBLAS_NUM_THREADS
or OMP_NUM_THREADS from the user is respected.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

# Setter names in the OpenBLAS builds numpy ships (scipy-openblas, 64-bit ints) and in plain builds.
SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_",
           "openblas_set_num_threads")
USER_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")


def _loaded_openblas() -> list[str]:
    """Paths of the OpenBLAS libraries mapped into this process (Linux; elsewhere none are found)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return []
    return sorted({line.split()[-1] for line in maps.splitlines() if "openblas" in line.rsplit("/", 1)[-1].lower()})


def limit_blas_threads(threads: int = 1) -> int:
    """Set every loaded OpenBLAS to `threads` threads unless the user chose; return how many were set."""
    if any(os.environ.get(name) for name in USER_SETTINGS):
        return 0
    count = 0
    for path in _loaded_openblas():
        library = ctypes.CDLL(path)
        setter = next((getattr(library, name) for name in SETTERS if hasattr(library, name)), None)
        if setter is not None:
            setter(threads)
            count += 1
    return count
