"""The database's own work for a page: hand-written SQL that fetches the same data the
page shows (session, user, the rows, the audit row it writes), run over a plain driver
connection (psycopg or sqlite3), the same number of times and from the same number of
threads as the page. A page's p50 divided by this p50 is what Django, the templates and
HTTP add on top of the database.

Table names come from the models, so a renamed table follows; the columns are the ones
each page shows."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.contrib.sessions.models import Session as SessionModel

from opkoers.accounts.models import Organisation, Team, TeamMembership, User
from opkoers.audit.models import AuditEvent
from opkoers.cases.models import Case, CaseDomain, CaseResult, CaseTeamMember, Closure
from opkoers.meetings.models import Conversation, FollowUpCall
from opkoers.plans.models import Action, Goal
from opkoers.residents.models import CommunicationNeed, Resident

T = {
    "session": SessionModel._meta.db_table,
    "user": User._meta.db_table,
    "org": Organisation._meta.db_table,
    "team": Team._meta.db_table,
    "membership": TeamMembership._meta.db_table,
    "case": Case._meta.db_table,
    "resident": Resident._meta.db_table,
    "member": CaseTeamMember._meta.db_table,
    "casedomain": CaseDomain._meta.db_table,
    "need": CommunicationNeed._meta.db_table,
    "goal": Goal._meta.db_table,
    "action": Action._meta.db_table,
    "conversation": Conversation._meta.db_table,
    "followup": FollowUpCall._meta.db_table,
    "closure": Closure._meta.db_table,
    "result": CaseResult._meta.db_table,
    "audit": AuditEvent._meta.db_table,
}


@dataclass
class Context:
    user_id: int
    organisation_id: uuid.UUID | None
    role: str
    team_ids: list[uuid.UUID]
    session_key: str
    read_cases: list[uuid.UUID]
    search: str


class Raw:
    """One plain driver connection; %s placeholders on both databases."""

    def __init__(self, vendor: str, url: str) -> None:
        self.vendor = vendor
        if vendor == "postgresql":
            import psycopg

            self.conn: Any = psycopg.connect(url.replace("postgres://", "postgresql://", 1))
        else:
            self.conn = sqlite3.connect(url.removeprefix("sqlite:///"), check_same_thread=False)
        self.cur = self.conn.cursor()

    def p(self, value: Any) -> Any:
        """A parameter in the driver's terms (Django stores UUIDs as hex on SQLite)."""
        if self.vendor == "postgresql":
            return value
        if isinstance(value, uuid.UUID):
            return value.hex
        if isinstance(value, datetime):
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
        if isinstance(value, date):
            return value.isoformat()
        return value

    def q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.vendor != "postgresql":
            sql = sql.replace("%s", "?")
        self.cur.execute(sql.format(**T), [self.p(v) for v in params])
        return self.cur.fetchall() if self.cur.description else []

    def json(self, value: Any) -> Any:
        if self.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            return Jsonb(value)
        return json.dumps(value)

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def _in(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _request_start(db: Raw, ctx: Context) -> None:
    """What every logged-in page costs: the session and the user."""
    db.q(
        "SELECT session_data FROM {session} WHERE session_key = %s AND expire_date > %s",
        [ctx.session_key, datetime.now(UTC)],
    )
    db.q("SELECT * FROM {user} WHERE id = %s", [ctx.user_id])


def _audit(
    db: Raw, ctx: Context, action: str, code: str, case: Any, resident: Any, detail: Any
) -> None:
    db.q(
        "INSERT INTO {audit} (at, actor_id, actor_organisation_id, actor_role, action, code, "
        "case_id, resident_id, object_type, object_id, purpose, ip_address, detail, "
        "key_id, prev_hash, row_hash) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '', '', '', %s, %s, '', '', '')",
        [
            datetime.now(UTC),
            ctx.user_id,
            ctx.organisation_id,
            ctx.role,
            action,
            code,
            case,
            resident,
            "127.0.0.1",
            db.json(detail),
        ],
    )
    # Only the INSERT: the app chains the row later, in the sequencer (decision 0016).


def case_list(db: Raw, ctx: Context, i: int, params: dict[str, str]) -> None:
    """Open cases of the user's teams, newest first, one page (25 + 1 to know whether
    there is a next page), with domains and contact person; the filter choices; the
    audit row."""
    status, domain, search = params.get("status"), params.get("domain"), params.get("q")
    _request_start(db, ctx)
    db.q(
        "SELECT t.id, t.name, u.id, u.first_name, u.last_name, u.role FROM {membership} m "
        "JOIN {team} t ON t.id = m.team_id JOIN {user} u ON u.id = m.user_id "
        "WHERE m.team_id IN (SELECT team_id FROM {membership} WHERE user_id = %s) "
        "ORDER BY t.name, u.first_name, u.last_name",
        [ctx.user_id],
    )
    where = [f"c.team_id IN ({_in(ctx.team_ids)})", "c.status <> 'afgesloten'"]
    values: list[Any] = list(ctx.team_ids)
    if status:
        where.append("c.status = %s")
        values.append(status)
    if domain:
        where.append(
            "EXISTS (SELECT 1 FROM {casedomain} d WHERE d.case_id = c.id AND d.domain = %s)"
        )
        values.append(domain)
    if search:
        where.append("r.search_name LIKE %s")
        values.append(f"%{search}%")
    # Only placeholders and fixed fragments are joined into the SQL, never input.
    rows = db.q(
        "SELECT c.id, c.reference, c.status, c.urgency, c.registered_at, "  # noqa: S608
        "r.first_name, r.last_name FROM {case} c JOIN {resident} r ON r.id = c.resident_id "
        f"WHERE {' AND '.join(where)} ORDER BY c.registered_at DESC LIMIT 26",
        values,
    )
    ids = [row[0] for row in rows[:25]]
    if ids:
        marks = _in(ids)
        db.q(f"SELECT case_id, domain FROM {{casedomain}} WHERE case_id IN ({marks})", ids)  # noqa: S608
        db.q(
            "SELECT m.case_id, u.first_name, u.last_name FROM {member} m "  # noqa: S608
            "JOIN {user} u ON u.id = m.user_id "
            f"WHERE m.is_contact_person AND m.case_id IN ({marks})",
            ids,
        )
    shown = [str(x) for x in ids]
    code = "case.search" if search else "case.list"
    _audit(db, ctx, "search" if search else "view", code, None, None, {"shown": shown})
    db.commit()


def case_page(db: Raw, ctx: Context, i: int, params: dict[str, str]) -> None:
    """The case header (case, resident, team, case team, communication needs, domains),
    the plan in numbers, the next conversation and open call, the closure, the audit row."""
    case_id = ctx.read_cases[i % len(ctx.read_cases)]
    _request_start(db, ctx)
    rows = db.q(
        "SELECT c.resident_id, c.*, r.*, t.name FROM {case} c "
        "JOIN {resident} r ON r.id = c.resident_id JOIN {team} t ON t.id = c.team_id "
        "WHERE c.id = %s AND EXISTS "
        "(SELECT 1 FROM {membership} m WHERE m.team_id = c.team_id AND m.user_id = %s)",
        [case_id, ctx.user_id],
    )
    resident_id = rows[0][0] if rows else None
    db.q(
        "SELECT m.*, u.first_name, u.last_name, u.phone, o.name, b.first_name, b.last_name "
        "FROM {member} m JOIN {user} u ON u.id = m.user_id "
        "LEFT JOIN {org} o ON o.id = u.organisation_id LEFT JOIN {user} b ON b.id = m.backup_id "
        "WHERE m.case_id = %s ORDER BY m.is_contact_person DESC, m.created_at",
        [case_id],
    )
    db.q("SELECT kind, detail FROM {need} WHERE resident_id = %s", [resident_id])
    db.q("SELECT domain FROM {casedomain} WHERE case_id = %s", [case_id])
    db.q(
        "SELECT (SELECT COUNT(*) FROM {goal} g WHERE g.case_id = %s AND g.outcome <> 'vervallen'), "
        "COUNT(*) FILTER (WHERE status IN ('te_doen', 'mee_bezig')), "
        "COUNT(*) FILTER (WHERE status IN ('te_doen', 'mee_bezig') AND due_date < %s), "
        "COUNT(*) FILTER (WHERE status = 'afgerond') FROM {action} WHERE case_id = %s",
        [case_id, date.today(), case_id],
    )
    db.q(
        "SELECT id, kind, scheduled_at FROM {conversation} WHERE case_id = %s "
        "AND status = 'gepland' ORDER BY scheduled_at LIMIT 1",
        [case_id],
    )
    db.q(
        "SELECT id, due_date FROM {followup} WHERE case_id = %s AND status = 'open' "
        "ORDER BY due_date LIMIT 1",
        [case_id],
    )
    db.q("SELECT * FROM {closure} WHERE case_id = %s", [case_id])
    db.q("SELECT kind_id, note FROM {result} WHERE case_id = %s", [case_id])
    _audit(db, ctx, "view", "case.view", case_id, resident_id, {})
    db.commit()


Baseline = Callable[[Raw, Context, int, dict[str, str]], None]
BASELINES: dict[str, Baseline] = {"case_list": case_list, "case_page": case_page}
