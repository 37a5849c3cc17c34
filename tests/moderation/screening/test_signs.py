"""Issue #12: risk to life told by its signs (tables/self_harm_signs.py): means gathered, an overdose
taken, self-injury told by its consequence, urges at places, bare goodbyes, a limit on living. For
each concept, a message it must catch and a look-alike it must leave alone, judged by the rules alone
(the classifier is tested elsewhere), and the caught message screened whole at P0/P1 with the crisis
signposts. Every message here was written for this test and is in no data file."""

from __future__ import annotations

import pytest

from .conftest import CRISIS, Screen, categories, self_harm_rule_hits

# (concept, caught, look-alike)
SIGNS = [
    (
        "gathering the means",
        "every night i line up and count my paracetamol, there's nearly enough",
        "i count his tablets into the dosette box every sunday",
    ),
    (
        "gathering the means",
        "she's been saving up her sertraline instead of taking it",
        "saving up for new trainers instead of going out",
    ),
    (
        "gathering the means",
        "found seven packets of paracetamol in his school bag",
        "found two packets of crisps in his school bag",
    ),
    ("an overdose taken", "i took 12 of my nans tablets", "took 2 paracetamol for my headache"),
    (
        "an overdose taken",
        "swallowed a handful of dads pills about 20 mins ago",
        "had some ibuprofen for my back and a nap",
    ),
    (
        "self-injury told by its consequence",
        "her forearms are all cut up and she says it was the cat",
        "her arms are covered in paint from art club",
    ),
    (
        "self-injury told by its consequence",
        "he wears long sleeves in the heat and never does pe",
        "she wears long sleeves in summer because of her eczema",
    ),
    (
        "self-injury told by its consequence",
        "plasters all over her wrists again",
        "plasters on her knees from the trampoline",
    ),
    (
        "self-injury told by its consequence",
        "she follows pro-ana accounts and does what they say",
        "we had an assembly on pro-ana websites and reporting them",
    ),
    (
        "an urge at a place",
        "the voices keep telling me to step off the platform",
        "my brain keeps telling me to eat the whole cake",
    ),
    (
        "a place studied",
        "which car park roof can you get up without anyone stopping you",
        "the view from the car park roof at sunset without anyone about is gorgeous",
    ),
    (
        "a place studied",
        "thinking of just lying on the tracks till a train comes",
        "we stood by the tracks till the steam train came past",
    ),
    (
        "a goodbye said bare",
        "last post from me. look after each other x",
        "last post from me about the raffle",
    ),
    ("a goodbye said bare", "bye all, for good this time", "bye all, off to bed"),
    (
        "others better off",
        "honestly everyone is better off. x",
        "everyone is better off with a proper routine",
    ),
    (
        "others better off",
        "my mate keeps saying we'd all be better off without him",
        "she's so much happier and better off without him, he was awful",
    ),
    (
        "a limit on living",
        "not convinced i'll be around by christmas",
        "not sure i'll be around by christmas, we might be at my nan's that weekend",
    ),
    (
        "a limit on living",
        "i keep thinking of ways. every night",
        "i keep thinking of ways to make the money go further",
    ),
    (
        "a limit on living",
        "the only thing keeping me here is my little brother",
        "the only thing keeping me going is coffee",
    ),
    (
        "a limit on living",
        "he says he has nothing left to live for",
        "he has nothing left to do this weekend",
    ),
    (
        "others would not notice",
        "no one would even notice. i'm just a ghost here",
        "no one would even notice if we left the party early",
    ),
    (
        "the means in hand",
        "sat in my room with a blade for an hour last night",
        "sat in the kitchen with a knife peeling apples for the crumble",
    ),
    (
        "death over going back",
        "he said he'd rather be dead than go back to that placement",
        "i'd rather die than go to nan's for sunday dinner",
    ),
    (
        "a date for it",
        "i've already got a date chosen. not telling anyone",
        "i've got a date for my driving test",
    ),
    (
        "help tried and the plan kept",
        "rang samaritans, talked for a bit, but i'm still going to do it",
        "rang samaritans for my mum and they were lovely",
    ),
]


