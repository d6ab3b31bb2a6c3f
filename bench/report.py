"""Results: bench/results/latest.json (one object per page), a dated copy next to it,
a table appended to docs/benchmarks.md, and PASS/MISS on the console."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from bench.server import REPO

RESULTS = REPO / "bench" / "results"
DOCS = REPO / "docs" / "benchmarks.md"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu": cpu,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def git_commit() -> str:
    def git(*args: str) -> str:
        command = ["git", *args]
        run = subprocess.run  # fixed git invocation, no input
        return run(command, cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def verdict(page: dict[str, Any]) -> str:
    if page.get("skipped"):
        return "SKIPPED"
    if page.get("errors"):
        return "ERROR"
    target = page.get("target_p95_ms")
    if target is None or page.get("p95_ms") is None:
        return "-"
    return "PASS" if page["p95_ms"] <= target else "MISS"


def merged(result: dict[str, Any], path: Path, order: list[str]) -> dict[str, Any]:
    """A run of some pages (`--only`) updates those pages in `path` and keeps the others,
    when `path` holds a run on the same database vendor and data size; otherwise the
    new result replaces it. Every page carries the date and commit it was measured at,
    so a merged file says which numbers are older."""
    meta = result["meta"]
    for page in result["pages"]:
        page.setdefault("measured", {"date": meta["date"], "commit": meta["commit"]})
    try:
        previous = json.loads(path.read_text())
        same = (
            previous["meta"]["database"]["vendor"] == meta["database"]["vendor"]
            and previous["meta"]["data"]["cases"] == meta["data"]["cases"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return result
    if not same:
        return result
    pages = {p["key"]: p for p in previous.get("pages", [])}
    for page in previous.get("pages", []):
        page.setdefault("measured", {"date": previous["meta"].get("date"), "commit": "?"})
    pages.update({p["key"]: p for p in result["pages"]})
    rank = {key: i for i, key in enumerate(order)}
    return {
        "meta": {**meta, "pages_measured_in_this_run": [p["key"] for p in result["pages"]]},
        "pages": sorted(pages.values(), key=lambda p: rank.get(p["key"], len(rank))),
    }


def keep_concurrency(result: dict[str, Any], path: Path) -> dict[str, Any]:
    """A partial run without the concurrency phase keeps the last one measured."""
    try:
        previous = json.loads(path.read_text()).get("concurrency")
    except (OSError, ValueError, AttributeError):
        return result
    return {**result, "concurrency": previous} if previous else result


def write_json(result: dict[str, Any], path: Path, *, keep_copy: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text)
    if keep_copy:
        stamp = result["meta"]["date"].replace(":", "").replace("-", "")[:15]
        meta = result["meta"]
        name = f"{stamp}-{meta['database']['vendor']}-{meta['data']['cases']}.json"
        (path.parent / name).write_text(text)


def _cell(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def markdown(result: dict[str, Any]) -> str:
    meta = result["meta"]
    m, data, db = meta["machine"], meta["data"], meta["database"]
    lines = [
        f"### {meta['date'][:16].replace('T', ' ')} UTC · {db['version']} · "
        f"{data['cases']:,} trajecten · commit {meta['commit']}",
        "",
        f"- Machine: {m['nproc']} × {m['cpu']}, {m['memory_gb']} GB geheugen, "
        f"load average bij de start {m['load_average'][0]} (bij het einde "
        f"{meta['load_average_end'][0]}).",
        f"- Data: {data['cases']:,} trajecten, {data['actions']:,} acties, "
        f"{data['audit_rows']:,} auditregels, {data['teams']:,} teams, {data['users']:,} gebruikers"
        + (
            f", {data['consent_versions']:,} toestemmingsversies, "
            f"{data['budget_requests']:,} budgetaanvragen, {data['deviations']:,} afwijkingen, "
            f"{data['effect_entries']:,} effectposten"
            if "consent_versions" in data
            else ""
        )
        + (
            f"; gegenereerd in {meta['generation_seconds']:,.0f} s."
            if meta.get("generation_seconds")
            else " (bestaande dataset)."
        ),
    ]
    if result["pages"]:
        lines += _page_table_head(meta)
    for page in result["pages"]:
        if page.get("skipped"):
            lines.append(
                f"| {page['label']} | {page['skipped']} | | | | | | | | | | "
                f"{_cell(page.get('target_p95_ms'), 0)} | SKIPPED |"
            )
            continue
        lines.append(
            "| {label} | {p50} | {p95} | {p99} | {rps} | {q} | {db} | {app_cpu} | {db_cpu} "
            "| {raw} | {ratio} | "
            "{target} | {verdict} |".format(
                label=page["label"],
                p50=_cell(page["p50_ms"]),
                p95=_cell(page["p95_ms"]),
                p99=_cell(page["p99_ms"]),
                rps=_cell(page["rps"]),
                q=_queries(page),
                db=_cell(page.get("db_p50_ms")),
                app_cpu=_cell(page.get("app_cpu_ms")),
                db_cpu=_cell(page.get("db_cpu_ms")),
                raw=_cell(page.get("raw_sql_p50_ms"), 2),
                ratio=_cell(page.get("ratio_to_raw_sql")),
                target=_cell(page.get("target_p95_ms"), 0),
                verdict=verdict(page),
            )
        )
    if result.get("concurrency"):
        lines += ["", *concurrency_markdown(result["concurrency"])]
    return "\n".join(lines) + "\n"


def _page_table_head(meta: dict[str, Any]) -> list[str]:
    # A run of the concurrency phase alone (--only concurrency) measures no single pages.
    return [
        f"- Belasting: {meta['threads']} threads met keep-alive, max. {meta['requests_per_page']} "
        f"verzoeken of {meta['seconds_per_page']:.0f} s per pagina na {meta['warmup']} "
        f"opwarmverzoeken per thread; gunicorn {meta['workers']} workers (gthread, 1 thread), "
        "productie-instellingen zonder TLS.",
        "",
        "| Pagina | p50 ms | p95 ms | p99 ms | req/s | queries | DB ms (p50) "
        "| CPU app ms | CPU DB ms | ruwe SQL p50 ms | pagina/SQL | doel p95 | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]


def _ok(met: bool) -> str:
    return "PASS" if met else "MISS"


def concurrency_markdown(c: dict[str, Any]) -> list[str]:
    g, met, t = c["gunicorn"], c["met"], c["targets"]
    lines = [
        f"Gelijktijdigheid (locust): {c['users']} ingelogde gebruikers, denktijd "
        f"{c['think_time_s'][0]}–{c['think_time_s'][1]} s, {c['seconds']:.0f} s per meting; "
        f"gunicorn {g['workers']} workers × {g['threads']} threads; met audit draait de "
        f"sequencer als eigen proces (na afloop {c.get('unsequenced_at_end') or 0} regels "
        f"nog te ketenen, ingehaald in {c.get('sequencer_catch_up_s') or 0} s).",
        "",
        "| Pagina | met audit p50 | p95 | req/s | zonder audit p50 | p95 | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page in c["pages"].values():
        on, off = page["audited"], page["unaudited"]
        lines.append(
            f"| {page['label']} | {_cell(on.get('p50_ms'), 0)} | {_cell(on.get('p95_ms'), 0)} "
            f"| {_cell(on.get('rps'))} | {_cell(off.get('p50_ms'), 0)} "
            f"| {_cell(off.get('p95_ms'), 0)} | {_cell(off.get('rps'))} |"
        )
    ratio = c.get("audited_to_unaudited")
    lines += [
        "",
        f"- Doorvoer met audit / zonder: {_cell(ratio, 2)} "
        f"({_cell(c['audited_rps'])} / {_cell(c['unaudited_rps'])} req/s; doel ≥ "
        f"{t['audited_to_unaudited']}): {_ok(met['audited_to_unaudited'])}",
        f"- Slechtste p95 van de leespagina's met audit: {_cell(c['audited_p95_ms'], 0)} ms "
        f"(doel ≤ {t['page_p95_ms']:.0f}): {_ok(met['page_p95_ms'])}",
        f"- p95 schrijven met audit: {_cell(c['write_p95_ms'], 0)} ms "
        f"(doel ≤ {t['write_p95_ms']:.0f}): {_ok(met['write_p95_ms'])}",
    ]
    sat = c.get("saturated")
    if sat:
        lines.append(
            f"- Verzadigd (zelfde gebruikers zonder denktijd): met/zonder audit "
            f"{_cell(sat['audited_rps'])} / {_cell(sat['unaudited_rps'])} req/s "
            f"(×{_cell(sat['audited_to_unaudited'], 2)}), p95 lezen "
            f"{_cell(sat['audited_p95_ms'], 0)} / {_cell(sat['unaudited_p95_ms'], 0)} ms, "
            f"p95 schrijven {_cell(sat['write_p95_ms'], 0)} / "
            f"{_cell(sat['unaudited_write_p95_ms'], 0)} ms."
        )
    return lines


def _queries(page: dict[str, Any]) -> str:
    q, low, high = page.get("queries"), page.get("queries_min"), page.get("queries_max")
    if q is None:
        return "–"
    return str(q) if low == high else f"{q} ({low}–{high})"


def append_docs(result: dict[str, Any], path: Path = DOCS) -> None:
    if not path.exists():
        path.write_text("# Benchmarks\n\n## Runs\n\n")
    with path.open("a") as handle:
        handle.write("\n" + markdown(result))


def console(result: dict[str, Any]) -> str:
    rows = []
    for page in result["pages"]:
        v = verdict(page)
        if page.get("skipped"):
            rows.append(f"  {v:<8} {page['label']:<36} {page['skipped']}")
            continue
        target = page.get("target_p95_ms")
        extra = f" (doel ≤ {target:.0f})" if target else ""
        raw = page.get("raw_sql_p50_ms")
        raw_text = f", ruwe SQL p50 {raw:.2f} ms (×{page['ratio_to_raw_sql']:.1f})" if raw else ""
        rows.append(
            f"  {v:<8} {page['label']:<36} p50 {page['p50_ms']:>7.1f}  p95 {page['p95_ms']:>7.1f}"
            f"{extra}  p99 {page['p99_ms']:>7.1f} ms, {page['rps']:.0f} req/s, "
            f"{_queries(page)} queries{raw_text}{_cpu_text(page)}"
        )
    if result.get("concurrency"):
        c = result["concurrency"]
        rows.append(
            f"  gelijktijdig {c['users']} gebruikers: met/zonder audit "
            f"{c['audited_rps']}/{c['unaudited_rps']} req/s (×{c['audited_to_unaudited']}), "
            f"p95 lezen {c['audited_p95_ms']} ms, p95 schrijven {c['write_p95_ms']} ms"
        )
    return "\n".join(rows)


def _cpu_text(page: dict[str, Any]) -> str:
    app, db = page.get("app_cpu_ms"), page.get("db_cpu_ms")
    if app is None:
        return ""
    return f", CPU app {app:.1f} ms" + (f" + DB {db:.1f} ms" if db is not None else "")
