"""The bundle's program: the same entry point as the `lpdesk` command (lpdesk.cli:main)."""
import sys

from lpdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
