#!/usr/bin/env python3
"""bench/compare.py - side-by-side speed of the fips140 module and the system OpenSSL, in one run.

Symmetric algorithms: for each algorithm and size, runs `fips140 speed --json --sizes N ALG` and the matching
`openssl speed -mr -elapsed -evp NAME -bytes N -seconds S` (or `-hmac sha256`): MB/s (MB = 10^6 bytes).
Public-key operations (ECDSA, ECDH, Ed25519, RSA, FFDH; sign, verify, key agreement, key generation): runs
`fips140 speed --json ALG` ("ops_per_second") and `openssl speed -mr -elapsed -seconds S NAME` (ecdsap256,
ecdhp384, ed25519, rsa2048, ffdh2048...): operations per second. OpenSSL 3.0's `speed` has no key-generation
benchmark, so those rows show fips140 alone.
MACs, modes and KDFs of issue 6 (kind `kdf-mac`): CMAC-AES-128/256, AES-128-CCM and AES-256-XTS per buffer size
against `openssl speed -cmac aes-128-cbc`, `-aead -evp aes-128-ccm`, `-evp aes-256-xts` (MB/s); HKDF-SHA2-256
(derivations per second) and PBKDF2-HMAC-SHA2-256 (HMAC iterations per second) against bench/kdf_bench (EVP_KDF
"HKDF" / "PBKDF2" in OpenSSL's libcrypto, built next to the fips140 binary when libcrypto is found), since
`openssl speed` has no KDF benchmark. The parameters are in the header comments of cli/cmd_speed.c and
bench/kdf_bench.c.

Prints Markdown tables (fips140, OpenSSL, ratio fips140 / OpenSSL) with the machine's facts. `--out FILE` writes
them as a whole document to FILE; `--update FILE` replaces only the generated section(s) of FILE (between
`<!-- compare.py:KIND -->` and `<!-- /compare.py:KIND -->`, KIND symmetric, public-key or kdf-mac), or appends them.
Positional names select algorithms; `symmetric`, `public-key` and `kdf-mac` select a whole kind.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# fips140 speed name -> openssl speed arguments (OpenSSL 3.0 `speed` syntax)
ALGORITHMS = [
    ("SHA-1", ["-evp", "sha1"]),
    ("SHA2-256", ["-evp", "sha256"]),
    ("SHA2-512", ["-evp", "sha512"]),
    ("SHA3-256", ["-evp", "sha3-256"]),
    ("SHAKE-128", ["-evp", "shake128"]),
    ("HMAC-SHA2-256", ["-hmac", "sha256"]),
    ("AES-128-ECB", ["-evp", "aes-128-ecb"]),
    ("AES-128-CBC-enc", ["-evp", "aes-128-cbc"]),
    ("AES-128-CBC-dec", ["-evp", "aes-128-cbc", "-decrypt"]),
    ("AES-128-CTR", ["-evp", "aes-128-ctr"]),
    ("AES-256-CTR", ["-evp", "aes-256-ctr"]),
    # -aead: per record a fresh IV, 13 bytes of AAD and a tag, like `fips140 speed`'s one-shot GCM
    ("AES-128-GCM", ["-evp", "aes-128-gcm", "-aead"]),
    ("AES-256-GCM", ["-evp", "aes-256-gcm", "-aead"]),
    # the RBGs: fips140_rand_bytes (per-thread CTR_DRBG AES-256) against RAND_bytes (OpenSSL's per-thread public
    # CTR_DRBG AES-256), one request of N bytes per call
    ("RAND", ["rand"]),
]

# Issue 6 (kind "kdf-mac"): fips140 speed name -> openssl speed arguments, as ALGORITHMS. `openssl speed -cmac`
# keys the MAC once and runs EVP_MAC_init (no key), update, final per buffer; `-aead` with CCM sets a 12-byte IV and a
# 16-byte tag, then per record re-keys, sets the message length, 13 bytes of AAD, the payload and final (checked
# under gdb on OpenSSL 3.0.22); `-evp aes-256-xts` encrypts each buffer as one data unit with the same tweak.
KDF_MAC_ALGORITHMS = [
    ("CMAC-AES-128", ["-cmac", "aes-128-cbc"]),
    ("CMAC-AES-256", ["-cmac", "aes-256-cbc"]),
    ("AES-128-CCM", ["-evp", "aes-128-ccm", "-aead"]),
    ("AES-256-XTS", ["-evp", "aes-256-xts"]),
]

# Issue 6 KDFs: fips140 speed name -> (JSON field both `fips140 speed --json` and bench/kdf_bench print, unit).
KDF_ALGORITHMS = [
    ("HKDF-SHA2-256", "ops_per_second", "derivations/s"),
    ("PBKDF2-HMAC-SHA2-256", "iterations_per_second", "iterations/s"),
]

# fips140 speed public-key name -> (openssl speed algorithm, which figure of its -mr line), None: no counterpart.
# -mr lines (OpenSSL 3.0): +F2:i:bits:sign/s:verify/s (RSA), +F4:i:bits:sign/s:verify/s (ECDSA),
# +F5:i:bits:ops/s:s/op (ECDH), +F6:i:bits:name:sign/s:verify/s (EdDSA), +F8:i:bits:ops/s:s/op (FFDH).
PK_ALGORITHMS = [
    ("ECDSA-P256-sign", "ecdsap256", "sign"),
    ("ECDSA-P256-verify", "ecdsap256", "verify"),
    ("ECDSA-P256-keygen", None, None),
    ("ECDSA-P384-sign", "ecdsap384", "sign"),
    ("ECDSA-P384-verify", "ecdsap384", "verify"),
    ("ECDSA-P384-keygen", None, None),
    ("ECDSA-P521-sign", "ecdsap521", "sign"),
    ("ECDSA-P521-verify", "ecdsap521", "verify"),
    ("ECDSA-P521-keygen", None, None),
    ("ECDH-P256", "ecdhp256", "op"),
    ("ECDH-P384", "ecdhp384", "op"),
    ("ECDH-P521", "ecdhp521", "op"),
    ("Ed25519-sign", "ed25519", "sign"),
    ("Ed25519-verify", "ed25519", "verify"),
    ("Ed25519-keygen", None, None),
    ("RSA-2048-sign", "rsa2048", "sign"),
    ("RSA-2048-verify", "rsa2048", "verify"),
    ("RSA-3072-sign", "rsa3072", "sign"),
    ("RSA-3072-verify", "rsa3072", "verify"),
    ("RSA-2048-keygen", None, None),
    ("FFDH-ffdhe2048", "ffdh2048", "op"),
]


def run(cmd, timeout=600):
    """run - the command's stdout, or None (with a note on stderr) when it fails."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"compare.py: {' '.join(cmd)}: {e}", file=sys.stderr)
        return None
    if p.returncode != 0:
        print(f"compare.py: {' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()[:300]}", file=sys.stderr)
        return None
    return p.stdout


