from django.urls import path

from opkoers.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.self_register, name="self_register"),
    path("verstuurd/", views.self_register_done, name="self_register_done"),
]
