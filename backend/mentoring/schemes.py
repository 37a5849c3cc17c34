"""The schemes as data: who may offer, who may ask, the vetting each requires, capacity and unit.

Shipped (PRODUCT.md 2.3; seeds 003 section 9 and 002):

- ``mentoring``: trained, vetted mentors with lived experience, "delivered by adopters for adopters"
  (the Cornerstone model, 003), for new and prospective adopters and for carers; a unit of 6
  sessions, then a review.
- ``consultant``: the Parent Consultant model (003): an initial assessment session, then a unit of 6
  sessions with a trained consultant who has lived experience, then a review and an outcome.
- ``buddying``: peer to peer (003's buddying schemes; 002's "experienced LGBT adopters trained to act
  as buddies"): guardian with guardian, young person with young person of a similar age, adult
  adoptee with adult adoptee, prospective adopter (or adopter) with an experienced adopter.

Each pair is (the persona that offers, the persona that asks). Young people appear only in a pair
with young people: adults never meet young people through any scheme (PRODUCT.md 3).
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts import personas as p

DBS, TRAINING, APPROVAL = "dbs", "training", "approval"
DEFAULT_CAPACITY = 2
MAX_CAPACITY = 10


@dataclass(frozen=True)
class Scheme:
    name: str
    description: str
    pairs: frozenset[tuple[str, str]]  # (offering persona, asking persona)
    vetting: tuple[str, ...]  # what an offering adult needs, in date
    youth_vetting: tuple[str, ...]  # what an offering young person needs (no DBS under 18)
    unit_sessions: int  # sessions in a unit; the review is due after them
    initial_assessment: bool = False  # a first session that assesses, before the unit
    default_capacity: int = DEFAULT_CAPACITY

    def offerers(self) -> frozenset[str]:
        return frozenset(offer for offer, _ask in self.pairs)

    def askers(self) -> frozenset[str]:
        return frozenset(ask for _offer, ask in self.pairs)

    def allows(self, offer_persona: str, ask_persona: str) -> bool:
        return (offer_persona, ask_persona) in self.pairs

    def vetting_for(self, persona: str) -> tuple[str, ...]:
        return self.youth_vetting if persona == p.YOUNG_PERSON else self.vetting

    @property
    def sessions_before_review(self) -> int:
        return self.unit_sessions + (1 if self.initial_assessment else 0)


SCHEMES: dict[str, Scheme] = {
    s.name: s
    for s in (
        Scheme(
            "mentoring",
            "A trained, vetted mentor with lived experience: a unit of sessions, then a review.",
            frozenset(
                {
                    (p.ADOPTER, p.ADOPTER),
                    (p.ADOPTER, p.PROSPECTIVE_ADOPTER),
                    (p.SPECIAL_GUARDIAN, p.SPECIAL_GUARDIAN),
                    (p.SPECIAL_GUARDIAN, p.PROSPECTIVE_ADOPTER),
                    (p.ADULT_ADOPTEE, p.ADULT_ADOPTEE),
                }
            ),
            vetting=(DBS, TRAINING, APPROVAL),
            youth_vetting=(),  # young people do not mentor: no youth pair below
            unit_sessions=6,
        ),
        Scheme(
            "consultant",
            "A parent consultant with lived experience: an initial assessment, a unit of 6 sessions,"
            " a review and an outcome.",
            frozenset(
                {
                    (p.ADOPTER, p.ADOPTER),
                    (p.SPECIAL_GUARDIAN, p.SPECIAL_GUARDIAN),
                    (p.ADOPTER, p.SPECIAL_GUARDIAN),
                }
            ),
            vetting=(DBS, TRAINING, APPROVAL),
            youth_vetting=(),
            unit_sessions=6,
            initial_assessment=True,
        ),
        Scheme(
            "buddying",
            "Peer to peer: someone in the same position, a little further along.",
            frozenset(
                {
                    (p.SPECIAL_GUARDIAN, p.SPECIAL_GUARDIAN),
                    (p.YOUNG_PERSON, p.YOUNG_PERSON),
                    (p.ADULT_ADOPTEE, p.ADULT_ADOPTEE),
                    (p.ADOPTER, p.PROSPECTIVE_ADOPTER),
                    (p.ADOPTER, p.ADOPTER),
                }
            ),
            vetting=(TRAINING, APPROVAL),
            # A young buddy is approved by their family's agency; a DBS check is not for under-18s.
            youth_vetting=(APPROVAL,),
            unit_sessions=6,
        ),
    )
}


def scheme(name: str) -> Scheme:
    return SCHEMES[name]