def fips140_speed(binary, alg, sizes, seconds, cpu_time=False):
    """fips140_speed - {size: bytes_per_second} from `fips140 speed --json`."""
    out = run([binary, "speed", "--json", "--seconds", str(seconds), "--sizes", ",".join(map(str, sizes))]
              + (["--cpu-time"] if cpu_time else []) + [alg])
    result = {}
    for line in (out or "").splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if obj.get("algorithm", "").lower() == alg.lower() and "bytes_per_second" in obj:
            result[int(obj["size"])] = float(obj["bytes_per_second"])
    return result


def fips140_ops(binary, alg, seconds, cpu_time=False):
    """fips140_ops - operations per second from `fips140 speed --json ALG`, or None (unknown to this build)."""
    out = run([binary, "speed", "--json", "--seconds", str(seconds)] + (["--cpu-time"] if cpu_time else []) + [alg])
    for line in (out or "").splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if obj.get("algorithm", "").lower() == alg.lower() and "ops_per_second" in obj:
            return float(obj["ops_per_second"])
    return None


def kdf_rate(cmd, alg, field):
    """kdf_rate - (rate, iterations) from the JSON line for alg with the given field, printed by `fips140 speed --json`
    or bench/kdf_bench; (None, None) when absent."""
    out = run(cmd)
    for line in (out or "").splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if obj.get("algorithm", "").lower() == alg.lower() and field in obj:
            return float(obj[field]), obj.get("iterations")
    return None, None


