"""The pages of suspensions and removals (issue 10, item 8), under /schorsingen/ (login)."""

from __future__ import annotations

from .views import discipline_urlpatterns

app_name = "schorsing"

urlpatterns = discipline_urlpatterns
