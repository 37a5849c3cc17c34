"""Issue #12: risk to life and abuse told indirectly (tables/self_harm_indirect.py,
tables/abuse_indirect.py), and the topic look-alikes no longer held. For each concept, a message it
must catch and a look-alike it must leave alone, judged by the rules alone (the classifier is
tested elsewhere). Every message here was written for this test and is in no data file."""

from __future__ import annotations

import pytest

from moderation.screening.risk import AbuseDisclosure, SelfHarm
from moderation.screening.text import normalise
from moderation.screening.types import Doc, ScreenInput

from .conftest import ADULT, TEEN, Screen, categories

_SELF_HARM = SelfHarm()
_ABUSE = AbuseDisclosure()
CRISIS = {"Childline", "Samaritans", "Emergency services"}


def _rule_hits(family: SelfHarm | AbuseDisclosure, text: str, audience: str) -> list[str]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in family.scan(doc) if hit.action != "allow"]


# (concept, caught, look-alike)
RISK_TO_LIFE = [
    (
        "being gone",
        "when im gone someone give my hoodie to jess",
        "when i'm gone on the school trip feed my fish",
    ),
    ("being gone", "i'll be gone before anyone wakes up", "i'll be gone by 8 so lock the back door"),
    ("for good", "signing off for good now. thanks for everything", "signing off for the night, see you all"),
    ("before i go", "just wanted to say thank you before i go", "just wanted to say hi before i go to bed"),
    (
        "being gone",
        "i wont be here after friday so dont save me a seat",
        "i wont be here after friday, dentist appointment",
    ),
    (
        "no burden",
        "won't be a problem for anyone much longer",
        "won't be a problem for you much longer, he's off to uni open days",
    ),
    (
        "others better off",
        "honestly you'd all cope better without me",
        "they'll be fine without me for one weekend",
    ),
    (
        "no burden",
        "after friday i won't be a burden to anyone",
        "i won't be a problem, i'll bring my own lunch",
    ),
    (
        "how lethal",
        "how many of my sertraline would it take to kill me",
        "how much screen time is too much for a 9yo",
    ),
    ("how lethal", "can you die from taking too many sleeping tablets", "can you die in the new zombie game"),
    (
        "how lethal",
        "what's the tallest car park round here you can get up without paying",
        "what's the tallest building in the world",
    ),
    ("means at hand", "the rope is in my wardrobe ready", "the skipping rope is for PE tomorrow"),
    (
        "means at hand",
        "sitting here with the scissors against my wrist",
        "cut my wrist band off with the scissors",
    ),
    (
        "high places",
        "went up to the bridge again last night and just stood there alone",
        "walked to the bridge with the dog, lovely evening",
    ),
    (
        "other self-injury",
        "i press the lighter on my skin till it bleeds",
        "scratched my midge bites till they bled",
    ),
    ("other self-injury", "been hurting my own legs with a belt", "got my own room at last"),
    (
        "other self-injury",
        "how do i cover up the cuts on my arm for PE",
        "how do i cover up scars from surgery",
    ),
    (
        "a decision",
        "i've come to my decision. it's the only way",
        "we've made our peace with the move to Leeds",
    ),
    (
        "a decision",
        "made my decision, sorry everyone",
        "ask them to write it all down, it made the decision much quicker",
    ),
    ("a decision", "thinking about endin it tbh", "thinking about ending it with my boyfriend"),
    ("a decision", "what's even the point of me", "what's the point of algebra"),
    # Said of oneself or told of someone else (the fifth session's writers).
    ("as well be dead", "he keeps saying he may as well be dead", "my laptop may as well be dead"),
    (
        "not deserving to live",
        "she says she doesnt deserve to live anymore",
        "she says she doesnt deserve to live in a tip like this",
    ),
    (
        "the other side",
        "posted 'see ya on the other side' and logged off",
        "posted 'see ya on the other side' before the big ride at alton towers",
    ),
    (
        "walking into water",
        "grandad says he's going to walk into the sea if he loses the case",
        "we're going to walk into the sea for a paddle after lunch",
    ),
    (
        "a goodbye and then silence",
        "she messaged 'remember me' last night and now she isn't answering",
        "she messaged 'remember me' from the airport and her phone's off till she lands",
    ),
    ("other self-injury", "he bites his arms till they bleed", "he bites his nails, it drives me mad"),
    (
        "a gamer's goodbye",
        "final boss is me. uninstalling myself soon",
        "uninstalling fortnite, it's rubbish",
    ),
    ("means at hand", "got dad's shotgun cabinet key, he's at the pub", "dad's shotgun licence came through"),
    ("deep water", "the lough at the end of our road's deep enough", "the pool at the leisure centre's deep"),
    (
        "hoping to fall",
        "been walking the cliff path at night hoping i'll fall",
        "hoping i'll fall asleep soon",
    ),
    (
        "new scars",
        "my cuts are fading and i want to do new ones",
        "my cuts are fading and my new trainers are in",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), RISK_TO_LIFE)
