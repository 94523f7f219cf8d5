import sys
import time

name = sys.stdin.readline().strip() or "world"
for step in range(1, 4):
    print(f"Hello, {name}! ({step}/3)", flush=True)
    time.sleep(0.5)
