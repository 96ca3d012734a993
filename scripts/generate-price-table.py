#!/usr/bin/env python3
"""Generate the embedded Iron Cage price table from a LiteLLM price map.

Reads LiteLLM's ``model_prices_and_context_window.json`` and writes the project's own compact
table (tab-separated, one model per line, prices as integer femto-USD per token) that the core
module embeds as a resource. Standard library only; run from anywhere:

    python3 scripts/generate-price-table.py                 # ../shared/data/... -> the resource
    python3 scripts/generate-price-table.py --source FILE --output OUT.tsv

The selection and conversion rules here are the same as the Java LiteLLM loader's
(io.ironcage.analytics.core.pricing.LiteLlmLoader); a test checks that both agree on the real
file. Prices are parsed as decimals (never as binary floating point) and rounded half-up to the
femto-USD; every price that does not convert exactly is reported with its relative error.
"""

import argparse
import hashlib
import json
import os
import re
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

FORMAT_MAGIC = "# ironcage-price-table 1"
COLUMNS = ["model", "provider", "input", "output", "cache_read", "cache_write",
           "cache_write_1h", "reasoning", "max_output", "tiers"]
MODES = ("chat", "completion", "responses")
FEMTOS_PER_USD = Decimal(10) ** 15
LONG_MAX = 2 ** 63 - 1

# Base prices: column -> LiteLLM keys, first present wins.
BASE_FIELDS = [
    ("input", ("input_cost_per_token",)),
    ("output", ("output_cost_per_token",)),
    ("cache_read", ("cache_read_input_token_cost", "input_cost_per_token_cache_hit")),
    ("cache_write", ("cache_creation_input_token_cost",)),
    ("cache_write_1h", ("cache_creation_input_token_cost_above_1hr",)),
    ("reasoning", ("output_cost_per_reasoning_token",)),
]
# Long-context tiers: "<key>_above_<N>k_tokens" with key -> tier price name.
TIER_KEYS = {
    "input_cost_per_token": "input",
    "output_cost_per_token": "output",
    "cache_read_input_token_cost": "cache_read",
    "cache_creation_input_token_cost": "cache_write",
    "cache_creation_input_token_cost_above_1hr": "cache_write_1h",
}
TIER_PRICE_ORDER = ["input", "output", "cache_read", "cache_write", "cache_write_1h"]
TIER_RE = re.compile(r"^(" + "|".join(re.escape(k) for k in sorted(TIER_KEYS, key=len, reverse=True))
                     + r")_above_([0-9]{1,9})k_tokens$")


class Skip(Exception):
    """An entry that is not priced per token; the message is the reason counted."""


def is_number(value):
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def femtos(name, key, value, inexact):
    """USD per token (exact decimal) -> integer femto-USD per token, rounded half-up."""
    if not is_number(value):
        raise Skip("non-numeric price")
    exact = Decimal(value) * FEMTOS_PER_USD
    if exact < 0:
        raise Skip("negative price")
    rounded = exact.to_integral_value(rounding=ROUND_HALF_UP)
    if rounded > LONG_MAX:
        raise Skip("price out of range")
    if rounded != exact:
        inexact.append((name, key, value, int(rounded), (rounded - exact) / exact))
    return int(rounded)


def max_output(entry):
    for key in ("max_output_tokens", "max_tokens"):
        value = entry.get(key)
        if is_number(value) and value > 0 and value == Decimal(value).to_integral_value() \
                and value <= LONG_MAX:
            return int(value)
    return None


def valid_name(name):
    return name.strip(" ") != "" and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in name)


