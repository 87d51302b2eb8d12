"""The audit log: append-only, each entry sealed together with the seal of the one before it.

Nothing in the product updates or deletes an entry: the model refuses it, and database triggers
refuse UPDATE, DELETE and TRUNCATE too (migrations 0002, 0005). If someone with direct database
access changes a row all the same, `verify_chain()` names the first entry whose seal no longer
matches: the seal is an HMAC under a key the database does not hold (sealing.py), and the head of
the chain is anchored outside the table (anchors.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from . import sealing

if TYPE_CHECKING:
    from accounts.models import User


class Action(models.TextChoices):
    LOGIN = "login", "登录"
    LOGOUT = "logout", "退出"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOCKOUT = "lockout", "账号锁定"
    PASSWORD_CHANGE = "password_change", "修改密码"
    OTP_SETUP = "otp_setup", "绑定动态口令"
    CREATE = "create", "新增"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    MOVE = "move", "调整隶属"
    IMPORT = "import", "导入"
    IMPORT_UNDO = "import_undo", "撤销导入"
    TRANSITION = "transition", "状态变更"
    EXPORT = "export", "导出"
    REVEAL = "reveal", "查看个人信息"
    DENIED = "denied", "越权访问"
    SESSION_END = "session_end", "会话结束"
    RESTORE = "restore", "恢复备份"


class Result(models.TextChoices):
    OK = "成功", "成功"
    FAILED = "失败", "失败"
    REFUSED = "拒绝", "拒绝"


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> AuditQuerySet:
        """An 审计员 reads the entries of their subtree; the root's also reads those with no org."""
        if not getattr(user, "is_authenticated", False) or not user.reads_audit_log:
            return self.none()
        mine = models.Q(org__path__startswith=user.org.path)
        if user.org.depth == 1:
            mine |= models.Q(org__isnull=True)
        return self.filter(mine)

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("审计日志只能追加，不能修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user_id_value = models.BigIntegerField("用户ID", null=True, blank=True)
    username = models.CharField("用户", max_length=150, blank=True)
    org = models.ForeignKey(
        "orgs.Org", verbose_name="组织", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", db_constraint=False,
    )
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField("对象类型", max_length=50, blank=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    result = models.CharField("结果", max_length=4, choices=Result.choices, default=Result.OK)
    detail = models.JSONField("详情", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # the entry's place in the chain (1, 2, …) and the fingerprint of the key that sealed it;
    # both empty on entries sealed before the chain was keyed
    seq = models.BigIntegerField("链上序号", null=True, blank=True)
    # null rather than "": SQLite then adds the column in place, keeping the table's trigger
    key_id = models.CharField("密钥指纹", max_length=8, null=True, blank=True)  # noqa: DJ001

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.get_action_display()}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("审计日志只能追加，不能删除")

    def seal_payload(self) -> bytes:
        fields = {
            "at": self.at.isoformat(timespec="microseconds"),
            "user": self.user_id_value,
            "username": self.username,
            "org": self.org_id,
            "ip": self.ip,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "result": self.result,
            "detail": self.detail,
            "prev": self.prev_hash,
        }
        if self.key_id:  # keyed entries also seal their place in the chain and the key's name
            fields.update(seq=self.seq, key=self.key_id)
        return sealing.payload(fields)

    def compute_hash(self) -> str:
        return sealing.seal(self.seal_payload(), keyed=bool(self.key_id))
