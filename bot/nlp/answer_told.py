"""What an answer tells happened, read as a rating when it says no rating word (bot.nlp.answer's
`read_rating` adds these to its word scores): a complaint told as events ("got left in the corridor for
10 min", "barrier ate my ticket", "had to chase them myself"), praise told as events ("she walked me to the
lift", "checked in in 30 seconds"), and praise said in scorn ("oh brilliant, the kiosk's broken again")."""

from __future__ import annotations

import re

# Complaints told as what happened, with no rating word: "got left in the corridor for 10 min", "had to
# chase them myself", "barrier ate my ticket", "couldn't get the machine to take my card".
_COMPLAINT = re.compile(
    r"\bhad\s+to\s+(?:chase|ask|try|flag|wait|stand|queue|ring|call|phone|repeat|explain|go\s+back|come\s+back|"
    r"find|fight|beg|remind|push|sort|complain|shout|get\s+up|hold)\b"
    r"|\b(?:out\s+of\s+order|didn'?t\s+work|wasn'?t\s+working|weren'?t\s+working|not\s+working|"
    r"wouldn'?t\s+(?:work|take|let|accept|read|scan|open|print)|"
    r"couldn'?t\s+(?:get(?!\s+lost)|find|understand|hear|park|follow|read|see)|"
    r"ate\s+my|lost\s+my|someone\s+else'?s|none\s+of\s+them|interrupted|squeezed|by\s+the\s+(?:toilets?|loos?|"
    r"bins?|kitchen)|"
    r"failed|(?:was|were|is)\s+not(?:[.:;!]|$)|"  # "the card reader failed", "the room was fine. the loo was not."
    r"without\s+asking|no\s+explanation|no\s+apology|no\s+sorry|(?:no\s+one|nobody|noone)\s+(?:told|explained|"
    r"came|answered|called|rang|checked|said|apologi[sz]ed|looked|helped|knew|cared|bothered)|"
    r"never\s+(?:called|rang|got|heard|came|told|answered|arrived|turned\s+up)|"
    r"(?:got|was|were|been|being|they)\s+left\s+(?:in|on|at)\b|left\s+(?:me\s+|us\s+)?(?:standing|waiting|sitting)|"
    r"like\s+a\s+lemon|pincushion|jargon|double\s+booked|"
    r"(?:lost|mixed\s+up|wrong)\s+(?:my|our|the)\s+\w+|cancell?ed\s+on|kept\s+(?:me|us)\s+waiting|"
    r"barely\s+(?:looked|spoke|said|listened|acknowledged|noticed)|miserable|grumpy|moody|stroppy|snapped|"
    r"in\s+front\s+of\s+everyone|mortif\w+|embarrass\w+|humiliat\w+|lukewarm|soggy|stone\s+cold|undercooked|"
    r"overcooked|burnt|(?:zero|no)\s+(?:explanation|info|information|help|idea)|didn'?t\s+let\s+me\s+(?:finish|speak|talk)|"
    r"(?:didn'?t|never)\s+(?:even\s+)?(?:look|looked)\s+(?:up|at\s+me|back)|not\s+even\s+a\s+(?:hello|hi|smile|sorry)|"
    r"went\s+back\s+to\s+(?:his|her|their)\s+(?:phone|screen|computer)|pointed\s+vaguely|no\s+record|no\s+toys|"
    r"nothing\s+to\s+do|next\s+available\s+(?:is|was)|too\s+tight|left\s+a\s+bruise|black\s+and\s+blue|"
    r"charged\s+(?:me|us)\s+(?:twice|again)|in\s+circles|(?:\d+|two|three|four|five|six)\s+(?:tries|attempts|goes)|"
    r"diff(?:erent)?\s+answers|as\s+(?:though|if)\s+i\s+(?:were|was|wasn'?t)\s+not|(?:spoke|talked)\s+over\s+me|"
    r"ended\s+up\s+(?:parking|leaving|going|waiting)|(?:drove|driving|went)\s+round|all\s+the\s+way\s+round|"
    r"was\s+locked|couldn'?t\s+keep\s+up|(?:it'?s|its|it\s+has)\s+been\s+\w+\s+(?:days|weeks|months)|"
    r"typing\s+the\s+whole\s+time|on\s+(?:her|his)\s+phone|no\s+one\s+there|nobody\s+there|"
    r"had\s+us\s+down\s+for|(?:right\s+)?next\s+to\s+the\s+(?:toilets?|loos?|kitchen|bins?)|they\s+said\s+no|"
    r"turned\s+up\s+after|came\s+after\s+(?:the|our)|(?:out|ran\s+out)\s+of\s+(?:half|most)|didn'?t\s+tell\s+(?:us|me)|"
    r"without\s+telling|after\s+(?:ours|the\s+others|everyone\s+else)|kept\s+(?:interrupting|asking|coming|"
    r"talking|saying|failing|crashing|freezing|declining|"
    r"looking|typing|checking\s+(?:his|her)\s+phone)|(?:\d+|two|three|four|six)\s+weeks\s+(?:out|away)|"
    r"walked\s+(?:straight\s+|right\s+)?past\s+(?:us|me)|(?:exact\s+)?same\s+questions|already\s+(?:asked|"
    r"answered|given|filled(?!\s+in\s+(?:for\s+(?:me|us)|from)))|"
    r"for\s+the\s+\d+(?:st|nd|rd|th)\s+time|"
    r"walked\s+off|lost\s+(?:her|him|them)|robot\s+voice|press\s+1|hung\s+up|i\s+hang\s+up|line\s+(?:cut|went\s+dead)|"
    r"blasting|blaring|(?:at\s+)?full\s+(?:volume|blast)|deafening|"
    r"got\s+(?:my|our|the|his|her|their)\s+(?:\w+\s+)?wrong|"  # "got our order wrong"
    # told two things at once: "one sign says left, the next says right", "one nurse said x, another said y"
    r"\bone\s+(?:\w+\s+)?(?:says|said|told\s+(?:me|us))\b[^.!?]{0,60}?\b(?:the\s+next|the\s+other|another|a\s+second)\s+"
    r"(?:\w+\s+)?(?:says|said|told\s+(?:me|us))\b|"
    r"same\s+(?:form|forms|paperwork|details|questionnaire)\s+(?:as\s+(?:last\s+time|before)|again)|"
    r"(?:sent|took|directed|pointed|showed)\s+(?:me|us|him|her|them)\s+(?:\w+\s+)?to\s+the\s+wrong\b|"  # "sent me to the wrong floor"
    # spoken past someone: "talked to me like mum wasn't in the room", "as if she wasn't there"
    r"(?:like|as\s+if|as\s+though)\s+(?:\w+\s+)?(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+"
    r"(?:there|here|in\s+the\s+room)|"
    r"always\s+on\s+hold|no\s+(?:lift|elevator|ramp|toys?|books?|kids\s+menu|high\s+chairs?|wheelchairs?|water|seats?|"
    r"chairs?|one\s+to\s+help)|not\s+(?:one|a\s+single)\s+\w+|not\s+automatic|too\s+(?:small|heavy|fast|loud|busy|"
    r"cold|hot|dark|tight|far)|got\s+impatient|sigh(?:ed)?\s+at\s+me|rolled\s+(?:his|her)\s+eyes|turned\s+(?:his|her)\s+back|"
    r"kept\s+typing|(?:looking|staring)\s+at\s+(?:the|her|his)\s+screen|never\s+once(?!\s+made\s+(?:me|"
    r"us)\s+feel)|hand\s+on\s+the\s+(?:handle|door)|"
    r"already\s+standing|no\s+warning|cried|couldn'?t\s+sleep|and\s+nothing|still\s+nothing|still\s+waiting|"
    r"(?:called|rang|phoned|asked|tried|declined|repeated)\s+(?:\w+\s+){0,4}(?:\d+|three|four|five|six)\s+times|"
    r"sent\s+(?:it|them|(?:the|my|our)\s+\w+)\s+back|made\s+(?:me|us)\s+(?:do|wait|go|pay|fill|repeat|stand|move|"
    r"start)|(?:do|start|go\s+through)\s+(?:it|the\s+whole\s+thing|everything|it\s+all)\s+(?:again|over)|(?:were|"
    r"was)\s+(?:all\s+)?gone|(?:now\s+)?i\s+(?:have|need)\s+to\s+(?:phone|call|ring|chase|go\s+back|come\s+back|"
    r"write|email|complain)|would(?:'ve|\s+have)\s+(?:liked|appreciated|been\s+nice)|had\s+to\s+(?:climb|"
    r"carry|walk|drag)|(?:it\s+)?wasn'?t\.|it\s+is\.\s|(?:parking|car\s+park)\s+(?:is\s+|"
    r"was\s+)?(?:always\s+)?full|full\s+again)\b"
)
# "asked for no nuts. there were nuts": what was asked for not done
_ASKED_NOT_DONE = re.compile(r"\basked\s+for\s+no\s+(?P<thing>\w+).{0,40}\b(?:there\s+(?:were|was)|came\s+with|had|with)\s+(?P=thing)\b")
# "it was a waiting room. I waited.", "forms are forms", "paid. that's it": nothing more to say
_NOTHING_MORE = re.compile(
    r"\b(?P<x>\w{3,}?)s?\s+(?:are|is|were|was)\s+(?P=x)s?\b|(?:^|[.!?]\s+)(?:it\s+was|"
    r"it'?s)\s+an?\s+(?:\w+\s+)?(?:table|lobby|room|"
    r"waiting\s+room|car\s+park|door|corridor|form|queue|desk)\b|(?:that'?s|thats)\s+it\b|\b(?:is|are|was|"
    r"were)\s+what\s+(?:it|they|that)\s+(?:is|are|was|were)\b|\bwhat\s+more\s+(?:can|"
    r"could)\s+(?:i|you)\s+say\b|\bwe\s+just\s+left\b|"
    r"\blike\s+they\s+said\b|\bas\s+they\s+said\b|\bnot\s+good\s+not\s+bad\b|\bneither\s+good\s+nor\s+bad\b|"
    r"^they\s+(?:were\s+there|said\s+(?:hello|hi))\b|^someone\s+said\s+hi\b|^followed\s+(?:her|him|them)\b|"
    r"\btook\s+a\s+while\s+but\s+got\b"
    # the customer's own doing: "took ages to choose, but that's on us", "my own fault for coming at noon"
    r"|\b(?:that'?s|thats|that\s+was|it'?s|its|it\s+was)\s+on\s+(?:us|me)\b|(?<!\bnot\s)(?<!\bnt\s)\b(?:my|our)\s+"
    r"(?:own\s+)?(?:fault|doing|mistake)\b|\bmy\s+bad\b|\b(?:me|us)\s*,?\s+not\s+(?:you|them)\b"
)
# Praise told as what happened: "in and out in ten minutes", "she remembered my name", "took the time".
_PRAISE_TOLD = re.compile(
    r"\b(?:straight\s+away|right\s+away|immediately|instantly|in\s+no\s+time|no\s+time\s+at\s+all|next\s+morning|"
    r"same\s+day|first\s+ring|first\s+try(?!\s+(?:missed|failed|didn'?t|wasn'?t))|"
    r"first\s+time\s+i\s+(?:actually\s+)?understood|no\s+queue|"
    r"remembered\s+(?:my|our|his|her)\s+name|by\s+name|took\s+(?:the\s+)?time|(?:actually|really)\s+listened|"
    r"(?:didn'?t|never)\s+(?:rush|rushed)\s+(?:me|us)|explained\s+(?:everything|it\s+all|it\s+clearly)|"
    r"walked\s+(?:me|us)\s+(?:right\s+|all\s+the\s+way\s+)?(?:to|over|down|back|through)|"
    r"went\s+out\s+of\s+(?:her|his|their|the)\s+way|made\s+my\s+(?:day|morning|week)|calmed\s+(?:me|us|him|her)|"
    r"put\s+(?:me|us)\s+at\s+(?:my\s+|our\s+)?ease|kind\s+gesture|so\s+kind|bless|genius|chef'?s\s+kiss|thought\s+of\s+that|"
    r"didn'?t\s+even\s+have\s+to|already\s+had\s+everything|just\s+(?:signed|followed|tapped|scanned)|"
    r"easy\s+peasy|no\s+fuss|no\s+drama|hassle[\s-]+free|no\s+hassle|(?:felt|feeling|feel)\s+(?:so\s+)?(?:cared\s+for|"
    r"welcome|safe|looked\s+after)|"
    r"(?:never|didn'?t|did\s+not)\s+(?:once\s+)?(?:made?|making)\s+(?:me|us)\s+feel\s+(?:silly|stupid|rushed|"
    r"small|judged|"
    r"like\s+a\s+(?:burden|nuisance)|a\s+(?:burden|nuisance))|(?:as|like)\s+(?:they|she|he)?\s*promised|"
    r"(?:didn'?t|never)\s+bat\s+an\s+eye(?:lid)?|without\s+(?:blinking|batting\s+an\s+eye)|"
    r"offered\s+(?:me|us)|drew\s+me|asked\s+(?:after|about)\s+my|(?:took|in|within)\s+seconds|"
    r"(?:barely|hardly|just)\s+sat\s+down|before\s+(?:i|we)(?:'d|\s+had)?\s+even|appreciated|so\s+grateful|"
    r"checked?\s+(?:on|in\s+on)\s+(?:me|us)|knew\s+(?:our|my)\s+(?:[\w']+\s+)?names?|remembered\s+it\s+was|"
    r"the\s+minute\s+we|"
    r"ready\s+(?:when|the\s+minute)\s+we|without\s+(?:any|a)\s+fuss|came\s+(?:out\s+)?(?:first|together)|piping\s+hot|"
    r"before\s+(?:we|i)(?:'d|\s+had)?\s+(?:even\s+)?(?:asked|had\s+to\s+ask)|brought\s+a\s+new\s+one|"
    r"held\s+the\s+door|"
    r"saw\s+(?:me|us|i\s+was)\s+(?:looking\s+lost|struggling|shaking|nervous)|came\s+over\s+to\s+help|"
    r"filled\s+(?:the|it|in\s+the)\s+\w*\s*for\s+(?:me|us)|told\s+me\s+what\s+(?:she|he)\s+was\s+going\s+to\s+do|"
    r"let\s+me\s+(?:finish|hold|take|sit)|(?:speak|spoke|talk|talked)\s+(?:slow|slowly|clearly)|"
    r"wr(?:ite|ote)\s+(?:everything|it\s+all)\s+down|didn'?t\s+(?:even\s+)?feel\s+(?:a\s+thing|the\s+(?:needle|"
    r"jab|injection|scratch)|it)|"
    r"in\s+one\s+go|"
    r"real\s+person|(?:\d|first|second)(?:st|nd|rd|th)?\s+ring|"
    r"(?:got|found|did|hit)\s+(?:it|the\s+vein|a\s+vein)\s+(?:first\s+time|on\s+the\s+first\s+(?:go|try|attempt))|"
    r"got\s+through\s+(?:on\s+the\s+)?first\s+(?:time|go|try)|more\s+than\s+(?:i|we)\s+can\s+say\s+for|"
    r"same\s+afternoon|validated\s+my\s+parking|"
    r"drove\s+straight\s+out|(?:loads|plenty|lots)\s+of\s+(?:spaces|room|seats)|automatic\s+doors|by\s+itself|"
    r"no\s+ticket\s+needed|already\s+filled\s+in|just\s+had\s+to\s+sign|the\s+next\s+day\s+to\s+check|"
    r"didn'?t\s+expect\s+that|walked\s+slow(?:ly)?\s+with|got\s+down\s+(?:on\s+the\s+floor|to\s+(?:his|her|their))|"
    r"(?:wasn'?t|not)\s+scared|took\s+(?:her|his|their)\s+time|never\s+felt\s+rushed|at\s+the\s+right\s+moment|"
    # a comparison with another place, in this one's favour: "warmer welcome than the chain place down the road"
    r"(?:better|nicer|warmer|friendlier|quicker|faster|cleaner|easier|kinder|smoother|calmer|more\s+helpful)\s+"
    r"(?:\w+\s+){0,2}than\s+(?!nothing\b|(?:i|we)\s+(?:feared|expected|thought))(?:the|that|my|our|a|at|in|any|most|"
    r"other|some)\b(?!\s+last\b)|"  # not "better than last time", a previous visit: "much better" says that
    r"just\s+the\s+right|not\s+too\s+often|take\s+it\s+slow|helped\s+(?:me|us|my|dad'?s?|mum'?s?)\b|no\s+problem)\b"
)
_QUICK = re.compile(
    r"\b(?:in|within|under|after|took|only|just|like)\s+(?:like\s+|about\s+|under\s+)?(?P<n>\d+|a|one|two|three|"
    r"five|ten|few|couple\s+of)\s*(?P<unit>secs?|seconds?|mins?|minutes?)\b"
    # "took a minute to work out" is some effort, not speed
    r"(?!\s+to\s+(?:work\s+out|figure|realis|realiz|understand|get\s+(?:used|my\s+head)))"
)
# "for 40 min", "another hour", "took 25 min", "3 weeks": a long time told as a complaint
_LONG_TIME = re.compile(
    r"(?<!\bonly\s)(?<!\bjust\s)(?<!\bwithin\s)(?<!\bunder\s)(?<!\bin\s)(?<!\bthan\s)(?<!\bearly\s)"
    r"\b(?P<n>\d+(?:\.\d+)?|an?|another|one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty|fifty|"
    r"several|few|couple\s+of)\s*(?:-\s*)?(?P<unit>mins?|minutes?|hrs?|hours?|days?|weeks?|wks?|months?)\b"
    r"(?!\s+(?:early|earlier|ahead|max|tops|at\s+most|before(?!\s+(?:anyone|anybody|someone|somebody|being|a|the|i|we|"
    r"they|he|she|it|my|our)\b)))"
)
_WAITED = re.compile(r"\b(?:wait\w*|queu\w*|on\s+hold|held\s+(?:for|on)|(?:mins?|minutes?|hours?|hrs?)\s+hold|stood|standing|sat|sitting|left|took|late|delay\w*|chas\w*|"
                     r"anyone|anybody|someone|somebody|until|till|still|another|before\s+(?:anyone|being|we|i))\b"
                     r"|\b(?:\d+|an?|one|two)\s*(?:mins?|minutes?|hrs?|hours?)\s+for\s+(?:a|an|one|two|three|\d+|the|my|our)\b")
