"""Private to bot.nlp.question: the intents, the words the rules care about (intent cues, MOT
synonyms, period words, other languages' function words) and how text is split into words."""

from __future__ import annotations

import re
from collections.abc import Mapping

WEAKEST = "weakest"
STRONGEST = "strongest"
MOT_DETAIL = "mot_detail"
COMMENTS = "comments"
PRACTICES = "practices"
STORIES = "stories"
STORY_COUNT = "story_count"
COMPARE = "compare"
CHART = "chart"
HELP = "help"
RATING_COUNT = "rating_count"
TREND = "trend"
PEOPLE = "people"
OFF_TOPIC = "off_topic"
UNKNOWN = "unknown"
INTENTS = (WEAKEST, STRONGEST, MOT_DETAIL, COMMENTS, PRACTICES, STORIES, STORY_COUNT, COMPARE, CHART, HELP,
           RATING_COUNT, TREND, PEOPLE, OFF_TOPIC, UNKNOWN)
RATINGS = ("shining", "dull", "irritating")
MEASURES = ("told", "credited")  # people rankings: stories shared; colleagues named/praised in stories
# What a window alone offers ("anything for october?": the rules found a period and nothing else): a guess, not
# evidence, so the trained model may read the rest of the words (question_model.settle)
PERIOD_ONLY = (WEAKEST, STRONGEST, STORY_COUNT)


# The period an intent answers for when the question names none (the answer says it was defaulted).
DEFAULT_PERIODS: Mapping[str, str] = {
    WEAKEST: "this_week",
    STRONGEST: "this_week",
    MOT_DETAIL: "this_month",
    COMMENTS: "this_month",
    PRACTICES: "this_month",
    STORIES: "this_week",
    STORY_COUNT: "this_week",
    COMPARE: "this_week",
    CHART: "this_week",
    HELP: "this_week",
    RATING_COUNT: "this_week",
    TREND: "last_8_weeks",
    PEOPLE: "this_month",
    OFF_TOPIC: "this_week",
    UNKNOWN: "this_week",
}

# ---------------------------------------------------------------------------------------------
# Words

_STOPWORDS = frozenset(
    """a an the of to for in on at by with and or but your you my our we us i me it its is was be been
    are were am do did does done how what which who whom whose this that these those from about up out
    into during than so as any all some there their they them he she his her has have had can could
    should would will just not no yes please pls plz s t ll re ve d m let lets get got give show tell
    me here where when why whats thats theres very really much many more most also then""".split()
)

# Words in MOT names that say nothing about which MOT it is.
_GENERIC = frozenset(
    """find go get sit show fill read ask enter take taken be seen see way out back place area lot your
    yourself check receive orient come make have give up during about go with and the""".split()
)

_HOW = "how"
_FOLLOW_UP = "follow_up"
_SMALL_TALK = "small_talk"
_DETAIL = "detail"
_OVERVIEW = "overview"
_HEDGE = "hedge"
_GREETING = "greeting"
_HOW_ARE_YOU = "how_are_you"  # the bot asked about itself, or told "that's all for now": small talk, not help
_RANKING = "ranking"
_RATING_NOUN = "rating_noun"  # ratings, feedback, votes, responses: what a rating count counts
_RECEIVED = "received"  # "ratings received", "did we get": a count without "how many"
_STORY_NOUN = "story_noun"
_WHO = "who"
_TOLD = "told"  # shared, posted, wrote: who tells stories
_CREDITED = "credited"  # mentioned, praised, kudos: who is named in them
_CHANGE = "change"  # getting better/worse: a trend over a long "since", else a comparison
_WORKING = "working"  # "what's working at the front desk": its practices; "what's working for us": the strongest
_SERIES = "series"  # "month on month": period after period, a trend unless two periods are weighed
_EXPLICIT_COMPARE = "explicit_compare"  # "compare", "vs": two periods side by side, whatever else is said
_SHINING, _DULL, _IRRITATING = "r_shining", "r_dull", "r_irritating"  # which ratings to count

# (label, weight, phrasings). Labels are intents or markers. Phrasings are matched on whole words,
# longest first, after MOT phrases have taken their words.
_SAYERS = "patients customers guests people visitors diners clients families folk folks parents patrons".split()
_SAY_VERBS = """say said saying says write wrote written writing tell told telling think thought thinking feel
    felt mention mentioned complain complained moan moaned describe described describing describes""".split()
# "what did patients write", "guests mentioned", "what are diners telling us": what people say (comments)
_SAID_BY = "|".join(f"{who} {verb}" for who in _SAYERS for verb in _SAY_VERBS)

