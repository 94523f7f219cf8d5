// The program a new session starts with, per language: it reads the Input and greets, so both panes matter.
import type { LanguageId } from './contract.ts'

export const STARTER_INPUT = 'Ada\n'

export const STARTERS: Record<LanguageId, string> = {
  python: `import sys
import time

name = sys.stdin.readline().strip() or "world"
for step in range(1, 4):
    print(f"Hello, {name}! ({step}/3)", flush=True)
    time.sleep(0.5)
`,
  javascript: `const name = require('node:fs').readFileSync(0, 'utf8').trim() || 'world'

let step = 0
const timer = setInterval(() => {
  step += 1
  console.log(\`Hello, \${name}! (\${step}/3)\`)
  if (step === 3) clearInterval(timer)
}, 500)
`,
  cpp: `#include <chrono>
#include <iostream>
#include <string>
#include <thread>

int main() {
  std::string name;
  if (!std::getline(std::cin, name) || name.empty()) name = "world";
  for (int step = 1; step <= 3; ++step) {
    std::cout << "Hello, " << name << "! (" << step << "/3)" << std::endl;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}
`,
}

/** True when the source is one of the starters, untouched: switching language may then replace it. */
export function isStarter(source: string): boolean {
  return Object.values(STARTERS).some((starter) => starter.trim() === source.trim())
}

export const FILE_NAMES: Record<LanguageId, string> = { python: 'main.py', javascript: 'main.js', cpp: 'main.cpp' }
