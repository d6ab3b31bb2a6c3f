from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Main navigation, by what the signed-in person may do."""
    # An error page (400, CSRF failure) can render before the user is known.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    if user.works_on_cases:
        items += [
            (_("Werkvoorraad"), reverse("cases:worklist")),
            (_("Trajecten"), reverse("cases:list")),
            (_("Teamoverleg"), reverse("cases:overleg")),
            (_("Aanmelden"), reverse("cases:register")),
        ]
    if user.works_on_cases or user.is_policy_staff:
        items.append((_("Effecten"), reverse("effects:aggregate")))
        items.append((_("Rapportage"), reverse("reports:dashboard")))
    if user.is_functional_admin:
        items.append((_("Beheer"), reverse("accounts:manage")))
        # Pot, cap and the deviation approval setting; no case content.
        items.append((_("Budget"), reverse("budget_team:settings")))
        items.append((_("Prijslijst"), reverse("effects:price_list")))
    if user.role == "privacy":  # Role.PRIVACY_OFFICER
        items += [
            (_("Privacyconsole"), reverse("privacy:console")),
            (_("Auditlog"), reverse("audit:log")),
            (_("Inzageverzoek"), reverse("audit:resident_overview")),
            (_("Noodtoegang"), reverse("privacy:break_glass_list")),
            (_("Grondslagen"), reverse("legal_bases:queue")),
        ]
    elif user.is_project_leader:
        items += [
            (_("Budget"), reverse("budget_team:overview")),
            (_("Afwijkingen"), reverse("deviation_team:register")),
            (_("Noodtoegang"), reverse("privacy:break_glass_list")),
            (_("Grondslagen"), reverse("legal_bases:queue")),
        ]
    if user.is_policy_staff:
        items.append((_("Knelpunten"), reverse("deviation_team:bottlenecks")))
    current = request.path
    # Only the longest matching item is current: /audit/ must not light up on /audit/inzage/.
    matches = [
        url for _label, url in items if current == url or (url != "/" and current.startswith(url))
    ]
    best = max(matches, key=len, default=None)
    return {
        "nav_items": [{"label": label, "url": url, "current": url == best} for label, url in items]
    }
