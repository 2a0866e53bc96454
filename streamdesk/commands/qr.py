"""``streamdesk qr TEXT --out FILE.png|svg``: one booking QR code, checked and decoded back before it is written.

Bad input (unknown suffix, bad colour, low contrast, unreadable logo, a code that does not read back) exits 2 with
one line on stderr and writes nothing. A code whose modules print smaller than 0.4 mm is still written (exit 0);
the warning with the smallest good size goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from streamdesk.commands.common import EXIT_OK, CommandContext
from streamdesk.core.errors import UserError

DPI_RANGE = (36, 2400)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    command = subparsers.add_parser(
        "qr", help="write a QR code (PNG or SVG), decoded back before it is saved", description=__doc__
    )
    command.add_argument("text", metavar="TEXT", help="the link or text to encode")
    command.add_argument("--out", metavar="FILE", required=True, help="target .png or .svg")
    command.add_argument("--size-mm", metavar="N", type=float, help="printed width in mm, quiet zone included")
    command.add_argument("--dpi", metavar="N", type=int, default=300, help="PNG resolution (default 300)")
    command.add_argument("--ecc", metavar="L|M|Q|H", default="M", help="error correction level (default M)")
    command.add_argument("--logo", metavar="FILE", help="centre logo (PNG/JPEG); forces level H")
    command.add_argument("--fg", metavar="#hex", default="#000000", help="code colour (default #000000)")
    command.add_argument("--bg", metavar="#hex", default="#FFFFFF", help="background colour (default #FFFFFF)")
    command.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    command.set_defaults(func=_qr)


def _style(args: argparse.Namespace) -> Any:
    from streamdesk.core.qr import Ecc, QrStyle

    try:
        ecc = Ecc(str(args.ecc).upper())
    except ValueError:
        raise UserError("qr.bad_ecc", ecc=args.ecc) from None
    logo = None
    if args.logo:
        try:
            logo = Path(args.logo).read_bytes()
        except OSError as exc:
            raise UserError("qr.logo_file", path=args.logo, reason=exc.strerror or str(exc)) from exc
    return QrStyle(ecc=ecc, foreground=args.fg, background=args.bg, logo=logo)


def _qr(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk.core import qr
    from streamdesk.messages import render

    args = ctx.args
    target = Path(args.out)
    fmt = qr.format_for(target)
    if args.size_mm is not None and not args.size_mm > 0:
        raise UserError("qr.bad_size", size_mm=f"{args.size_mm:g}")
    if not DPI_RANGE[0] <= args.dpi <= DPI_RANGE[1]:
        raise UserError("qr.bad_dpi", dpi=args.dpi, minimum=DPI_RANGE[0], maximum=DPI_RANGE[1])
    image = qr.make(args.text, _style(args), fmt, size_mm=args.size_mm, dpi=args.dpi)
    qr.write(image, target)
    check = image.print_check
    warnings: list[str] = []
    if check is not None and not check.ok:
        warnings.append(render("qr.print_too_small", qr.print_warning_fields(check)))
    if not image.verified:
        warnings.append(render("qr.unverified"))
    for warning in warnings:
        sys.stderr.write(" ".join(warning.split()) + "\n")
    if args.json:
        ctx.print_json(
            {
                "file": str(target),
                "format": fmt,
                "text": args.text,
                "version": image.matrix.version,
                "modules": image.matrix.size,
                "quiet_zone_modules": qr.QUIET_ZONE_MODULES,
                "ecc": image.ecc.value,
                "logo": args.logo is not None,
                "dpi": args.dpi if fmt == "png" else None,
                "size_mm": None if check is None else check.size_mm,
                "module_mm": None if check is None else round(check.module_mm, 4),
                "print_ok": None if check is None else check.ok,
                "min_size_mm": None if check is None else check.min_size_mm,
                "verified": image.verified,
                "bytes": len(image.data),
                "warnings": warnings,
            }
        )
        return EXIT_OK
    line = QCoreApplication.translate(
        "cli", "Wrote a version {version} QR code ({modules}×{modules} modules, error correction {ecc}) to {path}."
    ).format(version=image.matrix.version, modules=image.matrix.size, ecc=image.ecc.value, path=target)
    sys.stdout.write(line + "\n")
    if image.verified:
        sys.stdout.write(QCoreApplication.translate("cli", "Checked: it reads back as the text you gave.") + "\n")
    return EXIT_OK
