from django.urls import path

from .views import board, detail, figures, partners, raising

app_name = "bottlenecks"
urlpatterns = [
    path("", board.board_view, name="board"),
    path("nieuw/", raising.raise_new, name="new"),
    path("casus/<str:reference>/", raising.raise_from_case, name="from_case"),
    path("cijfers/", figures.figures, name="figures"),
    path("export.<str:fmt>", board.export, name="export"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/status/", detail.move, name="move"),
    path("<int:pk>/reactie/", detail.comment, name="comment"),
    path("<int:pk>/wij-ook/", detail.we_too, name="we_too"),
    path("<int:pk>/publiceren/", detail.publish, name="publish"),
    # Who we need for a zero goal: asking parties, and what is asked of a body or team.
    path("nuldoel/<slug:code>/regio/<int:region_id>/partners/", partners.ask, name="partners_ask"),
    path("gevraagd/", partners.inbox, name="partners_inbox"),
    path("gevraagd/<int:pk>/antwoord/", partners.answer, name="partners_answer"),
    path("gevraagd/<int:pk>/intrekken/", partners.withdraw, name="partners_withdraw"),
]
