"""A student's sessions as a read-only table: date, meeting (and which review), who took part,
steps agreed, acknowledged by."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject

from ...domain.sessions import ACK_ROLE_LABELS, Session
from .profile_models import RecordsModel, long_date


def acknowledged_text(session: Session) -> str:
    if not session.is_review:
        return ""
    if not session.acknowledgements:
        return "not yet"
    roles = [ACK_ROLE_LABELS.get(a.role, a.role) for a in session.acknowledgements]
    paper = " (paper)" if any(a.on_paper for a in session.acknowledgements) else ""
    return ", ".join(dict.fromkeys(roles)) + paper


class SessionsModel(RecordsModel[Session]):
    def __init__(self, parent: QObject | None = None) -> None:
        self._agreed: dict[int, int] = {}
        super().__init__(
            [
                ("Date", lambda s: long_date(s.held_on)),
                ("Meeting", lambda s: s.kind_text()),
                ("Who took part", lambda s: s.attendees_text()),
                ("Steps agreed", lambda s: str(self._agreed.get(s.id, 0) or "")),
                ("Acknowledged by", acknowledged_text),
            ],
            parent,
        )

    def set_sessions(self, sessions: list[Session], agreed: Mapping[int, int]) -> None:
        """``agreed``: how many steps were agreed at each session (by session id)."""
        self._agreed = dict(agreed)
        self.set_records(sessions)
