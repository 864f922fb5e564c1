"""Hold a Holdfast lock over HTTP while working: acquire, renew in a thread, stop a margin BEFORE the lease can end.

Usage: HOLDFAST_API_KEY=demo-key python3 holdfast_lock.py NAMESPACE/ID SECONDS_OF_WORK"""
import os, sys, threading, time, requests

SERVER, LOCK, WORK_S = os.environ.get("HOLDFAST_SERVER", "http://localhost:8080"), sys.argv[1], float(sys.argv[2])
LEASE_MS, MARGIN_S, OWNER = 6000, 1.0, "py-worker"
api = requests.Session()
api.headers["X-Api-Key"] = os.environ["HOLDFAST_API_KEY"]
deadline, lost = 0.0, threading.Event()

def call(action, **body):  # the local deadline counts from the request's START, on the monotonic clock
    global deadline
    start = time.monotonic()
    answer = api.post(f"{SERVER}/api/v1/locks/{LOCK}/{action}", json={"owner": OWNER, **body}, timeout=5)
    answer.raise_for_status()
    if answer.content:
        deadline = start + answer.json()["remainingMs"] / 1000 - MARGIN_S
        return answer.json()

def keep(token):  # renew at a third of the lease; refused means lost, unreachable means retry until the deadline
    while not lost.wait(LEASE_MS / 3000):
        try: call("renew", token=token, leaseMs=LEASE_MS)
        except requests.HTTPError as refused: lost.set() if refused.response.status_code < 500 else None
        except requests.RequestException: pass

token = call("acquire", leaseMs=LEASE_MS, waitMs=5000)["token"]
threading.Thread(target=keep, args=(token,), daemon=True).start()
print(f"holding {LOCK} token {token}", flush=True)
end = time.monotonic() + WORK_S
while time.monotonic() < end:  # the work, in small steps, each one only while the lock is surely held
    if lost.is_set() or time.monotonic() >= deadline:
        sys.exit(print(f"lost {LOCK}: stopped before the lease could end", file=sys.stderr) or 3)
    time.sleep(0.1)
lost.set()
call("release", token=token)
print(f"released {LOCK}")
