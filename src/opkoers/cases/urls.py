from django.urls import path

from opkoers.cases.views import (
    case_team,
    closing,
    detail,
    intake,
    listing,
    overleg,
    registration,
    worklist,
)

app_name = "cases"

urlpatterns = [
    path("", worklist.worklist, name="worklist"),
    path("trajecten/", listing.case_list, name="list"),
    path("overleg/", overleg.overleg, name="overleg"),
    path("aanmelden/", registration.register, name="register"),
    path("trajecten/<uuid:case_id>/", detail.case_detail, name="detail"),
    # Step 2: intake (brede vraagverheldering), and the case team.
    path("trajecten/<uuid:case_id>/intake/", intake.intake, name="intake"),
    path("trajecten/<uuid:case_id>/intake/starten/", intake.start_intake, name="start_intake"),
    path("trajecten/<uuid:case_id>/team/", case_team.team, name="team"),
    path("trajecten/<uuid:case_id>/team/toevoegen/", case_team.add_member, name="team_add"),
    path(
        "trajecten/<uuid:case_id>/team/<uuid:member_id>/wijzigen/",
        case_team.update_member,
        name="team_update",
    ),
    path(
        "trajecten/<uuid:case_id>/team/<uuid:member_id>/contactpersoon/",
        case_team.make_contact,
        name="team_contact",
    ),
    path(
        "trajecten/<uuid:case_id>/team/<uuid:member_id>/verwijderen/",
        case_team.remove_member,
        name="team_remove",
    ),
    # Step 7: afronding en evaluatie; stopping early; reopening.
    path("trajecten/<uuid:case_id>/afronding/", closing.closing, name="closing"),
    path(
        "trajecten/<uuid:case_id>/afronding/starten/", closing.start_closing, name="start_closing"
    ),
    path(
        "trajecten/<uuid:case_id>/afronding/terug/",
        closing.back_to_in_progress,
        name="closing_back",
    ),
    path("trajecten/<uuid:case_id>/stoppen/", closing.stop_early, name="stop_early"),
    path("trajecten/<uuid:case_id>/heropenen/", closing.reopen, name="reopen"),
]
