"""Statements compiled once per process, for the queries that every answer of a test runs.

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

`PreparedUpdate` and `PreparedInsert` do the same for the two writes of an answer (the
assessment's new state, the answer's row): about 0.4 ms of CPU less each. They write what
`QuerySet.update()` and `QuerySet.create()` would write, field by field through the
fields' own `get_db_prep_save` and `pre_save`; they send no signal (no model of ours
listens to one).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, transaction
from django.db.models import Field, Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql import InsertQuery, UpdateQuery


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple[tuple[str, int, type], ...]
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
        connection = connections[using]  # this thread's
        params = list(compiled.params)
        for name, index, kind in compiled.slots:
            params[index] = kind(values[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            # As the compiler's apply_converters, with this thread's connection.
            row = list(row)
            for position, (converters, expression) in compiled.converters.items():
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
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
        slots = _slots(self._examples, params)
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        fetch_mode = queryset._fetch_mode
        compiled = _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
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


def _slots(examples: dict, params: Sequence, start: int = 0) -> tuple[tuple[str, int, type], ...]:
    """Where each example value sits among `params` (from `start`), exactly once each, and
    the type the backend gave it there (PostgreSQL's `Int4` for a PositiveIntegerField)."""
    slots = []
    for name, example in examples.items():
        found = [
            i
            for i, param in enumerate(params)
            if i >= start and isinstance(param, type(example)) and param == example
        ]
        if len(found) != 1:
            raise ValueError(f"The example {name}={example!r} must appear once among {list(params)!r}")
        slots.append((name, found[0], type(params[found[0]])))
    return tuple(slots)


class _Slot:
    """A value to come, in a compiled UPDATE's SET clause: it compiles to one placeholder."""

    contains_aggregate = contains_over_clause = False

    def resolve_expression(self, *args, **kwargs):
        return self

    def as_sql(self, compiler, connection):
        return "%s", [self]


def _concrete_field(model: type[Model], name: str) -> Field:
    """A concrete field by its name or its attname (`current_item` or `current_item_id`)."""
    for field in model._meta.concrete_fields:
        if name in (field.name, field.attname):
            return field
    raise ValueError(f"{model.__name__} has no column {name!r}")


class PreparedUpdate:
    """`UPDATE … SET <fields> WHERE <the filters of build(**examples)>`, compiled once.

    `run(values, **where)` sets every field of `fields` from `values` where the row matches
    `where`, and returns the number of rows changed, as `QuerySet.update()` does."""

    def __init__(self, build: Callable[..., QuerySet], fields: Sequence[str], **examples: int | str):
        self._build, self._names, self._examples = build, tuple(fields), examples
        self._compiled: dict[str, tuple[str, tuple, tuple, tuple]] = {}

    def run(self, values: dict[str, Any], using: str = "default", **where: int | str) -> int:
        connection = connections[using]
        sql, params, sets, slots = self._compiled.get(using) or self._compile(using)
        params = list(params)
        for index, name, field in sets:
            params[index] = field.get_db_prep_save(values[name], connection=connection)
        for name, index, kind in slots:
            params[index] = kind(where[name])
        # As the ORM's writes: an error inside an atomic block marks it for rollback.
        with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def _compile(self, using: str) -> tuple[str, tuple, tuple, tuple]:
        queryset = self._build(**self._examples)
        fields = [_concrete_field(queryset.model, name) for name in self._names]
        query = queryset.query.chain(UpdateQuery)
        marks = {name: _Slot() for name in self._names}
        query.add_update_fields(
            [(field, None, marks[name]) for name, field in zip(self._names, fields, strict=True)]
        )
        sql, params = query.get_compiler(using).as_sql()
        positions = {id(param): i for i, param in enumerate(params) if isinstance(param, _Slot)}
        if len(positions) != len(fields):
            raise ValueError(f"Each field must be one parameter of the UPDATE: {sql}")
        sets = tuple(
            (positions[id(marks[name])], name, field) for name, field in zip(self._names, fields, strict=True)
        )
        last_set = max(index for index, _name, _field in sets)
        slots = _slots(self._examples, params, start=last_set + 1)
        self._compiled[using] = compiled = (sql, tuple(params), sets, slots)
        return compiled


class PreparedInsert:
    """`INSERT INTO <model> (<its columns>) … RETURNING <pk>`, compiled once.

    `create(**values)` builds the object as `Model(**values)` does (defaults included),
    writes it and returns it saved, with its primary key, as `QuerySet.create()` does."""

    def __init__(self, model: type[Model]):
        self._model = model
        self._compiled: dict[str, tuple[str, list[Field]]] = {}

    def create(self, using: str = "default", **values: Any) -> Model:
        connection = connections[using]
        found = self._model(**values)
        sql, fields = self._compiled.get(using) or self._compile(using, found)
        params = [
            field.get_db_prep_save(field.pre_save(found, add=True), connection=connection) for field in fields
        ]
        with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
            cursor.execute(sql, params)
            if connection.features.can_return_columns_from_insert:
                pk = cursor.fetchone()[0]
            else:
                pk = connection.ops.last_insert_id(
                    cursor, self._model._meta.db_table, self._model._meta.pk.column
                )
        found.pk = pk
        found._state.adding, found._state.db = False, using
        return found

    def _compile(self, using: str, example: Model) -> tuple[str, list[Field]]:
        meta = self._model._meta
        fields = [field for field in meta.local_concrete_fields if field is not meta.auto_field]
        query = InsertQuery(self._model)
        query.insert_values(fields, [example])
        compiler = query.get_compiler(using)
        compiler.returning_fields = [meta.pk]
        [(sql, _params)] = compiler.as_sql()
        self._compiled[using] = compiled = (sql, fields)
        return compiled
