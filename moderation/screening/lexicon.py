"""Words for people and relationships that several rule families share.

Written for how adoptive parents, kinship carers and adopted teenagers in England talk: "mum" and
"nan", forum shorthand ("DS", "DD", "OH"), "bio mum" and "first family". Each entry is a fragment in
the shorthand of ``patterns.py``. The longer word lists are data files in ``terms/``, read here.
"""

from __future__ import annotations

from pathlib import Path

from .patterns import alternatives

TERMS = Path(__file__).with_name("terms")


def read_terms(name: str) -> list[str]:
    """The terms of ``terms/<name>``, in file order: one a line, lower case, spaces collapsed;
    ``#`` starts a comment."""
    terms = []
    for line in (TERMS / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            terms.append(" ".join(line.split()))
    return terms


FRAGMENTS: dict[str, str] = {
    # Reflexives. Typos of "myself" are common in distressed writing.
    # With misspellings and Northern and Scots forms: "myslf", "masel", "mysen", "hersen".
    "SELF": alternatives(
        "myself",
        "meself",
        "my self",
        "mysef",
        "myslef",
        "myselfe",
        "myslf",
        "mysel",
        "masel",
        "maself",
        "mysen",
    ),
    "THEIRSELF": alternatives(
        "himself",
        "herself",
        "themselves",
        "themself",
        "theirself",
        "hisself",
        "hissen",
        "hersen",
        "hersel",
        "hissel",
        "himsel",
    ),
    # "I'm", "im", "i am" (curly apostrophes are already straight, see text.py).
    "IM": alternatives("i'?m", "i am", "ima", "imma"),
    # A child of the family, as carers refer to them.
    "CHILD": alternatives(
        "son",
        "daughter",
        "boy",
        "girl",
        "lad",
        "lass",
        "kid",
        "kiddo",
        "child",
        "little one",
        "lo",
        "ds",
        "dd",
        "eldest",
        "youngest",
        "oldest",
        "middle one",
        "teen",
        "teenager",
        "young person",
        "yp",
        "grandson",
        "granddaughter",
        "nephew",
        "niece",
        "twins?",
        "stepson",
        "stepdaughter",
        "foster (?:son|daughter|child)",
        r"\d{1,2} ?(?:yo|y/o|year old|yr old|year-old)",
    ),
    "CHILD_AGE": alternatives(
        "adopted",
        "eldest",
        "oldest",
        "youngest",
        "little",
        "middle",
        "teenage",
        "teen",
        "younger",
        "older",
        "big",
        r"\d{1,2}(?: ?(?:yo|y/o|year old|yr old|year-old|yr))?",
    ),
    "MY_CHILD": r"(?:my|our)(?: <CHILD_AGE>)? <CHILD>",
    # The adults who care for a child (as a child or a carer names them).
    "CARER": alternatives(
        "mum",
        "mom",
        "mam",
        "mummy",
        "mommy",
        "mother",
        "dad",
        "daddy",
        "father",
        "nan",
        "nana",
        "nanna",
        "gran",
        "granny",
        "grandma",
        "grandmother",
        "grandad",
        "granddad",
        "grandpa",
        "grandfather",
        "parents?",
        "carers?",
        "foster carers?",
        "foster (?:mum|mom|dad|mother|father|parents?)",
        "special guardians?",
        "guardians?",
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "step ?mum",
        "step ?dad",
        "adoptive (?:mum|dad|parents?|mother|father)",
    ),
    # A partner, as carers name theirs.
    "PARTNER": alternatives(
        "partner",
        "husband",
        "wife",
        "other half",
        "oh",
        "dh",
        "dw",
        "boyfriend",
        "girlfriend",
        "bf",
        "gf",
    ),
    # Birth relatives: "birth mum", "bio dad", "real mum", "first family", "tummy mummy".
    "BIRTH_REL": r"(?:birth|bio|biological|real|first|tummy|natural) <RELATIVE>",
    "RELATIVE": alternatives(
        "mum",
        "mom",
        "mam",
        "mummy",
        "mommy",
        "mother",
        "dad",
        "daddy",
        "father",
        "parents?",
        "family",
        "families",
        "relatives?",
        "siblings?",
        "sisters?",
        "brothers?",
        "sis",
        "bro",
        "nan",
        "nana",
        "gran",
        "granny",
        "grandma",
        "grandmother",
        "grandad",
        "granddad",
        "grandfather",
        "grandparents?",
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "cousins?",
        "half[ -]?(?:sisters?|brothers?|siblings?)",
        "kin",
    ),
    # Second person, as typed.
    "YOU": alternatives(
        "you", "u", "ya", "yu", "yer", "youre", "you'?re", "ur", "your", "yourself", "urself"
    ),
}
