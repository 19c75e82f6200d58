"""The family's rights requests (issue 11, item 4): a request for access (inzage, AVG art. 15) or
correction (rectificatie, AVG art. 16), addressed to the organisation responsible, answered within
the term the rules engine computes (AVG-12). See `docs/privacy.md`, "Inzage en correctie"."""
