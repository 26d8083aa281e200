"""The evaluation import: a feedback survey's export in, aggregates per event, session and
question out. One module per survey tool (`limesurvey`, `sosci`, `msforms`, `plain`),
`detect` picks one, `mapping` proposes what each column means, `aggregate` counts, and
`importer` previews and commits one batch. Answers of single people never leave `aggregate`.
"""
