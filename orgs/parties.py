"""A record's party that is either an employer or an org (SPEC §2: 所在单位, 被检查单位, 召集组织 …).

Such a record keeps two nullable foreign keys, `<prefix>employer` and `<prefix>org`, and a check
constraint that at most (or exactly) one is set. `EmployerOrOrg` reads and writes the pair as one
value, so the models, the register columns and the imports say "the party" and never repeat the
isinstance logic. It is a property, not a field: the schema stays the two foreign keys.
"""

from __future__ import annotations

from typing import Any

from .models import Employer, Org


class EmployerOrOrg(property):
    """`party = EmployerOrOrg()` over `employer`/`org`; `liaison = EmployerOrOrg("liaison_")` over
    `liaison_employer`/`liaison_org`. A property, so the model also takes it as a keyword
    (`Meeting(convener=org, …)`), as Django allows for properties."""

    def __init__(self, prefix: str = "") -> None:
        employer_field, org_field = f"{prefix}employer", f"{prefix}org"

        def get(record: Any) -> Employer | Org | None:
            if getattr(record, f"{employer_field}_id"):
                return getattr(record, employer_field)
            return getattr(record, org_field) if getattr(record, f"{org_field}_id") else None

        def put(record: Any, party: Employer | Org | None) -> None:
            for name, value in self.lookup(party).items():
                setattr(record, name, value)

        super().__init__(get, put)
        self.employer_field, self.org_field = employer_field, org_field

    def lookup(self, party: Employer | Org | None) -> dict[str, Any]:
        """The two link fields that say the party is `party` (an employer or an org, never both)."""
        return {self.employer_field: party if isinstance(party, Employer) else None,
                self.org_field: party if isinstance(party, Org) else None}
