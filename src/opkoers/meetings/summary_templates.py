"""Starting texts in plain Dutch (B1) for the summary, one per conversation kind. The
professional takes one over and fills in the dots; nothing is saved until they do.
Marked for translation so the English interface shows what the Dutch text says, but the
resident gets the Dutch text (the form fills it in under the Dutch locale)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from opkoers.meetings.models import ConversationKind


def _texts(kind: str) -> dict[str, str]:
    if kind == ConversationKind.FIRST:
        return {
            "discussed": _(
                "Vandaag zaten we voor het eerst samen aan tafel. U vertelde over …\n"
                "Het belangrijkste voor u is nu …"
            ),
            "agreed": _("We gaan samen een plan maken. In het plan staat …"),
            "tasks": _("U: … vóór …\nIk (uw contactpersoon): … vóór …"),
            "next_appointment": _("We zien elkaar weer op … om … uur, in …"),
        }
    if kind == ConversationKind.CLOSING:
        return {
            "discussed": _("Vandaag keken we samen terug. Dit ging goed: …\nDit is nog lastig: …"),
            "agreed": _("We stoppen met de hulp van ons team. U kunt voortaan terecht bij …"),
            "tasks": _("U: … vóór …\n… neemt contact met u op vóór …"),
            "next_appointment": _("We hebben geen nieuwe afspraak. Wilt u toch praten? Bel dan …"),
        }
    return {
        "discussed": _(
            "Vandaag spraken we over uw plan. Dit is gelukt: …\nDit is nog niet gelukt: …"
        ),
        "agreed": _("We hebben afgesproken dat …"),
        "tasks": _("U: … vóór …\nIk (uw contactpersoon): … vóór …"),
        "next_appointment": _("We zien elkaar weer op … om … uur, in …"),
    }


def starting_text(kind: str) -> dict[str, str]:
    # The summary is for the resident, so its text is Dutch whatever the
    # professional's interface language is.
    with translation.override("nl"):
        return _texts(kind)
