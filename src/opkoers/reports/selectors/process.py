"""How the work goes: conversations, lead times, follow-up calls and actions."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opkoers.meetings.models import Conversation, ConversationKind, FollowUpCall, FollowUpStatus
from opkoers.plans.models import OPEN_ACTION_STATUSES, Action
from opkoers.reports.figures import Section, Table, count, days, share, text
from opkoers.reports.selectors._base import ReportScope, duration_spread

# (label, milestone field): lead time from registration to each milestone, over the
# cases that reached that milestone in the period.
MILESTONES = [
    (gettext_lazy("Aanmelding → eerste gesprek"), "first_conversation_at"),
    (gettext_lazy("Aanmelding → Samen1plan"), "plan_agreed_at"),
    (gettext_lazy("Aanmelding → afsluiten"), "closed_at"),
]


def conversations(scope: ReportScope) -> Section:
    """Conversations held in the period, by kind. One query."""
    per_kind = dict(
        Conversation.objects.filter(case__in=scope.cases().values("pk"), status="gehouden")
        .filter(scope.in_period("held_at"))
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(per_kind.values())
    return Section(
        key="conversations",
        title=_("Gesprekken"),
        figures=[(_("Gesprekken gehouden"), count(total))],
        tables=[
            Table(
                key="conversation_kinds",
                caption=_("Gehouden gesprekken per soort"),
                columns=[_("Soort gesprek"), _("Gesprekken")],
                rows=[
                    [text(str(label)), count(per_kind.get(value, 0))]
                    for value, label in ConversationKind.choices
                ],
            )
        ],
    )


def lead_times(scope: ReportScope) -> Section:
    """Median and spread (p25–p75) in days. One counting query, then three small
    queries per milestone (see _base.duration_spread)."""
    reached = {
        field: scope.cases().filter(scope.in_period(field), **{f"{field}__isnull": False})
        for _label, field in MILESTONES
    }
    reached["closed_at"] = reached["closed_at"].filter(status="afgesloten")
    counts = scope.cases().aggregate(
        **{
            field: Count(
                "pk",
                filter=scope.in_period(field)
                & (Q(status="afgesloten") if field == "closed_at" else Q()),
            )
            for _label, field in MILESTONES
        }
    )
    rows = []
    headline = None
    for label, field in MILESTONES:
        spread = duration_spread(reached[field], "registered_at", field, counts[field])
        rows.append(
            [
                text(str(label)),
                count(spread.n),
                days(spread.median, spread.n),
                days(spread.p25, spread.n),
                days(spread.p75, spread.n),
            ]
        )
        headline = days(spread.median, spread.n)
    return Section(
        key="lead_times",
        title=_("Doorlooptijden"),
        figures=[(_("Mediane doorlooptijd tot afsluiten (dagen)"), headline or days(None, 0))],
        tables=[
            Table(
                key="lead_times",
                caption=_("Doorlooptijden in dagen: mediaan en spreiding (25e–75e percentiel)"),
                columns=[
                    _("Doorlooptijd"),
                    _("Trajecten"),
                    _("Mediaan"),
                    _("25e percentiel"),
                    _("75e percentiel"),
                ],
                rows=rows,
                chart=2,
                has_total=False,
            )
        ],
        notes=[
            _(
                "Over de trajecten die de stap in de periode bereikten, gerekend vanaf "
                "de aanmelding."
            )
        ],
    )


def follow_up_and_actions(scope: ReportScope) -> Section:
    """Follow-up calls due in the period (up to today) and whether they were made on
    time; open and overdue actions as they stand today. Two queries."""
    until_today = min(scope.end, scope.today)
    calls = FollowUpCall.objects.filter(
        case__in=scope.cases().values("pk"),
        due_date__gte=scope.start,
        due_date__lte=until_today,
    ).aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=Q(status=FollowUpStatus.DONE, done_at__date__lte=F("due_date"))),
        late=Count("pk", filter=Q(status=FollowUpStatus.DONE, done_at__date__gt=F("due_date"))),
        not_reached=Count("pk", filter=Q(status=FollowUpStatus.NOT_REACHED)),
        still_open=Count("pk", filter=Q(status=FollowUpStatus.OPEN)),
    )
    actions = Action.objects.filter(
        case__in=scope.cases().values("pk"), status__in=OPEN_ACTION_STATUSES
    ).aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due_date__lt=scope.today)),
    )
    return Section(
        key="follow_up",
        title=_("Nabellen en acties"),
        figures=[
            (_("Nabelafspraken op tijd gebeld"), share(calls["on_time"], calls["due"])),
            (_("Open acties (vandaag)"), count(actions["open"])),
            (_("Waarvan over de datum"), count(actions["overdue"])),
        ],
        tables=[
            Table(
                key="follow_up_calls",
                caption=_("Nabelafspraken met een beldatum in de periode (tot vandaag)"),
                columns=[_("Uitkomst"), _("Nabelafspraken"), _("Aandeel")],
                rows=[
                    [text(label), count(calls[key]), share(calls[key], calls["due"])]
                    for key, label in [
                        ("on_time", _("Op tijd gebeld")),
                        ("late", _("Te laat gebeld")),
                        ("not_reached", _("Niet bereikt")),
                        ("still_open", _("Nog niet gebeld")),
                    ]
                ],
            ),
            Table(
                key="actions",
                caption=_("Acties die vandaag openstaan"),
                columns=[_("Acties"), _("Aantal")],
                rows=[
                    [text(_("Op tijd")), count(actions["open"] - actions["overdue"])],
                    [text(_("Over de datum")), count(actions["overdue"])],
                ],
            ),
        ],
    )
