"""The `marsad` command.

`marsad index …` runs the maturity-index engine without Django, so analysts can use it on a laptop with only
numpy; every other sub-command is a Django management command run with Marsad's settings.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "index":
        from marsad.maturity.cli import main as index_main

        return index_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marsad.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["marsad", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
