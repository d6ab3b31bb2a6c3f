"""The confirmation email: the first name and what happens next, nothing else. No case
details, no reference: email travels unencrypted and is often read on shared devices."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from opkoers.cases.models import Case

log = logging.getLogger(__name__)


def send_confirmation(case: Case) -> bool:
    email = case.resident.email
    if not email:
        return False
    try:
        send_mail(
            _("We hebben uw aanmelding ontvangen"),
            render_to_string(
                "portal/email/confirmation.txt",
                {
                    "first_name": case.resident.first_name,
                    "answer_days": settings.SELF_REGISTRATION_ANSWER_DAYS,
                },
            ),
            None,
            [email],
        )
    except (smtplib.SMTPException, OSError):
        # The registration stands; the screen already confirmed it. Only the id is logged.
        log.warning("self-registration confirmation for case %s could not be sent", case.pk)
        return False
    return True
