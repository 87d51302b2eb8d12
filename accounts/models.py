"""Accounts: each bound to one node of the tree with one role (SPEC §1, 三权分立)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    ADMIN = "admin", "管理员"
    VIEWER = "viewer", "查看者"
    AUDITOR = "auditor", "审计员"
    SYSADMIN = "sysadmin", "系统管理员"


class AccountManager(UserManager):
    def get_queryset(self) -> models.QuerySet:
        # Every request reads user.org.path for scoping: fetch it with the user.
        return super().get_queryset().select_related("org")


class User(AbstractUser):
    org = models.ForeignKey(
        "orgs.Org", verbose_name="所属组织", on_delete=models.PROTECT, related_name="accounts", null=True
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices, default=Role.VIEWER)
    full_name = models.CharField("姓名", max_length=50, blank=True)
    must_change_password = models.BooleanField("首次登录须修改密码", default=True)
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)

    objects = AccountManager()

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.full_name or self.username

    # --- what the role may do; every check in views and services reads these --------------------
    @property
    def reads_business_data(self) -> bool:
        return self.role in (Role.ADMIN, Role.VIEWER) and self.org_id is not None and self.is_active

    @property
    def writes_business_data(self) -> bool:
        return self.role == Role.ADMIN and self.reads_business_data

    @property
    def reads_audit_log(self) -> bool:
        return self.role == Role.AUDITOR and self.org_id is not None

    @property
    def manages_accounts(self) -> bool:
        return self.role == Role.SYSADMIN

    @property
    def may_reveal_personal_data(self) -> bool:
        """Only an admin may unmask one record's 身份证号/手机号, giving a reason (audited)."""
        return self.writes_business_data

    @property
    def password_expired(self) -> bool:
        return timezone.now() - self.password_changed_at > settings.PASSWORD_MAX_AGE


class PasswordHistory(models.Model):
    """The hashes of a user's recent passwords, so none of the last five is chosen again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"


# --- 三权分立: the admin role reaches a person only through an admin -----------------------------

#: days an admin has to confirm a request before it lapses
ADMIN_GRANT_DAYS = 7


class GrantKind(models.TextChoices):
    GRANT = "grant", "授予管理员角色"
    RESET = "reset", "重置管理员密码"
    ENABLE = "enable", "启用管理员账号"


class GrantState(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "已拒绝"
    CANCELLED = "cancelled", "已撤回"


class AdminGrantQuerySet(models.QuerySet):
    def pending(self) -> AdminGrantQuerySet:
        return self.filter(state=GrantState.PENDING, requested_at__gt=timezone.now() - timedelta(days=ADMIN_GRANT_DAYS))

    def confirmable_by(self, user: User) -> AdminGrantQuerySet:
        """The pending requests an admin may decide: at their node or below, never their own."""
        if not getattr(user, "is_authenticated", False) or not user.writes_business_data:
            return self.none()
        return self.pending().filter(org__path__startswith=user.org.path).exclude(account=user)


class AdminGrant(models.Model):
    """A 系统管理员's request that gives someone admin rights: the role (a new account, a role or
    node change), a new password or a re-enabled account. It takes effect only when an admin of
    that node or above confirms it; a new password is then shown to that admin alone, to hand over."""

    account = models.ForeignKey(User, verbose_name="账号", on_delete=models.CASCADE, related_name="admin_grants")
    kind = models.CharField("申请事项", max_length=10, choices=GrantKind.choices)
    org = models.ForeignKey("orgs.Org", verbose_name="管理员所在组织", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        User, verbose_name="申请人", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    state = models.CharField("状态", max_length=10, choices=GrantState.choices, default=GrantState.PENDING)
    decided_by = models.ForeignKey(
        User, verbose_name="确认人", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)
    reason = models.CharField("原因", max_length=200, blank=True)

    objects = AdminGrantQuerySet.as_manager()

    class Meta:
        verbose_name = "管理员授权申请"
        verbose_name_plural = "管理员授权申请"
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.account}"

    @property
    def expires_at(self) -> datetime:
        return self.requested_at + timedelta(days=ADMIN_GRANT_DAYS)
