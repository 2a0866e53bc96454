"""The installers' own files, checked here although Windows and macOS builds cannot run: the .streamdesk backup
type is associated on every platform with the launch that offers a restore (``--open-backup``), and the Linux
per-user install registers it with the desktop (shared-mime-info) and removes it again."""

from __future__ import annotations

import configparser
import os
import plistlib
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from streamdesk.cli import build_parser

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
MIME_TYPE = "application/x-streamdesk-backup"


def _desktop_entry(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(INSTALLER / "linux" / name, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_linux_backup_entry_opens_backups_with_open_backup() -> None:
    entry = _desktop_entry("streamdesk-open-backup.desktop")
    assert entry["Exec"] == "streamdesk --open-backup %f" and entry["NoDisplay"] == "true"
    assert entry["MimeType"].split(";")[:1] == [MIME_TYPE]
    main = _desktop_entry("streamdesk.desktop")
    assert "%" not in main["Exec"] and "MimeType" not in main  # the menu entry starts the app without a file
    args = build_parser().parse_args(["--open-backup", "/media/usb/shop.streamdesk"])
    assert args.open_backup == "/media/usb/shop.streamdesk" and args.command is None


def test_the_mime_type_globs_streamdesk_files() -> None:
    root = ET.parse(INSTALLER / "linux" / "streamdesk-backup.xml").getroot()
    namespace = "{http://www.freedesktop.org/standards/shared-mime-info}"
    mime = root.find(f"{namespace}mime-type")
    assert mime is not None and mime.get("type") == MIME_TYPE
    assert [glob.get("pattern") for glob in mime.iter(f"{namespace}glob")] == ["*.streamdesk"]


def test_windows_and_macos_associate_streamdesk_files_with_the_restore_offer() -> None:
    script = (INSTALLER / "windows" / "streamdesk.iss").read_text(encoding="utf-8")
    command = next(line for line in script.splitlines() if "shell\\open\\command" in line)
    assert '--open-backup ""%1""' in command
    assert 'Subkey: "Software\\Classes\\.streamdesk"' in script
    info = plistlib.loads((INSTALLER / "macos" / "Info.plist").read_bytes())
    extensions = [ext for kind in info["CFBundleDocumentTypes"] for ext in kind["CFBundleTypeExtensions"]]
    assert extensions == ["streamdesk"]  # macOS hands it over as a QFileOpenEvent (startup.FileOpenEvents)


@pytest.mark.skipif(os.name != "posix", reason="the Linux per-user install")
def test_install_registers_the_backup_type_and_uninstall_removes_it(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "streamdesk").write_text("#!/bin/sh\necho StreamDesk\n", encoding="utf-8")
    (bundle / "streamdesk").chmod(0o755)
    prefix = tmp_path / "home" / ".local"
    env = {**os.environ, "BUNDLE": str(bundle), "PREFIX": str(prefix)}
    script = INSTALLER / "linux" / "install.sh"
    subprocess.run(["bash", str(script)], env=env, check=True, capture_output=True, timeout=60)
    applications = prefix / "share" / "applications"
    assert sorted(p.name for p in applications.glob("*.desktop")) == [
        "streamdesk-open-backup.desktop",
        "streamdesk.desktop",
    ]
    assert (prefix / "share" / "mime" / "packages" / "streamdesk-backup.xml").is_file()
    if shutil.which("update-mime-database"):
        globs = (prefix / "share" / "mime" / "globs2").read_text(encoding="utf-8")
        assert f"{MIME_TYPE}:*.streamdesk" in globs
    subprocess.run(["bash", str(script), "--uninstall"], env=env, check=True, capture_output=True, timeout=60)
    assert not list(applications.glob("streamdesk*"))
    assert not (prefix / "share" / "mime" / "packages" / "streamdesk-backup.xml").exists()
    assert not (prefix / "opt" / "streamdesk").exists() and not (prefix / "bin" / "streamdesk").exists()


@pytest.mark.skipif(os.name != "posix", reason="the Linux per-user install")
def test_install_from_the_release_tarball_finds_the_bundle_around_it(tmp_path: Path) -> None:
    """The workflow's tarball is streamdesk/ with the bundle and linux/install.sh inside: no BUNDLE= needed."""
    unpacked = tmp_path / "StreamDesk" / "streamdesk"
    shutil.copytree(INSTALLER / "linux", unpacked / "linux")
    (unpacked / "streamdesk").write_text("#!/bin/sh\necho StreamDesk\n", encoding="utf-8")
    (unpacked / "streamdesk").chmod(0o755)
    prefix = tmp_path / "home" / ".local"
    env = {key: value for key, value in os.environ.items() if key != "BUNDLE"} | {"PREFIX": str(prefix)}
    subprocess.run(
        ["bash", str(unpacked / "linux" / "install.sh")], env=env, check=True, capture_output=True, timeout=60
    )
    installed = prefix / "bin" / "streamdesk"
    assert subprocess.run([str(installed)], capture_output=True, text=True, check=True).stdout == "StreamDesk\n"