def openssl_ops(openssl, name, seconds, cpu_time=False):
    """openssl_ops - {"sign": ops/s, "verify": ops/s} or {"op": ops/s} from one `openssl speed -mr` run."""
    out = run([openssl, "speed", "-mr"] + ([] if cpu_time else ["-elapsed"]) + ["-seconds", str(max(1, round(seconds))),
                                                                                name])
    for line in (out or "").splitlines():
        fields = line.split(":")
        try:
            if fields[0] in ("+F2", "+F4"):
                return {"sign": float(fields[3]), "verify": float(fields[4])}
            if fields[0] == "+F6":
                return {"sign": float(fields[4]), "verify": float(fields[5])}
            if fields[0] in ("+F5", "+F8"):
                return {"op": float(fields[3])}
        except (IndexError, ValueError):
            return {}
    return {}


def ops(v):
    return f"{v:,.1f}" if v else "n/a"


def replace_section(path, kind, text):
    """replace_section - put text between the KIND markers of the file at path (appending them if absent)."""
    begin, end = f"<!-- compare.py:{kind} -->", f"<!-- /compare.py:{kind} -->"
    try:
        with open(path) as f:
            doc = f.read()
    except OSError:
        doc = ""
    block = f"{begin}\n{text.rstrip()}\n{end}"
    i, j = doc.find(begin), doc.find(end)
    if i >= 0 and j > i:
        doc = doc[:i] + block + doc[j + len(end):]
    else:
        doc = doc.rstrip() + ("\n\n" if doc else "") + block + "\n"
    with open(path, "w") as f:
        f.write(doc)


def openssl_speed(openssl, args, size, seconds, cpu_time=False):
    """openssl_speed - bytes per second from one `openssl speed -mr` run at one size, or None."""
    out = run([openssl, "speed", "-mr"] + ([] if cpu_time else ["-elapsed"])
              + ["-seconds", str(max(1, round(seconds))), "-bytes", str(size)] + args)
    for line in (out or "").splitlines():
        # +F:<index>:<name>:<bytes per second for each size>
        if line.startswith("+F:"):
            fields = line.split(":")
            try:
                return float(fields[3])
            except (IndexError, ValueError):
                return None
    return None


