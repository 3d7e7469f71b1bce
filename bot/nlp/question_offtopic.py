"""Private to bot.nlp.question: requests that are not questions about the team's moments ("book me an
appointment", "draft an email about the parking feedback", "who's on the schedule tonight", "what's the
weather", "who is the best employee"): the bot says what it can do instead of answering with numbers."""

from __future__ import annotations

import re


# Requests the bot can't carry out whatever they are about: it answers in the chat, it writes no e-mails.
_ONLY_ELSEWHERE = frozenset({"draft", "write", "email", "e-mail", "reply", "forward", "remind", "hire", "fire", "sack",
                             "promote", "discipline", "appraise", "print", "translate", "invite", "cancel", "schedule",
                             "reschedule", "update", "edit", "rename", "replace", "repair", "fix", "change",
                             "reorder", "restock", "delete", "remove", "add", "prepone", "postpone", "inform", "notify",
                             "verify", "reset", "wipe", "undo", "chase"})
# Requests to act that are ours when they name our things ("send me the weakest moments", "make a chart")
_ACTS_ON_OURS = ("arrange", "book", "buy", "call", "close", "create", "make", "message", "move", "open", "order",
                 "organise", "organize", "pay", "phone", "place", "play", "post", "rebook", "reserve", "ring", "send",
                 "set", "text", "turn")
_VERBS = "|".join(sorted({*_ACTS_ON_OURS, *_ONLY_ELSEWHERE}))

# Requests to *do* something, or about the world outside the team's moments: not ours to answer.
_ACTION = re.compile(
    r"^\s*(?:(?:hey|hi|ok|okay|so|please|pls|bot|kindly|cafe|café|restaurant)\W+)*"
    r"(?:(?:not\s+sure|no\s+idea|dunno|don'?t\s+know)\s+(?:if|whether)\s+you\s+can\s+(?:do\s+)?(?:this|"
    r"that)\s*,?\s*but\s+)?"
    r"(?:(?:can|could|would|will)\s+you\s+"
    r"(?:please\s+|kindly\s+|ever\s+|just\s+|possibly\s+|quickly\s+)?|please\s+|kindly\s+|pls\s+|"

    r"i\s+(?:want|need)\s+(?:you\s+)?to\s+|i\s+(?:want|need|would\s+like)\s+to\s+|help\s+me\s+|let\s*s\s+|"
    r"(?:would|could)\s+you\s+be\s+so\s+(?:kind|good)\s+as\s+to\s+|i\s+wonder\s+(?:whether|if)\s+you\s+(?:might|could|"
    r"would)\s+|"
    r"i\s+(?:should|would)\s+be\s+(?:grateful|obliged)\s+if\s+you\s+(?:could|would)\s+(?:please\s+)?|"
    r"(?:should|shall|must|do|can)\s+(?:i|we)\s+(?:just\s+)?|can\s+(?=\w+\b.*\bor\s+not\W*$))?"  # Singlish "can book ... or not"
    rf"(?P<verb>{_VERBS})\b(?!-)"  # "call-appt: what works?" names the moment
    r"(?!\s+(?:line|lines|booking|bookings|calls|queue|queues|system|wait|waits|times|number|experience|taking|"
    r"stations?|machines?|points?|terminals?|meters?|desks?|barriers?|kiosks?|"  # "pay station at the exit, how is it"
    r"(?:the\s+)?bills?\s+(?:breakdown|ratings?|figures|stats|numbers|scores?|feedback|comments?|trend|split|moment|mot|"
    r"votes?|stories|how)|"  # "pay bill breakdown since 1 november": the moment's figures
    r"taken|accuracy|speed|process|stage|step|on|ideas?|up|in|over|since|between|from|scheduling|booking|"
    r"for\s+(?:follow|results|an?\s+appointment)|me\s+(?:how|what|which|whether|if|when|where|who))\b)",
    re.IGNORECASE,
)  # ("remind me how Q2 went" asks, "remind me to call" is a task)
# The same request after what it is about: "someone left a review about the car park, can you reply to it?"
_ACTION_AFTER = re.compile(
    r"[,;:.!?]\s+(?:(?:can|could|would|will|might)\s+you\s+(?:please\s+|kindly\s+|just\s+)?|please\s+|pls\s+|kindly\s+|"
    r"i\s+(?:should|would|'d)\s+be\s+(?:most\s+|very\s+|so\s+)?(?:grateful|obliged)\s+if\s+you\s+(?:could|would|might)\s+"
    r"(?:please\s+)?)"
    rf"(?:{'|'.join(sorted(_ONLY_ELSEWHERE))})\b(?!\s+me\s+on\b)",
    re.IGNORECASE,
)
# "would you mind setting a reminder for me", "do you mind booking ...": a task asked politely
_MIND_DOING = re.compile(r"^\W*(?:(?:hey|hi|ok|okay|so|please|pls)\W+)*(?:would|do)\s+you\s+mind\s+(?:setting|booking|sending|"
                         r"making|ordering|calling(?!\s+out)|texting|emailing|reminding|phoning|ringing|placing|"
                         r"arranging|rebooking|cancelling|canceling)\b", re.IGNORECASE)
# The asker's own task said before the question ("I need to email the board: which moments ..."), not a request
_OWN_TASK = re.compile(r"\W*(?:(?:hey|hi|ok|okay|so)\W+)*i\s+(?:want|need|have|would\s+like|'d\s+like|d\s+like)\s+to\s+",
                       re.IGNORECASE)
_THEN_ASKED = re.compile(r"(?:[:;]|\s[-–—]|[.!]\s)\s*(?:so\s+|but\s+)?(?:what|which|how|who|where|when|is|are|was|were|"
                         r"did|do|does|has|have|can\s+you\s+(?:tell|show|give)|could\s+you\s+(?:tell|show|give)|"
                         r"any)\b", re.IGNORECASE)
_SIDE_BY_SIDE = re.compile(r"\b(?:against|versus|vs|alongside|beside|next\s+to|side\s+by\s+side)\b", re.IGNORECASE)
# The floor's admin ("make me a seating chart", "what got 86'd", "who's on the schedule"): never ours.
# the devices staff work, for how-to questions that are not about the moments
_DEVICE = (r"(?:machines?|printers?|terminals?|tills?|readers?|kiosks?|screens?|tablets?|ipads?|computers?|wi-?fi|"
           r"passwords?|routers?|headsets?|phones?|app|pos|card\s+reader|barrier|ticket\s+machine)")
