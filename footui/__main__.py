#!python
"""`python -m footui`, and the installed `footui` command: pyproject.toml installs this file as the script.

Not a `[project.scripts]` entry point: the launcher pip writes for one imports `re` before footui starts, about a
third of the time a prompt's cached `footui today` takes. Installers rewrite the `#!python` line to the Python
footui was installed into.
"""

from footui.cli.main import main

raise SystemExit(main())
