"""Unknown pages, refused pages, expired forms and our own errors get clear Dutch pages in the
design system, and give nothing away."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.views import defaults

from conftest import World, log_in
from elkedagbeter.pages.views import csrf_failure

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_not_found_page(client: Client) -> None:
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Pagina niet gevonden" in page
    assert "utrecht-component-library.css" in page


def test_a_refused_page_explains_who_to_ask(world: World) -> None:
    response = log_in(Client(), world.user("analyst")).get("/casussen/")

    assert response.status_code == 403
    assert "Uw rol geeft geen toegang tot deze pagina" in response.content.decode()


def test_an_expired_form_says_what_to_do() -> None:
    request = RequestFactory().post("/inloggen/")
    request.user = AnonymousUser()

    response = csrf_failure(request, reason="CSRF token missing")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Het formulier is verlopen" in page
    assert "CSRF token missing" not in page  # no technical detail for the user


def test_our_own_error_reassures_about_saved_work() -> None:
    response = defaults.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Wat u eerder opsloeg is veilig" in response.content.decode()


def test_a_case_that_is_not_yours_looks_like_one_that_does_not_exist(world: World) -> None:
    client = log_in(Client(), world.user("outsider"))

    someone_elses = client.get(f"/casussen/{world.case_a.reference}/")
    non_existent = client.get("/casussen/C-ZZZZ-ZZZZ/")

    def normalised(page: str, reference: str) -> str:
        # Tokens that change with every request (and the signed second the page was drawn).
        page = re.sub(
            r'(csrfmiddlewaretoken" value=|X-CSRFToken": |edb-form-opened" content=)"[^"]+"',
            "",
            page,
        )
        return page.replace(reference, "REFERENCE")

    assert someone_elses.status_code == non_existent.status_code == 404
    assert normalised(someone_elses.content.decode(), world.case_a.reference) == normalised(
        non_existent.content.decode(), "C-ZZZZ-ZZZZ"
    )
