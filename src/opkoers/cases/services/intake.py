"""Step 2, intake (brede vraagverheldering): start the intake, record per life domain the
resident's own words, their priority and the ZRM score, the Participatieladder rung, and
complete the intake so that the first conversation can be planned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opkoers.audit.models import AuditAction
from opkoers.audit.services import record
from opkoers.cases.access import To, lock_case
from opkoers.cases.models import (
    AssessmentMoment,
    Case,
    CaseDomain,
    CaseStatus,
    CaseTeamMember,
    DomainAssessment,
)
from opkoers.cases.services.transitions import transition
from opkoers.core.concurrency import check_version
from opkoers.core.models import LifeDomain, ParticipationRung, ZrmScore

if TYPE_CHECKING:
    from opkoers.accounts.models import User

S = CaseStatus
MAX_PRIORITY = len(LifeDomain)


@dataclass(frozen=True)
class DomainIntakeInput:
    story: str = ""
    priority: int | None = None
    zrm_score: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.story.strip() and self.priority is None and self.zrm_score is None


@dataclass(frozen=True)
class IntakeInput:
    """What the intake page saves: per life domain its row (an empty row clears the
    domain's intake assessment), and the Participatieladder rung."""

    domains: Mapping[str, DomainIntakeInput]
    ladder_at_intake: int | None


def _locked(case: Case, by: User, to: To = To.WRITE) -> Case:
    return lock_case(case=case, by=by, to=to).case


def _refuse_closed(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(
            _("Dit traject is afgesloten en kan niet meer worden gewijzigd. Heropen het eerst.")
        )


def _require_intake(case: Case) -> None:
    _refuse_closed(case)
    if case.status == S.REGISTERED:
        raise ValidationError(_("Start eerst de intake."))
    if case.status != S.INTAKE:
        raise ValidationError(
            _("De intake is al afgerond; het traject staat in stap ‘%(step)s’.")
            % {"step": case.get_status_display()}
        )


def start_intake(*, case: Case, by: User) -> Case:
    """Intake starten: from ‘aangemeld’ to ‘intake’. Whoever starts the intake becomes
    the contact person when the case has none yet, so that the resident always has
    one face from here on."""
    with transaction.atomic():
        access = lock_case(case=case, by=by)
        locked = access.case
        _refuse_closed(locked)
        if not access.may(To.PICK_UP):
            access.require_person(To.WRITE)
        if locked.status != S.REGISTERED:
            raise ValidationError(
                _("De intake kan alleen starten bij een aangemeld traject (nu: ‘%(step)s’).")
                % {"step": locked.get_status_display()}
            )
        if not by.works_on_cases or not by.teams.filter(pk=locked.team_id).exists():
            raise ValidationError(_("Alleen professionals van het team kunnen de intake starten."))
        transition(case=locked, to_status=S.INTAKE, by=by)
        if not CaseTeamMember.objects.filter(case=locked, is_contact_person=True).exists():
            member, created = CaseTeamMember.objects.get_or_create(
                case=locked,
                user=by,
                defaults={
                    "role_on_case": by.job_title or _("Contactpersoon"),
                    "is_contact_person": True,
                },
            )
            if not created:
                member.is_contact_person = True
                member.save(update_fields=["is_contact_person", "updated_at"])
            record(
                actor=by,
                action=AuditAction.UPDATE,
                code="case.team.contact",
                case=locked,
                obj=member,
                detail={"user": str(by.pk), "added": created, "via": "start_intake"},
            )
    case.refresh_from_db()
    return case


def add_intake_domain(*, case: Case, domain: str, by: User) -> CaseDomain:
    """A life domain that came up during the intake joins the case's domains."""
    if domain not in LifeDomain.values:
        raise ValidationError(_("Kies een leefgebied uit de lijst."))
    with transaction.atomic():
        locked = _locked(case, by)
        _require_intake(locked)
        case_domain, created = CaseDomain.objects.get_or_create(case=locked, domain=domain)
        if created:
            record(
                actor=by,
                action=AuditAction.UPDATE,
                code="case.domain.add",
                case=locked,
                detail={"domain": domain},
            )
    return case_domain


def _validate_input(data: IntakeInput) -> None:
    domains, scores = set(LifeDomain.values), set(ZrmScore.values)
    errors: list[str] = []
    if not set(data.domains) <= domains:
        errors.append(_("Kies alleen leefgebieden uit de lijst."))
    for row in data.domains.values():
        if row.zrm_score is not None and row.zrm_score not in scores:
            errors.append(_("Een ZRM-score is 1, 2, 3, 4 of 5."))
            break
    for row in data.domains.values():
        if row.priority is not None and not 1 <= row.priority <= MAX_PRIORITY:
            errors.append(
                _("Een prioriteit is een getal van 1 tot en met %(max)s.") % {"max": MAX_PRIORITY}
            )
            break
    if data.ladder_at_intake is not None and data.ladder_at_intake not in set(
        ParticipationRung.values
    ):
        errors.append(_("Kies een trede van de Participatieladder van 1 tot en met 6."))
    if errors:
        raise ValidationError(errors)


def duplicate_priorities(priorities: Mapping[str, int | None]) -> dict[int, list[str]]:
    """Priority → the domains that share it, for every priority given more than once."""
    by_priority: dict[int, list[str]] = {}
    for domain, priority in priorities.items():
        if priority is not None:
            by_priority.setdefault(priority, []).append(domain)
    return {p: sorted(ds) for p, ds in by_priority.items() if len(ds) > 1}


def _labels(domains: list[str]) -> str:
    return ", ".join(str(LifeDomain(d).label) for d in domains)


def save_intake(
    *, case: Case, by: User, data: IntakeInput, expected_version: int | None = None
) -> None:
    """Save the intake page. Partial saves are fine while the case is in intake; what
    completion needs is checked by `complete_intake`. Priorities are unique at all
    times: the resident's order of what matters is an order. `expected_version`: the
    case's intake_version the page showed (EditConflict when saved since, 0026)."""
    _validate_input(data)
    with transaction.atomic():
        locked = _locked(case, by)
        _require_intake(locked)
        check_version(locked, expected_version, field="intake_version", case_id=locked.pk)
        existing = {
            a.domain: a
            for a in DomainAssessment.objects.filter(case=locked, moment=AssessmentMoment.INTAKE)
        }
        final = {d: a.priority for d, a in existing.items()}
        final.update({d: (None if r.is_empty else r.priority) for d, r in data.domains.items()})
        clashes = duplicate_priorities(final)
        if clashes:
            raise ValidationError(
                [
                    _("Prioriteit %(n)s is meer dan één keer gegeven (%(domains)s).")
                    % {"n": n, "domains": _labels(ds)}
                    for n, ds in sorted(clashes.items())
                ]
            )
        changed = _save_rows(locked, existing, data.domains)
        ladder_changed = locked.ladder_at_intake != data.ladder_at_intake
        locked.ladder_at_intake = data.ladder_at_intake
        locked.intake_version += 1
        locked.save(update_fields=["ladder_at_intake", "intake_version", "updated_at"])
        # A domain with content is a domain the case is about.
        known = set(CaseDomain.objects.filter(case=locked).values_list("domain", flat=True))
        new_domains = sorted(
            d for d, r in data.domains.items() if not r.is_empty and d not in known
        )
        CaseDomain.objects.bulk_create([CaseDomain(case=locked, domain=d) for d in new_domains])
        record(
            actor=by,
            action=AuditAction.UPDATE,
            code="case.intake.save",
            case=locked,
            # Domain codes only: the stories are personal data and stay in their table.
            detail={
                "domains_changed": changed,
                "domains_added": new_domains,
                "ladder_changed": ladder_changed,
            },
        )


def _save_rows(
    case: Case, existing: dict[str, DomainAssessment], rows: Mapping[str, DomainIntakeInput]
) -> list[str]:
    new, changed, cleared = [], [], []
    for domain, row in rows.items():
        current = existing.get(domain)
        values = (row.story.strip(), row.priority, row.zrm_score)
        if row.is_empty:
            if current is not None:
                cleared.append(current.pk)
        elif current is None:
            new.append(
                DomainAssessment(
                    case=case,
                    moment=AssessmentMoment.INTAKE,
                    domain=domain,
                    story=values[0],
                    priority=values[1],
                    zrm_score=values[2],
                )
            )
        elif (current.story, current.priority, current.zrm_score) != values:
            current.story, current.priority, current.zrm_score = values
            changed.append(current)
    DomainAssessment.objects.filter(pk__in=cleared).delete()
    DomainAssessment.objects.bulk_create(new)
    DomainAssessment.objects.bulk_update(changed, ["story", "priority", "zrm_score", "updated_at"])
    return sorted(
        [a.domain for a in new]
        + [a.domain for a in changed]
        + [d for d, a in existing.items() if a.pk in cleared]
    )


def missing_for_completion(case: Case) -> list[str]:
    """What the intake still needs before it can be completed, in plain Dutch."""
    assessments = list(
        DomainAssessment.objects.filter(case=case, moment=AssessmentMoment.INTAKE).only(
            "domain", "story", "priority", "zrm_score"
        )
    )
    return missing_in(assessments, case.ladder_at_intake)


def missing_in(assessments: list[DomainAssessment], ladder_at_intake: int | None) -> list[str]:
    missing: list[str] = []
    if not any(a.story.strip() and a.zrm_score is not None for a in assessments):
        missing.append(
            _("Vul bij minstens één leefgebied het verhaal van de inwoner in én een ZRM-score.")
        )
    if not any(a.priority is not None for a in assessments):
        missing.append(
            _(
                "Geef aan wat voor de inwoner het belangrijkst is: nummer de leefgebieden "
                "(1 = het belangrijkst)."
            )
        )
    else:
        unranked = [a.domain for a in assessments if a.story.strip() and a.priority is None]
        if unranked:
            missing.append(
                _("Geef ook een prioriteit bij: %(domains)s.") % {"domains": _labels(unranked)}
            )
    if duplicate_priorities({a.domain: a.priority for a in assessments}):
        missing.append(_("Geef elke prioriteit maar één keer."))
    if ladder_at_intake is None:
        missing.append(_("Kies de trede op de Participatieladder."))
    return missing


def complete_intake(*, case: Case, by: User) -> Case:
    """Intake afronden: on to the first conversation, once the intake says what the
    resident's situation is and what matters most to them."""
    with transaction.atomic():
        locked = _locked(case, by)
        _require_intake(locked)
        missing = missing_for_completion(locked)
        if missing:
            raise ValidationError(missing)
        transition(case=locked, to_status=S.FIRST_CONVERSATION, by=by)
    case.refresh_from_db()
    return case
