from policyval.launch import main

raise SystemExit(main())