_ADMIN = re.compile(
    r"\b(?:(?:score|scores|result|results)\s+(?:of|from|in)\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}(?:game|match|fixture|derby)\b|"
    r"(?:game|match|fixture|derby)\s+(?:score|scores|result|results)\b|"
    r"(?<!\bour\s)(?<!\bthe\s)(?<!average\s)(?<!rating\s)score\s+last\s+night\b|"
    r"what\s+was\s+the\s+[\w'-]+\s+score\b|"
    r"(?:play|played|won|lost|drew)\s+(?:last\s+night|on\s+the\s+weekend|at\s+the\s+weekend|(?:on\s+)?(?:saturday|sunday))\b|"
    # leave asked for or to approve: "Tom asking for two weeks off in December", "can Tom take Friday off?"
    r"(?:\d+|a|one|two|three|four|five|few|couple\s+of)\s+(?:days?|weeks?)\s+off\b|(?:take|taking|took|have|having|get|"
    r"getting|want|wants|request(?:ing)?)\s+(?:the\s+)?(?:[\w'-]+\s+)?(?:days?|weeks?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"\s+off\b|holiday\s+(?:requests?|cover|forms?)|"
    r"asking\s+for\s+(?:annual\s+)?leave|(?:can|could|will)\s+you\s+approve\b|"
    r"(?<![\w\s])\s*translate\s+(?:in|into)\s+[a-z]+|^\W*(?:(?:please|pls|kindly|can\s+you|could\s+you)\s+)?translate\s+"
    r"(?:in|into)\s+[a-z]+|seating\s+(?:chart|plan)|86'?d|eighty[\s-]+sixed|who'?s\s+on\s+(?:the\s+)?(?:schedule|shift|rota)|"
    r"on\s+the\s+(?:schedule|rota)\s+(?:tonight|today|tomorrow)|(?:a|make|print|design|create)\s+(?:\w+\s+)?"
    r"(?:posters?|flyers?|leaflets?)|powerpoint|slide\s+deck|"
    r"spreadsheet|export|(?:can\s+you\s+|please\s+)?86\s+(?:the|our|a)\b|gifts?\s+for|secret\s+santa|put\s+(?:an?|the)\s+(?:\w+\s+)?(?:order|booking|reservation)\s+in|bleep|(?<!one\s)(?<!one-)pager|on[\s-]call|"
    r"(?:set\s*up|create|build|design|launch|run)\s+(?:an?\s+|the\s+|our\s+)?(?:new\s+)?"
    r"(?:nps\s+)?survey|(?:veg|food|stock|milk|supplies)\s+order|put\s+in\s+(?:the|an?)\s+\w*\s*order|benchmarks?|"
    # how to work a device ("how do I reset the card machine", "how I reset the card machine"), how much stock to buy ("how many lbs of curds
    # should I order"): not a question about the moments, even when a moment's object is named
    r"how\s+(?:(?:do|can|should|would|to)\s+(?:i|we|you)?|i|we)\s*(?:reset|restart|reboot|fix|repair|unjam|unfreeze|unlock|"
    r"turn\s+(?:on|off)|switch\s+(?:on|off)|set\s+up|install|update|refill|clean|charge|pair|connect)\s+(?:the\s+|our\s+|a\s+|"
    r"that\s+)?(?:[\w-]+\s+){0,2}?" + _DEVICE + "|"
    # "card machine hang again how to reset": the device named first
    + _DEVICE + r"\b[^.?!]{0,40}?\bhow\s+(?:(?:do|can|should)\s+(?:i|we|you)\s+|to\s+)(?:reset|restart|reboot|fix|repair|unjam|unfreeze|unlock)\b|"
    # "how do I get the card machine to print a receipt"
    r"how\s+(?:do|can|should|would|to)\s+(?:i|we|you)?\s*(?:get|make)\s+(?:the|our|a|that)\s+(?:[\w-]+\s+){0,2}?"
    + _DEVICE + r"\s+to\s+\w+|"
    # remedies: "what's good for a chesty cough"
    r"(?:what'?s|what\s+is|anything)\s+good\s+for\s+(?:an?\s+|my\s+|the\s+|her\s+|his\s+)?(?:[\w-]+\s+)?(?:cough|cold|colds|"
    r"flu|headaches?|migraines?|rash|fever|temperature|sore\s+throat|toothache|earache|hay\s+fever|insomnia|cramps?|sunburn|"
    r"hangover|diarrh(?:o)?ea|constipation|heartburn|back\s+pain|bad\s+back)(?!\s+(?:waiting|room|reception|desk|car\s+park))|"
    r"\b(?:can|could)\s+you\s+recommend\s+(?:an?|some|any)\b|"
    # the team's calendar: "when's the next PLT afternoon", "when is the next staff meeting"
    r"when(?:'?s|\s+is|\s+are)\s+the\s+next\s+(?!(?:weekly\s+|story\s+|monthly\s+)?(?:shout|digest|summary|report|nudge|"
    r"recognition|reminder)\w*)|"
    # clinical triage told as a case: "a patient with fever 39 since 3 days, he should come in or go to A&E?"
    r"(?:fever|temperature|rash|chest\s+pain|vomiting|breathless\w*|short\s+of\s+breath)\b.{0,80}?\b(?:(?:should|must)\s+"
    r"(?:he|she|the\s+(?:patient|child|kid|baby))|(?:he|she|the\s+(?:patient|child|kid|baby))\s+(?:should|must))\s+(?:come|go)\b|"
    # clinical advice: "which medicine should be given?"
    r"(?:which|what)\s+(?:medicines?|drugs?|tablets?|pills?|injections?)\s+(?:should|to|can|could|must|shall|would)\b|"
    # clinical triage: "should a patient with a 101 fever come in today"
    r"should\s+(?:a|the|my|this|that|our)\s+(?:patient|child|kid|baby|person|man|woman|lady|gentleman)\s+(?:with|who\s+has)\s+"
    r"(?:an?\s+)?(?:\d+\s+)?(?:fever|temperature|rash|cough|cold|flu|chest\s+pain|pain|headache|migraine|symptoms|infection|"
    r"vomiting|diarrh\w*|sore\s+throat)|"
    # ("how many sausages does the café need to order", "how much cheese do we need for the friday rush"; not "how many
    # ratings do we need")
    r"how\s+(?:many|much)\s+(?:(?!(?:ratings?|stories|story|responses?|feedback|comments?|reviews?|votes?|surveys?|shout\w*|"
    r"quotes?|stars?|improvement|data|points?|mentions?|scores?|praise|compliments?|complaints?|an?)\b)[\w-]+\s+){1,5}?"
    r"(?:should|do|does|shall|must|will)\s+(?:i|we|you|they|(?:the|our)\s+[\w'-]+)\s+"
    r"(?:need\s+(?:to\s+)?)?(?:order|buy|get\s+in|stock|prep|make|bake|cook|need\s+for\s+(?:the\s+)?(?:\w+\s+)?(?:rush|service|"
    r"shift|weekend|party|event|lunch|dinner|brunch|breakfast|menu))|(?:lbs|kilos?|kgs?|litres?|liters?|gallons?|cases|crates|boxes)\s+of\s+\w+\s+(?:(?:i|we)\s+(?:need|have|ought)\s+)?(?:to|should)\s+order|"
    # stock in hand: "how many bags of flour have we got left in the cafe", "how much milk is left", "how many kegs o
    # Landlord we got left"
    r"how\s+(?:many|much)\s+(?:\w+\s+){0,2}?(?:flour|milk|bread|eggs|cod|fish|chips|wine|beer|coffee|tea|sugar|stock|supplies|"
    r"gloves|masks|napkins|toner|cheese|butter|oil|rice|potatoes|veg|meat|chicken|beef|lamb|salmon|dough|pastry|cream|"
    r"portions|loaves|rolls|cups|plates|glasses|lemons|limes|ice|kegs?|barrels?|casks?|bottles|crates|cases|tins|cans|jars|"
    r"sacks|bags|packs|boxes|pints)\b(?:\s+\w+){0,4}?\s+left\b|"
    r"(?:bags|boxes|cases|crates|packs|tins|jars|bottles|sacks|kilos?|kgs?|litres?|liters?)\s+of\s+\w+\s+(?:left|in\s+stock)"
    r")\b",
    re.IGNORECASE,
)
# "text our patients the feedback link", "call the guests who complained": contacting people is not ours
_CONTACT = re.compile(
    r"^\s*(?:(?:hey|hi|ok|okay|so|please|pls|bot)\W+)*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+|"
    r"(?:would|could)\s+you\s+be\s+so\s+(?:kind|good)\s+as\s+to\s+|i\s+wonder\s+(?:whether|if)\s+you\s+(?:might|could|"
    r"would)\s+)?"
    r"(?:(?:text|message|call|ring|phone|whatsapp|contact)\s+(?:me|us|our|the|them|him|her|all|every|everyone|"
    r"patients?|customers?|guests?|staff|team|people|back)\b(?!\s+(?:line|lines|centre|center|wait)\b)|"
    r"send\s+(?:[\w-]+\s+){0,6}?(?:link|links|survey|surveys|reminders?|messages?|emails?|texts?|invites?|invitations?)\b|"
    r"send\s+(?!(?:me\s+)?(?:the\s+|a\s+)?(?:chart|graph|picture)\b)(?:[\w-]+\s+){1,5}?to\s+(?!me\b|us\b)\w+)",
    re.IGNORECASE,
)
_OUTSIDE = re.compile(
    r"\b(?:weather|rain|raining|snow|snowing|sunny|forecast|temperature\s+outside|joke|jokes|riddle|"
    # a pizza or a coffee for ourselves; a restaurant's own pizza, a pizza place or a coffee shop is ours
    r"(?<!the\s)(?<!our\s)(?<!their\s)(?:pizza|coffee)(?!\s+(?:place|restaurant|joint|parlou?r|shop|bar|house|side|"
    r"kitchen|team|oven|cart|stand|truck)s?\b)|"
    r"(?:what'?s|what\s+is|where|order|get|grab|book|for)\s+(?:\w+\s+)?(?:lunch|dinner)|football|soccer|stock|"
    r"stocks|bitcoin|crypto|recipe|song|songs|movie|movies|"
    r"capital\s+of|meaning\s+of\s+life|president|prime\s+minister|what\s+time\s+is\s+it|time\s+in|"
    r"what\s+day\s+is\s+it|horoscope|lottery|password|wifi|wi-fi|what\s+time\s+(?:does|do|is|are)|"
    # "what time the restaurant open on boxing day?" (the verb left out); pay day is the payroll's
    r"what\s+time\s+(?:the\s+[\w'-]+|we|you|it|they)\s+(?:open|opens|close|closes|shut|shuts)|"
    r"opening\s+(?:hours|times)|what\s+time'?s|(?:high|low)\s+tide|tide\s+times?|tides|high\s+water|the\s+swell|surf\s+report|"
    r"covers|(?:phone|contact|fax)\s+number|(?:email|postal)\s+address|(?:nhs|government|national|nhse)\s+targets?|who\s+(?:works|is\s+working|'?s\s+working|worked|was\s+working)\s+(?:in|on|at|today|tonight|tomorrow|"
    r"(?:this\s+|next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
    r"(?:reservation|booking)\s+for\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\b|"
    r"(?:do|will|shall)\s+(?:we|i)\s+need\s+(?:more|extra|any\s+more)\s+(?!(?:ratings?|stories|feedback|comments|reviews|data|"
    r"responses|votes|surveys)\b)\w+|facebook|instagram|tiktok|twitter|linkedin|social\s+media|"
    r"rota|rotas|roster|rosters|shift\s+pattern|(?:my|your|his|her|their|extra|swap|cover|"
    r"pick\s+up|next)\s+shifts?|shifts?\s+(?:next|this|tomorrow|tonight|on|for)\b|payroll|salary|salaries|"
    r"overtime|annual\s+leave|holiday\s+requests?|sick\s+leave|sick\s+pay|sick\s+notes?|fit\s+notes?|hr\s+(?:process|processes|policy|policies|procedure)|sick\s+days?|sickness|"
    r"(?<!insurance\s)polic(?:y|ies)(?!\s+(?:details|numbers?|holders?|documents?))|"
    r"handbook|pension|national\s+average|industry\s+(?:average|benchmark)|national\s+benchmark|group\s+chat|"
    r"fasting|dosage|doses?|dosing|mg|milligrams?|antibiotics?|amoxicillin|paracetamol|ibuprofen|prescrib\w*|"
    # clinical advice and stock, however the sentence is built ("what he should take?", "how much wine we should order")
    r"what\s+(?:(?:should|can|could|must)\s+(?:he|she|they|i|we|you|the\s+patient)|(?:he|she|they|the\s+patient)\s+"
    r"(?:should|can|could|must))\s+take|(?:how\s+(?:much|many)\s+(?:\w+\s+){1,3}?(?:(?:should|do|must|shall)\s+we|"
    r"we\s+(?:should|must|need\s+to))\s+(?:order|buy|get\s+in|stock))|"
    r"prescriptions?|medication|side\s+effects|"
    # goods by the quantity: "order in 20 kilos of hake", "3 cases of the house red"
    r"\d+\s*(?:kilos?|kgs?|litres?|liters?|lbs?|cases|crates|boxes|bottles|dozen|packs?)\s+of\b|"
    # figures we don't collect: attendance, clinical targets, occupancy
    r"dnas?|did\s+not\s+attends?|no[\s-]+shows?|qof|bed\s+occupancy|occupancy|footfall|headcount|"
    r"how\s+many\s+patients\s+(?:did|do|have|has|were|are)\s+(?:\w+\s+){0,3}(?:see|seen|treat|treated|admit|"
    r"admitted|book|booked|register|registered|discharge|discharged|refer|referred|operate\s+on|operated\s+on)|"
    # money and staffing: what we pay, spend or earn is not a rating ("how much have we spent on bank staff")
    r"(?:how\s+much|what)\s+(?:do|did|have|has|are|were|will)?\s*(?:we|i|you)\s+(?:\w+\s+)?(?:pay|paid|paying|spend|"
    r"spent|spending|charge|charged|earn|earned)|(?:spend|spent|spending)\s+(?:on|for)|"
    r"(?:average\s+)?spend\s+per\s+(?:cover|head|guest|patient|visit)|"
    r"gross\s+profit|gp\s+(?:on|for)\s+(?:the|our)|budgets?|share\s+price|stock\s+price|"
    r"what\s+(?:would|do|does|should)\s+(?:the|our|you)\s+\w+\s+recommend|"
    r"when\s+(?:is|will|are)\s+(?:it|they|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:to\s+be\s+|going\s+to\s+be\s+|be\s+)?"
    r"(?:delivered|arriving|arrive|installed|fixed|repaired|ready)|"
    r"(?:has|have|got|any)\s+(?:\w+\s+)?free\s+slots?|free\s+slots?\s+(?:today|tomorrow|this|next|on)|a\s*&\s*e|"
    r"a\s+and\s+e|(?:four|4)[\s-]+hour\s+(?:target|performance|standard|breach\w*)|waiting\s+lists?|"
    r"referral\s+to\s+treatment|rtt|hold\s+(?:a|the|us\s+a)\s+table|table\s+(?:for|of)\s+(?:\d+|two|three|four|five|six|"
    r"eight|ten)|"
    r"leave\s+(?:balance|entitlement|days|requests?)|"
    r"holiday\s+(?:balance|entitlement|allowance|left)|pto|days\s+off|member\s+id|how\s+many\s+(?:days?\s+(?:of\s+)?)?(?:holidays?|leave|vacations?|annual\s+leave)\b|"
    r"how\s+many\s+(?:holiday|leave|vacation)\s+days\b|vacation\s+(?:balance|time|"
    r"requests?|allowance|entitlement|left)|"
    r"take\s+(?:a\s+)?(?:holiday|day\s+off|time\s+off|leave)|time\s+off|vendors?|suppliers?|place\s+(?:an\s+)?order|"
    r"(?:what'?s|what\s+is|when\s+is|where\s+is)\s+the\s+(?:[\w-]+\s+){0,3}(?:schedule|timetable)\b|load[\s-]+shedding|"
    r"marinade|marinate|seasoning|how\s+(?:do\s+(?:i|we|you)\s+|to\s+)cook|"
    # a kitchen how-to: "how to make kottu roti properly", "how to make dhokla softer"
    r"how\s+(?:do\s+(?:i|we|you)\s+|to\s+|can\s+(?:i|we)\s+)make\s+(?:(?!work\b|run\b|go\b)[\w-]+\s+){1,3}?"
    r"(?:softer|crispier|crispy|crunchier|fluffier|fluffy|thicker|thinner|juicier|spicier|tastier|tender|properly|"
    r"from\s+scratch|at\s+home)\b|"
    r"takings|take\s+through\s+the\s+till|revenue|how\s+much\s+(?:money\s+|cash\s+)?(?:did|do|have|has|will)\s+(?:we|you|they|i)\s+"
    r"(?:make|made|take|taken|took|earn|earned|bring\s+in|brought\s+in|turn\s+over|clear|cleared)\b|turnover|profit|gst|vat|income\s+tax|sales\s+tax|tax\s+returns?|"
    r"what(?:'?s|\s+is)\s+(?:the\s+|today'?s\s+|tonight'?s\s+)?menus?\b(?!\s+(?:option|item|board\s+feedback))|"
    # "what's on the specials tonight", "can yow put grey peas n bacon on the restaurant menu": the kitchen's
    r"what(?:'?s|s|\s+is|\s+are)\s+on\s+(?:the\s+|today'?s\s+|tonight'?s\s+)?specials?\b|"
    r"(?:^\W*|\b(?:can|could|would|will)\s+(?:you|u|yow|ya|we|i)\s+(?:please\s+|pls\s+)?|\bplease\s+|\bpls\s+)"
    r"(?:put|add|stick|take)\s+(?:(?!(?:it|them|that|this)\b)[\w'-]+\s+){1,5}?(?:on|onto|off|in|into)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?menu\b|"
    r"tax\s+codes?|(?:lunch|dinner|breakfast|brekkie|canteen|cafeteria|staff)\s+menus?|what(?:'?s|\s+is)\s+on\s+(?:the\s+|our\s+)?"
    r"(?!(?:your|help|main|bot|options?|settings|command)\b)(?:[\w-]+\s+)?menu|"
    r"specials?\s+board|a\s+good\s+special|what(?:'?s|s|\s+is|\s+are)\s+(?:the\s+|today'?s\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:lunch|dinner|brunch|breakfast|daily|weekday|weekend)\s+specials?\b(?!\s+(?:like|doing|rated|rating|going|scoring))|what(?:'?s|s|\s+is)\s+(?:on\s+)?(?:in|at)\s+the\s+(?:canteen|cafeteria|break\s*room|staff\s*room)\b|what(?:'?s|s|\s+is|\s+are)\s+(?:the\s+|today'?s\s+)?(?:[\w-]+\s+)?"
    r"specials?\b(?!\s+about)|menu\s+specials?|today'?s\s+specials?|specials?\s+for\s+(?:next|this|tomorrow|tonight|the\s+week)|"
    r"what\s+should\s+(?:the|our)\s+specials|booked\s+in|in\s+the\s+diary|"
    # "what is soup of day today", "what's the catch of the day": the kitchen's dish, not what diners thought of it
    r"what(?:'?s|s|\s+is|\s+are)\s+(?:the\s+|today'?s\s+|tonight'?s\s+|our\s+)?(?:soup|dish|catch|special|pie|fish|cake|"
    r"dessert|pudding|curry|plat)s?\s+(?:of\s+(?:the\s+)?day|the\s+day|today|tonight)\b(?!\s+(?:rated|rating|scor\w*|doing|feedback|comments?|"
    r"reviews?|like|going))|"
    # "what vegan options are on the menu", "menu vegan option what is there": what the kitchen serves; "dessert ideas for
    # the Eid party": the kitchen's or the party's plans, not what customers thought
    r"(?:what|which|any)\s+(?:[\w-]+\s+){0,2}(?:options?|dishes|choices)\s+(?:are\s+|is\s+|do\s+we\s+have\s+)?(?:there\s+)?"
    r"(?:on|in)\s+(?:the\s+|our\s+)?menu\b|\bmenu\s+(?:[\w-]+\s+){0,2}options?\s+what\b|"
    r"(?:dessert|pudding|menu|dish|food|recipe|party|gift|present|decoration|costume|christmas|xmas|eid|diwali|halloween)\s+ideas?\b|"
    r"86'?d|eighty[\s-]+sixed|comps|comped|turn\s+times?|table\s+turns?|seating\s+(?:chart|plan)|"
    r"who'?s\s+on\s+(?:the\s+)?(?:schedule|shift|rota|tonight|today|tomorrow)|on\s+the\s+schedule|"
    r"who(?:'?s|\s+is|\s+are)\s+(?:scheduled|rostered|rota'?d)\b|"
    # "who is closing restaurant Saturday", "who's opening tomorrow", "who closes shop tonight", "who covering bar shift
    # friday": the rota
    r"who(?:(?:'?s|\s+is|\s+are|\s+will\s+be)?\s+(?:opening|closing|covering|locking\s+up|cashing\s+up)|\s+(?:can|could|will|should)\s+(?:open|close|cover|lock\s+up|cash\s+up)|\s+(?:opens|closes|covers|"
    r"locks\s+up|cashes\s+up)|(?:'?s|\s+is|\s+are|\s+will\s+be)\s+on\s+(?:lates?|earlies|"
    r"nights?|days?|call))\b(?:\s+(?:the\s+)?[\w-]+){0,2}?(?:\s+on)?\s+(?:tonight|tomorrow|today|this|next|"
    r"(?:mon|tues?|wed|thurs?|fri|sat|sun)\w*)\b|"
    # "who works the friday night in the bar?", "who's working saturday": the rota
    r"who(?:\s+works|\s+is\s+working|'?s\s+working|\s+are\s+working|\s+will\s+work|\s+can\s+work)\s+(?:on\s+)?(?:the\s+|this\s+|next\s+)?"
    r"(?:(?:mon|tues?|wed|thurs?|fri|sat|sun)\w*\s+)?(?:night|nights|shift|shifts|evening|morning|afternoon|lunch|weekend|"
    r"late|early|tonight|tomorrow|today|(?:mon|tues?|wed|thurs?|fri|sat|sun)\w*)\b|"
    # office equipment: "how do I change the toner in the printer" is a how-to, not a question about moments
    r"printers?|toner|ink\s+cartridges?|cartridges?|photocopiers?|copiers?|fax|laptops?|computers?|pcs?|"
    r"keyboards?|projectors?|routers?|log\s*in\s+details|email\s+account|outlook|"
    r"coffee\s+machine|kettle|freezer|microwave|dishwasher|fridge|light\s+bulbs?|batteries|paper\s+jam|jammed|"
    # costs and sales: "how much did the kiosks cost us", "food cost %", "how many burgers did we sell"
    r"how\s+much\s+(?:did|does|do|will|would|is|was)\s+(?:[\w-]+\s+){1,5}?cost|cost\s+us|"
    r"what\s+(?:does|do|did|will|would)\s+(?:the|a|an|our)\s+(?:[\w-]+\s+){0,3}?cost\b|"
    # prices: "what's the co-pay for a sick visit on Blue Cross?"
    r"what(?:'?s|\s+is|\s+are)\s+the\s+(?:co-?pays?|copays?|prices?|fees?|charges?)\s+(?:for|of|on)\s+(?:an?\s+|the\s+)?"
    r"(?!parking\b|(?:the\s+)?(?:car\s+park|garage)\b)\w|capex|opex|food\s+costs?|"
    # a dish's price or the cellar's stock: "how much is the haddock on the restaurant menu", "How much is the Sunday
    # roast at the restaurant now?", "the price of the menu of the day", "the wine list ..., we still have the Bordeaux?"
    r"how\s+much\s+(?:is|are|'?s|does|do)\s+(?:the|a|an|our|your)\s+(?!(?:parking|car\s+park|bill|co-?pay|wait\w*|queue\w*|delays?|hold|difference|gap|drop|change|"
    r"improvement|score|rating)\b)"
    r"(?:[\w'-]+\s+){0,3}?[\w'-]+(?:\s+(?:on|in|at)\s+(?:the\s+|our\s+)?(?:[\w'-]+\s+){0,2}(?:menu|restaurant|caf[eé]|bar|"
    r"canteen)(?:\s+(?:now|these\s+days|nowadays|today|tonight))?|\s+(?:now|these\s+days|nowadays|cost|costing))"
    r"(?=\s*(?:\?+|\.|$))|"
    r"(?:the\s+)?prices?\s+of\s+(?:the\s+|a\s+|our\s+)?(?!parking\b|(?:the\s+)?car\s+park\b)\w+|wine\s+list|"
    r"menu\s+prices?|prices?\s+(?:on|for)\s+(?:the\s+|our\s+)?menu|p\s*&\s*l|p\s+and\s+l|profit\s+and\s+loss|"
    r"how\s+much\s+(?:annual\s+)?(?:holiday|leave|pto|vacation|time\s+off)\b|"
    r"(?:did|do|does|have|has)\s+(?:we|they|you|the\s+[\w-]+)\s+(?:\w+\s+)?sell|sales|on\s+leave|soup\s+of\s+the\s+day|catch\s+of\s+the\s+day|(?:fish|veg|meat|milk|bread|produce|brewery|delivery)\s+(?:van|lorry|truck|man)\b|deliver(?:y|ies)\s+(?:coming|due|arriving|come)|(?:chef'?s|today'?s|daily)\s+specials?|specials\s+board|swap\s+(?:my|a|our|his|her|the|[a-z]+'s)\s+(?:\w+\s+)?shifts?|shift\s+swaps?|apply\s+(?:for\s+)?(?:annual\s+)?leave|annual\s+leave|leave\s+requests?|book\s+(?:some\s+)?leave|(?:got|any|free|open|available)\s+(?:appointment\s+)?slots?(?=[^.?!]{0,25}\b(?:tmr|tmrw|tomorrow|today|tonight|afternoon|morning|evening|next|mon|tues?|wed|thurs?|fri|sat|sun)\w*\b)|"
    r"(?:is|are)\s+\d{2,3}\s*/\s*\d{2,3}\s+(?:a\s+)?(?:concerning|normal|high|low|ok|okay|worrying)|"
    # the organisation's own admin: checks, claims, inspections, fundraising
    r"dbs(?:\s+checks?)?|mileage|expenses|expense\s+claims?|claim\s+(?:back\s+)?(?:my|our|the)\s+\w+|"
    r"(?:food\s+)?hygiene\s+rating|inspections?|inspector|donations?|donated|fundrais\w*|raffle|"
    r"mandatory\s+training|training\s+records?|"
    # the party, unless our stories are wanted for it ("this year's stories - material for the Christmas party speech")
    r"(?:xmas|christmas)\s+(?:do|party|parties|doo))\b",
    re.IGNORECASE,
)
_JUDGE = re.compile(
    r"\b(?:who|which\s+(?:\w+\s+)?(?:employee|employees|staff|nurse|nurses|receptionist|receptionists|worker|"
    r"workers|colleague|colleagues|person|member|doctor|doctors|assistant|assistants))\b.*\b(?:best|worst|"
    r"laziest|lazy|slowest|fastest|rudest|nicest|friendliest|smartest|dumbest|promote|promoted|promotion|fire|"
    r"fired|sack|sacked|hire|bonus|raise|underperform\w*|irritants?|useless|incompetent|most\s+productive|"
    r"least\s+productive|employee\s+of\s+the\s+month)\b|\b(?:good|bad|poor|lazy|useless|weak|terrible|great)\s+"
    r"(?:employee|worker|staff\s+member|colleague|team\s+member|nurse|receptionist|doctor|manager)\b|"
    r"\b(?:performance\s+(?:review|appraisal|rating)|out\s+of\s+(?:10|ten|5|five))\b|\b(?:best|worst|laziest|"
    r"rudest)\s+(?:employee|"
    r"staff\s+member|nurse|receptionist|worker|colleague|team\s+member|doctor)\b",
    re.IGNORECASE,
)
_OURS = re.compile(
    r"\b(?:stories|story|storys|told|shared|posted|mentioned|mentions|praised|praise|kudos|shout\s*outs?|leaderboards?|"
    r"leader\s+boards?|league\s+tables?|storytellers?|"
    r"ratings?|rated|feedback|moments?|mots?|touchpoints?|steps?|stages?|chart|graph|dashboard|report|summary|"
    r"overview|stats|numbers|scores?|results?|trends?|trending|vs|versus|compared?|comparison|comments?|quotes?|"
    r"verbatims?|(?:worst|best|top|bottom|under|over|poor|strong)[\s-]*perform\w*|"
    r"(?:people|patients|customers|guests|diners|visitors|clients|folks?)\s+(?:have\s+)?(?:said|say|saying|"
    r"wrote|written|writing|complain\w*|moan\w*|mention\w*))\b",
    re.IGNORECASE,
)


