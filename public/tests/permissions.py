"""The public pages in the permission walk: open to everyone, except what staff see of a ticket."""

from core.tests.matrix import PUBLIC, READ_QINGBO_STREET, WRITE_QINGBO_STREET_POST, expect


def _qingbo_ticket(d) -> dict:
    """A proposal filed publicly against 清波未建会商店 (node: 清波街道), with a PDF attached."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from proposals.models import Proposal
    from public.models import Ticket

    proposal = Proposal.objects.create(number="JY2026-0001", title="食堂延长供餐", proposer="赵小店", employer=d.qingbo_no_union,
                                       submitted_on=timezone.localdate(), node=d.qingbo)
    ticket = Ticket.objects.create(code="ABCDEFGHJKLMNPQR", kind="proposal", content_type=ContentType.objects.get_for_model(Proposal),
                                   object_id=proposal.pk, attachment=b"%PDF-1.7 test", attachment_name="说明.pdf",
                                   attachment_type="application/pdf")
    return {"pk": ticket.pk}


MATRIX = {
    "public:index": ("get", lambda d: ({}, ""), PUBLIC),
    "public:submit": ("get", lambda d: ({"kind": "proposal"}, ""), PUBLIC),
    "public:track": ("get", lambda d: ({}, ""), PUBLIC),
    "public:employers": ("get", lambda d: ({}, "?employer_search=清波"), PUBLIC),
    "public:done": ("get", lambda d: ({}, ""), expect(*[302] * 9)),  # nothing filed in this session
    "public:attachment": ("get", lambda d: (_qingbo_ticket(d), ""), READ_QINGBO_STREET),
    "public:reply": ("post", lambda d: (_qingbo_ticket(d), ""), WRITE_QINGBO_STREET_POST),
}
