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

#: the worker register asks who is a member (SPEC §7: 是否会员 reads the membership): sent with
#: `id_numbers` (a collection, or None for every person); each receiver returns {身份证号: bool} for
#: the people it holds a membership of. sender: the Worker model. members/receivers.py answers
membership_states = Signal()

#: workers were written (an import or a page) whose row said 是否会员 是 with no membership yet: sent
#: with `joined` ([(身份证号, 入会日期 or None)]) and `user` after the rows are in; sender: the Worker
#: model. members/receivers.py creates each membership (在籍 at the employer's union, else its street)
workers_joined = Signal()