# Scores other people keep ("what's our NPS", "net promoter score this quarter", "our Google reviews"): however
# much they sound like ours ("score", "reviews"), the bot holds none of them.
_OTHER_SCORES = re.compile(r"\b(?:nps|net\s+promot\w*(?:\s+scores?)?|csat|ebitda|p\s*&\s*l|cash\s*flow|balance\s+sheet|"
                           r"(?:gross|net|profit)\s+margins?|trust\s*pilot|trip\s*advisor|yelp|"
                           r"google\s+(?:reviews?|ratings?|stars?|maps)|online\s+reviews?|star\s+ratings?\s+online)\b",
                           re.IGNORECASE)


# Sport: "the score in the arsenal game" is no rating of ours, though "score" is a word we use.
_SPORT = re.compile(
    r"\b(?:game|games|match|matches|football|soccer|cricket|rugby|tennis|golf|basketball|baseball|hockey|"
    r"nfl|nba|world\s+cup|premier\s+league|league\s+table|kick\s*off|half\s*time|full\s*time|grand\s+prix|"
    r"did\s+the\s+[a-z]+\s+(?:win|lose)\s+(?:on\s+)?(?:sunday|saturday|monday|friday|last\s+night|yesterday|at\s+the\s+weekend))\b"
    # a sport's club as a place that serves: "the rugby club restaurant", "the golf club's café"
    r"(?!(?:\s+club(?:'s)?)?\s+(?:restaurant|bar|caf[eé]|bistro|clubhouse|kitchen|dining|canteen|brasserie)\b)",
    re.IGNORECASE,
)
_OURS_NOT_SCORES = re.compile(_OURS.pattern.replace("scores?|results?|", ""), re.IGNORECASE)
# opening days, asked first: "is the café open Boxing Day?", "are we open on Christmas Eve", "is the clinic shut over new
# year" (not "are patients happy now the café is open on Sundays")
_OPENING = re.compile(r"^\W*(?:(?:hey|hi|so|ok|okay|quick\s+one)\W+)*(?:is|are)\s+(?:we|the\s+[\w'-]+|our\s+[\w'-]+)\s+"
                      r"(?:open|closed|shut)\s+(?:on\s+|over\s+|at\s+|for\s+|this\s+|next\s+)?(?:the\s+)?(?:christmas|xmas|boxing|new\s+"
                      r"year|easter|bank|public|holidays?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|today|tomorrow|tonight|"
                      r"weekends?|(?:[a-z]{3}\s+)?\d{1,2}\s+[a-z]{3})\b", re.IGNORECASE)  # (a named day the calendar already dated)
