import { createHash, randomBytes } from 'node:crypto'

const PREFIX = 'lc_'

/** A new API key: 256 random bits, with a prefix that makes a leaked key easy to recognise in logs and scans. */
export function generateApiKey(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`
}

/** The secret a key's callbacks are signed with (HMAC-SHA256): 256 random bits, in hex. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`
}

/**
 * What is stored of a key. A fast hash is enough: the key is 256 random bits, so it cannot be guessed from
 * its hash, and a lookup by hash keeps every request's check to one indexed read.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex')
}

/** The key of an `Authorization: Bearer <key>` header; undefined when the header is absent, null when malformed. */
export function bearerKey(header: string | undefined): string | null | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer +([A-Za-z0-9_-]{1,200})\s*$/i.exec(header)
  return match?.[1] ?? null
}
