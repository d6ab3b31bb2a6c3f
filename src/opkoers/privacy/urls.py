from django.urls import path

from opkoers.privacy import views, views_console

app_name = "privacy"

urlpatterns = [
    path("", views_console.console, name="console"),
    path("auditketen/", views_console.chain_verification, name="chain_verification"),
    path("inlogpogingen/", views_console.login_failures, name="login_failures"),
    path("bewaartermijn/", views_console.retention, name="retention"),
    path("noodtoegang/", views.break_glass_list, name="break_glass_list"),
    path(
        "noodtoegang/<int:use_id>/beoordelen/", views.break_glass_review, name="break_glass_review"
    ),
    path("noodtoegang/traject/<uuid:case_id>/", views.break_glass_open, name="break_glass"),
]