_CUES: tuple[tuple[str, float, str], ...] = (
    (WEAKEST, 3, """weakest|weakest mots|worst|lowest|poorest|bottom|least|weak spots|weak points|dullest|
        weak areas|weaknesses|needs attention|need attention|needs the most attention|
        need the most attention|most attention|needs improvement|need improvement|needs improving|
        need improving|needs work|need work|needs fixing|need fixing|struggling|underperforming|underperform|
        underperforms|underperform most|irritants|irritant|biggest irritants|biggest irritant|irritations|irritation|
        biggest irritations|biggest irritation|goes wrong|go wrong|goes worst|goes wrong most|thumbs down|biggest thumbs down|
        under performing|problem areas|problem spots|pain points|doing badly|doing poorly|doing worst|
        going wrong|went wrong|going badly|went badly|letting us down|falling short|most complaints|
        most negative|lowest rated|lowest scoring|worst rated|worst performing|biggest issues|
        biggest problems|where should we focus|pain point|biggest pain point|biggest gripe|biggest issue|
        biggest problem|fall down|falling down|fell down|fall short|fell short|least popular|underperformed|we falling over|
        we re falling over|are we falling over|we fall over|do we fall over|we fell over|
        least favourite|least favorite|like least|liked least|like the least|let people down||what should we focus on|focus on|red flags|
        trouble spots|least liked|lagging|behind|letting us down|letting patients down|
        letting people down|letting customers down|letting guests down|let down|let us down|
        dropping the ball|dropped the ball|most trouble|the most trouble|pull our socks up|pull up our socks|pull our socks|fumbling|fumble|fumbles|fumbled|going downhill|slipping|dragging us down|dragging down|
        drag us down|drags us down|holding us back|hold us back|hurting us|need to improve|needs to improve|
        need to improve most|improve most|most room for improvement|room for improvement|least happy|
        least satisfied|least pleased|most unhappy|unhappiest|most work|the most work|needs the most|need the most|fix first|fix most|most urgent|top priority|where do we lose|where are we losing|where we lose|losing goodwill|lose goodwill|least shining|least shiny|least good|least positive"""),
    (WEAKEST, 2, "weak|weakness|worse|weaker|problems|problem"),
    (WEAKEST, 3, "bottom box|bottom box share|highest bottom box|getting slated|slated|getting hammered|getting panned"),
    # young people's slang: "mid" is so-so, "slaying" doing brilliantly (not "mid october")
    # crude superlatives: a clear cue (the model's character n-grams read "crappiest" as "happiest")
    (WEAKEST, 6, "crappiest|crappest|most crap|shittiest|shittest|naffest"),
    (WEAKEST, 3, "most mid|so mid|kinda mid|lowkey mid|pretty mid|mid af|giving mid|the most mid|taking an l|taking the l|taking ls"),
    (PEOPLE, 6, """leaderboard|leader board|league table|shoutout leaderboard|shout out leaderboard|kudos leaderboard|
        who s top|whos top|who is top|who was top|who came top|who s on top|who is on top|group by teller|
        who is the hero|who was the hero|who s the hero|who is our hero|who is the star|who was the star|who s the star|
        who is our star|who was our star|who s our star|who are our stars|
        grouped by teller|by teller|per teller|tellers ranked|distinct tellers|rank the tellers|rank tellers"""),
    # an analyst's sort order: ascending puts the lowest first
    (WEAKEST, 3, "score asc|scores asc|rating asc|ratings asc|avg asc|average asc|score ascending|scores ascending|avg score asc"),
    (STRONGEST, 3, "score desc|scores desc|rating desc|ratings desc|avg desc|average desc|score descending|scores descending|"
        "avg score desc|praise most|praised most|praise the most"),
    (STRONGEST, 3, """strongest|best|top|highest|mvp|top performing|best performing|best rated|our star|star moment|
        star moments|star of the show|
        highest rated|highest scoring|top scoring|doing well|doing best|doing great|went well|
        going well|going right|went right|goes well|go well|goes best|goes right|thumbs up|biggest thumbs up|shining|excelling|excel|bright spots|strengths|strong points|
        strong spots|wins|smashing|smashing it|nailing|nailing it|killing it|crushing it|acing|most praised|
        knocking it out of the park|knock it out of the park|knocked it out of the park|hitting it out of the park|
        hit it out of the park|out of the park|most favourable|most favorable|most favourably|most favorably|favourably rated|favorably rated|most compliments|most positive|proud of|celebrate|good news|
        star performers|stand out|standouts|standout|working well|highlights|highlight|high points|best bits|
        carrying us|carry us|carried us|rate most highly|rated most highly|rate highest|rated highest|
        most highly rated|rate best|rated best|rating highest|rating best|rating most highly|rate us highest|
        star of the show|top box|top box share|what s working well|whats working well|
        what is working well|most liked|leading|nail|nailed|
        nailing|smashing it|smashed it|killing it|crushing it|going great|going brilliantly|
        going really well|doing brilliantly|doing really well|our pride|gold stars|getting right|
        get right|got right|shine|do well|does well|doing right|like most|like best|like the most|
        liked most|liked the most|most popular|favourite|favorite|great at|good at|happiest|shines|shined|shone|shines most|rated brilliantly|rated highly|highly rated|rated well|well rated|rated best|brilliantly|outstanding|excellent"""),
    (STRONGEST, 2, "strong|strength|stronger"),
    (STRONGEST, 3, "podium|the podium|on the podium"),
    (WEAKEST, 3, "bottom of the barrel|scraping the barrel|scraping the bottom of the barrel"),
    # "which moments are getting the most 'dull' votes": the moments most often rated so, a weakness
    (WEAKEST, 3, "the most irritating votes|the most irritating ratings|most irritated votes|most irritated ratings"),
    # (the most dull: a ranking by the share of dull ratings, which question.py turns into the weakest)
    (STRONGEST, 3, "the most dull votes|the most dull ratings|most dull votes|most dull ratings"),
    (STRONGEST, 3, "the most shining votes|the most shining ratings|most shining votes|most shining ratings"),
    (STRONGEST, 3, "prefer the most|prefer most|most prefer|most preferred|preferred the most|prefer the best"),  # "the podium of the moments, the 3 first" (French: le podium)
    (STRONGEST, 3, "absolutely eating|lowkey eating|eating it up|slaying|slay|slays|slayed|goated|bussin|the goat|hits different|understood the assignment"),
    (_HOW, 1, """how|how s|hows|how is|how was|how did|how does|how are|how were|how has|how have|how about|
        what s the story with|whats the story with|what is the story with|what s the craic with|
        what s the deal with|whats the deal with|what is the deal with"""),
    (_FOLLOW_UP, 1, "what about|how about|and what about|and how about|same for|and for"),
    (_DETAIL, 2, """tell me about|tell me more about|details|detail|details on|breakdown|drill into|
        drill down|drill down into|deep dive|dig into|news on|news about|any news|latest on|
        break down|score|scores|scored|scoring|rating|ratings|rated|stats|statistics|numbers|figures|
        performance|performing|perform|performed|doing|going|status|update on|update|report on|
        look like|looking|looked|fared|faring|metrics|kpi|kpis|nps|average|avg|info on|information on|
        data on|data for|insight|insights|what happened|happening|how long"""),
    (COMMENTS, 3, """saying|say|says|said|comments|comment|commenting|feedback|quotes|quote|verbatims|free text|freetext|
        free text comments|open text|open comments|free text responses|
        verbatim|remarks|complaints|complaint|complaining|complain|compliments|compliment|praise|
        praising|opinions|opinion|thoughts|views|reviews|review|talking about|talk about|being said|
        feel about|feelings|sentiment|voice of the customer|moaning|moans|grumbles|what do people think|
        what do patients think|what do customers think|what do guests think|what do people say|
        what did people say|what did patients say|what did customers say|what are people saying|
        the word on|word on the street|what s the word|whats the word|read me|read out|read them out|
        what people think|people think|people say|people said|what are patients|what are customers|
        winds people up|wind people up|winds patients up|winds them up|annoys people|annoys patients|
        gets on people s nerves"""),
    (COMMENTS, 3, _SAID_BY),
    (COMMENTS, 3, "patients ask for|people ask for|guests ask for|customers ask for|diners ask for|visitors ask for"),
    (COMMENTS, 2, """mentions|mentioning|mentioned|responses|patients|customers|guests|people|visitors|
        think|thinks|thought|feel"""),
    (PRACTICES, 3, """best practice|best practices|best practise|best practises|good practice|everyone doing it|
        everybody doing it|everyone to do it|everyone does it|things our best people do|what our best people do|
        good practices|good practise|good practises|practice|practices|practise|practises|tips|tip|tricks for|tricks to|tricks of|any tricks|some tricks|
        good ways of|good ways to|best ways of|best ways to|better ways of|better ways to|ways of improving|
        advice|advise|ideas|idea|suggestions|suggestion|recommendations|recommendation|recommend|
        how to improve|how can we improve|how do we improve|how could we improve|how should we improve|
        how to get better|how can we get better|how do we get better|improve|improvement ideas|
        what works|what worked|lessons|lessons learned|lessons learnt|learnings|learn from|other teams|
        others doing|what others do|best way|better way|playbook|guidance|do better|how to fix|
        how do we fix|how can we fix|how to handle|what can we do|what should we do|what can i do|
        how could we|how can we|how might we|how should we|how would we|how could i|how can i|
        make it better|make better|other clinics|other sites|other hospitals|other branches|
        other restaurants|other places|other locations|elsewhere|what are others doing|best clinics|
        best teams|best sites|best hospitals|best restaurants|best in class|best in the business|
        how can i improve|strategies|strategy|how to make|how do we make|how can we make|should we copy|could we copy|
        how staff make|how do staff make|how the team make|how the team makes|how do they make|
        things the team is doing|things the team are doing|things staff are doing|things we are doing|
        what is the team doing|what are the team doing|what are staff doing|
        can we copy|could copy|can copy|might copy|should copy|to copy|worth copying|
        copy from|emulate|replicate|borrow from|steal from|learn from others|copy|copying|copied|standardise|standardize|standardised|standardized|
        make standard|made standard|make it standard|the standard|spread|spread it|spreading|worth spreading|
        worth sharing|worth rolling out|do differently|doing differently|
        does differently|did differently|recipe|recipes|recipes for success|recipe for success|secret sauce|
        what s the secret|whats the secret|what is the secret|the secret to|the secret of|their secret|our secret|
        things to copy|pick up|pick up from|train everyone|train everyone on|train the team|train staff|
        others could|others should|everyone could|everyone should|could learn from|should learn from|copyable|
        staff do well|team do well|team does well|staff does well|staff do right|team do right|staff doing well|
        been doing well with|to pass on|worth passing on|pass on to the others|
        team doing well|staff are doing well|staff behaviours|staff behaviors|behaviours|behaviors|keep doing|
        should we keep doing|key learnings|
        what do our best|what does our best|
        what do the best|what do our top|what do our good|what do the good|
        making standard|making it standard|making them standard|making that standard|making this standard|
        can be followed|could be followed|be followed in|be followed at|be followed by|be followed across|
        be replicated|be copied|be adopted|follow suit|stuff people are doing|things people are doing|
        stuff staff are doing|stuff the team is doing|stuff we are doing|stuff we do|stuff they do|stuff people do|
        people are doing right|people are doing well|bonnes pratiques|bonne pratique|pratiques|things that work|
        things that worked|things that are working|things that work well"""),
    # what staff do that patients like is a practice, not a ranking of moments ("what does the team do that
    # patients love"); what they do that patients hate is left to the other words
    (PRACTICES, 4, "|".join(f"{verb} that {who} {feel}" for verb in ("do", "does", "doing", "did")
                            for who in ("patients", "customers", "people", "guests", "diners", "they", "folk")
                            for feel in ("love", "like", "appreciate", "value", "rave about", "praise"))),
    (PRACTICES, 3, """drivers of great|drivers of good|drivers of excellent|drivers of positive|what drives great|
        what drives good|habits|good habits|habit|ways of working|way of working|standard way of working|
        standard practice|routines|good routines|roll out|rolled out|spread to|share with the other|
        share with other|other shifts|other teams|the rest of the team|everyone else"""),
    (PRACTICES, 2, "improving|improvements|fix|works|handle|handling|deal with|approach"),
    # "what are our best waiters doing right?": what they do, to copy
    (PRACTICES, 4, "best staff doing|best staff do|best people doing|staff doing right|staff do right|people doing right"),
    (STORIES, 3, """stories|story|storys|storie|anecdotes|anecdote|experiences|shout outs|shoutouts|
        shout out|shoutout|kudos|examples|example|latest stories|new stories|recent stories|tales"""),
    (STORY_COUNT, 4, """how many|hw many|how mnay|number of|count|counts|total|totals|tally|volume|no of|quantity|
        how much feedback|how many stories|just the number|just a number|the number only|number only|
        exact number|the exact number|exact figure|the exact figure|exact count|precise number|
        only the number|just the count|just a count|just the total|just a total"""),
    (COMPARE, 4, """compare|compared|comparing|comparison|compair|versus|vs|v s|difference|differences|side by side|
        differ|week on week|week over week|month on month|month over month|year on year|year over year|
        wow|mom|yoy|qoq|quarter on quarter|quarter over quarter|better or worse|getting better or worse|got better or worse|improved|is improving|are improving|is it improving|got better|
        got worse|getting better|getting worse|gone up|gone down|went up|went down|better than|
        worse than|relative to|changed|change|changes|trend|progress|progression"""),
    (COMPARE, 2, "against|than"),
    (COMPARE, 4, """vs before|versus before|v before|vs beforehand|before vs after|before versus after|the month prior|the month before|the week prior|the week before|the previous month|
        the previous week|the prior month|the prior week|the quarter before|the quarter prior|before that|
        compared to before|compared with before"""),
    (_WORKING, 0, """what s working|whats working|what is working|what s been working|whats been working|
        do right|does right|doing right|get right|gets right|getting right"""),
    (_SERIES, 0, """week on week|week over week|month on month|month over month|year on year|year over year|
        quarter on quarter|quarter over quarter|monthly breakdown|weekly breakdown|monthly distribution|
        weekly distribution|monthly figures|weekly figures|monthly numbers|weekly numbers|monthly please|
        weekly please|monthly view|weekly view|monthly split|weekly split|monthly series|weekly series|
        broken down by month|broken down by week|split by month|split by week"""),
    (_EXPLICIT_COMPARE, 0, "compare|compared|comparing|comparison|compair|versus|vs|v s|side by side|against"),
    (_RATING_NOUN, 0, """rating|ratings|rated|rate|rates|feedback|feedbacks|responses|response|votes|vote|thumbs up|thumbs down|
        voted|reviews|review|survey|surveys|survey responses|scores|answers|replies|complaints|complaint|
        compliments|compliment|gave feedback|left feedback|rated us|customer ratings|patient ratings|
        responded|respond|responding|replied|reply|answered|took part|filled in|filled out|entries|entrys|feedback entries|feedback entrys|
        survey entries|rating entries"""),
    (RATING_COUNT, 5, """how much feedback|feedback volume|volume of feedback|rating count|ratings count|
        sample size|sample sizes|the n for|n for|whats the n|what s the n|what is the n|response count|
        response rate|number of responses|base size|base sizes|the base for"""),
    (_RECEIVED, 0, """received|came in|come in|got|get|had|have we had|did we get|have we got|collected|
        so far|in total|tally"""),
    (_STORY_NOUN, 0, "stories|story|storys|storie|shout outs|shoutouts|kudos|anecdotes|tales|storytellers"),
    (_WHO, 0, """who|who s|whos|which staff|which staff member|which colleague|which colleagues|
        which team member|which person|which member of staff|which employee|which of us|storytellers|
        which of the team|which of our team|which of my team|who in the team|who on the team|who on our team|
        which of the staff|which of our staff|
        storyteller|leaderboard|top contributors|contributors|most active"""),
    (_TOLD, 0, """told|tell|tells|telling|shared|share|shares|sharing|posted|post|posts|posting|wrote|
        written|write|writes|writing|submitted|submit|submits|logged|log|contributed|contributes|sent|
        added|storytellers|storyteller|contributors|most active"""),
    (_CREDITED, 0, """mentioned|mentions|mention|mentioning|named|praised|praise|shout outs|shoutouts|star|stars|
        superstar|superstars|star of the week|star of the month|
        shout out|kudos|credited|credit|thanked|recognised|recognized|recognition|appreciated|recognise|
        recognize|recognising|recognizing|thanks|thank yous|thank you notes|thanks notes|
        gets the most praise|got the most praise"""),
    (TREND, 5, """trend|trends|trending|trended|over time|week by week|month by month|week to week|rolling average|
        rolling avg|moving average|moving avg|
        weekly movement|monthly movement|the movement|
        month to month|week after week|month after month|over the weeks|over the months|weekly trend|
        monthly trend|trajectory|sparkline|time series|series|up or down|trending up|trending down|
        evolution|evolved|tendency|tendencies|each month|every month|per month|by month|each week|every week|per week|by week|
        each quarter|every quarter|per quarter|by quarter|month on month trend|week on week trend|
        used to be|than it used to|than they used to|used to|a while back|a while ago|than before|
        which way|which direction|direction of travel|heading up|heading down|on the up|on the way up|
        on the way down|evolve|evolves|evolving|develop|develops|developed|developing|development|
        day by day|day to day|each day|every day|per day|by day|daily trend|rolling average|rolling averages|
        rolling avg|rolling mean|moving average|moving averages|moving avg|rolling 4 week|rolling four week|rolling 4 weeks|
        rolling 12 week|rolling 3 month|rolling 3 months|4 week rolling|rolling weekly|rolling monthly|
        longer and longer|longer n longer|worse and worse|worse n worse|better and better|better n better|
        more and more|more n more|slower and slower|fewer and fewer|less and less"""),
    (_CHANGE, 0, """getting better or worse|got better or worse|gotten better or worse|
        getting better|getting worse|got better|got worse|gotten better|gotten worse|
        improving|improved|deteriorating|deteriorated|declining|declined|worsening|worsened|
        better or worse|going up|going down|gone up|gone down|moved|moving|shifted|shifting|changed|changing|
        sliding|slid|slipping|slipped|dropping|dropped|falling|fallen|fell|rising|risen|rose|climbing|
        climbed|picking up|picked up|recovering|recovered|tailing off|tailed off|on the rise|on the increase|
        get worse|get better|gets worse|gets better|moves|eased|easing|eased off|got easier|getting easier|
        any easier|any better|
        on the decrease|on the decline|increasing|decreasing|dipping|dipped|decline|declines|improvement|improvements|deterioration|downhill|going downhill"""),
    (_SHINING, 0, """shining|shine|shiny|positive|happy|good|great|glowing|compliments|compliment|praise|
        five star|5 star|thumbs up|green|delighted|pleased|promoter|promoters"""),
    (_DULL, 0, "dull|neutral|passives|meh|indifferent|so so|middling|average|ok|okay|lukewarm|grey|gray"),
    (_IRRITATING, 0, """irritating|irritated|irritation|negative|angry|annoyed|annoying|bad|unhappy|
        complaints|complaint|poor|red|thumbs down|frustrated|upset|one star|1 star|detractor|detractors"""),
    (CHART, 5, """chart|charts|graph|graphs|plot|plots|visual|visuals|visualise|visualize|visualisation|
        visualization|diagram|picture|image|dashboard|radar|spider|heatmap|heat map|bar chart|
        pie chart|infographic|draw|chrat"""),
    (_OVERVIEW, 1, """overview|summary|summarise|summarize|recap|report|scorecard|round up|roundup|
        snapshot|big picture|the picture for|the picture on|the picture with|the picture at|picture for|
        picture on|what s the picture|whats the picture|
        how are we doing|how did we do|how we doing|how is it going|how s it going|
        hows it going|how are things|how did it go|how are we|everything|all mots|all moments|
        all the mots|how did we get on|how are we getting on"""),
    (HELP, 3, """help|what can you do|what can i ask|what do you do|how does this work|how do i use|
        how to use|commands|command|instructions|usage|menu|options|what are my options|who are you|
        getting started|get started|faq|manual|hlep|halp|what do i ask|what should i ask|
        what can this bot do|what can the bot do|what does this bot do|what does the bot do|
        what can this do|what is this|what s this|how do you work|what are you|questions can i ask|
        what questions|kind of questions|what to ask|examples of questions|what do you know"""),
    (_GREETING, 1, """hi|hello|hey|hiya|morning|good morning|afternoon|good afternoon|start|yo|howdy|
        how are you|how are you doing|how r u|how s it going with you"""),
    (_HOW_ARE_YOU, 0, """how are you|how are you doing|how are you today|how r u|how ru|how are u|how s it going with you|
        how you doing|how you doin|how ya doing|how s your day|how is your day|how s your day going|how was your day|
        hows your day|hows your day going|hows ur day|hows it going with you|hows you|
        you good|you ok|you okay|are you well|are you ok|you alright|how have you been|do you have feelings|
        are you a robot|are you human|are you real|that s all for now|that s all|that ll be all|that will be all|
        all for now|that s it for now|that s everything|nothing else for now"""),
    (_SMALL_TALK, 0, "thanks|thank you|thx|ta|cheers|ok|okay|k|lol|bye|great|cool|nice|good|yes|no|sure"),
    (_HEDGE, 0, "hmm|hmmm|hm|um|umm|uh|erm|er|maybe|perhaps|idk|dunno|not sure|i guess|or something"),
    (_RANKING, 0, """mot|mots|moments|moment|moments of truth|touchpoints|touchpoint|touch points|
        touch point|steps|step|areas|area|stages|stage|parts|part|things|bits|ones|which|rank|ranking|
        ranked|leaderboard"""),
)

