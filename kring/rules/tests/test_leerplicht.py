"""LPW-03 / LPW-04: leerplicht status, start and end at the boundaries."""

from __future__ import annotations

import pytest

from .helpers import run, scen


@pytest.mark.parametrize(
    ("birth", "as_of", "regio", "status", "start", "end"),
    [
        # 29 Feb birthday: turns 5 on 28 Feb 2021 -> start 1 March 2021 (not 1 April)
        ("2016-02-29", "2021-02-28", "midden", "nog_niet_leerplichtig", "2021-03-01", "2032-07-31"),
        ("2016-02-29", "2021-03-01", "midden", "leerplichtig", "2021-03-01", "2032-07-31"),
        # turns 16 on 28 Feb 2032 -> leerplicht ends 31 July 2032; kwalificatieplicht from 1 August
        ("2016-02-29", "2032-07-31", "midden", "leerplichtig", "2021-03-01", "2032-07-31"),
        ("2016-02-29", "2032-08-01", "midden", "kwalificatieplichtig", "2021-03-01", "2032-07-31"),
        # 18th birthday on 28 Feb 2034: kwalificatieplicht ends the day before
        ("2016-02-29", "2034-02-27", "midden", "kwalificatieplichtig", "2021-03-01", "2032-07-31"),
        ("2016-02-29", "2034-02-28", "midden", "niet_leerplichtig", "2021-03-01", "2032-07-31"),
        # turns 5 in July: first school day of August is after the summer holiday, per region
        ("2020-07-15", "2025-08-01", "midden", "nog_niet_leerplichtig", "2025-09-01", "2036-07-31"),
        ("2020-07-15", "2025-08-25", "noord", "leerplichtig", "2025-08-25", "2036-07-31"),
        ("2020-07-15", "2025-08-18", "zuid", "leerplichtig", "2025-08-18", "2036-07-31"),
        # turns 5 in December: 1 January is in the Christmas holiday -> Monday 5 January 2026;
        # turns 16 on 10 Dec 2036 -> school year 2036-2037
        ("2020-12-10", "2026-01-05", "midden", "leerplichtig", "2026-01-05", "2037-07-31"),
        # turns 16 on 1 August -> the school year 2026-2027 -> ends 31 July 2027
        ("2010-08-01", "2026-12-01", "midden", "leerplichtig", "2015-09-01", "2027-07-31"),
        # turns 16 on 31 July -> ends that same day
        ("2010-07-31", "2026-08-01", "midden", "kwalificatieplichtig", "2015-08-03", "2026-07-31"),
        # start on the 1st of the month when that is a school day (out of the holiday table)
        ("2016-09-30", "2021-10-01", "midden", "leerplichtig", "2021-10-01", "2033-07-31"),
    ],
)
def test_leerplicht_boundaries(birth: str, as_of: str, regio: str, status: str, start: str, end: str) -> None:
    result = run(scen(as_of, [], birth=birth, regio=regio))
    assert result["leerplicht"] == {"status": status, "start": start, "end": end}
