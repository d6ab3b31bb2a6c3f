"""Rows of the access matrix (see test_access_matrix.py).

Case URLs (those with a `case_id`) have no hand-written row: `CASE_RULES` names the
kind of request (`To`) each answers for GET and for POST (None: method not allowed),
and the test derives what every actor gets from the rule table in `cases/access.py`
and the actor's facts, and checks that the view asks exactly that rule. A new case URL
without an entry fails, and so does a view that asks another rule than declared.

Every other URL (team pages, management, the privacy officer's pages) has a row in
`MATRIX`: what each actor gets on GET and on POST. Columns, in this order:

    member colleague uncovered leader outsider policy admin privacy anonymous

What the case rules give, in words (docs/handleiding/privacy.md has the full model):
- pages with personal data: the case team member sees them; a colleague of the same
  team who is not at the table, and a case-team member whose organisation the consent
  does not cover, get the restricted view (R); the project leader reads along but does
  not change another table's plan or conversations (403); outside the team: 404.
- consent pages show no personal data and stay reachable for the team, so that consent
  can be recorded; only the contact person (or a covered case-team member) changes it.
"""

from __future__ import annotations

from opkoers.cases.access import To

# Django's own admin has its own staff check (test_django_admin_is_for_staff_only).
EXCLUDED = ("admin:",)

# URL name: (rule for GET, rule for POST). The POST of the matrix carries no data, so a
# form view that checks the write only for a valid form shows here what it asks first.
CASE_RULES: dict[str, tuple[To | None, To | None]] = {
    "budgets:case": (To.READ, None),
    "budgets:request_add": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "budgets:request_edit": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "budgets:request_withdraw": (None, To.WRITE_ON_CASE_TEAM),
    "cases:closing": (To.READ, To.WRITE),
    "cases:closing_back": (None, To.WRITE),
    "cases:detail": (To.READ, None),
    "cases:intake": (To.READ, To.WRITE),
    # The world's case is in progress: reopening answers "not closed" after the read.
    "cases:reopen": (To.READ, To.READ),
    "cases:start_closing": (None, To.WRITE),
    "cases:start_intake": (None, To.WRITE),
    "cases:stop_early": (To.WRITE, To.WRITE),
    "cases:team": (To.READ, None),
    "cases:team_add": (None, To.MANAGE_TEAM),
    "cases:team_contact": (None, To.MANAGE_TEAM),
    "cases:team_remove": (None, To.MANAGE_TEAM),
    "cases:team_update": (None, To.MANAGE_TEAM),
    "consent:case": (To.KNOW, None),
    "consent:form_pdf": (To.KNOW, None),
    "consent:legal_basis": (None, To.MANAGE_CONSENT),
    "consent:record": (None, To.MANAGE_CONSENT),
    "consent:scan": (To.DOWNLOAD_SCAN, None),
    "consent:upload": (None, To.MANAGE_CONSENT),
    "consent:withdraw": (None, To.MANAGE_CONSENT),
    "deviations:add": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "deviations:case": (To.READ, None),
    "effects:case": (To.READ, None),
    "effects:entry_add": (None, To.WRITE_EFFECTS),
    "effects:entry_edit": (To.WRITE_EFFECTS, To.WRITE_EFFECTS),
    "effects:entry_remove": (None, To.WRITE_EFFECTS),
    "effects:propose": (None, To.WRITE_EFFECTS),
    "meetings:cancel": (To.WRITE_AT_TABLE, To.WRITE_AT_TABLE),
    "meetings:edit": (To.WRITE_AT_TABLE, To.WRITE_AT_TABLE),
    "meetings:followup": (To.READ, To.WRITE_AT_TABLE),
    "meetings:followup_change": (None, To.WRITE_AT_TABLE),
    "meetings:list": (To.READ, None),
    "meetings:plan": (To.WRITE_AT_TABLE, To.WRITE_AT_TABLE),
    "meetings:record": (To.WRITE_AT_TABLE, To.WRITE_AT_TABLE),
    "meetings:summary": (To.WRITE_AT_TABLE, To.WRITE_AT_TABLE),
    "plans:action_add": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "plans:action_edit": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "plans:action_status": (None, To.WRITE_ON_CASE_TEAM),
    "plans:agree": (None, To.WRITE_ON_CASE_TEAM),
    "plans:detail": (To.READ, None),
    "plans:goal_add": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "plans:goal_drop": (None, To.WRITE_ON_CASE_TEAM),
    "plans:goal_edit": (To.WRITE_ON_CASE_TEAM, To.WRITE_ON_CASE_TEAM),
    "plans:goal_move": (None, To.WRITE_ON_CASE_TEAM),
    "plans:goal_restore": (None, To.WRITE_ON_CASE_TEAM),
    "plans:pdf": (To.READ, None),
    # Asking for break-glass needs only knowing the case; opening it writes a row.
    "privacy:break_glass": (To.KNOW, To.KNOW),
    "reports_case:effect": (To.READ, None),
    "residents:edit": (To.READ, To.WRITE),
    "residents:need_add": (None, To.WRITE),
    "residents:need_remove": (None, To.WRITE),
    "residents:network": (To.READ, None),
    "residents:person_add": (None, To.WRITE),
    "residents:person_remove": (None, To.WRITE),
}

