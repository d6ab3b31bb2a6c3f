"""The printable plan for the resident."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from opkoers.accounts.tests.factories import UserFactory
from opkoers.audit.models import AuditAction, AuditEvent
from opkoers.cases.models import CaseTeamMember
from opkoers.core.models import LifeDomain
from opkoers.meetings.models import (
    Conversation,
    ConversationKind,
    ConversationMode,
    ConversationStatus,
    ConversationSummary,
)
from opkoers.plans.models import ActionStatus, GoalOutcome, OwnerKind
from opkoers.plans.pdf import OfflineURLFetcher, render_plan_html
from opkoers.plans.selectors import printable_plan
from opkoers.plans.tests.factories import ActionFactory, GoalFactory


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def full_plan(plan_case, member, sister, debt_worker):
    member.phone = "030-7654321"
    member.save(update_fields=["phone"])
    CaseTeamMember.objects.filter(case=plan_case, user=member).update(backup=debt_worker)
    first = GoalFactory(case=plan_case, priority=1, description="Ik wil rust over geld")
    second = GoalFactory(
        case=plan_case, priority=2, description="Ik wil een eigen huis", domain=LifeDomain.HOUSING
    )
    dropped = GoalFactory(
        case=plan_case, priority=3, description="Verhuizen naar Spanje", outcome=GoalOutcome.DROPPED
    )
    ActionFactory(
        case=plan_case,
        goal=first,
        description="Alle brieven in een map doen",
        due_date=datetime.date(2030, 4, 3),
    )
    ActionFactory(
        case=plan_case,
        goal=second,
        description="Mee naar de woningcorporatie",
        owner_kind=OwnerKind.NETWORK,
        owner_network_person=sister,
    )
    ActionFactory(
        case=plan_case,
        goal=first,
        description="Schuldeisers bellen",
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=debt_worker,
    )
    ActionFactory(
        case=plan_case,
        description="Inschrijven bij de bibliotheek",
        status=ActionStatus.DONE,
        completed_at=timezone.now(),
    )
    ActionFactory(case=plan_case, description="Vervallen actie", status=ActionStatus.CANCELLED)
    ActionFactory(case=plan_case, goal=dropped, description="Ticket kopen")
    Conversation.objects.create(
        case=plan_case,
        kind=ConversationKind.FOLLOW_UP,
        mode=ConversationMode.PHYSICAL,
        scheduled_at=timezone.now() + datetime.timedelta(days=10),
        location="Gemeentehuis, kamer 2",
        planned_by=member,
    )
    return plan_case


def test_pdf_is_a_pdf_with_the_goals_and_actions(client_for, member, full_plan):
    response = client_for(member).get(f"/trajecten/{full_plan.pk}/plan/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert full_plan.reference in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    name = full_plan.resident.full_name
    assert "Mijn plan" in text and f"Samen1plan van {name}" in text
    assert text.index("Ik wil rust over geld") < text.index("Ik wil een eigen huis")
    assert "Wat ik zelf doe" in text and "Alle brieven in een map doen" in text
    assert "3 april 2030" in text
    assert "Wat Fatima Amrani doet" in text and "Mee naar de woningcorporatie" in text
    assert "Wat de professionals doen" in text
    assert "Joost Verbeek (schuldhulpverlener), Schuldhulp Houtenburg, telefoon 030-1234567" in text
    assert "Schuldeisers bellen" in text
    assert "Wat al gelukt is" in text and "Inschrijven bij de bibliotheek" in text
    assert "Gemeentehuis, kamer 2" in text
    assert "Wie kan ik bellen?" in text and "030-7654321" in text
    assert "Is Mila de Wit er niet? Bel dan Joost Verbeek" in text
    for absent in ("Vervallen actie", "Verhuizen naar Spanje", "Ticket kopen"):
        assert absent not in text


def test_pdf_is_an_audited_export(client_for, member, full_plan):
    client_for(member).get(f"/trajecten/{full_plan.pk}/plan/pdf/")
    event = AuditEvent.objects.get(code="plan.pdf")
    assert event.action == AuditAction.EXPORT
    assert event.case_id == full_plan.pk and event.actor == member


def test_pdf_is_dutch_even_for_an_english_user_interface(client_for, member, full_plan):
    client = client_for(member)
    client.cookies["django_language"] = "en"
    text = pdf_text(client.get(f"/trajecten/{full_plan.pk}/plan/pdf/").content)
    assert "Mijn plan" in text and "Wat ik zelf doe" in text


def test_empty_plan_still_prints_plain_guidance(client_for, member, plan_case):
    text = pdf_text(client_for(member).get(f"/trajecten/{plan_case.pk}/plan/pdf/").content)
    assert "Er staan nog geen doelen in het plan." in text
    assert "Er is nog geen nieuw gesprek gepland." in text


def test_user_text_is_escaped_in_the_pdf_html(plan_case, member):
    GoalFactory(case=plan_case, priority=1, description='<img src="http://127.0.0.1:9/x.png">')
    html = render_plan_html(printable_plan(plan_case))
    assert "<img" not in html and "&lt;img" in html


@pytest.mark.security
@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/x.png", "https://example.org/a.css", "file:///etc/passwd", "data:,x"],
)
def test_pdf_fetcher_refuses_every_url(url):
    with pytest.raises(ValueError):
        OfflineURLFetcher().fetch(url)


@pytest.mark.security
def test_rendering_never_calls_out_even_for_markup_in_the_template(monkeypatch):
    from weasyprint import HTML

    asked = []

    class Recording(OfflineURLFetcher):
        def fetch(self, url, headers=None):
            asked.append(url)
            return super().fetch(url, headers)

    pdf = HTML(
        string='<p>x</p><img src="http://127.0.0.1:9/x.png"><link rel=stylesheet href="file:///etc/x.css">',
        url_fetcher=Recording(),
    ).write_pdf()
    assert pdf.startswith(b"%PDF-")
    assert asked  # WeasyPrint asked, and our fetcher refused: nothing was loaded


def test_professional_without_organisation_or_phone_prints_cleanly(plan_case, member):
    loner = UserFactory(organisation=None, first_name="Sanne", last_name="Bos")
    CaseTeamMember.objects.create(case=plan_case, user=loner, role_on_case="Jongerenwerker")
    ActionFactory(
        case=plan_case,
        description="Langs bij het jongerenwerk",
        owner_kind=OwnerKind.PROFESSIONAL,
        owner_user=loner,
    )
    html = render_plan_html(printable_plan(plan_case))
    assert "Sanne Bos" in html and "Langs bij het jongerenwerk" in html


def test_pdf_shows_the_last_summary_for_the_resident(client_for, member, full_plan):
    for days, agreed in [(20, "Oude afspraak"), (5, "U opent de post samen met uw zus")]:
        held = Conversation.objects.create(
            case=full_plan,
            kind=ConversationKind.FOLLOW_UP,
            mode=ConversationMode.PHYSICAL,
            status=ConversationStatus.HELD,
            scheduled_at=timezone.now() - datetime.timedelta(days=days),
            held_at=timezone.now() - datetime.timedelta(days=days),
            notes="Intern verslag voor het team",
            planned_by=member,
        )
        ConversationSummary.objects.create(
            conversation=held, agreed=agreed, written_by=member, written_at=timezone.now()
        )
    text = pdf_text(client_for(member).get(f"/trajecten/{full_plan.pk}/plan/pdf/").content)
    assert "Wat we hebben afgesproken" in text
    assert "U opent de post samen met uw zus" in text
    assert "Oude afspraak" not in text
    assert "Intern verslag" not in text  # the team's report stays out of the resident's copy
