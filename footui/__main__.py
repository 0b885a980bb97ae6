from footui.cli.main import main

raise SystemExit(main())
