"""Who may use the playdate finder, in one pure function (PRODUCT.md 2.4 and 3).

Verified carers only: adopters, special guardians and kinship carers whose family their agency has
verified. Young people, adults who are not carers, staff, and carers not yet verified get the same
404 as for a route that does not exist (the gate's ``only`` for the persona, ``access_finder`` for the
rest), so the finder is not even visible to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.core.errors import NotFound

FINDER_PERSONAS = p.CARERS


@dataclass(frozen=True)
class FinderStanding:
    use: bool = False


def _standing(persona: str, active: bool, verified: bool) -> FinderStanding:
    return FinderStanding(use=persona in FINDER_PERSONAS and active and verified)


def standing(user: User) -> FinderStanding:
    if user.persona not in FINDER_PERSONAS:  # no query for anyone who could never pass
        return FinderStanding()
    return _standing(user.persona, user.is_active, accounts.is_verified(user))


def access_finder(user: User) -> None:
    if not standing(user).use:
        raise NotFound()
