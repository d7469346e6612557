"""General English: function words, forms of address, pronouns, number words, irregular verbs and
idioms, the words that may stand between a name and its title. Nothing here is about briefings."""

from __future__ import annotations

from assistant.lexicon.words import WordMap, Words

# --- Text --------------------------------------------------------------------------------------

HONORIFICS = Words({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "madam", "sir"},
                   "forms of address before a name: no part of the name", "english")
ABBREVIATIONS = Words(
    {"mr", "ms", "mrs", "dr", "prof", "co", "ltd", "inc", "st", "no", "vs", "etc", "jr", "sr",
     "gen", "gov", "dept", "corp", "e.g", "i.e", "u.s", "u.n", "jan", "feb", "mar", "apr", "jun",
     "jul", "aug", "sep", "sept", "oct", "nov", "dec"},
    "words before a full stop that does not end a sentence", "english")
STOPWORDS = Words(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves"], "words too common to say what a text is about (the lexical index skips them)",
    "english")
ARTICLES = Words({"a", "an", "the"}, "the articles: may open a title written after a name or "
                 "the document signed", "english")
BODY_LINKS = Words({"of", "at", "for"},
                   "prepositions before the body a title names ('Director of the X')", "english")
TITLE_LINKS = Words(BODY_LINKS | {"in"},
                    "prepositions that continue a title with its body ('Professor in the X')",
                    "english")
NAME_JOINERS = Words({"of", "and"}, "words that go on with a body's name inside a title ('... of "
                     "the X and the Y')", "english")
TITLE_SMALL_WORDS = Words({"of", "the", "and", "for", "at", "in", "&"},
                          "small words inside a title that its initials skip (CFO)", "english")
CURRENCIES = Words({"yuan", "rmb", "cny", "renminbi", "dollar", "dollars", "usd", "euro", "euros",
                    "pound", "pounds", "hkd", "yen"}, "names of currencies: an amount of money",
                   "english")
CURRENCY_SIGNS = Words({"$", "¥", "€", "£"}, "signs of currencies: an amount of money", "english")
ADJECTIVE_ENDINGS = Words({"an", "ese", "ish", "ic"}, "endings of a proper adjective made from a "
                          "place's name ('Hungarian', 'Japanese', 'Danish'): its name counts",
                          "english")
METADATA_OPENERS = Words({"source", "updated", "published", "posted", "released", "by", "time",
                          "date", "author", "editor", "reporter", "photo"},
                         "words that open a page's dateline or byline, not its headline",
                         "english")
ORDER_OPENERS = Words({"in", "what", "which"}, "words before 'order' that ask for a sequence ('in "
                      "order', 'in what order'; not 'in order to')", "english")

# --- Between a name and its title ----------------------------------------------------------------

# whitespace-collapsed; answers read titles and bodies written after a name through these
ROLE_GAPS = Words({",", "and", ", and", "(", "from", "of", "at", "is", "is the", "was", "was the",
                   ", a", ", the", "as"},
                  "what may stand between a name and its title or body in a sentence", "english")
# stripped of spaces and commas, lower-case; a question sets a title beside a name through these
TITLE_GAPS = Words({"", "as", "the", "as the", "who is", "who is the"},
                   "what may stand between a name and the title a question gives it", "english")
TITLE_JOINERS = Words({"and", "as well as"}, "words joining two titles of one person", "english")

# --- Questions -----------------------------------------------------------------------------------

WH_TYPES = WordMap({"who": "who", "whom": "who", "whose": "who", "when": "when", "where": "where",
                    "why": "why", "which": "which", "what": "what"},
                   "question words and the type of question they open", "english")
WH_WORDS = Words({"who", "whom", "whose", "when", "where", "why", "which", "what", "how", "many",
                  "much"}, "words that ask, left out of the premise a question takes for granted",
                 "english")
YESNO_OPENERS = Words({"is", "are", "was", "were", "did", "does", "do", "has", "have", "can",
                       "could"}, "auxiliaries that open a yes/no question", "english")
QUANTITY_WORDS = Words({"many", "much", "long", "far", "old", "big", "large", "often", "high"},
                       "words after 'how' that ask for a number or a measure", "english")
QUANTITY_NOUNS = Words({"population", "number", "size", "total", "amount", "count", "length",
                        "height", "distance", "percentage", "proportion", "share", "portion",
                        "fraction"},
                       "nouns a what-question asks for a number by ('what is the population')",
                       "english")
QUANTIFIERS = Words({"many", "much"}, "'how many', 'how much': ask for a number, never what a "
                    "question is about", "english")
LIST_WORDS = Words({"list", "all", "every", "each"}, "words that ask for a list", "english")
ACROSS_WORDS = Words({"across", "mentioned", "anywhere", "every", "all", "each", "any",
                      "articles", "reports", "stories"},  # "according to these reports"
                     "words that ask across every article", "english")
TIMELINE_WORDS = Words({"timeline", "chronology", "chronological", "chronologically",
                        "sequence"}, "words that ask for events in time order", "english")
BEFORE_WORDS = Words({"before", "until", "prior"}, "words that end a period at a date",
                     "english")
AFTER_WORDS = Words({"after", "since"}, "words that start a period at a date", "english")
OCCASION_WORDS = Words({"when", "while", "after", "before", "during", "since", "until"},
                       "words that open a phrase saying when: a title after them names the "
                       "occasion ('when the ambassador visited'), not the post asked", "english")
