from django.contrib.auth.decorators import login_not_required
from django.urls import path

from opkoers.ops.health import Health
from opkoers.ops.metrics import metrics

app_name = "ops"

# For monitors, not people: no login; neither shows any personal data, and /metrics
# answers only a scraper with the token (or on the loopback address).
urlpatterns = [
    path("health/", login_not_required(Health.as_view()), name="health"),
    path("metrics", login_not_required(metrics), name="metrics"),
]
