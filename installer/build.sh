#!/usr/bin/env bash
# Builds the one-folder bundle dist/streamdesk/ from this checkout with PyInstaller (Linux here; the same spec
# builds on Windows and macOS in .github/workflows/build.yml). Usage: installer/build.sh [--clean]
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
if ! python -c "import PyInstaller" 2>/dev/null; then
  python -m pip install -q 'pyinstaller>=6.6'
fi
clean=()
if [ "${1:-}" = "--clean" ]; then clean=(--clean); fi
python -m PyInstaller --noconfirm --log-level WARN "${clean[@]}" \
  --distpath dist --workpath build/pyinstaller installer/streamdesk.spec
echo "bundle: dist/streamdesk ($(du -sh dist/streamdesk | cut -f1)) in $(( $(date +%s) - started )) s"
