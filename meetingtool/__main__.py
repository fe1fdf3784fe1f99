"""Allow ``python -m meetingtool``."""

from meetingtool.cli import main

raise SystemExit(main())
