"""Benchmark for bot.nlp.question: accuracy (intent, period, MOT, ...) per fixture, the share of
"did you mean" and of not-understood answers, and parse time.

Run from the project root:

    .venv/bin/python bench/question.py                 # regression, development, held-out, 2nd-7th authors
    .venv/bin/python bench/question.py --rounds 50
    .venv/bin/python bench/question.py --fixture tests/fixtures/questions_dev.yaml   # one file only
    .venv/bin/python bench/question.py --quiet --external tests/fixtures/heldout/questions.yaml  # blind set

Fixtures (same format; see their headers):
- tests/fixtures/questions.yaml: the 262-row regression fixture the tests assert on;
- tests/fixtures/questions_dev.yaml: development rows for issue 14's intents (tuned on, tested);
- tests/fixtures/questions_heldout.yaml: held-out rows written before those rules, never tuned on;
- tests/fixtures/questions_second_author.jsonl: 200 rows by a second author who never saw the rules,
  a development set (tuned on) in its own format (devkit/question_second_author.py);
- tests/fixtures/questions_third_author.jsonl: 200 rows by a third author who never read the parser, in
  their own labels, mapped to ours in devkit/question_third_author.py (measured once before any change
  as a held-out figure, then a development set);
- tests/fixtures/questions_fourth_author.jsonl: 150 rows by a fourth author who never read the parser, in
  the third author's format and labels (measured once before any change, 130/150 fully right, then a
  development set);
- tests/fixtures/questions_fifth_author.jsonl (260, 211 before any change) and questions_sixth_author.jsonl
  (150 by a clinic manager typing on a phone, 135 before any change): development sets in that format;
- tests/fixtures/questions_eighth_author.jsonl (a UK restaurant-group manager, half restaurant questions)
  and questions_ninth_author.jsonl (a patient-experience analyst: YTD, WoW, detractors, dictated homophones),
  150 each, 132 and 135 fully right before any change: development sets;
- tests/fixtures/questions_tenth_author.jsonl (a Gen-Z clinic lead: ngl, fr, emoji), questions_eleventh_author.jsonl
  (a medical director: long formal messages with context sentences) and questions_twelfth_author.jsonl (a
  terse US bistro owner: the check, 86'd, 10/1), 150 each, 138, 121 and 116 before any change: development sets;
- tests/fixtures/questions_thirteenth_author.jsonl (Indian office English: kindly share, till date, last to last
  month), questions_fourteenth_author.jsonl (Australian café and GP practice: how're we tracking, the till, this
  arvo) and questions_fifteenth_author.jsonl (a nurse manager in second-language English and dictation), 150
  each, 127, 137 and 138 before any change: development sets;
- tests/fixtures/questions_sixteenth_author.jsonl (Slack: @storybot, *bold*, :emoji:, "for Tuesday's huddle"),
  questions_seventeenth_author.jsonl (a US dental practice: front office, lobby, recall calls, 9/1 dates) and
  questions_eighteenth_author.jsonl (2-6 word queries: "obs trend 90d", "n stories all time"), 150 each, 144,
  108 and 131 before any change: development sets;
- tests/fixtures/questions_nineteenth_author.jsonl (Scots / Irish speech: yous, gie's, oot),
  questions_twentieth_author.jsonl (a CX consultant: H2, top-box, base size, verbatims) and
  questions_twentyfirst_author.jsonl (160,
  people- and story-centred: kudos, leaderboard), 136, 133 and 152 before any change: development sets;
- tests/fixtures/questions_twentyfourth_author.jsonl (a Manchester GP practice manager on Slack: FFT, PALS,
  DNAs, "we had the new phones put in on 2 Nov — ..."), 126/150 before any change (commit 93fea70): a
  development set; questions_twentysixth_author.jsonl (a clinic chain's operations manager in Teams:
  "Quick one: ...", YTD, "the results piece"), 134/150 before any change (commit c55b157): a development set;
  questions_thirtieth_author.jsonl (a rural dispensing practice's manager on an iPad: autocorrect slips,
  context first, "a fortnight"), 139/150 on arrival (commit abf604f; 142 by today's off-topic scoring): a
  development set; questions_thirtysecond_author.jsonl (an outpatients patient-experience lead in Teams:
  "Just so I can brief the board, ...", "- and is parking one of them?"), 138/150 on arrival (commit
  97b84b3): a development set; questions_thirtyfourth_author.jsonl (a Belfast reception supervisor: "what's
  the story with the phones", "the front", "the wee ones"), 137/150 on arrival (commit d6cff8b): a development
  set; questions_thirtysixth_author.jsonl (an outpatients matron dictating between wards: "last weak", "the for
  worst", "full stop"; and a gastropub) and questions_thirtyseventh_author.jsonl (a regional lead writing English
  as a second language: "since beginning", "% of shining", "for the report"; and a hotel restaurant), 126 and
  125/150 on arrival (commit 3afe713): development sets; questions_thirtyeighth_author.jsonl (an urgent treatment
  centre's nurse manager: long Slack messages with "- context:" bullets; and a brunch café) and
  questions_thirtyninth_author.jsonl (a non-executive director: "Would I be wrong to say ...? Which ...",
  "hitherto", "since we commenced"; and a fine-dining group), 133 and 112/150 on arrival (commit e30f17b):
  development sets; questions_fortieth_author.jsonl (a physio clinic's manager typing fast in Telegram: "wait",
  "since the clocks went back", "since half term"; and a ramen bar), 116/150 on arrival (commit 55a33da): a
  development set; questions_fortysixth_author.jsonl (a hospice clinic's volunteer coordinator writing letters:
  "Good morning,", context paragraphs, "I should be most grateful if ...", "Kind regards, Margaret"; and a
  volunteers' tea room), 98/150 on arrival (commit 41742bc): a development set; questions_fortyseventh_author.jsonl
  (a young deputy manager typing lowercase gen-z Telegram: "ngl", "rn", "how we doing on"; and a burger joint) and
  questions_fortyeighth_author.jsonl (a clinical director's compound requests: "(clinic only)", "as a % of all
  ratings", "w/c 16 Nov", "real or noise?"; and a hospital's staff-and-visitors restaurant), 141 and 132/150 on
  arrival (commit 96d2e29): development sets; questions_fortyninth_author.jsonl (a Polish-born operations manager
  of a Leeds outpatient clinic: "actual week" for this week, dates "since 1.10", dropped articles; and a tapas
  restaurant), 134/150 on arrival (commit 5677843): a development set; questions_fiftysecond_author.jsonl (a
  Singapore clinic group's patient-services lead typing Singlish: "can show or not", "last week got how many", "ytd"
  for yesterday; and a noodle house), 140/150 on arrival (commit bc07e30): a development set;
  questions_fiftyfourth_author.jsonl (a Johannesburg practice manager's South African English: "howzit", "this
  past week", "still kak", dates 2026/10/01; and a braai restaurant), 134/150 on arrival (commit f6a689d): a
  development set; questions_fiftyfifth_author.jsonl (a Brussels clinic's francophone patient-relations lead:
  French phrases in most questions, some wholly French; and a brasserie), 127/150 on arrival (commit 38408fc,
  the first to read French; 101 the commit before): a development set; questions_fiftysixth_author.jsonl (a Cork
  GP surgery's practice manager: long chatty run-on questions, Irish turns of phrase, context before the ask; and
  a harbour chipper), 140/150 on arrival (commit 64d1775): a development set; questions_fiftyeighth_author.jsonl (a
  US clinic group's VP of patient experience: KPIs, MoM, QoQ, YTD, detractors, US dates; and a steakhouse),
  138/150 on arrival (commit 64d1775): a development set; questions_sixtieth_author.jsonl (an operations director
  firing terse Slack commands: "mot: parking / last wk", "cmp oct v sep: waiting", "trend chk-in 3m"), 140/150 on
  arrival (commit 2733f28): a development set; questions_sixtyfirst_author.jsonl (a US urgent-care nurse manager
  in Slack: "L7", "WoW", top-box, :fire:; and a 1950s diner), 134/150 on arrival (commit 9617d3f): a development set;
  questions_sixtythird_author.jsonl (a Winnipeg walk-in clinic's fed-up manager: venting around the question,
  self-corrections "september - no wait, october"; and a poutine shop), 140/150 on arrival (commit 9617d3f): a
  development set; questions_sixtyfifth_author.jsonl (a London teaching hospital's head of outpatients in clipped
  notes and NHS jargon: FFT, PALS, DNA rate, OPD, 2WW; and the staff-and-visitors restaurant), 141/150 on arrival
  (commit 9617d3f): a development set; questions_sixtyseventh_author.jsonl (a New York hospital's patient-access
  director dictating to her phone: no punctuation, "october first", "last weak"; and a Queens pizza place),
  questions_sixtyninth_author.jsonl (an NHS quality-improvement lead: run charts, "signal or noise", baselines,
  "since the intervention went in"; and a staff canteen) and questions_seventyfirst_author.jsonl (a Texas
  family-medicine office manager: "y'all", "the lot", 10/1; and a BBQ joint), 131, 145 and 134/150 on arrival
  (commit 3e2d1e1): development sets; questions_seventythird_author.jsonl (an Edinburgh practice nurse turned
  patient-experience lead: NHS Scotland terms, "the now", "wee"; and a community café) and
  questions_seventyfifth_author.jsonl (a Valleys practice manager's long chatty voice-note messages with Welsh
  words; and a rugby club restaurant), 143 and 138/150 on arrival (commit 94c97c7): development sets;
  questions_seventysixth_author.jsonl (a Mumbai-born Leicester GP practice manager in Indian office English:
  "since one month", "till date", "kindly share"; and a curry house) and questions_seventyeighth_author.jsonl (a
  Melbourne-born urgent-care team lead typing fast in lowercase slang: "ngl", "rn", "pts"; and a brunch café),
  139 and 146/150 on arrival (commit 599fdb7): development sets; questions_eightieth_author.jsonl (a Hong Kong-born
  London private GP's practice manager: the window first, "Oct: weakest MOT?", slashes, "ok lah"; and a Cantonese
  restaurant) and questions_eightysecond_author.jsonl (a Montreal clinic coordinator writing English as a second
  language: "since 1er septembre", "in the last month" for last month, "la salle d'attente"; and a brasserie), 148 and
  121/150 on arrival (599fdb7's rules, the corpus with the 76th and 78th): development sets;
  questions_eightythird_author.jsonl (a Lancashire GP reception manager who writes as she talks: "love", "nowt",
  "since bonfire night"; and a village pub) and questions_eightyfifth_author.jsonl (a Philadelphia pediatric
  office manager texting: w/, b/c, "MVP", "fumbling", US dates; and a cheesesteak shop), 139 and 141/150 on
  arrival (this session's rules before their own): development sets; questions_eightysixth_author.jsonl (a Glasgow
  health centre's practice manager in Scots: "the day" for today, "pull our socks up"; and an Italian café),
  questions_eightyeighth_author.jsonl (a Texas urgent-care operations director's terse data-speak: MTD, QTD, "n=",
  US dates; and a taqueria) and questions_ninetieth_author.jsonl (a Lagos-born south London pharmacy-and-clinic
  lead: "kindly", "wahala", "since last two weeks"; and a jollof kitchen), 144, 135 and 139/150 on arrival
  (1ad96ab): development sets; questions_ninetysecond_author.jsonl (a Welsh valleys GP reception lead in Wenglish:
  "now in a minute", "tidy", "the new Saturday lads"; and a chip shop café) and questions_ninetyfourth_author.jsonl
  (a Toronto family health team's operations manager, hedged and polite: "I was wondering if you could possibly",
  "fiscal Q2"; and a churrasqueira), 144 and 139/150 on arrival (11663e1): development sets;
  questions_ninetysixth_author.jsonl (a Belfast GP surgery's practice manager in Northern Irish English: "wee",
  "the day", "girning"; and an Ulster fry café), questions_ninetyeighth_author.jsonl (a Chicago outpatient surgery
  center's patient-experience nurse typing fast: pts, f/u, PACU, "since labor day", US dates; and a deep-dish pizza
  place) and questions_hundredth_author.jsonl (a Sydney-born London dental-and-GP clinic manager in chatty
  Australian slang with emoji: "arvo", "heaps", "reckon"; and a brunch café), 145, 142 and 144/150 on arrival
  (bf9e7ed): development sets; questions_hundredandsecond_author.jsonl (a Houston community hospital's registration
  supervisor in Southern US English: "y'all", "fussin", "since Labor Day (9/7)"; and a Tex-Mex cantina),
  questions_hundredandfourth_author.jsonl (a Hamburg-born Dublin clinic operations manager's literal German English:
  "since begin of October", "since 01.10.", "in the last week" for last week; and a beer-hall restaurant) and
  questions_hundredandsixth_author.jsonl (a Cardiff GP surgery's deputy manager in Gen-Z speak: "the ick", "slaying",
  "mvp", "fr"; and a Korean fried chicken shop), 140, 123 and 144/150 on arrival (7bf29b9): development sets;
  questions_hundredandeighth_author.jsonl (a New York outpatient administrator's blunt corporate English: T30, MoM,
  "deep dive", "pulling their weight"; and a deli), questions_hundredandtenth_author.jsonl (a Limerick day clinic
  manager's long Hiberno-English stories with the question at the end: "the bank holiday Monday in October"; and a
  carvery) and questions_hundredandtwelfth_author.jsonl (a Singapore polyclinic executive's terse Singlish: "reg
  counter", "can or not"; and a zi char restaurant), 132, 128 and 139/150 on arrival (8de86f3): development sets;
  questions_hundredandthirteenth_author.jsonl (a Highlands GP practice manager dictating: "the weighting room", "four
  the", "last fourteen days"; and a village café-bistro), questions_hundredandfifteenth_author.jsonl (a London clinic's
  QI lead in analytics jargon: n, MoM, rolling 4-week, "free-text"; and a small-plates restaurant),
  questions_hundredandsixteenth_author.jsonl (a south London practice manager's Jamaican patois: "dis month", "vex";
  and a Caribbean takeaway), questions_hundredandeighteenth_author.jsonl (a sarcastic surgeon-partner: "improved on
  last month", "this feedback malarky"; and a Surrey fine-dining restaurant), questions_hundredandnineteenth_author.jsonl
  (a Johannesburg-trained London practice manager: "now now", "eish"; and a braai grill) and
  questions_hundredandtwentieth_author.jsonl (a dyslexic Leeds physio clinic manager's phonetic spelling: "storys",
  "entrys", "wich"; and a pie-and-mash café), 138, 138, 140, 141, 146 and 144/150 on arrival (82052bd): development
  sets;
  questions_hundredandtwentyfirst_author.jsonl (a South Wales valleys practice manager's Wenglish: "tidy", "lush", "where
  to is"; and a Porthcawl chippy-café), questions_hundredandtwentythird_author.jsonl (a clinic COO's consultant-speak:
  "drill into", "pareto", "one-pager"; and a salad chain), questions_hundredandtwentyfourth_author.jsonl (a Milan-born
  London clinic manager's Italian-shaped English: "how is going", "the last month"; and a trattoria) and
  questions_hundredandtwentysixth_author.jsonl (a Newcastle operations manager's Geordie: "gannin", "the day", "ower";
  and a Quayside café), 145, 147, 136 and 140/150 on arrival (45a33b3): development sets;
  questions_hundredandtwentyseventh_author.jsonl (a Cornish GP practice manager: "dreckly", "proper job"; and a Padstow
  café), questions_hundredandtwentyninth_author.jsonl (a GP partner texting like 2005: "wot", "4 the", "ne"; and a
  tearoom), questions_hundredandthirtieth_author.jsonl (a Dutch-born Bristol manager: "since 3 weeks", "better then";
  and a pancake house) and questions_hundredandthirtysecond_author.jsonl (a Gujarati-born Leicester practice manager:
  "do the needful", "maximum trouble"; and a thali restaurant), 142, 139, 136 and 143/150 on arrival (aaaa32b):
  development sets; questions_hundredandthirtythird_author.jsonl (a Glasgow practice manager's broad Scots: "gaun",
  "the now", "wee"; and an Italian café) and questions_hundredandthirtyfifth_author.jsonl (a Toronto walk-in clinic
  shift lead typing fast in lowercase: "rn", "tbh", "lmk"; and a burger bar), 131 and 139/150 on arrival (6ed666c):
  development sets; questions_hundredandthirtyseventh_author.jsonl (a Singapore polyclinic executive's Singlish: "can or
  not", "anot", "got slot"; and a noodle restaurant) and questions_hundredandthirtyninth_author.jsonl (an urgent-care
  manager dictating to voice-to-text: "to day", "passed thirty days", homophones; and a hospital canteen), 140 and
  141/150 on arrival (a91d174): development sets; questions_hundredandfortyfirst_author.jsonl (a Pune hospital
  operations manager's office English: "kindly revert", "preponed", "after the same"),
  questions_hundredandfortythird_author.jsonl (a Gen-Z assistant manager: "lowkey", "mid", "ngl"), questions_hundredandfortyfifth_author.jsonl (a Polish-born Birmingham manager: articles dropped, "we have
  problem with parking or not?") and questions_hundredandfortyseventh_author.jsonl (a dyslexic practice
  manager spelling by sound: "recepshun", "storys", "this yeer"), 139, 144, 144 and 133/150 on arrival
  (654a35f): development sets; questions_hundredandfortyninth_author.jsonl (a Brisbane clinic manager's casual
  Australian English: "arvo", "how's X travelling"), questions_hundredandfiftyfirst_author.jsonl (a retired army
  officer's clipped messages: "SITREP", "wk 47", "NLT Friday"), questions_hundredandfiftythird_author.jsonl (a Brixton
  practice manager's light Patois: "nuff", "dem", "bare") and questions_hundredandfiftyfifth_author.jsonl (an analyst
  writing like SQL and spreadsheets: "count of ratings where", "group by moment", "MoM"), 144, 136, 145 and 136/150 on
  arrival (9f17a0a): development sets; questions_hundredandfiftyseventh_author.jsonl (a Nairobi clinic
  administrator's Kenyan English), questions_hundredandfiftyninth_author.jsonl (a German-born Leeds manager: "since two
  weeks", "how looks it with"), questions_hundredandsixtyfirst_author.jsonl (a Trinidadian manager: "wha", "de",
  "allyuh") and questions_hundredandsixtythird_author.jsonl (an operations director's keyword fragments: "checkin trend
  8wk", "parking. oct. irritating count."), 138, 144, 138 and 133/150 on arrival (bfeb041): development sets;
  questions_hundredandsixtyfifth_author.jsonl (a semi-retired practice manager writing letters: "I should be grateful
  if", signed "Gerald"), questions_hundredandsixtyseventh_author.jsonl (an Aberdeen manager's Doric: "fit like", "foo
  mony fowk"), questions_hundredandsixtyninth_author.jsonl (a Nigerian-born Manchester manager's Nigerian English and
  pidgin: "wetin", "abeg") and questions_hundredandseventyfirst_author.jsonl (a Montreal-born manager's French
  calques: "the 3 last months", "the last trimester", "since how long"), 144, 137, 146 and 129/150 on arrival
  (4cbcd42): development sets; questions_hundredandseventythird_author.jsonl (a Czech-born Bristol lead's dropped
  articles: "how is going the check in"), questions_hundredandseventyfifth_author.jsonl (a Liverpool manager's Scouse:
  "made up", "dead good"), questions_hundredandseventyseventh_author.jsonl (a Cardiff finance-minded manager's KPIs:
  "rolling 12", "YTD", "P&L") and questions_hundredandseventyninth_author.jsonl (a Belfast manager's Northern Irish
  English), 146, 146, 141 and 147/150 on arrival (b82dd04): development sets;
  questions_hundredandeightyfirst_author.jsonl (an anxious new manager's hedges and apologies),
  questions_hundredandeightythird_author.jsonl (multi-line messages: a heading, then bullets),
  questions_hundredandeightyfifth_author.jsonl (a Dutch-born Norwich manager: "the most bad", "since two months") and
  questions_hundredandeightyseventh_author.jsonl (a Texan from restaurants: "y'all", FOH, "bless their hearts"), 142,
  142, 145 and 143/150 on arrival (74fdffb): development sets; questions_hundredandeightyninth_author.jsonl (a Rotorua
  manager's New Zealand English with te reo Maori), questions_hundredandninetyfirst_author.jsonl (a former headteacher's
  precise full sentences), questions_hundredandninetythird_author.jsonl (search-engine queries: "stories:Jess",
  "-parking", "top:4") and questions_hundredandninetyfifth_author.jsonl (a Lagos-trained doctor's formal medical English:
  "kindly", "revert"), 142, 142, 144 and 147/150 on arrival (027add9): development sets;
  questions_twohundredandthird_author.jsonl (a Sri Lankan-born Croydon manager's formal South Asian English: "kindly",
  "machan"), 146/150 on arrival (82c5121), questions_hundredandninetyseventh_author.jsonl (Geordie: "howay", "owt",
  "scran") and questions_hundredandninetyninth_author.jsonl (a Birmingham nurse manager's Jamaican patois: "di", "dem",
  "how much ah dem"), 140 and 136/150 on arrival (dfb3d26): development sets;
  questions_twohundredandfirst_author.jsonl (a statistician turned operations manager: "n", "rolling 28d", "wk to
  date", "bottom 5 by net score"), 144/150 on arrival (66449d1 with the rolling "last N quarters" its labels need):
  a development set; questions_twohundredandfifth_author.jsonl (an Auckland cafe manager's New Zealand English: "sweet
  as", "the dunny", "eh") and questions_twohundredandeleventh_author.jsonl (a Black Country manager: "wik", "yow",
  "bostin", "this ear"), 145 and 129/150 on arrival (b5b43c1): development sets;
  questions_twohundredandseventh_author.jsonl (a Delhi-born Southall manager's Hinglish: "is mahine", "kitne ratings",
  "sabse zyada"), questions_twohundredandninth_author.jsonl (an over-explaining manager: context, asides and apologies
  before the question) and questions_twohundredandthirteenth_author.jsonl (a Norwegian-born Aberdeen manager's literal
  calques: "the last week", "1. october"), 65, 134 and 133/150 on arrival (b5b43c1): development sets;
  questions_twohundredandfifteenth_author.jsonl (a Pakistani-born Bradford manager's Urdu in Roman letters: "sab se
  zyada", "kal", "aaj"), questions_twohundredandseventeenth_author.jsonl (an Essex manager's Estuary English: "'ate",
  "innit", "the caff") and questions_twohundredandnineteenth_author.jsonl (a Spanish-born Edinburgh manager's false
  friends: "histories", "valorations", "frases"), 136, 144 and 136/150 on arrival (71fcd55): development sets;
  questions_twohundredandtwentyfirst_author.jsonl (an Egyptian-born Birmingham manager's Arabic-influenced English:
  "ya3ni"), questions_twohundredandtwentythird_author.jsonl (a north Wales manager's Welsh words: "llynedd", "mis
  dwytha", "faint o straeon") and questions_twohundredandtwentyfifth_author.jsonl (a Galway manager's Irish words:
  "inné", "an tseachtain seo", "páirceáil"), 140, 131 and 134/150 on arrival (70f4eae): development sets;
  questions_twohundredandtwentyseventh_author.jsonl (a Turkish-born north London manager: "kaç", Turkish word order)
  and questions_twohundredandtwentyninth_author.jsonl (a Tamil-born Toronto manager's Tanglish: "evlo", "pona
  maasam"), 141 and 139/150 on arrival (9e9aa1a): development sets;
  questions_twohundredandthirtyfirst_author.jsonl (a Brazilian-born London manager's Portuguese-shaped English with
  Portuguese words: "melhores momentos", "quantas histórias"), questions_twohundredandthirtythird_author.jsonl (a
  Japanese-born Reading manager's polite English: "Sorry to trouble, I would like to know"),
  questions_twohundredandthirtyfifth_author.jsonl (a Sheffield manager's South Yorkshire English: "t'start", "nowt",
  "owt") and questions_twohundredandthirtyseventh_author.jsonl (a Ukrainian-born Nottingham lead: articles dropped,
  "which moment is most bad"), 135, 142, 143 and 149/150 on arrival (38c9bcc, the commit before they came): development
  sets;
  questions_twohundredandthirtyninth_author.jsonl (a manager typing one-handed with a swipe keyboard: real-word slips,
  "this moth", "lost quarter", "chick in"), questions_twohundredandfortyfirst_author.jsonl (a Dhaka-born Luton manager
  mixing romanised Bangla into English) and questions_twohundredandfortythird_author.jsonl (a Greek-Cypriot-born north
  London manager: "how is going the parking", "until now"), 135, 120 and 145/150 on arrival (31b26a0): development sets,
  the first two voices chosen because the held-out swipe-keyboard and Bangla-mixing sets read weakest;
  questions_twohundredandfortyfifth_author.jsonl (a Hungarian-born Bristol manager's textbook English: articles dropped,
  "give me worst moment", several asks in one message), 148/150 on arrival (6bd8450), and
  questions_twohundredandfortyseventh_author.jsonl (a Lithuanian-born Boston, Lincolnshire manager typing fast: letters
  dropped or doubled, "labas", "ačiū"), 146/150 on arrival (15a3225), and
  questions_twohundredandfortyninth_author.jsonl and questions_twohundredandfiftyfirst_author.jsonl (the Lithuanian and
  the Hungarian briefs written a second time, apart: the first sessions were thought lost), 147 and 146/150 on arrival
  (5079073): development sets; questions_twohundredandfiftythird_author.jsonl (a Slovak-born Peterborough manager's
  literal English: "the most of irritating", "prosím", "tento týždeň") and
  questions_twohundredandfiftyfifth_author.jsonl (a Kenyan-born Leeds nurse manager with Swahili words: "habari",
  "wiki hii", "mwezi huu", "the situation of"), 145 and 124/150 on arrival (78d17a8), and
  questions_twohundredandfiftyseventh_author.jsonl (an Eritrean-born Leicester nurse manager's short WhatsApp messages)
  and questions_twohundredandfiftyninth_author.jsonl (a Bulgarian-born Sheffield manager: "how many are the stories",
  Bulgarian words in Latin letters and Cyrillic), 148 and 115/150 on arrival (78d17a8), and
  questions_twohundredandsixtyfirst_author.jsonl (a Croatian-born Portsmouth grill and clinic manager) and
  questions_twohundredandsixtythird_author.jsonl (a Sri Lankan-born Croydon clinic administrator), 86 and 98/150 on
  arrival (78d17a8): development sets, these two voices chosen because the held-out Croatian and Sri Lankan sets
  (254th, 252nd) arrived weakest; questions_twohundredandsixtyfifth_author.jsonl (a Dundee manager's broad Scots:
  "cannae", "aw time", "the day"), questions_twohundredandsixtyseventh_author.jsonl (a Hong Kong-born Birmingham
  manager's Cantonese-influenced English) and questions_twohundredandsixtyninth_author.jsonl (a Brazilian-born Bristol
  practice manager with Portuguese words and emoji), 144, 146 and 149/150 on arrival (eb1af14): development sets;
- tests/fixtures/mot_names_first_author.jsonl and bench/data/mot-names-second-author.jsonl: 324 questions each, 12
  naming each moment of the two demo cycles in people's own words (jargon, places, objects, typos), by two outside
  authors; only the moment is scored. The first, a development set: 211/324 on arrival (commit 89caf28), then the
  concept vocabulary grew from its misses; the second, HELD OUT (figures only): 202/324 at 89caf28, measured once
  when the first's vocabulary was in; tests/fixtures/periods_first_author.jsonl and
  bench/data/periods-second-author.jsonl: 250 questions each saying a window their own way (named days, "w/e 8th
  Nov", "the weekend of the 14th", "L30D", "Sep and Oct", "the last two full weeks"), with the dates meant; only the
  window is scored. The first, a development set: 185/250 at commit 4e57043, then the calendar rewrites grew from its
  misses (bot/nlp/question_shorthand.py); the second, HELD OUT: 184/250 at 89caf28, measured once after them
  (210); then a third of each, development sets (moments 256/324 and windows 196/250 on arrival at f892719), and a
  fourth of each, HELD OUT (moments 261/324 on arrival at f892719; windows 182/250 at 89caf28), measured again once
  the thirds' vocabulary was in; and a fifth of each, development sets (272/324 and 210/250 on arrival at 3b0ebaa);
  and a sixth of each, development sets (a US clinic network's operations slang and a café: moments 250/324; an
  Irish practice manager's windows with Irish bank holidays: 165/250; on arrival at 9617d3f); and a seventh of
  each, development sets (a London private hospital's front-of-house hospitality words and a rooftop restaurant:
  moments 279/324; a Sydney-born London practice manager's windows: arvo, EOFY, team events: 172/250; on arrival
  at 94c97c7);
- bench/data/questions-seventh-author.jsonl: 150 by a seventh author (a quality lead writing English as a
  second language, and a US restaurant floor manager) in that format, HELD OUT: never read while
  changing the parser, never learnt from by the model; figures only (130/150 fully right when it
  arrived, on the same main as the sixth's 135);
- bench/data/questions-twentysecond-author.jsonl (a Canadian family-practice manager: "what's the scoop on",
  "where did we drop the ball") and questions-twentythird-author.jsonl (search-engine style: "number of
  ratings check in november"), 150 each, HELD OUT like the seventh's: 143 and 148 fully right when they
  arrived (commit 1e83edb), figures only; questions-twentyfifth-author.jsonl (a nurse lead dictating to her
  phone: no punctuation, "the weighting room", "top three"), HELD OUT the same way: 132/150 when it arrived
  (commit 93fea70), figures only; questions-twentyseventh-author.jsonl (a chatty ward sister new to chatbots:
  "I wonder whether ...", "the booking-in desk"), HELD OUT the same way: 129/150 when it arrived (commit
  c55b157), figures only; questions-twentyeighth-author.jsonl (a Welsh health centre: "where are we to with",
  "when folk are stood at the desk", local events dating a question) and questions-twentyninth-author.jsonl
  (a QI lead typing on a phone: pts, recep, FU, "check-in Q3→Q4"), HELD OUT, 123 and 129/150 when they
  arrived (commit 57facb4), figures only; questions-thirtyfirst-author.jsonl (a clinic group's operations
  director: WoW, QoQ, "cut by", colon-style asks, exports), HELD OUT, 122/150 when it arrived (commit abf604f;
  126 by today's off-topic scoring, which takes an off-topic request as right whatever period it names),
  figures only; questions-thirtythird-author.jsonl (a front-desk shift lead on his phone: rn, ngl, voice-to-text
  slips, jokes to the bot), HELD OUT, 144/150 when it arrived (commit 97b84b3), figures only;
  questions-thirtyfifth-author.jsonl (a clinical director: exact ranges, "Q3 versus Q2", named colleagues),
  HELD OUT, 135/150 when it arrived (commit d6cff8b), figures only; questions-fortyfirst-author.jsonl (a US
  imaging centre's quality lead: MoM, QTD, "since go-live on 10/5", SQL-ish asks; and a visitors' café), HELD
  OUT, 115/150 when it arrived (commit 94a4b19), figures only; questions-fortysecond-author.jsonl (a Glasgow GP
  practice manager: "the now", "the day", "since Hogmanay"; and a chippy), questions-fortythird-author.jsonl (a
  dental practice owner dictating: "weighting room", "queue three", "pria"; and a pizzeria),
  questions-fortyfourth-author.jsonl (a hospital operations director typing filters: "checkin irritating count
  oct", "parking -> trend 8wk"; and a steakhouse "grill") and questions-fortyfifth-author.jsonl (an Australian
  nurse unit manager: "arvo", day-first dates, "this FY", "Cup Day"; and a brunch café), HELD OUT, 130, 127, 126
  and 135/150 when they arrived (commit 41742bc), figures only; questions-fiftieth-author.jsonl (a consultant
  surgeon dictating to his phone while walking: no punctuation, "um", numbers as words, "weak" for "week", a
  second sentence correcting the first; and a ramen bar), HELD OUT, 143/150 when it arrived (commit 5677843),
  figures only; questions-fiftyfirst-author.jsonl (a Nigerian-born London practice manager's WhatsApp English:
  "how far with parking", "abeg", "till date", "o"; and a grill restaurant), HELD OUT, 146/150 when it arrived
  (commit bc07e30), figures only; questions-fiftythird-author.jsonl (a Montreal clinic manager slipping French
  into a third of her questions: "la réception", "depuis octobre", whole questions in French), HELD
  OUT, 117/150 when it arrived (commit f6a689d), figures only; questions-fiftyseventh-author.jsonl (a Brisbane
  medical centre's operations lead: terse Aussie slang, "arvo", "how're we tracking", "the carpark", abbreviations;
  and a pub bistro), HELD OUT, 144/150 when it arrived (commit 64d1775), figures only;
  questions-fiftyninth-author.jsonl (a Filipino-born London practice manager's polite English: "kindly", "po",
  "already for this week"; and a Filipino-fusion restaurant), HELD OUT, 144/150 when it arrived (commit 2733f28),
  figures only; questions-sixtysecond-author.jsonl (a retired headteacher managing a Welsh GP surgery's reception:
  long, polite, old-fashioned sentences with context first, "a fortnight", two asks in one; and a seaside café), HELD
  OUT, 131/150 when it arrived (commit 9617d3f), figures only; questions-sixtyfourth-author.jsonl (a newly promoted,
  not very techy team leader: short plain questions, some vague, small spelling slips; and an Italian restaurant),
  HELD OUT, 143/150 when it arrived (commit 9617d3f), figures only; questions-sixtysixth-author.jsonl (a Nairobi
  private hospital's customer care manager in formal East African office English: "kindly assist", "how many
  feedbacks", "as at today"; and the hospital's café-restaurant), HELD OUT, 148/150 when it arrived (commit
  9617d3f), figures only; questions-sixtyeighth-author.jsonl (a Highland GP practice's dry, tidy practice manager:
  "w/c 2nd Nov", "the surgery"; and a hotel restaurant), questions-seventieth-author.jsonl (a Lagos-born nurse manager
  of a London clinic in Nigerian English: "abeg", "wahala"; and a buka) and questions-seventysecond-author.jsonl (a
  Miami clinic supervisor's Spanglish: "oye", "la semana pasada", US dates; and a Cuban ventanita), HELD OUT, 142,
  143 and 124/150 when they arrived (commit 3e2d1e1), figures only; questions-seventyfourth-author.jsonl (a
  Toronto walk-in chain's operations analyst in terse lowercase Slack: "top box parking mtd", "rolling 4 wks", ISO
  dates; and a food court), HELD OUT, 132/150 when it arrived (commit 94c97c7), figures only;
  questions-seventyseventh-author.jsonl (a semi-retired Cornish ward sister, courteous full sentences, "since
  half term"; and a harbour fish restaurant) and questions-seventyninth-author.jsonl (an Ohio imaging-and-lab
  chain's operations analyst: WoW, MoM, L30D, T90, US dates), HELD OUT, 140 and 143/150 when they
  arrived (commit 599fdb7), figures only; questions-eightyfirst-author.jsonl (a Boston academic medical center's
  patient-experience director: formal, top box, percentile, n-size; and a harborside seafood restaurant), HELD OUT,
  133/150 when it arrived (599fdb7's rules), figures only; questions-eightyfourth-author.jsonl (a Nairobi-born
  nurse manager of a Manchester walk-in centre in Kenyan English: "kindly", "this side", "sawa"; and a nyama choma
  grill), HELD OUT, 140/150 when it arrived (this session's rules of the time), figures only;
  questions-eightyseventh-author.jsonl (a Johannesburg-born Bristol physiotherapy clinic manager: "just now",
  "now-now"; and a braai grill), questions-eightyninth-author.jsonl (a Cork GP practice manager, chatty, story
  first; and a Kinsale gastropub) and questions-ninetyfirst-author.jsonl (a Queensland rural clinic's nurse unit
  manager: "arvo", "this financial year", day-first dates; and a country pub bistro), HELD OUT, 146, 141 and
  140/150 when they arrived (1ad96ab), figures only; questions-ninetythird-author.jsonl (a Manila-born nurse
  manager of a Dubai outpatient clinic: "po", "since last last week", day-first dates; and a kamayan restaurant) and
  questions-ninetyfifth-author.jsonl (a Christchurch GP practice manager in Kiwi English: "sweet as", "the arvo",
  "since Labour weekend"; and a fish-and-chip takeaway), HELD OUT, 138 and 133/150 when they arrived (11663e1),
  figures only; questions-ninetyseventh-author.jsonl (a Kolkata-born Birmingham community clinic's practice manager
  writing formal office English: "request you to kindly provide", "w.e.f.", day-first dates; and a dosa restaurant),
  questions-ninetyninth-author.jsonl (a retired-army Edinburgh outpatient clinic manager's clipped orders:
  "SITREP", "Confirm:", 24-hour times; and a seafood bistro) and questions-hundredandfirst-author.jsonl (a
  Karachi-born Manchester outpatients' admin lead in careful second-language English: "what is the position of",
  "today itself"; and a grill house), HELD OUT, 135, 141 and 144/150 when they arrived (bf9e7ed), figures only;
  questions-hundredandthird-author.jsonl (a Lagos-trained Leeds walk-in centre nurse's WhatsApp-short lines in
  British and Nigerian English: "abeg", "how far with", "since last week Monday"; and a Yorkshire tea room), HELD
  OUT, 144/150 when it arrived (7bf29b9), figures only; questions-hundredandseventh-author.jsonl (a South Auckland
  community health clinic's Samoan practice manager: "aunty", "the whānau", "chur", "since Matariki"; and a Pacific
  Island takeaway), HELD OUT, 138/150 when it arrived (8de86f3), figures only;
  questions-hundredandfourteenth-author.jsonl (a Montreal-area clinic coordinator's French-flavoured English; and a
  Plateau bistro) and questions-hundredandseventeenth-author.jsonl (a Filipino nurse manager in Dubai: Taglish "po",
  "naman"; and a Filipino restaurant), HELD OUT, 125 and 141/150 when they arrived (82052bd), figures only;
  questions-hundredandtwentysecond-author.jsonl (a Hong Kong-born Vancouver clinic manager; and a dim sum restaurant)
  and questions-hundredandtwentyfifth-author.jsonl (a polite Minnesota family-medicine clinic manager; and a supper
  club), HELD OUT, 135 and 141/150 when they arrived (45a33b3), figures only;
  questions-hundredandtwentyeighth-author.jsonl (a Miami clinic office manager's Spanglish; and a Cuban cafeteria) and
  questions-hundredandthirtyfirst-author.jsonl (a Liverpool practice manager's Scouse; and a café near Anfield), HELD
  OUT, 136 and 140/150 when they arrived (aaaa32b), figures only;
  questions-hundredandthirtyfourth-author.jsonl (a retired matron, now a Yorkshire patient-experience lead: long,
  formal sentences; and a hospital tea room) and questions-hundredandthirtysixth-author.jsonl (a Nigerian-born
  Manchester operations manager's Nigerian English; and a chophouse), HELD OUT, 125 and 145/150 when they arrived
  (6ed666c), figures only; questions-hundredandthirtyeighth-author.jsonl (a Dunedin GP practice manager's New Zealand
  English; and a bakery café), HELD OUT, 145/150 when it arrived (a91d174), figures only;
  questions-hundredandfortieth-author.jsonl (a Cardiff practice manager writing warmly with Welsh words),
  questions-hundredandfortysecond-author.jsonl (a Durban clinic manager's South African English) and
  questions-hundredandfortyfourth-author.jsonl (a US urgent-care operations lead's corporate acronyms), HELD OUT, 135,
  142 and 143/150 when they arrived (654a35f), figures only; questions-hundredandfortyeighth-author.jsonl (a Dublin
  practice manager's Hiberno-English), questions-hundredandfiftieth-author.jsonl (a Hong Kong clinic administrator's
  Hong Kong English) and questions-hundredandfiftysecond-author.jsonl (a Madrid-born London manager's Spanish turns and
  false friends), HELD OUT, 141, 142 and 137/150 when they arrived (9f17a0a), figures only;
  questions-hundredandfiftysixth-author.jsonl (a Ghanaian-born London manager's Ghanaian English),
  questions-hundredandfiftyeighth-author.jsonl (a manager whose phone's autocorrect swaps in wrong words) and
  questions-hundredandsixtieth-author.jsonl (a Barnsley practice manager's Yorkshire dialect), HELD OUT, 145, 131 and
  141/150 when they arrived (bfeb041), figures only; questions-hundredandsixtyfourth-author.jsonl (a Filipino-born
  nurse manager's polite Taglish-flavoured English), questions-hundredandsixtysixth-author.jsonl (a manager dictating by
  voice: no punctuation, misheard words) and questions-hundredandsixtyeighth-author.jsonl (a manager asking from her
  smartwatch: a few words, emojis), HELD OUT, 149, 141 and 134/150 when they arrived (4cbcd42), figures only;
  questions-hundredandseventieth-author.jsonl (a clinical director's clinical abbreviations: OPD, f/u, TCI),
  questions-hundredandseventysecond-author.jsonl (a 24-year-old's lowercase "lowkey", "literally") and
  questions-hundredandseventyfourth-author.jsonl (a Singapore-trained manager's Singlish-flavoured English), HELD OUT,
  134, 146 and 144/150 when they arrived (b82dd04), figures only; questions-hundredandseventysixth-author.jsonl (a
  Texas-raised manager's Spanglish), questions-hundredandseventyeighth-author.jsonl (a Boston outpatient administrator's
  US healthcare-admin English: HCAHPS, "the garage", 11/2) and questions-hundredandeightieth-author.jsonl (an East London
  manager's Cockney and rhyming slang), HELD OUT, 137, 136 and 142/150 when they arrived (74fdffb), figures only;
  questions-hundredandeightysecond-author.jsonl (a Malaysian-born Manchester manager's Manglish) and
  questions-hundredandeightysixth-author.jsonl (a Cork manager's Irish English: "giving out", "yer man"), HELD OUT,
  148 and 140/150 when they arrived (027add9), figures only; questions-hundredandeightyfourth-author.jsonl (a Bradford
  manager's British English with Urdu/Punjabi words), HELD OUT, 146/150 when it arrived (f9290a5), figures only;
  questions-hundredandeightyeighth-author.jsonl (a Glasgow manager's broad Glaswegian Scots) and
  questions-hundredandninetieth-author.jsonl (a Cornwall/Devon practice manager's West Country English) and
  questions-hundredandninetysecond-author.jsonl (a Toronto clinic director's Canadian English), HELD OUT, 137, 144
  and 145/150 scored at 82c5121 (the commit before any rule of their round), figures only;
  questions-hundredandninetyfourth-author.jsonl (a Hyderabad-born Leicester practice manager's Indian English),
  questions-hundredandninetysixth-author.jsonl (an Atlanta clinic manager's US Southern English) and
  questions-hundredandninetyeighth-author.jsonl (a Dubai operations manager's Gulf English),
  questions-twohundredth-author.jsonl (a Philadelphia manager's Philly English: "youse", "jawn"),
  questions-twohundredandsecond-author.jsonl (a retired nurse in her seventies coordinating volunteers, new to chat)
  and questions-twohundredandfourth-author.jsonl (a Vietnamese-born Sydney manager: dropped plurals, articles and
  tenses), HELD OUT, 146, 147, 145, 144, 136 and 144/150 scored at b5b43c1 (the commit before any rule of their
  round), figures only; questions-twohundredandsixth-author.jsonl (a Manchester manager's Mancunian English: "our kid",
  "mither"), questions-twohundredandeighth-author.jsonl (a Brazilian-born Dublin manager's Portuguese false friends:
  "actually" for currently, "since 3 months") and questions-twohundredandtenth-author.jsonl (an Inverness manager's
  Highland English with Gaelic words), HELD OUT, 146, 141 and 145/150 when they arrived (920cf30, after every rule of
  round nine; no rule written after them), figures only; questions-twohundredandtwelfth-author.jsonl (a Ghanaian-born
  Croydon manager's Ghanaian English) and questions-twohundredandsixteenth-author.jsonl (a Hull manager's East
  Yorkshire English), HELD OUT, 146 and 139/150 scored at 71fcd55 (the commit before any rule of round ten), figures
  only; questions-twohundredandfourteenth-author.jsonl (a Korean-born Toronto manager's careful English), HELD OUT,
  147/150 when it arrived (ae4c6c6, after round ten's first rules), figures only;
  questions-twohundredandeighteenth-author.jsonl (an Italian-born London manager's calques and false friends),
  questions-twohundredandtwentieth-author.jsonl (a Hong Kong-born Manchester manager's Hong Kong English) and
  questions-twohundredandtwentysecond-author.jsonl (a Russian-born London manager: no articles, Russian word order),
  HELD OUT, 129, 144 and 145/150 scored at 70f4eae (the commit before any rule of round eleven), figures only;
  questions-twohundredandtwentyfourth-author.jsonl (a Somali-born Bristol manager) and
  questions-twohundredandtwentysixth-author.jsonl (a Newfoundland manager's Newfoundland English), HELD OUT, 146 and
  143/150 when they arrived (f676ce7 and 9e9aa1a, after every rule of round eleven), figures only;
  questions-twohundredandthirtieth-author.jsonl (a Shanghai-born Manchester manager's Chinese-shaped English), HELD
  OUT, 142/150 when it arrived (ea35c23, before any rule of round twelve), figures only;
  questions-twohundredandtwentyeighth-author.jsonl (a Manila-born Reading nurse manager's Philippine English), HELD OUT,
  144/150 when it arrived (after round twelve's first rules, committed with it), figures only;
  questions-twohundredandthirtyfourth-author.jsonl (a Sylhet-born Tower Hamlets manager mixing Bangla words into English),
  HELD OUT, 132/150 when it arrived (38c9bcc), figures only; questions-twohundredandthirtysecond-author.jsonl (a clinic
  manager typing one-handed with a swipe keyboard: slips that are real words), HELD OUT, 115/150 when it arrived
  (after round twelve's later rules, uncommitted then, committed with it), figures only;
  questions-twohundredandthirtysixth-author.jsonl (a Romanian-born Leicester clinic manager's literal English: "how many
  feedbacks") and questions-twohundredandthirtyeighth-author.jsonl (a Nepali-born Aldershot manager's formal English with
  Nepali words), HELD OUT, 144 and 142/150 when they arrived (31b26a0), figures only;
  questions-twohundredandfortysecond-author.jsonl (a Dundee practice manager dictating to her phone's voice-to-text:
  misheard words, no punctuation, Scots), HELD OUT, 145/150 when it arrived (3815957), figures only;
  questions-twohundredandfortieth-author.jsonl (a Zimbabwean-born Walsall nurse manager's brisk WhatsApp English with
  Shona words), HELD OUT, 149/150 when it arrived (15a3225), figures only;
  questions-twohundredandfortyfourth-author.jsonl (a second author given the same Walsall brief, written apart: the
  first session was thought lost and the brief handed out again), HELD OUT, 147/150 when it arrived (2ba4114), figures
  only; questions-twohundredandfortysixth-author.jsonl (the Dundee voice-to-text brief written a second time, apart, the
  same way), HELD OUT, 144/150 when it arrived (cf9f2a9), figures only;
  questions-twohundredandfortyeighth-author.jsonl (a deaf Norwich practice manager writing English in British Sign
  Language order: topic and time first, the question word last, little words dropped), HELD OUT, 140/150 when it
  arrived (78d17a8), figures only; questions-twohundredandfiftieth-author.jsonl (a Thai-born Brighton restaurant owner
  who also runs a clinic's reception: "na ka", plurals and tenses mixed, dates as 25/11), HELD OUT, 148/150 when it
  arrived (78d17a8), figures only; questions-twohundredandfiftysecond-author.jsonl (a Sri Lankan-born Ipswich clinic
  manager: "no?" and "isn't it?" tags, "what to do", Sinhala words), HELD OUT, 125/150 when it arrived (78d17a8),
  figures only; questions-twohundredandfiftyfourth-author.jsonl (a Croatian-born Southampton manager: free word order,
  "how is going", Croatian words), HELD OUT, 109/150 when it arrived (78d17a8), figures only;
  questions-twohundredandfiftysixth-author.jsonl (a Bangor practice manager, terse, unpunctuated, the odd Welsh word),
  questions-twohundredandfiftyeighth-author.jsonl (a Polish-born Glasgow operations lead's long, polite, formal
  messages), questions-twohundredandsixtieth-author.jsonl (a Nigerian-born Manchester senior nurse in WhatsApp style)
  and questions-twohundredandsixtysecond-author.jsonl (a retired-army Aldershot clinic manager in capitals and
  date-time groups), HELD OUT, their briefs giving the persona only (no word list), 148, 145, 142 and 140/150 when
  they arrived (eb1af14), figures only.
"Fully right" = intent, period and MOT all right (the issue's measure); "whole row" also checks
compare, person, rating, limit and measure. "Did you mean" = intent unknown with alternatives to
offer; "not understood" = unknown with nothing to offer (or off-topic when the row expects otherwise).
Timing is per parse_question call after one warm-up pass (which builds the cached tables).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time as clock
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlp.question import parse_question  # noqa: E402
from devkit.question_fixture import (  # noqa: E402
    DEV_FIXTURE,
    FIXTURE,
    HELDOUT_FIXTURE,
    cycle_mots,
    load_fixture,
    moment,
    parse_case,
)
from devkit.question_second_author import SECOND_AUTHOR_FIXTURE  # noqa: E402
from devkit.question_corpus import AUTHOR_FIXTURES  # noqa: E402
from devkit.question_windows import period_right  # noqa: E402

SEVENTH_AUTHOR_SET = ROOT / "bench" / "data" / "questions-seventh-author.jsonl"  # held out: figures only
HELD_OUT_SETS = (SEVENTH_AUTHOR_SET, ROOT / "bench" / "data" / "questions-twentysecond-author.jsonl",
                 ROOT / "bench" / "data" / "questions-twentythird-author.jsonl",
                 ROOT / "bench" / "data" / "questions-twentyfifth-author.jsonl",
                 ROOT / "bench" / "data" / "questions-twentyseventh-author.jsonl",
                 ROOT / "bench" / "data" / "questions-twentyeighth-author.jsonl",
                 ROOT / "bench" / "data" / "questions-twentyninth-author.jsonl",
                 ROOT / "bench" / "data" / "questions-thirtyfirst-author.jsonl",
                 ROOT / "bench" / "data" / "questions-thirtythird-author.jsonl",
                 ROOT / "bench" / "data" / "questions-thirtyfifth-author.jsonl",
                 ROOT / "bench" / "data" / "questions-fortyfirst-author.jsonl",
                 *(ROOT / "bench" / "data" / f"questions-{n}-author.jsonl"
                   for n in ("fortysecond", "fortythird", "fortyfourth", "fortyfifth", "fiftieth", "fiftyfirst",
                             "fiftythird", "fiftyseventh", "fiftyninth", "sixtysecond", "sixtyfourth",
                             "sixtysixth", "sixtyeighth", "seventieth", "seventysecond",
                             "seventyfourth", "seventyseventh", "seventyninth", "eightyfirst",
                             "eightyfourth", "eightyseventh", "eightyninth", "ninetyfirst",
                             "ninetythird", "ninetyfifth", "ninetyseventh", "ninetyninth", "hundredandfirst", "hundredandthird", "hundredandseventh",
                             "hundredandfourteenth", "hundredandseventeenth",
                             "hundredandtwentysecond", "hundredandtwentyfifth",
                             "hundredandtwentyeighth", "hundredandthirtyfirst",
                             "hundredandthirtyfourth", "hundredandthirtysixth", "hundredandthirtyeighth",
                             "hundredandfortieth", "hundredandfortysecond", "hundredandfortyfourth",
                             "hundredandfortyeighth", "hundredandfiftieth", "hundredandfiftysecond",
                             "hundredandfiftysixth", "hundredandfiftyeighth", "hundredandsixtieth",
                             "hundredandsixtyfourth", "hundredandsixtysixth", "hundredandsixtyeighth",
                             "hundredandseventieth", "hundredandseventysecond", "hundredandseventyfourth",
                             "hundredandseventysixth", "hundredandseventyeighth", "hundredandeightieth",
                             "hundredandeightysecond", "hundredandeightyfourth", "hundredandeightysixth",
                             "hundredandeightyeighth", "hundredandninetieth", "hundredandninetysecond",
                             "hundredandninetyfourth", "hundredandninetysixth", "hundredandninetyeighth",
                             "twohundredth", "twohundredandsecond", "twohundredandfourth",
                             "twohundredandsixth", "twohundredandeighth", "twohundredandtenth",
                             "twohundredandtwelfth", "twohundredandfourteenth", "twohundredandsixteenth",
                             "twohundredandeighteenth", "twohundredandtwentieth", "twohundredandtwentysecond",
                             "twohundredandtwentyfourth", "twohundredandtwentysixth", "twohundredandtwentyeighth",
                             "twohundredandthirtieth", "twohundredandthirtysecond", "twohundredandthirtyfourth",
                             "twohundredandthirtysixth", "twohundredandthirtyeighth", "twohundredandfortieth",
                             "twohundredandfortysecond", "twohundredandfortyfourth", "twohundredandfortysixth",
                             "twohundredandfortyeighth", "twohundredandfiftieth", "twohundredandfiftysecond",
                             "twohundredandfiftyfourth", "twohundredandfiftysixth", "twohundredandfiftyeighth",
                             "twohundredandsixtieth", "twohundredandsixtysecond")))

FIELDS = ("intent", "period", "compare", "mot_id", "person", "rating", "limit", "measure")
# Moments named in people's own words: 12 questions a moment (27 moments), {"q", "mot", "cycle"}, by two outside
# authors; the first a development set, the second held out (figures only)
MOT_NAMES_DEV = tuple(ROOT / "tests" / "fixtures" / f"mot_names_{n}_author.jsonl"
                      for n in ("first", "third", "fifth", "sixth", "seventh"))
MOT_NAMES_HELD_OUT = tuple(ROOT / "bench" / "data" / f"mot-names-{n}-author.jsonl" for n in ("second", "fourth"))
# Windows said in people's own words: 250 questions each with the window meant ({"q", "start", "end"}, ISO days, the
# end exclusive; "all" for all time), by two outside authors; the first a development set, the second held out
PERIODS_DEV = tuple(ROOT / "tests" / "fixtures" / f"periods_{n}_author.jsonl"
                    for n in ("first", "third", "fifth", "sixth", "seventh"))
PERIODS_HELD_OUT = tuple(ROOT / "bench" / "data" / f"periods-{n}-author.jsonl" for n in ("second", "fourth"))


def measure_periods(path: Path, show_misses: bool) -> None:
    import json

    from devkit.question_second_author import NOW, PEOPLE, TZ

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    misses = []
    for row in rows:
        q = parse_question(row["q"], now=NOW, tz=TZ, mots=cycle_mots("healthcare-visit"), people=PEOPLE)
        if not period_right(q, row):
            misses.append(f"  {row['q']!r}: {q.period.label} (want {row['start']} .. {row['end']})")
    right = len(rows) - len(misses)
    print(f"{path.relative_to(ROOT)} ({len(rows)} windows): {right}/{len(rows)} {right / max(len(rows), 1):.1%}")
    if show_misses:
        print("\n".join(misses))


def measure_mot_names(path: Path, show_misses: bool) -> None:
    """Only the moment: is the one the question names the one read (the intent and window are not scored)."""
    import json

    from devkit.question_second_author import NOW, PEOPLE, TZ

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    misses = []
    for row in rows:
        q = parse_question(row["q"], now=NOW, tz=TZ, mots=cycle_mots(row["cycle"]), people=PEOPLE)
        if q.mot_id != row["mot"]:
            misses.append(f"  {row['q']!r}: {q.mot_id} (want {row['mot']})")
    right = len(rows) - len(misses)
    print(f"{path.relative_to(ROOT)} ({len(rows)} moments named): {right}/{len(rows)} {right / max(len(rows), 1):.1%}")
    if show_misses:
        print("\n".join(misses))


def span(value: Any, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    return None if value is None else (moment(value[0], zone), moment(value[1], zone))


def _period(p: Any) -> tuple[datetime, datetime] | None:
    return None if p is None else (p.start, p.end)


def measure(path: Path, show_misses: bool) -> list[dict[str, Any]]:
    defaults, cases = load_fixture(path)
    totals = {k: 0 for k in (*FIELDS, "fully", "row", "clarify", "lost")}
    misses: list[str] = []
    for case in cases:
        question, zone = parse_case(defaults, case)
        right = {
            "intent": question.intent == case["intent"],
            "period": _period(question.period) == span(case["period"], zone),
            "compare": _period(question.compare) == span(case.get("compare"), zone),
            "mot_id": question.mot_id == case.get("mot_id"),
            "person": question.person == case.get("person"),
            "rating": question.rating == case.get("rating"),
            "limit": question.limit == case.get("limit"),
            "measure": question.measure == case.get("measure"),
        }
        right["fully"] = right["intent"] and right["period"] and right["mot_id"]
        right["row"] = all(right[k] for k in FIELDS)
        for key, ok in right.items():
            totals[key] += ok
        unknown = question.intent == "unknown" and case["intent"] != "unknown"
        totals["clarify"] += unknown and bool(question.alternative_intents)
        totals["lost"] += (unknown and not question.alternative_intents) or (
            question.intent == "off_topic" and case["intent"] != "off_topic")
        if not right["row"]:
            wrong = ", ".join(k for k in FIELDS if not right[k])
            flag = " (known miss)" if case.get("known_miss") else ""
            misses.append(f"  {case['text']!r}: {wrong}{flag} -> {question.intent}, {question.mot_id}, "
                          f"{question.period.label}")
    n = len(cases)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({n} rows)")
    for key, label in (("fully", "fully right (intent+period+MOT)"), ("row", "whole row"), ("intent", "intent"),
                       ("period", "period"), ("mot_id", "MOT"), ("compare", "compare"), ("person", "person"),
                       ("rating", "rating"), ("limit", "limit"), ("measure", "measure"),
                       ("clarify", "did you mean"), ("lost", "not understood")):
        print(f"  {label:<32} {totals[key]:>4}/{n}  {totals[key] / n:6.1%}")
    if misses and show_misses:
        print("  misses:")
        print("\n".join(misses))
    return cases


def measure_external(path: Path) -> None:
    """The external held-back format (devkit/question_external.py): figures only, no rows listed."""
    from devkit.question_external import score

    results = score(path)
    _figures(path, "external format", results, ("fully", "intent", "period", "mot_id", "compare", "person",
                                                 "rating", "limit"))


_LABELS = {"fully": "fully right (intent+period+MOT)", "row": "whole row", "mot_id": "MOT",
           "mot2": "second MOT offered"}


def _figures(path: Path, kind: str, results: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
    """A part's heading, the share right for each of `keys`, then the did-you-mean and not-understood shares."""
    n = len(results)
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({n} rows, {kind})")
    for key in keys:
        ok = sum(r["right"][key] for r in results)
        print(f"  {_LABELS.get(key, key):<32} {ok:>4}/{n}  {ok / n:6.1%}")
    _shares(results)


