"""Public: the storyteller follows their story with the receipt code (no account, no e-mail).

POST only carries the code (never in an address, so it stays out of logs and history), behind
CSRF and the same rate limit as the withdrawal page. A wrong code gets one message that does not
say whether a story exists.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import ratelimit
from ..follow import receipt_for
from ..forms import FollowForm

ATTEMPTS = 20  # per connection and window, as on the withdrawal page


def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST or None)
    receipt = None
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "follow", limit=ATTEMPTS):
            form.add_error("code", _("Too many attempts from this connection. Try again later."))
            status = 429
        else:
            receipt = receipt_for(form.cleaned_data["code"])
            if receipt is None:
                form.add_error(
                    "code",
                    _("We cannot show anything for this code. Check it and try again."),
                )
    context = {"form": form, "receipt": receipt}
    return render(request, "stories/follow.html", context, status=status)
