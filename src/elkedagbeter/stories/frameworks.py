"""Which framework the public form uses, and the national default framework."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from elkedagbeter.organisations.models import Region
from elkedagbeter.prepared import prepared

from .defaults import default_signifiers
from .models import Framework, Signifier

DEFAULT_SLUG = "landelijk"
IMPORT_SLUG = "transformatieverhalen"

# The public story form's reads, compiled once (elkedagbeter/prepared.py).
_NATIONAL = prepared(
    lambda: Framework.objects.filter(region__isnull=True, is_active=True).order_by(
        "-version", "-pk"
    )[:1]
)
_SIGNIFIERS = prepared(
    lambda framework_id: Signifier.objects.filter(framework_id=framework_id), framework_id=int
)


def signifiers_of(framework: Framework) -> list[Signifier]:
    """``framework.signifiers.all()``, in their order."""
    return _SIGNIFIERS.list(framework_id=framework.pk, known={"framework": framework})


@transaction.atomic
def ensure_default_framework() -> Framework:
    """The national framework, version 1, installed on first use from ``defaults.py``."""
    framework, created = Framework.objects.get_or_create(
        slug=DEFAULT_SLUG,
        version=1,
        defaults={
            "name": "Elke dag beter: uw verhaal",
            "introduction": (
                "Vertel wat u meemaakte met jeugdhulp, een wijkteam of school. "
                "Daarna beantwoordt u een paar korte vragen over uw verhaal."
            ),
        },
    )
    if created:
        Signifier.objects.bulk_create(
            Signifier(
                framework=framework,
                code=spec.code,
                kind=spec.kind,
                prompt=spec.prompt,
                help_text=spec.help_text,
                labels=spec.labels,
                multiple=bool(spec.extra.get("multiple", True)),
                allow_na=spec.allow_na,
                order=order,
            )
            for order, spec in enumerate(default_signifiers())
        )
    return framework


def current_framework(region_code: str | None = None) -> Framework:
    """The newest active version of the region's framework, or of the national one."""
    if region_code is None:
        national = _NATIONAL.first()
        if national is None:
            ensure_default_framework()
            national = _NATIONAL.first()
        if national is None:
            raise Http404
        return national
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise Http404
    found = Framework.objects.filter(region=region, is_active=True)
    if not found.exists():
        return current_framework(None)
    framework = found.order_by("-version", "-pk").first()
    if framework is None:
        raise Http404
    return framework


@transaction.atomic
def new_version(framework: Framework) -> Framework:
    """A copy of ``framework`` with the next version number, to change without touching the
    wording earlier stories were told under. The old version is switched off."""
    latest = Framework.objects.filter(slug=framework.slug).order_by("-version").first()
    assert latest is not None
    signifiers = list(framework.signifiers.all())
    copy = Framework.objects.create(
        slug=framework.slug,
        version=latest.version + 1,
        name=framework.name,
        introduction=framework.introduction,
        region=framework.region,
        is_active=True,
    )
    for signifier in signifiers:
        signifier.pk = None
        signifier.framework = copy
    Signifier.objects.bulk_create(signifiers)
    Framework.objects.filter(slug=framework.slug).exclude(pk=copy.pk).update(is_active=False)
    return copy
