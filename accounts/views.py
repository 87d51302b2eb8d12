from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

login = auth_views.LoginView.as_view(template_name="accounts/login.html")
logout = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(success_url="/")


def locked_out(request: HttpRequest, credentials: dict | None = None, *args: object, **kwargs: object) -> HttpResponse:
    return render(request, "accounts/locked_out.html", status=429)


def account_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