_SMALL_NUMBERS = {"a": 1, "an": 1, "another": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                  "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "several": 3, "few": 3,
                  "couple of": 2}
# "oh brilliant, the kiosk's broken again", "oh yes, I LOVED doing laps of the car park": praise said in scorn
_SCORN = re.compile(r"\bsaid\s+(?:no\s+one|nobody|noone)\s+ever\b|^(?P<w>great|brilliant|lovely|wonderful|"
                    r"fantastic|perfect|marvellous|"
                    r"super)\s*,?\s*just\s+(?P=w)\b|^(?:oh|ah|wow|well)\s*,?\s*(?:great|brilliant|lovely|"
                    r"wonderful|fantastic|perfect|yes|yay|super|"
                    r"good|marvellous|amazing|joy)\b.*\b(?:again|another|ages|hours?|laps|queue|broken|shock|as\s+usual|"
                    r"of\s+course|typical|spending|stood|waited|waiting)\b"
                    r"|^(?:oh|ah|wow)\s*,?\s*(?:great|brilliant|lovely|wonderful|fantastic|perfect|yes|super|marvellous)\b.*"
                    r"\b(?:lost|forgot|broke|wrong|never|nobody|no\s+one|for\s+the\s+\d+\w*\s+time)\b"
                    r"|\b(?:great|brilliant|lovely|love|wonderful|fantastic|perfect|marvellous)\b[^.!?]*[🙃🙄]")


