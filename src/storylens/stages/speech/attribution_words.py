"""The words attribution rules look for: cue verbs by the content they take, attitude adjectives and nouns,
phrasal verbs, and the prepositions that set a scene rather than add to the content (`stages.attributions`).
"""

from __future__ import annotations

# Cognition, evidence and demand verbs whose `ccomp` is the attributed content: "polls show (that) ...".
CLAUSE_LEMMAS = frozenset("""
believe think know feel expect hope fear worry suspect doubt assume realize realise recognize recognise
understand show find indicate conclude estimate predict learn discover prove demonstrate agree decide
reckon guess imagine acknowledge demand
""".split())
# Intention verbs whose to-infinitive is the content: "the council plans to close the bridge".
INTENT_LEMMAS = frozenset("""
want plan intend hope expect promise pledge vow refuse decline agree seek decide threaten aim wish prefer
propose vote
""".split())
# Verbs taking a stand on (or citing, or showing) what their direct object names: "she criticized the
# budget", "the poll shows Quill leading". Not "release" or "question": releasing tax returns and
# questioning a witness attribute nothing.
STANCE_LEMMAS = frozenset("""
attack back blame blast cite condemn criticize criticise defend demand denounce describe discuss dismiss
endorse mention oppose praise propose reject slam support accuse acknowledge announce reveal disclose
reference invoke highlight tout promote welcome applaud advocate deny note report express challenge
dispute recommend show offer echo liken mock ridicule
""".split())
# Adjectives of attitude: predicated of a source ("the union is wary of the plan", "she was sure that ..."),
# what they are about is attributed to it.
ATTITUDE_LEMMAS = frozenset("""
afraid angry anxious aware certain concerned confident convinced critical doubtful eager enthusiastic
fearful frustrated furious hopeful nervous optimistic pessimistic proud skeptical sceptical supportive
suspicious sure unsure uncertain upset wary worried opposed sympathetic dismissive passionate adamant
disappointed unhappy happy pleased satisfied grateful determined reluctant coy impressed troubled alarmed
offended outraged disgusted appalled ashamed embarrassed thankful interested hesitant unwilling willing keen
excited comfortable uncomfortable
""".split())
# "call" attributes only when it names something as something: "called the plan a disgrace" (not "called
# a meeting").
NAMING_LEMMAS = frozenset({"call", "label", "brand", "dub"})
# Verbs that voice an attitude named by their object ("expressed concern about the plan", "raised doubts over
# the count"): what the attitude is about is the content.
LIGHT_LEMMAS = frozenset("express voice raise air register harbor harbour share".split())
ATTITUDE_NOUNS = frozenset("""
concern doubt misgiving reservation question fear worry objection skepticism scepticism support opposition
frustration anger outrage hope confidence optimism pessimism disappointment alarm criticism dismay regret
suspicion displeasure dissatisfaction satisfaction interest enthusiasm unease
""".split())
ABOUT_PREPS = frozenset("about over with for on regarding at to of".split())
# Phrasal verbs (verb + particle) that present, single out or wave away their object: "laid out her plan",
# "played down the risk".
PHRASAL_LEMMAS = {
    "lay": frozenset({"out"}), "spell": frozenset({"out"}), "set": frozenset({"out"}), "point": frozenset({"out"}),
    "single": frozenset({"out"}), "rule": frozenset({"out"}), "call": frozenset({"out"}),
    "play": frozenset({"down", "up"}), "talk": frozenset({"up", "down"}), "brush": frozenset({"off", "aside"}),
    "shrug": frozenset({"off"}), "laugh": frozenset({"off"}), "write": frozenset({"off"}),
}
# Verb + preposition whose object is the content: "called for a recount", "railed against the plan".
PREP_LEMMAS = {
    "for": frozenset("call push press argue advocate appeal plead lobby campaign".split()),
    "against": frozenset("rail argue warn campaign lobby caution speak decide".split()),
    "about": frozenset("talk speak write complain worry joke boast ask".split()),
    "of": frozenset("speak warn".split()),
    "to": frozenset("point respond object".split()),
    "on": frozenset("comment".split()),
}
# Prepositions of time, place and circumstance: after a stance verb's object they say where or when it was
# said ("denounced the annexation in a diatribe", "cited the figure at the forum"), not what; other phrases
# there complete the content ("blasted him for skipping it", "likened the toll to robbery").
SCENE_PREPS = frozenset("during amid amidst before after since until throughout despite".split())
SETTING_PREPS = frozenset("at in during amid amidst before after since until throughout via through despite".split())
# Words opening a complement clause: "that" and the wh-words of indirect questions.
COMPLEMENTIZERS = frozenset("that whether if how why what when where who".split())