# Synonyms a manager uses for MOTs that any cycle might have. (phrasings, targets[, weight: 2.0]): a phrasing
# points at every MOT whose id/name/aliases contain all the words of one of the targets.
_CONCEPTS: tuple[tuple[str, str] | tuple[str, str, float], ...] = (
    ("""parking|park|car park|carpark|car parks|parking lot|parking lots|parking space|parking spaces|
        parking spot|parking spots|parking place|place to park|somewhere to park|space to park|
        parking bays|parking garage|garage|valet|
        multi storey|multistorey|multi story|disabled bays|disabled bay|blue badge|blue badge bays|disabled parking|accessible parking|parking structure|car parking|finding a spot|finding a space|find a spot|find a space|get a space|getting a space|circling|parked|potholes|pothole""", "parking"),
    ("""leaving the car park|leaving the parking|leave the car park|exit the car park|exiting the car park|
        getting out of the garage|get out of the garage|out of the garage|leaving the garage|exiting the garage|
        car park exit|parking exit|barrier|barriers|parking barrier|parking barriers|car park barrier|
        getting out of the car park|getting out of the carpark|get out of the car park|get out of the carpark|
        getting out of the parking|driving out|drive out|leaving the carpark|exit the carpark|exiting the carpark|
        exit barrier|exit barriers|ticket barrier|parking machine|parking meter|parking ticket|pay station|
        pay stations|pay and display|parking pay machine|parking pay machines|
        pay for parking|paying for parking|parking fees|parking fee|parking charges|parking payment|
        exit from the parking lot|exit from parking lot|exit from the car park|exit from car park|exit the parking lot|
        exiting the parking lot|getting out of parking lot|getting out of the parking lot|leaving the parking lot|
        leaving parking lot|out of the parking lot|out of parking lot|out of the car park|parking lot exit|
        validation|parking validation|ticket machine|ticket machines|boom gate|boom gates|exit lane|exit gate|getting out of the lot|leaving the lot|barrier arm""",
        "drive out"),
    ("""check in|checkin|checking in|checked in|reception|receptionist|receptionists|front desk|
        registration|registering|register|sign in|signing in|arrival desk|kiosk|check in desk|front counter|
        front office|the front office|
        checking patients in|checking in patients|checking people in|the counter|
        booking in|booked in at reception|arrivals desk|arrival kiosk|self check in|front desk staff""",
        "check in"),
    ("""waiting room|waiting rooms|waiting area|waiting areas|waiting|wait|waits|the wait|wait time|
        wait times|waiting time|waiting times|delay|delays|waiting list|lobby|lobby wait|waiting in the lobby|
        lounge|running late|running behind|clinic running late|sitting around|kept waiting|wait to be seen|waiting to be seen|late running""", "wait room; wait area"),
    ("""doctor|doctors|doc|the doc|gp|gps|consultant|consultants|consultation|consultations|physician|
        physicians|dr|medic|clinician|clinicians|specialist|seeing the doctor|dentist|dentists|the dentist|
        chair time|treatment plan|treatment plans|treatment plan explanation|explaining treatment plans|
        explaining the treatment plan|explaining treatment|physio|physios|physiotherapist|physiotherapists|
        physio session|physio sessions|seeing the physio|the physio|
        provider|providers|md|mds|the consult|consult|bedside manner|surgeon|surgeons|being seen by""", "physician; doctor"),
    ("""signs|sign|signage|signposting|signposted|signposts|sign posts|wayfinding|way finding|maps|map|
        signs in building|signs in the building|signs in the hospital|signs in the clinic|
        arrows|floor lines|coloured lines|colored lines|colour coded|color coded|wall directory|wall directories|directory board|directories|floor plan|floor plans|you are here""",
        "read sign; signage; signpost"),
    ("""directions|direction|asking the way|asking for directions|finding the way|find our way|ask the way|
        ask for directions|asking staff the way|ask staff the way|asking someone the way|asking for the way|
        for the way|asking staff for the way|ask staff for the way|
        asking staff for directions|
        getting lost|got lost|volunteers|volunteer|help desk|information desk|
        meet and greet|pointing people|pointed the right way|pointing the way|shown the way|show the way|showing the way|concierge|lost patient|lost patients|people who are lost|stopped in the corridor""", "direction"),
    ("""entrance|entrances|entry|lobby|foyer|front door|the front door|the front entrance|the front doors|
        the front gate|doors|building|way in|walking in|
        finding the way in|find the way in|finding our way in|finding the entrance|find the entrance|
        first impressions|first impression|
        entryway|main hall|main entrance|concourse|automatic doors|revolving door|front steps|coming in the door""", "enter; entrance"),
    ("""forms|form|paperwork|insurance|insurance card|insurance cards|consent form|consent forms|admin|
        new patient packet|patient packet|intake forms|intake form|intake paperwork|clipboard|questionnaire|questionnaires|registration forms|registration form|photo id|insurance details|medical history form""",
        "form; insurance"),
    ("""escort|escorted|called in|being called|fetched|exam|exams|exam room|exam rooms|examination room|
        examination|treatment room|operatory|the operatory|walk back to the operatory|walking pts back|
        walking patients back|walked back to the room|walk to the exam room|walk back to the exam room|cubicle|cubicles|
        walks patients through|walk patients through|walking patients through|walks them through|walked through to|
        from the waiting room to|from the waiting area to|from waiting room to|from the waiting room through to|
        rooming|roomed|come get the patient|calling patients names|calling names|name called|names called|walking them back|walk them back|led down|taken through|hand off|handoff|consulting room|consult room|medical assistant|medical assistants""",
        "escort; exam"),
    ("""vitals|vital signs|obs|observations|blood pressure|bp|temperature|weighing|height and weight|weight|height|weighing scales|
        pulse|oxygen|sats|oxygen sats|o2 sats|bp cuff|heart rate|thermometer""", "vital"),
    ("""interview|history|symptoms|assessment|triage|listened|being listened to|condition|feel heard|felt heard|
        hearing them out|hear them out|what brought them in|chief complaint|hx|history taking|hx taking|medical history|
        meds and allergies|repeating their story|intake interview""", "interview"),
    ("""tests|test|blood test|blood tests|bloods|scan|scans|x ray|x rays|xray|xrays|lab|labs|
        investigations|measurements|phlebotomy|phlebotomist|phlebotomists|blood draw|blood draws|blood sample|blood samples|urine sample|samples taken|mri|ultrasound|
        diagnostics|diagnostic|ecg|ekg|ecgs|imaging|radiology|ct|ct scan|echo|swab|swabs|biopsy|biopsies""", "test"),
    ("results|result|test results|lab results", "result"),
    # said with a test beside them, these are the wait for its results, not the test ("left in the dark after tests")
    ("""hearing nothing|left in the dark|limbo|chasing results|pending results|results pending|lab processing|
        waiting for news|waiting for the news|the gap between the test|gap between the test|gap after the test""",
        "wait result", 2.1),
    # ... and the way back out to the car, though finding one's way is asking for directions
    ("""finding the way out|find the way out|finding their way out|back to their car|back to the car|back to my car|
        get back to the car|get back to their car|getting back to their car|getting back to the car|patients back to parking|
        them back to parking|people back to parking|him back to parking|her back to parking|guests back to parking|
        back to the car park|back to the carpark""", "back car", 2.1),
    ("""car park machine|car park machines|carpark machine|carpark machines|parking lot machine""", "drive out", 2.1),
    ("breaking bad news|bad news", "receive result"),
    ("rebooking at the desk|rebooking", "pay; bill"),
    # what people say a moment by (third development author): a shade over the single words they share with
    # another moment ("the lobby when people first walk in" is walking in, not waiting)
    ("parkade|lack of spaces|no spaces|free spaces|visitor spaces|spaces free", "parking", 2.1),
    ("first walk in|step inside|steps inside|walk in the door|walking in the door|coming in the door", "enter; entrance", 2.1),
    ("arrows|signs point|floor markings|signposts", "read sign; signage; signpost", 2.1),
    ("""asking a porter|ask a porter|where to go|how to get to|take people where|taking people where|point vaguely|
        pointing vaguely|from the car park to reception|escorting visitors|stopping a nurse|stop a nurse""", "direction", 2.1),
    ("arrival touchscreen|touchscreen|check in screen|arrival screen|self check in screen", "check in", 2.1),
    ("""registration packet|eligibility|eligibility verification|demographics|demographics sheet|hipaa|
        privacy acknowledgment|privacy acknowledgement""", "form; insurance", 2.1),
    ("""before being called|before they are called|before their name gets called|sat an hour|sit before|
        hanging about|hanging around|kids corner|kids' corner|the chairs""", "wait room; wait area", 2.1),
    ("""call patients back|calling patients back|collecting patients|collect patients|leading someone back|
        leading patients back|brought through|bringing them through|showing people to the chair|to the consulting room|
        handover from the waiting area|from the waiting area to""", "escort; exam", 2.1),
    ("routine measurements|measurements before the doctor|height and weight", "vital", 2.1),
    ("""hpi|pre consult questioning|subjective assessment|what s been going on|whats been going on|
        history of present illness""", "interview", 2.1),
    ("""patient balances|time of service|next appt on the way out|next appointment on the way out|
        booking the next appt|booking the next appointment|interac|interac tap""", "pay; bill", 2.1),
    ("""lift down to the parking|to their vehicle|to their vehicles|leaving the hospital|parking level after|
        on foot to""", "back car", 2.2),
    ("anpr|parking fines|parking fine|pay on foot|pay on foot machine|eating tickets", "drive out", 2.2),
    ("""lag between tests|lag between the tests|results are pending|while results are pending|chasing the lab|
        only call if|time to report|gap before|news comes""", "wait result", 2.2),
    ("report explained|reports explained|hearing the outcome|outcome of the tests|outcome of their tests", "receive result", 2.2),
    ("""post op phone call|post op call|post op calls|ringing patients back after|courtesy call|courtesy calls|
        a few days later|days later""", "follow", 2.2),
    ("rezzies|rezzy|rezzie", "book; appointment", 2.1),
    ("saying hiya|saying hello when|when people come in|when guests come in", "greet; arrive", 2.1),
    ("put by the toilets|chairs|comfortable chairs|where diners are put|table placement", "seat", 2.1),
    ("specials explained|explaining the specials|explain the specials", "order", 2.1),
    ("""everything alright|is everything alright|hovering|coming round while|while people eat|while they eat|
        keeping an eye on tables|keep an eye on tables|checking during meal|checking during the meal|checks during the meal|
        checking on tables|checking on the table|checking in on tables""", "check back", 2.2),
    ("overcharges|overcharged|overcharge|the tab|pdq|pdq machine|tipping prompt|card terminal", "pay; bill", 2.1),
    ("""cloakroom|seeing guests out|seeing people out|see guests out|exit experience|ta ra|tara|thanking people on the way out|
        thanking guests on the way out|end of the night""", "leave; goodbye", 2.2),
    # (fifth development author)
    ("when u first come in|when you first come in|first come in|main lobby|first arrive", "enter; entrance", 2.15),
    ("direction boards|direction board|signboards|signboard|sign boards|sign board|signage boards", "read sign; signage; signpost", 2.15),
    ("""walking patients to the clinic|taken to outpatients|escorting lost patients|
        where x is|tell me where|find the clinic|how to find""", "direction", 2.2),
    ("first turn up|people first turn up|ppl first turn up|recep", "check in", 2.1),
    ("medical history questionnaire|history questionnaire", "form; insurance", 2.2),
    ("seating area|seating area outside", "wait room; wait area", 2.2),
    ("calling patients through|calling a name|come on through|walking off before", "escort; exam", 2.2),
    ("""intake conversation|describing their problem|what brings you in|same questions over and over|
        asked the same questions""", "interview", 2.2),
    ("out desk", "pay; bill", 2.1),
    ("""getting lost on the way out|lost on the way out|looking for the way out|trip back to the carpark|
        trip back to the car park|which door to leave by|leave by|way back to the car|way back to their car|
        way back to the car park|way back to the carpark|way back out to the car|way back out to the car park|
        way back to the parking|way back out to the parking|find their way back|finding their way back|
        find the way back|finding the way back|find my way back|find our way back""", "back car", 2.3),
    ("""kept in the loop while awaiting|awaiting results|while awaiting|not hearing anything after|
        chasing their results|hearing back""", "wait result", 2.3),
    ("outcome of tests|the outcome", "receive result", 2.2),
    ("""referred on|referred on to a specialist|referral to a specialist|ongoing care|after they go home|
        after going home""", "follow", 2.2),
    ("res line|securing a table|secure a table|table in advance", "book; appointment", 2.2),
    ("first hello", "greet; arrive", 2.1),
    ("by the loos|stuck by the loos|by the toilets", "seat", 2.1),
    ("allergen|allergens|allergen questions|recommending dishes|with the menu", "order", 2.2),
    ("grub|the grub", "serve"),
    ("""checking in during the meal|during the meal|two bite check|coming back to ask|interrupted too much while eating|
        how is everything|topping up drinks during""", "check back", 2.3),
    # (sixth development author: US clinic operations and a café)
    ("""handicap spaces|handicap parking|handicapped parking|overflow lot|overflow parking|snagging a spot|snag a spot|
        grab a spot|grabbing a spot""", "parking", 2.15),
    ("come through the door|coming through the door|came through the door", "enter; entrance", 2.15),
    ("suite numbers|room numbers on the walls|numbers on the walls|door numbers", "read sign; signage; signpost", 2.15),
    ("""waved at a hallway|walking patients over|walk patients over|walking people over|walk people over|ambassador|
        ambassadors|find the right suite|find the right clinic|find the right department|the way to the clinic|
        the way to reception|three different people|people the way|patients the way|them the way|folks the way|
        visitors the way""", "direction", 2.2),
    ("got to the desk|get to the desk|anyone acknowledged|acknowledged them|not on the schedule", "check in", 2.15),
    ("""med history forms|history forms|e intake|paper forms|financial policy|policy forms|drivers license|
        driver s license|scanning the insurance card|scanning insurance cards|scan the insurance card""",
        "form; insurance", 2.25),
    ("""provider is running behind|doctor is running behind|running behind|updating patients when""",
        "wait room; wait area", 2.2),
    ("""time to go back|being taken back|taken back|when brought back|brought back|come get folks|come get patients|
        come and get them|names being yelled|yelled across|standing in the hallway|walking too fast|
        call back from the lobby|callback from the lobby|from the lobby to the exam""", "escort; exam", 2.25),
    ("on the scale|the scale being|weighing scale", "vital", 2.15),
    ("""intake questions|med rec|medication reconciliation|allergy review|reason for visit|pre provider|
        screening questions|describing what s wrong|get a word in|typing into epic|typing into the computer""",
        "interview", 2.25),
    ("sent downstairs for|the tech explained|tech explained", "test", 2.15),
    ("""no word on|nobody calling to say|results were delayed|labs are still out|still out|keeping pts posted|
        keep pts posted|keeping patients posted|took two weeks|hearing anything|results are taking|
        results taking forever|results taking ages|results taking so long|to hear back|waiting to hear|
        wait to hear|waiting of the results|waiting of results|wait of the results""", "wait result", 2.3),
    ("""test numbers|numbers mean|results are explained|going over the scan|scan findings|labs back|
        get their labs""", "receive result", 2.3),
    ("exit desk|checkout desk|check out desk|booking the next visit|book the next visit", "pay; bill", 2.3),
    ("""find the exit|finding the exit|which elevator|elevator back|back to the deck|skybridge|back to the garage|
        guiding patients out|out of the building to the car""", "back car", 2.3),
    ("""out of the deck|garage exit|booth attendant|parking booth|exit booth|paying to get out|pay to get out|
        pay machine of the parking|machine of the parking|parking pay machine|parking machine|parking at the exit|
        parking pay station|pay machine at the car park|pay machine in the car park|pay machine at the carpark|
        pay machine at the exit|car park exit|carpark exit|car park pay machine|carpark pay machine|
        pay machine at the barrier|paying at the barrier|pay at the barrier|paying at the car park barrier|
        pay at the car park barrier|paying at the parking barrier|barrier on the way out|paying at the exit barrier|
        pay at the exit barrier|paid at the exit barrier""",
        "drive out", 2.35),
    ("""checking on them after|check on them after|portal messages|care manager|care coordinator|nurse navigator""",
        "follow", 2.3),
    ("came in to eat|come in to eat|greeter|greeters|greeting at the door", "greet; arrive", 2.2),
    ("kitchen door|by the kitchen|next to the kitchen|near the kitchen", "seat", 2.2),
    ("""entrees|entree|entrées|entrée|burger|burgers|overcooked|undercooked|lukewarm|the soup|mains|main course|
        starters|when it comes out|when it came out|when they come out|when they came out|comes out of the kitchen|came out of the kitchen|land on the table|
        lands on the table|landed on the table|landing on the table|hits the table|hit the table|arrives at the table|
        arrive at the table|arrived at the table|reach the table|reaches the table|reached the table|
        when it lands|when they land""", "serve", 2.1),
    ("""flag someone down|flag down|flagging down|refill|refills|stopping by tables|stopping by the table|
        stop by tables|anyone s attention|someone s attention|attention while eating""", "check back", 2.3),
    ("card reader|settling the bill|settling up|settle up|settle the bill", "pay; bill", 2.2),
    ("""walk out|walked out|walking out|heading out|head out|holding the door|come back soon|last 30 seconds|
        on their way out""", "leave; goodbye", 2.3),
    # ... and of the two, bare "results" is receiving them (every outside author read it so): a shade more
    ("""results|result|test results|lab results|test outcomes|outcomes|lab reports|lab report|scan report|scan reports|
        results letters""", "receive result", 2.05),
    ("""waiting for results|wait for results|the wait for results|the wait for the results|
        the wait for test results|waiting for test results|waiting for the results|waiting on results|
        waiting for my results|waiting for their results|waiting for lab results|results wait|turnaround|turnaround time|hearing back|
        waiting to hear|waiting on test results|waiting on the results|waiting on their results|
        waiting on lab results|wait on results|waiting for reports|waiting for the reports|waiting for report|
        reports waiting|report waiting|waiting for test reports|waiting for their lab results|
        waiting for their test results|the wait for their test results|the wait for their results|
        wait for their test results|wait for their lab results|
        results being late|results were late|results are late|results late|late results|results delayed|results slow|
        slow results|results overdue|overdue results|results not back|results still not back|results back late|
        tat|results delays|result delays|delayed results|chasing results|chasing test results|chasing lab results|chasing the results|chasing up results|chasing up test results|pending results|results pending|limbo|hearing nothing|left in the dark|waiting for news|lab processing""", "wait result"),
    ("""getting results|receiving results|getting their results|getting the results|getting my results|
        get their results|get the results|got their results|receive results|received results|results letter|results explained|explaining results|
        receiving their results|receive their results|received their results|receiving my results|receiving the results|
        receiving your results|receive the results|receiving of results|receiving of the results|receipt of results|
        receipt of the results|the receiving of results|
        being told the results|giving results|explained|explaining|explanation|explain|went through the results|
        went through results|went through their results|
        results conversation|results conversations|handing out results|handing results|giving out results|
        giving test results|giving the results|sharing results|sharing the results|discussing results|
        results discussion|results discussions|results appointment|breaking results|telling results|
        talked through the results|talked through results|talk through results|talk through the results|
        go through the results|go through results|receiving reports|receiving of reports|report delivery|
        reports delivery|results delivery|delivery of results|delivery of reports|getting reports|collecting reports|
        results calls|results call|results phone calls|
        calling with results|calls with results|results by phone|results back|lab results back|
        get their results back|getting their results back|give patients their results|give them their results|
        giving patients their results|way we give results|results back to|getting results back|
        giving folk their results|giving people their results|giving results to""", "receive result"),
    ("""payment|payments|paying|pay|bill|bills|billing|the bill|checkout|check out|checking out|
        invoice|card machine|till|settling up|settle up|co pay|copay|copays|co pays|chip and pin|chip & pin|
        receipt|receipts|cashier|cashiers|cash counter|cash counters|billing counter|billing desk|eftpos|card terminal|contactless|tap to pay|payment desk|pay desk|service charge|gratuity|splitting the bill|split bill|split the bill""", "pay; bill"),
    ("""booking|bookings|book|appointment|appointments|making an appointment|reservation|reservations|
        reserve|phone line|phone lines|phones|phone|getting through|scheduling|schedule|call centre|
        call center|online booking|
        switchboard|ringing up|ring up|get a slot|getting a slot|slots|availability|booking line|appointment line|phone booking|on hold|hold times|opentable|open table|resy|getting a table|table booking|booking a table""", "book; appointment"),
    ("""follow up|followup|follow ups|follow calls|follow call|follow on calls|aftercare|after care|referral|referrals|callback|call back|
        continuity|recall|recalls|recall calls|recall call|
        f u|post visit call|post visit calls|post visit phone calls|ringing them afterwards|after discharge|discharge|welfare call|welfare calls|staying in touch""", "follow"),
    ("""back to the car|way back|way back to the car|finding the way back|find the way back|
        finding my way back|find my way back|finding our way back|find your way back|finding the car|find the car|walk back|walking back|exit|exits|way out|
        finding the exit|getting out|return to the car|porter|
        leaving the building|route back|return trip|back out|get back out|getting back out|walk to the car|getting back to the car park""", "back car"),
    ("""leave|leaving|goodbye|goodbyes|farewell|coats|saying goodbye|departure|last impression|send off|sendoff|send offs|
        seeing folk off|seeing people off|seeing diners off|see folk off|
        saying bye|say bye|say goodbye|saying byes|the goodbye|the bye|byes|cheerio|saying cheerio|say cheerio|
        ta ra|tara|seeing them off|see them off|
        see off|seeing off|seeing guests off|on the way out|rushed out|coat check""",
        "leave; goodbye"),
    ("""greeting|greeted|greet|welcome|welcomed|welcoming|host|hostess|door|front door|arrival|arriving|saying hello|
        say hello|queue outside|the queue outside|queue out the door|queueing outside|queuing outside|the line outside|
        arrive|
        maitre d|maître d|host stand|acknowledged|walk ins|walk in|meet and greet""", "greet; arrive"),
    ("""seating|seated|seat|seats|table|tables|being seated|getting seated|getting sat|get sat|got sat|
        being sat|sat down|sitting down|slurp counter|bar seats|counter seats|the counter seats|getting guests sat|get guests sat|getting people sat|seat guests|
        seating guests|seating people|get sat|wait to get sat|wait for a table|
        booth|booths|seating plan|where they re put|wait to be sat|table allocation|window table|high chairs""", "seat"),
    # the waiting staff, when nothing else is named, are the ordering ("what do guests think of the waiters"), a
    # shade less than a moment named beside them ("what do our waiters do at the farewell": leaving)
    ("waiter|waiters|waitress|waitresses", "order", 1.9),
    ("""ordering|order|orders|menu|menus|taking the order|drinks order|allergies|
        allergy|order taking|taking orders|orders taken|
        dietary requirements|dietary|dietaries|gluten free|vegan options|recommendations|upselling|wine list|drinks|cocktails""", "order"),
    ("""food|meal|meals|dishes|dish|starter|starters|mains|main course|dessert|desserts|kitchen|
        serving|the pass|food coming out|food out|plates|entrees|entree|apps|appetizers|mains coming out|
        coming out|ticket times|plates coming out|bowls|bowls come out|bowls coming out|fries|burgers|
        the chips|the fries|the burgers|fish and chips""", "serve"),
    ("""checking on us|checked on us|check on us|checking back|check back|checked back|table check|
        checking on|checked on|check on|checks on|checking in on|checked in on|check in on|checking up on|
        checking on tables|checking on the table|checking on them|checking on diners|checking on guests|
        checking on customers|check ins during the meal|coming back to the table|table touches|table touch|
        touching tables|table visits|
        two minute check|everything ok|topping up water|top ups|attentiveness|attentive|reading the table|disappearing|never coming back|mid meal|mid meal check""",
        "check back"),
    # a hospitality front-of-house's words (the seventh moments author: a private hospital group and a restaurant)
    ("""looks lost|look lost|looking lost|looked lost|seems lost|seem lost|lost in the corridor|lost in the corridors|
        asks for help finding|asked for help finding|where the clinic is|where the department is""", "direction", 2.3),
    ("""checking guests in|check guests in|checking patients in|check patients in|checking people in|check people in|
        booking guests in|booking patients in""", "check in", 2.3),
    ("""policy details|guarantee letter|guarantee letters|id and policy|insurance policy|policy number|pre authorisation|
        pre authorization|pre auth|preauth""", "form; insurance", 2.3),
    ("""called through|being called through|called through to|walk to the clinic room|walk from the lounge|walk to the consulting room|
        walked to the clinic room|shown through|being shown through|shown to the clinic room""", "escort; exam", 2.3),
    ("""clerking|clerking questions|clerked|intake questions|intake nurse|history taking|the nurse s questions|
        the questions the nurse|pre consultation questions""", "interview", 2.3),
    ("scanner|the scanner|in the scanner|mri scanner|ct scanner", "test", 2.3),
    ("""settling the account|settle the account|settling up|settle up|settling the bill|settle the bill|
        paying the account|pay the account""", "pay", 2.3),
    ("""way back to the parking|way back to the car park|way back to the car|lift down to the car park|
        lift back to the car park|find their car|finding their car|back to their cars""", "back car", 2.3),
    ("""pay on exit|pay on exit machine|exit machine|exit machines|parking when they exit|
        exit ticket|exit tickets""", "drive out", 2.3),
    ("""bloods to come back|results to come back|come back from the lab|radio silence|waiting to hear|waiting to hear back|
        still being processed|being processed|results not back yet|report wasn t back yet|
        wait for histology|waiting for histology|histology""", "wait result", 2.3),
    ("""ring back after|ring-back|ring back after the appointment|post visit call|post visit calls|post visit check in call|
        calling a patient at home|call patients at home|calling patients at home|wrote to the gp|rang the gp|
        letter to the gp|gp letter|gp letters|ring back after the appt""", "follow", 2.3),
    ("""booking widget|reservation widget|booking system|booking app|reservation system|book online|booking online""",
     "book; table", 2.3),
    ("""walking guests to their table|walk guests to their table|walked to their table|shown to their table|
        shown to the table|banquettes|banquette|booths|booth|the table they were given""", "seat", 2.3),
    ("sommelier|sommelier moment|wine pairing|wine pairings|the wine list", "order", 2.3),
    ("""ask if everything|asking if everything|asked if everything|everything s fine|everything fine|
        needs something while eating|while they eat|while eating|spotting a problem with a dish""", "check back", 2.3),
    ("""sending guests off|send guests off|sending them off|say goodnight|saying goodnight|said goodnight|
        end of the evening|end of the meal|on their way out""", "leave; goodbye", 2.3),
)

