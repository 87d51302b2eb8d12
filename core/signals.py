"""What core tells the audit log, which stands a layer above it and so cannot be imported here:
audit/receivers.py writes each of these down (connected in AuditConfig.ready)."""

from django.dispatch import Signal

#: a view refused the user's role; sent with `request` and `needed` (what the view needs, 查看业务数据…)
access_refused = Signal()

#: a list was searched by a full 身份证号, which is a look at personal data; sent with `request`
#: (None outside a page), `user`, `id_number` as typed and the `reason` given; sender: the model
personal_data_searched = Signal()

#: an employer's 注销日期 was written (a page or an import), inside the transaction that wrote it;
#: sent with `employer`, `on` (the 注销日期), `user` and `request` (None outside a page); sender: the Employer model.
#: members/receivers.py puts its members into 保留会籍 (SPEC §7)
employer_closed = Signal()

#: a founding reached 已成立 and created (or linked) its union, inside that transaction; sent with
#: `union` (the new Org), `employers` (its 涉及单位), `on` (批复日期) and `user`; sender: the Org model.
#: members/receivers.py moves the memberships the street held for those employers into the union
union_founded = Signal()
