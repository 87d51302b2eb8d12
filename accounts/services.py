"""Every change to an account and every login event: one keyword-only function each, audited.

Views, the `adduser` command and the signal receivers all call these (zulip's `do_*` style).
Passwords never reach the audit log; the entry says what was done, not with what.
"""

from __future__ import annotations

import secrets
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    validate_password,
)
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action, Result
from audit.services import audit_record
from core.http import AuthedRequest
from core.scoping import may_reach
from orgs.models import Org

from .models import AdminGrant, GrantKind, GrantState, PasswordHistory, Role, User
from .passwords import RecentPasswordValidator

#: session keys (epoch seconds) read by SessionLimitsMiddleware
SESSION_LOGIN_AT = "ud_login_at"
SESSION_LAST_SEEN = "ud_last_seen"
#: set on the request by account_end_session so the logout signal records why the session ended
END_REASON_ATTR = "ud_session_end_reason"
_LOCKED_NOW_ATTR = "ud_locked_now"
#: who the audit log names when the command line makes a change
COMMAND_LINE = "命令行"

# One-time passwords: no look-alike characters (0/O, 1/l/I), every class present.
_CLASSES = ("ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "@#%+=?!")


def account_label(account: User) -> str:
    return f"{account.full_name}（{account.username}）" if account.full_name else account.username


def _actor(by: User | None) -> dict[str, Any]:
    return {"user": by} if by is not None else {"username": COMMAND_LINE}


def _require_manager(by: User | None) -> None:
    if by is not None and not (by.manages_accounts and by.org_id):
        raise PermissionDenied("您的角色无权管理账号。")


def _require_org_in_scope(by: User | None, org: Org | None) -> Org:
    if org is None:
        raise ValidationError({"org": "请选择所属组织"})
    if by is not None and not may_reach(by, org):
        raise ValidationError({"org": f"组织“{org.name}”不在您的管辖范围内"})
    return org


def _require_account_in_scope(by: User | None, account: User) -> None:
    _require_manager(by)
    if by is None:
        return
    if by.org is None:  # refused by _require_manager already
        in_scope = False
    elif account.org is None:
        in_scope = by.org.depth == 1
    else:
        in_scope = may_reach(by, account.org)
    if not in_scope:
        raise PermissionDenied("该账号不在您的管辖范围内。")


def _refuse_self(by: User | None, account: User, what: str) -> None:
    if by is not None and by.pk == account.pk:
        raise ValidationError(f"不能在账号管理中{what}自己的账号。")


# --- passwords ----------------------------------------------------------------------------------


def generate_password(length: int = 12) -> str:
    chars = [secrets.choice(alphabet) for alphabet in _CLASSES]
    pool = "".join(_CLASSES)
    chars += [secrets.choice(pool) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def _one_time_password(user: User) -> str:
    """A generated password that passes every configured validator for this user."""
    for _ in range(20):
        candidate = generate_password()
        try:
            validate_password(candidate, user)
        except ValidationError:
            continue
        return candidate
    raise RuntimeError("无法生成符合密码策略的一次性密码")  # pragma: no cover


def _history_length() -> int:
    lengths = [v.remember for v in get_default_password_validators() if isinstance(v, RecentPasswordValidator)]
    return max(lengths, default=5)


def _store_password(user: User, raw: str, *, must_change: bool) -> None:
    """Set the password, stamp it and keep its hash among the recent ones (validated before)."""
    user.set_password(raw)
    user.password_changed_at = timezone.now()
    user.must_change_password = must_change
    if user.pk is None:
        user.save()
    else:
        user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    PasswordHistory.objects.create(user=user, password=user.password, created_at=user.password_changed_at)
    keep = list(PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[: _history_length()])
    PasswordHistory.objects.filter(user=user).exclude(pk__in=keep).delete()


# --- sessions -----------------------------------------------------------------------------------


def account_end_sessions(*, account: User) -> int:
    """Delete every stored session of this account; returns how many ended.

    Django already refuses a session whose password hash is stale or whose user is inactive;
    deleting them as well leaves nothing behind that a later change could bring back.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0  # cache-only sessions: the password-hash check still ends them
    rows = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    ended = 0
    for key, data in rows.values_list("session_key", "session_data").iterator():
        if str(store_class().decode(data).get(SESSION_KEY)) == str(account.pk):
            store_class(session_key=key).delete()
            ended += 1
    return ended


def account_end_session(*, request: HttpRequest, reason: str) -> None:
    """Log the current session out for a reason (idle, 12 hours, password changed): SESSION_END."""
    setattr(request, END_REASON_ATTR, reason)
    auth_logout(request)


# --- login events (called by the receivers in signals.py) ---------------------------------------


def account_logged_in(*, request: HttpRequest, user: User) -> None:
    now = timezone.now().timestamp()
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_LOGIN_AT] = now
        session[SESSION_LAST_SEEN] = now
    audit_record(action=Action.LOGIN, request=request, user=user, detail={"步骤": "口令"})


def account_logged_out(*, request: HttpRequest, user: User | None) -> None:
    if user is None:
        return
    reason = getattr(request, END_REASON_ATTR, "")
    audit_record(
        action=Action.SESSION_END if reason else Action.LOGOUT, request=request, user=user,
        detail={"原因": reason} if reason else None,
    )


def _locked_before_this_attempt(request: HttpRequest) -> bool:
    """axes marks a refused attempt as locked without counting it (failures stay None)."""
    return bool(getattr(request, "axes_locked_out", False)) and getattr(
        request, "axes_failures_since_start", None
    ) is None


def account_login_failed(*, request: HttpRequest | None, username: str) -> None:
    account = User.objects.filter(username=username).first() if username else None
    if request is not None and _locked_before_this_attempt(request):
        reason = "账号已锁定"
    elif account is not None and not account.is_active:
        reason = "账号已停用"
    else:
        reason = "用户名或密码错误"
    org = account.org if account else None
    audit_record(
        action=Action.LOGIN_FAILED, request=request, username=username[:150], org=org,
        result=Result.FAILED, detail={"原因": reason},
    )
    if request is not None and getattr(request, _LOCKED_NOW_ATTR, False):
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        audit_record(
            action=Action.LOCKOUT, request=request, username=username[:150], org=org,
            result=Result.REFUSED,
            detail={"连续失败次数": getattr(request, "axes_failures_since_start", None), "锁定分钟": minutes},
        )


def account_locked_out(*, request: HttpRequest | None, username: str) -> None:
    """axes has just locked this username. axes sends this from inside its own login-failed
    receiver, before ours runs, so the LOCKOUT entry is written after the failure that caused it.
    A refused attempt while the lock holds is not a new lockout."""
    if request is not None and not _locked_before_this_attempt(request):
        setattr(request, _LOCKED_NOW_ATTR, True)


# --- self service -------------------------------------------------------------------------------


def password_change_reason(user: User) -> str:
    if user.must_change_password:
        return "首次登录"
    if user.password_expired:
        return "密码已过期"
    return ""


@transaction.atomic
def account_change_password(
    *, user: User, old_password: str, new_password: str, request: HttpRequest | None = None
) -> int:
    """The user's own change: checks the old password and the policy, then ends every session."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": "原密码不正确"})
    validate_password(new_password, user)
    reason = password_change_reason(user) or "本人修改"
    _store_password(user, new_password, must_change=False)
    ended = account_end_sessions(account=user)
    audit_record(
        action=Action.PASSWORD_CHANGE, request=request, user=user, obj=user,
        object_repr=account_label(user), detail={"原因": reason, "结束会话数": ended},
    )
    return ended


# --- two factors --------------------------------------------------------------------------------


def account_otp_pending_device(*, user: User) -> TOTPDevice:
    """The device being set up: the same secret on every reload until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name="动态口令", confirmed=False)


def _throttled_message(info: dict[str, Any] | None) -> str:
    until = (info or {}).get("locked_until")
    if until is None:
        return "动态口令错误次数过多，请稍后再试。"
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1)
    return f"动态口令错误次数过多，请{seconds}秒后再试。"


def account_otp_confirm(*, request: AuthedRequest, token: str) -> TOTPDevice:
    """Bind the pending device once the user types a code it made; the session is then verified."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        raise ValidationError("绑定已失效，请重新打开绑定页面。")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(_throttled_message(info))
    if not device.verify_token(token):  # counts the failure for throttling
        raise ValidationError("动态口令不正确，请核对手机时间后重新输入。")
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        for other in devices_for_user(user, confirmed=None):
            if other.persistent_id != device.persistent_id:
                other.delete()
        otp_login(request, device)
        request.session.cycle_key()
        audit_record(action=Action.OTP_SETUP, request=request, user=user, obj=user, object_repr=account_label(user))
    return device


def account_otp_verify(*, request: AuthedRequest, token: str) -> None:
    """The second step of a login: a code from the bound device."""
    user = request.user
    device = next(iter(devices_for_user(user)), None)
    if device is None:
        raise ValidationError("尚未绑定动态口令。")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(_throttled_message(info))
    verified = otp_verify_token(user, device.persistent_id, token)
    if verified is None:
        audit_record(
            action=Action.LOGIN_FAILED, request=request, user=user, result=Result.FAILED,
            detail={"原因": "动态口令错误"},
        )
        raise ValidationError("动态口令不正确。")
    otp_login(request, verified)
    request.session.cycle_key()
    audit_record(action=Action.LOGIN, request=request, user=user, detail={"步骤": "动态口令"})


# --- account management (系统管理员 and the command line) ---------------------------------------


def _check_username(username: str) -> None:
    if not username:
        raise ValidationError({"username": "请填写用户名"})
    if len(username) > 150:
        raise ValidationError({"username": "用户名不能超过150个字符"})
    try:
        User.username_validator(username)
    except ValidationError:
        raise ValidationError({"username": "用户名只能包含文字、数字和 @ . + - _"}) from None
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"用户名“{username}”已存在"})


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": "请选择有效的角色"})


