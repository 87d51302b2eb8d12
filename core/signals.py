"""What core tells the audit log, which stands a layer above it and so cannot be imported here:
audit/receivers.py writes each of these down (connected in AuditConfig.ready)."""

from django.dispatch import Signal

#: a view refused the user's role; sent with `request` and `needed` (what the view needs, 查看业务数据…)
access_refused = Signal()

#: a list was searched by a full 身份证号, which is a look at personal data; sent with `request`
#: (None outside a page), `user`, `id_number` as typed and the `reason` given; sender: the model
personal_data_searched = Signal()

#: a founding (工会组建, SPEC §7) became 已成立: `union` is the new Org, `employers` its 涉及单位 (now
#: under it), `on` the 批复日期, `user` who made it so; sent inside the founding's transaction
union_founded = Signal()
