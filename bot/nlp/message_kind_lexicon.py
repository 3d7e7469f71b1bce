"""Private to bot.nlp.message_kind: the words its rules and features care about.

Commands are exact phrases (the dialogs' trigger words, the global commands, the privacy phrases);
small talk is a closed set of short phrases in a few languages; the tone words are a small lexicon
that lets the model tell a great moment from an irritating or dull one beyond the words it was
trained on. Everything here is lower case and matched on whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# --- commands ------------------------------------------------------------------------------------
# phrase -> what it asks for. `detail` of a command reading is one of these values.
STORY, PROBLEM, FEEDBACK, ASK = "story", "problem", "feedback", "ask"
HELP, CANCEL, BACK, RESTART, MENU, START, PRIVACY = "help", "cancel", "back", "restart", "menu", "start", "privacy"
GLOBAL_DETAILS = frozenset({HELP, CANCEL, BACK, RESTART}) # the ones every dialog answers itself

_COMMAND_PHRASES: dict[str, str] = {}


def _commands(detail: str, phrases: str) -> None:
    for phrase in phrases.split("|"):
        _COMMAND_PHRASES[" ".join(phrase.split())] = detail


_commands(STORY, """story|tell a story|new story|share a story|i have a story|great moment|a story|add a story|
    log a story|histoire|raconter une histoire|nouvelle histoire|historia|contar una historia|geschichte|storia""")
_commands(PROBLEM, """problem|report a problem|report an issue|report issue|new problem|issue|log an issue|
    log a problem|a problem|signaler un problème|reportar un problema|problema|problem melden""")
_commands(FEEDBACK, """feedback|give feedback|survey|rate my visit|rate visit|rate|review|leave a review|avis|
    opinión|encuesta|bewertung""")
_commands(ASK, "ask|question|insights|stats|ask a question|a question|analytics|numbers|dashboard")
_commands(HELP, "help|help me|hlep|halp|aide|ayuda|hilfe|aiuto|ajuda|pomoc")
_commands(CANCEL, "cancel|stop|quit|exit|abort|annuler|abbrechen|annulla|stopp")
_commands(BACK, "back|go back|undo|retour|atrás|zurück")
_commands(RESTART, "restart|start over|start again|begin again")
_commands(MENU, "menu|main menu|options|show me the menu|show menu|home|the menu")
_commands(START, "start|/start|get started|begin")
_commands(PRIVACY, """privacy|don't mention me|do not mention me|stop mentioning me|no mentions|
    mention me|mention me again|you can mention me|you can mention me again|opt out|opt in""")
COMMAND_PHRASES = dict(_COMMAND_PHRASES)

# A slash command's word -> detail (unknown words keep their own name).
SLASH_DETAILS = {"mot": ASK, "insights": ASK, "stats": ASK, "survey": FEEDBACK, "issue": PROBLEM, "report": PROBLEM}

# Words that, in a message the model reads as a command, say which one.
COMMAND_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    (PRIVACY, frozenset({"mention", "mentioning", "mentions", "privacy", "shout"})),
    (PROBLEM, frozenset({"problem", "issue", "report", "fault", "complaint", "complain", "problème", "problema"})),
    (FEEDBACK, frozenset({"feedback", "rate", "rating", "review", "survey", "visit", "avis", "encuesta"})),
    (STORY, frozenset({"story", "stories", "moment", "histoire", "historia", "geschichte"})),
    (ASK, frozenset({"question", "ask", "insights", "stats", "numbers"})),
    (HELP, frozenset({"help", "aide", "ayuda", "hilfe"})),
    (CANCEL, frozenset({"cancel", "stop", "quit", "abort"})),
    (RESTART, frozenset({"restart", "over"})),
    (BACK, frozenset({"back"})),
    (MENU, frozenset({"menu", "options", "home"})),
)

# Politeness around a command word: "story pls", "help please", "cancel that", "please restart".
COMMAND_PADDING = frozenset({"please", "plz", "now", "that", "this", "thanks", "thx", "bot", "storybot",
                             "again", "the", "it", "for", "me", "ok", "okay", "svp", "por", "favor", "bitte"})

# --- small talk ----------------------------------------------------------------------------------
GREETING, THANKS, BYE, CAPABILITIES, ACK = "greeting", "thanks", "bye", "capabilities", "ack"
APOLOGY = "apology"  # "sorry", "my bad", "never mind": no harm done
SUGGESTION = "suggestion"  # a problem kind's detail: an idea for the team ("we should put a sign at the barrier")
CHAT = "chat"  # banter the bot has no part in: "tell me a joke", "long day", "do you dream?"
SMALLTALK_KINDS = (GREETING, THANKS, BYE, CAPABILITIES, APOLOGY, CHAT, ACK)

_SMALLTALK_PHRASES: dict[str, str] = {}


def plain(text: str) -> str:
    """Accents dropped ("buenos días" -> "buenos dias", "ça va" -> "ca va"): people type either."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _smalltalk(sub: str, phrases: str) -> None:
    for phrase in phrases.split("|"):
        _SMALLTALK_PHRASES[" ".join(phrase.split())] = sub
        _SMALLTALK_PHRASES.setdefault(plain(" ".join(phrase.split())), sub)


