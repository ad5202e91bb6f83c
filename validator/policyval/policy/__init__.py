"""What a policy is: the bundled schemas, the shape tables, typed views and models generated
from one source (tools/generate.py), the domain terms and tolerant accessors. Imports only the
kernel (``policyval.findings``)."""
