"""Fixtures shared by the end-to-end tests."""

import pytest

from ptyharness import Session
from storecli import hetao


@pytest.fixture
def session_factory():
    """Opens dashboards on pseudo-terminals and closes whatever is left of them afterwards."""
    sessions = []

    def make(*args, **kwargs):
        session = Session(*args, **kwargs)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def store(tmp_path):
    """A status store, created and seeded as a first command does."""
    path = str(tmp_path / "status.sqlite")
    hetao(path, "history", "B8")
    return path
