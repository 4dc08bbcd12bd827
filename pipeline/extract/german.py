"""German word lists that more than one extraction stage reads: one list per purpose."""

#: Words that open a prepositional phrase, fused forms included ("beim" = "bei dem"): a name after
#: one is an object of the phrase, not a subject. "als" and "wie" stand here too: "als Käufer",
#: "wie Nvidia" introduce a phrase the same way.
PREPOSITIONS = frozenset({
    "von", "vom", "bei", "beim", "an", "am", "mit", "für", "in", "im", "ins", "aus", "durch", "über", "nach",
    "zu", "zum", "zur", "unter", "auf", "außerhalb", "innerhalb", "gegen", "laut", "als", "um", "wie", "zwischen",
    "neben",
})
