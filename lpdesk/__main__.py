import sys

from lpdesk.cli import main

sys.exit(main())