# "did the cowboys win", "did the lakers lose?": a team's result, the whole question (not "did Priya win any
# shout-outs")
_WHEN_PLAYED = (r"(?:\s+(?:last\s+night|yesterday|today|tonight|again|(?:on|at)\s+the\s+weekend|this\s+weekend|"
                r"last\s+weekend|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day))?")
# ... or a side's name of up to three words, no one of ours ("did Arsenal win??", "did West Ham win? diners keep
# asking", "did Ross County win on Saturday"), where what follows the question asks nothing of ours
_SPORT_RESULT = re.compile(rf"^\W*(?:(?:hey|so|ok|and|oi|quick\s+one)\W+)*did\s+(?:the\s+)?(?!(?:we|you|they|i|he|she|"
                           rf"it|us|our|my|your|their|anyone|anybody|someone|somebody|everyone|everybody|team|staff)\b)"
                           rf"[a-z][\w'.&-]*(?:\s+[a-z][\w'.&-]*){{0,2}}\s+(?:win|lose|draw){_WHEN_PLAYED}"
                           rf"(?:\s+or\s+(?:nah|not|no|what|lose|draw))?\s*(?:[?!.]+|$)", re.IGNORECASE)
# ... or when a side plays, or how it got on last night ("wah time Villa play tonight", "how did Linfield get on last
# night"): the same gate (no moment, no one of ours named, nothing of ours asked after it)
_SIDE = (r"(?:the\s+)?(?!(?:we|you|they|i|he|she|it|us|our|my|your|their|anyone|anybody|someone|somebody|everyone|everybody|"
         r"team|staff|the\s+team|the\s+staff|everything|things|service|patients|diners|guests|customers|new|the\s+new)\b)"
         r"[a-z][\w'.&-]*(?:\s+[a-z][\w'.&-]*){0,2}")
