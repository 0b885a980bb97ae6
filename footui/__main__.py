from footui.cli import main

raise SystemExit(main())
