"""`python -m dtdesktop` runs the command line."""

from dtdesktop.cli.main import main

raise SystemExit(main())
