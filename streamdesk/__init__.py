"""StreamDesk: the desktop app for solo live-stream sellers."""

__version__ = "0.1.0"
