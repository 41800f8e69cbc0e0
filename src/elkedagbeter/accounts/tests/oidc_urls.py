"""The site's URLs plus the OpenID Connect endpoints, as a deployment with SSO has them."""

from django.urls import include, path

from elkedagbeter.urls import urlpatterns as site_urlpatterns

urlpatterns = [*site_urlpatterns, path("oidc/", include("elkedagbeter.accounts.sso_urls"))]
