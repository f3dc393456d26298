#!/usr/bin/env python3
"""Tracking tokens for the benchmark, made with the algorithm of clipcast.delivery.tracking.TrackingToken:
kind byte (1 open, 2 click), tenant, message and campaign UUIDs (16 bytes each, big-endian), the click target's
ASCII bytes, then HMAC-SHA-256(secret, b"clipcast-tracking:" + payload)[:16]; base64url without padding.

usage: tokens.py SECRET_HEX TENANT CAMPAIGN open|click COUNT > tokens.txt   (one token a line, one message each)
"""
import base64
import hashlib
import hmac
import sys
import uuid


def token(secret, kind, tenant, message, campaign, target=None):
    payload = bytes([1 if kind == "open" else 2]) + tenant.bytes + message.bytes + campaign.bytes
    if target is not None:
        payload += target.encode("ascii")
    tag = hmac.new(secret, b"clipcast-tracking:" + payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(payload + tag).rstrip(b"=").decode("ascii")


def main():
    secret, tenant, campaign = bytes.fromhex(sys.argv[1]), uuid.UUID(sys.argv[2]), uuid.UUID(sys.argv[3])
    kind, count = sys.argv[4], int(sys.argv[5])
    out = sys.stdout
    for i in range(count):
        target = None if kind == "open" else f"https://shop.example/spring-sale?utm_source=clipcast&n={i}"
        out.write(token(secret, kind, tenant, uuid.uuid4(), campaign, target))
        out.write("\n")


if __name__ == "__main__":
    main()
