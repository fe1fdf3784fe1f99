"""meetingtool: run Danish elder-care council meetings from the terminal.

The package is layered so dependencies point one way:

- ``meetingtool.core``: the model, agenda templates, the meeting clock, follow-up rules,
  Danish dates and CPR detection. Pure Python; never imports Textual or TinyDB.
- ``meetingtool.store``: the only code that imports TinyDB.
- ``meetingtool.export``: minutes as .docx, Markdown and JSON, built from core objects.
- ``meetingtool.tui`` and ``meetingtool.cli``: the interfaces that tie the others together.
"""

__version__ = "0.1.0"