@transaction.atomic
def account_create(
    *, by: User | None, username: str, org: Org | None, role: str, full_name: str = "",
    password: str | None = None, request: HttpRequest | None = None,
) -> tuple[User, str | None]:
    """A new account. Without `password` a one-time password is generated, returned once and
    must be changed at first login; with one (the command line) it is validated and kept."""
    _require_manager(by)
    username = username.strip()
    _check_username(username)
    org = _require_org_in_scope(by, org)
    _check_role(role)
    if len(full_name.strip()) > 50:
        raise ValidationError({"full_name": "姓名不能超过50个字符"})
    account = User(username=username, org=org, role=role, full_name=full_name.strip())
    if by is not None and role == Role.ADMIN:
        return _create_pending_admin(by=by, account=account, request=request), None
    one_time = None
    if password:
        try:
            validate_password(password, account)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
    else:
        one_time = password = _one_time_password(account)
    _store_password(account, password, must_change=one_time is not None)
    audit_record(
        action=Action.CREATE, request=request, **_actor(by), org=org, obj=account,
        object_repr=account_label(account),
        detail={
            "用户名": account.username, "姓名": account.full_name, "所属组织": org.name,
            "角色": account.get_role_display(), "密码": "一次性密码，首次登录须修改" if one_time else "已设置",
        },
    )
    return account, one_time


