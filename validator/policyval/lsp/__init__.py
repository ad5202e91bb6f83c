"""The language server (``policyval lsp``): the pipeline's findings, hover, completion,
go-to-definition, code actions and source coverage in the editor, over LSP.

``outline`` reads a buffer as it is being typed, ``shapes`` what the schema says at a path,
``buffer`` converts positions, ``features`` answers each request, ``server`` is the pygls
wiring. Only ``server`` and ``features`` need pygls' protocol types.
"""
