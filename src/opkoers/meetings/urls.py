from django.urls import path

from opkoers.meetings.views import conversations, follow_ups, listing, summaries

app_name = "meetings"

# Mounted at trajecten/<uuid:case_id>/gesprekken/
urlpatterns = [
    path("", listing.conversation_list, name="list"),
    path("plannen/", conversations.plan, name="plan"),
    path("<uuid:conversation_id>/wijzigen/", conversations.edit, name="edit"),
    path("<uuid:conversation_id>/annuleren/", conversations.cancel, name="cancel"),
    path("<uuid:conversation_id>/vastleggen/", conversations.record, name="record"),
    path("<uuid:conversation_id>/samenvatting/", summaries.summary, name="summary"),
    path("nabellen/<uuid:call_id>/", follow_ups.follow_up, name="followup"),
    path("nabellen/<uuid:call_id>/wijzigen/", follow_ups.follow_up_change, name="followup_change"),
]