@transaction.atomic
def account_update(
    *, by: User | None, account: User, full_name: str, org: Org | None, role: str,
    request: HttpRequest | None = None,
) -> User:
    _require_account_in_scope(by, account)
    org = _require_org_in_scope(by, org)
    _check_role(role)
    if by is not None and by.pk == account.pk and (org.pk != account.org_id or role != account.role):
        raise ValidationError("不能修改自己的角色或所属组织。")
    if by is not None and role == Role.ADMIN and (account.role != Role.ADMIN or org.pk != account.org_id):
        # admin rights at this node wait for an admin's confirmation; the rest applies now
        _request_grant(by=by, account=account, kind=GrantKind.GRANT, org=org, request=request)
        org, role = account.org, account.role
    changes: dict[str, list[str]] = {}
    for label, old, new in (
        ("姓名", account.full_name, full_name.strip()),
        ("所属组织", account.org.name if account.org else "", org.name if org else ""),
        ("角色", account.get_role_display(), Role(role).label),
    ):
        if old != new:
            changes[label] = [old, new]
    if not changes:
        return account
    account.full_name, account.org, account.role = full_name.strip(), org, role
    account.save(update_fields=["full_name", "org", "role"])
    audit_record(
        action=Action.UPDATE, request=request, **_actor(by), org=org, obj=account,
        object_repr=account_label(account), detail={"操作": "修改账号", **changes},
    )
    return account


