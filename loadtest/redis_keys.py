#!/usr/bin/env python3
"""Counts the Redis keys matching a pattern with SCAN (stdlib only, no redis-cli needed): redis_keys.py HOST PORT PATTERN.

Prints the count, or "unknown" (exit 0) when the server does not answer, so a load-test run never fails on it.
"""
import socket
import sys


def command(sock, reader, *parts):
    payload = f"*{len(parts)}\r\n" + "".join(f"${len(p.encode())}\r\n{p}\r\n" for p in parts)
    sock.sendall(payload.encode())
    return read(reader)


def read(reader):
    line = reader.readline().decode().rstrip("\r\n")
    kind, rest = line[:1], line[1:]
    if kind == "*":
        return [read(reader) for _ in range(int(rest))]
    if kind == "$":
        if int(rest) < 0:
            return None
        data = reader.read(int(rest) + 2)
        return data[:-2].decode()
    if kind == "-":
        raise RuntimeError(rest)
    return rest


def main():
    host, port, pattern = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    try:
        with socket.create_connection((host, port), timeout=10) as sock:
            reader = sock.makefile("rb")
            cursor, count = "0", 0
            while True:
                cursor, keys = command(sock, reader, "SCAN", cursor, "MATCH", pattern, "COUNT", "1000")
                count += len(keys)
                if cursor == "0":
                    break
            print(count)
    except (OSError, RuntimeError, ValueError):
        print("unknown")


if __name__ == "__main__":
    main()