_smalltalk(GREETING, """buon pomeriggio|g'day|happy friday|hope you're well|how's your day going|
    hows your day going|how is your day going|sup bot|hello again|hi again|hi|hii|hello|helo|hallo|hey|hiya|
    hey there|hi there|hello there|yo|howdy|good morning|morning|good afternoon|afternoon|good evening|evening|
    greetings|sup|what's up|whats up|wassup|how are you|how are you doing|how r u|how are u|how's it going|
    hows it going|how is it going|how do you do|you ok|you alright|alright mate|bonjour|salut|coucou|bonsoir|
    hola|buenos dias|buenas|buenas tardes|guten morgen|moin|ciao|buongiorno|buonasera|olá|ola|bom dia|boa tarde|
    cześć|dzień dobry|hej|goedemorgen|merhaba|anyone there|is anyone there|anybody there|gm|good day|hey hey|
    hi hi|hello hello|qué tal|que tal|ça va|comment ça va|wie geht's|wie gehts|wie geht es dir|cómo estás|
    come stai|hows ur day|how's ur day|how was your day|how's your day|hows your day|how is your day|
    how are things|how's things|hows things|how you doing|how ya doing|how are ya|how r you|merry christmas|
    happy christmas|happy new year|happy holidays|happy monday|happy weekend|good to see you|nice to meet you|
    pleased to meet you|long time no see|hey you|knock knock""")
_smalltalk(THANKS, """tyvm|thanks loads|much obliged|thank you kindly|many many thanks|obrigadão|thanks mate|
    thanks|thank you|thanks a lot|thanks so much|thank you so much|thank you very much|many thanks|thx|thnx|
    thanx|thks|ty|tysm|ta|cheers|much appreciated|appreciated|thanks for your help|thanks for the help|
    thanks a million|merci|merci beaucoup|gracias|muchas gracias|danke|danke schön|danke schon|vielen dank|
    grazie|grazie mille|obrigado|obrigada|dzięki|dziękuję|dank je|bedankt|teşekkürler|tnx|thanq|thank u|
    thank ya|thanks heaps|thanks a bunch|thanks so so much|many thx|thanks again|
    thank you again|merci bien|mille grazie""")
_smalltalk(BYE, """nite|gn|catch you later|see you tomorrow|speak tomorrow|have a great weekend|
    have a good weekend|bonne nuit|buenas noches|gute nacht|dobranoc|bye|goodbye|good bye|see you|see ya|
    see you later|see ya later|bye for now|cya|later|laters|talk later|talk soon|take care|good night|night|
    nighty night|have a good day|have a nice day|have a good one|that's all|that's all for now|thats all|
    that is all|au revoir|bonne soirée|adiós|adios|hasta luego|chao|tschüss|tschüs|auf wiedersehen|arrivederci|
    tchau|do widzenia|you too|ttyl|ttys|gtg|g2g|got to go|gotta go|i'm off|im off|signing off|logging off|
    until next time|bye bye|byebye|peace out|see u|cu|cu later|have a good evening|have a good night|
    sleep well|à bientôt|a plus|bis später|bis bald|ciao ciao""")
_smalltalk(CAPABILITIES, """can you help me|can you help|how do you work|what is this bot for|what do you do exactly|how can you help me|what's your job|whats your job|
    whats this thing|what's this thing|tell me what you can do|what sort of things can you help with|
    what are you able to do|who made you|are you an ai|what can you do|what do you do|what are you|who are you|
    what are you for|are you a bot|are you a robot|are you a real person|are you human|are you real|
    how does this work|how do i use you|what can i ask|what can i ask you|what is this|what is this for|
    what's this|whats this|what is this bot|what's this bot for|whats this bot for|what can this bot do|
    what else can you do|how can you help|what can u do|what do i do|what should i do here|que peux-tu faire|
    qué puedes hacer|was kannst du""")
