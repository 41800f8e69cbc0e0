from django.urls import path

from .views import exchange, follow, insight, moderation, msc, patterns, public, reading

app_name = "stories"
urlpatterns = [
    # Public: no account needed.
    path("delen/", public.share, name="share"),
    path("delen/<slug:region_code>/", public.share, name="share_region"),
    path("intrekken/", public.withdraw, name="withdraw"),
    path("volgen/", follow.follow, name="follow"),
    path("patronen/", public.public_patterns, name="public_patterns"),
    path("patronen/<slug:slug>/", public.public_pattern, name="public_pattern"),
    # Behind login.
    path("", reading.story_list, name="list"),
    path("overzicht/", insight.insight, name="insight"),
    path("export.csv", exchange.export, name="export"),
    path("importeren/", exchange.import_csv, name="import"),
    path("moderatie/", moderation.queue, name="queue"),
    path("moderatie/<str:reference>/", moderation.moderate, name="moderate"),
    path("moderatie/<str:reference>/vervangen/", moderation.replace, name="replace"),
    path("patroonbeheer/", patterns.board, name="patterns"),
    path("patroonbeheer/zoeken/", patterns.suggest, name="suggest"),
    path("patroonbeheer/suggesties/<int:suggestion_id>/", patterns.suggestion, name="suggestion"),
    path("patroonbeheer/<slug:slug>/", patterns.pattern_edit, name="pattern_edit"),
    path("msc/", msc.rounds, name="msc_rounds"),
    path("msc/<int:round_id>/", msc.round_detail, name="msc_round"),
    path("terugkoppeling/", msc.feedback, name="feedback"),
    path("verhaal/<str:reference>/", reading.story_detail, name="detail"),
]
