"""URL map. Dutch paths for the UI; every URL must also appear in the role-by-URL matrix test."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

handler500 = "elkedagbeter.pages.views.server_error"

urlpatterns = [
    path("", include("elkedagbeter.pages.urls")),
    path("", include("elkedagbeter.accounts.urls")),
    path("taal/", set_language, name="set_language"),
    path("casussen/", include("elkedagbeter.cases.urls")),
    path("dossierreviews/", include("elkedagbeter.reviews.urls")),
    path("beheer/toegangslog/", include("elkedagbeter.audit.urls")),
    path("teams/", include("elkedagbeter.organisations.urls")),
    path("account/api-tokens/", include("elkedagbeter.api.token_urls")),
    path("beheer/admin/", admin.site.urls),
    path("api/v1/", include("elkedagbeter.api_urls")),
    path("beweging-van-0/", include("elkedagbeter.indicators.urls")),
    path("openbaar/beweging-van-0/", include("elkedagbeter.indicators.public_urls")),
    path("aandacht/", include("elkedagbeter.attention.urls")),
    path("knelpunten/", include("elkedagbeter.bottlenecks.urls")),
    path("openbaar/knelpunten/", include("elkedagbeter.bottlenecks.public_urls")),
    path("wat-werkt/", include("elkedagbeter.knowledge.urls")),
    path("verhalen/", include("elkedagbeter.stories.urls")),
    path("kosten/", include("elkedagbeter.costs.urls")),
    path("beheer/ijw/", include("elkedagbeter.ijw.urls")),
    path("", include("elkedagbeter.family.urls")),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("elkedagbeter.accounts.sso_urls")))