_PERIOD_WORDS = """today tonight yesterday week weeks weekend month months year years fortnight quarter
    days hours since between last this past previous until january february march april may june july
    august september october november december monday tuesday wednesday thursday friday saturday
    sunday""".split()

# Function words of other languages that English questions do not use: two or more of them, and
# more of them than English stop words, means the message is not in English.
_FOREIGN = frozenset(
    """le la les est était cette semaine une du quel quels quelle quelles qui avec pour sur dans
    el los las está esta qué cómo cuál cuáles del por para una semana fue
    der das ist diese woche wie welche welcher welches und nicht mit für ein eine war
    il gli è questa settimana quale quali sono della com qual quais são foi""".split()
)

# Feelings, as lemmas (bot.nlp.question_spelling._lemma): a sentence about where people feel these
# most is asking for the weakest (or strongest) moments, whatever the exact verb form.
_NEGATIVE_LEMMAS = frozenset(
    """hate dislike annoy irritate frustrate bug upset anger infuriate disappoint fail struggle gripe moan
    grumble bother irk unhappy dissatisfied displeased painful nightmare hassle suck detest loathe pain
    headache detractor flop tank angry mad furious cross lack slate pan hammer ick""".split()
)
_POSITIVE_LEMMAS = frozenset(
    """love adore enjoy delight impress appreciate happy happiest pleased satisfied thrilled wow
    like glowing rave promoter win crush slay""".split()
)

