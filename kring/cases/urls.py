"""Pages of casusregie. Overview pages (lists, the case page, the timeline) and the work on a case
(circle, meetings, plan, escalation) live in separate view modules with their own URL lists."""

from .views import urls_overview, urls_work

app_name = "cases"

urlpatterns = [*urls_overview.urlpatterns, *urls_work.urlpatterns]
