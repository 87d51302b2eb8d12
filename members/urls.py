from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("incoming/", views.incoming, name="incoming"),
    path("incoming/<int:pk>/", views.incoming_act, name="incoming-act"),
    path("idle/", views.idle, name="idle"),
    path("<int:pk>/periods/", views.periods, name="periods"),
    path("<int:pk>/card/", views.card, name="card"),
    path("card/<str:token>/", views.public_card, name="public-card"),
    path("verify/<str:token>/", views.verify, name="verify"),
]
