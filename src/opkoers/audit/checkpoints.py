"""Signed checkpoints: the chain's end, anchored outside the database.

A checkpoint says "the chain had `seq` rows and ended in `head` at `at`", signed with
the sequencer's Ed25519 key (settings.AUDIT_CHECKPOINT_KEY, not in the database), like
a Certificate Transparency signed tree head. The sequencer hands each one to every sink
in settings.AUDIT_CHECKPOINT_SINKS; `verify_audit` reads the latest back and checks the
database against it, so rows removed or rewritten below a checkpoint are detected even
when the chain in the database has been made consistent again.

A sink is any class with `append(checkpoint)` and `latest()`. The one shipped here is
FileSink (append-only JSON lines, one file per UTC day); an object store with object
lock or an email to the privacy officer is another class with the same two methods
(docs/decisions/0017-audit-anchoring-and-keys.md).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.utils.module_loading import import_string

FORMAT = "opkoers-audit-checkpoint/1"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head: str
    key_id: str
    at: datetime
    signature: str = ""

    def message(self) -> bytes:
        body = {
            "format": FORMAT,
            "seq": self.seq,
            "head": self.head,
            "key_id": self.key_id,
            "at": self.at.astimezone(UTC).isoformat(),
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def to_json(self) -> str:
        body = json.loads(self.message())
        body["signature"] = self.signature
        return json.dumps(body, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        body: dict[str, Any] = json.loads(text)
        return cls(
            seq=int(body["seq"]),
            head=str(body["head"]),
            key_id=str(body["key_id"]),
            at=datetime.fromisoformat(body["at"]),
            signature=str(body.get("signature", "")),
        )


@cache
def _private_key(seed_b64: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed_b64))


def _public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_b64() -> str:
    """The public half of this deployment's checkpoint key, for an outside verifier."""
    return base64.b64encode(
        _public_raw(_private_key(settings.AUDIT_CHECKPOINT_KEY).public_key())
    ).decode()


def _verifying_keys() -> list[Ed25519PublicKey]:
    own = _private_key(settings.AUDIT_CHECKPOINT_KEY).public_key()
    others = [
        Ed25519PublicKey.from_public_bytes(base64.b64decode(k))
        for k in settings.AUDIT_CHECKPOINT_PUBLIC_KEYS
    ]
    return [own, *others]


def sign(checkpoint: Checkpoint) -> Checkpoint:
    signature = _private_key(settings.AUDIT_CHECKPOINT_KEY).sign(checkpoint.message())
    return Checkpoint(
        checkpoint.seq,
        checkpoint.head,
        checkpoint.key_id,
        checkpoint.at,
        base64.b64encode(signature).decode(),
    )


def signature_valid(checkpoint: Checkpoint) -> bool:
    try:
        signature = base64.b64decode(checkpoint.signature, validate=True)
    except ValueError:
        return False
    for key in _verifying_keys():
        try:
            key.verify(signature, checkpoint.message())
            return True
        except InvalidSignature:
            continue
    return False


class Sink(Protocol):
    def append(self, checkpoint: Checkpoint) -> None: ...

    def latest(self) -> Checkpoint | None: ...


class FileSink:
    """Appends each checkpoint as one line to `<dir>/checkpoints-YYYY-MM-DD.jsonl`
    (opened O_APPEND, never truncated or rewritten; fsync'd). In production the directory
    is a mount the database administrator cannot write, ideally append-only (chattr +a)
    or shipped on to write-once storage."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory or settings.AUDIT_CHECKPOINT_DIR)

    def _file_for(self, at: datetime) -> Path:
        return self.directory / f"checkpoints-{at.astimezone(UTC):%Y-%m-%d}.jsonl"

    def append(self, checkpoint: Checkpoint) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        line = (checkpoint.to_json() + "\n").encode()
        fd = os.open(self._file_for(checkpoint.at), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def latest(self) -> Checkpoint | None:
        """The checkpoint with the highest seq in the newest file that has one."""
        if not self.directory.is_dir():
            return None
        for path in sorted(self.directory.glob("checkpoints-*.jsonl"), reverse=True):
            best: Checkpoint | None = None
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                try:
                    checkpoint = Checkpoint.from_json(line)
                except (ValueError, KeyError):
                    continue  # a torn last line after a crash; the one before it counts
                if best is None or checkpoint.seq >= best.seq:
                    best = checkpoint
            if best is not None:
                return best
        return None


def sinks() -> list[Sink]:
    return [import_string(path)() for path in settings.AUDIT_CHECKPOINT_SINKS]


def publish(checkpoint: Checkpoint) -> None:
    for sink in sinks():
        sink.append(checkpoint)


def latest() -> Checkpoint | None:
    """The furthest checkpoint any sink holds (a sink that lags is not a problem)."""
    found = [c for c in (sink.latest() for sink in sinks()) if c is not None]
    return max(found, key=lambda c: c.seq) if found else None
