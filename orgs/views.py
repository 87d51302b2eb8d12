from django.http import HttpRequest, HttpResponse


def tree(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


org_list = employer_list = tree
