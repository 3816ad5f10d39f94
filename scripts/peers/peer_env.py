"""What the peer scripts share: re-running inside the peers' virtual environment, medians, the machine's load and
the one JSON line each script prints. Not part of the tests."""
import importlib.util, json, os, platform, subprocess, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
VENV = os.environ.get("JEPALAB_PEERS_VENV", os.path.join(ROOT, ".venv-peers"))


def ensure(*modules):
    """Returns if `modules` can be imported; if one is missing, re-runs this script with the venv's Python, first
    creating the venv and installing the packages with `scripts/peers/setup` when that Python lacks them too."""
    if all(importlib.util.find_spec(module) for module in modules):
        return
    python = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(python):
        if os.environ.get("JEPALAB_PEERS_SETUP_RAN"):
            sys.exit("%s is missing from %s even after scripts/peers/setup" % (", ".join(modules), VENV))
        subprocess.check_call([os.path.join(ROOT, "scripts", "peers", "setup")], stdout=sys.stderr)
        os.environ["JEPALAB_PEERS_SETUP_RAN"] = "1"
    elif not os.path.exists(python):
        subprocess.check_call([os.path.join(ROOT, "scripts", "peers", "setup")], stdout=sys.stderr)
    os.execv(python, [python] + sys.argv)


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def timed(f):
    """Seconds that `f()` takes."""
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def physics_figures(episodes, count, actions, repeats):
    """Times `episodes.run(count, actions)` `repeats` times after a one-episode warm-up (`run` returns physics steps,
    seconds inside the engine's step call, mean contacts and objects moved) and summarises the runs."""
    episodes.run(1, actions)
    stepping, total, contacts, moved = [], [], [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        steps, inside, contact, pushed = episodes.run(count, actions)
        seconds = time.perf_counter() - start
        stepping.append(steps / inside)
        total.append(steps / seconds)
        contacts.append(contact)
        moved += pushed
    steps_per_second = median(stepping)
    return {"steps_per_s": round(steps_per_second), "real_time_factor": round(steps_per_second * 0.002, 1),
            "min_max": [round(min(stepping)), round(max(stepping))],
            "steps_per_s_with_python_controller": round(median(total)),
            "contacts": round(sum(contacts) / len(contacts), 1),
            "objects_moved": "%d of %d" % (moved, 2 * count * repeats)}


def load_average():
    """The 1-minute load average, for judging how busy the machine was."""
    return os.getloadavg()[0]


def report(peer, results, load_before):
    """Prints the one JSON line of a peer script: what was measured, where, when and under what load."""
    line = {
        "peer": peer,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": "%s, %d cores" % (platform.processor() or platform.machine(), os.cpu_count()),
        "python": platform.python_version(),
        "load_before": round(load_before, 2),
        "load_after": round(load_average(), 2),
    }
    line.update(results)
    print(json.dumps(line))
