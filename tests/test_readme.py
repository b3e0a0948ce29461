"""README's promises: the test command CI runs is the one README shows."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands(text: str) -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_command = next(c for c in _commands(readme) if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def test_readme_demo_command_uses_the_cli_demo():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert any(c.endswith("shabaka demo") for c in _commands(readme))