_smalltalk(ACK, """okey dokey|okie|kk thx|yup yup|sweet|aha|ah ok|oh nice|no problem|all good|right ok|ok|okay|k|
    kk|okey|okie dokie|ok cool|cool|nice|great|awesome|perfect|sure|got it|alright|all right|fine|lol|haha|
    hahaha|lmao|yes|yep|yeah|yup|no|nope|nah|no worries|np|nice one|good bot|you're great|you are great|
    love this bot|love it|brilliant|lovely|super|excellent|wow|amazing|sounds good|good|noted|understood|right|
    fair enough|d'accord|vale|genau|bene|claro|oui|si|sí|ja|nein|non|you rock|you're a star|you are a star|
    you're the best|you are the best|legend|good job|well done|nice work|great job|this is fun|fun|hehe|hehehe|
    xd|lmfao|rofl|oh ok|oh okay|i see|makes sense|neat|yeah ok|yeah sure|sure thing|will do|
    roger|roger that|fine thanks|i'm fine|im fine|i'm good|im good|doing well|good thanks|same|me too|
    haha nice|lol nice|cool thanks|great thanks|perfect thanks|ok great""")
_smalltalk(CHAT, """i'm tired|im tired|so tired|i'm exhausted|im exhausted|exhausted|knackered|shattered|
    long day|busy day|what a day|long week|i'm bored|im bored|bored|tell me a joke|tell me another joke|
    tell me something funny|make me laugh|know any jokes|do you know any jokes|a joke|joke|jokes|sing|
    sing a song|sing me a song|do you like coffee|you're funny|you are funny|are you sentient|are you alive|
    are you conscious|do you dream|do you sleep|do you have feelings|are you happy|are you sad|do you love me|
    i love you|marry me|are you single|how old are you|what's your name|whats your name|what is your name|
    where are you from|what's your favourite colour|whats your favourite colour|what's your favorite color|
    whats your favorite color|what's your favourite food|whats your favourite food|do you like me|
    you're stupid|you are stupid|stupid bot|dumb bot|useless bot|you're useless|you are useless|you suck|
    bad bot|i hate you|meaning of life|what is the meaning of life|what's the meaning of life""")
_smalltalk(APOLOGY, """sorry|so sorry|very sorry|my bad|oops|whoops|oopsie|my mistake|apologies|sorry about that|
    sorry for that|sorry for the spam|never mind|nevermind|nvm|forget it|forget that|ignore that|ignore me|
    scratch that|disregard that|sorry my mistake|wrong chat|wrong person|sent that by mistake|désolé|
    désolée|perdón|lo siento|entschuldigung|sorry wrong button|pardon me""")
SMALLTALK_PHRASES = dict(_SMALLTALK_PHRASES)
# Words that may pad a small-talk phrase without changing it ("hi team", "thanks again", "ok thanks").
SMALLTALK_PADDING = frozenset({"team", "all", "everyone", "everybody", "guys", "folks", "bot", "storybot",
                               "again", "so", "much", "very", "really", "then", "and", "too", "oh",
                               "dear", "friend", "you", "a", "lot"})
# Which sub-kind wins when a message holds several ("thanks, bye" -> bye).
SMALLTALK_PRIORITY = (CAPABILITIES, BYE, THANKS, APOLOGY, GREETING, CHAT, ACK)
# When no phrase is found: words that say which sub-kind ("cheers Sam!", "can u help with stuff?").
SMALLTALK_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    (CAPABILITIES, frozenset("bot robot ai able capable work works help".split())),
    (BYE, frozenset("bye goodbye later night tomorrow weekend".split())),
    (THANKS, frozenset("thanks thank thx ty cheers merci gracias danke grazie obrigado".split())),
    (APOLOGY, frozenset("sorry oops apologies nevermind nvm".split())),
    (GREETING, frozenset("hi hello hey morning afternoon evening hiya hallo hola bonjour".split())),
)
EMOJI_SUBKINDS = {"👋": GREETING, "🙏": THANKS, "❤": THANKS, "💕": THANKS, "🥰": THANKS, "💐": THANKS}

_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_ST_WORDS = frozenset(p for p in SMALLTALK_PHRASES if " " not in p and len(p) >= 5 and p.isalpha())


def squeeze(text: str) -> str:
    """A letter written three or more times, twice: "sooo" -> "soo", "hiiii" -> "hii"."""
    return _ELONGATED.sub(r"\1\1", text)


