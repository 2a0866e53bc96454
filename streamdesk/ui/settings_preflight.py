"""The pre-flight part of File → Settings…: when the check is due and what the network probe talks to.

The audio thresholds stay in settings.toml (`[preflight]`): they suit any microphone and are for experts to change.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from streamdesk.config import PreflightSettings


class PreflightSettingsBox(QGroupBox):
    def __init__(self, settings: PreflightSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Pre-flight checks"))
        self.due = QSpinBox(self)
        self.due.setRange(0, 24 * 60)
        self.due.setSingleStep(15)
        self.due.setSuffix(self.tr(" min before the show"))
        self.due.setValue(settings.due_minutes)
        self.upload_url = QLineEdit(settings.upload_url, self)
        self.upload_url.setPlaceholderText(self.tr("https://… (empty: no upload test)"))
        self.upload_url.setToolTip(
            self.tr("An address that accepts an HTTP POST, e.g. a test endpoint of your own server or streaming tool")
        )
        self.hosts = QLineEdit(", ".join(settings.latency_hosts), self)
        self.hosts.setToolTip(self.tr("host:port pairs, separated by commas; the connection time to each is measured"))
        self.upload_1080p = QDoubleSpinBox(self)
        self.upload_1080p.setRange(0.5, 100)
        self.upload_1080p.setDecimals(1)
        self.upload_1080p.setSuffix(" Mbit/s")
        self.upload_1080p.setValue(settings.upload_1080p_mbps)
        note = QLabel(self.tr("Thresholds of the microphone check are in settings.toml ([preflight])."), self)
        note.setWordWrap(True)
        note.setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.tr("&Due:"), self.due)
        form.addRow(self.tr("&Upload test address:"), self.upload_url)
        form.addRow(self.tr("&Latency hosts:"), self.hosts)
        form.addRow(self.tr("Upload needed for 1080p:"), self.upload_1080p)
        form.addRow("", note)

    def problem(self) -> str:
        """A sentence saying what is wrong with the form, or "" when it can be saved."""
        url = self.upload_url.text().strip()
        if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
            return self.tr("The upload test address must start with http:// or https://, or be left empty.")
        for host in self._hosts():
            name, _, port = host.rpartition(":")
            if not name or not port.isdigit() or not 0 < int(port) < 65536:
                return self.tr("“{host}” is not a host:port pair such as www.qq.com:443.").format(host=host)
        return ""

    def chosen(self, current: PreflightSettings) -> PreflightSettings:
        return current.model_copy(
            update={
                "due_minutes": self.due.value(),
                "upload_url": self.upload_url.text().strip(),
                "latency_hosts": self._hosts() or current.latency_hosts,
                "upload_1080p_mbps": self.upload_1080p.value(),
            }
        )

    def _hosts(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.hosts.text().replace("，", ",").split(",") if part.strip())
