"""``python -m kinerja_sim.workshop``: start the workshop server (see
:mod:`kinerja_sim.workshop.server`).
"""

import sys

from kinerja_sim.workshop.server import main

sys.exit(main())
