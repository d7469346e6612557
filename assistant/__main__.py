"""python -m assistant -> cli.main()."""

import sys

from assistant.app.cli import main

sys.exit(main())
