"""This domain's vocabulary: titles and bodies of officials, what a briefing question asks for,
verbs of visits, signings and speeches, and the events they report (the one home of event words)."""

from __future__ import annotations

from assistant.lexicon.words import Groups, WordMap, Words

# --- Titles and bodies ---------------------------------------------------------------------------

TITLE_HEADS = Words(
    {"director", "secretary", "manager", "dean", "president", "chairman", "chairwoman",
     "chairperson", "chair", "governor", "member", "chief", "officer", "editor", "mayor",
     "minister", "commissioner", "ambassador", "consul", "professor", "founder", "representative",
     "economist", "engineer", "secretary-general", "director-general", "head", "spokesperson",
     "spokesman", "principal", "counsellor", "counselor", "general", "chancellor", "rector",
     "provost", "premier", "councillor", "councilor", "magistrate"},
    "words that head a title ('Director', 'Secretary General')", "domain")
TITLE_MODIFIERS = Words(
    {"deputy", "executive", "vice", "general", "standing", "managing", "chief", "senior", "party",
     "first", "former", "assistant", "associate", "district", "municipal", "city", "provincial",
     "financial", "honorary", "acting", "permanent", "secretary"},
    "words that may precede a title's head ('Deputy', 'Executive Vice')", "domain")
RANKS = Words({"deputy", "vice", "assistant", "associate", "acting", "former", "honorary"},
              "ranks that make another post: a Deputy Director is not the Director", "domain")
ORG_WORDS = Words(
    {"center", "centre", "group", "committee", "company", "bureau", "department", "institute",
     "university", "association", "foundation", "zone", "park", "district", "area", "city",
     "province", "government", "office", "commission", "council", "ministry", "bank", "chamber",
     "alliance", "federation", "corporation"},
    "words that make a name the model tags as a person a body or place", "domain")
DESIGNATORS = Words(
    {"national", "state", "municipal", "provincial", "regional", "new", "high", "hi", "tech",
     "technology", "economic", "development", "industrial", "international", "co", "ltd",
     "limited", "holding", "holdings", "branch"},
    "words of a body's kind or rank that reports drop or write otherwise ('Changzhou National "
    "High-Tech District', 'Changzhou Hi-Tech District'), with ORG_WORDS", "domain")
SELF_NAMED = Words(
    {"university", "institute", "bureau", "committee", "department", "ministry", "association",
     "foundation", "bank", "school", "college", "hospital", "museum", "chamber", "federation",
     "commission", "council", "academy"},
    "bodies that say what they are in their names ('Fudan University'), unlike a company",
    "domain")

# --- What a question asks for --------------------------------------------------------------------

ASKING_WORDS = Words({"tell", "give", "list", "name", "please", "said", "say", "says",
                      "according", "article", "articles"},
                     "words of asking about the articles: never what a question is about",
                     "domain")
ANSWER_KIND_WORDS = Words(
    ["title", "titles", "post", "posts", "position", "positions", "role", "roles", "job", "jobs", "hold", "holds", "person", "persons", "official", "officials", "organisation", "organization", "body", "bodies", "run", "runs", "work", "works", "lead", "leads", "come", "came", "travel", "day", "date", "year", "given", "across", "briefing", "briefings", "involve", "involved", "context", "full", "name", "kind", "type", "describe", "described", "mention", "mentioned", "happen", "happened", "take", "took", "journey", "journeys", "event", "events"],
    "words that say what kind of answer is wanted, never what it is about (every article "
    "reports events)", "domain")
PERSON_NOUNS = Words(
    {"person", "people", "official", "leader", "delegate", "representative", "visitor", "guest",
     "host", "speaker", "participant", "attendee", "signatory", "man", "woman", "executive",
     "member", "who", "staff", "employee", "personnel", "colleague", "academic", "scholar",
     "expert", "professor", "researcher", "scientist", "engineer", "entrepreneur", "investor",
     "founder", "diplomat", "envoy", "ambassador", "spokesperson", "spokesman", "spokeswoman",
     "organiser", "organizer", "moderator"}, "nouns a question asks for people by", "domain")
BODY_NOUNS = Words(
    {"organisation", "organization", "company", "group", "body", "institution", "agency",
     "department", "enterprise", "firm", "association", "committee", "bureau", "institute",
     "university", "side", "party", "partner"}, "nouns a question asks for a body by", "domain")
PLACE_NOUNS = Words({"city", "district", "place", "province", "country", "area", "location",
                     "town", "region", "zone", "site", "destination", "where"},
                    "nouns a question asks for a place by", "domain")
DATE_NOUNS = Words({"date", "day", "month", "year", "time", "when"},
                   "nouns a question asks for a date by", "domain")
