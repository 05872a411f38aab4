"""Drives a SCIM 2.0 server through six provisioning scenarios with a strict client.

`scim2-client` validates every response against RFC 7643/7644 with `scim2-models`: an Error
message with a member the RFC does not define (such as `error_code`) is refused as a malformed
response instead of being read as the error it is.

Usage: python3 check.py BASE_URL TOKEN   (BASE_URL up to, without, `/scim/v2`)

Prints one `ok <scenario>: ...` line per scenario, or `FAIL <scenario>: ...`, and exits with 1
when any scenario failed (2 on a usage error).
"""

import sys
import traceback

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_client.client import describe_resource_models
from pydantic import ValidationError
from scim2_models import (
    Email,
    Error,
    InvalidFilterException,
    ListResponse,
    Name,
    NotFoundException,
    ScimProvider,
    SearchRequest,
    UnauthorizedException,
    UniquenessException,
    User,
)


def scim_client(base_url, token):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http = Client(base_url=f"{base_url}/scim/v2", headers=headers, timeout=10)
    models, resource_types = describe_resource_models([User])
    provider = ScimProvider(models=models, resource_types=resource_types)
    return SyncSCIMClient(http, provider=provider)


def error_of(expected, action):
    """Runs `action`, which must fail with the SCIM error `expected`; returns its Error."""
    try:
        result = action()
    except expected as exc:
        return exc.to_error()
    raise AssertionError(f"expected {expected.__name__}, got {result!r}")


def refuses_unknown_error_members():
    """The client is the strict one: an Error with a member RFC 7644 does not define is refused."""
    body = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": "404",
        "detail": "SCIM user not found",
        "error_code": "SCIM_USER_NOT_FOUND",
    }
    try:
        Error.model_validate(body)
    except ValidationError:
        return True
    return False


def main(base_url, token):
    if not refuses_unknown_error_members():
        print("FAIL strict: scim2-models accepted an Error with an unknown member", flush=True)
        return 1
    print("ok strict: scim2-models refuses an Error with an unknown member", flush=True)
    scim = scim_client(base_url, token)
    anonymous = scim_client(base_url, None)
    alice = User(
        user_name="alice@example.com",
        name=Name(given_name="Alice", family_name="Liddell"),
        emails=[Email(value="alice@example.com", primary=True)],
        active=True,
    )
    created = {}

    def create():
        user = scim.create(alice)
        assert isinstance(user, User), user
        assert user.id and user.user_name == "alice@example.com", user
        created["id"] = user.id
        return f"201 User {user.id}"

    def find_by_user_name():
        found = scim.query(User, query_parameters=SearchRequest(filter='userName eq "alice@example.com"'))
        assert isinstance(found, ListResponse), found
        assert found.total_results == 1, found
        assert found.resources[0].id == created["id"], found
        user = scim.query(User, created["id"])
        assert user.user_name == "alice@example.com", user
        return f"ListResponse of 1, then User {user.id}"

    def duplicate_create():
        error = error_of(UniquenessException, lambda: scim.create(alice))
        assert error.status == 409 and error.scim_type == "uniqueness", error
        return f"{error.status} {error.scim_type}: {error.detail}"

    def get_missing():
        error = error_of(NotFoundException, lambda: scim.query(User, "2819c223"))
        assert error.status == 404 and error.scim_type is None, error
        return f"{error.status}: {error.detail}"

    def bad_filter():
        search = SearchRequest(filter='userName co "ali"')
        error = error_of(InvalidFilterException, lambda: scim.query(User, query_parameters=search))
        assert error.status == 400 and error.scim_type == "invalidFilter", error
        return f"{error.status} {error.scim_type}: {error.detail}"

    def unauthorized():
        error = error_of(UnauthorizedException, lambda: anonymous.query(User, "2819c223"))
        assert error.status == 401, error
        return f"{error.status}: {error.detail}"

    scenarios = [
        ("create", create),
        ("find_by_user_name", find_by_user_name),
        ("duplicate_create", duplicate_create),
        ("get_missing", get_missing),
        ("bad_filter", bad_filter),
        ("unauthorized", unauthorized),
    ]
    failed = 0
    for name, scenario in scenarios:
        try:
            print(f"ok {name}: {scenario()}", flush=True)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, then the next runs
            failed += 1
            reason = " | ".join(traceback.format_exception_only(exc)).strip().replace("\n", " | ")
            notes = " | ".join(getattr(exc, "__notes__", []))
            print(f"FAIL {name}: {reason} {notes}".rstrip(), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
