"""The pure core: model, vocabularies, agenda templates, clock, follow-up rules, dates, CPR.

Nothing here imports Textual or TinyDB, and nothing does I/O beyond reading a file it is
handed. Every other layer builds on these objects.
"""