TITLE_NOUNS = Words({"title", "position", "role", "post", "job", "rank", "office", "affiliation",
                     "capacity"}, "nouns a question asks for a title by", "domain")
MONEY_NOUNS = Words({"value", "cost", "price", "budget", "worth", "investment", "funding", "sum", "money",
                     "fee", "salary", "revenue", "turnover", "valuation"},
                    "what an amount of money is asked by ('the value of the agreement')", "domain")
MONEY_VERBS = Words({"invest", "spend", "cost", "pay", "fund", "finance", "lend", "loan", "raise",
                     "earn", "donate", "allocate", "inject", "pour"},
                    "verbs whose 'how much' asks an amount of money ('how much will X invest')",
                    "domain")
COUNTED_AS = WordMap({"company": "firms", "business": "firms", "corporation": "firms",
                      "people": "people", "person": "people", "participant": "people",
                      "attendee": "people", "guest": "people", "visitor": "people",
                      "delegate": "people"},
                     "nouns that count the same things, by group: a question may ask for "
                     "'attendees' where the article counts 'people'", "domain")
NAME_WORDS = Words({"surname", "family", "named", "called"},
                   "words that ask for people by a part of their name ('the surname Xu')",
                   "domain")
ARTICLE_WORDS = Words({"article", "briefing", "report", "story", "piece", "source", "news",
                       "item"}, "nouns a question names the articles by", "domain")
ROLE_VERBS = Words({"lead", "head", "run", "work", "represent", "chair", "direct", "manage",
                    "serve", "belong", "act"},
                   "verbs that ask what someone's post is ('which company does X lead')", "domain")
HOLDER_VERBS = Words({"serve", "act"}, "verbs that ask for a title's holder ('who serves as CFO')",
                     "domain")
# "the people from the X side", "X's delegation": a group of people
_PEOPLE_GROUPS = {"side", "team", "delegation", "group", "party"}
GROUPS = Words(_PEOPLE_GROUPS | {"camp", "organisation", "organization", "body"},
               "nouns through which people belong to a body ('people from the X side')", "domain")
GROUP_NOUNS = Words(_PEOPLE_GROUPS | {"colleague", "member"},
                    "a person's group a question asks the bodies of ('X's delegation')", "domain")

# --- Verbs ---------------------------------------------------------------------------------------

SPEECH = Words({"say", "said", "tell", "told", "speak", "spoke", "speech", "remark", "note", "point", "mention", "stress",
                "emphasize", "emphasise", "express", "introduce", "hope", "add", "explain",
                "propose", "suggest", "thank", "announce", "outline", "praise", "pledge",
                "promise", "urge"},  # not "invite": "invitation"
               "verbs that report what someone said: 'what did X say' needs X's words", "domain")
CONTRARY = Words({"cancel", "withdraw", "terminate", "reject", "postpone", "suspend", "refuse",
                  "fail", "break", "end", "quit", "dissolve", "collapse", "delay", "abandon",
                  "revoke", "annul", "resign", "fire", "dismiss", "halt", "stop", "boycott",
                  "protest", "sue", "deny", "close", "shut", "scrap", "disband"},
                 "acts that reverse what articles usually report: the evidence must state them",
                 "domain")
VERB_CLASSES = Groups(
    ({"chair", "preside", "host", "moderate", "emcee", "officiate"},
     {"sign", "ink", "conclude", "seal", "initial"},
     {"receive", "welcome", "host", "greet", "meet"},
     {"visit", "tour", "inspect", "investigate", "come", "travel", "arrive"},
     {"hold", "convene", "organise", "organize", "stage"},
     {"attend", "join", "participate"},
     {"speak", "address", "say", "deliver", "remark", "state", "express"},
     {"lead", "head", "direct"},
     {"found", "establish", "set", "create", "launch"}),
    "verbs that report the same act in a briefing ('chaired' the ceremony someone 'presided "
    "over'); close senses only", "domain")
TALK_WORDS = Words({"talk", "cooperation"},
                   "what a list of places asks about besides events ('where were talks held')",
                   "domain")
DESCRIBED_WORDS = Words({"described", "called"},
                        "words that ask how people are titled across articles", "domain")
AGREE_VERBS = Words({"sign", "agree"}, "verbs of what was agreed ('what was agreed in X')",
                    "domain")

# --- Events: the one home of event words ---------------------------------------------------------

EVENT_NOUNS = Words({"event", "visit", "meeting", "trip", "ceremony", "conference", "activity"},
                    "nouns of an event", "domain")
