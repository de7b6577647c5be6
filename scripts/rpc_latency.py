#!/usr/bin/env python3
"""Latency of the node's `medledger_*` RPCs on the scale test's chain (scripts/scale-test.sh).

Asks each method `--requests` times over one HTTP keep-alive connection, each time about a
patient drawn at random from those `runtime/examples/scale_state.rs` made (their accounts are
derived here the same way), and prints p50, p99 and the mean per method as JSON. Answers are
checked: a patient with no records or a decision other than the one expected fails the run,
so a chain without the generated state cannot pass for one.

Usage: rpc_latency.py <http url> <patients> [--requests N] [--grants-per-patient G]
"""

import argparse
import hashlib
import http.client
import json
import random
import statistics
import struct
import sys
import time
import urllib.parse

GRANTEES = 1_000  # as in scale_state.rs
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def blake2_256(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def account(role: bytes, index: int) -> bytes:
    # SCALE of (b"medledger/scale", role, index): a fixed array as is, a slice with its compact
    # length (roles are shorter than 64 bytes: one byte), a u32 little-endian.
    assert len(role) < 64
    return blake2_256(b"medledger/scale" + bytes([len(role) << 2]) + role + struct.pack("<I", index))


def ss58(public: bytes, prefix: int = 42) -> str:
    payload = bytes([prefix]) + public
    checksum = hashlib.blake2b(b"SS58PRE" + payload, digest_size=64).digest()[:2]
    data = payload + checksum
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


class Rpc:
    def __init__(self, url: str):
        parsed = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        self.id = 0

    def call(self, method: str, params: list):
        self.id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        self.conn.request("POST", "/", body, {"Content-Type": "application/json"})
        answer = json.loads(self.conn.getresponse().read())
        if "error" in answer:
            raise RuntimeError(f"{method}{params}: {answer['error']}")
        return answer["result"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("patients", type=int)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--grants-per-patient", type=int, default=10)
    args = parser.parse_args()
    rpc = Rpc(args.url)
    rng = random.Random(7)
    best = rpc.call("chain_getHeader", [])["number"]
    best = int(best, 16)

    def patient_and_grantee():
        p = rng.randrange(args.patients)
        g = rng.randrange(args.grants_per_patient)
        return p, ss58(account(b"patient", p)), ss58(account(b"grantee", (p * 7 + g * 97) % GRANTEES))

    def access_decision():
        _, patient, grantee = patient_and_grantee()
        answer = rpc.call("medledger_accessDecision", [grantee, patient, "LabResults", "Treatment"])
        assert "Allowed" in answer, answer

    def access_decision_denied():
        _, patient, _ = patient_and_grantee()
        stranger = ss58(account(b"stranger", rng.randrange(1 << 30)))
        answer = rpc.call("medledger_accessDecision", [stranger, patient, "LabResults", "Treatment"])
        assert answer == {"Denied": "NoGrant"}, answer

    def grants():
        _, patient, _ = patient_and_grantee()
        answer = rpc.call("medledger_grants", [patient])
        assert len(answer) == args.grants_per_patient, answer
        return answer

    def grant_valid_at():
        grant = grants()[0]
        gid = grant["id"] if isinstance(grant, dict) and "id" in grant else grant[0]
        assert rpc.call("medledger_grantValidAt", [gid, best]) is True

    def patient_records():
        _, patient, _ = patient_and_grantee()
        answer = rpc.call("medledger_patientRecords", [patient])
        assert answer, f"no records for {patient}: is this the scale chain?"
        return answer

    def record_access():
        p, patient, grantee = patient_and_grantee()
        records = rpc.call("medledger_patientRecords", [patient])
        record = records[0]
        rid = record["id"] if isinstance(record, dict) and "id" in record else record[0]
        answer = rpc.call("medledger_recordAccess", [grantee, rid, "Treatment"])
        assert "Allowed" in answer or "Denied" in answer, answer

    def pending_inquiries():
        _, patient, _ = patient_and_grantee()
        assert rpc.call("medledger_pendingInquiries", [patient]) == []

    def disclosure_log():
        _, patient, _ = patient_and_grantee()
        rpc.call("medledger_disclosureLog", [patient])

    # grantValidAt and recordAccess time the whole step, a lookup of the id included: say so.
    methods = {
        "medledger_accessDecision (allowed)": access_decision,
        "medledger_accessDecision (denied)": access_decision_denied,
        "medledger_grants": grants,
        "medledger_grants + medledger_grantValidAt": grant_valid_at,
        "medledger_patientRecords": patient_records,
        "medledger_patientRecords + medledger_recordAccess": record_access,
        "medledger_pendingInquiries": pending_inquiries,
        "medledger_disclosureLog": disclosure_log,
    }
    results = {}
    for name, step in methods.items():
        for _ in range(20):  # warm the connection and the node's caches
            step()
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            step()
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        results[name] = {
            "p50_ms": round(times[len(times) // 2], 3),
            "p99_ms": round(times[int(len(times) * 0.99) - 1], 3),
            "mean_ms": round(statistics.fmean(times), 3),
        }
        print(f"{name}: {results[name]}", file=sys.stderr)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