# Chat abbreviations, expanded before anything else reads the words.
_ABBREVIATIONS = {
    "ppl": "people", "ppls": "people", "rn": "now", "re": "about", "r": "are", "u": "you", "ur": "your", "wat": "what",
    "wot": "what", "wut": "what", "hw": "how", "mny": "many", "ths": "this", "abt": "about", "bc": "because",
    "cos": "because", "tho": "though", "thru": "through", "w": "with", "wrt": "about",
    # Spanish and its false friends: "valorations" (valoraciones) are ratings, "frases" quotes, "historias" stories
    "valorations": "ratings", "valoration": "rating", "valoraciones": "ratings", "frases": "quotes",
    "historias": "stories", "cuantas": "how many", "cuántas": "how many", "cuantos": "how many", "cuántos": "how many",
    "yday": "yesterday", "wknd": "weekend", "wkend": "weekend", "yest": "yesterday", "tmrw": "tomorrow", "tmr": "tomorrow", "seh": "say", "wah": "what", "nite": "night", "tonite": "tonight", "2nite": "tonight", "anot": "or not", "cust": "customer", "custs": "customers",
    "pt": "patient", "pts": "patients", "pls": "please", "plz": "please", "fb": "feedback", "feedbk": "feedback",
    "mgr": "manager", "qtr": "quarter", "qtrs": "quarters", "recal": "recall", "oot": "out", "gie": "give",
    "gies": "give me", "yous": "you", "youse": "you", "wi": "with", "whit": "what",
    # healthcare assistants: staff, not a moment (the speller would make "hcas" "scans")
    "hca": "staff", "hcas": "staff", "hcsw": "staff", "hcsws": "staff", "anp": "nurse practitioner",
    "anps": "nurse practitioners", "begining": "beginning", "beggining": "beginning", "nb": "number",
    "nr": "number",  # "nr irritating on food served" (the continental abbreviation)
    "shinning": "shining", "shinnig": "shining", "shinig": "shining",  # a doubled or dropped letter, not the shin
    "wahala": "trouble",  # Nigerian English: "giving us the most wahala"
    # Geordie: "whats gannin well", "improved ower the last 8 weeks"; possessives typed without the apostrophe
    "gannin": "going", "ganning": "going", "gan": "go", "ower": "over",
    "yesterdays": "yesterday's", "todays": "today's",
    # Scots: "hoo mony stories", "whit are diners maist irritated wi", "comments fae last week", "shout-oots"
    "hoo": "how", "mony": "many", "maist": "most", "aboot": "about", "fae": "from", "tae": "to", "ony": "any",
    "doon": "down", "oots": "outs", "fur": "for", "ye": "you", "hae": "have",
    # "things diners cannae stand", "feedbacks aw time", "stories hae we got aw thegither"
    "cannae": "can't", "canna": "can't", "dinnae": "don't", "didnae": "didn't", "isnae": "isn't", "wasnae": "wasn't",
    "wouldnae": "wouldn't", "couldnae": "couldn't", "willnae": "won't", "havnae": "haven't", "huvnae": "haven't",
    "aw": "all", "thegither": "together",
    "girning": "moaning", "girnin": "moaning", "girn": "moan", "girns": "moans",  # Scots and Ulster: complaining
    "shinys": "shining ratings", "shinies": "shining ratings",  # "which moments get the most shinys"
    "drs": "doctors",  # "the drs" (a bare "dr" is a title: "dr smith")
    # Doric (north-east Scots): "foo mony fowk", "foo's it gaun", "fit dae fowk girn aboot" ("fit" itself, an
    # English word too, is read as "what" only where it asks: question_shorthand._FIT_ASKS)
    "foo": "how", "fowk": "folk", "dae": "do", "daein": "doing", "wis": "was", "gaun": "going", "weel": "well",
    "wye": "way", "aff": "off", "aa": "all",
    # northern English (Geordie, Yorkshire, Lancashire): "owt about gary", "is it nowt", "summat we can share",
    # "the scran" (food)
    "owt": "anything", "nowt": "nothing", "summat": "something", "scran": "food",
    # Black Country and Brummie: "this wik", "the last 12 wiks", "yow" (you), "bostin" (great), "gizza" (give me)
    "wik": "week", "wiks": "weeks", "yow": "you", "bostin": "great", "gizza": "give me",
}
_NUMBER_OF = re.compile(r"\b(?:no\.?|nr\.?|#)\s*(?=of\b)|(?<![\w.])#\s*(?=[a-z])", re.IGNORECASE)

_TOKEN = re.compile(r"[^\W_]+")
_TOP_OF_WORST = re.compile(
    r"\btop\s+(?:\d+\s+|three\s+|five\s+|ten\s+)?(?=(?:worst|weakest|lowest|poorest|bottom|weak)\b)"
)
_NOISE = re.compile(r"[^\w\s'/.,:;?!&()\-–—#]")  # "#" stays: "# stories" is "number of stories"


# Titles before a name ("Dr Patel", "Nurse Jo"), each to its kind: a courtesy title fits anyone, a
# professional one only a person whose name carries no title or one of the same kind.
TITLES: dict[str, str] = {
    "dr": "doctor", "doctor": "doctor", "prof": "doctor", "professor": "doctor",
    "nurse": "nurse", "sister": "nurse", "matron": "nurse",
    "mr": "courtesy", "mrs": "courtesy", "ms": "courtesy", "miss": "courtesy", "mx": "courtesy",
}


def _split(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _phrasings(spec: str) -> list[list[str]]:
    return [words for part in spec.split("|") if (words := _split(part))]