def nothing_more(said: str) -> bool:
    """Whether an answer says the moment was just what it is ("it was a waiting room. I waited.", "forms are
    forms", "paid. that's it"): dull, whatever wait word it holds."""
    return _NOTHING_MORE.search(said) is not None


def told_complaint(said: str) -> int:
    """How strongly a complaint told as events reads irritating: 2 for a failure or a long wait, else 0."""
    if _COMPLAINT.search(said) or _ASKED_NOT_DONE.search(said):
        return 2
    if not _WAITED.search(said):  # "the doctor spent 20 minutes with me" is time given, not a wait
        return 0
    for m in _LONG_TIME.finditer(said):
        raw, unit = m["n"].lower(), m["unit"].lower()
        n = float(raw) if raw[0].isdigit() else _SMALL_NUMBERS.get(raw, 1)
        if not unit.startswith("min") or n >= 10:
            return 2
    return 0


def told_praise(said: str, complaint: int) -> int:
    """How strongly praise told as events reads shining: 2 for care or speed told ("walked me to the lift",
    "checked in in 30 sec"), 0 beside a complaint or none."""
    if complaint or scorned(said):
        return 0
    if _PRAISE_TOLD.search(said):
        return 2
    for m in _QUICK.finditer(said):
        raw, unit = m["n"].lower(), m["unit"].lower()
        n = int(raw) if raw.isdigit() else _SMALL_NUMBERS.get(raw, 1)
        if unit.startswith("s") or n <= 10:
            return 2
    return 0


def scorned(said: str) -> bool:
    """Whether the praise in an answer is scorn ("oh brilliant, the kiosk's broken again")."""
    return _SCORN.search(said) is not None
