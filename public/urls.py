from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("track/", views.track, name="track"),
    path("done/", views.done, name="done"),
    path("employers/", views.employers, name="employers"),
    path("tickets/<int:pk>/attachment/", views.attachment, name="attachment"),
    path("tickets/<int:pk>/reply/", views.reply, name="reply"),
    path("<slug:kind>/", views.submit, name="submit"),
]