LEADING_WORDS = Words(
    {"apart", "during", "after", "before", "since", "when", "while", "in", "at", "on", "for",
     "from", "about", "regarding", "like", "unlike", "except", "did", "does", "was", "were", "is",
     "are", "put", "list", "name", "give", "tell", "show", "rank", "compare", "describe"},  # a
    # request's verb too: "Put Bozhou's briefings in order"
    "words that may open a question before a name: no part of the name", "english")
ANYONE = Words({"everyone", "everybody", "anyone", "anybody", "someone", "those", "who"},
               "words that stand for people a question asks for", "english")
LINKS = Words({"from", "of", "at", "in", "with", "for"},
              "prepositions tying people to a body or place ('everyone from X')", "english")

# --- Follow-ups ----------------------------------------------------------------------------------

FOLLOW_PRONOUNS = Words({"he", "she", "they", "him", "her", "them", "his", "hers", "their",
                         "theirs", "it", "its", "that", "those", "these", "this"},
                        "pronouns a follow-up refers to the previous answer with", "english")
PERSON_PRONOUNS = Words({"he", "she", "him", "her", "his", "hers", "they", "them", "their",
                         "theirs"}, "pronouns that stand for people", "english")
POSSESSIVE_PRONOUNS = Words({"his", "her", "their", "its", "theirs", "hers"},
                            "pronouns that own what follows ('his titles')", "english")
PLURAL_PRONOUNS = Words({"they", "them", "their", "theirs", "those", "these"},
                        "pronouns that stand for several things", "english")
DEMONSTRATIVES = Words({"that", "this", "those", "these"},
                       "words that point with a noun ('that official')", "english")
ELLIPSIS_OPENERS = Words({"and", "also", "what", "how"},
                        "words that open an elided follow-up ('And what about X?')", "english")
ELLIPSIS_WORDS = Words({"about", "else", "and"},
                       "words that make a short question an elided follow-up", "english")
ORDINALS = WordMap({"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "last": -1,
                    "former": 0, "latter": -1},
                   "ordinals and the place of the previous answer's lead they pick", "english")
ORDINAL_NOUNS = Words({"one", "person", "official", "name", "of", "them", "those", "these"},
                      "words after an ordinal that still point at a lead ('the second one')",
                      "english")

# --- Numbers and time ----------------------------------------------------------------------------

NUMBER_WORDS = Words({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                      "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
                      "thousand", "half", "dozen", "several", "few"},
                     "number words: a span of time that says how long ('three days')", "english")
NUMBER_VALUES = WordMap({w: str(i) for i, w in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"))}, "small numbers written as words, and their digits", "english")
MULTIPLIERS = Words({"hundred", "thousand", "million", "billion", "trillion"},
                    "words that multiply a number: an amount ('3-billion-yuan') stays one word",
                    "english")
TIME_UNITS = Words({"year", "month", "week", "day", "hour", "minute", "decade", "centurie",
                    "century"}, "units of time, singular ('centurie' of 'centuries'): a span of "
                   "time, not a date", "english")

NOT_SAID_VERBS = Words({"cover", "say", "mention", "state", "answer", "specify", "contain"},
                      "verbs of a reply saying the passages do not tell ('does not mention')",
                      "english")

# --- Verbs ---------------------------------------------------------------------------------------

MOTION = Words({"go", "went", "gone", "travel", "travelled", "traveled", "head", "headed", "visit",
                "visited", "tour", "toured", "proceed", "proceeded", "move", "moved"},
               "words of going somewhere: the place gone to may be a body", "english")
LIGHT_VERBS = Words({"be", "do", "have", "take", "get", "make", "go", "give", "tell", "say",
                     "happen", "know", "describe", "mention", "report", "list", "name", "include",
                     "locate", "situate", "base"},
                    "verbs that carry no act of their own in a question", "english")
VERB_MARKERS = Words({"to", "will", "would", "did", "does", "do", "not", "may", "might", "can",
                      "could", "should", "must", "shall"},
                     "words that make the bare form after them a verb ('to close')", "english")
IRREGULAR_PAST = WordMap(
    {"lead": "led", "meet": "met", "hold": "held", "speak": "spoke", "say": "said", "tell": "told",
     "come": "came", "go": "went", "give": "gave", "take": "took", "begin": "began",
     "send": "sent", "bring": "brought", "see": "saw", "oversee": "oversaw", "make": "made",
     "write": "wrote", "win": "won", "seek": "sought", "teach": "taught", "leave": "left",
     "sit": "sat"}, "past forms a stemmer does not bring back to the verb", "english")
# as the question's lemmas without determiners and pronouns
ACT_IDIOMS = WordMap({"play host": "host", "pay visit": "visit", "call on": "visit",
                      "hold talk": "meet", "sit down with": "meet", "take part": "attend"},
                     "phrases that name an act in other words", "english")
REVERSAL_IDIOMS = WordMap({"pull out": "withdraw", "back out": "withdraw", "put off": "postpone",
                           "break off": "terminate", "turn down": "reject"},
                          "phrasal verbs that reverse an act", "english")
MENTION_IDIOMS = WordMap({"show up": ""}, "phrases of being mentioned: no act asked about",
                         "english")
WITHDRAWAL_WORDS = Words({"retracted", "withdrawn", "removed", "deleted", "unpublished",
                         "taken down"}, "what a notice that replaces a withdrawn article says "
                         "it was ('RETRACTED', 'This story has been removed.')", "english")
