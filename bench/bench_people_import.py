"""Staff import: 100,000 rows, all or nothing, against a bare bulk insert of the same people.

The reference is the floor for any import: `bulk_create` of 100,000 Person rows that are
already parsed and valid, in the same process and database. The import also reads the
CSV, checks every value, builds the unit tree, resolves managers and compares with what
is there. Target (issue #2): ≤ 30 s for 100,000 rows on SQLite on a 2-core machine.
"""

import time

from bench._django import setup
from bench._report import table, write_section

SIZE = 100_000


def main() -> None:
    vendor = setup()
    from django.db import transaction

    from acculture.people.demo import demo_rows, rows_to_csv
    from acculture.people.models import Organisation, Person
    from acculture.people.services import people_export_csv, people_import

    rows = demo_rows(SIZE)
    data = rows_to_csv(rows)

    reference_org = Organisation.objects.create(name="Reference", slug="bench-reference")
    started = time.perf_counter()
    with transaction.atomic():
        Person.objects.bulk_create(
            [
                Person(
                    organisation=reference_org,
                    employee_number=r["employee_number"],
                    first_name=r["first_name"],
                    last_name=r["last_name"],
                    email=r["email"],
                    job_title=r["job_title"],
                )
                for r in rows
            ],
            batch_size=1000,
        )
    bare = time.perf_counter() - started

    org = Organisation.objects.create(name="Bench", slug="bench-import")
    started = time.perf_counter()
    first = people_import(organisation=org, data=data, filename="bench.csv")
    first_s = time.perf_counter() - started
    assert first.ok and first.created == SIZE, first.problems[:3]

    started = time.perf_counter()
    again = people_import(organisation=org, data=data, filename="bench.csv")
    again_s = time.perf_counter() - started
    assert again.unchanged == SIZE

    import io

    started = time.perf_counter()
    people_export_csv(organisation=org, out=io.StringIO())
    export_s = time.perf_counter() - started

    result = table(
        ["measure", "seconds", "× bare bulk insert"],
        [
            ["bare bulk_create of 100,000 parsed people (reference)", round(bare, 2), 1.0],
            ["import 100,000 rows into an empty organisation", round(first_s, 2), round(first_s / bare, 1)],
            ["import the same file again (100,000 unchanged)", round(again_s, 2), round(again_s / bare, 1)],
            ["export 100,000 people to CSV", round(export_s, 2), round(export_s / bare, 1)],
        ],
    )
    verdict = "meets" if first_s <= 30 else "misses"
    text = (
        f"## Staff import ({vendor})\n\n`make bench` → `python -m bench people_import`. "
        f"{SIZE:,} demo rows (units, sites, managers, dates).\n\n{result}\n\n"
        f"Target ≤ 30 s for the first import: {verdict} it ({first_s:.1f} s)."
    )
    print(text)
    write_section(f"people_import_{vendor}", text)
