"""Reads compiled once per process, for the queries that every answer of a test runs.

Django turns a queryset into SQL each time it runs it, then builds the objects from the
row through its general path. For the account's read with its person (five tables) that
is about 0.8 ms of CPU against 0.15 ms for running the same SQL, and the question page,
which a candidate loads at every question, runs two such reads (bench/profile_answer_cycle.py).

`PreparedRead` builds the queryset once per process and database with example values,
keeps its SQL, its converters and the way Django fills in `select_related` objects, and
then only runs that SQL with the request's values. The objects are the ones the
queryset's `.first()` would give (tests/project/test_prepared.py compares every field
and every related object on both databases). Only plain equality filters on integers or
strings are meant here: each example value must appear exactly once among the
parameters, which `PreparedRead` checks when it compiles.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[str, int], ...]
    compiler: Any
    converters: dict
    model: type[Model]
    fields: tuple[str, ...]
    start: int
    end: int
    populators: list
    fetch_mode: Any


class PreparedRead:
    """`build(**values)` is the queryset; `examples` are values that stand for the real
    ones while it compiles (distinct, and found nowhere else among its parameters)."""

    def __init__(self, build: Callable[..., QuerySet], **examples: int | str):
        self._build, self._examples = build, examples
        self._compiled: dict[str, _Compiled] = {}

    def first(self, using: str = "default", **values: int | str) -> Model | None:
        compiled = self._compiled.get(using) or self._compile(using)
        params = list(compiled.params)
        for name, index in compiled.slots:
            params[index] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
        found = compiled.model.from_db(
            using, compiled.fields, row[compiled.start : compiled.end], fetch_mode=compiled.fetch_mode
        )
        for populator in compiled.populators:
            populator.populate(row, found)
        return found

    def _compile(self, using: str) -> _Compiled:
        queryset = self._build(**self._examples).using(using)[:1]
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = []
        for name, example in self._examples.items():
            found = [i for i, param in enumerate(params) if param == example and type(param) is type(example)]
            if len(found) != 1:
                raise ValueError(f"The example {name}={example!r} must appear once among {params!r}")
            slots.append((name, found[0]))
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        fetch_mode = queryset._fetch_mode
        compiled = _Compiled(
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            compiler=compiler,
            converters=compiler.get_converters([column for column, _sql, _alias in select]),
            model=klass_info["model"],
            fields=tuple(column[0].target.attname for column in select[start:end]),
            start=start,
            end=end,
            populators=get_related_populators(klass_info, select, using, fetch_mode),
            fetch_mode=fetch_mode,
        )
        self._compiled[using] = compiled
        return compiled
