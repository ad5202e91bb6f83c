"""The one pipeline: an input is read (bounded), decoded, loaded as YAML with positions,
validated against its schema, judged by the rules, and filtered by configuration, inline
suppressions and the baseline. Every command and the Python API check through here."""
