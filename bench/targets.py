"""Which cases the benchmark opens: cases of the bench user's own case table, so every
page shows real content and the write path is allowed. The write path gets its own
cases, so the actions it adds never change what the read pages measure."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from django.db.models import Count

from opkoers.accounts.models import User
from opkoers.cases.access import personal_data_ids
from opkoers.cases.models import CaseTeamMember
from opkoers.datagen.generator import BENCH_USERNAME
from opkoers.plans.models import Goal
from opkoers.plans.permissions import PLAN_OPEN_STATUSES
from opkoers.residents.models import Resident

READ_CASES = 50
PLAN_CASES = 30
WRITE_CASES = 20


@dataclass
class Targets:
    user: User
    team_ids: list[uuid.UUID]
    read: list[uuid.UUID]
    plan: list[uuid.UUID]
    write: list[uuid.UUID]
    search: str

    def cases(self, kind: str) -> list[uuid.UUID]:
        return {"read": self.read, "plan": self.plan, "write": self.write}[kind]


def sample(seed: int) -> Targets:
    rng = random.Random(seed)  # noqa: S311 - picking test cases, not security
    user = User.objects.select_related("organisation").get(username=BENCH_USERNAME)
    team_ids = list(user.teams.order_by("pk").values_list("pk", flat=True))
    mine = list(
        # Contact person, and covered by consent or a legal basis (or still in the
        # referral phase): cases whose personal data the user may see, so every page is
        # the real page and not the restricted view (HTTP 403).
        CaseTeamMember.objects.filter(user=user, is_contact_person=True)
        .order_by("case_id")
        .values_list("case_id", "case__status")
    )
    covered = personal_data_ids(user, [str(c) for c, _s in mine])
    mine = [(c, s) for c, s in mine if str(c) in covered]
    rng.shuffle(mine)
    with_plan = set(
        Goal.objects.filter(case_id__in=[c for c, _s in mine]).values_list("case_id", flat=True)
    )
    open_cases = [c for c, s in mine if s in PLAN_OPEN_STATUSES]
    # At most half of the open cases, so that small data sets keep cases for the plan
    # page (closed cases whose consent has expired are no longer candidates).
    write = open_cases[: min(WRITE_CASES, (len(open_cases) + 1) // 2)]
    rest = [c for c, _s in mine if c not in set(write)]
    plan = [c for c in rest if c in with_plan][:PLAN_CASES]
    read = rest[:READ_CASES]
    # A name many residents in the user's teams share: a search with several hits.
    common = (
        Resident.objects.filter(team_id__in=team_ids)
        .values("last_name")
        .annotate(n=Count("id"))
        .order_by("-n", "last_name")
        .first()
    )
    search = common["last_name"].lower() if common else "jansen"
    return Targets(user=user, team_ids=team_ids, read=read, plan=plan, write=write, search=search)
