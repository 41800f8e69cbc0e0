from django.urls import path

from .views import catalogue, examples, initiatives, logbook, pages

app_name = "knowledge"
urlpatterns = [
    path("", pages.home, name="home"),
    path("zoeken/", pages.search_page, name="search"),
    path("interventies/", catalogue.catalogue, name="catalogue"),
    path("interventies/importeren/", catalogue.catalogue_import, name="catalogue_import"),
    path("interventies/<slug:code>/", catalogue.item, name="item"),
    path("goede-voorbeelden/", examples.example_list, name="examples"),
    path("goede-voorbeelden/nieuw/", examples.example_new, name="example_new"),
    path("goede-voorbeelden/<int:pk>/", examples.example_detail, name="example"),
    path("goede-voorbeelden/<int:pk>/wijzigen/", examples.example_edit, name="example_edit"),
    path("logboek/", logbook.logbooks, name="logbooks"),
    path("logboek/<int:team_id>/", logbook.logbook, name="logbook"),
    path("logboek/<int:team_id>/nieuw/", logbook.session_new, name="session_new"),
    path("logboek/<int:team_id>/<int:pk>/delen/", logbook.session_share, name="session_share"),
    path("lessen/", logbook.lessons, name="lessons"),
    path("verbeterinitiatieven/", initiatives.initiative_list, name="initiatives"),
    path("verbeterinitiatieven/nieuw/", initiatives.initiative_new, name="initiative_new"),
    path("verbeterinitiatieven/<int:pk>/", initiatives.initiative_detail, name="initiative"),
    path(
        "verbeterinitiatieven/<int:pk>/volgende-fase/",
        initiatives.initiative_advance,
        name="initiative_advance",
    ),
    path(
        "verbeterinitiatieven/<int:pk>/nieuwe-ronde/",
        initiatives.initiative_next_round,
        name="initiative_next_round",
    ),
    path(
        "verbeterinitiatieven/<int:pk>/fase-terug/",
        initiatives.initiative_step_back,
        name="initiative_step_back",
    ),
]
