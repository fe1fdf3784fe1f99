"""meetingtool in a browser: ``meetingtool serve`` on top of textual-serve.

- ``server``: the web server (textual-serve's ``Server`` with our own routes, a guard that
  asks for a secret key when other machines may connect, no access log, Danish pages);
- ``templates/index.html``: the page, in Danish, that loads nothing from the internet.

Each browser tab runs its own ``meetingtool`` process; everything lives in the store, so
tabs and terminals see the same meetings.
"""

__all__ = ["server"]
