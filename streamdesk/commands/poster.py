"""``streamdesk poster``: a show's booking poster as PDF or PNG, one channel's QR or one page per channel.

The file's extension chooses the format; ``--all-channels`` writes one page per booking link into a PDF (a PNG holds
one poster and refuses it). Every QR is decoded back from the rendered poster before the file is written, so exit 0
means the code scans. Bad input (unknown template, theme, show or channel, a show without links, a wrong extension)
exits 2 with one line on stderr and writes nothing. Posters need fonts: the command runs with a QGuiApplication
(``needs_gui``), offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, CommandContext
from streamdesk.core.errors import UserError

if TYPE_CHECKING:
    from streamdesk.core.warmup_types import BookingLinkRow

SUFFIXES = (".pdf", ".png")
_CHANNEL_NAMES = {  # ChannelKind value → names in both languages, so --channel works whatever the interface's
    "wechat_oa": ("公众号", "WeChat official account", "wechat"),
    "moments": ("朋友圈", "Moments"),
    "community": ("社群", "Customer groups", "community"),
    "short_video": ("短视频", "Short video"),
    "weibo": ("微博", "Weibo"),
    "xiaohongshu": ("小红书", "Xiaohongshu", "xhs", "RED"),
    "instagram": ("Instagram",),
    "poster": ("海报", "Printed poster", "poster"),
    "other": ("其他", "Other channel", "other"),
}


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser("poster", help="write a show's booking poster (PDF or PNG) with its verified QR")
    parser.add_argument("--show", metavar="ID", type=int, required=True, dest="show_id", help="the show's id")
    parser.add_argument("--template", required=True, metavar="KEY", help="a4, a5, story, square or xhs")
    parser.add_argument("--out", metavar="FILE", required=True, help="target .pdf or .png")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--channel", metavar="NAME", help="the booking link's label or channel (公众号, moments …)")
    which.add_argument("--all-channels", action="store_true", help="one page per booking link (PDF only)")
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), default=argparse.SUPPRESS, help="the poster's language (default: the app's)"
    )
    parser.add_argument("--theme", metavar="KEY", default="festive", help="festive, blush, fresh, night or minimal")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the summary")
    parser.set_defaults(func=_poster, needs_gui=True)


def _matches(link: BookingLinkRow, wanted: str) -> bool:
    from streamdesk import labels

    names = {link.label, link.kind.value, labels.channel_kind_name(link.kind), *_CHANNEL_NAMES.get(link.kind, ())}
    return wanted.casefold() in {name.casefold() for name in names if name}


def _links(database: Any, show_id: int) -> list[BookingLinkRow]:
    from streamdesk.core import warmup_store as store
    from streamdesk.models.warmup import WarmupSettings

    with database.sessions() as session:
        store.require_show(session, show_id)
        settings = session.get(WarmupSettings, show_id)
        param = "" if settings is None else settings.tracking_param
        return [store.link_row(link, param) for link in store.links_of(session, show_id)]


def _chosen(links: list[BookingLinkRow], args: argparse.Namespace) -> list[BookingLinkRow]:
    from streamdesk import labels

    if not links:
        raise UserError("poster.no_links")
    if args.all_channels:
        return links
    if args.channel:
        found = [link for link in links if _matches(link, args.channel.strip())]
        if not found:
            choices = ", ".join(labels.channel_name(link.kind, link.label) for link in links)
            raise UserError("poster.unknown_channel", channel=args.channel, choices=choices)
        return found[:1]
    return []  # the service's choice: the printed-poster link, else the first


def _poster(ctx: CommandContext) -> int:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels
    from streamdesk.app import build_services
    from streamdesk.core import poster
    from streamdesk.core.jobs import run_to_end
    from streamdesk.core.poster_layout import template, theme

    args = ctx.args
    target = Path(args.out)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError("poster.bad_format", path=str(target))
    template(args.template)
    theme(args.theme)
    if args.all_channels and suffix == ".png":
        raise UserError("poster.png_one_page")
    language = str(getattr(args, "lang", None) or ctx.settings.language)
    database = ctx.open_database()
    services = build_services(database, ctx.settings, ctx.paths)
    links = _chosen(_links(database, args.show_id), args)
    now = datetime.now(UTC)
    contents = [services.warmup.poster_content(args.show_id, link.id) for link in links] or [
        services.warmup.poster_content(args.show_id)
    ]
    specs = [
        poster.spec_for(content, args.template, args.theme, language, now, business_name=ctx.settings.business_name)
        for content in contents
    ]
    if suffix == ".png":
        reports = (poster.write_png(specs[0], target),)
    else:
        reports = run_to_end(poster.write_pdf(specs, target))
    for content, report in zip(contents, reports, strict=True):
        if report.qr_too_small:
            warning = QCoreApplication.translate(
                "cli", "Warning: the QR code of {channel} prints with {module:.2f} mm modules; phones may not scan it."
            )
            channel = labels.channel_name(content.channel_kind, content.channel_label)
            sys.stderr.write(warning.format(channel=channel, module=report.qr_module_mm) + "\n")
    if args.json:
        ctx.print_json(
            {
                "file": str(target),
                "format": suffix.lstrip("."),
                "template": args.template,
                "theme": args.theme,
                "language": specs[0].language,
                "pages": len(specs),
                "posters": [
                    {
                        "link_id": content.link_id,
                        "channel": labels.channel_name(content.channel_kind, content.channel_label),
                        "url": content.url,
                        "verified": report.verified,
                        "qr_size_mm": None if report.qr_size_mm is None else round(report.qr_size_mm, 1),
                        "qr_module_mm": None if report.qr_module_mm is None else round(report.qr_module_mm, 2),
                        "shrunk": list(report.shrunk),
                        "overflowed": list(report.overflowed),
                    }
                    for content, report in zip(contents, reports, strict=True)
                ],
            }
        )
        return EXIT_OK
    text = QCoreApplication.translate("cli", "Wrote %n booking poster(s) of “{title}” to {path}.", "", len(specs))
    sys.stdout.write(text.format(title=contents[0].title, path=target) + "\n")
    return EXIT_OK
