"""Validate many records quickly with the entry form's own rules.

`EntryForm` looks every vocabulary code and organisation up in the database and deep-copies its 36 fields for
each form: about 13 queries and 2 ms per record, too slow for 100,000 rows. `Validator` keeps the rules and
removes the repetition: each choice field answers from a memo of the form's own querysets (each distinct code
is looked up once per import, with the same error messages), the field objects are shared between the forms
of one import, and organisations are resolved once per distinct description.
"""

import json
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from marsad.accounts.models import Organisation
from marsad.initiatives import records
from marsad.initiatives.forms import EntryForm

LANGS = records.LANGS
# Where each form field's errors belong in a record.
FIELD_PATHS = {
    **{f"{name}_{lang}": f"{name}.{lang}" for name in records.TEXTS for lang in LANGS},
    "links_text": "links",
    "__all__": "",
}


class _Memo:
    """The form's queryset asked once per distinct value: the same answers without the repeated queries."""

    def __init__(self, queryset: models.QuerySet, key: str) -> None:
        self.queryset, self.key, self.found = queryset, key, {}
        self.complete = False  # every value the queryset has is in `found`: a missing one is not a choice

    def preload(self) -> None:
        self.found = {str(getattr(obj, self.key)): obj for obj in self.queryset}
        self.complete = True

    def by_pk(self) -> dict[Any, models.Model]:
        return {obj.pk: obj for obj in self.found.values() if obj is not None}

    def get(self, value: Any) -> models.Model | None:
        value = str(value)
        if value not in self.found:
            if self.complete:
                return None
            usable = (
                len(value) <= 200
                and value.isprintable()
                and value.encode("utf-8", "replace") == value.encode("utf-8", "surrogatepass")
            )
            try:
                self.found[value] = self.queryset.filter(**{self.key: value}).first() if usable else None
            except (ValueError, TypeError):
                self.found[value] = None
        return self.found[value]


class MemoChoiceField(forms.ModelChoiceField):
    memo: _Memo

    def to_python(self, value: Any) -> models.Model | None:
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        found = self.memo.get(value)
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return found

    def __deepcopy__(self, memo: dict) -> "MemoChoiceField":
        return self


class MemoMultipleChoiceField(forms.ModelMultipleChoiceField):
    memo: _Memo

    def clean(self, value: Any) -> list[models.Model]:
        # Django answers an empty optional choice with `queryset.none()`, which costs a query to read.
        if not self.required and not value:
            return []
        return super().clean(value)

    def _check_values(self, value: Any) -> list[models.Model]:
        try:
            value = list(dict.fromkeys(value))
        except TypeError as exc:
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list") from exc
        found = []
        for item in value:
            self.validate_no_null_characters(item)
            obj = self.memo.get(item)
            if obj is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
            found.append(obj)
        return found

    def __deepcopy__(self, memo: dict) -> "MemoMultipleChoiceField":
        return self


def _memoised(field: forms.Field) -> forms.Field:
    kind = MemoMultipleChoiceField if isinstance(field, forms.ModelMultipleChoiceField) else MemoChoiceField
    clone = kind(
        queryset=field.queryset,
        to_field_name=field.to_field_name,
        required=field.required,
        label=field.label,
        error_messages=field.error_messages,
    )
    clone.memo = _Memo(field.queryset, field.to_field_name or "pk")
    return clone


class _SharedFields(dict):
    """Forms deep-copy their fields on creation; the fields of one import's forms hold no per-form state."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


class _SnapshotForm(EntryForm):
    # The memoised choice fields have resolved the vocabulary and organisation choices already; the model's
    # own check of the same foreign keys would ask the database again for each row.
    def _get_validation_exclusions(self) -> set[str]:
        exclude = super()._get_validation_exclusions()
        return exclude | {"stakeholder_type", "scope", "status", "lead_organisation"}

    def configure_fields(self) -> None:
        pass  # the shared fields were copied from a configured form


class Validator:
    """Validate records for one import: same rules and messages as `records.entry_form(record).is_valid()`."""

    def __init__(self) -> None:
        template = EntryForm()
        memo_fields = {
            name: _memoised(field)
            for name, field in template.fields.items()
            if isinstance(field, forms.ModelChoiceField)
        }
        fields = _SharedFields({**template.fields, **memo_fields})
        self.form_class = type("SnapshotEntryForm", (_SnapshotForm,), {})
        self.form_class.base_fields = fields  # after the metaclass, which would rebuild them
        self.organisations: dict[str, Organisation | ValidationError] = {}

    def organisation(self, info: dict[str, Any], field: str) -> Organisation:
        """`records.organisation_for`, once per distinct organisation description."""
        key = json.dumps(info, sort_keys=True, default=str)
        if key not in self.organisations:
            try:
                self.organisations[key] = records.organisation_for(info, "")
            except ValidationError as exc:
                self.organisations[key] = exc
        found = self.organisations[key]
        if isinstance(found, ValidationError):
            raise ValidationError({field: found.message_dict[""]})
        return found

    def memo(self, name: str) -> _Memo | None:
        """The memo of a choice field, None for other fields."""
        return getattr(self.form_class.base_fields[name], "memo", None)

    def preload(self, names: Iterable[str]) -> None:
        """Read the whole choice list of these fields once: lookups of their codes no longer query."""
        for name in names:
            self.memo(name).preload()

    def prepare(self, record: dict[str, Any]) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
        """The form data of a record, its organisations resolved; or what is wrong with them."""
        try:
            return records.form_data_for(record, organisations=self.organisation), []
        except ValidationError as exc:
            return None, [
                (path, message) for path, messages in exc.message_dict.items() for message in messages
            ]

    def check(self, data: dict[str, Any]) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
        """Validate prepared form data: the revision data for the workflow, or (record path, message) pairs."""
        form = self.form_class(data)
        if form.is_valid():
            return form.revision_data(), []
        return None, [
            (FIELD_PATHS.get(name, name), message)
            for name, messages in form.errors.items()
            for message in messages
        ]