_SPORT_FIXTURE = re.compile(rf"^\W*(?:(?:hey|so|ok|and|oi|quick\s+one)\W+)*(?:(?:what|wah|wat)\s+time|when)\s+"
                            rf"(?:(?:do|does|is|are)\s+)?{_SIDE}\s+(?:play|playing|kick\s*off|kicking\s+off)"
                            rf"(?:\s+(?:tonight|today|tomorrow|this\s+weekend|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day))?"
                            rf"\s*(?:[?!.]+|$)|"
                            rf"^\W*how\s+did\s+{_SIDE}\s+(?:get\s+on|do|go)\s+(?:last\s+night|at\s+the\s+weekend|"
                            rf"(?:on\s+)?(?:satur|sun)day)\s*(?:[?!.]+|$)", re.IGNORECASE)
# "is the lamb shank still on the menu?": what the kitchen serves, not what diners thought of it
_ON_THE_MENU = re.compile(r"^\W*(?:is|are)\s+(?:the\s+|our\s+)?(?:[\w'-]+\s+){1,4}?(?:still\s+)?(?:on|off)\s+the\s+menu\b",
                          re.IGNORECASE)
# ... unless what it does to the people we serve is asked ("the card reader keeps freezing, patients are fuming")
_PEOPLE_FELT = re.compile(r"\b(?:patients?|diners?|customers?|guests?|visitors?|families|parents|complain\w*|annoyed|"
                          r"fuming|angry|upset|frustrated|feedback|ratings?)\b", re.IGNORECASE)
