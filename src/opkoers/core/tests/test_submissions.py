"""The double-submit guard."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from opkoers.core.models import SubmissionToken
from opkoers.core.submissions import once
from opkoers.residents.models import NetworkPerson
from opkoers.residents.tests.factories import ResidentFactory


def _post(token: str) -> object:
    return RequestFactory().post("/", {"submission_token": token})


def test_second_submit_of_the_same_form_is_recognised(db):
    resident = ResidentFactory()
    token = str(uuid.uuid4())
    for _ in range(2):
        with once(_post(token)) as guard:
            if guard.already_done:
                assert guard.result_url == "/klaar/"
                continue
            NetworkPerson.objects.create(resident=resident, name="Zus", relation="zus")
            guard.result_url = "/klaar/"
    assert NetworkPerson.objects.count() == 1


def test_failed_write_releases_the_token_so_the_user_can_try_again(db):
    token = str(uuid.uuid4())
    with pytest.raises(ValidationError), once(_post(token)) as guard:
        assert not guard.already_done
        raise ValidationError("fout")
    assert not SubmissionToken.objects.filter(pk=token).exists()
    with once(_post(token)) as guard:
        assert not guard.already_done


@pytest.mark.security
@pytest.mark.parametrize("token", ["", "geen-uuid"])
def test_a_post_without_a_token_is_refused_and_creates_nothing(db, token):
    resident = ResidentFactory()
    request = RequestFactory().post("/", {"submission_token": token} if token else {})
    with pytest.raises(ValidationError) as refused, once(request):
        NetworkPerson.objects.create(resident=resident, name="Zus", relation="zus")
    assert refused.value.code == "no_token"
    assert getattr(request, "submission_refused", False)
    assert NetworkPerson.objects.count() == 0
    assert SubmissionToken.objects.count() == 0


def test_a_form_sent_without_a_token_is_shown_again_with_a_fresh_one():
    from django import forms

    from opkoers.core.submissions import SubmissionTokenField

    class One(forms.Form):
        submission_token = SubmissionTokenField()

    html = str(One({})["submission_token"])
    value = html.split('value="')[1].split('"')[0]
    assert uuid.UUID(value)


def test_two_forms_on_one_page_do_not_repeat_the_token_id():
    from django import forms

    from opkoers.core.submissions import SubmissionTokenField

    class One(forms.Form):
        submission_token = SubmissionTokenField()

    html = str(One()["submission_token"]) + str(One()["submission_token"])
    assert html.count('name="submission_token"') == 2
    assert "id=" not in html


def test_a_prefixed_form_sends_its_token_under_its_prefix(db):
    request = RequestFactory().post("/", {"network-submission_token": str(uuid.uuid4())})
    with once(request) as guard:
        assert not guard.already_done
    assert SubmissionToken.objects.count() == 1