def _one_edit(a: str, b: str) -> bool:
    """True when b is a away by one deletion, insertion, substitution or swap of neighbours."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1:]
    return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])


def smalltalk_forms(word: str, is_english: Callable[[str], bool] = lambda w: False) -> list[str]:
    """The word, and what it may be a written variant of: elongations ("hellooo", "thankss") and
    one-letter typos of the longer small-talk words ("thnaks", "helo", "goodbey"), unless the word is
    English as it is (`is_english`: "thinks" is not a typo of "thanks")."""
    forms = [word]
    if _ELONGATED.search(word):
        forms += [squeeze(word), _ELONGATED.sub(r"\1", word)]
    if len(word) >= 4 and word.isalpha() and word not in SMALLTALK_PHRASES and not is_english(word):
        forms += sorted(w for w in _ST_WORDS if _one_edit(word, w))
    return forms


# --- tone ------------------------------------------------------------------------------------------
# Lemmas (lower case) that mark a great moment, or an irritating or dull one. Shared by staff stories,
# problem reports and customers' comments; other languages' commonest words included.
SHINING_WORDS = frozenset("""
    thank thanks thankful grateful gratitude appreciate appreciated lovely kind kindly kindness gentle smile
    smiling smiled laugh laughed happy happier relieved reassure reassured calm calmed amazing great
    wonderful brilliant fantastic excellent perfect star angel superb best proud hug hugged
    delighted touched beaming beam glowing care caring friendly welcoming welcome warm patient
    comfortable safe impressed recommend clean quick quickly easy clear clearly listened
    highlight praise praised love loved beautiful beautifully nice wholesome moon gift flowers
    chocolates biscuits card cake surprise surprised enjoy enjoyed saved rescue rescued
    merci gracias danke grazie obrigado obrigada amable gentil freundlich hilfsbereit gentilissimo excelente
    excellent toll super génial genial remerciée agradecido dankbar
""".split())
IRRITATING_WORDS = frozenset("""
    broken break broke again angry anger annoyed annoying irritating irritated frustrated frustrating
    complain complained complaint complaints complaining rude late delay delayed wait waited waiting queue
    queues slow slowly dirty disgusting cold freezing boiling hot confusing confused lost missing crash
    crashed down error fault faulty problem issue bug boring bored dull tedious stuck leak leaking noisy
    loud shout shouted shouting upset cross fed furious mess chaos awful terrible horrible worst
    useless unacceptable expensive overpriced wrong fail failed failing failure freeze froze
    frozen jam jams empty rushed ignored ignore nightmare nobody nothing never cannot tutting sighing
    short-staffed understaffed overwhelmed walked hate hated stare
    forgotten pointless average unfriendly tears cancelled cancel double-booked
    kaputt cassée panne roto rota lento larga espera sucio sale
    disastro ärgern froid frío plein retard tard
""".split())
# Phrases (word sequences) with a tone the lemma lists cannot see.
IRRITATING_PHRASES = ("out of order", "not working", "doesn't work", "does not work", "didn't work", "won't",
                      "no one", "not happy", "for ages", "took forever",
                      "nowhere", "no sign", "no signs", "on hold", "walked out", "nothing special",
                      "nothing to do", "nothing to read", "no wifi")
SHINING_PHRASES = ("above and beyond", "out of her way", "out of his way", "out of their way", "made my day",
                   "made her day", "made his day", "over the moon",
                   "so kind", "high-fived", "felt safe", "at ease", "on the house")

# --- how a message is written ----------------------------------------------------------------------
WH_WORDS = frozenset("""what which who whom whose where when why how hows whats howz
    quel quelle quels quelles comment combien où pourquoi qué cómo cuál cuáles cuánto dónde por qué
    wie welche welcher welches was wo warum come quale quali quanto dove perché como qual quais onde""".split())
AUX_WORDS = frozenset("""is are was were do does did can could would will should has have had any may
    shall am""".split())
REQUEST_VERBS = frozenset("show give compare tell break rank send pull get display".split())
PEOPLE_NOUNS = frozenset("""patient patients customer customers guest guests lady ladies man men woman women
    gentleman guy girl boy kid kids child children baby babies mum mom dad father mother daughter son
    family couple grandma grandpa granny elderly teenager toddler twins wife husband bride regular
    someone somebody caller visitor visitors client clients""".split())
FIRST_PERSON = frozenset("i i'm i've i'd we we've me my us our myself".split())
# Things staff do for a customer, in the past tense: the turn that makes a story out of a bad start
# ("the lift broke, so I carried the pram up").
RESOLUTION_VERBS = frozenset("""help stay calm sort fix find carry walk bring offer explain reassure take hold give
    save rescue step cover guide translate arrange call ring comfort listen make drive run chase
    spot notice squeeze fit remember surprise sing organise get manage solve turn""".split())
# "I want to", "can I", "let me" before a command word: a request to start something ("can I tell you
# about a great moment?"), not the thing itself.
START_CUES = ("i want to", "i'd like to", "i would like to", "can i", "could i", "let me", "i need to",
              "i wanna", "i have", "i've got", "got a", "may i", "how do i", "where do i", "i want")
START_OBJECTS = frozenset("""story moment problem issue report feedback rate review question ask share tell flag log
    record""".split())
STAFF_NAMES_HINT = frozenset("""she he they her his him them""".split())
SWITCH_MARKERS = ("actually", "by the way", "btw", "wait", "quick question", "never mind", "nevermind", "nvm",
                  "forget that", "forget it", "instead", "oh and", "unrelated", "different question",
                  "on another note", "another thing", "before that", "hang on", "hold on", "one more thing",
                  "also", "sorry but", "changed my mind", "ignore that", "separately")

# Function words of other languages (two or more, and more than English ones: not English).
FOREIGN_WORDS = frozenset("""
    le la les est était cette une du quel quels quelle quelles qui avec pour sur dans je il elle vous
    très des au aux pas mais ou où été son
    el los las está esta qué cómo cuál cuáles del por para una semana fue muy y pero con sin nos mi su
    der die das ist diese woche wie welche welcher welches und nicht mit für ein eine war ich wir sehr
    haben zu den dem
    il gli è questa settimana quale quali sono della molto con per un che
    com qual quais são foi não uma os ao
    jest nie się na że z do