# "epic down again who do i call", "the wifi is down, who do we ring": IT trouble, someone else's job
_SYSTEM_DOWN = re.compile(
    r"\b(?:epic|emis|systmone|cerner|ehr|emr|wifi|wi-fi|internet|network|server|email|computers?|printers?|the\s+system|"
    r"the\s+pos|the\s+tills?|the\s+card\s+reader|(?:the\s+|de\s+)?card\s+(?:machine|terminal|reader)s?|(?:the\s+)?pdq|"
    r"(?:the\s+)?printer)\s+(?:(?:at|in)\s+(?:the\s+)?[\w'-]+\s+)?(?:is\s+|are\s+|went\s+|has\s+gone\s+|'s\s+|s\s+)?"
    r"(?:keeps\s+|kept\s+)?(?:down|crashed|crashing|frozen|freezing|offline|not\s+working)\b.*"
    r"\b(?:who\s+(?:(?:do|should|can|shall)\s+)?(?:i|we)\s+(?:call|ring|phone|contact|email|tell)|how\s+(?:do\s+(?:i|we)\s+|to\s+|"
    r"can\s+(?:i|we)\s+)?(?:fix|sort|solve)|what\s+(?:do|should)\s+(?:i|we)\s+do)\b", re.IGNORECASE)


# pay day and wages: the payroll's, unless a moment or what people felt is asked ("paying the bill on pay day Fridays")
_PAY_RISE = re.compile(r"\b(?:pay\s*rises?|pay\s*raises?|salary|salaries)\b", re.IGNORECASE)
_PAYROLL = re.compile(r"\b(?:pay\s*days?|wages|pay\s*cheques?|pay\s*checks?|pay\s*slips?|pay\s*stubs?|"
                      r"(?:we|i|staff|they|you)\s+(?:get|gets|getting)\s+paid|"
                      # money left as tips ("how much tip Priya got"), not tips on how to do something
                      r"how\s+much\s+(?:in\s+)?tips?|tips?\s+(?:did\s+)?(?:\w+\s+){0,2}(?:got|get|gets|made|make|"
                      r"makes|earned|earn|earns|took|take)|(?:got|get|made|make|earned|earn|took|take)\s+in\s+tips|tips?\s+jar|tronc)\b", re.IGNORECASE)
