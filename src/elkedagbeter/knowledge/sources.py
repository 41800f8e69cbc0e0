"""The sources of the search index: which models are searchable and what their documents say.

A source names a model and a function that turns one object into a ``Document`` (or None when
the object must not be found, e.g. a lesson that is not shared). Saving or deleting an object of a
registered model updates the index through signals; ``refresh`` does it by hand after changes a
post_save does not see (many-to-many links). Plugging in another app's model takes a few lines in
that app's ``AppConfig.ready``::

    from elkedagbeter.knowledge.sources import Source, register
    register(Source("patroon", _("Published patterns"), Pattern, pattern_document))

``rebuild_search_index`` re-indexes every registered source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import search
from .models import (
    Audience,
    CatalogueItem,
    GoodExample,
    ImprovementInitiative,
    ReflectionSession,
    SearchDocument,
)
from .search import Document


@dataclass(frozen=True)
class Source:
    code: str
    label: str | Promise
    model: type[models.Model]
    document: Callable[[Any], Document | None]
    # The objects a rebuild walks; by default all of them.
    queryset: Callable[[], models.QuerySet[Any]] | None = None

    def objects(self) -> models.QuerySet[Any]:
        return self.queryset() if self.queryset else self.model._default_manager.all()


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.code] = source
    if _connected:
        _connect(source)


def source_for(instance: models.Model) -> Source | None:
    return next((s for s in SOURCES.values() if isinstance(instance, s.model)), None)


def refresh(instance: models.Model) -> None:
    """Put the object's current document in the index, or take it out."""
    source = source_for(instance)
    if source is None or instance.pk is None:
        return
    document = source.document(instance)
    if document is None:
        search.remove(source.code, [instance.pk])
    else:
        search.put(source.code, instance.pk, document)


def rebuild(codes: list[str] | None = None) -> int:
    """Index every object of the given (default: all) sources; returns the number indexed."""
    count = 0
    for code in codes or list(SOURCES):
        source = SOURCES[code]
        indexed = []
        for instance in source.objects().iterator():
            document = source.document(instance)
            if document is not None:
                search.put(code, instance.pk, document)
                indexed.append(instance.pk)
                count += 1
        stale = SearchDocument.objects.filter(source=code).exclude(object_id__in=indexed)
        search.remove(code, list(stale.values_list("object_id", flat=True)))
    return count


# --- Signals --------------------------------------------------------------------------------------

_connected = False


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        refresh(instance)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    source = source_for(instance)
    if source is not None and instance.pk is not None:
        search.remove(source.code, [instance.pk])


def _connect(source: Source) -> None:
    uid = f"knowledge-search-{source.code}"
    post_save.connect(_saved, sender=source.model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=source.model, dispatch_uid=uid)


def connect_signals() -> None:
    global _connected
    _connected = True
    for source in SOURCES.values():
        _connect(source)


# --- This app's sources ---------------------------------------------------------------------------


def _lines(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def intervention_document(item: CatalogueItem) -> Document:
    return Document(
        title=item.name,
        body=_lines(
            item.target_group,
            item.problem_area,
            item.get_evidence_level_display(),
            item.description,
            item.guidelines,
        ),
        url=reverse("knowledge:item", args=[item.code]),
        audience=Audience.PUBLIC,
    )


def example_document(example: GoodExample) -> Document:
    themes = [str(link.get_theme_display()) for link in example.themes.all()]
    goals = [str(link.get_zero_goal_display()) for link in example.zero_goals.all()]
    return Document(
        title=example.title,
        body=_lines(
            example.what,
            example.for_whom,
            example.achieved,
            example.contact_role,
            *themes,
            *goals,
        ),
        url=reverse("knowledge:example", args=[example.pk]),
        audience=Audience.PUBLIC,
    )


def lesson_document(session: ReflectionSession) -> Document | None:
    """Only a shared lesson is searchable, by the team and those who see its area's figures."""
    if not session.is_shared:
        return None
    return Document(
        title=f"{session.team.name}, {session.held_on:%d-%m-%Y}",
        body=session.lesson,
        url=reverse("knowledge:lessons") + f"#les-{session.pk}",
        audience=Audience.AREA,
        team_id=session.team_id,
    )


def initiative_document(initiative: ImprovementInitiative) -> Document:
    records = [record.evidence for record in initiative.records.all()]
    return Document(
        title=initiative.title,
        body=_lines(initiative.question, initiative.get_zero_goal_display(), *records),
        url=reverse("knowledge:initiative", args=[initiative.pk]),
        audience=Audience.SIGNED_IN,
    )


register(Source("interventie", _("Interventions"), CatalogueItem, intervention_document))
register(Source("voorbeeld", _("Good examples"), GoodExample, example_document))
register(
    Source(
        "les",
        _("Lessons from reflection"),
        ReflectionSession,
        lesson_document,
        queryset=lambda: ReflectionSession.objects.filter(shared_at__isnull=False),
    )
)
register(
    Source("initiatief", _("Improvement initiatives"), ImprovementInitiative, initiative_document)
)
