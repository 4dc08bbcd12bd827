"""Write docs/cli.md, the CLI reference, from newsgraph's typer app: the text each `--help` shows.

    python scripts/cli_reference.py          # rewrite docs/cli.md
    python scripts/cli_reference.py --check  # exit 1 when docs/cli.md is not what the CLI says

tests/test_docs.py runs the check, so a changed command or option shows up as a failing test until
the reference is regenerated.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

import typer.main

from pipeline.apps.cli import app

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "cli.md"

HEADER = """# Command reference

Generated from the CLI by `python scripts/cli_reference.py`; do not edit by hand (`tests/test_docs.py`
checks that it is current). Every command also prints this with `--help`.
"""


def _context(command, name: str, parent=None):
    return command.context_class(command, info_name=name, parent=parent)


def _options(command, context) -> list[str]:
    lines = []
    for param in command.get_params(context):
        record = param.get_help_record(context)
        if record is None:
            continue
        names, help_text = record
        help_text = " ".join(help_text.split())
        lines.append(f"- `{names}`" + (f": {help_text}" if help_text else ""))
    return lines


def render() -> str:
    """The reference as Markdown: the global options, then each command in the CLI's order."""
    root = typer.main.get_command(app)
    root_context = _context(root, "newsgraph")
    parts = [HEADER, "## newsgraph", "", inspect.cleandoc(root.help or ""), "",
             "```", root.get_usage(root_context).strip(), "```", "", *_options(root, root_context), ""]
    parts += ["| command | what it does |", "|---|---|"]
    for name, command in root.commands.items():
        summary = inspect.cleandoc(command.help or "").split("\n\n")[0].replace("\n", " ")
        parts.append(f"| [`{name}`](#newsgraph-{name}) | {summary} |")
    parts.append("")
    for name, command in root.commands.items():
        context = _context(command, name, parent=root_context)
        parts += [f"## newsgraph {name}", "", "```", command.get_usage(context).strip(), "```", "",
                  inspect.cleandoc(command.help or ""), "", *_options(command, context), ""]
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/cli.md is not current")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
        if current != text:
            print(f"{REFERENCE.relative_to(ROOT)} is out of date: run python scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    REFERENCE.write_text(text, encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
