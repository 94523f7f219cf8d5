#!/usr/bin/env node
// livecode-mcp: a Model Context Protocol server over stdio whose tools (run_code, list_languages) use the
// LiveCode API at LIVECODE_URL (default http://127.0.0.1:3000), with LIVECODE_API_KEY when the server needs keys.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import { createLiveCodeClient } from './client.ts'
import { createMcpServer } from './mcp-server.ts'

const client = createLiveCodeClient({
  baseUrl: process.env.LIVECODE_URL || 'http://127.0.0.1:3000',
  apiKey: process.env.LIVECODE_API_KEY || undefined,
  // An agent's call should ride out a busy moment (429, 503) rather than fail it.
  retry: { retries: 3, maxWaitSeconds: 30 },
})
const server = createMcpServer(client)
await server.connect(new StdioServerTransport())
// stdout carries the protocol: anything for people goes to stderr.
console.error(`livecode-mcp: serving ${process.env.LIVECODE_URL || 'http://127.0.0.1:3000'} over stdio`)
