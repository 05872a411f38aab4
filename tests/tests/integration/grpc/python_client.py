"""A Python gRPC client (grpcio + grpcio-status) reading the demo's rich error details.

Usage: python_client.py HOST:PORT. Prints one JSON object per call; the Rust test compares them.
No generated stubs: requests are encoded by hand (a string field is tag, length, bytes).
"""
import json
import sys

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


def string_field(number, text):
    data = text.encode()
    return bytes([number << 3 | 2, len(data)]) + data


def call(channel, method, request, metadata=()):
    stub = channel.unary_unary(
        "/authos.demo.v1.Demo/" + method,
        request_serializer=lambda message: message,
        response_deserializer=lambda message: message,
    )
    try:
        stub(request, metadata=metadata, timeout=10)
        return {"ok": True}
    except grpc.RpcError as error:
        status = rpc_status.from_call(error)
        out = {"code": error.code().name, "message": error.details()}
        for detail in status.details:
            for kind in (
                error_details_pb2.ErrorInfo,
                error_details_pb2.BadRequest,
                error_details_pb2.RetryInfo,
                error_details_pb2.LocalizedMessage,
                error_details_pb2.RequestInfo,
                error_details_pb2.Help,
            ):
                if detail.Is(kind.DESCRIPTOR):
                    message = kind()
                    detail.Unpack(message)
                    name = kind.DESCRIPTOR.name
                    if name == "ErrorInfo":
                        out[name] = {"reason": message.reason, "domain": message.domain,
                                     "metadata": dict(message.metadata)}
                    elif name == "BadRequest":
                        out[name] = [[v.field, v.reason, v.description]
                                     for v in message.field_violations]
                    elif name == "RetryInfo":
                        out[name] = message.retry_delay.seconds
                    elif name == "LocalizedMessage":
                        out[name] = [message.locale, message.message]
                    elif name == "RequestInfo":
                        out[name] = message.request_id
                    elif name == "Help":
                        out[name] = [link.url for link in message.links]
        return out


def main():
    with grpc.insecure_channel(sys.argv[1]) as channel:
        calls = [
            ("GetOrganization", string_field(1, "initech"),
             (("accept-language", "fr"), ("x-request-id", "py-1"))),
            ("Signup", string_field(1, "nope") + string_field(2, "ab") + string_field(3, "short"), ()),
            ("Limited", b"", ()),
            ("Limited", b"", ()),
            ("Limited", b"", ()),
            ("Limited", b"", ()),
            ("UsageReport", b"", ()),
        ]
        for method, request, metadata in calls:
            print(json.dumps(call(channel, method, request, metadata), sort_keys=True))


main()
