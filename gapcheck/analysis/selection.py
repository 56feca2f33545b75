"""Which items a page or a comparison covers: the articles and item ids a user asked for.

A workshop exercise covers some articles; its worksheet, case file, diff and class view
cover those items only, and every figure is computed over the same items. Pure.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from gapcheck.formats.model import Assessment, Checklist, Status


class SelectionError(ValueError):
    """The scope names nothing the checklist has."""


def select(
    cl: Checklist, articles: Collection[int] | None = None, items: Iterable[str] = ()
) -> frozenset[str] | None:
    """The ids of the items in `articles` or among `items`; None when no scope is given
    (everything). Raises SelectionError on an unknown id or an article without items."""
    wanted = tuple(dict.fromkeys(items))
    if not articles and not wanted:
        return None
    known = set(cl.item_ids)
    unknown = [i for i in wanted if i not in known]
    if unknown:
        raise SelectionError(
            f"no item {', '.join(unknown)} in checklist {cl.id} {cl.version} "
            f"(`gapcheck checklist doc` lists the item ids)"
        )
    chosen = set(wanted)
    if articles:
        present = {i.article for i in cl.items}
        missing = sorted(n for n in articles if n not in present)
        if missing:
            listed = ", ".join(str(n) for n in sorted(a for a in present if a is not None))
            raise SelectionError(
                f"checklist {cl.id} has no item for article(s) "
                f"{', '.join(map(str, missing))}; its articles are {listed}"
            )
        chosen.update(i.id for i in cl.items if i.article in articles)
    return frozenset(chosen)


def answered(a: Assessment) -> frozenset[str]:
    """The items `a` answers (any status but unknown)."""
    return frozenset(i.id for i in a.checklist.items if a.answer(i.id).status is not Status.UNKNOWN)


def narrow(scope: frozenset[str] | None, more: frozenset[str] | None) -> frozenset[str] | None:
    """Both scopes at once (None is everything)."""
    if scope is None:
        return more
    return scope if more is None else scope & more