SIGNS += [
    (
        "things given away for after",
        "she's made a list of who gets her things",
        "we made a list of who gets which room when we move",
    ),
    (
        "things given away for after",
        "he's been giving away all his stuff this week",
        "giving away all her old clothes to the charity shop",
    ),
    (
        "things given away for after",
        "can someone look after my rabbit if anything happens to me",
        "can someone look after my rabbit while we're away",
    ),
    (
        "not coming back",
        "gonna walk out tonight and not come back",
        "going out and not coming back till late",
    ),
    ("not coming back", "she won't be in tomorrow or ever", "she won't be in tomorrow or friday"),
    (
        "not coming back",
        "if i dont log on tomorrow its cos it worked",
        "if i dont log on tomorrow its cos my phone died",
    ),
    (
        "not coming back",
        "see you in another life. love you all",
        "'see you in another life' was playing at the disco",
    ),
    ("oneself as the fix", "im gonna set her free. she wont need me", "im gonna set him free in the garden"),
    (
        "the means at hand",
        "he's got a blade and says he'll use it on himself",
        "she bought sun cream and won't use it on herself",
    ),
    (
        "oneself as the fix",
        "my brother says he wants to finish his life",
        "she wants to finish her life story book this week",
    ),
]


SIGNS += [
    (
        "how lethal, subject first",
        "does anyone know if you can die from taking 30 of your sertraline",
        "does anyone know if you can die from embarrassment lol",
    ),
    (
        "how lethal, subject first",
        "can you cut through an artery with scissors",
        "can you cut through cardboard with scissors",
    ),
    (
        "the means in hand",
        "been staring at the knife block all night",
        "been staring at the new fridge all night",
    ),
    (
        "letters for after",
        "i've written the letters for after. just need to post them",
        "i've written a letter for each of my grandchildren to open on their 18th birthdays",
    ),
    (
        "joining the dead",
        "i want to be with my birth mum. she's dead",
        "i want to be with my birth mum at christmas",
    ),
    (
        "joining the dead",
        "he keeps saying he wants to go to heaven to see his dad",
        "she wants to go to heaven to see her nan one day when she's old",
    ),
    (
        "others better off",
        "if i wasnt around my dad could have a proper family",
        "if i was gone tomorrow my grandson would have nowhere to live",
    ),
    ("a wish to be hit", "i hope a bus hits me on the way to school", "i hope the bus comes on time"),
    (
        "told for others to know",
        "took a load of my pills. typing this so someone knows",
        "typing this so someone knows the car park is shut",
    ),
    (
        "self-injury told by its means",
        "i scratched my arm with a compass so no one sees",
        "i scratched my arm on a bramble",
    ),
]


@pytest.mark.parametrize(("concept", "caught", "look_alike"), SIGNS)
def test_risk_to_life_told_by_its_signs(screen: Screen, concept: str, caught: str, look_alike: str) -> None:
    for audience in ("adult", "youth"):
        assert self_harm_rule_hits(caught, audience), (concept, caught, audience)
        result = screen(caught, audience)
        assert result.priority is not None and result.priority <= 1
        assert {s.name for s in result.signposts} >= CRISIS
        assert not self_harm_rule_hits(look_alike, audience), (concept, look_alike, audience)


# Young people's spaces only: from a carer "he did it again tonight, worse" is as often a meltdown.
def test_injury_told_by_its_consequence_in_young_peoples_spaces() -> None:
    assert self_harm_rule_hits("did it again last night, deeper this time", "youth")
    assert self_harm_rule_hits("prob needs stitches but i cant tell anyone", "youth")
    assert not self_harm_rule_hits(
        "fell off my bike and needs stitches but i cant go till mum's home", "youth"
    )
    assert not self_harm_rule_hits("did it again last night, deeper this time", "adult")


def test_a_young_persons_whole_message_a_goodbye(screen: Screen) -> None:
    """ "bye everyone" and nothing else: held at P1 with signposts in young people's spaces; a goodbye
    with its reason or a return is everyday talk."""
    result = screen("bye all x", "youth")
    assert result.priority == 1 and {s.name for s in result.signposts} >= CRISIS
    assert "self_harm" not in categories(screen("bye all, off to tea x", "youth"))
    assert "bare_goodbye" not in {m.label for m in screen("bye all x", "adult").matches}


@pytest.mark.parametrize(
    "text",
    [
        "please dont tell anyone but i took a load of my mums tablets earlier",
        "our secret ok? i swallowed a whole packet of paracetamol",
        "dont tell ur mum but i cut myself again last night",
    ],
)
def test_an_overdose_or_injury_that_also_reads_as_grooming_is_a_risk_to_life(
    screen: Screen, text: str
) -> None:
    """Secrecy asked for ("don't tell anyone") is a grooming sign, but a young person telling an
    overdose or an injury is first a risk to life: P0/P1 with the crisis signposts, whatever else is
    found beside it."""
    result = screen(text, "youth")
    assert "self_harm" in categories(result)
    assert result.priority is not None and result.priority <= 1
    assert {s.name for s in result.signposts} >= CRISIS
    assert result.verdict == "hold"


def test_an_overdose_taken_is_imminent(screen: Screen) -> None:
    assert screen("took 6 of my mums co-codamol. is that a lot? feel sleepy", "youth").priority == 0
