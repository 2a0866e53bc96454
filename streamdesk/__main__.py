"""``python -m streamdesk`` runs the same entry point as the ``streamdesk`` command."""

from streamdesk.cli import main

raise SystemExit(main())
