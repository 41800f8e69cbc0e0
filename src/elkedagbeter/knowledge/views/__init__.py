from django.http import HttpRequest


def query_string(request: HttpRequest) -> str:
    """The request's filters without the page number, for the pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
