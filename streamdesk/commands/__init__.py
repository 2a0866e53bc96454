"""CLI subcommands, one module per area. cli.py calls ``register_all``."""

from __future__ import annotations

import argparse
from typing import Any

SubParsers = "argparse._SubParsersAction[argparse.ArgumentParser]"


def register_all(subparsers: argparse._SubParsersAction[Any]) -> None:
    from streamdesk.commands import (
        advice,
        db_cmd,
        lint,
        maintenance,
        metrics,
        orders,
        poster,
        preflight,
        products,
        qr,
        report,
        shows,
    )

    for module in (products, shows, orders, metrics, poster, qr, preflight, report, maintenance, db_cmd, lint, advice):
        module.register(subparsers)
