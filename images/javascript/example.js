const name = require('node:fs').readFileSync(0, 'utf8').trim() || 'world'

let step = 0
const timer = setInterval(() => {
  step += 1
  console.log(`Hello, ${name}! (${step}/3)`)
  if (step === 3) clearInterval(timer)
}, 500)
