#!/usr/bin/env bash
# Installs the one-folder bundle for the current user (no root): dist/streamdesk -> ~/.local/opt/streamdesk, a
# `streamdesk` link in ~/.local/bin, the .desktop entries, the hicolor icons and the .streamdesk backup file type
# (opening a backup offers to restore it). `install.sh --uninstall` removes
# them again; the data folder (~/.local/share/StreamDesk or STREAMDESK_HOME) is never touched.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# from a checkout the bundle is dist/streamdesk; in the release tarball this script sits in streamdesk/linux/
default_bundle="$here/../../dist/streamdesk"
[ -x "$here/../streamdesk" ] && default_bundle="$here/.."
bundle="${BUNDLE:-$default_bundle}"
prefix="${PREFIX:-$HOME/.local}"
if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$prefix/opt/streamdesk" "$prefix/bin/streamdesk" "$prefix/share/applications/streamdesk.desktop" \
    "$prefix/share/applications/streamdesk-open-backup.desktop" "$prefix/share/mime/packages/streamdesk-backup.xml"
  find "$prefix/share/icons/hicolor" -name 'streamdesk.*' -delete 2>/dev/null || true
  command -v update-mime-database >/dev/null && [ -d "$prefix/share/mime" ] && update-mime-database "$prefix/share/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
  exit 0
fi
[ -x "$bundle/streamdesk" ] || { echo "no bundle at $bundle (run installer/build.sh)" >&2; exit 2; }
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications"
rm -rf "$prefix/opt/streamdesk"
cp -a "$bundle" "$prefix/opt/streamdesk"
ln -sf "$prefix/opt/streamdesk/streamdesk" "$prefix/bin/streamdesk"
cp "$here/streamdesk.desktop" "$here/streamdesk-open-backup.desktop" "$prefix/share/applications/"
mkdir -p "$prefix/share/mime/packages"
cp "$here/streamdesk-backup.xml" "$prefix/share/mime/packages/"
command -v update-mime-database >/dev/null && update-mime-database "$prefix/share/mime" || true
mkdir -p "$prefix/share/icons"
cp -r "$here/icons/hicolor" "$prefix/share/icons/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
