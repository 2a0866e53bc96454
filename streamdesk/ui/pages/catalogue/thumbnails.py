"""Product thumbnails for the catalogue table: made off the GUI thread, kept in QPixmapCache, never blocking scroll."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QPixmap, QPixmapCache

log = logging.getLogger(__name__)


class ThumbnailSource(Protocol):
    def thumbnail(self, file_name: str, size: int = 64) -> Path | None: ...


class _JobSignals(QObject):
    finished = Signal(str, QImage)  # file name, image (null when missing or broken)


class _ThumbnailJob(QRunnable):
    """Runs on a pool thread: asks the catalogue for the cached PNG (Pillow may make it now) and decodes it.

    QImage, unlike QPixmap, may be created off the GUI thread; the loader turns it into a pixmap on arrival.
    """

    def __init__(self, source: ThumbnailSource, file_name: str, size: int) -> None:
        super().__init__()
        self.signals = _JobSignals()
        self._source, self._file_name, self._size = source, file_name, size

    def run(self) -> None:
        image = QImage()
        try:
            path = self._source.thumbnail(self._file_name, self._size)
        except OSError:  # an unreadable images folder: the row simply shows no picture
            log.warning("thumbnail for %s could not be made", self._file_name, exc_info=True)
            path = None
        if path is not None:
            image = QImage(str(path))
        self.signals.finished.emit(self._file_name, image)


class ThumbnailLoader(QObject):
    """``pixmap(file)`` answers from the cache at once or returns None and starts a load; ``loaded(file)`` follows."""

    loaded = Signal(str)

    def __init__(self, source: ThumbnailSource, size: int = 48, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._size = size
        self._pending: set[str] = set()
        self._missing: set[str] = set()
        self._jobs: dict[str, _ThumbnailJob] = {}
        # A pool of its own: a screenful of thumbnails must not queue behind an import in the global pool.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)

    @property
    def size(self) -> int:
        return self._size

    def _key(self, file_name: str) -> str:
        return f"streamdesk/catalogue/{self._size}/{file_name}"

    def pixmap(self, file_name: str) -> QPixmap | None:
        if not file_name or file_name in self._missing:
            return None
        cached = QPixmap()
        if QPixmapCache.find(self._key(file_name), cached) and not cached.isNull():
            return cached
        if file_name not in self._pending:
            self._pending.add(file_name)
            job = _ThumbnailJob(self._source, file_name, self._size)
            job.signals.finished.connect(self._on_finished)
            self._jobs[file_name] = job  # keeps its signals object alive until the result arrives
            self._pool.start(job)
        return None

    def forget(self, file_name: str) -> None:
        """Drop a cached thumbnail (after its image changed) so the next request loads it again."""
        QPixmapCache.remove(self._key(file_name))
        self._missing.discard(file_name)

    def wait_for_done(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(str, QImage)
    def _on_finished(self, file_name: str, image: QImage) -> None:
        self._pending.discard(file_name)
        self._jobs.pop(file_name, None)
        if image.isNull():
            self._missing.add(file_name)
            return
        QPixmapCache.insert(self._key(file_name), QPixmap.fromImage(image))
        self.loaded.emit(file_name)
