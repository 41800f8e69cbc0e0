"""REST API v1 after the NLGov REST API Design Rules 2.1 (filled in by the API work)."""

app_name = "api"
urlpatterns: list[object] = []
