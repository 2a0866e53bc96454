"""Cameras as Qt sees them on this machine (a snapshot only where a camera exists) and the video verdict."""

from __future__ import annotations

import time

import pytest
from pytestqt.qtbot import QtBot

from streamdesk.core.preflight_types import CameraInfo
from streamdesk.core.probes.devices import cameras, snapshot, video_verdict
from streamdesk.models.base import CheckStatus


def test_cameras_are_listed_with_at_most_one_default(qtbot: QtBot) -> None:
    found = cameras()
    assert all(isinstance(camera, CameraInfo) and camera.id and camera.name for camera in found)
    assert sum(camera.is_default for camera in found) <= 1
    assert len({camera.id for camera in found}) == len(found)


def test_a_camera_that_does_not_exist_gives_no_snapshot_at_once(qtbot: QtBot) -> None:
    started = time.monotonic()
    assert snapshot("streamdesk-no-such-camera", timeout=3.0) is None
    assert time.monotonic() - started < 1.0


def test_the_default_camera_gives_a_png(qtbot: QtBot) -> None:
    if not cameras():
        pytest.skip("no camera on this machine (QMediaDevices.videoInputs() is empty)")
    started = time.monotonic()
    picture = snapshot(None, timeout=5.0)
    assert time.monotonic() - started < 5.0 + 1.0
    assert picture is not None and picture.startswith(b"\x89PNG\r\n\x1a\n")


def test_no_camera_skips_the_item_and_cameras_pass_it_default_first() -> None:
    none = video_verdict(())
    assert (none.status, none.code, dict(none.fields)["count"]) == (CheckStatus.SKIPPED, "preflight.video.none", 0)
    found = video_verdict(
        (CameraInfo(id="/dev/video2", name="USB Cam", is_default=False), CameraInfo("/dev/video0", "Built-in", True))
    )
    assert (found.status, found.code) == (CheckStatus.PASSED, "preflight.video.found")
    assert dict(found.fields) == {"count": 2, "names": "Built-in, USB Cam"}
    assert found.value == "Built-in, USB Cam"
