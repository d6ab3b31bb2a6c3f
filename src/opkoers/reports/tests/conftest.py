from __future__ import annotations

from typing import Any

import pytest

from opkoers.reports.tests.handbuilt import HandBuilt, build


@pytest.fixture
def handbuilt(team: Any, other_team: Any, member: Any) -> HandBuilt:
    return build(team, other_team, member)
