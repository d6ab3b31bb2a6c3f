"""What consent reads of a case, as a protocol: consent knows cases only by this shape
and by the lazy model reference "cases.Case", never by importing the cases app (cases
depends on consent, not the other way round; docs/decisions/0021). `cases.models.Case`
fits it, and mypy checks that at every call site in cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from opkoers.residents.models import Resident


class ConsentCase(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def resident_id(self) -> Any: ...

    @property
    def team_id(self) -> Any: ...

    @property
    def resident(self) -> Resident: ...

    @property
    def is_closed(self) -> bool: ...
