"""Reads on the hottest pages whose SQL is compiled once per process (issue 21).

Django builds a queryset and compiles its SQL anew on every call. For a small read by primary or
foreign key that is most of its cost: about 0.3-0.6 ms of Python against 0.05 ms to send the SQL
and read the rows, and a case page makes thirty such reads. ``prepared(build, name=int, ...)``
calls ``build`` once with stand-in values for the named parameters, compiles the queryset once
per database (alias and vendor), remembers where the stand-ins landed among the SQL's
parameters, and on every call runs that SQL with the call's values through Django's own
iterables: model instances with their ``select_related`` objects, or ``values_list`` rows.
``prefetch_related`` lookups still run as usual after the main query.

What may be a parameter: a plain value compared in the SQL as it is given: an ``int`` or a
``str`` (an id, a reference), a ``date`` or a ``datetime`` (compared with a date or date-time
column, and handed to the database as Django hands it). Preparing checks that every stand-in
reaches the SQL's parameters as expected and fails loudly otherwise (a lookup that rewrites its
value, such as ``contains``, or a list for ``__in``). Everything else in ``build`` is fixed at
the first call: never put the clock, a setting or anything else that changes between calls in
it; pass it as a parameter.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

T = TypeVar("T")

# Ids no row ever has, within the range of a 32-bit integer column (Django checks lookups on
# integer columns against the column's range); a day and a moment (with microseconds) long
# before any case.
_INT_STAND_IN = -2_000_000_000
_STR_MARK = "\u2983prepared"
_DATE_STAND_IN = date(1901, 2, 3)
_DATETIME_STAND_IN = datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=UTC)

Positions = tuple[tuple[int, str], ...]  # (index among the SQL's parameters, parameter name)
Adapters = dict[str, Callable[[Any], Any]]  # per parameter: its value as the database gets it


def _stand_in(kind: type, index: int, name: str) -> object:
    if kind is int:
        return _INT_STAND_IN - index
    if kind is str:
        return f"{_STR_MARK} {index} {name}\u2984"
    if kind is date:
        return _DATE_STAND_IN + timedelta(days=index)
    if kind is datetime:
        return _DATETIME_STAND_IN + timedelta(microseconds=index)
    raise ImproperlyConfigured(
        f"A prepared parameter is an int, str, date or datetime, not {kind!r} ({name})."
    )


def _as_given(value: Any) -> Any:
    return value


def _adapters(kinds: Mapping[str, type], connection: BaseDatabaseWrapper) -> Adapters:
    """How Django hands each parameter's value to this database (SQLite gets dates as text)."""
    by_kind: dict[type, Callable[[Any], Any]] = {
        date: connection.ops.adapt_datefield_value,
        datetime: connection.ops.adapt_datetimefield_value,
    }
    return {name: by_kind.get(kind, _as_given) for name, kind in kinds.items()}


def _positions(
    params: tuple[Any, ...], stand_ins: Mapping[str, object], adapters: Adapters
) -> Positions:
    by_value = {adapters[name](value): name for name, value in stand_ins.items()}
    positions = []
    for index, value in enumerate(params):
        if isinstance(value, bool) or not isinstance(value, (int, str, date)):
            continue
        if value in by_value:
            positions.append((index, by_value[value]))
        elif isinstance(value, str) and _STR_MARK in value:
            raise ImproperlyConfigured(f"A prepared parameter was rewritten in the SQL: {value!r}")
    missing = set(stand_ins) - {name for _index, name in positions}
    if missing:
        raise ImproperlyConfigured(f"Prepared parameters that do not reach the SQL: {missing}")
    return tuple(positions)


