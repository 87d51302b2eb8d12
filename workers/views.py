from django.http import HttpRequest, HttpResponse


def worker_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