@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_risk_to_life_said_indirectly(
    screen: Screen, concept: str, caught: str, look_alike: str, audience: str
) -> None:
    assert _rule_hits(_SELF_HARM, caught, audience), (concept, caught)
    result = screen(caught, audience)
    assert result.priority is not None and result.priority <= 1
    assert {s.name for s in result.signposts} >= CRISIS
    assert not _rule_hits(_SELF_HARM, look_alike, audience), (concept, look_alike)


TOPIC = [
    "Our agency runs a suicide prevention course for carers of teenagers next month",
    "Her birth father died by suicide when she was a baby and she's starting to ask about it",
    "Any good books about self-harm for carers? Just want to be prepared",
    "We're doing a walk for those lost to suicide on Saturday",
    "that film about the dad who dies by suicide was so well made, bring tissues",
    "we read a poem about her brother's suicide in english today",
    "coach made us do 20 suicides at netball, my legs are gone",
    "our agency ran a suicide intervention course last week",
    "the paper did a piece on suicide among young carers",
    "how do you respond when a child uses 'I want to die' type language? asking after our training",
    "ours says 'i want to die' about everything from homework to broccoli, CAMHS aren't worried",
]


@pytest.mark.parametrize("text", TOPIC)
def test_the_words_as_a_topic_are_not_held(text: str) -> None:
    assert not _rule_hits(_SELF_HARM, text, "adult")


@pytest.mark.parametrize(
    "text",
    [
        "i feel suicidal again tonight",
        "she's been self-harming since the summer",
        "I keep thinking about suicide",
        "that film about suicide made me feel suicidal again",
        "i did 20 minutes of research and now im suicidal",
        "our son told us last night he wants to die",
    ],
)
def test_the_words_as_feelings_still_are(text: str) -> None:
    assert _rule_hits(_SELF_HARM, text, "adult")


def test_a_recovered_past_with_an_age_now_is_allowed(screen: Screen) -> None:
    result = screen("I was once the teenager who wanted to die. I'm 48 now and it does get better.", "adult")
    assert result.verdict == "allow" and result.priority == 3
    assert "self_harm" in categories(result)


# (concept, caught, look-alike)
ABUSE = [
    (
        "things done to a child",
        "my stepdad does things to me when mum's at work",
        "my dad does nice things for me",
    ),
    ("harm by other means", "she threw me against the door last night", "he threw a pillow at me lol"),
    (
        "harm by other means",
        "got slapped across the face for being late",
        "got hit in the face with the ball at netball",
    ),
    (
        "punishment",
        "they make me sleep on the kitchen floor if i answer back",
        "my mum makes me tidy my room",
    ),
    ("food withheld", "im not allowed to eat tea with everyone else", "im not allowed to eat in my room"),
    ("around the edges", "he keeps coming in when i'm changing", "mum comes in at night to check on me"),
    (
        "around the edges",
        "her boyfriend showed me videos of naked people",
        "my friend showed me videos of cats",
    ),
    ("exploited", "he says i owe him for the phone now", "i owe him a fiver from the chippy"),
    (
        "images used as a threat",
        "send more or theyll send the pics to my school",
        "send the pics to the group chat",
    ),
    (
        "a beating named",
        "got a hidin off me da for losing my phone, cant sit down",
        "got a hiding at pool off me da again, he's too good",
    ),
    (
        "shut in",
        "he keeps locking her in her room when he goes to the pub",
        "she keeps locking herself out of the car",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), ABUSE)
def test_abuse_told_indirectly(screen: Screen, concept: str, caught: str, look_alike: str) -> None:
    assert _rule_hits(_ABUSE, caught, "youth"), (concept, caught)
    assert "abuse_disclosure" in categories(screen(caught, "youth"))
    assert not _rule_hits(_ABUSE, look_alike, "youth"), (concept, look_alike)


