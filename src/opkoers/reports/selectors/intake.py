"""Who comes in, through which channel, with questions on which life domains, and which
organisations sit at the table."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from opkoers.cases.models import CaseDomain, CaseTeamMember, Channel
from opkoers.core.models import LifeDomain
from opkoers.reports.figures import Section, Table, count, plain, share, text
from opkoers.reports.selectors._base import ReportScope


def caseload(scope: ReportScope) -> Section:
    """Registrations, cases running at the end of the period, closings, and the
    referral channels of the registrations. Two queries."""
    totals = scope.cases().aggregate(
        registered=Count("pk", filter=scope.in_period("registered_at")),
        running=Count(
            "pk",
            filter=Q(registered_at__lt=scope.until)
            & (Q(closed_at__isnull=True) | Q(closed_at__gte=scope.until)),
        ),
        closed=Count("pk", filter=scope.in_period("closed_at") & Q(status="afgesloten")),
    )
    per_channel = dict(
        scope.cases()
        .filter(scope.in_period("registered_at"))
        .values_list("channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    registered = totals["registered"]
    return Section(
        key="caseload",
        title=_("Aanmeldingen en trajecten"),
        figures=[
            (_("Aangemeld in de periode"), count(registered)),
            (_("Lopend aan het eind van de periode"), count(totals["running"])),
            (_("Afgesloten in de periode"), count(totals["closed"])),
        ],
        tables=[
            Table(
                key="channels",
                caption=_("Aanmeldingen per kanaal (wie meldt aan)"),
                columns=[_("Kanaal"), _("Aanmeldingen"), _("Aandeel")],
                rows=[
                    [
                        text(str(label)),
                        count(per_channel.get(value, 0)),
                        share(per_channel.get(value, 0), registered),
                    ]
                    for value, label in Channel.choices
                ],
            )
        ],
    )


def help_questions(scope: ReportScope) -> Section:
    """Help questions per life domain of the cases registered in the period, and the
    organisations of the professionals on the case teams of cases that ran in the
    period. Three queries."""
    registered = scope.cases().filter(scope.in_period("registered_at"))
    n_cases = registered.count()
    per_domain = dict(
        CaseDomain.objects.filter(case__in=registered.values("pk"))
        .values_list("domain")
        .annotate(n=Count("pk"))
        .order_by()
    )
    organisations = list(
        CaseTeamMember.objects.filter(
            case__in=scope.active_cases().values("pk"), user__organisation__isnull=False
        )
        .values_list("user__organisation__name")
        .annotate(n=Count("case", distinct=True))
        .order_by("-n", "user__organisation__name")
    )
    return Section(
        key="questions",
        title=_("Hulpvragen en betrokken organisaties"),
        figures=[
            (_("Hulpvragen (leefgebieden bij aanmelding)"), count(sum(per_domain.values()))),
            (_("Betrokken organisaties"), plain(len(organisations))),
        ],
        tables=[
            Table(
                key="domains",
                caption=_("Hulpvragen per leefgebied (trajecten aangemeld in de periode)"),
                columns=[_("Leefgebied"), _("Hulpvragen"), _("Aandeel van de trajecten")],
                rows=[
                    [
                        text(str(label)),
                        count(per_domain.get(value, 0)),
                        share(per_domain.get(value, 0), n_cases),
                    ]
                    for value, label in LifeDomain.choices
                ],
            ),
            Table(
                key="organisations",
                caption=_("Betrokken organisaties (trajecten die liepen in de periode)"),
                columns=[_("Organisatie"), _("Trajecten")],
                rows=[[text(name), count(n)] for name, n in organisations],
                # A case has several organisations: no column total exists.
                has_total=False,
            ),
        ],
    )
