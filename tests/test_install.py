"""The lean install: a wheel in a fresh virtual environment runs the demo without torch.

This test builds the project's wheel and installs it, with its dependencies from the
package index, into a new venv (about 40 s and 370 MB on a warm pip cache). It is
skipped, saying why, where no package index can be reached.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_VENV_MB = 400


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # without PYTHONPATH: a source tree on it (with its egg-info) would look installed to pip
    env = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900, env=env)


def test_wheel_installs_without_torch_and_runs_the_demo(tmp_path):
    wheels = tmp_path / "wheels"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    installed = _run(pip, "install", "-q", *wheels.glob("shabaka-*.whl"), cwd=tmp_path)
    if installed.returncode != 0 and "No matching distribution" in installed.stderr + installed.stdout:
        pytest.skip(f"no package index reachable: {installed.stderr.strip()[-300:]}")
    assert installed.returncode == 0, installed.stderr
    names = _run(pip, "list", "--format=freeze", cwd=tmp_path).stdout.lower()
    for heavy in ("torch", "transformers", "camel-tools", "nvidia"):
        assert not any(line.startswith(heavy) for line in names.splitlines()), f"{heavy} was installed"
    size = _size_mb(env_dir)
    print(f"\nfresh venv with shabaka: {size:.0f} MB (limit {MAX_VENV_MB} MB)")
    assert size < MAX_VENV_MB
    demo = subprocess.run(
        [str(env_dir / "bin" / "shabaka"), "demo", "-o", str(tmp_path / "demo.html")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "demo.html").stat().st_size > 10_000
    assert "torch" not in demo.stderr
