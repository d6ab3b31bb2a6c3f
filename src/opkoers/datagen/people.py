"""Organisations, teams and the professionals in them. A few thousand rows even at a
million cases, so these go through the ORM (which also hashes the one password)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from opkoers.accounts.models import Organisation, OrganisationKind, Role, Team, TeamMembership, User
from opkoers.datagen.names import FIRST_NAMES, LAST_NAMES, ROLES_ON_CASE

BENCH_USERNAME = "bench"
BENCH_PASSWORD = "bench-wachtwoord-2026"  # noqa: S105 - fictional, for the local benchmark
CASES_PER_TEAM = 250
PROFESSIONALS_PER_TEAM = 12
ORGANISATIONS_PER_KIND = 4


@dataclass(frozen=True)
class Person:
    """What case rows need of a professional, without a model instance."""

    id: int
    organisation: str  # hex uuid
    role: str
    role_on_case: str


@dataclass
class TeamPeople:
    id: str  # hex uuid
    members: list[Person]


def create_people(
    n_cases: int, rng: random.Random, *, signature: str
) -> tuple[list[TeamPeople], Person]:
    """Teams of about CASES_PER_TEAM cases with PROFESSIONALS_PER_TEAM members each; the
    last member of every team is its project leader. Returns the teams and the bench
    user (the first member of the first team), whose job title carries the data set's
    signature so that a benchmark can tell whether the data set is the one it wants."""
    n_teams = max(1, -(-n_cases // CASES_PER_TEAM))
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(id=_uuid(rng), name=f"Bench {kind.label} {i + 1}", kind=kind)
            for i in range(ORGANISATIONS_PER_KIND)
            for kind in OrganisationKind
        ]
    )
    teams = Team.objects.bulk_create(
        [
            Team(id=_uuid(rng), name=f"Op Koers bench {i:04d}", municipality=f"Gemeente {i:04d}")
            for i in range(n_teams)
        ],
        batch_size=2000,
    )
    password = make_password(BENCH_PASSWORD)
    users: list[User] = []
    for t in range(n_teams):
        for p in range(PROFESSIONALS_PER_TEAM):
            users.append(
                User(
                    username=BENCH_USERNAME if (t, p) == (0, 0) else f"bench-{t:04d}-{p:02d}",
                    password=password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    email=f"bench-{t:04d}-{p:02d}@example.org",
                    organisation=rng.choice(organisations),
                    role=Role.PROJECT_LEADER
                    if p == PROFESSIONALS_PER_TEAM - 1
                    else Role.PROFESSIONAL,
                    job_title=signature
                    if (t, p) == (0, 0)
                    else ROLES_ON_CASE[p % len(ROLES_ON_CASE)],
                    # Switched on when the whole data set is there (see generate).
                    is_active=(t, p) != (0, 0),
                )
            )
    users = User.objects.bulk_create(users, batch_size=2000)
    TeamMembership.objects.bulk_create(
        [
            TeamMembership(user=user, team=teams[i // PROFESSIONALS_PER_TEAM])
            for i, user in enumerate(users)
        ],
        batch_size=5000,
    )
    result: list[TeamPeople] = []
    for t, team in enumerate(teams):
        chunk = users[t * PROFESSIONALS_PER_TEAM : (t + 1) * PROFESSIONALS_PER_TEAM]
        result.append(
            TeamPeople(
                id=team.pk.hex,
                members=[
                    Person(
                        id=u.pk,
                        organisation=u.organisation_id.hex if u.organisation_id else "",
                        role=u.role,
                        role_on_case=ROLES_ON_CASE[i % len(ROLES_ON_CASE)],
                    )
                    for i, u in enumerate(chunk)
                ],
            )
        )
    return result, result[0].members[0]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128))
