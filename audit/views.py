from django.http import HttpRequest, HttpResponse


def entry_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