def _family_hits(family: object, text: str, audience: str) -> list[str]:
    author = TEEN if audience == "youth" else ADULT
    doc = Doc(ScreenInput(text, audience, author), normalise(text))  # type: ignore[arg-type]
    return [hit.label for hit in family.scan(doc)]  # type: ignore[attr-defined]


# (concept, caught, look-alike)
HARASSMENT = [
    (
        "a family called not real",
        "you're not even her real dad, stop pretending",
        "he's not my real dad but he's my dad",
    ),
    ("a family called not real", "they only took you for the allowance", "they only took you for a walk"),
    (
        "shutting someone out",
        "honestly ur not welcome in this chat",
        "you're not welcome to bring dogs, sorry",
    ),
    (
        "shutting someone out",
        "can everyone just block her from now on",
        "can everyone ignore the spam account",
    ),
    ("threat of future harm", "watch yourself on monday", "watch yourself on the ice this morning"),
    ("threat of future harm", "we know which school you go to", "we know school is hard for you"),
    ("a group dehumanised", "travellers shouldn't be allowed to foster kids", "travellers were at the fair"),
    (
        "a group dehumanised",
        "children belong with a mother and father, end of",
        "children belong with people who love them",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), HARASSMENT)
@pytest.mark.parametrize("audience", ["adult", "youth"])
def test_harassment_with_no_insult_word(concept: str, caught: str, look_alike: str, audience: str) -> None:
    from moderation.screening.abuse import Harassment

    family = Harassment()
    assert _family_hits(family, caught, audience), (concept, caught)
    assert not _family_hits(family, look_alike, audience), (concept, look_alike)


# (concept, caught, look-alike) in young people's spaces
TRACING = [
    (
        "kept from the carers",
        "seeing my bio dad after school, my carers think im at football",
        "seeing my bio dad at the contact centre next week",
    ),
    (
        "meeting",
        "me and my birth sister are meeting up in town saturday",
        "my birth sister is doing her gcses",
    ),
    (
        "knows where",
        "my birth mum knows which school i go to now",
        "my birth mum knows i love drawing, she said so in her letter through the agency",
    ),
    ("waiting outside", "my real dad was waiting outside the school gates", "my real dad was a painter"),
    (
        "an appeal to find someone",
        "my real name was Casey Dunmore, does anyone know a woman called Jo Dunmore in Hull",
        "does anyone know a woman called Jo who runs the Hull kinship group",
    ),
    (
        "an appeal to find someone",
        "looking for my birth brother, born 2009 in Leeds, please share",
        "looking for my brother's football boots, has anyone seen them",
    ),
    (
        "looked up",
        "i know my birth nan's full name, can u find her for me",
        "my birth nan's name is Rose",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), TRACING)
def test_birth_family_contact_without_a_tracing_verb(concept: str, caught: str, look_alike: str) -> None:
    from moderation.screening.birth_family import BirthFamilyContact

    family = BirthFamilyContact()
    assert _family_hits(family, caught, "youth"), (concept, caught)
    assert not _family_hits(family, look_alike, "youth"), (concept, look_alike)


# (concept, told in passing, look-alike) in adults' spaces, where a finding is noted, not held
CHILD_TO_PARENT = [
    (
        "going for someone",
        "she went for me with the rolling pin tonight",
        "she went for a run with me tonight",
    ),
    ("an injury", "another black eye, second this month", "a black eye from hockey practice, ouch"),
    ("damage", "two more holes in the wall since sunday", "the plasterer filled the old nail marks"),
    ("living with it", "we keep the kitchen knives locked away now", "we keep the biscuits up high now"),
    (
        "a threat reported",
        "he keeps saying he'll stab me when i'm asleep",
        "he keeps saying he'll tidy his room",
    ),
    ("the injury itself", "she bit through my lip this morning", "I bit through my lip at the dentist"),
    ("the hold itself", "we've had the strangling too, ours is 13", "we've had the flu too, ours is 13"),
    (
        "a weapon",
        "he chased me round the kitchen with a hammer",
        "he chased me round the kitchen with a water pistol",
    ),
    (
        "the name as a topic",
        "we're living with child to parent violence",
        "a good training day on child to parent violence",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), CHILD_TO_PARENT)
