"""The members' vocabulary (SPEC §7), which the models and the rules both speak."""

from django.db import models


class State(models.TextChoices):
    APPLIED = "申请中", "申请中"
    REFUSED = "未批准", "未批准"
    ACTIVE = "在籍", "在籍"
    KEPT = "保留会籍", "保留会籍"
    TRANSFERRING = "转出中", "转出中"
    LEFT = "已退会", "已退会"


class Employment(models.TextChoices):
    EMPLOYEE = "单位职工", "单位职工"
    NEW = "新就业形态", "新就业形态"
    RETIRED = "退休", "退休"


#: a person is a member (workers' 是否会员 reads 是, members.total counts them) in these states
MEMBER_STATES = (State.ACTIVE, State.TRANSFERRING, State.KEPT)

#: the reasons a cadre picks for 保留会籍 and 已退会 (SPEC §7; 自动退会 is 章程 §5)
KEEP_REASONS = ("退休", "失业", "单位关闭")
LEAVE_REASONS = ("本人申请", "自动退会", "死亡", "其他")
