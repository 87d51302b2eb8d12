from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password-change"),
    path("otp/setup/", views.otp_setup, name="otp-setup"),
    path("otp/verify/", views.otp_verify, name="otp-verify"),
    path("", views.account_list, name="account-list"),
    path("new/", views.account_create, name="account-create"),
    path("<int:pk>/", views.account_detail, name="account-detail"),
    path("<int:pk>/edit/", views.account_edit, name="account-edit"),
    path("<int:pk>/disable/", views.account_disable, name="account-disable"),
    path("<int:pk>/enable/", views.account_enable, name="account-enable"),
    path("<int:pk>/reset-password/", views.account_reset_password, name="account-reset-password"),
    path("<int:pk>/reset-otp/", views.account_reset_otp, name="account-reset-otp"),
    path("<int:pk>/unlock/", views.account_unlock, name="account-unlock"),
    path("grants/<int:pk>/cancel/", views.grant_cancel, name="grant-cancel"),
    path("grants/", views.grant_list, name="grant-list"),
    path("grants/<int:pk>/confirm/", views.grant_confirm, name="grant-confirm"),
    path("grants/<int:pk>/reject/", views.grant_reject, name="grant-reject"),
]
