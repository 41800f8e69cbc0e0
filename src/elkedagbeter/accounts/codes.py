"""One-time codes: how a person gets into a new account, or back into their own, without anyone
else ever knowing their password or second factor.

A beheerder issues a code (by e-mail to the person, or shown once to hand over in person). The
person enters it with a password of their own choosing; their old second factor is removed and
they enrol a new one. Every step is announced for the access log, and the person is told by
e-mail afterwards, so a takeover by whoever held the code does not go unnoticed.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AccountCode, CodeChannel, CodePurpose, User
from .signals import account_code_changed

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out and typed by people
CODE_LENGTH = 12
MAX_FAILED_ATTEMPTS = 5
# The session remembers that this user proved a code, so they may enrol a second factor.
SESSION_KEY_ENROLMENT = "edb_enrolment_allowed"


def _digest(code: str) -> str:
    return salted_hmac("elkedagbeter.account-code", normalise(code)).hexdigest()


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in ALPHABET)


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _unused in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def valid_for() -> timedelta:
    return timedelta(hours=int(settings.ACCOUNT_CODE_VALID_HOURS))


def issue_code(
    request: HttpRequest | None,
    user: User,
    *,
    purpose: CodePurpose,
    channel: CodeChannel,
    operator: str = "",
) -> str:
    """A new code for ``user``; older codes become void. Returns the code: sent by e-mail for
    that channel (and then not to be shown), or for the issuer to hand over in person."""
    issuer = request.user.get_username() if request is not None else operator
    code = _new_code()
    with transaction.atomic():
        AccountCode.objects.filter(user=user, used_at__isnull=True, voided=False).update(
            voided=True
        )
        AccountCode.objects.create(
            user=user,
            purpose=purpose,
            channel=channel,
            code_digest=_digest(code),
            issued_by=issuer[:150],
            expires_at=timezone.now() + valid_for(),
        )
        account_code_changed.send(
            AccountCode,
            request=request,
            user_id=user.pk,
            event="issued",
            detail=f"{purpose} {channel}",
            operator=operator,
        )
        if channel == CodeChannel.EMAIL:
            transaction.on_commit(lambda: _send_code(user, code, purpose))
    return code


def _usable_code(user: User) -> AccountCode | None:
    now = timezone.now()
    newest = AccountCode.objects.filter(user=user).first()
    return newest if newest is not None and newest.is_usable(now) else None


def check_code(request: HttpRequest, user: User | None, code: str) -> AccountCode | None:
    """The user's usable code if ``code`` is it; a wrong try counts against the code."""
    stored = _usable_code(user) if user is not None else None
    if stored is not None and constant_time_compare(stored.code_digest, _digest(code)):
        return stored
    if stored is not None:
        stored.failed_attempts += 1
        stored.voided = stored.failed_attempts >= MAX_FAILED_ATTEMPTS
        stored.save(update_fields=["failed_attempts", "voided"])
    account_code_changed.send(
        AccountCode,
        request=request,
        user_id=user.pk if user is not None else None,
        event="redeemed",
        detail="wrong or expired code",
        result="refused",
    )
    return None


def redeem(request: HttpRequest, stored: AccountCode, *, new_password: str | None) -> None:
    """Use the code: set the new password (when given), remove the old second factor and let
    this session enrol a new one. The person is told by e-mail."""
    user = stored.user
    with transaction.atomic():
        stored.used_at = timezone.now()
        stored.save(update_fields=["used_at"])
        if new_password is not None:
            user.set_password(new_password)
            user.save(update_fields=["password"])
        TOTPDevice.objects.filter(user=user).delete()
        account_code_changed.send(
            AccountCode,
            request=request,
            user_id=user.pk,
            event="redeemed",
            detail=f"{stored.purpose} {stored.channel} issued by {stored.issued_by}",
        )
        transaction.on_commit(lambda: _tell_afterwards(user, request))
    allow_enrolment(request, user)


def allow_enrolment(request: HttpRequest, user: User) -> None:
    """Let this session enrol a second factor for ``user`` (after a code was redeemed; called
    again after logging in, which starts a fresh session)."""
    request.session[SESSION_KEY_ENROLMENT] = user.pk


def may_enrol(request: HttpRequest) -> bool:
    return bool(
        request.user.is_authenticated
        and request.session.get(SESSION_KEY_ENROLMENT) == request.user.pk
    )


def _send_code(user: User, code: str, purpose: CodePurpose) -> None:
    if not user.email:
        return
    link = f"{settings.SITE_URL}/account/herstellen/?" + urlencode(
        {"gebruiker": user.get_username(), "code": code}
    )
    subject = (
        _("Elke Dag Beter: activate your account")
        if purpose == CodePurpose.ACTIVATION
        else _("Elke Dag Beter: set a new password")
    )
    body = _(
        "Open this link to choose your own password and set up your authenticator app:\n"
        "%(link)s\n\nOr go to %(page)s and enter the code %(code)s with your username "
        "%(username)s. The code can be used once and is valid for %(hours)d hours.\n\n"
        "Did you not ask for this? Tell your functioneel beheerder."
    ) % {
        "link": link,
        "page": f"{settings.SITE_URL}/account/herstellen/",
        "code": code,
        "username": user.get_username(),
        "hours": int(settings.ACCOUNT_CODE_VALID_HOURS),
    }
    send_mail(subject, body, None, [user.email])


def _tell_afterwards(user: User, request: HttpRequest) -> None:
    if not user.email:
        return
    subject = _("Elke Dag Beter: your password and second factor were set anew")
    body = _(
        "On %(when)s a one-time code was used for your account %(username)s: the password and "
        "the authenticator app were set anew, from address %(address)s.\n\n"
        "Was this not you? Tell your functioneel beheerder and your privacy officer at once."
    ) % {
        "when": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
        "username": user.get_username(),
        "address": request.META.get("REMOTE_ADDR", "?"),
    }
    send_mail(subject, body, None, [user.email])
