"""The demo groups as data: the community cast, the sign-in accounts by key, and every group with
its members and threads (``demo.load`` creates them).

Written so that screening would let every post through: no contact details, places, schools, names
of relatives, tracing or risk words.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend import demo as base
from backend.accounts import personas as p
from backend.groups.models import (
    ADOPTERS,
    ADULT_ADOPTEES,
    CARERS,
    OPEN,
    PRE_MODERATED,
    PROSPECTIVE_ADOPTERS,
    REQUEST,
    SPECIAL_GUARDIANS,
    YOUNG_PEOPLE,
)

WORKER, MODERATOR = "worker@demo.example", "moderator@demo.example"

# key, display name, persona, age. Keys are used below as authors.
COMMUNITY = [
    ("priya", "Priya", p.ADOPTER, 39),
    ("dan", "Dan", p.ADOPTER, 44),
    ("margaret", "Margaret", p.SPECIAL_GUARDIAN, 67),
    ("tony", "Tony", p.SPECIAL_GUARDIAN, 58),
    ("jordan", "Jordan", p.PROSPECTIVE_ADOPTER, 36),
    ("kai", "Kai", p.YOUNG_PERSON, 14),
    ("ellie", "Ellie", p.YOUNG_PERSON, 16),
    ("femi", "Femi", p.ADULT_ADOPTEE, 33),
    ("claire", "Claire", p.ADULT_ADOPTEE, 47),
]
# The demo accounts people sign in as, by key.
SIGN_IN = {
    "sam": "adopter@demo.example",
    "pat": "guardian@demo.example",
    "alex": "prospective@demo.example",
    "jay": "teen@demo.example",
    "robin": "adoptee@demo.example",
    "chris": "mentor@demo.example",
    "morgan": WORKER,
    "jo": MODERATOR,
}


@dataclass(frozen=True)
class DemoGroup:
    name: str
    audience: str
    description: str
    region: str | None = None
    visibility: str = OPEN
    mode: str = "post"
    # Sign-in accounts in it (``leaders`` too). Each account is left out of some groups it could join,
    # so a new sign-in has groups to join and one to ask to join, not only groups it is already in.
    members: tuple[str, ...] = ()
    community: tuple[str, ...] = ()  # community members in it
    leaders: tuple[str, ...] = ()
    staff: tuple[str, ...] = ("morgan",)
    # Each thread: title, then (author, Markdown) for the opening post and the replies.
    threads: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


GROUPS = [
    DemoGroup(
        "North West Adopters",
        ADOPTERS,
        "Adoptive parents across the North West: everyday life, the hard days and the good ones.",
        region=base.DEMO_REGION,
        members=("sam",),
        community=("priya", "dan"),
        leaders=("chris",),
        threads=(
            (
                "Writing this year's letterbox letter",
                (
                    (
                        "sam",
                        "It's that time of year again. How do you all pitch the letterbox letter? I never "
                        "know "
                        "how much to say about how school is going without it sounding like a report card.",
                    ),
                    (
                        "chris",
                        "We keep it warm and general: hobbies, what makes them laugh, one thing they're "
                        "proud "
                        "of. Our social worker said the letterbox team would rather have short and honest "
                        "than long "
                        "and polished.",
                    ),
                    (
                        "priya",
                        "We've started letting our eldest add a drawing. It takes the pressure off the "
                        "words, "
                        "and it feels more like it comes from the whole family.",
                    ),
                    (
                        "sam",
                        "Love the drawing idea. Thank you both, I'll stop rewriting the first paragraph now.",
                    ),
                ),
            ),
            (
                "Support fund application: what to expect",
                (
                    (
                        "dan",
                        "We've been told we can ask for therapeutic support through the Adoption and Special "
                        "Guardianship Support Fund. Has anyone been through the assessment of need recently?",
                    ),
                    (
                        "chris",
                        "Yes, last spring. The assessment was a long conversation at home, then the "
                        "application "
                        "went in and we heard back in about six weeks. Ask them to write down exactly what "
                        "support "
                        "is being requested, it made the decision much quicker.",
                    ),
                    (
                        "morgan",
                        "A good tip. If the assessment is more than three months old by the time the "
                        "application goes in, we have to redo it, so do chase us if things go quiet.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Special Guardians and Kinship Carers",
        SPECIAL_GUARDIANS,
        "For special guardians and kinship carers: grandparents, aunts, uncles, older brothers and sisters.",
        members=("pat",),
        community=("margaret", "tony"),
        threads=(
            (
                "Explaining special guardianship to school",
                (
                    (
                        "pat",
                        "New term, new teacher, and I've had to explain again why I'm the one at parents' "
                        "evening. How do you put it so that it's simple and doesn't invite a hundred "
                        "questions?",
                    ),
                    (
                        "margaret",
                        "I say: I'm her special guardian, which means I have parental responsibility and "
                        "I make the decisions at home. Then I ask to speak to the designated teacher about "
                        "anything "
                        "more. It keeps it short in front of the children.",
                    ),
                    (
                        "tony",
                        "Worth asking about Pupil Premium Plus too. Our nephew's school had no idea he was "
                        "eligible until we mentioned it.",
                    ),
                ),
            ),
            (
                "Family time arrangements over the holidays",
                (
                    (
                        "tony",
                        "Holidays always make family time arrangements more complicated for us. Anyone found "
                        "a way to keep things calm around the big days?",
                    ),
                    (
                        "pat",
                        "We agree the plan well ahead with our social worker and keep the same routine every "
                        "year. Predictable is calmer for everyone, grown-ups included.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Grandparents Raising Grandchildren",
        SPECIAL_GUARDIANS,
        "Raising a grandchild: the joy, the tiredness, and starting parenting again later in life.",
        visibility=REQUEST,
        members=("pat",),
        community=("margaret",),
        threads=(
            (
                "Keeping up with a seven year old at sixty-seven",
                (
                    (
                        "margaret",
                        "Some days I feel every one of my years. Swimming lessons, homework, playground "
                        "politics. What keeps you going?",
                    ),
                    (
                        "pat",
                        "An early night once a week, no excuses. And saying yes when friends offer to do the "
                        "school run. I used to think accepting help meant I wasn't coping.",
                    ),
                    ("margaret", "That's good advice. I'll stop refusing my neighbour's offers."),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Carers Together: Life Story Work",
        CARERS,
        "Adopters, special guardians and kinship carers sharing how they talk with children about their "
        "story.",
        members=("chris",),
        community=("priya", "margaret"),
        threads=(
            (
                "When did you start using the life story book?",
                (
                    (
                        "priya",
                        "Our son is five and the life story book is still on a high shelf. I keep waiting "
                        "for the right moment. When did you start?",
                    ),
                    (
                        "chris",
                        "Earlier than felt comfortable, and I'm glad we did. We read a page or two at "
                        "bedtime like any other book. The questions come when they're ready.",
                    ),
                    (
                        "margaret",
                        "Ours is a different kind of story because she's family, but the same rule worked: "
                        "small, honest, often. A memory box helped too.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Starting Out: Prospective Adopters",
        PROSPECTIVE_ADOPTERS,
        "For people going through assessment and approval: questions, nerves and small wins.",
        members=("alex",),
        community=("jordan",),
        threads=(
            (
                "Stage two home study nerves",
                (
                    (
                        "alex",
                        "Our stage two visits start next week. I've tidied the house three times already. "
                        "What "
                        "do they actually want to know?",
                    ),
                    (
                        "jordan",
                        "We finished ours in the summer. It was far more about how we handle stress and what "
                        "support we have around us than about the house.",
                    ),
                    (
                        "morgan",
                        "Exactly right. Be honest about the hard parts of your own story too: it shows us "
                        "you "
                        "can reflect, which matters more than having it all worked out.",
                    ),
                ),
            ),
            (
                "Preparation group reading list",
                (
                    (
                        "jordan",
                        "Our preparation group recommended some reading on attachment and trauma. Which "
                        "books did you find most useful before approval?",
                    ),
                    (
                        "alex",
                        "Anything with real parents' voices in it. The theory made more sense once I'd read "
                        "what an ordinary Tuesday looks like.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Teen Space",
        YOUNG_PEOPLE,
        "For adopted young people and young people in special guardianship, aged 13 to 17. Staff are here "
        "too.",
        visibility=REQUEST,
        members=("jay",),
        community=("kai", "ellie"),
        staff=("morgan", "jo"),
        threads=(
            (
                "Family tree homework again",
                (
                    (
                        "jay",
                        "we got family tree homework AGAIN. does anyone else just make it about the family "
                        "they live with?",
                    ),
                    (
                        "ellie",
                        "yes!! I did mine about my family now and added a bit about being adopted because I "
                        "wanted to. you don't have to though",
                    ),
                    (
                        "kai",
                        "my mum emailed the teacher and I got to do a timeline of my life instead. way "
                        "better",
                    ),
                    (
                        "jo",
                        "Good ideas all round. You always get to choose how much of your story you share at "
                        "school. If homework ever feels like too much, tell a grown-up you trust.",
                    ),
                ),
            ),
            (
                "Starting GCSEs",
                (
                    ("ellie", "Year 10 next month. any tips for not panicking about GCSEs?"),
                    (
                        "jay",
                        "my big cousin says make a revision timetable but put fun stuff in it too or you "
                        "won't "
                        "stick to it",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Adult Adoptees Connect",
        ADULT_ADOPTEES,
        "Adopted adults supporting each other over the life course: identity, records, becoming a parent.",
        members=("robin",),
        community=("femi", "claire"),
        threads=(
            (
                "Becoming a parent as an adoptee",
                (
                    (
                        "femi",
                        "Our first baby is due in the spring. I didn't expect how many feelings about my own "
                        "adoption it would bring up. Did anyone else find this?",
                    ),
                    (
                        "claire",
                        "Very much so. The midwife asked about family medical history and I just didn't "
                        "know. "
                        "It helped to talk it through with someone who understood rather than explain it "
                        "from scratch.",
                    ),
                    (
                        "robin",
                        "Congratulations! I found writing things down for my own children helped me make "
                        "sense of my story as well as theirs.",
                    ),
                ),
            ),
            (
                "Reading my adoption file for the first time",
                (
                    (
                        "claire",
                        "I finally read my adoption file last month with the support of an adoption "
                        "counsellor. Take someone with you, and give yourself a quiet day afterwards.",
                    ),
                    (
                        "robin",
                        "Thank you for sharing this. I've been putting off reading mine, and this makes it "
                        "feel more possible.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Early Permanence Families",
        CARERS,
        "Carers on an early permanence (fostering for adoption) journey, and those who have been through it.",
        visibility=REQUEST,
        community=("dan", "priya"),
        threads=(
            (
                "Living with the uncertainty before the court decision",
                (
                    (
                        "dan",
                        "We're six months into an early permanence placement and the final hearing keeps "
                        "being "
                        "moved. How did you manage the waiting?",
                    ),
                    (
                        "priya",
                        "We kept a journal for our little one, so whatever happened they would have a "
                        "record of "
                        "being loved in those months. It gave the waiting a purpose.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "LGBT+ Adopters",
        ADOPTERS,
        "LGBT+ adoptive parents: a friendly space for everything from school gates to family days out.",
        members=("chris",),
        community=("dan",),
        threads=(
            (
                "Picture books with families like ours",
                (
                    (
                        "dan",
                        "Our daughter has started asking why her friends have a mum. Any favourite picture "
                        "books showing all kinds of families?",
                    ),
                    (
                        "chris",
                        "We built a little shelf of them. The ones she loves most aren't about being "
                        "different at all, they just happen to have two dads in them.",
                    ),
                ),
            ),
        ),
    ),
    DemoGroup(
        "Parents and Carers of Children with FASD",
        CARERS,
        "For families living with foetal alcohol spectrum disorder. Pre-moderated: posts appear after "
        "review.",
        mode=PRE_MODERATED,
        members=("sam",),
        community=("priya", "margaret"),
        threads=(
            (
                "Routines that actually work",
                (
                    (
                        "priya",
                        "Mornings are our hardest time. What routines have helped your children with FASD?",
                    ),
                    (
                        "margaret",
                        "Picture cards by the door, the same order every single day, and one instruction "
                        "at a time. I think of myself as his external brain in the mornings.",
                    ),
                    (
                        "sam",
                        "We asked for the same at school in the EHCP annual review and it made a real "
                        "difference to how his days start.",
                    ),
                ),
            ),
        ),
    ),
]
