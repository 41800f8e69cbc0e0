from django.urls import path

from . import views

app_name = "bottlenecks"
urlpatterns = [
    path("", views.board_view, name="board"),
    path("nieuw/", views.raise_new, name="new"),
    path("casus/<str:reference>/", views.raise_from_case, name="from_case"),
    path("cijfers/", views.figures, name="figures"),
    path("export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.move, name="move"),
    path("<int:pk>/reactie/", views.comment, name="comment"),
    path("<int:pk>/wij-ook/", views.we_too, name="we_too"),
    path("<int:pk>/publiceren/", views.publish, name="publish"),
]
