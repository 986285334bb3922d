"""Indicators of a territory's paths, one definition for the device and the server.

Both sides reduce what they hold to the same facts (:mod:`.facts`: one
:class:`~.facts.PersonFacts` per person, one :class:`~.facts.EvaluationFacts` per answered
evaluation, no identity in either) and compute the same cells from them (:mod:`.table`).
"""