MATRIX: dict[str, tuple[str, str]] = {
    # Budgets and deviations (issue 4): decisions, payments, the ledger and the register
    # for the team's project leader; pot, cap and the approval setting also for the
    # functional admin; bottlenecks for policy staff of the team (the policy actor here is
    # in no team: 403) and the project leader.
    "budget_team:overview": (
        "403 403 403 ok 403 403 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "budget_team:queue": (
        "403 403 403 ok 403 403 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "budget_team:decide": (
        "405 405 405 405 405 405 405 405 login",
        "404 404 404 ok 404 404 404 404 login",
    ),
    "budget_team:cancel": (
        "405 405 405 405 405 405 405 405 login",
        "404 404 404 ok 404 404 404 404 login",
    ),
    "budget_team:payment": (
        "404 404 404 ok 404 404 404 404 login",
        "404 404 404 ok 404 404 404 404 login",
    ),
    "budget_team:settings": (
        "403 403 403 ok 403 403 ok 403 login",
        "403 403 403 ok 403 403 ok 403 login",
    ),
    "budget_team:ledger": (
        "403 403 403 ok 403 403 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "budget_team:export_csv": (
        "403 403 403 ok 403 403 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "budget_team:export_xlsx": (
        "403 403 403 ok 403 403 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "deviation_team:register": (
        "403 403 403 ok 403 403 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "deviation_team:decide": (
        "405 405 405 405 405 405 405 405 login",
        "404 404 404 ok 404 404 404 404 login",
    ),
    "deviation_team:bottlenecks": (
        "403 403 403 ok 403 ok 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "deviation_team:settings": (
        "403 403 403 ok 403 403 ok 403 login",
        "403 403 403 ok 403 403 ok 403 login",
    ),
    "accounts:login": ("ok ok ok ok ok ok ok ok ok", "ok ok ok ok ok ok ok ok ok"),
    "accounts:logout": (
        "405 405 405 405 405 405 405 405 login",
        "login login login login login login login login login",
    ),
    "accounts:manage": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:mfa_setup": ("ok ok ok ok ok ok ok ok login", "ok ok ok ok ok ok ok ok login"),
    "accounts:mfa_verify": ("ok ok ok ok ok ok ok ok login", "ok ok ok ok ok ok ok ok login"),
    "accounts:organisation_add": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:organisation_edit": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:organisations": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:password_change": ("ok ok ok ok ok ok ok ok login", "ok ok ok ok ok ok ok ok login"),
    "accounts:result_kind_add": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:result_kind_edit": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:result_kinds": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:team_add": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:team_edit": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:team_member_add": (
        "405 405 405 405 405 405 405 405 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:team_member_remove": (
        "405 405 405 405 405 405 405 405 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:teams": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:user_add": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:user_edit": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:user_mfa_reset": (
        "403 403 403 403 403 403 405 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "accounts:user_send_link": (
        "403 403 403 403 403 403 405 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    # An invitation link that was never issued (or is used up): the same 404 for all.
    "accounts:invitation": (
        "404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404",
    ),
    "accounts:users": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "privacy:break_glass_list": (
        "403 403 403 ok 403 403 403 ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "privacy:break_glass_review": (
        "405 405 405 405 405 405 405 405 login",
        "403 403 403 ok 403 403 403 ok login",
    ),
    "audit:log": ("403 403 403 403 403 403 403 ok login", "403 403 403 403 403 403 403 ok login"),
    "audit:resident_overview": (
        "403 403 403 403 403 403 403 ok login",
        "403 403 403 403 403 403 403 ok login",
    ),
    "audit:resident_overview_export": (
        "403 403 403 403 403 403 403 ok login",
        "403 403 403 403 403 403 403 ok login",
    ),
    # The search posts (names never in a URL) and is redirected to a GET.
    "cases:list": ("ok ok ok ok ok ok ok ok login", "ok ok ok ok ok ok ok ok login"),
    "cases:overleg": ("ok ok ok ok ok ok ok ok login", "405 405 405 405 405 405 405 405 login"),
    "cases:register": ("ok ok ok ok ok 403 403 403 login", "ok ok ok ok ok 403 403 403 login"),
    "cases:worklist": ("ok ok ok ok ok ok ok ok login", "405 405 405 405 405 405 405 405 login"),
    # Legal bases (issue 11): the approvers' queue for the team's project leader and the
    # privacy officer; deciding likewise (404 for anyone else); ending also for the
    # requester (the member here).
    "legal_bases:queue": (
        "403 403 403 ok 403 403 403 ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "legal_bases:decide": (
        "405 405 405 405 405 405 405 405 login",
        "404 404 404 ok 404 404 404 ok login",
    ),
    "legal_bases:end": (
        "405 405 405 405 405 405 405 405 login",
        "ok 404 404 ok 404 404 404 ok login",
    ),
    # Reports: aggregates for the team's own people and policy staff.
    "reports:dashboard": (
        "ok ok ok ok ok ok 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "reports:pdf": ("ok ok ok ok ok ok 403 403 login", "405 405 405 405 405 405 405 405 login"),
    "reports:csv": ("ok ok ok ok ok ok 403 403 login", "405 405 405 405 405 405 405 405 login"),
    "reports:xlsx": ("ok ok ok ok ok ok 403 403 login", "405 405 405 405 405 405 405 405 login"),
    "effects:aggregate": (
        "ok ok ok ok ok ok 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "effects:price_item_add": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "effects:price_item_edit": (
        "403 403 403 403 403 403 ok 403 login",
        "403 403 403 403 403 403 ok 403 login",
    ),
    "effects:price_list": (
        "ok ok ok ok ok ok ok ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "set_language": ("ok ok ok ok ok ok ok ok ok", "ok ok ok ok ok ok ok ok ok"),
    "favicon": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    # Monitoring: no login and no personal data. /metrics answers the scraper only (a
    # bearer token, or the loopback address the test client comes from); who is logged
    # in does not matter (ops/tests/test_ops.py has the refusals).
    "ops:health": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    "ops:metrics": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
    # --- The privacy officer's console (issue 11, item 7): privacy officer only. The
    # chain check and the retention dry run start on POST; the other pages and the two
    # downloads are GET only.
    "privacy:console": (
        "403 403 403 403 403 403 403 ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "privacy:chain_verification": (
        "403 403 403 403 403 403 403 ok login",
        "403 403 403 403 403 403 403 ok login",
    ),
    "privacy:login_failures": (
        "403 403 403 403 403 403 403 ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "privacy:retention": (
        "403 403 403 403 403 403 403 ok login",
        "403 403 403 403 403 403 403 ok login",
    ),
    "audit:log_export": (
        "403 403 403 403 403 403 403 ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "audit:resident_overview_pdf": (
        "403 403 403 403 403 403 403 ok login",
        "405 405 405 405 405 405 405 405 login",
    ),
    # --- Public self-registration (issue 12, item 3): no login, the same page for
    # everyone, the anonymous visitor included. An empty POST redisplays the form.
    "portal:self_register": ("ok ok ok ok ok ok ok ok ok", "ok ok ok ok ok ok ok ok ok"),
    "portal:self_register_done": (
        "ok ok ok ok ok ok ok ok ok",
        "405 405 405 405 405 405 405 405 405",
    ),
}
