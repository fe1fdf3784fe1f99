"""The app's full screens, one module (and one .tcss beside it) each.

- ``home``: councils, their meetings and follow-up counts; the place to start.
- ``meeting``: the chair's screen: timed agenda, notes, decisions, follow-ups.
- ``prepare``: today's agenda, theme, place and start time (the template is never changed).
- ``attendance``: til stede / afbud / fraværende, guests, mødeleder and referent.
- ``review``: follow-ups from earlier meetings and cases sent from other councils.
- ``triage``: the red/yellow/green round over a team's residents.

Boxes that open over a screen are in ``tui.dialogs``, reusable pieces in ``tui.widgets``.
A screen never imports the app or ``tui.launch``: it asks the app through ``self.app``
(e.g. ``self.app.meeting_screen``). Modules are imported where used, so opening one screen
does not load all of them.
"""

__all__ = ["attendance", "home", "meeting", "prepare", "review", "triage"]
