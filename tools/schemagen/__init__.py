"""The schema generator: one declarative source for a policy's shape, every version.

``python tools/generate.py`` writes, from the tables in this package and the committed DPV
extract (``schema/vocab/dpv-2.3.json``):

* ``schema/policy-<version>.schema.json`` for every version, released ones byte for byte;
* ``validator/policyval/policy/shape.py``: the section, reference and property-path tables;
* ``validator/policyval/policy/views.py``: TypedDicts of the latest version, for the type checker;
* ``validator/policyval/policy/models/v<major>_<minor>.py``: the pydantic models of each version.

``python tools/generate.py --check`` writes nothing and fails when any of them is stale.
A version is a table (python-jsonschema's way): ``v1_0.build`` describes 1.0, and a later
version is 1.0's table with additions, so they share everything they have in common.
"""
