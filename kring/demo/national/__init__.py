"""`kring demo --scale national`: a fictional country's worth of children over the real reference data.

PostgreSQL only. The generator writes with COPY, in large batches, rows made in plain Python (no ORM
object per row):

- `reference`: the real schools, samenwerkingsverbanden, gemeenten and postcode areas, read once;
- `people`: the fictional names, texts and BSNs;
- `plan`: what to generate per child and per case (timelines the rules engine accepts, circles,
  meetings, agreements, plans, escalations);
- `tables`: the rows per table, as COPY text lines;
- `copy`: the COPY writer (progress bar on stderr, indexes, sequences);
- `assessments`: the stored per-child assessment (`ChildAssessment`), computed by the rules engine
  in worker processes;
- `run`: the orchestration, the refusals and `--reset`.
"""

from .run import NationalOptions, NationalRefused, NationalReport, generate_national

__all__ = ["NationalOptions", "NationalRefused", "NationalReport", "generate_national"]
