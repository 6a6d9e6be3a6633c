"""Many rows changed by one UPDATE: each row's own values (SQL ``CASE``), shared ones plain.

Django's ``bulk_update`` builds a ``When(pk=…)`` filter per row and field, which costs more
Python than the publication it records; here each field is one ``CASE key WHEN … END``
written directly, its values prepared by the field as ``update()`` prepares them (so ``None``
is SQL ``NULL`` in a JSON field too, and ``problem__isnull`` finds it). A value all rows
share is a plain assignment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, Field, Model, QuerySet
from django.db.models.functions import Cast
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=Model)


def set_rows(
    queryset: QuerySet[M], rows: Mapping[Any, Mapping[str, object]], **shared: object
) -> int:
    """Update the rows of *queryset* whose keys are in *rows* with their values and *shared*.

    Every row of *rows* names the same fields. Returns how many rows matched *queryset*'s
    conditions and were changed; rows that no longer match are left alone.
    """
    if not rows:
        return 0
    keys = list(rows)
    first = rows[keys[0]]
    if any(values.keys() != first.keys() for values in rows.values()):
        raise ValueError("every row must name the same fields")
    shared = dict(shared)
    names = []
    for name, value in first.items():
        if all(values[name] == value for values in rows.values()):
            shared[name] = value
        else:
            names.append(name)
    if not names:
        return queryset.filter(pk__in=keys).update(**shared)
    meta = queryset.model._meta
    fields = [_column(meta.get_field(name)) for name in names]
    connection = connections[queryset.db]
    size = connection.ops.bulk_batch_size([meta.pk, meta.pk, *fields], keys) or len(keys)
    key_column = _column(meta.pk).column
    changed = 0
    for start in range(0, len(keys), size):
        chunk = keys[start : start + size]
        own: dict[str, Any] = {}
        for field in fields:
            case: Any = PerRow(key_column, {key: rows[key][field.name] for key in chunk}, field)
            if connection.features.requires_casted_case_in_updates:
                # PostgreSQL types a CASE of parameters as text unless told.
                case = Cast(case, output_field=field)
            own[field.name] = case
        changed += queryset.filter(pk__in=chunk).update(**own, **shared)
    return changed


class PerRow(Expression):
    """``CASE key WHEN k1 THEN v1 … END``: each row's own value of one field, by its key."""

    def __init__(self, key_column: str, values: Mapping[Any, object], field: Field[Any, Any]):
        super().__init__(output_field=field)
        self.key_column = key_column
        self.values = dict(values)
        self.target = field

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        """The ``CASE`` and its parameters, the values prepared for saving in *field*."""
        whens, params = [], []
        for key, value in self.values.items():
            whens.append("WHEN %s THEN %s")
            params += [key, self.target.get_db_prep_save(value, connection)]
        column = connection.ops.quote_name(self.key_column)
        return f"CASE {column} {' '.join(whens)} END", params


def _column(field: object) -> Field[Any, Any]:
    """*field*, which must be a column of the table (not a relation seen from the other side)."""
    if not isinstance(field, Field) or not field.concrete:
        raise ValueError(f"{field} is not a column")
    return field
