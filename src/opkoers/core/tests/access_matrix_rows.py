"""Rows of the access matrix (see test_access_matrix.py): for each URL name, what every
actor gets on GET and on POST. Columns, in this order:

    member colleague uncovered leader outsider policy admin privacy anonymous

What the rows say, in words (docs/handleiding/privacy.md has the full model):
- case pages with personal data: the case team member sees them; a colleague of the same
  team who is not at the table, and a case-team member whose organisation the consent does
  not cover, get the restricted view (R); the project leader reads along but does not
  change another table's plan or conversations (403); everyone outside the team gets 404.
- consent pages show no personal data and stay reachable for the team, so that consent can
  be recorded; only the contact person (or a covered case-team member) changes it.
- management pages are for the functional admin; the audit log for the privacy officer;
  the break-glass list for the project leader and the privacy officer.
"""

from __future__ import annotations

# Django's own admin has its own staff check (test_django_admin_is_for_staff_only).
EXCLUDED = ("admin:",)

MATRIX: dict[str, tuple[str, str]] = {
    # Budgets and deviations (issue 4): case pages as the plan; decisions, payments,
    # the ledger and the register for the team's project leader; pot, cap and the
    # approval setting also for the functional admin; bottlenecks for policy staff of
    # the team (the policy actor here is in no team: 403) and the project leader.
    "budgets:case": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "budgets:request_add": (
        "ok R R 403 404 404 404 404 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "budgets:request_edit": (
        "ok R R 403 404 404 404 404 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "budgets:request_withdraw": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
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
    "deviations:case": (
        "ok R R ok 404 404 404 404 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "deviations:add": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
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
    "privacy:break_glass": (
        "ok ok ok ok 404 404 404 404 login",
        "ok ok ok ok 404 404 404 404 login",
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
    "cases:closing": ("ok R R ok 404 404 404 404 login", "ok R R ok 404 404 404 404 login"),
    "cases:closing_back": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "cases:detail": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "cases:intake": ("ok R R ok 404 404 404 404 login", "ok R R ok 404 404 404 404 login"),
    # The search posts (names never in a URL) and is redirected to a GET.
    "cases:list": ("ok ok ok ok ok ok ok ok login", "ok ok ok ok ok ok ok ok login"),
    "cases:overleg": ("ok ok ok ok ok ok ok ok login", "405 405 405 405 405 405 405 405 login"),
    "cases:register": ("ok ok ok ok ok 403 403 403 login", "ok ok ok ok ok 403 403 403 login"),
    "cases:reopen": ("ok R R ok 404 404 404 404 login", "ok R R ok 404 404 404 404 login"),
    "cases:start_closing": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "cases:start_intake": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "cases:stop_early": ("ok R R ok 404 404 404 404 login", "ok R R ok 404 404 404 404 login"),
    "cases:team": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "cases:team_add": ("405 405 405 405 405 405 405 405 login", "ok R R ok 404 404 404 404 login"),
    "cases:team_contact": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "cases:team_remove": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "cases:team_update": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "cases:worklist": ("ok ok ok ok ok ok ok ok login", "405 405 405 405 405 405 405 405 login"),
    "consent:case": ("ok ok ok ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "consent:form_pdf": (
        "ok ok ok ok 404 404 404 404 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "consent:legal_basis": (
        "405 405 405 405 405 405 405 405 login",
        "ok 403 403 403 404 404 404 404 login",
    ),
    "consent:record": (
        "405 405 405 405 405 405 405 405 login",
        "ok 403 403 403 404 404 404 404 login",
    ),
    "consent:scan": (
        "ok 403 403 ok 404 404 404 404 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "consent:upload": (
        "405 405 405 405 405 405 405 405 login",
        "ok 403 403 403 404 404 404 404 login",
    ),
    "consent:withdraw": (
        "405 405 405 405 405 405 405 405 login",
        "ok 403 403 403 404 404 404 404 login",
    ),
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
    "meetings:cancel": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "meetings:edit": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "meetings:followup": ("ok R R ok 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "meetings:followup_change": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    # Reports: aggregates for the team's own people and policy staff; the per-case effect
    # measurement is a case page like the others.
    "reports:dashboard": (
        "ok ok ok ok ok ok 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "reports:pdf": ("ok ok ok ok ok ok 403 403 login", "405 405 405 405 405 405 405 405 login"),
    "reports:csv": ("ok ok ok ok ok ok 403 403 login", "405 405 405 405 405 405 405 405 login"),
    "reports:xlsx": ("ok ok ok ok ok ok 403 403 login", "405 405 405 405 405 405 405 405 login"),
    "reports_case:effect": (
        "ok R R ok 404 404 404 404 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "effects:aggregate": (
        "ok ok ok ok ok ok 403 403 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "effects:case": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "effects:entry_add": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "effects:entry_edit": (
        "ok R R 403 404 404 404 404 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "effects:entry_remove": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
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
    "effects:propose": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "meetings:list": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "meetings:plan": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "meetings:record": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "plans:action_add": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "plans:action_edit": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "plans:action_status": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "plans:agree": ("405 405 405 405 405 405 405 405 login", "ok R R 403 404 404 404 404 login"),
    "plans:detail": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "plans:goal_add": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "plans:goal_drop": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "plans:goal_edit": ("ok R R 403 404 404 404 404 login", "ok R R 403 404 404 404 404 login"),
    "plans:goal_move": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "plans:goal_restore": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R 403 404 404 404 404 login",
    ),
    "plans:pdf": ("ok R R ok 404 404 404 404 login", "405 405 405 405 405 405 405 405 login"),
    "residents:edit": ("ok R R ok 404 404 404 404 login", "ok R R ok 404 404 404 404 login"),
    "residents:need_add": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "residents:need_remove": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "residents:network": (
        "ok R R ok 404 404 404 404 login",
        "405 405 405 405 405 405 405 405 login",
    ),
    "residents:person_add": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "residents:person_remove": (
        "405 405 405 405 405 405 405 405 login",
        "ok R R ok 404 404 404 404 login",
    ),
    "set_language": ("ok ok ok ok ok ok ok ok ok", "ok ok ok ok ok ok ok ok ok"),
    "favicon": ("ok ok ok ok ok ok ok ok ok", "405 405 405 405 405 405 405 405 405"),
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
}
