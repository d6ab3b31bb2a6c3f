from django.urls import path

from opkoers.accounts.views import auth, manage, mfa, organisations, result_kinds, teams, users

app_name = "accounts"

urlpatterns = [
    path("inloggen/", auth.LoginView.as_view(), name="login"),
    path("uitloggen/", auth.logout_view, name="logout"),
    path("wachtwoord/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("uitnodiging/<str:token>/", auth.invitation, name="invitation"),
    path("tweestapsverificatie/", mfa.mfa_verify, name="mfa_verify"),
    path("tweestapsverificatie/instellen/", mfa.mfa_setup, name="mfa_setup"),
    path("beheer/", manage.manage, name="manage"),
    path("beheer/organisaties/", organisations.organisation_list, name="organisations"),
    path("beheer/organisaties/nieuw/", organisations.organisation_add, name="organisation_add"),
    path(
        "beheer/organisaties/<uuid:organisation_id>/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path("beheer/teams/", teams.team_list, name="teams"),
    path("beheer/teams/nieuw/", teams.team_add, name="team_add"),
    path("beheer/teams/<uuid:team_id>/", teams.team_edit, name="team_edit"),
    path("beheer/teams/<uuid:team_id>/leden/", teams.team_member_add, name="team_member_add"),
    path(
        "beheer/teams/<uuid:team_id>/leden/<int:user_id>/verwijderen/",
        teams.team_member_remove,
        name="team_member_remove",
    ),
    path("beheer/gebruikers/", users.user_list, name="users"),
    path("beheer/gebruikers/nieuw/", users.user_add, name="user_add"),
    path("beheer/gebruikers/<int:user_id>/", users.user_edit, name="user_edit"),
    path("beheer/gebruikers/<int:user_id>/link/", users.user_send_link, name="user_send_link"),
    path(
        "beheer/gebruikers/<int:user_id>/tweestapsverificatie-herstellen/",
        mfa.user_mfa_reset,
        name="user_mfa_reset",
    ),
    path("beheer/soorten-resultaat/", result_kinds.result_kind_list, name="result_kinds"),
    path("beheer/soorten-resultaat/nieuw/", result_kinds.result_kind_add, name="result_kind_add"),
    path(
        "beheer/soorten-resultaat/<uuid:kind_id>/",
        result_kinds.result_kind_edit,
        name="result_kind_edit",
    ),
]