""".split())
# A message of nothing but these says nothing yet: "what", "is it", "this", "well", "oh".
FRAGMENT_WORDS = frozenset("""what which who where when why how is it this that those these so well oh ah
    and or but the a an to of if then there here me you do does can could would will should""".split())
# Saying one does not know (yet): "not sure", "no idea", "dunno".
HEDGES = frozenset(" ".join(h.split()) for h in """not sure|no idea|no clue|idk|dunno|i don't know|i dont know|don't know|who knows|
    you know what i mean|what do you mean|what does that mean|i'm not sure|im not sure|hmm not sure|
    not really sure|no se|je ne sais pas|keine ahnung|boh""".split("|"))
ENGLISH_WORDS = frozenset("""a an the of to for in on at by with and or but is was be been are were am do did
    does how what which who this that these those from about it its i you we they he she my our your me us
    not no yes so very just can could would will should have has had there their them his her""".split())

# --- normalising ------------------------------------------------------------------------------------
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_EDGE = " .!?,;:'\"`*_~()[]{}-–—…"
_EMOTICON = re.compile(r"(?<!\w)(?:[:;=]['’-]?[()\[\]dDpPoO/\\|*3]+|<3+|\^_?\^|[xX]D+)(?!\w)")


def fold(text: str) -> str:
    """NFKC, curly quotes straightened, lower case, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2190-\u21FF\u2300-\u23FF\u2B00-\u2BFF"
                    "\u200D\uFE0E\uFE0F\u20E3\u3030\u303D\u3297\u3299\u00A9\u00AE\u2122]")


def is_emoji_char(ch: str) -> bool:
    return bool(_EMOJI.match(ch)) or (not ch.isascii() and unicodedata.category(ch) == "So")


def has_emoji(text: str) -> bool:
    return not text.isascii() and any(is_emoji_char(ch) for ch in text if not ch.isascii())


def strip_emoji(text: str) -> str:
    """Emoji and emoticons replaced by spaces."""
    text = _EMOTICON.sub(" ", text)
    if text.isascii():
        return text
    return "".join(" " if not ch.isascii() and is_emoji_char(ch) else ch for ch in text)


def edge_trim(text: str) -> str:
    return " ".join(strip_emoji(text).split()).strip(_EDGE)


def only_emoji(text: str) -> bool:
    """Emoji and emoticons only (with at least one of them): "👍", "🙏🏻", ":)", "<3", "😂😂"."""
    stripped = _EMOTICON.sub("", text)
    chars = [ch for ch in stripped if not ch.isspace()]
    if not chars:
        return bool(_EMOTICON.search(text))
    return all(is_emoji_char(ch) or ch in "!.?" for ch in chars) and any(is_emoji_char(ch) for ch in chars)


def only_punctuation(text: str) -> bool:
    chars = [ch for ch in text if not ch.isspace()]
    return bool(chars) and all(unicodedata.category(ch).startswith("P") or ch in "-+=*/\\|<>^~`" for ch in chars)
