"""The rules engine's legal domains, one module each (the tests in `kring/rules/tests` follow them).

- `leerplicht`   LPW-03 / LPW-04: when a child is leerplichtig (start, end, status).
- `thuiszitter`  TZ-01: absoluut and langdurig relatief verzuim; the hidden ("verborgen") cases.
- `verzuim`      LPW-20 / LPW-21: 16 hours of ongeoorloofd verzuim in 4 lesweken, the verzuimmelding.
- `zorgplicht`   ZP-05 / ZP-06: the school's term to decide on an aanmelding.
- `schorsing`    ZP-10 / ZP-11: suspension and removal.
- `uitschrijving` LPW-47: deregistration without enrolment elsewhere.
- `opp`          OPP-04 .. OPP-07: the ontwikkelingsperspectiefplan.
- `kr3m`         KR-3M: the regional three-month norm (not law).

Each module reads a `kring.rules.context.Context` and returns its findings; `kring.rules.engine`
calls them in a fixed order and sorts the result. No module imports another domain.
"""
