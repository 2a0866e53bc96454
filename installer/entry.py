"""PyInstaller entry script: the bundle's executable runs the same ``main`` as the ``streamdesk`` command."""

import sys

from streamdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
