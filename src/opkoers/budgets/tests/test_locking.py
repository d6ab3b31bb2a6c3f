"""The budget request edit form: a save over a newer version is a conflict (0026)."""

from __future__ import annotations

from opkoers.budgets.models import BudgetRequest
from opkoers.budgets.tests.factories import BudgetRequestFactory
from opkoers.budgets.tests.test_views import case_url, form_data


def test_second_save_of_a_request_gets_the_conflict_page(client_for, member, plan_case, goal):
    req = BudgetRequestFactory(case=plan_case, goal=goal, requested_by=member)
    edit = case_url(plan_case, f"{req.pk}/wijzigen/")
    first, second = client_for(member), client_for(member)  # two tabs
    assert 'name="version" value="1"' in first.get(edit).content.decode()
    saved = first.post(edit, form_data(goal, purpose="Huur voor maart", version="1"))
    assert saved.status_code == 302
    conflict = second.post(edit, form_data(goal, purpose="Borg voor de woning", version="1"))
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Huur voor maart" in html and 'value="Borg voor de woning"' in html
    saved = BudgetRequest.objects.get(pk=req.pk)
    assert (saved.purpose, saved.version) == ("Huur voor maart", 2)
    again = second.post(edit, form_data(goal, purpose="Borg voor de woning", version="2"))
    assert again.status_code == 302
    assert BudgetRequest.objects.get(pk=req.pk).purpose == "Borg voor de woning"
