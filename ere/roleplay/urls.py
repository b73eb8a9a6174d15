"""The URLs of « Mises en situation »: the scenario library, live sessions, and the analysis of call transcripts.

Each part keeps its routes next to its views (urls_scenarios, urls_sessions, urls_transcripts)."""

from ere.roleplay import urls_scenarios, urls_sessions, urls_transcripts

app_name = "roleplay"

urlpatterns = [*urls_scenarios.urlpatterns, *urls_sessions.urlpatterns, *urls_transcripts.urlpatterns]
