"""The contract for long work: a generator that yields Progress, checks a CancelToken, returns its result."""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside a job when its token was set; the job's transaction rolls back."""


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int  # 0 when unknown
    stage: str = ""  # a message code for what is happening, e.g. "import.reading"

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class CancelToken:
    """Set from the GUI thread, read by the job between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    @property
    def is_set(self) -> bool:
        return self._event.is_set()

    def raise_if_set(self) -> None:
        if self._event.is_set():
            raise Cancelled


def run_to_end(job: Generator[Progress, None, T]) -> T:
    """Drive a job synchronously (CLI, tests) and return its result."""
    while True:
        try:
            next(job)
        except StopIteration as finished:
            return finished.value  # type: ignore[no-any-return]
