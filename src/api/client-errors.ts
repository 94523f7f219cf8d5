import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { ERRORS, type ErrorCode, errorBody } from './errors.ts'

/**
 * Errors Node's HTTP parser meets before a request exists (a request not received within
 * HTTP_REQUEST_TIMEOUT_MS, headers too large, bytes that are not HTTP): answered in the contract's error
 * shape like every other error, then the connection is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const code: ErrorCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'request_timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'headers_too_large'
        : 'validation_error'
  const status = ERRORS[code].status
  const body = JSON.stringify(
    errorBody(code, code === 'validation_error' ? 'the request is not valid HTTP' : ERRORS[code].message),
  )
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    )
  }
  socket.destroy()
}