# when pay day is: the payroll's whatever else the "pay" in it looks like ("when's pay day for the clinic staff")
_PAYDAY_WHEN = re.compile(r"\b(?:when|what\s+(?:date|day))\b[^.?!]*\bpay\s*days?\b|\bis\s+(?:it\s+)?pay\s*day\b",
                          re.IGNORECASE)


# A change asked about a moment ("is check-in better since the new rota") is ours, whatever else is named.
_CHANGE_ASKED = re.compile(r"\b(?:better|worse|improv\w*|since|got\s+(?:better|worse)|affect\w*|impact\w*|"
                           r"(?:has|have|did|does)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}help(?:ed)?|"
                           r"(?:made|make|makes|making)\s+(?:a|any|much\s+of\s+a)\s+difference)\b",
                           re.IGNORECASE)


_CLAUSE_END = re.compile(r"[.!?;:]\s|\s[-–—]+\s|,\s*(?:but|so|and)\s")
# ... and the next clause is a question of ours ("how is check in", not "the garage floods when it rains")
_ASKED_NEXT = re.compile(r"\W*(?:(?:so|and|but|anyway|ok|right)\W+)?(?:how|hows|how's|which|(?:what|whats|what's|is|are|has|"
                         r"have|did|do|does|any)\b(?!\s+(?:it|there|this|that|they|the\s+weather)\b))\b", re.IGNORECASE)


