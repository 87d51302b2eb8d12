"""Checks of a production set-up (`uniondesk check --deploy`) beyond Django's own."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


@register(Tags.security, deploy=True)
def site_url_is_the_public_address(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """A report made on the command line links every figure to its drill-down at SITE_URL: left at
    the local default, a filed report's links would lead nowhere on the users' machines."""
    if urlsplit(settings.SITE_URL).hostname not in LOCAL_HOSTS:
        return []
    return [Warning(
        f"SITE_URL 为 {settings.SITE_URL or '（空）'}：命令行生成的年度报告中，数字的链接将指向本机而不是用户访问的地址。",
        hint="设置环境变量 SITE_URL 为用户访问本系统的地址，例如 https://union.example.gov.cn。",
        id="uniondesk.W001",
    )]


@register(Tags.security, deploy=True)
def two_factors_in_production(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """等保 三级 asks for two factors at every login; only a demo or a developer's machine may
    switch them off, and such a set-up should not pass for production silently."""
    if settings.DEBUG or settings.OTP_REQUIRED:
        return []
    return [Warning(
        "DEBUG=0 而 UNIONDESK_2FA=0：生产环境关闭了双因素认证，登录只凭密码。",
        hint="去掉环境变量 UNIONDESK_2FA（DEBUG=0 时默认开启）或设为 1；仅演示环境可关闭。",
        id="uniondesk.W002",
    )]


@register(Tags.security, deploy=True)
def audit_key_of_its_own(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Without AUDIT_KEY the audit log's seals are keyed by a key derived from SECRET_KEY: whoever
    holds SECRET_KEY can then reseal a rewritten log, and a new SECRET_KEY breaks every seal."""
    if settings.DEBUG or settings.AUDIT_KEY:
        return []
    return [Warning(
        "未设置 AUDIT_KEY：审计日志的封印密钥由 SECRET_KEY 推出，更换 SECRET_KEY 后原有日志将无法通过完整性校验。",
        hint="设置环境变量 AUDIT_KEY（至少 32 个随机字符），与数据库分开保管，并在备份中排除；设置后不再更改。",
        id="uniondesk.W003",
    )]
