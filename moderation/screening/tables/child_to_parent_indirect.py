"""Child-to-parent violence as carers tell it in passing (issue #12): the injury, the damage, the
precautions and the threats, rather than "he hit me". In adults' spaces only, where a finding is
allowed and noted for a moderator (``risk.ChildToParentViolence``), so these can be broader than a
rule that holds a post. The fragments are ``child_to_parent.CPV_FRAGMENTS``.

- a child going for the carer, a sibling or a pet, or things thrown at them;
- the carer's injuries: a black eye, a broken nose, a bald patch, bite marks, "drew blood";
- damage done: holes in the wall, every window smashed, a door kicked in;
- living with it: knives hidden, locks on the bedroom door from the inside, a chair wedged;
- a child's threats, reported: "she says she'll poison my tea", "told me what he'll do when I'm asleep".
"""

from __future__ import annotations

import re

from ..patterns import ADULT_ONLY, Rule, alternatives, followed_by

# Sport, play and accidents share the words: "kicked the ball at me", "a black eye from hockey".
_PLAY_OR_ACCIDENT = followed_by(
    r"(?:from|at|playing|during|in) (?:the )?(?:football|rugby|hockey|netball|cricket|training|the gym|pe|"
    r"a match|the match|trampolin\w*)|by accident|accidentally|(?:the|a) (?:ball|frisbee|pillow)"
)

# "I broke my wrist falling off a ladder", "I bit through my lip": the writer's own accident.
_I_DID_IT = re.compile(r"\b(?:i|i'?ve|i have|i had|i'?d|i just|i nearly)\s*$")


def _said_of_me(text: str, start: int) -> bool:
    return _I_DID_IT.search(text, max(0, start - 12), start) is not None


