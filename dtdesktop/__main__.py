"""`python -m dtdesktop` runs the command line."""

import multiprocessing

from dtdesktop.cli.main import main

if __name__ == "__main__":  # import checks files in worker processes, which import this module again
    multiprocessing.freeze_support()  # the installed program's workers start through its own executable
    raise SystemExit(main())