@transaction.atomic
def account_set_active(
    *, by: User | None, account: User, active: bool, request: HttpRequest | None = None
) -> int:
    """Enable or disable; disabling ends every session of the account. Returns sessions ended."""
    _require_account_in_scope(by, account)
    _refuse_self(by, account, "停用或启用")
    if account.is_active == active:
        return 0
    if active and by is not None and account.role == Role.ADMIN:
        _request_grant(by=by, account=account, kind=GrantKind.ENABLE, org=account.org, request=request)  # type: ignore[arg-type]  # an admin has an org
        return 0
    account.is_active = active
    account.save(update_fields=["is_active"])
    ended = 0 if active else account_end_sessions(account=account)
    detail: dict[str, Any] = {"操作": "启用账号" if active else "停用账号"}
    if not active:
        detail["结束会话数"] = ended
    audit_record(
        action=Action.UPDATE, request=request, **_actor(by), org=account.org, obj=account,
        object_repr=account_label(account), detail=detail,
    )
    return ended


@transaction.atomic
def account_reset_password(*, by: User | None, account: User, request: HttpRequest | None = None) -> str | None:
    """A new one-time password, shown once; the account must change it and its sessions end.
    An admin's password is only requested here (None): the confirming admin gets it."""
    _require_account_in_scope(by, account)
    _refuse_self(by, account, "重置")
    if by is not None and account.role == Role.ADMIN:
        _request_grant(by=by, account=account, kind=GrantKind.RESET, org=account.org, request=request)  # type: ignore[arg-type]  # an admin has an org
        return None
    password = _one_time_password(account)
    _store_password(account, password, must_change=True)
    ended = account_end_sessions(account=account)
    audit_record(
        action=Action.UPDATE, request=request, **_actor(by), org=account.org, obj=account,
        object_repr=account_label(account), detail={"操作": "重置密码", "结束会话数": ended},
    )
    return password


@transaction.atomic
def account_reset_otp(*, by: User | None, account: User, request: HttpRequest | None = None) -> int:
    """Forget the account's authenticator (lost phone): it binds a new one at its next login."""
    _require_account_in_scope(by, account)
    _refuse_self(by, account, "重置")
    removed = 0
    for device in devices_for_user(account, confirmed=None):
        device.delete()
        removed += 1
    ended = account_end_sessions(account=account)
    audit_record(
        action=Action.UPDATE, request=request, **_actor(by), org=account.org, obj=account,
        object_repr=account_label(account),
        detail={"操作": "重置动态口令", "删除设备数": removed, "结束会话数": ended},
    )
    return removed


@transaction.atomic
def account_unlock(*, by: User | None, account: User, request: HttpRequest | None = None) -> int:
    """Lift a login lock before its 30 minutes are up (the user called the office)."""
    from axes.utils import reset

    _require_account_in_scope(by, account)
    cleared = reset(username=account.username)
    audit_record(
        action=Action.UPDATE, request=request, **_actor(by), org=account.org, obj=account,
        object_repr=account_label(account), detail={"操作": "解除登录锁定"},
    )
    return cleared


# --- 三权分立: what gives admin rights waits for an admin (models.AdminGrant) ---------------------

CONFIRMER = "该组织或上级组织的管理员"


def pending_grants(account: User) -> list[AdminGrant]:
    return list(AdminGrant.objects.pending().filter(account=account).select_related("org", "requested_by"))


def _create_pending_admin(*, by: User, account: User, request: HttpRequest | None) -> User:
    """A new admin account, disabled and with no password until an admin confirms the grant."""
    account.is_active = False
    account.set_unusable_password()
    account.must_change_password = True
    account.save()
    audit_record(
        action=Action.CREATE, request=request, user=by, org=account.org, obj=account,
        object_repr=account_label(account),
        detail={
            "用户名": account.username, "姓名": account.full_name, "所属组织": account.org.name,  # type: ignore[union-attr]  # an admin has an org
            "角色": account.get_role_display(), "密码": f"待{CONFIRMER}确认后生成，交给本人",
        },
    )
    _request_grant(by=by, account=account, kind=GrantKind.GRANT, org=account.org, request=request)  # type: ignore[arg-type]  # an admin has an org
    return account


def _request_grant(*, by: User, account: User, kind: str, org: Org, request: HttpRequest | None) -> AdminGrant:
    """A newer request of the same kind replaces an older pending one."""
    AdminGrant.objects.filter(account=account, kind=kind, state=GrantState.PENDING).update(
        state=GrantState.CANCELLED, decided_by=by, decided_at=timezone.now(), reason="被新的申请取代",
    )
    grant = AdminGrant.objects.create(account=account, kind=kind, org=org, requested_by=by)
    audit_record(
        action=Action.UPDATE, request=request, user=by, org=org, obj=account, object_repr=account_label(account),
        detail={"操作": f"申请{grant.get_kind_display()}", "管理员所在组织": org.name, "待确认": CONFIRMER},
    )
    return grant


