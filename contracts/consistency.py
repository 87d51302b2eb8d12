"""逻辑检查 of the collective contracts register (SPEC §8)."""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet, Sum

from core.consistency import HINT, Rule, Span

from .models import Contract


def covers_more(span: Span) -> QuerySet:
    """Contracts in force at the end of Y whose 覆盖职工人数 exceeds the sum of the 职工人数 of the
    employers they cover; a contract with an employer of no 职工人数 is skipped."""
    measured = (
        Contract.objects.annotate(
            n_parties=Count("party_links"),
            n_unknown=Count("party_links", filter=Q(party_links__employer__headcount__isnull=True)),
            party_headcount=Sum("party_links__employer__headcount"),
        )
        .filter(n_parties__gt=0, n_unknown=0, covered_workers__gt=F("party_headcount"))
        .values("pk")
    )
    return span.of(Contract).in_force_at(span.end).filter(pk__in=measured)


RULES = (
    Rule(
        "contract.covers_more",
        HINT,
        "集体合同覆盖职工多于签约单位职工",
        "年底有效的集体合同，覆盖职工人数大于所涵盖单位的职工人数之和：请核对合同或单位的职工人数，或说明原因",
        "contracts",
        records=covers_more,
    ),
)
