from django.urls import path

from opkoers.plans.views import actions, goals, pdf, plan

app_name = "plans"

# Mounted at trajecten/<uuid:case_id>/plan/
urlpatterns = [
    path("", plan.plan_detail, name="detail"),
    path("vastleggen/", plan.plan_agree, name="agree"),
    path("pdf/", pdf.plan_pdf, name="pdf"),
    path("doelen/nieuw/", goals.goal_add, name="goal_add"),
    path("doelen/<uuid:goal_id>/wijzigen/", goals.goal_edit, name="goal_edit"),
    path("doelen/<uuid:goal_id>/verplaatsen/", goals.goal_move, name="goal_move"),
    path("doelen/<uuid:goal_id>/laten-vervallen/", goals.goal_drop, name="goal_drop"),
    path("doelen/<uuid:goal_id>/weer-meetellen/", goals.goal_restore, name="goal_restore"),
    path("acties/nieuw/", actions.action_add, name="action_add"),
    path("acties/<uuid:action_id>/wijzigen/", actions.action_edit, name="action_edit"),
    path("acties/<uuid:action_id>/status/", actions.action_status, name="action_status"),
]
