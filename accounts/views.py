"""Login, logout, password, second factor, and the 系统管理员's account pages."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from core.forms import add_service_errors
from core.lists import Column, headers, paginate, sort_queryset
from core.overreach import not_found
from core.permissions import account_manager, business_writer

from . import services
from .filters import AccountFilter
from .forms import AccountCreateForm, AccountForm, LoginForm, OTPTokenForm, PasswordChangeForm
from .models import ADMIN_GRANT_DAYS, AdminGrant, User
from .selectors import accounts_visible_to, locked_usernames


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


# --- login and logout ---------------------------------------------------------------------------


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    """Password step. axes counts failures and, once locked, answers with locked_out() instead."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        auth_login(request, form.get_user())
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {
        "form": form, "next": request.POST.get("next") or request.GET.get("next", ""), "title": "登录",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    })


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the page for a username that failed too often."""
    return render(request, "accounts/locked_out.html", {
        "title": "账号已锁定",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }, status=429)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    was_in = request.user.is_authenticated
    auth_logout(request)
    if was_in:
        messages.info(request, "您已安全退出。")
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- password -----------------------------------------------------------------------------------


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@never_cache
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    reason = services.password_change_reason(user)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_change_password(
                user=user, old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"], request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            services.account_end_session(request=request, reason="密码已修改")
            messages.success(request, "密码已修改，请重新登录。")
            return redirect(settings.LOGIN_URL)
    return render(request, "accounts/password_change.html", {
        "form": form, "reason": reason, "title": "修改密码",
        "max_age_days": settings.PASSWORD_MAX_AGE.days,
    })


# --- second factor ------------------------------------------------------------------------------


def _otp_done(request: HttpRequest) -> bool:
    return not settings.OTP_REQUIRED or request.user.is_verified()


@never_cache
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    if _otp_done(request):
        return redirect(_next_url(request))
    if user_has_device(request.user):
        return redirect(f"{resolve_url('accounts:otp-verify')}?{request.GET.urlencode()}")
    device = services.account_otp_pending_device(user=request.user)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_otp_confirm(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "动态口令已绑定。以后每次登录须输入认证器上的6位动态口令。")
            return redirect(_next_url(request))
    secret = b32encode(device.bin_key).decode()
    return render(request, "accounts/otp_setup.html", {
        "form": form, "title": "绑定动态口令", "next": request.GET.get("next", ""),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    })


@sensitive_post_parameters("token")
@never_cache
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    if _otp_done(request):
        return redirect(_next_url(request))
    if not user_has_device(request.user):
        return redirect(f"{resolve_url('accounts:otp-setup')}?{request.GET.urlencode()}")
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_otp_verify(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_next_url(request))
    return render(request, "accounts/otp_verify.html", {
        "form": form, "title": "动态口令验证", "next": request.GET.get("next", ""),
    })


# --- account management (系统管理员) -------------------------------------------------------------

ACCOUNT_COLUMNS = [
    Column("username", "用户名", "username"),
    Column("name", "姓名", "full_name"),
    Column("org", "所属组织", "org__path"),
    Column("role", "角色", "role"),
    Column("state", "状态", "is_active"),
    Column("otp", "动态口令"),
    Column("last_login", "最近登录", "last_login"),
    Column("password", "密码修改时间", "password_changed_at"),
]


@account_manager
def account_list(request: HttpRequest) -> HttpResponse:
    filterset = AccountFilter(request.GET, queryset=accounts_visible_to(request.user), request=request)
    queryset, sort = sort_queryset(request, filterset.qs, ACCOUNT_COLUMNS, "org")
    page = paginate(request, queryset, settings.UNIONDESK_PAGE_SIZE)
    locked = locked_usernames(a.username for a in page.object_list)
    for account in page.object_list:
        account.is_locked = account.username in locked
    return render(request, "accounts/account_list.html", {
        "filter": filterset, "page": page, "headers": headers(ACCOUNT_COLUMNS, sort),
        "nav": "accounts", "title": "账号管理",
    })


def _account(request: HttpRequest, pk: int) -> User:
    account = accounts_visible_to(request.user).filter(pk=pk).first()
    if account is None:
        not_found(User.objects.all(), pk)
    return account


@never_cache
@account_manager
def account_create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account, password = services.account_create(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if password is None:
                messages.info(request, _pending_message(account))
                return redirect("accounts:account-detail", pk=account.pk)
            return _show_password(request, account, password, "账号已创建")
    return render(request, "accounts/account_form.html", {
        "form": form, "title": "新建账号", "nav": "accounts", "cancel_url": resolve_url("accounts:account-list"),
    })


def _show_password(
    request: HttpRequest, account: User, password: str, heading: str, done_url: str = ""
) -> HttpResponse:
    """The one time a generated password is shown: in this response, never stored, never cached."""
    return render(request, "accounts/one_time_password.html", {
        "account": account, "password": password, "heading": heading, "title": heading, "nav": "accounts",
        "done_url": done_url or resolve_url("accounts:account-detail", pk=account.pk),
    })


def _pending_message(account: User) -> str:
    return (f"已提交申请：{services.account_label(account)}的管理员权限（新角色、密码或启用）须由"
            f"{services.CONFIRMER}在其待办中确认后生效；一次性密码只显示给确认的管理员，由其交给本人。")


@account_manager
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    return render(request, "accounts/account_detail.html", {
        "account": account, "is_locked": account.username in locked_usernames([account.username]),
        "grants": services.pending_grants(account),
        "is_self": account.pk == request.user.pk, "title": services.account_label(account), "nav": "accounts",
    })


@account_manager
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    form = AccountForm(request.POST or None, manager=request.user, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_update(by=request.user, account=account, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "账号已保存。")
            if any(g.kind == "grant" for g in services.pending_grants(account)):
                messages.info(request, _pending_message(account))
            return redirect("accounts:account-detail", pk=account.pk)
    return render(request, "accounts/account_form.html", {
        "form": form, "account": account, "title": f"修改账号：{account.username}", "nav": "accounts",
        "cancel_url": resolve_url("accounts:account-detail", pk=account.pk),
    })


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    account = _account(request, pk)
    try:
        action(by=request.user, account=account, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("accounts:account-detail", pk=account.pk)


@require_POST
@account_manager
def account_disable(request: HttpRequest, pk: int) -> HttpResponse:
    def disable(**kwargs: object) -> int:
        return services.account_set_active(active=False, **kwargs)

    return _act(request, pk, disable, "账号已停用，其所有会话已结束。")


@require_POST
@account_manager
def account_enable(request: HttpRequest, pk: int) -> HttpResponse:
    def enable(**kwargs: object) -> int:
        return services.account_set_active(active=True, **kwargs)

    account = _account(request, pk)
    done = _pending_message(account) if account.role == "admin" else "账号已启用。"
    return _act(request, pk, enable, done)


@require_POST
@account_manager
def account_reset_otp(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.account_reset_otp, "动态口令已重置，该账号下次登录时须重新绑定。")


@require_POST
@account_manager
def account_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.account_unlock, "登录锁定已解除。")


@never_cache
@require_POST
@account_manager
def account_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    try:
        password = services.account_reset_password(by=request.user, account=account, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:account-detail", pk=account.pk)
    if password is None:
        messages.info(request, _pending_message(account))
        return redirect("accounts:account-detail", pk=account.pk)
    return _show_password(request, account, password, "密码已重置")


@require_POST
@account_manager
def grant_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(AdminGrant.objects.filter(account__in=accounts_visible_to(request.user)), pk=pk)
    try:
        services.admin_grant_cancel(by=request.user, grant=grant, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "申请已撤回。")
    return redirect("accounts:account-detail", pk=grant.account_id)


# --- the admins' side of 三权分立: confirming what a 系统管理员 asked for --------------------------


@business_writer
def grant_list(request: HttpRequest) -> HttpResponse:
    grants = AdminGrant.objects.confirmable_by(request.user).select_related("account", "account__org", "org", "requested_by")
    return render(request, "accounts/grant_list.html", {
        "grants": grants, "days": ADMIN_GRANT_DAYS, "title": "管理员授权待确认", "nav": "todo",
    })


def _grant(request: HttpRequest, pk: int) -> AdminGrant:
    grant = AdminGrant.objects.confirmable_by(request.user).filter(pk=pk).first()
    if grant is None:
        not_found(AdminGrant.objects.exclude(org__path__startswith=request.user.org.path), pk)
    return grant


@never_cache
@require_POST
@business_writer
def grant_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    try:
        password = services.admin_grant_confirm(by=request.user, grant=grant, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:grant-list")
    if password is None:
        messages.success(request, f"已确认：{grant.get_kind_display()}（{services.account_label(grant.account)}）。")
        return redirect("accounts:grant-list")
    grant.account.refresh_from_db()
    return _show_password(
        request, grant.account, password, f"已确认{grant.get_kind_display()}", resolve_url("accounts:grant-list")
    )


@require_POST
@business_writer
def grant_reject(request: HttpRequest, pk: int) -> HttpResponse:
    grant = _grant(request, pk)
    try:
        services.admin_grant_reject(by=request.user, grant=grant, reason=request.POST.get("reason", ""), request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"已拒绝：{grant.get_kind_display()}（{services.account_label(grant.account)}）。")
    return redirect("accounts:grant-list")