def convert(name, entry, inexact):
    """One LiteLLM entry -> a row (list of cells), or raise Skip."""
    if not isinstance(entry, dict):
        raise Skip("not an object")
    if not valid_name(name):
        raise Skip("invalid model name")
    mode = entry.get("mode")
    if mode is None:
        raise Skip("no mode")
    if mode not in MODES:
        raise Skip("mode " + str(mode) if isinstance(mode, str) else "non-text mode")
    if entry.get("input_cost_per_token") is None or entry.get("output_cost_per_token") is None:
        raise Skip("no per-token price")
    found = []
    cells = {}
    for column, keys in BASE_FIELDS:
        cells[column] = None
        for key in keys:
            if entry.get(key) is not None:
                cells[column] = femtos(name, key, entry[key], found)
                break
    tiers = {}
    for key in sorted(entry):
        match = TIER_RE.match(key)
        if match and entry[key] is not None:
            threshold = int(match.group(2)) * 1000
            tiers.setdefault(threshold, {})[TIER_KEYS[match.group(1)]] = femtos(name, key, entry[key], found)
    inexact.extend(found)
    provider = entry.get("litellm_provider")
    if not isinstance(provider, str) or not valid_name(provider) or "\t" in provider:
        provider = None
    tier_cell = ";".join(
        "%d:%s" % (t, ",".join("%s=%d" % (p, tiers[t][p]) for p in TIER_PRICE_ORDER if p in tiers[t]))
        for t in sorted(tiers))
    row = [name, provider]
    row += [cells[c] for c, _ in BASE_FIELDS]
    row += [max_output(entry), tier_cell or None]
    return ["-" if v is None else str(v) for v in row]


def generate(source_bytes, source_name):
    def reject_constant(constant):
        raise SystemExit("%s: not valid JSON: %s" % (source_name, constant))

    data = json.loads(source_bytes.decode("utf-8"), parse_float=Decimal, parse_int=int,
                      parse_constant=reject_constant)
    if not isinstance(data, dict):
        raise SystemExit("%s: the top level must be a JSON object" % source_name)
    rows, skipped, inexact = [], Counter(), []
    for name, entry in data.items():
        try:
            rows.append(convert(name, entry, inexact))
        except Skip as reason:
            skipped[str(reason)] += 1
    rows.sort(key=lambda r: r[0])
    sha = hashlib.sha256(source_bytes).hexdigest()
    updated = data.get("last_updated")
    date = updated if isinstance(updated, str) and updated.strip() else "unknown"
    revision = "litellm-%s@sha256:%s" % (date[:10], sha[:12])
    header = [
        FORMAT_MAGIC,
        "# Generated by scripts/generate-price-table.py; do not edit by hand.",
        "# Prices are integer femto-USD per token: 1 USD = 10^15 femto-USD, 10^9 femto-USD = 1 microdollar.",
        "# '-' = no price (the loader applies the documented fallback). tiers = threshold:price=value,...;...",
        "# revision: " + revision,
        "# source: " + source_name,
        "# source-sha256: " + sha,
        "# source-date: " + date,
        "# source-entries: %d" % len(data),
        "# models: %d" % len(rows),
        "# skipped: %d" % sum(skipped.values()),
        "\t".join(COLUMNS),
    ]
    text = "\n".join(header + ["\t".join(r) for r in rows]) + "\n"
    return text, rows, skipped, inexact, revision


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=os.path.join(
        root, "..", "shared", "data", "model_prices_and_context_window.json"),
        help="LiteLLM price map (default: ../shared/data/model_prices_and_context_window.json)")
    parser.add_argument("--output", default=os.path.join(
        root, "modules", "analytics-core", "src", "main", "resources", "io", "ironcage", "analytics",
        "core", "pricing", "prices.tsv"), help="where to write the table (default: the core resource)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    args = parser.parse_args()

    with open(args.source, "rb") as f:
        source_bytes = f.read()
    text, rows, skipped, inexact, revision = generate(source_bytes, os.path.basename(args.source))
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    if args.quiet:
        return
    print("wrote %s: %d models, revision %s" % (args.output, len(rows), revision))
    print("skipped %d entries:" % sum(skipped.values()))
    for reason, count in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])):
        print("  %5d  %s" % (count, reason))
    worst = max((abs(e[4]) for e in inexact), default=Decimal(0))
    print("%d prices are not exact in femto-USD (worst relative error %.3E):" % (len(inexact), worst))
    for name, key, value, stored, error in inexact:
        print("  %s %s: %s USD -> %d fUSD (relative error %.3E)" % (name, key, value, stored, error))


if __name__ == "__main__":
    sys.exit(main())
