"""The app's screens, one module (and one .tcss) each.

- ``home``: councils, their meetings and follow-up counts; the place to start.
- ``new_meeting``: a new meeting from a shipped or user template.
- ``meeting``: the chair's screen: timed agenda, notes, decisions, follow-ups.
- ``prepare``: today's agenda, theme, place and start time (the template is never changed).
- ``attendance``: til stede / afbud / fraværende, guests, mødeleder and referent.
- ``review``, ``approval``, ``escalation``: follow-ups from earlier meetings, approval of
  the previous minutes, and sending a case on to another council.
- ``triage``: the red/yellow/green round over a team's residents.

Modules are imported where used, so opening one screen does not load all of them.
"""
