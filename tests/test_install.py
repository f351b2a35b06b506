"""A plain, non-editable ``pip install .`` ships a default model that loads.

This builds the package into a fresh virtual environment (reusing the
already-installed dependencies, so no network is needed) and runs it from
outside the source tree, where only the installed files are visible.
"""

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(home)
    python = home / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", str(ROOT)],
        check=True, capture_output=True,
    )
    return home, python


def run(python, *args, stdin=None, cwd):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([python, *args], input=stdin, capture_output=True, text=True, cwd=cwd,
                          env=env, check=True)


def test_default_model_loads_from_the_installed_package(installed, tmp_path):
    home, python = installed
    code = (
        "import json, reliability\n"
        "doc = reliability.score('The agency claimed rebels shelled the school. It provided no evidence.')\n"
        "print(json.dumps({'file': reliability.__file__, 'kinds': [s.kind for s in doc.statements],"
        " 'score': doc.statements[0].score}))\n"
    )
    out = json.loads(run(python, "-c", code, cwd=tmp_path).stdout)
    assert out["file"].startswith(str(home)), "imported the source tree, not the installed package"
    assert out["kinds"] == ["statement", "evidence_note"]
    assert out["score"] < 0.25


def test_console_script_analyzes_stdin(installed, tmp_path):
    home, _ = installed
    result = run(home / "bin" / "reliability", "analyze", "-", "--format", "jsonl",
                 stdin="The mayor said the bridge would reopen on Monday.", cwd=tmp_path)
    record = json.loads(result.stdout.splitlines()[0])
    assert record["attribution"][0]["source"]["text"] == "The mayor"
