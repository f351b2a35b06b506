"""Scoring on a real Dask cluster gives the single-process results (extra ``[dask]``)."""

import logging
import os
import time
from pathlib import Path

import joblib
import pytest

import reliability
from reliability.stream import score_many

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]


def local_cluster():
    """A real two-process Dask cluster and a client connected to it."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        pytest.fail("dask.distributed is missing: pip install 'reliability[dask]'"
                    " (the test extra should pull it in)", pytrace=False)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return cluster, Client(cluster)


def _module_file():
    import reliability

    return reliability.__file__


def _worker_model():
    from reliability import stream

    return os.getpid(), id(stream._MODELS.get("default"))


def test_dask_backend_matches_single_process():
    cluster, client = local_cluster()
    with cluster, client:
        # the workers must run this checkout, not some other installed copy
        assert set(client.run(_module_file).values()) == {reliability.__file__}
        inputs = [*TEXTS, {"id": "bad"}, *TEXTS, *TEXTS]
        expected = list(score_many(inputs, n_jobs=1, batch_size=2))
        started = time.perf_counter()
        with joblib.parallel_config(backend="dask"):
            results = list(score_many(inputs, n_jobs=2, batch_size=2))
        assert results == expected
        assert [r.ok for r in results].count(False) == 1
        assert time.perf_counter() - started < 60
        # both workers did some of the work, and each holds the model it loaded once
        models = client.run(_worker_model)
        assert len(models) == 2
        assert all(model != id(None) for _, model in models.values())