def _shares(results: list[dict[str, Any]]) -> None:
    n = len(results)
    unclear = [r for r in results if r["question"].intent == "unknown" and r["want_intent"] != "unknown"]
    clarify = sum(1 for r in unclear if r["question"].alternative_intents)
    lost = len(unclear) - clarify + sum(1 for r in results if r["question"].intent == "off_topic"
                                        and r["want_intent"] != "off_topic")
    print(f"  {'did you mean':<32} {clarify:>4}/{n}  {clarify / n:6.1%}")
    print(f"  {'not understood':<32} {lost:>4}/{n}  {lost / n:6.1%}")


def _print_misses(results: list[dict[str, Any]], keys: tuple[str, ...], say: Any) -> None:
    """Rows not wholly right: what was wrong among `keys` and `say(question, row, want_intent)`."""
    misses = [r for r in results if not r["right"]["row"]]
    if misses:
        print("  misses:")
    for r in misses:
        wrong = ", ".join(k for k in keys[2:] if not r["right"][k])
        print(f"  {r['row']['q']!r}: {wrong} -> {say(r['question'], r['row'], r['want_intent'])}")


def measure_second_author(path: Path, show_misses: bool) -> None:
    """The second author's development set (devkit/question_second_author.py), misses listed."""
    from devkit.question_second_author import score

    results = score(path)
    keys = ("fully", "row", "intent", "period", "mot_id", "compare", "mot2", "person", "rating", "limit")
    _figures(path, "second author", results, keys)
    if show_misses:
        _print_misses(results, keys, lambda q, row, want: (
            f"{q.intent}, {q.mot_id}, {q.period.label}"
            f"{'' if q.compare is None else ' vs ' + q.compare.label}, {q.person}, {q.rating}, {q.limit}"
            f" (want {want}, {row.get('mot')}, {row['period']})"))


