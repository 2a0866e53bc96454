"""Video inputs: the cameras Qt sees, a snapshot from one of them, and the video verdict.

A named Qt module (QtMultimedia is the engine): Qt is imported inside the functions, never QtWidgets. Needs a
QCoreApplication (or QGuiApplication); without one there is nothing to ask and the answers are empty. A snapshot
runs its own QEventLoop, so it may be called from a worker thread and returns after ``timeout`` at the latest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from streamdesk.core.preflight_types import CameraInfo, ProbeOutcome
from streamdesk.models.base import CheckStatus

# Webcams open with auto-exposure still settling: the very first frame is often black. Wait this long (or a quarter
# of the timeout, if that is shorter) after the camera is ready before taking the picture.
_SETTLE_SECONDS = 0.6


def cameras() -> tuple[CameraInfo, ...]:
    """Every video input, in Qt's order; empty without a Qt application or a camera."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtMultimedia import QMediaDevices

    if QCoreApplication.instance() is None:
        return ()
    return tuple(
        CameraInfo(id=_device_id(device), name=device.description(), is_default=device.isDefault())
        for device in QMediaDevices.videoInputs()
    )


def snapshot(camera_id: str | None, timeout: float) -> bytes | None:
    """A PNG picture from the camera (the default one when ``camera_id`` is None); None when there is no such
    camera, it fails to start (busy, no permission) or gives no picture within ``timeout`` seconds."""
    from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEventLoop, QIODevice, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession

    device = _find(camera_id) if QCoreApplication.instance() is not None else None
    if device is None:
        return None
    loop = QEventLoop()
    camera = QCamera(device)
    capture = QImageCapture()
    session = QMediaCaptureSession()
    session.setCamera(camera)
    session.setImageCapture(capture)
    pictures: list[QImage] = []
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    settle = QTimer()
    settle.setSingleShot(True)
    settle.timeout.connect(lambda: capture.capture())

    def on_ready(ready: bool) -> None:
        if ready and not settle.isActive() and not pictures:
            settle.start(int(min(_SETTLE_SECONDS, timeout / 4) * 1000))

    def on_captured(_request: int, image: QImage) -> None:
        pictures.append(image)
        loop.quit()

    capture.readyForCaptureChanged.connect(on_ready)
    capture.imageCaptured.connect(on_captured)
    capture.errorOccurred.connect(loop.quit)
    camera.errorOccurred.connect(loop.quit)
    deadline.start(int(timeout * 1000))
    camera.start()
    if capture.isReadyForCapture():
        on_ready(True)
    if camera.error() == QCamera.Error.NoError:
        loop.exec()
    deadline.stop()
    settle.stop()
    camera.stop()
    if not pictures or pictures[0].isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not pictures[0].save(buffer, b"PNG"):
        return None
    buffer.close()
    return bytes(data.data())


def video_verdict(cameras: Sequence[CameraInfo]) -> ProbeOutcome:
    """No camera → SKIPPED "preflight.video.none" (a phone rig is checked by hand); some → PASSED "….found"."""
    if not cameras:
        return ProbeOutcome(CheckStatus.SKIPPED, "—", (("cameras", 0.0),), "preflight.video.none", (("count", 0),))
    ordered = sorted(cameras, key=lambda camera: not camera.is_default)  # the default first
    names = ", ".join(camera.name for camera in ordered)
    return ProbeOutcome(
        CheckStatus.PASSED,
        names,
        (("cameras", float(len(cameras))), ("names", names)),
        "preflight.video.found",
        (("count", len(cameras)), ("names", names)),
    )


def _device_id(device: Any) -> str:  # a QCameraDevice
    return bytes(device.id().data()).decode("utf-8", errors="replace")


def _find(camera_id: str | None) -> Any:  # a QCameraDevice or None
    from PySide6.QtMultimedia import QMediaDevices

    if camera_id is None:
        default = QMediaDevices.defaultVideoInput()
        return None if default.isNull() else default
    return next((d for d in QMediaDevices.videoInputs() if _device_id(d) == camera_id), None)