EVENT_NAME_HEADS = Words(
    {"forum", "expo", "exposition", "fair", "conference", "summit", "convention", "congress",
     "symposium", "seminar", "exhibition", "festival", "meeting", "dialogue", "week"},
    "words that end the name of an event ('Krasnoyarsk Economic Forum', 'China-Eurasia Expo')",
    "domain")
EVENT_WORDS = Words(EVENT_NOUNS | {"happen", "signing", "place", "go", "occur", "delegation",
                                   "investigation"},
                    "words of a question about events ('which visits took place')", "domain")
EVENT_VERBS = Words({"take", "happen", "occur", "start", "begin", "end", "last", "open", "close"},
                    "verbs whose subject is an event ('when did that happen')", "domain")
VISIT_NOUNS = Words({"visit", "investigation", "inspection", "trip", "tour", "stay"},
                    "nouns of a visit: 'during the visit to P' names the hosts after it",
                    "domain")
KIND_WORDS = WordMap({"visit": frozenset({"visit", "inspection", "meeting"}),
                      "trip": frozenset({"visit", "inspection"}),
                      "travel": frozenset({"visit", "inspection", "meeting"}),
                      "tour": frozenset({"visit", "inspection", "meeting"}),
                      "journey": frozenset({"visit", "inspection", "meeting"}),
                      "meeting": frozenset({"meeting", "visit"}),
                      "signing": frozenset({"signing"}), "agreement": frozenset({"signing"}),
                      "conference": frozenset({"conference"}),
                      "inspection": frozenset({"inspection"}),
                      "investigation": frozenset({"inspection"})},
                     "a kind noun in a question and the event kinds it selects", "domain")
# in the order the kinds are tried; the first trigger in an article's body names its kind
KIND_TRIGGERS = WordMap(
    {"signing": frozenset({"signed", "signing ceremony", "signing"}),
     "conference": frozenset({"conference", "forum", "summit", "symposium"}),
     "inspection": frozenset({"investigation", "inspection", "investigate", "inspect",
                              "inspected"}),
     "visit": frozenset({"visit", "visited", "visiting", "were received"}),
     "meeting": frozenset({"meeting", "met with", "held talks"})},
    "the words that tell an event's kind in an article, by kind", "domain")
PLACE_TRIGGERS = Words({"visited", "visiting", "visit to", "visit", "went to", "held in",
                        "held at", "investigation to", "inspection of", "inspection to"},
                       "words after which an article names where the event took place",
                       "domain")
# verb lemma -> side of (the subject of an active verb or by-agent of a passive one, its object)
SIDE_VERBS = WordMap({"visit": ("visiting", None), "go": ("visiting", None),
                      "receive": ("receiving", "visiting"), "accompany": ("receiving", "visiting"),
                      "welcome": ("receiving", "visiting"), "lead": ("visiting", None)},
                     "verbs that place their subject and object on the visiting or receiving "
                     "side", "domain")
LIGHT_NOUNS = WordMap({"pay": "visit", "make": "visit", "give": "welcome", "offer": "welcome",
                       "express": "welcome", "bid": "welcome"},
                      "a light verb and the noun that makes it a side verb ('paid a visit')",
                      "domain")
SIDE_TRIGGERS = Words({"visit", "receiv", "accompan", "welcom", "went", "lead", "delegation",
                       "during"}, "word beginnings of the sentences worth parsing for sides",
                      "domain")
SIGN_WORDS = Words({"sign"}, "what a question about signed things asks with", "domain")

# --- Outcomes ------------------------------------------------------------------------------------

AGREED_NOUNS = Words({"consensus", "consensuses"}, "what 'reached ...' reaches in an outcome",
                     "domain")
SIGNED_DOCUMENTS = Words({"agreement", "contract", "memorandum", "letter"},
                         "documents signed at an event", "domain")
DOCUMENT_WORDS = Words(SIGNED_DOCUMENTS | {"document", "deal", "outcome", "result", "consensus"},
                       "nouns of what an event produced, asked about ('which documents')",
                       "domain")
FUTURE_ACTS = Words({"set up", "establish", "jointly", "send", "sign", "build"},
                    "what 'will ...' commits to in an outcome", "domain")
SITE_NOUNS = Words({"plant", "factory", "park", "campus", "headquarters", "site"},
                   "a site a possessive names ('SAIC Motor's Lingang plant')", "domain")
HEAD_SYNONYMS = WordMap({"chief": {"secretary"}},
                        "what the press calls a post in other words: a 'Party chief' is the Party "
                        "committee's secretary", "domain")
MODIFIER_SYNONYMS = WordMap({"party": {"cpc", "communist"}},
                            "a title's modifier written in other words: the 'Party' of a Party "
                            "secretary is the CPC ('secretary of the CPC Dalian Municipal "
                            "Committee')", "domain")
