"""Loaded by Python at start-up when this folder is on PYTHONPATH (tests only).

Blocks every outbound connection that does not go to this machine and writes each attempt
to $NETGUARD_LOG, so a test can prove the app needs no network.
"""

import ipaddress
import os
import socket

_LOG = os.environ.get("NETGUARD_LOG")
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _local(address) -> bool:
    if not isinstance(address, tuple):
        return True  # unix sockets
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _record(address) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{address!r}\n")


def _guarded_connect(self, address):
    if not _local(address):
        _record(address)
        raise OSError(101, f"netguard: outbound connection blocked: {address!r}")
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if not _local(address):
        _record(address)
        return 101
    return _connect_ex(self, address)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
