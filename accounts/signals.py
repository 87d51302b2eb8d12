"""Audit entries for login events: thin receivers, the entries themselves are written in services."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="accounts.logged_in")
def on_logged_in(sender, request, user, **kwargs):
    services.account_logged_in(request=request, user=user)


@receiver(user_logged_out, dispatch_uid="accounts.logged_out")
def on_logged_out(sender, request, user, **kwargs):
    services.account_logged_out(request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    services.account_login_failed(request=request, username=str(credentials.get("username") or ""))


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def on_locked_out(sender, request=None, username=None, **kwargs):
    services.account_locked_out(request=request, username=str(username or ""))