CPV_INDIRECT_RULES = (
    Rule(
        "child_to_parent_violence",
        alternatives(
            "<CHILD_SUBJECT><F2> (?:<STRIKE>|bit|bites|biting|booted|stamped on|stood on|twisted) (?:me|us|"
            "(?:his|her|their) (?:little |younger |baby )?(?:sister|brother|siblings?|dad|mum|nan|grandad|"
            "gran)|the (?:baby|dog|cat|little ones?|younger ones?))",
            "<CHILD_SUBJECT><F2> (?:went|goes|came|comes|coming) (?:for|at) (?:me|us|(?:his|her|their) "
            "(?:sister|brother|dad|mum|nan|grandad|gran))<F3> with",
            "<CHILD_SUBJECT><F2> (?:put|puts|had) (?:his|her|their) hands (?:round|around) (?:my|our) "
            "(?:throat|"
            "neck)",
            "(?:threw|throws|hurled|chucked|lobbed|launched) (?:the |a |his |her )?[a-z]+(?:, (?:the |a "
            ")?[a-z]+)*"
            ",? (?:then |and )?me",
            "(?:got|i got|been|i'?ve been|i was|i'?ve been) (?:punched|kicked|slapped|bitten|headbutted|"
            "pushed|"
            "shoved|strangled|hit|scratched)<F2> (?:in|on|across|down) (?:the|my) (?:stomach|face|back|head|"
            "ribs|neck|legs|arm|school run)",
        ),
        "he went for me with the poker",
        audiences=ADULT_ONLY,
        veto=_PLAY_OR_ACCIDENT,
    ),
    Rule(
        "child_to_parent_violence",
        alternatives(
            "(?:another|a lovely|got a|i'?ve got a|me with a|with a|still managed a) (?:black eye|cracked "
            "rib|"
            "broken (?:nose|toe|wrist|finger|rib)|sprained (?:wrist|arm)|bald patch|split lip|fat lip|purple "
            "arm|head injury)",
            "(?:has|he'?s|she'?s|he has|she has|they'?ve) (?:broken|fractured|cracked|snapped) my (?:nose|"
            "wrist|"
            "ribs?|toe|finger|arm|glasses|jaw)",
            "(?:drew|draws) blood",
            "(?:chunk|clump) (?:of|out of) my (?:hair|arm)",
            "(?:hole|holes) in the (?:wall|door)",
            "(?:smashed|broke|broken|kicked in|booted|pulled off) (?:every|another|all the) (?:window|"
            "windows|"
            "door|doors|plate|plates|mug|mugs)",
            "(?:hid|hide|hiding|lock(?:ed)? (?:away|up)|locking (?:away|up)|keep|moved) (?:all )?(?:the |"
            "every "
            "|everything |my )?(?:knives|kitchen knives|knife|scissors|sharp (?:things|objects)|hammer|"
            "screwdrivers)",
            "locks? on (?:our|my|the) (?:bedroom )?door",
            "(?:wedged|wedge|put) a chair (?:against|under|behind)",
            "(?:sleep|slept) in my clothes",
        ),
        "another black eye tonight",
        audiences=ADULT_ONLY,
        veto=_PLAY_OR_ACCIDENT,
    ),
    Rule(
        "child_to_parent_violence",
        alternatives(
            "<CHILD_SUBJECT><F2> (?:said|says|told me|threatened|keeps saying|kept saying)<F3> (?:he'?ll|"
            "she'?ll|"
            "they'?ll|i'?ll|ill|he will|she will|he'?s going to|she'?s going to|he was going to|she was "
            "going "
            "to) (?:kill|stab|hurt|end|poison|smash|burn|batter|strangle|get) (?:me|us|you|my|her|him|the)",
            "(?:what|how) (?:he'?ll|she'?ll|he will|she will|he'?d|she'?d) do to me",
            "(?:you'?re|you are|your) next",
        ),
        "she says she'll poison my tea",
        audiences=ADULT_ONLY,
    ),
    Rule(
        # The injury or the hold itself, whoever is named (the fifth session's writers): "bit through my
        # lip", "cracked my cheekbone", "hands round my neck", "we've had the strangling too", "chased
        # her round the house with a hammer", "the air rifle pointed at me", "frozen peas on my cheek".
        # Noted, never held, so it may be broader than the rules above; a partner's violence told the
        # same way is also the abuse rules' to hold.
        "child_to_parent_violence",
        alternatives(
            "(?:broke|broken|cracked|fractured|bust|buss|split|bit through|dislocated|snapped) (?:my|mi) "
            "(?:finger|fingers|arm|wrist|nose|cheekbone|cheek|lip|ribs?|tooth|teeth|jaw|thumbnail|thumb|hand|"
            "eye socket|collarbone)",
            "(?:hands?|fingers) (?:round|around) my (?:neck|throat)",
            "(?:choked|throttled|strangled) me",
            "had me by the (?:neck|throat|hair)",
            "(?:the )?(?:strangling|strangulation)",
            "(?:put|got|had) me in a headlock",
            "headbutt(?:ed|s|ing)? (?:me|us|them|him|her)",
            "(?:put|pushed|shoved|slammed|smashed|banged) my head (?:through|into|against|off)",
            "(?:chased|chasing|chases) (?:me|her|him|us|his [a-z]+|her [a-z]+)<F4> with (?:a|the|his|her) "
            "(?:hammer|knife|knives|bat|cricket bat|poker|screwdriver|scissors|shears|rolling pin)",
            "(?:waving|waved|pointing|pointed|brings?|brought|holding|held) (?:a |the |his |her )?(?:knife|"
            "knives|air rifle|gun|hammer|scissors|shears)<F3> (?:at me|at us|about in|in (?:a )?temper|"
            "between us)",
            "(?:knife|knives|air rifle|gun|hammer) pointed at (?:me|us)",
            "(?:bite marks|bruises|scratches) (?:on|all (?:down|over)) my (?:arms?|legs?|hands?|neck|face|"
            "back)",
            "(?:frozen peas|an ice pack|ice) on my (?:cheek|face|eye|head|lip)",
            "(?:a|another) shiner",
            "(?:a day|a week) without being (?:hit|punched|kicked|slapped|bitten)",
            "(?:being|been|get|getting) (?:hit|punched|kicked|slapped|bitten|headbutted|attacked)(?: and "
            "[a-z]+ at)?<F2> by (?:a child|my (?:son|daughter|child|grandson|granddaughter|lad|boy|girl|"
            "niece|nephew))",
            "(?:taking|take|took) every blow",
        ),
        "she bit through my lip this morning",
        audiences=ADULT_ONLY,
        veto=lambda text, start, end: _PLAY_OR_ACCIDENT(text, start, end) or _said_of_me(text, start),
    ),
    Rule(
        # What it takes to get away from a child, and near misses (the eighth session's writers):
        # "broke the bathroom lock to get to me", "lock your bedroom door against a 12 year old",
        # "threw the TV at her brother", "threatening his brother with a hammer", "closer to my head".
        # Noted, never held, in adults' spaces.
        "child_to_parent_violence",
        alternatives(
            "(?:broke|booted|kicked|smashed|forced|bust|busted|punched)<F4> (?:door|"
            "lock)<F3> to get (?:to|at) "
            "(?:me|us)",
            "(?:door|lock)<F6> (?:and|with) i was (?:behind|on the other side of) it",
            "lock(?:ed|ing)? (?:my|your|our|the) (?:bedroom |bathroom )?door against (?:a|my|our|him|her|"
            "them)",
            "(?:shut|lock|locked|barricade|barricaded) (?:myself|yourself|ourselves) in (?:the|my|a|our) "
            "(?:[a-z]+ )?(?:room|bathroom|car|loo)<F4> (?:wait|till|until)",
            "(?:threw|throws|hurled|chucked|lobbed) (?:the |a |his |her )?[a-z]+ at (?:his|her|"
            "their) (?:[a-z0-9]+ "
            ")?(?:brother|sister|siblings?|dad|mum|nan|grandad)",
            "(?:threatening|threatened|threatens|went for|going for) (?:me|us|(?:his|her|their) [a-z]+)<F2> "
            "with (?:a |the |his |her )?<WEAPON>",
            "closer to my head",
            "(?:assaulted|assaulting|attacked|attacking|targeting|targets|punching|kicking) (?:my|his|"
            "her) (?:wife|"
            "husband|partner|dad|mum|nan|grandad|gran|mother|father|brother|sister|grandmother|grandfather)",
            "arrested for (?:assaulting|attacking|hitting|hurting) (?:me|his|her|my)",
            "(?:stabbed|cut|burned|burnt|scalded|jabbed) me with (?:a|the|his|her)",
            "(?:breaking|broke|broken) my (?:finger|nose|wrist|arm|toe|glasses)",
            "(?:fist|hand)<F3> (?:an inch|inches|raised)<F2> (?:from|in|at) my face",
            "standing over (?:me|you|us) with (?:his|her|a) (?:fist|fists)",
            "scared of (?:their|my|our|your) (?:teenager|son|daughter|child|grandson|granddaughter|kid|"
            "lad|girl|"
            "boy)",
            "(?:explain|explaining|explained|hide|hiding|cover|covering) (?:away )?(?:the |"
            "my )?(?:bruises|bite "
            "marks|injuries|black eye|scratches)",
            "(?:long sleeves|a scarf|makeup)<F4> (?:because of|to hide|to cover) (?:the |"
            "my )?(?:bite marks|bruises|"
            "scratches)",
            "(?:door|lock) that (?:can'?t|cannot|won'?t) be (?:kicked|smashed|broken)",
            "(?:threatened|threatening|threatens) to (?:kill|stab|hurt|burn|strangle) (?:his|her|their|me|"
            "us|my)",
            "next time it'?ll be (?:us|me|you)",
            "(?:grabbing|grabbed|grabs) the (?:steering )?wheel",
            "(?:scratches|bruises|bite marks)<F4> from (?:our|my) (?:girl|boy|son|daughter|lad|lass|kid|"
            "child|"
            "eldest|youngest)",
            # The house arranged around the violence, and the help that stopped coming (eighth round):
            # "we barricade with the chest of drawers", "kicks at my door every night", "kept going for her
            # and for me", "I stopped reporting it".
            "barricad(?:e|ed|ing) (?:with|the door|our door|my door|the bedroom|ourselves|myself|us in)",
            "(?:kicks|kicking|kicked|banging|bangs|punches|punching|punched) (?:at|on) my (?:bedroom )?door",
            "(?:kept|keeps|keep|started|been) going for (?:me|us|(?:her|him) and (?:for )?me)",
            "stopped (?:reporting (?:it|him|her)|calling the police|ringing the police|phoning the police)",
        ),
        "broke the bathroom lock to get to me",
        audiences=ADULT_ONLY,
        veto=lambda text, start, end: (
            _PLAY_OR_ACCIDENT(text, start, end)
            or any(w in text[start:end] for w in ("ball", "pillow", "frisbee", "snowball", "sponge"))
        ),
    ),
)
