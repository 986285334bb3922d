"""The territory's indicators, computed from the records it holds (issue 17): people's paths
reduced to :class:`spie_protocol.indicators.facts.PersonFacts`, then the shared computation."""