def machine_facts(binary, openssl):
    """machine_facts - list of (label, value) describing where the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info = run([binary, "info"]) or ""

    def info_field(label):
        m = re.search(r"^\s*" + re.escape(label) + r"\s+(.+)$", info, re.M)
        return m.group(1).strip() if m else "unknown"

    first = info.splitlines()[0] if info else "fips140 (unknown version)"
    paths = ", ".join(f"{fam} {info_field(fam + ' implementation')}"
                      for fam in ("sha1", "sha256", "sha512", "keccak", "aes", "ghash"))
    return [
        ("Date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("CPU", cpu),
        ("Cores", str(os.cpu_count())),
        ("CPU features (fips140)", info_field("features")),
        ("Kernel", f"{platform.system()} {platform.release()}"),
        ("Load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Module", first),
        ("Module paths", paths),
        ("Compiler (fips140)", info_field("compiler")),
        ("Build type", info_field("build type")),
        ("OpenSSL", (run([openssl, "version"]) or "unknown").strip()),
    ]


def mbps(v):
    return f"{v / 1e6:,.1f}" if v else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("algorithms", nargs="*", help="fips140 speed names (default: all)")
    ap.add_argument("--fips140", "--cli", dest="fips140", default=os.path.join(ROOT, "build", "bin", "fips140"), help="fips140 binary")
    ap.add_argument("--openssl", default="openssl", help="openssl binary")
    ap.add_argument("--seconds", type=float, default=1.0, help="time per measurement (OpenSSL: rounded, >= 1)")
    ap.add_argument("--sizes", default="16,1024,16384", help="comma-separated buffer sizes")
    ap.add_argument("--repeat", type=int, default=1, help="measure each cell N times, keep the best")
    ap.add_argument("--out", help="also write the report (Markdown) to this file")
    ap.add_argument("--cpu-time", action="store_true",
                    help="public-key and kdf-mac tables: count CPU time on both sides (fips140 speed --cpu-time, "
                         "openssl speed without -elapsed, kdf_bench --cpu-time) instead of wall time; steadier on a "
                         "shared machine")
    ap.add_argument("--kdf-bench", help="bench/kdf_bench binary (default: kdf_bench next to the fips140 binary)")
    ap.add_argument("--update", help="replace only the generated section(s) of this Markdown file (or append them)")
    args = ap.parse_args()

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1 or max(sizes) > 16384 or args.repeat < 1 or args.seconds <= 0:
        print("compare.py: --sizes must be 1..16384, --repeat >= 1, --seconds > 0", file=sys.stderr)
        return 2
    wanted = [a.lower() for a in args.algorithms]
    algs = [(n, o) for n, o in ALGORITHMS if not wanted or n.lower() in wanted or "symmetric" in wanted]
    pk_algs = [a for a in PK_ALGORITHMS if not wanted or a[0].lower() in wanted or "public-key" in wanted]
    km_algs = [(n, o) for n, o in KDF_MAC_ALGORITHMS if not wanted or n.lower() in wanted or "kdf-mac" in wanted]
    kdf_algs = [a for a in KDF_ALGORITHMS if not wanted or a[0].lower() in wanted or "kdf-mac" in wanted]
    unknown = set(wanted) - {n.lower() for n, _ in ALGORITHMS} - {a[0].lower() for a in PK_ALGORITHMS} \
        - {n.lower() for n, _ in KDF_MAC_ALGORITHMS} - {a[0].lower() for a in KDF_ALGORITHMS} \
        - {"symmetric", "public-key", "kdf-mac"}
    if unknown:
        print(f"compare.py: unknown algorithm(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    if not os.access(args.fips140, os.X_OK):
        print(f"compare.py: {args.fips140} not found; run `make` first", file=sys.stderr)
        return 1

    facts = machine_facts(args.fips140, args.openssl)
    rows = []
    for name, ossl_args in algs:
        print(f"compare.py: {name}...", file=sys.stderr, flush=True)
        for size in sizes:
            # alternate the two programs per size and keep the best of --repeat runs, so a burst of load on
            # the machine hits both sides alike
            mine = theirs = None
            for _ in range(args.repeat):
                m = fips140_speed(args.fips140, name, [size], args.seconds).get(size)
                t = openssl_speed(args.openssl, ossl_args, size, args.seconds)
                mine = max(filter(None, [mine, m]), default=None)
                theirs = max(filter(None, [theirs, t]), default=None)
            ratio = f"{mine / theirs:.2f}" if mine and theirs else "n/a"
            rows.append((name, size, mbps(mine), mbps(theirs), ratio, " ".join(ossl_args)))

    # issue 6 (kdf-mac): MACs and modes per size, then the KDFs against bench/kdf_bench
    km_rows = []
    for name, ossl_args in km_algs:
        print(f"compare.py: {name}...", file=sys.stderr, flush=True)
        for size in sizes:
            mine = theirs = None
            for _ in range(args.repeat):
                m = fips140_speed(args.fips140, name, [size], args.seconds, args.cpu_time)
                # fips140 speed runs XTS buffers below 16 bytes (its minimum data unit) at 16; OpenSSL refuses them
                m = m.get(size, m.get(16) if name.endswith("-XTS") and size < 16 else None)
                t = openssl_speed(args.openssl, ossl_args, max(size, 16) if name.endswith("-XTS") else size,
                                  args.seconds, args.cpu_time)
                mine = max(filter(None, [mine, m]), default=None)
                theirs = max(filter(None, [theirs, t]), default=None)
            ratio = f"{mine / theirs:.2f}" if mine and theirs else "n/a"
            km_rows.append((name, size, mbps(mine), mbps(theirs), ratio, " ".join(ossl_args)))
    kdf_bench = args.kdf_bench or os.path.join(os.path.dirname(os.path.abspath(args.fips140)), "kdf_bench")
    have_kdf_bench = os.access(kdf_bench, os.X_OK)
    if kdf_algs and not have_kdf_bench:
        print(f"compare.py: {kdf_bench} not found (built with OpenSSL's libcrypto by CMake): KDF rows show fips140 "
              "alone", file=sys.stderr)
    kdf_rows = []
    clock_args = ["--cpu-time"] if args.cpu_time else []
    for name, field, unit in kdf_algs:
        print(f"compare.py: {name}...", file=sys.stderr, flush=True)
        mine = theirs = None
        note = "kdf_bench (EVP_KDF)" if have_kdf_bench else "none (kdf_bench not built)"
        for _ in range(args.repeat):
            m, m_iter = kdf_rate([args.fips140, "speed", "--json", "--seconds", str(args.seconds)] + clock_args
                                 + [name], name, field)
            t = t_iter = None
            if have_kdf_bench:
                t, t_iter = kdf_rate([kdf_bench, "--seconds", str(args.seconds)] + clock_args + [name], name, field)
            if m and t and m_iter != t_iter:  # both sides must run the same iteration count
                print(f"compare.py: {name}: iterations differ (fips140 {m_iter}, kdf_bench {t_iter})", file=sys.stderr)
                t = None
                note = f"none (iterations differ: {m_iter} vs {t_iter})"
            mine = max(filter(None, [mine, m]), default=None)
            theirs = max(filter(None, [theirs, t]), default=None)
        ratio = f"{mine / theirs:.2f}" if mine and theirs else "n/a"
        kdf_rows.append((name, unit, ops(mine), ops(theirs), ratio, note))

    pk_rows = []
    ossl_cache = {}  # (openssl name, repeat) -> figures: sign and verify rows share one OpenSSL run
    for name, ossl_name, figure in pk_algs:
        print(f"compare.py: {name}...", file=sys.stderr, flush=True)
        mine = theirs = None
        for rep in range(args.repeat):
            m = fips140_ops(args.fips140, name, args.seconds, args.cpu_time)
            t = None
            if ossl_name:
                if (ossl_name, rep) not in ossl_cache:
                    ossl_cache[(ossl_name, rep)] = openssl_ops(args.openssl, ossl_name, args.seconds, args.cpu_time)
                t = ossl_cache[(ossl_name, rep)].get(figure)
            mine = max(filter(None, [mine, m]), default=None)
            theirs = max(filter(None, [theirs, t]), default=None)
        ratio = f"{mine / theirs:.2f}" if mine and theirs else "n/a"
        pk_rows.append((name, ops(mine), ops(theirs), ratio, f"{ossl_name} ({figure})" if ossl_name else "none"))

    lines = ["| Algorithm | Size (bytes) | fips140 MB/s | OpenSSL MB/s | Ratio (fips140 / OpenSSL) |",
             "|---|---:|---:|---:|---:|"]
    lines += [f"| {n} | {s} | {a} | {b} | {r} |" for n, s, a, b, r, _ in rows]
    table = "\n".join(lines) if rows else ""
    pk_lines = ["| Operation | fips140 ops/s | OpenSSL ops/s | Ratio (fips140 / OpenSSL) | `openssl speed` |",
                "|---|---:|---:|---:|---|"]
    pk_lines += [f"| {n} | {a} | {b} | {r} | {o} |" for n, a, b, r, o in pk_rows]
    pk_table = "\n".join(pk_lines) if pk_rows else ""
    km_lines = ["| Algorithm | Size (bytes) | fips140 MB/s | OpenSSL MB/s | Ratio (fips140 / OpenSSL) "
                "| `openssl speed` |",
                "|---|---:|---:|---:|---:|---|"]
    km_lines += [f"| {n} | {s} | {a} | {b} | {r} | `{o}` |" for n, s, a, b, r, o in km_rows]
    km_table = "\n".join(km_lines) if km_rows else ""
    kdf_lines = ["| KDF | Unit | fips140 | OpenSSL | Ratio (fips140 / OpenSSL) | OpenSSL side |",
                 "|---|---|---:|---:|---:|---|"]
    kdf_lines += [f"| {n} | {u} | {a} | {b} | {r} | {o} |" for n, u, a, b, r, o in kdf_rows]
    kdf_table = "\n".join(kdf_lines) if kdf_rows else ""
    facts_md = "\n".join(f"- **{k}**: {v}" for k, v in facts)
    print(facts_md + "\n\n" + "\n\n".join(t for t in (table, km_table, kdf_table, pk_table) if t))

    clock_note = ("counting process CPU time on both sides (`fips140 speed --cpu-time`, `openssl speed` without "
                  "`-elapsed`)") if args.cpu_time else "counting wall-clock time on both sides"
    pk_doc = f"""## Public-key operations