def measure_third_author(path: Path, show_misses: bool) -> None:
    """The third author's set (devkit/question_third_author.py), misses listed."""
    from devkit.question_third_author import score

    results = score(path)
    keys = ("fully", "row", "intent", "period", "mot_id", "person", "rating", "limit")
    _figures(path, "third author's format", results, keys)
    if show_misses:
        _print_misses(results, keys, lambda q, row, want: (
            f"{q.intent}, {q.mot_id}, {q.period.label}, {q.person}, {q.rating}, {q.limit} (want {want}, "
            f"{row.get('mot')}, {row['period']}, {row.get('person')}, {row.get('rating')}, {row.get('n')})"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed passes over the regression fixture")
    parser.add_argument("--fixture", type=Path, action="append", help="measure only these fixture files")
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    parser.add_argument("--second-author", type=Path, action="append",
                        help="score a file in the second author's JSONL format (default: with the others)")
    parser.add_argument("--third-author", type=Path, action="append",
                        help="score a file in the third author's JSONL format (default: with the others)")
    parser.add_argument("--external", type=Path, action="append",
                        help="also score a fixture in the external held-back format (figures only)")
    args = parser.parse_args()

    paths = [p.resolve() for p in args.fixture] if args.fixture else [FIXTURE, DEV_FIXTURE, HELDOUT_FIXTURE]
    defaults, cases = load_fixture(FIXTURE)
    started = clock.perf_counter()
    parse_case(defaults, cases[0])
    first_call_ms = (clock.perf_counter() - started) * 1000
    for path in paths:
        measure(path, show_misses=not args.quiet)
    second = args.second_author or ([] if args.fixture or args.external else [SECOND_AUTHOR_FIXTURE])
    for path in second:
        measure_second_author(path.resolve(), show_misses=not args.quiet)
    third = args.third_author or (
        [] if args.fixture or args.external
        else [*AUTHOR_FIXTURES.values(), *HELD_OUT_SETS])
    for path in third:  # the held-out set's misses are never printed: nobody reads them to tune on
        measure_third_author(path.resolve(), show_misses=not args.quiet and path.resolve() not in HELD_OUT_SETS)
    for path in args.external or ():
        measure_external(path.resolve())
    if not (args.fixture or args.external or args.third_author or args.second_author):
        for path in MOT_NAMES_DEV:
            measure_mot_names(path, show_misses=not args.quiet)
        for path in MOT_NAMES_HELD_OUT:
            measure_mot_names(path, show_misses=False)
        for path in PERIODS_DEV:
            measure_periods(path, show_misses=not args.quiet)
        for path in PERIODS_HELD_OUT:
            measure_periods(path, show_misses=False)

    timings: list[float] = []
    for _ in range(args.rounds):
        for case in cases:
            tz = case.get("tz", defaults["tz"])
            zone = ZoneInfo(tz)
            now = moment(case.get("now", defaults["now"]), zone)
            mots = cycle_mots(case.get("cycle", defaults["cycle"]))
            people = tuple(case.get("people", defaults["people"]))
            t0 = clock.perf_counter()
            parse_question(case["text"], now=now, tz=tz, mots=mots, people=people)
            timings.append((clock.perf_counter() - t0) * 1000)
    timings.sort()
    if timings:
        print(
            f"parse time over {len(timings)} calls: p50 {statistics.median(timings):.3f} ms, "
            f"p99 {timings[int(0.99 * (len(timings) - 1))]:.3f} ms, max {timings[-1]:.3f} ms "
            f"(first call, building tables: {first_call_ms:.0f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
