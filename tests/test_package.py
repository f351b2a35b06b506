"""The package surface: one import path per public name, and an import that does no work."""

import subprocess
import sys

import pytest

import reliability


def test_importing_the_package_loads_no_model_and_no_scikit_learn():
    code = ("import sys, reliability; "
            "print(sorted(m for m in ('sklearn', 'numpy', 'reliability.pipeline', 'reliability.scoring')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(reliability.__all__))
def test_every_public_name_resolves(name):
    assert getattr(reliability, name) is not None


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'scor'"):
        reliability.scor  # noqa: B018