def test_child_to_parent_violence_told_in_passing(
    screen: Screen, concept: str, caught: str, look_alike: str
) -> None:
    from moderation.screening.risk import ChildToParentViolence

    family = ChildToParentViolence()
    assert _family_hits(family, caught, "adult"), (concept, caught)
    result = screen(caught, "adult")
    assert result.verdict == "allow" and "child_to_parent_violence" in categories(result)
    assert not _family_hits(family, look_alike, "adult"), (concept, look_alike)


@pytest.mark.parametrize("audience", ["adult", "youth"])
@pytest.mark.parametrize("text", ["⚰️⚰️ soon", "💊💊💊💊", "🔪 again x"])
def test_a_message_of_emoji_for_a_way_to_die_is_a_risk_to_life(
    screen: Screen, text: str, audience: str
) -> None:
    assert "risk_emoji" in _rule_hits(_SELF_HARM, text, audience)
    result = screen(text, audience)
    assert result.priority is not None and result.priority <= 1
    assert {s.name for s in result.signposts} >= CRISIS


@pytest.mark.parametrize(
    "text", ["my revision plan for tomorrow 🪦", "cooking a curry tonight 🔪🔥", "🩹 grazed my knee"]
)
def test_emoji_in_a_sentence_are_not(text: str) -> None:
    assert "risk_emoji" not in _rule_hits(_SELF_HARM, text, "youth")


@pytest.mark.parametrize(
    ("kept", "held"),
    [
        (
            "dont tell my dad but we got him a mug for his birthday",
            "send me some pics first and don't tell your mum, it's a surprise",
        ),
        (
            "it's our secret santa, don't tell anyone who you got",
            "it's our little secret ok, a surprise for later",
        ),
    ],
)
def test_a_surprise_for_someone_else_is_not_secrecy(screen: Screen, kept: str, held: str) -> None:
    from moderation.screening.grooming import Grooming

    assert "secrecy" not in _family_hits(Grooming(), kept, "youth")
    assert "secrecy" in _family_hits(Grooming(), held, "youth")


# Ordinary young people's chat the rules held (the fifth session's writers), each beside the harmful
# message it resembles, which the same family must still find. Rules only (the classifier is tested
# elsewhere); every message here was written for this test.
def _families() -> dict[str, object]:
    from moderation.screening.abuse import Harassment
    from moderation.screening.grooming import Grooming
    from moderation.screening.identity import IdentityExposure

    return {
        "abuse": _ABUSE,
        "self_harm": _SELF_HARM,
        "grooming": Grooming(),
        "identity": IdentityExposure(),
        "harassment": Harassment(),
    }


YOUTH_LOOK_ALIKES = [
    (
        "abuse",
        "we had an assembly about county lines today, proper scary",
        "my brother is in county lines now",
    ),
    ("abuse", "got battered at fifa by my cousin again", "i got battered by my stepdad again"),
    (
        "abuse",
        "my little sister kicked me cos i took her crayons, shes 3",
        "my stepdad kicked me cos i was late",
    ),
    ("abuse", "he keeps hitting me with the worst dad jokes", "he keeps hitting me when mum is out"),
    (
        "grooming",
        "reported a weirdo who kept asking for pics, mods sorted it",
        "he keeps asking for pics of me",
    ),
    (
        "self_harm",
        "burnt myself on the oven getting my pizza out",
        "burnt myself again last night on purpose",
    ),
    (
        "self_harm",
        "cut myself on my compass in maths by accident",
        "cut myself again in the toilets at school",
    ),
    ("identity", "how high do you have to fall in minecraft to die", "she goes to Oakfield High"),
    ("identity", "my xbox got taken off me for a week", "my xbox is darkwolf_2011"),
]


@pytest.mark.parametrize(("family", "look_alike", "caught"), YOUTH_LOOK_ALIKES)
def test_young_peoples_chat_the_rules_used_to_hold(family: str, look_alike: str, caught: str) -> None:
    rules = _families()[family]
    assert not _family_hits(rules, look_alike, "youth"), look_alike
    assert _family_hits(rules, caught, "youth"), caught


def test_advice_to_others_in_a_past_told_as_over_is_not_current() -> None:
    from moderation.screening.risk import recovered_experience

    over = "i used to self harm in year 8, two years clean now. if anyone's struggling, talk to someone"
    assert recovered_experience(normalise(over).text)
    assert not recovered_experience(normalise("i used to self harm and im struggling again").text)