# the whole message praises the bot ("thanks, you're a star", "lol ur well clever innit", "thanks, that's brilliant!",
# "dyakuyu, you are good bot", "good bot"):
# no question of ours (the router answers thanks before any question is read; a bare "thanks!" stays unread)
_PRAISED = re.compile(r"^\W*(?:(?:lol|haha|ha|aw+|oh|ok|okay|cheers|thanks|thank\s+you|thx|ta|nice\s+one|pet|mate|love|hun|"
                      r"bot|wow|dyakuyu|spasibo|merci|gracias|danke|grazie|obrigad[oa]|dzi[eę]kuj[eę]|shukran|asante|"
                      r"arigato|xie\s*xie|dhanyavaad|shukriya|diolch|tesekkur(?:ler)?)\W+)*"
                      r"(?:(?:you'?re|your|ur|you\s+are|u\s+r|you|that'?s|thats|that\s+is|this\s+is)\s+(?:a\s+|an\s+|the\s+)?"
                      r"(?:so\s+|well\s+|really\s+|proper\s+|such\s+a\s+|absolutely\s+|very\s+)?(?:star|legend|gem|diamond|"
                      r"clever|smart|genius|brilliant|great|amazing|best|helpful|life\s*saver|ace|perfect|lovely|magic|class|"
                      r"fab|fabulous|awesome|superb|spot\s+on)"
                      # "good bot", "you are good bot": a word of praise for the bot itself
                      r"|(?:(?:you'?re|ur|you\s+are|u\s+r)\s+)?(?:a\s+|the\s+)?(?:very\s+|really\s+|so\s+)?(?:good|nice|cool|"
                      r"useful|handy|clever|smart|great|brilliant|helpful|lovely|best)\s+(?:bot|robot|assistant|little\s+bot))"
                      r"(?:\W+(?:innit|mate|pet|love|hun|bot|x+|lol|haha|thanks|cheers|again|so\s+much))*\W*$", re.IGNORECASE)
# "where's the nearest greggs", "nearest cash machine": a place in town, not our directions moment
_NEAREST = re.compile(r"\b(?:where'?s|where\s+is|where\s+are|is\s+there)\s+(?:the\s+|a\s+)?(?:nearest|closest)\b",
                      re.IGNORECASE)


_FOR_SOMEONE = re.compile(r"\s+(?:me|us|him|her|them|a|an|for)\b", re.IGNORECASE)  # "book me an appointment, ..."
_HEADING_END = re.compile(r"[^,:;–—?.!-]{0,40}(?:[,:;–—]|\s-)\s*")


# a sentence told after the question, saying what the answer is for ("... since the start of the year. For the
# budget discussion"): its words are no question
_SENTENCE_BREAK = re.compile(r"[.!?]+\s+")
_TAIL_ASKS = re.compile(r"\W*(?:(?:also|and|so|but|oh|plus|ok|anyway)\W+)*(?:what|whats|what's|wats|how|hows|how's|where|"
                        r"where's|when|who|whos|who's|which|why|is|are|will|can|could|would|do|does|did|should|any)\b",
                        re.IGNORECASE)
_TAIL_WANTS = re.compile(r"\b(?:pls|plz|please|need|needed|send|give|tell|show|check|find)\b", re.IGNORECASE)  # "Need the rota."


def _said_after_the_question(text: str, at: int) -> bool:
    """True when position `at` lies in a sentence told after the question, neither asked ("?", "how is ...")
    nor a request ("can you ...")."""
    breaks = list(_SENTENCE_BREAK.finditer(text, 0, at))
    if not breaks:
        return False
    tail = text[breaks[-1].end():]
    return ("?" not in tail and not _TAIL_ASKS.match(tail) and not _TAIL_WANTS.search(tail) and not _ACTION.match(tail)
            and not _MIND_DOING.search(tail))


def off_topic(text: str, *, mot_named: bool = False, person_named: bool = False, asked: bool = False) -> bool:
    """True for "book me an appointment for friday", "what's the weather", "who is the best employee",
    "which nurse is the laziest": a request to act, the world outside, or judging a person. Asking
    which *moments* are best, or who told the most stories, is ours. `asked`: the reader found what is
    asked (a ranking, a count ...): the world outside named only in a sentence after it is why it is asked."""
    if (_CONTACT.search(text) or _ADMIN.search(text) or _ACTION_AFTER.search(text) or _PRAISED.match(text)
            or _OTHER_SCORES.search(text)):
        return True
    if _NEAREST.search(text) and not _OURS.search(text):
        return True
    action = _ACTION.search(text)
    if action and _OWN_TASK.match(action.group(0)) and _THEN_ASKED.search(text, action.end()):
        action = None  # "I need to update the team on Friday: how many ratings this month?": the asker's task
    if (action and mot_named and not _FOR_SOMEONE.match(text, action.end())
            and (head := _HEADING_END.match(text, action.end())) is not None
            and _CHANGE_ASKED.search(text[head.end():head.end() + 40])):
        action = None  # "pay the bill, better or worse this quarter?": the moment's name as a heading, then a change asked
    if action and action["verb"].lower() in ("set", "put") and _SIDE_BY_SIDE.search(text):
        action = None  # "could you set Q3 against Q2 for the check-in desk": a comparison
    if action and (action["verb"].lower() in _ONLY_ELSEWHERE or not _OURS.search(text)):
        return True  # "draft an email to the team about the parking feedback": feedback named, still not ours
    if _MIND_DOING.search(text) and not _OURS.search(text):
        return True
    if _JUDGE.search(text) and not _OURS.search(text):
        return True
    result = None if mot_named else (_SPORT_RESULT.match(text) or _SPORT_FIXTURE.match(text))  # "did Priya win?" is
    # hers, but not "did Arsenal win??
    if result and person_named and not text[result.end():].strip():  # Sam won't stop talking about it"
        result = None
    if ((_SPORT.search(text) and not _OURS_NOT_SCORES.search(text) and not mot_named)
            or (result and not _OURS.search(text, result.end()))
            or (_OPENING.match(text) and not _PEOPLE_FELT.search(text))
            or (_ON_THE_MENU.match(text) and not _PEOPLE_FELT.search(text))
            or (_SYSTEM_DOWN.search(text) and not _PEOPLE_FELT.search(text))):
        return True
    if _PAY_RISE.search(text) and not _OURS.search(text):
        return True  # "someone's asked for a pay rise, how do I handle it" (not "stories mentioning pay rises")
    if (_PAYROLL.search(text) and (not mot_named or _PAYDAY_WHEN.search(text)) and not _PEOPLE_FELT.search(text)
            and not _OURS.search(text)):
        return True
    if mot_named and _CHANGE_ASKED.search(text):
        return False
    outside = _OUTSIDE.search(text)
    if outside and asked and _said_after_the_question(text, outside.start()):
        return False  # "the 5 biggest pain points since the start of the year. For the budget discussion"
    if outside and mot_named and (then := _CLAUSE_END.search(text, outside.end())) and _ASKED_NEXT.match(text, then.end()):
        return False  # "the inspection went well - how is check in this month": told first, then a moment asked
    return bool(outside) and not _OURS.search(text)
