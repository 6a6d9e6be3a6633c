"""The rule contract: metadata as plain class attributes, and one ``check`` method."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel

from socialplan.i18n import N_
from socialplan.strategy.locate import Path
from socialplan.strategy.model import Strategy

if TYPE_CHECKING:
    from socialplan.rules.audit import Evidence


class Severity(StrEnum):
    """How much a finding matters; the fail level compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


SEVERITY_LABELS = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


class Scope(StrEnum):
    """What a rule reads: the strategy document, or what happened on the networks."""

    PLAN = "plan"
    EVIDENCE = "evidence"


class Status(StrEnum):
    """Where a rule is in its life: preview rules run only when asked for."""

    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"


OPTION_WRONG_TYPE = N_("expected {expected}, found {found}")
OPTION_TOO_SMALL = N_("expected at least {limit}, found {found}")
OPTION_TOO_LARGE = N_("expected at most {limit}, found {found}")


class OptionError(ValueError):
    """A configured option value is not acceptable; carries a translatable message."""

    def __init__(self, message: str, **args: object) -> None:
        super().__init__(message.format(**args))
        self.message = message
        self.args_ = args


@dataclass(frozen=True)
class Option:
    """A setting of a rule, with its default and a one-line explanation."""

    name: str
    default: int | float | bool | str | tuple[str, ...] | Mapping[str, float]
    help: str
    minimum: float | None = None
    maximum: float | None = None

    def validate(self, value: Any) -> Any:
        """*value* converted to the option's type, or :class:`OptionError`."""
        kind = type(self.default)
        if kind is bool:
            if not isinstance(value, bool):
                raise OptionError(OPTION_WRONG_TYPE, expected="true/false", found=repr(value))
            return value
        if kind in (int, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            if not ok or (kind is int and not float(value).is_integer()):
                expected = "whole number" if kind is int else "number"
                raise OptionError(OPTION_WRONG_TYPE, expected=expected, found=repr(value))
            if self.minimum is not None and value < self.minimum:
                raise OptionError(OPTION_TOO_SMALL, limit=self.minimum, found=value)
            if self.maximum is not None and value > self.maximum:
                raise OptionError(OPTION_TOO_LARGE, limit=self.maximum, found=value)
            return kind(value)
        if kind is dict:
            ok = isinstance(value, dict) and all(
                isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
                for k, v in value.items()
            )
            if not ok:
                raise OptionError(
                    OPTION_WRONG_TYPE, expected="mapping of numbers", found=repr(value)
                )
            return dict(value)
        if kind is tuple:
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise OptionError(OPTION_WRONG_TYPE, expected="list of text", found=repr(value))
            return tuple(value)
        if not isinstance(value, str):
            raise OptionError(OPTION_WRONG_TYPE, expected="text", found=repr(value))
        return value


@dataclass(frozen=True)
class Exhibit:
    """One piece of evidence behind a finding: a post, comment or account, when and what."""

    item_id: str | None = None
    account_id: str | None = None
    at: datetime | None = None
    excerpt: str = ""
    network: str | None = None


@dataclass(frozen=True)
class Violation:
    """What a rule found: where, what is wrong and what to do, as messages to translate."""

    path: Path
    message: str
    fix: str
    args: Mapping[str, object] = field(default_factory=dict)
    exhibits: tuple[Exhibit, ...] = ()


class Rule(ABC):
    """A check for one or more mistakes of the catalogue.

    Subclasses set the metadata below and implement ``check``. ``message`` and ``fix`` are the
    default texts of the rule's findings; a rule that finds several kinds of problem may pass
    others to :meth:`found`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    mistakes: ClassVar[tuple[str, ...]]
    scope: ClassVar[Scope] = Scope.PLAN
    severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[tuple[Option, ...]] = ()
    status: ClassVar[Status] = Status.STABLE
    since: ClassVar[str] = "0.1.0"
    aliases: ClassVar[tuple[str, ...]] = ()
    message: ClassVar[str] = ""
    fix: ClassVar[str] = ""

    def __init__(
        self, settings: Mapping[str, Any] | None = None, today: date | None = None
    ) -> None:
        #: The day the check runs on; rules about age (credentials, deadlines) compare with it.
        self.today = today or date.today()
        given = dict(settings or {})
        self.settings: dict[str, Any] = {}
        for option in self.options:
            value = given.pop(option.name, option.default)
            self.settings[option.name] = option.validate(value)
        if given:
            raise OptionError(N_("unknown option {name}"), name=", ".join(sorted(given)))

    @classmethod
    def group(cls) -> str:
        """The part of the document the rule belongs to: the first part of its name."""
        return cls.name.split(".", 1)[0]

    def found(
        self,
        path: Sequence[str | int],
        message: str | None = None,
        fix: str | None = None,
        exhibits: Sequence[Exhibit] = (),
        **args: object,
    ) -> Violation:
        """A violation at *path*, with the rule's default message and fix unless given."""
        return Violation(
            path=tuple(path),
            message=message or self.message,
            fix=fix or self.fix,
            args=args,
            exhibits=tuple(exhibits),
        )


def key_path(parent: Sequence[str | int], part: BaseModel, key: str) -> Path:
    """*parent* + *key* when the document wrote *key* (even empty), else *parent* alone.

    A finding about an absent key points at the part that should hold it; one about a key
    written with an empty value points at that key.
    """
    return (*parent, key) if key in part.model_fields_set else tuple(parent)


class PlanRule(Rule):
    """A rule over the strategy document alone."""

    scope: ClassVar[Scope] = Scope.PLAN

    @abstractmethod
    def check(self, strategy: Strategy) -> Iterable[Violation]:
        """Yield every violation in *strategy*."""


class EvidenceRule(Rule):
    """A rule over the activity store, read against the strategy."""

    scope: ClassVar[Scope] = Scope.EVIDENCE

    @abstractmethod
    def check(self, evidence: Evidence) -> Iterable[Violation]:
        """Yield every violation the evidence shows."""
