"""README, docs and CI stay true: the test command, every command documented, the CLI reference current."""

import importlib.util
import re
from pathlib import Path

import pytest

from pipeline.apps.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = {(command.name or command.callback.__name__.replace("_", "-")): command
            for command in app.registered_commands}


def readme_command(marker: str) -> str:
    """The shell line after ``marker`` in README's first code block that has it."""
    for block in re.findall(r"```(?:bash|sh)\n(.*?)```", README, flags=re.S):
        lines = block.splitlines()
        for number, line in enumerate(lines):
            if marker in line:
                return lines[number + 1].strip()
    raise AssertionError(f"README has no code block with {marker!r}")


def test_ci_runs_the_readme_test_command_verbatim():
    command = readme_command("# run the tests")
    assert "pytest" in command
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_quick_start_ingests_the_samples_and_prints_deals():
    command = readme_command("# run newsgraph on the bundled samples")
    assert "newsgraph ingest data/raw" in command and "newsgraph deals" in command


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_is_in_the_readme(runner, command):
    assert runner.invoke(app, [command, "--help"]).exit_code == 0
    assert COMMANDS[command].callback.__doc__, f"{command} has no docstring"
    assert f"newsgraph {command}" in README, f"README does not show `newsgraph {command}`"


def test_the_cli_reference_is_current():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    cli_reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli_reference)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == cli_reference.render(), "docs/cli.md is out of date: run python scripts/cli_reference.py"


def test_the_readme_stays_short_and_its_links_resolve():
    assert len(README.splitlines()) < 250
    for page in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)  # links, not output
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to missing {target}"
