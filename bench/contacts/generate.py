#!/usr/bin/env python3
"""Writes an import file of N contacts: email, first name, last name, country, lists (the usual shop export)."""
import sys

rows = int(sys.argv[1])
path = sys.argv[2]
with open(path, "w", encoding="utf-8", newline="") as out:
    out.write("email,first_name,last_name,country,lists\n")
    for i in range(rows):
        out.write(f"customer.{i}@shop{i % 997}.example.com,First{i},Last{i},FR,newsletter\n")
