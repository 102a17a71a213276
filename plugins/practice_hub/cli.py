"""The `practice-hub` command: the jobs people run outside `mkdocs build`.

Each sub-command is registered by its feature module; this file only wires them up.
"""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="practice-hub", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for register in _registrations():
        register(sub)
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)


def _registrations():
    """Each feature contributes `register(subparsers)`; add yours here."""
    from . import check, sitebuild
    from .bulletins import cli as bulletins_cli
    from .publish import cli as publish_cli
    from .training import cli as training_cli
    from .handbook import readability_cli
    return [check.register, sitebuild.register, training_cli.register, bulletins_cli.register, publish_cli.register,
            readability_cli.register]


if __name__ == "__main__":
    sys.exit(main())
