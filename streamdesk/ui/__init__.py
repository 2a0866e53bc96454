"""The Qt user interface. Importing it applies the PySide6 work-arounds in pyside_fixes (idempotent)."""

from streamdesk.ui import pyside_fixes

pyside_fixes.apply()
