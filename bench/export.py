"""Worker export speed and memory: `register_export` against bare writer loops of the same values.

    uv run python bench/export.py [--rows 100000]

Makes a database of N workers (copies of the demo district's, with fresh 身份证号) when it holds
fewer, then times, in the same run: a bare xlsxwriter constant_memory loop, a bare openpyxl
write_only loop (both writing the exported values, already in memory), and the export itself
(query, masking decision, formats, audit). Target: the export within 1.3× of the faster loop;
peak memory of the export stays flat as rows grow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uniondesk.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/ud-bench-export.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def ensure_rows(n: int) -> None:
    from core.validators import id_check_char
    from orgs.models import Org
    from workers.models import Worker

    call_command("migrate", verbosity=0)
    if not Org.objects.exists():
        call_command("demo", seed=1, stdout=open(os.devnull, "w"))  # noqa: SIM115
    have = Worker.objects.count()
    if have >= n:
        return
    template = list(Worker.objects.all()[: n - have])
    batch = []
    start = dt.date(1960, 1, 1)
    for i, w in enumerate(template):
        # one birth date per thousand rows and a different sequence number each: all distinct
        born = start + dt.timedelta(days=i // 1000)
        first17 = f"110101{born:%Y%m%d}{i % 1000:03d}"
        w.pk, w.id_number = None, first17 + id_check_char(first17)
        batch.append(w)
    Worker.objects.bulk_create(batch, batch_size=5000, ignore_conflicts=True)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def traced_peak(fn) -> float:
    """Peak Python allocation while fn runs, in MB (tracing slows it: timed separately)."""
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    ensure_rows(args.rows)
    import openpyxl
    import xlsxwriter

    from registers.catalog import registers
    from registers.management.commands._common import acting_user
    from registers.services import export_rows, register_export

    register = registers()["workers"]
    user = acting_user(None)
    values = list(export_rows(register, register.queryset(user), masked=False))
    tmp = Path(tempfile.mkdtemp())

    def bare_xlsxwriter() -> None:
        book = xlsxwriter.Workbook(str(tmp / "a.xlsx"), {"constant_memory": True})
        sheet = book.add_worksheet()
        sheet.write_row(0, 0, register.headers)
        for r, row in enumerate(values, start=1):
            sheet.write_row(r, 0, row)
        book.close()

    def bare_openpyxl() -> None:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(register.headers)
        for row in values:
            sheet.append(row)
        book.save(tmp / "b.xlsx")

    def export() -> None:
        register_export(user=user, register=register, target=str(tmp / "c.xlsx"))

    # three rounds, interleaved, medians: whatever else the machine does falls on all three alike
    rounds = [(timed(bare_xlsxwriter), timed(bare_openpyxl), timed(export)) for _ in range(3)]
    x, o, e = (statistics.median(r[i] for r in rounds) for i in range(3))
    peak = traced_peak(export)
    floor = min(x, o)
    print(f"{len(values):,} worker rows")
    print(f"  bare xlsxwriter constant_memory  {x:6.2f} s")
    print(f"  bare openpyxl write_only         {o:6.2f} s")
    print(f"  register_export (query included) {e:6.2f} s   = {e / floor:.2f}× the faster loop (target ≤ 1.3×)")
    print(f"  export peak traced memory        {peak:6.1f} MB (Python allocations); process max RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (includes the loops' in-memory values)")


if __name__ == "__main__":
    main()