@dataclass(frozen=True)
class _Statement:
    """Compiled SQL with its parameters; the stand-ins' places are filled in per call."""

    alias: str
    sql: str
    params: tuple[Any, ...]
    positions: Positions
    adapters: Adapters

    def bound(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        params = list(self.params)
        for position, name in self.positions:
            params[position] = self.adapters[name](values[name])
        return tuple(params)


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet[Any]
    compiler: SQLCompiler
    statement: _Statement


class Prepared(Generic[T]):
    """A read compiled once per database; call ``list``, ``first`` or ``count`` with the
    parameters' values as keyword arguments."""

    def __init__(
        self, build: Callable[..., QuerySet[Any, T]], parameters: Mapping[str, type]
    ) -> None:
        self.build = build
        self.kinds = dict(parameters)
        self.stand_ins = {
            name: _stand_in(kind, index, name)
            for index, (name, kind) in enumerate(parameters.items())
        }
        self._alias: str | None = None  # the database the read goes to, known after the first
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        self._counts: dict[tuple[str, str], _Statement] = {}

    def _check(self, values: Mapping[str, Any]) -> None:
        if set(values) != set(self.stand_ins):
            raise TypeError(f"Prepared read takes {sorted(self.stand_ins)}, got {sorted(values)}")

    def _queryset(self) -> QuerySet[Any, T]:
        queryset = self.build(**self.stand_ins)
        self._alias = queryset.db
        return queryset

    def _key(self) -> tuple[str, str] | None:
        if self._alias is None:
            return None
        return (self._alias, connections[self._alias].vendor)

    def _statement(self, queryset: QuerySet[Any], sql: str, params: Any) -> _Statement:
        adapters = _adapters(self.kinds, connections[queryset.db])
        positions = _positions(tuple(params), self.stand_ins, adapters)
        return _Statement(queryset.db, sql, tuple(params), positions, adapters)

    def _compile(self) -> _Compiled:
        key = self._key()
        compiled = self._compiled.get(key) if key is not None else None
        if compiled is None:
            queryset = self._queryset()
            compiler = queryset.query.get_compiler(using=queryset.db)
            sql, params = compiler.as_sql()
            compiled = _Compiled(queryset, compiler, self._statement(queryset, sql, params))
            self._compiled[(queryset.db, connections[queryset.db].vendor)] = compiled
        return compiled

    def _bound_queryset(
        self, values: Mapping[str, Any], known: Mapping[str, Model] | None
    ) -> QuerySet[Any, T]:
        self._check(values)
        compiled = self._compile()
        result = (compiled.statement.sql, compiled.statement.bound(values))
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connections[compiled.statement.alias]  # this thread's connection
        compiler.as_sql = lambda *_args, **_kwargs: result  # type: ignore[method-assign]
        queryset: QuerySet[Any, T] = compiled.queryset._chain()  # type: ignore[attr-defined]
        queryset.query.get_compiler = lambda *_args, **_kwargs: compiler  # type: ignore[method-assign]
        if known:
            # As a related manager does: rows that point at these objects get them, no query.
            meta = queryset.model._meta
            queryset._known_related_objects = {  # type: ignore[attr-defined]
                meta.get_field(name): {obj.pk: obj} for name, obj in known.items()
            }
        return queryset

    def list(self, *, known: Mapping[str, Model] | None = None, **values: Any) -> list[T]:
        """The rows (model instances, or tuples for ``values_list``). ``known``: objects the rows
        point at by these fields, set on them as a related manager would: ``known={"case":
        case}`` gives what ``case.members.all()`` gives."""
        return list(self._bound_queryset(values, known))

    def first(self, *, known: Mapping[str, Model] | None = None, **values: Any) -> T | None:
        """The first row; ``build`` orders and slices (``[:1]``) itself."""
        rows = self.list(known=known, **values)
        return rows[0] if rows else None

    def count(self, **values: Any) -> int:
        """How many rows the read gives, counted by the database."""
        self._check(values)
        key = self._key()
        statement = self._counts.get(key) if key is not None else None
        if statement is None:
            queryset = self._queryset().order_by().values("pk")
            inner, params = queryset.query.get_compiler(using=queryset.db).as_sql()
            name = connections[queryset.db].ops.quote_name("prepared_count")
            sql = f"SELECT COUNT(*) FROM ({inner}) {name}"  # noqa: S608 (Django's SQL; values are parameters)
            statement = self._statement(queryset, sql, params)
            self._counts[(queryset.db, connections[queryset.db].vendor)] = statement
        with connections[statement.alias].cursor() as cursor:
            cursor.execute(statement.sql, statement.bound(values))
            row = cursor.fetchone()
        return int(row[0])


def prepared(build: Callable[..., QuerySet[Any, T]], **parameters: type) -> Prepared[T]:
    """``prepared(lambda case_id: Goal.objects.filter(case_id=case_id), case_id=int)``"""
    return Prepared(build, parameters)
