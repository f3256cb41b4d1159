"""Who said what, in stages that each do one job (issue 17); `briefing.quotes` runs them.

- `sentences`: where sentences end, knowing titles, initials and abbreviations (`Sen.`, `U.S.`).
- `mentions`: names with titles, initials, suffixes and party tags; what kind of speaker a
  mention is (`person`, `organisation`, `role`); whether it can speak at all.
- `cues`: the one lexicon of reporting verbs (every inflection), cue nouns and frames, shared by
  quote detection and attribution.
- `titles`: quoted words that name a thing (a programme, a markup value) or are scare quotes.
- `spans`: where quotes open and close, and their kind (direct, partial, none).
- `attribution`: the clause around a quote and its cue; the cue's grammatical subject is the source.
- `subjects`: which words of that clause name the source, and whether a name is a person's.
- `coreference`: pronouns, roles and surnames to the person the article names.
- `patterns`: the regexes these share.

`briefing.speakers` names speakers across the corpus.
"""