Produced by `bench/compare.py` (`fips140 speed --json` "ops_per_second" against `openssl speed -mr`) in one run,
{clock_note}, on:

{facts_md}

{pk_table}

Operations per second, one thread; ratio > 1 means fips140 is faster. Each cell is the best of
{args.repeat} measurement(s) of about {args.seconds:g} s, the two programs alternating per row. Signatures: ECDSA over a
digest as long as the curve order (P-521: 64 bytes), with a fresh random k (both sides); Ed25519 over 32 bytes;
RSA RSASSA-PKCS1-v1_5 with SHA2-256 and e = 65537 (OpenSSL: its default PKCS#1 v1.5 padding, e = 65537). RSA signing
in fips140 includes blinding and a check of the signature with the public key before it is released. ECDH in
fips140 validates the peer's public key on every call. Key generation includes the pairwise consistency test
(FIPS 140-3 IG 10.3.A); OpenSSL 3.0's `speed` has no key-generation benchmark.
""" if pk_rows else ""

    km_doc = f"""Produced by `bench/compare.py` in one run, {clock_note}, on:

{facts_md}

{km_table}

{kdf_table}

MB = 10^6 bytes per second of input; ratio > 1 means fips140 is faster. Each cell is the best of {args.repeat}
measurement(s) of about {args.seconds:g} s, the two programs alternating per cell. CMAC: a 16-byte MAC per buffer, key
set once (`openssl speed -cmac`). AES-128-CCM: one sealed record per buffer, 12-byte nonce, 13-byte AAD, 16-byte tag
(`openssl speed -aead` uses the same lengths, and re-keys per record). AES-256-XTS: one data unit per buffer, fixed
tweak. HKDF-SHA2-256: extract and expand, 32-byte IKM, 32-byte salt, 10-byte info, 32 bytes out. PBKDF2-HMAC-SHA2-256:
16-byte password, 16-byte salt, 10000 iterations, 32 bytes out, counted in HMAC iterations per second. OpenSSL's KDF
side is bench/kdf_bench (EVP_KDF with its parameters set once, each call a full derivation).
""" if km_rows or kdf_rows else ""

    if args.update:
        if rows:
            replace_section(args.update, "symmetric", "# fips140 vs OpenSSL: throughput\n\nProduced by "
                            "`bench/compare.py` (`fips140 speed --json` against `openssl speed -mr -elapsed`) in one "
                            "run, on:\n\n" + facts_md + "\n\n" + table)
        if km_doc:
            replace_section(args.update, "kdf-mac", km_doc)
        if pk_rows:
            replace_section(args.update, "public-key", pk_doc)
        print(f"compare.py: updated {args.update}", file=sys.stderr)

    if args.out:
        mapping = "\n".join(f"- {n}: `openssl speed {' '.join(o)}`" for n, o in algs)
        doc = f"""# fips140 vs OpenSSL: throughput

Produced by `bench/compare.py` (`fips140 speed --json` against `openssl speed -mr -elapsed`) in one
run, on:

{facts_md}

{table}

MB = 10^6 bytes per second of input; ratio > 1 means fips140 is faster. Each cell is the best of
{args.repeat} measurement(s) of about {args.seconds:g} s (wall clock, one thread), the two programs alternating
per cell so that load from other processes hits both alike; expect noise between runs, more on a busy machine.
Hashes and HMAC: one-shot per buffer (HMAC re-uses the keyed state, as OpenSSL's EVP_MAC does). AES-GCM:
one sealed record per buffer (12-byte IV, 13-byte AAD, 16-byte tag), as `openssl speed -aead` does.
ECB, CBC and CTR: streaming over consecutive buffers. SHAKE-128: 16 bytes of output per buffer.
RAND: one `fips140_rand_bytes` / `RAND_bytes` request of N bytes per buffer.

OpenSSL arguments per algorithm:

{mapping}

{"## MACs, modes and KDFs (issue 6)" + chr(10) + chr(10) + km_doc if km_doc else ""}
{pk_doc}"""
        with open(args.out, "w") as f:
            f.write(doc)
        print(f"compare.py: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
