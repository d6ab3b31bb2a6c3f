"""The resident edit form: a save over a newer version is a conflict (0026)."""

from __future__ import annotations

from opkoers.cases.tests.test_resident_views import edit_data, url
from opkoers.residents.models import Resident


def test_second_save_of_the_resident_gets_the_conflict_page(client_for, member, case):
    edit = url("edit", case)
    first, second = client_for(member), client_for(member)
    assert 'name="version" value="1"' in first.get(edit).content.decode()
    assert first.post(edit, edit_data(phone="06-11111111", version="1")).status_code == 302
    conflict = second.post(edit, edit_data(phone="06-22222222", version="1"))
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "06-11111111" in html and 'value="06-22222222"' in html
    resident = Resident.objects.get(pk=case.resident_id)
    assert (resident.phone, resident.version) == ("06-11111111", 2)