def _decidable(by: User, grant: AdminGrant) -> AdminGrant:
    """The grant, locked, when `by` may still decide it; otherwise a refusal that says why."""
    locked = AdminGrant.objects.select_for_update(of=("self",)).select_related("account", "org").get(pk=grant.pk)
    if not AdminGrant.objects.confirmable_by(by).filter(pk=locked.pk).exists():
        if locked.state != GrantState.PENDING:
            raise ValidationError(f"该申请{locked.get_state_display()}。")
        if locked.account_id == by.pk:
            raise PermissionDenied("不能确认与自己账号有关的申请。")
        if locked.expires_at <= timezone.now():
            raise ValidationError("该申请已超过有效期，请系统管理员重新提交。")
        raise PermissionDenied(f"只有{CONFIRMER}才能确认。")
    return locked


def _decide(grant: AdminGrant, *, by: User, state: str, reason: str = "") -> None:
    grant.state, grant.decided_by, grant.decided_at, grant.reason = state, by, timezone.now(), reason
    grant.save(update_fields=["state", "decided_by", "decided_at", "reason"])


@transaction.atomic
def admin_grant_confirm(*, by: User, grant: AdminGrant, request: HttpRequest | None = None) -> str | None:
    """Carry the request out. Returns the new one-time password (a grant or a reset), shown to
    the confirming admin once, who hands it to the holder; the sysadmin never sees it."""
    grant = _decidable(by, grant)
    account = User.objects.select_for_update(of=("self",)).get(pk=grant.account_id)
    password = None
    if grant.kind == GrantKind.GRANT:
        account.role, account.org, account.is_active = Role.ADMIN, grant.org, True
        account.save(update_fields=["role", "org", "is_active"])
    elif grant.kind == GrantKind.ENABLE:
        account.is_active = True
        account.save(update_fields=["is_active"])
    if grant.kind in (GrantKind.GRANT, GrantKind.RESET):
        # whatever password the account had, the sysadmin may have known it
        password = _one_time_password(account)
        _store_password(account, password, must_change=True)
    ended = account_end_sessions(account=account) if password else 0
    _decide(grant, by=by, state=GrantState.CONFIRMED)
    detail: dict[str, Any] = {
        "操作": f"确认{grant.get_kind_display()}", "管理员所在组织": grant.org.name,
        "申请人": grant.requested_by.username if grant.requested_by else "",
    }
    if password:
        detail |= {"密码": "一次性密码已显示给确认人，由其交给本人", "结束会话数": ended}
    audit_record(
        action=Action.UPDATE, request=request, user=by, org=grant.org, obj=account,
        object_repr=account_label(account), detail=detail,
    )
    return password


@transaction.atomic
def admin_grant_reject(*, by: User, grant: AdminGrant, reason: str, request: HttpRequest | None = None) -> None:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请填写拒绝的原因"})
    grant = _decidable(by, grant)
    _decide(grant, by=by, state=GrantState.REJECTED, reason=reason[:200])
    audit_record(
        action=Action.UPDATE, request=request, user=by, org=grant.org, obj=grant.account,
        object_repr=account_label(grant.account),
        detail={"操作": f"拒绝{grant.get_kind_display()}", "原因": reason[:200]},
    )


@transaction.atomic
def admin_grant_cancel(*, by: User, grant: AdminGrant, request: HttpRequest | None = None) -> None:
    """The sysadmin takes back a request not yet decided."""
    _require_account_in_scope(by, grant.account)
    grant = AdminGrant.objects.select_for_update(of=("self",)).select_related("account", "org").get(pk=grant.pk)
    if grant.state != GrantState.PENDING:
        raise ValidationError(f"该申请{grant.get_state_display()}。")
    _decide(grant, by=by, state=GrantState.CANCELLED, reason="申请人撤回")
    audit_record(
        action=Action.UPDATE, request=request, user=by, org=grant.org, obj=grant.account,
        object_repr=account_label(grant.account), detail={"操作": f"撤回{grant.get_kind_display()}的申请"},
    )
