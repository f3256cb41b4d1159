"""Who said what, in stages that each do one job (issue 17).

- `sentences`: where sentences end, knowing titles, initials and abbreviations (`Sen.`, `U.S.`).
- `cues`: the one lexicon of reporting verbs (every inflection), cue nouns and frames, shared by
  quote detection and attribution.
- `mentions`: names with titles, initials, suffixes and party tags; what kind of speaker a
  mention is (`person`, `organisation`, `role`).

`briefing.quotes` finds the quoted spans and attributes them with these; `briefing.speakers`
names speakers across the corpus.
"""
