from policyval.cli import main

raise SystemExit(main())
