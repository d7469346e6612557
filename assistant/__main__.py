"""python -m assistant -> cli.main()."""

import sys

from .cli import main

sys.exit(main())
