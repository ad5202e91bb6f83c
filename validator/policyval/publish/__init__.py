"""What DPOs and services read: the semantic diff, the rendered notice, the compliance matrix
and the exports. Each takes checked results (data and findings) and returns text; the
command line writes it."""
