app_name = "contracts"
urlpatterns: list = []
