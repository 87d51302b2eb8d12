app_name = "todo"
urlpatterns: list = []
