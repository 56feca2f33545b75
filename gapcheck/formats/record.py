"""Data classes without code generated at import: the base of the data `validate` reads.

`@dataclass(frozen=True)` writes the source of six methods for each class (`__init__`,
`__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`) and compiles it every
time the module is imported: some 0.7 ms a class, 10 ms of `gapcheck validate`'s start-up
for the dozen classes it needs (docs/performance.md). A `Record` behaves the same with
the methods written once below, compiled into the .pyc like any other code:

- it is a dataclass: `dataclasses.fields`, `replace`, `asdict` and type checkers (PEP 681,
  `dataclass_transform`) see its fields, defaults and `field(...)` options;
- frozen: assigning or deleting an attribute raises `FrozenInstanceError` (subclass with
  `frozen=False` for a mutable one, which, like a mutable dataclass, is not hashable);
- compared (`==`, and `<`… with `order=True`) and hashed as the tuple of its fields with
  `compare=True`, only against an object of the same class, and repr'd like a dataclass.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, ClassVar, dataclass_transform


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """Subclass it as `class Item(Record):` (or `Record, order=True`, `Record, frozen=False`)
    and annotate fields as for a dataclass."""

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _known: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[tuple[tuple[str, Any], ...]] = ()
    _shown: ClassVar[tuple[str, ...]] = ()
    _key: ClassVar[Any] = None
    """A function of an instance: the tuple of its compared fields."""

    def __init_subclass__(cls, *, frozen: bool = True, order: bool = False, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        dataclass(cls, init=False, repr=False, eq=False)  # fields only: no code generated
        every = fields(cls)  # type: ignore[arg-type]
        cls._names = tuple(f.name for f in every)
        cls._known = frozenset(cls._names)
        cls._defaults = {f.name: f.default for f in every if f.default is not MISSING}
        cls._factories = tuple(
            (f.name, f.default_factory) for f in every if f.default_factory is not MISSING
        )
        cls._shown = tuple(f.name for f in every if f.repr)
        compared = tuple(f.name for f in every if f.compare)
        get = attrgetter(*compared) if compared else (lambda _: ())
        cls._key = staticmethod(get if len(compared) != 1 else (lambda obj: (get(obj),)))
        if not frozen:  # a mutable dataclass: assignable, and unhashable since comparable
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign,assignment]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]
            cls.__hash__ = None  # type: ignore[method-assign,assignment]
        if order:
            cls.__lt__ = _compare(tuple.__lt__)  # type: ignore[operator]
            cls.__le__ = _compare(tuple.__le__)  # type: ignore[operator]
            cls.__gt__ = _compare(tuple.__gt__)  # type: ignore[operator]
            cls.__ge__ = _compare(tuple.__ge__)  # type: ignore[operator]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        values = dict(cls._defaults)
        if args:
            if len(args) > len(cls._names):
                raise TypeError(
                    f"{cls.__name__}() takes {len(cls._names)} arguments, {len(args)} given"
                )
            given = dict(zip(cls._names, args, strict=False))
            twice = given.keys() & kwargs.keys()
            if twice:
                raise TypeError(f"{cls.__name__}() got multiple values for {min(twice)!r}")
            values.update(given)
        if not cls._known.issuperset(kwargs):
            unknown = min(set(kwargs) - cls._known)
            raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {unknown!r}")
        values.update(kwargs)
        for name, make in cls._factories:
            if name not in values:
                values[name] = make()
        if len(values) != len(cls._names):
            missing = [n for n in cls._names if n not in values]
            raise TypeError(f"{cls.__name__}() missing required arguments: {', '.join(missing)}")
        object.__setattr__(self, "__dict__", values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._key(self) == self._key(other))

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def _compare(op: Any) -> Any:
    def compare(self: Record, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return op(self._key(self), self._key(other))

    return compare
