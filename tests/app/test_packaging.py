"""The wheel: built from the project, installed into a fresh virtual environment, it loads its prompts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.timeout(300)
PROMPTS = ("system", "answer", "condense")
# Run by the fresh environment's Python, from a folder outside the repository.
LOAD = """
import json, assistant.answering.llm.prompts as p
prompts = p.Prompts.load()
print(json.dumps({"module": p.__file__, "texts": [prompts.system, prompts.answer, prompts.condense]}))
"""


def run(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], check=False, cwd=cwd, capture_output=True,
                            text=True, timeout=240, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def build_wheel(tmp_path: Path) -> Path:
    """The wheel of a copy of the project (building in place would write into the repository)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for name in ("assistant", "prompts"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    # no build isolation: the setuptools of the test environment, nothing downloaded
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
        "-w", tmp_path / "dist", source, cwd=tmp_path)
    return next((tmp_path / "dist").glob("*.whl"))


def test_an_installed_wheel_loads_the_prompts(tmp_path: Path):
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"assistant/prompt_files/{p}.txt" for p in PROMPTS} <= set(names), names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
        "--no-index", wheel, cwd=tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    loaded = json.loads(run(python, "-c", LOAD, cwd=outside).stdout)
    assert loaded["module"].startswith(str(venv))  # the installed copy, not the repository's
    shipped = [(ROOT / "prompts" / f"{p}.txt").read_text(encoding="utf-8").strip() for p in PROMPTS]
    assert loaded["texts"] == shipped


def test_the_package_version_is_the_changelog_s_newest():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    newest = re.search(r"^## (\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert newest and newest[1] == version
